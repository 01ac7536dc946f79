import { failure, partnerText, warning, type Finding } from '../finding.js';
import { describePage, type Listing } from '../harvest-listing.js';
import type { HarvestRule } from '../rule.js';

// Each page of the harvest in the contract's shape: the partner names itself, says when it answered,
// and lists datasets of its own entity type whose ids carry its prefix (dataset ids are global across
// the consortium; the index drops any other, subgraphs/catalog-index/harvest-client.ts).

export const harvestAnswers: HarvestRule = {
  id: 'harvest',
  title: '_catalogHarvest answers for this partner, with its own datasets under its prefix',
  async run({ listing, partnerId, entityType }) {
    return judgeHarvest(listing, partnerId, entityType);
  },
};

export function judgeHarvest(listing: Listing, partnerId: string, entityType: string): Finding[] {
  if (!listing.ok) return [listing.finding];
  const findings: Finding[] = [];
  for (const { request, answer } of listing.pages) {
    const where = describePage(request);
    if (answer.partnerId !== partnerId) {
      findings.push(failure({
        where: `${where} { partner { id } }`, expected: `"${partnerId}"`, found: `"${partnerText(answer.partnerId, 80)}"`,
        fix: `answer partner { id } with "${partnerId}", the partner id the federation knows you by (or check another partner with --partner)`,
      }));
    }
    if (!isDateTime(answer.generatedAt)) {
      findings.push(failure({
        where: `${where} { generatedAt }`, expected: 'an ISO 8601 date-time with an offset, e.g. 2026-03-01T12:00:00Z', found: `"${partnerText(answer.generatedAt, 80)}"`,
        fix: 'answer generatedAt with your clock\'s time in ISO 8601: the index asks for changes since it at its next harvest',
      }));
    }
  }
  for (const dataset of listing.datasets) findings.push(...datasetProblems(dataset, partnerId, entityType));
  if (listing.datasets.length === 0) {
    findings.push(warning({
      where: describePage(listing.pages[0]!.request), expected: 'at least one dataset', found: 'no datasets',
      fix: 'serve at least one dataset while checking: pagination, modifiedSince and _entities cannot be checked on an empty catalog',
    }));
  }
  return findings;
}

function datasetProblems(dataset: Record<string, unknown> & { id: string; __typename: string }, partnerId: string, entityType: string): Finding[] {
  const where = `dataset "${partnerText(dataset.id, 120)}"`;
  const findings: Finding[] = [];
  if (!dataset.id.startsWith(`${partnerId}:`) || dataset.id.length === partnerId.length + 1) {
    findings.push(failure({
      where: `${where} { id }`, expected: `an id starting with "${partnerId}:"`, found: `"${partnerText(dataset.id, 120)}"`,
      fix: `prefix every dataset id with "${partnerId}:": ids are global across the consortium, and the index drops datasets without your prefix`,
    }));
  }
  if (dataset.__typename !== entityType) {
    findings.push(failure({
      where: `${where} { __typename }`, expected: entityType, found: partnerText(dataset.__typename, 80),
      fix: `resolve Dataset's type to ${entityType} for your datasets`,
    }));
  }
  const publisher = (dataset.publisher as { id?: unknown } | null | undefined)?.id;
  if (publisher !== undefined && publisher !== partnerId) {
    findings.push(failure({
      where: `${where} { publisher { id } }`, expected: `"${partnerId}"`, found: partnerText(JSON.stringify(publisher) ?? 'null', 80),
      fix: 'answer publisher with your own partner record: the policies recognise the owner by it',
    }));
  }
  return findings;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function isDateTime(text: string): boolean {
  return DATE_TIME.test(text) && !Number.isNaN(Date.parse(text));
}
