import { failure, NO_LISTING, partnerText, skip, warning, type Finding, type Skipped } from '../finding.js';
import { describePage, type HarvestPage, type Listing } from '../harvest-listing.js';
import type { HarvestRule } from '../rule.js';

// `datasetIds` lists every dataset the partner serves now, whatever modifiedSince says, so that the
// index drops the ones that disappeared (schema/partner.graphql, CatalogHarvest). Without a filter,
// that is exactly the ids the harvest pages hold.

export const datasetIds: HarvestRule = {
  id: 'dataset-ids',
  title: 'datasetIds lists exactly the datasets the harvest holds',
  async run({ listing }) {
    return judgeDatasetIds(listing);
  },
};

export function judgeDatasetIds(listing: Listing): Finding[] | Skipped {
  if (!listing.ok) return skip(NO_LISTING);
  return compareIds(listing.pages[0]!, listing.datasets.map((d) => d.id));
}

/** The first page's datasetIds against the ids the partner serves. */
export function compareIds(firstPage: HarvestPage, served: readonly string[]): Finding[] {
  const where = `${describePage(firstPage.request)} { datasetIds }`;
  const listed = firstPage.answer.datasetIds;
  if (listed === null) {
    return [failure({ where, expected: 'the list of every dataset id you serve', found: 'no datasetIds', fix: 'serve datasetIds on CatalogHarvest' })];
  }
  const listedSet = new Set(listed);
  const servedSet = new Set(served);
  const missing = served.filter((id) => !listedSet.has(id));
  const extra = listed.filter((id) => !servedSet.has(id));
  const findings: Finding[] = [];
  if (missing.length > 0) {
    findings.push(failure({
      where, expected: `every one of the ${servedSet.size} datasets served`, found: `${missing.length} missing, e.g. ${ids(missing)}`,
      fix: 'list every dataset you serve in datasetIds: the index drops the datasets it does not find there',
    }));
  }
  if (extra.length > 0) {
    findings.push(failure({
      where, expected: `only the ${servedSet.size} datasets served`, found: `${extra.length} more, e.g. ${ids(extra)}`,
      fix: 'list in datasetIds only the datasets you serve (none past its deletion date): the index keeps every id it finds there',
    }));
  }
  if (listedSet.size !== listed.length) {
    findings.push(warning({ where, expected: 'each id once', found: `${listed.length - listedSet.size} ids repeated`, fix: 'list each id once' }));
  }
  return findings;
}

function ids(list: readonly string[]): string {
  return list.slice(0, 3).map((id) => `"${partnerText(id, 120)}"`).join(', ');
}
