import { randomBytes } from 'node:crypto';
import { FACT_ALIAS_PREFIX, FACTS_SELECTION } from '../../../../schema/policy/catalog-facts.js';
import { failure, NO_LISTING, partnerText, skip, warning, type Finding, type Skipped } from '../finding.js';
import { firstError } from '../refusal.js';
import type { HarvestedDataset } from '../harvest-listing.js';
import type { PartnerResponse } from '../partner-client.js';
import type { HarvestRule } from '../rule.js';

// The gateway reads a dataset from its partner through `_entities`, with the governance facts its
// policies decide by (schema/policy/catalog-facts.ts); the index and clients see what the harvest
// said. For datasets spread over the harvest, `_entities` must resolve the harvested id to the same
// public values and answer the facts without error; an id the partner does not serve resolves to null.

export const SAMPLE_SIZE = 10;

export const entities: HarvestRule = {
  id: 'entities',
  title: '_entities resolves harvested ids to the same public values, with the gateway\'s facts',
  async run({ client, listing, entityType, selection, partnerId }) {
    if (!listing.ok) return skip(NO_LISTING);
    const sample = sampleOf(listing.datasets);
    if (sample.length === 0) return skip('the harvest holds no dataset to resolve');
    const query = entitiesQuery(entityType, selection);
    const representations = sample.map((d) => ({ __typename: entityType, id: d.id }));
    const answer = await client.signed({ query, operationName: 'ContractCheckEntities', variables: { representations } });
    const unknownId = `${partnerId}:contract-check-${randomBytes(6).toString('hex')}`;
    const unknown = await client.signed({ query, operationName: 'ContractCheckEntities', variables: { representations: [{ __typename: entityType, id: unknownId }] } });
    return judgeEntities(sample, answer, unknownId, unknown);
  },
};

export function entitiesQuery(entityType: string, selection: string): string {
  return `query ContractCheckEntities($representations: [_Any!]!) {
  _entities(representations: $representations) { __typename ... on ${entityType} { ${selection} ${FACTS_SELECTION} } }
}`;
}

/** Up to SAMPLE_SIZE datasets spread evenly from the first to the last. */
export function sampleOf<T>(datasets: readonly T[]): T[] {
  if (datasets.length <= SAMPLE_SIZE) return [...datasets];
  const step = (datasets.length - 1) / (SAMPLE_SIZE - 1);
  return Array.from({ length: SAMPLE_SIZE }, (_, i) => datasets[Math.round(i * step)]!);
}

export function judgeEntities(sample: readonly HarvestedDataset[], answer: PartnerResponse, unknownId: string, unknown: PartnerResponse): Finding[] | Skipped {
  const where = `_entities(representations: [${sample.length} harvested ids])`;
  const resolved = answer.body?.data?._entities;
  if (answer.status !== 200 || answer.body?.errors?.length || !Array.isArray(resolved) || resolved.length !== sample.length) {
    return [failure({
      where, expected: `${sample.length} entities and no errors`,
      found: Array.isArray(resolved) && !answer.body?.errors?.length ? `${resolved.length} entities` : `HTTP ${answer.status}${firstError(answer) || ' without data._entities'}`,
      fix: 'resolve references of your entity type by id (__resolveReference, or your stack\'s entity resolver), with every public field and the governance facts the gateway asks for',
    })];
  }
  const findings = sample.flatMap((dataset, i) => compareEntity(dataset, resolved[i]));
  findings.push(...judgeUnknown(unknownId, unknown));
  return findings;
}

function compareEntity(harvested: HarvestedDataset, entity: unknown): Finding[] {
  const where = `_entities({ id: "${partnerText(harvested.id, 120)}" })`;
  if (entity === null || typeof entity !== 'object') {
    return [failure({
      where, expected: `the dataset the harvest lists as "${partnerText(harvested.id, 120)}"`, found: 'null',
      fix: 'resolve every dataset the harvest lists: the gateway fetches each one through _entities',
    })];
  }
  const publicPart = Object.fromEntries(Object.entries(entity).filter(([key]) => !key.startsWith(FACT_ALIAS_PREFIX)));
  const difference = firstDifference(harvested, publicPart, '');
  return difference === null ? [] : [failure({
    where: `${where} { ${difference.path.slice(1)} }`,
    expected: `${partnerText(JSON.stringify(difference.harvested) ?? 'nothing', 120)}, as the harvest says`,
    found: partnerText(JSON.stringify(difference.resolved) ?? 'nothing', 120),
    fix: 'serve one record per dataset: the harvest (what the index searches) and _entities (what the gateway serves and decides by) must agree',
  })];
}

function judgeUnknown(unknownId: string, response: PartnerResponse): Finding[] {
  const resolved = response.body?.data?._entities;
  if (response.status === 200 && !response.body?.errors?.length && Array.isArray(resolved) && resolved.length === 1 && resolved[0] === null) return [];
  return [warning({
    where: `_entities({ id: "${unknownId}" })`, expected: '[null]: a dataset you do not serve',
    found: Array.isArray(resolved) && !response.body?.errors?.length ? partnerText(JSON.stringify(resolved), 120) : `HTTP ${response.status}${firstError(response)}`,
    fix: 'resolve an id you do not serve to null, without an error: the gateway then answers that the dataset does not exist',
  })];
}

interface Difference {
  path: string;
  harvested: unknown;
  resolved: unknown;
}

/** The first place two JSON values differ, as a dotted path ("" when they are the same). */
export function firstDifference(harvested: unknown, resolved: unknown, path: string): Difference | null {
  if (Array.isArray(harvested) && Array.isArray(resolved)) {
    if (harvested.length !== resolved.length) return { path, harvested: `${harvested.length} items`, resolved: `${resolved.length} items` };
    for (let i = 0; i < harvested.length; i++) {
      const inner = firstDifference(harvested[i], resolved[i], `${path}[${i}]`);
      if (inner) return inner;
    }
    return null;
  }
  if (isRecord(harvested) && isRecord(resolved)) {
    for (const key of new Set([...Object.keys(harvested), ...Object.keys(resolved)])) {
      const inner = firstDifference(harvested[key], resolved[key], `${path}.${key}`);
      if (inner) return inner;
    }
    return null;
  }
  return Object.is(harvested, resolved) ? null : { path, harvested, resolved };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
