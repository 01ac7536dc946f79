import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogFile } from '../../../../subgraphs/partner-kit/catalog-file.js';
import { REPO_ROOT } from '../../../harness/demo-federation.js';
import { personaClaims, PERSONA_NAMES } from '../../../../subgraphs/demo/demo-personas.js';
import { PRINCIPAL_HEADER, encodePrincipal } from '../../../../runtime/subgraph-protocol/forwarded-principal.js';
import { ANONYMOUS } from '../../../../schema/policy/principal.js';
import { startDemoFederation, type DemoFederation } from '../../../harness/demo-federation.js';
import { postGraphQL } from '../../../harness/graphql-http.js';
import { bearer } from '../../../harness/tokens.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const SEARCH = `query S($q: String!, $filter: DatasetFilter, $usable: UsableBy, $sort: SearchSort, $first: Int, $after: String) {
  search(query: $q, filter: $filter, usableBy: $usable, sort: $sort, first: $first, after: $after) {
    totalCount
    edges { cursor score node { id title } }
    pageInfo { hasNextPage endCursor }
    facets { partners { value count } dataClasses { value count } licences { value count } themes { value count } keywords { value count } useConditions { value count } years { value count } }
  }
}`;

type Search = {
  totalCount: number;
  edges: { cursor: string; score: number; node: { id: string; title: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  facets: Record<string, { value: string; count: number }[]>;
};

describe('search through the gateway', () => {
  let federation: DemoFederation;
  const run = async (variables: Record<string, unknown>, persona: (typeof PERSONA_NAMES)[number] = 'anonymous') => {
    const { body } = await postGraphQL<{ search: Search }>(federation.gatewayUrl, SEARCH, variables, await bearer(personaClaims(persona, NOW.getTime())));
    expect(body.errors).toBeUndefined();
    return body.data!.search;
  };
  beforeAll(async () => { federation = await startDemoFederation({ now: () => NOW }); });
  afterAll(async () => { await federation?.close(); });

  it('finds across partners, most relevant first, with typos and prefixes', async () => {
    const broad = await run({ q: 'data' });
    expect(new Set(broad.edges.map((e) => e.node.id.split(':')[0])).size).toBeGreaterThan(1);
    const exact = await run({ q: 'temperature' });
    expect(exact.totalCount).toBeGreaterThan(3);
    expect(exact.edges[0]!.node.title.toLowerCase()).toContain('temperature');
    const scores = exact.edges.map((e) => e.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const typo = await run({ q: 'temperture' });
    expect(new Set(typo.edges.map((e) => e.node.id))).toEqual(new Set(exact.edges.map((e) => e.node.id)));
    const prefix = await run({ q: 'permafr' });
    expect(prefix.totalCount).toBeGreaterThan(0);
    expect(prefix.edges.every((e) => /permafrost/i.test(e.node.title) || e.score > 0)).toBe(true);
  });

  it('gives facet counts that add up to the list, and change when a facet is chosen', async () => {
    const all = await run({ q: '', first: 1000 });
    for (const facet of ['partners', 'dataClasses', 'licences', 'years']) {
      expect(all.facets[facet]!.reduce((sum, f) => sum + f.count, 0), facet).toBe(all.totalCount);
    }
    const hospital = await run({ q: '', filter: { partners: ['northbridge-hospital'] }, first: 1000 });
    expect(hospital.facets.partners).toEqual([{ value: 'northbridge-hospital', count: hospital.totalCount }]);
    const byClass = Object.fromEntries(hospital.facets.dataClasses!.map((f) => [f.value, f.count]));
    const anonymized = await run({ q: '', filter: { partners: ['northbridge-hospital'], dataClasses: ['ANONYMIZED'] } });
    expect(anonymized.totalCount).toBe(byClass.ANONYMIZED);
  });

  it('pages through results with cursors in each sort', async () => {
    for (const sort of ['RELEVANCE', 'MODIFIED', 'TITLE']) {
      const seen: string[] = [];
      let after: string | null = null;
      let total = 0;
      for (let i = 0; i < 20; i++) {
        const page: Search = await run({ q: 'data', sort, first: 10, after });
        total = page.totalCount;
        seen.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen.length, sort).toBe(total);
      expect(new Set(seen).size, sort).toBe(total);
    }
  });

  it('keeps, with usableBy: ME, exactly the datasets the gateway would let each persona use', async () => {
    const usable: Record<string, Set<string>> = {};
    for (const persona of PERSONA_NAMES) {
      const result = await run({ q: '', usable: 'ME', first: 1000 }, persona);
      usable[persona] = new Set(result.edges.map((e) => e.node.id));
      expect(result.facets.partners!.reduce((sum, f) => sum + f.count, 0)).toBe(result.totalCount);
    }
    // Spot checks against the decision matrix (test/integration/decision-matrix.test.ts).
    expect(usable.anonymous!.has('boreal-climate-institute:ds-001')).toBe(true);
    expect(usable.anonymous!.has('northbridge-hospital:ds-007')).toBe(false);
    expect(usable.researcher!.has('northbridge-hospital:ds-022')).toBe(true);
    expect(usable.researcher!.has('northbridge-hospital:ds-005')).toBe(false);
    expect(usable.analyst!.has('helix-therapeutics:ds-008')).toBe(true);
    expect(usable.analyst!.has('northbridge-hospital:ds-004')).toBe(false);
    expect(usable.steward!.has('northbridge-hospital:ds-025')).toBe(true);
    // And each persona's list is what the gateway then serves: every listed dataset's URLs come back.
    const { body } = await postGraphQL(federation.gatewayUrl,
      '{ search(usableBy: ME, first: 1000) { edges { node { id distributions { accessUrl } } } } }', undefined,
      await bearer(personaClaims('researcher', NOW.getTime())));
    expect(body.errors).toBeUndefined();
    expect(body.data!.search.edges.length).toBe(usable.researcher!.size);
  });

  it('cannot be fooled by a principal header sent by the client', async () => {
    const forged = encodePrincipal({ ...ANONYMOUS, authenticated: true, subject: 'x', organisation: 'northbridge-hospital', scopes: new Set(['consortium:member']) }, []);
    const { body } = await postGraphQL(federation.gatewayUrl, '{ search(usableBy: ME, first: 1000) { totalCount } }', undefined, { [PRINCIPAL_HEADER]: forged });
    const anonymous = await run({ q: '', usable: 'ME', first: 1000 });
    expect(body.data!.search.totalCount).toBe(anonymous.totalCount);
  });

  it('finds nothing by words that appear only in restricted fields (no oracle)', async () => {
    const words = restrictedOnlyWords();
    expect(words.length).toBeGreaterThan(10);
    for (const word of words.slice(0, 40)) {
      const result = await run({ q: word });
      expect(result.totalCount, word).toBe(0);
    }
  });
});

// Words of the restricted fields (contact points, data dictionaries, sample records, retention,
// royalty terms) that no public field contains, not even as a prefix or within the fuzzy search's
// reach: if search found any of them, it would be revealing restricted content.
function restrictedOnlyWords(): string[] {
  const tokens = (text: string) => text.toLowerCase().split(/[^a-z0-9]+/).filter((t) => t.length >= 6);
  const publicWords = new Set<string>();
  const restricted = new Set<string>();
  for (const partner of ['northbridge-hospital', 'helix-therapeutics', 'boreal-climate-institute']) {
    const catalog = JSON.parse(readFileSync(join(REPO_ROOT, `subgraphs/partners/${partner}/catalog.json`), 'utf8')) as CatalogFile;
    for (const d of catalog.datasets) {
      for (const t of tokens([d.title, d.description, ...d.keywords, ...d.themes].join(' '))) publicWords.add(t);
      const hidden = [d.contactPoint?.name, d.contactPoint?.email, ...(d.dataDictionary ?? []).flatMap((c) => [c.name, c.description]),
        JSON.stringify(d.sampleRecords ?? []), d.retention?.basis, d.licence.royalty?.basis];
      for (const t of tokens(hidden.filter(Boolean).join(' '))) restricted.add(t);
    }
  }
  const near = (a: string, b: string) => a.startsWith(b) || b.startsWith(a) || editDistance(a, b) <= Math.ceil(a.length * 0.25);
  return [...restricted].filter((w) => !/^\d+$/.test(w) && ![...publicWords].some((p) => near(w, p))).sort();
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
