import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogFile } from '../../../../subgraphs/partner-kit/catalog-file.js';
import { personaClaims, PERSONA_NAMES, type PersonaName } from '../../../../subgraphs/demo/demo-personas.js';
import { PRINCIPAL_HEADER, decodePrincipal, encodePrincipal } from '../../../../runtime/subgraph-protocol/forwarded-principal.js';
import { principalFromClaims } from '../../../../schema/identity-claims.js';
import { readFederationManifest } from '../../../../schema/federation-manifest.js';
import { REPO_ROOT, startDemoFederation, type DemoFederation } from '../../../harness/demo-federation.js';
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

  it('finds across partners, most relevant first, with typos', async () => {
    const broad = await run({ q: 'data' });
    expect(new Set(broad.edges.map((e) => e.node.id.split(':')[0])).size).toBeGreaterThan(1);
    const exact = await run({ q: 'temperature' });
    expect(exact.totalCount).toBeGreaterThan(3);
    expect(exact.edges[0]!.node.title.toLowerCase()).toContain('temperature');
    const scores = exact.edges.map((e) => e.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const typo = await run({ q: 'temperture' });
    expect(new Set(typo.edges.map((e) => e.node.id))).toEqual(new Set(exact.edges.map((e) => e.node.id)));
  });

  it('completes the last word as a prefix: finds exactly the datasets with a public word beginning with it', async () => {
    const words = publicWordsById();
    const expected = [...words].filter(([, w]) => w.some((word) => word.startsWith('permafr'))).map(([id]) => id).sort();
    expect(expected.length).toBeGreaterThan(0);
    // No public text has the bare prefix as a word of its own: only prefix completion can find these.
    expect([...words.values()].some((w) => w.includes('permafr'))).toBe(false);
    const prefix = await run({ q: 'permafr', first: 1000 });
    expect(prefix.edges.map((e) => e.node.id).sort()).toEqual(expected);
    expect(prefix.totalCount).toBe(expected.length);
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
    const usable = await usableByPersona();
    // Spot checks against the decision matrix (test/integration/gateway/authz/decision-matrix.test.ts).
    expect(usable.anonymous.has('boreal-climate-institute:ds-001')).toBe(true);
    expect(usable.anonymous.has('northbridge-hospital:ds-007')).toBe(false);
    expect(usable.researcher.has('northbridge-hospital:ds-022')).toBe(true);
    expect(usable.researcher.has('northbridge-hospital:ds-005')).toBe(false);
    expect(usable.analyst.has('helix-therapeutics:ds-008')).toBe(true);
    expect(usable.analyst.has('northbridge-hospital:ds-004')).toBe(false);
    expect(usable.steward.has('northbridge-hospital:ds-025')).toBe(true);
    // And each list is exactly the datasets whose URLs the gateway then serves to that persona.
    for (const persona of PERSONA_NAMES) {
      const served = await datasetsWithServedUrls(persona);
      expect(served.size, persona).toBeGreaterThan(0);
      expect([...usable[persona]].sort(), persona).toEqual([...served].sort());
    }
  });

  it('differs by persona: the index decides on the principal the gateway forwards', async () => {
    const usable = await usableByPersona();
    const sizes = PERSONA_NAMES.map((p) => usable[p].size);
    expect(new Set(sizes).size, `usable datasets per persona: ${sizes.join(', ')}`).toBe(PERSONA_NAMES.length);
    federation.indexRecorder.clear();
    await run({ q: '', usable: 'ME' }, 'researcher');
    const received = federation.indexRecorder.requests.map((r) => r.headers[PRINCIPAL_HEADER]);
    expect(received).toHaveLength(1);
    expect(decodePrincipal(received[0])).toMatchObject({ authenticated: true, subject: 'demo-researcher', organisation: 'uni-leiden' });
  });

  it('cannot be fooled by a principal header sent by the client', async () => {
    const usable = await usableByPersona();
    // The steward's own principal: were it honoured, the steward's list would come back.
    const steward = principalFromClaims(personaClaims('steward', NOW.getTime()));
    if (!steward.ok) throw new Error(steward.reason);
    const forged = { [PRINCIPAL_HEADER]: encodePrincipal(steward.principal, steward.principal.grants) };
    const list = async (headers: Record<string, string>) => {
      const { body } = await postGraphQL<{ search: Search }>(federation.gatewayUrl, '{ search(usableBy: ME, first: 1000) { edges { node { id } } } }', undefined, headers);
      expect(body.errors).toBeUndefined();
      return new Set(body.data!.search.edges.map((e) => e.node.id));
    };
    expect(usable.steward).not.toEqual(usable.anonymous);
    expect(usable.steward).not.toEqual(usable.researcher);

    federation.indexRecorder.clear();
    expect(await list(forged), 'forged, no token').toEqual(usable.anonymous);
    expect(federation.indexRecorder.requests.map((r) => r.headers[PRINCIPAL_HEADER])).toEqual([undefined]);

    federation.indexRecorder.clear();
    expect(await list({ ...forged, ...await bearer(personaClaims('researcher', NOW.getTime())) }), 'forged, with a token').toEqual(usable.researcher);
    const received = federation.indexRecorder.requests.map((r) => decodePrincipal(r.headers[PRINCIPAL_HEADER]).subject);
    expect(received).toEqual(['demo-researcher']);

    // Nor can it go around the gateway: the index answers only requests the gateway signed.
    const direct = await postGraphQL(federation.indexUrl, '{ search(usableBy: ME) { totalCount } }', undefined, forged);
    expect(direct.status).not.toBe(200);
    expect(direct.body.data?.search).toBeUndefined();
  });

  async function usableByPersona(): Promise<Record<PersonaName, Set<string>>> {
    const usable = {} as Record<PersonaName, Set<string>>;
    for (const persona of PERSONA_NAMES) {
      const result = await run({ q: '', usable: 'ME', first: 1000 }, persona);
      expect(result.facets.partners!.reduce((sum, f) => sum + f.count, 0)).toBe(result.totalCount);
      usable[persona] = new Set(result.edges.map((e) => e.node.id));
    }
    return usable;
  }

  /** The datasets whose every distribution URL the gateway serves to the persona, without a denial. */
  async function datasetsWithServedUrls(persona: PersonaName): Promise<Set<string>> {
    const { body } = await postGraphQL<{ datasets: { edges: { node: { id: string; distributions: { accessUrl: string | null }[] } }[] } }>(
      federation.gatewayUrl, '{ datasets(first: 1000) { edges { node { id distributions { accessUrl } } } } }', undefined,
      await bearer(personaClaims(persona, NOW.getTime())));
    const denied = new Set((body.errors ?? []).filter((e) => e.path?.at(-1) === 'accessUrl').map((e) => e.path![2] as number));
    return new Set(body.data!.datasets.edges.filter((edge, i) => !denied.has(i) && edge.node.distributions.length > 0).map((e) => e.node.id));
  }
});

/** Each dataset's public words (title, description, keywords, themes), from every manifest partner's catalog. */
function publicWordsById(): Map<string, string[]> {
  const words = new Map<string, string[]>();
  for (const partner of readFederationManifest().partners) {
    const catalog = JSON.parse(readFileSync(join(REPO_ROOT, partner.catalog), 'utf8')) as CatalogFile;
    for (const d of catalog.datasets) {
      words.set(d.id, [d.title, d.description, ...d.keywords, ...d.themes].join(' ').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean));
    }
  }
  return words;
}
