import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../runtime/audit/reports/seeded-random.js';
import type { CatalogFile } from '../../../../subgraphs/partner-kit/catalog-file.js';
import type { SoakPersona } from '../../../bench/soak/soak-personas.js';
import { nextRequest, QUERIES, weightedPick, workloadPools } from '../../../bench/soak/soak-workloads.js';

const PERSONAS: SoakPersona[] = [
  { name: 'anonymous', claims: null, weight: 1, focus: [] },
  { name: 'analyst with grants', claims: { sub: 'a' }, weight: 1, focus: ['helix:ds-1'] },
];
const POOLS = { datasetIds: ['nbh:ds-1', 'nbh:ds-2', 'helix:ds-1'], partnerIds: ['nbh', 'helix'], searchWords: ['cohort', 'trial'] };

describe('weightedPick', () => {
  it.each<[number, string]>([[0, 'a'], [0.29, 'a'], [0.3, 'b'], [0.99, 'c']])('at %d picks %s', (point, expected) => {
    expect(weightedPick(() => point, [['a', 3], ['b', 6], ['c', 1]])).toBe(expected);
  });

  it('never picks an item of weight 0 and refuses an empty list', () => {
    expect(weightedPick(() => 0, [['never', 0], ['always', 1]])).toBe('always');
    expect(() => weightedPick(() => 0.5, [])).toThrow(RangeError);
  });
});

describe('nextRequest', () => {
  const draw = (seed: string, count: number) => {
    const random = seededRandom(seed);
    return Array.from({ length: count }, () => nextRequest(random, PERSONAS, POOLS));
  };

  it('draws the same requests from the same seed, and others from another', () => {
    const bodies = (seed: string) => draw(seed, 50).map((r) => `${r.persona.name} ${r.body}`);
    expect(bodies('s1')).toEqual(bodies('s1'));
    expect(bodies('s2')).not.toEqual(bodies('s1'));
  });

  it('sends each workload its own query, with arguments from the pools, and no "my grants" without a token', () => {
    const requests = draw('mix', 2000);
    expect(new Set(requests.map((r) => r.workload))).toEqual(new Set(Object.keys(QUERIES)));
    for (const request of requests) {
      const body = JSON.parse(request.body) as { query: string; variables?: Record<string, unknown> };
      expect(body.query).toBe(QUERIES[request.workload]);
      if (request.workload === 'my grants') expect(request.persona.claims).not.toBeNull();
      if (request.workload === 'dataset page') expect(POOLS.datasetIds).toContain(body.variables!.id);
      if (request.workload === 'search') expect(POOLS.searchWords).toContain(body.variables!.q);
    }
  });

  it('asks for a persona\'s focus datasets on about half its dataset pages', () => {
    const pages = draw('focus', 4000).filter((r) => r.workload === 'dataset page' && r.persona.focus.length > 0);
    const focused = pages.filter((r) => (JSON.parse(r.body) as { variables: { id: string } }).variables.id === 'helix:ds-1').length;
    // Half on the focus dataset, plus a third of the other half drawing it from all three.
    expect(focused / pages.length).toBeGreaterThan(0.55);
    expect(focused / pages.length).toBeLessThan(0.78);
  });
});

describe('workloadPools', () => {
  it('lists every dataset and partner, and title words of five letters or more, once each, sorted', () => {
    const catalogs = [
      { partner: { id: 'p1' }, datasets: [{ id: 'p1:a', title: 'Cohort study: cohort of 2020' }, { id: 'p1:b', title: 'Air quality' }] },
      { partner: { id: 'p2' }, datasets: [{ id: 'p2:c', title: 'Quality trial' }] },
    ] as unknown as CatalogFile[];
    expect(workloadPools(catalogs)).toEqual({ datasetIds: ['p1:a', 'p1:b', 'p2:c'], partnerIds: ['p1', 'p2'], searchWords: ['cohort', 'quality', 'study', 'trial'] });
  });
});
