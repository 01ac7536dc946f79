import type { CatalogFile } from '../../../subgraphs/partner-kit/catalog-file.js';
import type { SoakPersona } from './soak-personas.js';

// What the soak's clients ask, each request drawn with the client's seeded generator: the persona,
// then the workload and its arguments. Every workload selects guarded fields, so every answer is
// something oracle 1 can check and, when it serves a @policy value, something the audit must hold.

export const QUERIES = {
  search: 'query SoakSearch($q: String!) { search(query: $q, first: 10) { totalCount edges { node { id title dataClass contactPoint { email } sampleRecords } } } }',
  listing: 'query SoakListing($partners: [ID!]) { datasets(first: 20, filter: { partners: $partners }) { totalCount edges { node { id title dataClass licence { id royalty { ratePercent currency } } distributions { id accessUrl } } } } }',
  'dataset page': 'query SoakDataset($id: ID!) { dataset(id: $id) { id title dataClass embargoUntil contactPoint { name email } dataDictionary { name } qualityReport { completeness } sampleRecords retention { retainUntil deletionDue } licence { id royalty { ratePercent currency } } distributions { id mediaType accessUrl downloadUrl } } }',
  'my grants': 'query SoakGrants { myGrants { id datasetId active dataset { id title sampleRecords distributions { id accessUrl } } } }',
} as const;

export type WorkloadName = keyof typeof QUERIES;

/** Shares of the workloads; "my grants" needs a token, so anonymous callers search instead. */
export const WORKLOAD_WEIGHTS: readonly (readonly [WorkloadName, number])[] = [
  ['search', 30],
  ['listing', 25],
  ['dataset page', 40],
  ['my grants', 5],
];

/** A dataset page asks for one of the persona's focus datasets this often, otherwise for any. */
const FOCUS_SHARE = 0.5;

export interface WorkloadPools {
  datasetIds: readonly string[];
  partnerIds: readonly string[];
  searchWords: readonly string[];
}

export interface SoakRequest {
  persona: SoakPersona;
  workload: WorkloadName;
  body: string;
}

/** Every dataset id, every partner id, and words from the titles to search for. */
export function workloadPools(catalogs: readonly CatalogFile[]): WorkloadPools {
  const words = new Set<string>();
  for (const { datasets } of catalogs) {
    for (const d of datasets) for (const word of d.title.toLowerCase().split(/[^a-z]+/)) if (word.length >= 5) words.add(word);
  }
  return {
    datasetIds: catalogs.flatMap((c) => c.datasets.map((d) => d.id)),
    partnerIds: catalogs.map((c) => c.partner.id),
    searchWords: [...words].sort(),
  };
}

/** One of the items, each as likely as its weight. */
export function weightedPick<T>(random: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  if (!(total > 0)) throw new RangeError('nothing to pick from');
  let point = random() * total;
  for (const [item, weight] of items) {
    point -= weight;
    if (point < 0) return item;
  }
  return items.at(-1)![0];
}

function pickOne<T>(random: () => number, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('nothing to pick from');
  return items[Math.min(items.length - 1, Math.floor(random() * items.length))]!;
}

function variablesFor(random: () => number, workload: WorkloadName, persona: SoakPersona, pools: WorkloadPools): Record<string, unknown> | undefined {
  switch (workload) {
    case 'search':
      return { q: pickOne(random, pools.searchWords) };
    case 'listing':
      // One partner's page, or a page across all of them.
      return random() < 0.75 ? { partners: [pickOne(random, pools.partnerIds)] } : {};
    case 'dataset page':
      return { id: persona.focus.length > 0 && random() < FOCUS_SHARE ? pickOne(random, persona.focus) : pickOne(random, pools.datasetIds) };
    case 'my grants':
      return undefined;
  }
}

/** The next request of a client: persona, workload, then the workload's arguments, all from `random`. */
export function nextRequest(random: () => number, personas: readonly SoakPersona[], pools: WorkloadPools): SoakRequest {
  const persona = weightedPick(random, personas.map((p) => [p, p.weight] as const));
  const drawn = weightedPick(random, WORKLOAD_WEIGHTS);
  const workload: WorkloadName = drawn === 'my grants' && persona.claims === null ? 'search' : drawn;
  const variables = variablesFor(random, workload, persona, pools);
  return { persona, workload, body: JSON.stringify(variables ? { query: QUERIES[workload], variables } : { query: QUERIES[workload] }) };
}
