import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personaClaims, PERSONA_NAMES } from '../../../../subgraphs/demo/demo-personas.js';
import { principalFromClaims } from '../../../../schema/identity-claims.js';
import { CATALOG_POLICIES } from '../../../../schema/policy/catalog-policies.js';
import { ANONYMOUS } from '../../../../schema/policy/principal.js';
import type { CatalogFile, DatasetRecord } from '../../../../subgraphs/partner-kit/catalog-file.js';
import { REPO_ROOT, startDemoFederation, type DemoFederation } from '../../../harness/demo-federation.js';
import { postGraphQL } from '../../../harness/graphql-http.js';
import { bearer } from '../../../harness/tokens.js';

// Every served dataset in one operation, through aliases, a named fragment on the interface, an
// inline fragment on a partner type, variables and @include: the second pass must reach, for each
// of them, exactly the decision the pure policy gives for that dataset's facts.

const NOW = new Date('2026-11-24T12:00:00Z');
const QUERY = `
  query Everything($first: Int!, $withSamples: Boolean!) {
    all: datasets(first: $first) { totalCount edges { node { ...Access } } }
  }
  fragment Access on Dataset {
    key: id
    files: distributions { link: accessUrl }
    ... on HelixTherapeuticsDataset { samples: sampleRecords @include(if: $withSamples) }
  }`;

const datasets = new Map<string, DatasetRecord & { partnerId: string }>(
  ['northbridge-hospital', 'helix-therapeutics', 'boreal-climate-institute'].flatMap((p) => {
    const file = JSON.parse(readFileSync(join(REPO_ROOT, `subgraphs/partners/${p}/catalog.json`), 'utf8')) as CatalogFile;
    return file.datasets.map((d) => [d.id, { ...d, partnerId: p }] as const);
  }),
);

function expectedAccess(persona: (typeof PERSONA_NAMES)[number], dataset: DatasetRecord & { partnerId: string }) {
  const claims = personaClaims(persona, NOW.getTime());
  const result = claims ? principalFromClaims(claims) : { ok: true as const, principal: ANONYMOUS };
  if (!result.ok) throw new Error(result.reason);
  return CATALOG_POLICIES['dataset:access']!({
    principal: result.principal,
    grants: result.principal.grants,
    now: NOW,
    facts: {
      datasetId: dataset.id, partnerId: dataset.partnerId, dataClass: dataset.dataClass, licenceId: dataset.licence.id,
      useConditions: dataset.useConditions, embargoUntil: dataset.embargoUntil ?? null, deletionDue: null,
    },
  });
}

describe('hundreds of datasets with mixed decisions in one operation', () => {
  let federation: DemoFederation;
  beforeAll(async () => { federation = await startDemoFederation({ now: () => NOW }); });
  afterAll(async () => { await federation?.close(); });

  it.each(PERSONA_NAMES)('as %s, every dataset gets its own decision', async (persona) => {
    const { body } = await postGraphQL(federation.gatewayUrl, QUERY, { first: 1000, withSamples: true }, await bearer(personaClaims(persona, NOW.getTime())));
    const nodes = body.data!.all.edges.map((e: { node: unknown }) => e.node) as { key: string; files: { link: string | null }[]; samples?: string[] | null }[];
    expect(nodes.length).toBe(body.data!.all.totalCount);
    expect(nodes.length).toBeGreaterThan(120);
    const errorsAt = new Map((body.errors ?? []).map((e) => [e.path!.join('.'), e.extensions?.reason]));
    let allowed = 0;
    let denied = 0;
    nodes.forEach((node, i) => {
      const dataset = datasets.get(node.key)!;
      const decision = expectedAccess(persona, dataset);
      node.files.forEach((file, d) => {
        const path = `all.edges.${i}.node.files.${d}.link`;
        if (decision.allow) {
          expect(file.link, path).toBe(dataset.distributions[d]!.accessUrl ?? null);
          expect(errorsAt.has(path), path).toBe(false);
        } else {
          expect(file.link, path).toBeNull();
          expect(errorsAt.get(path), path).toBe(decision.reason);
        }
      });
      if (dataset.partnerId === 'helix-therapeutics') {
        expect(node.samples === null, `${node.key} samples`).toBe(!decision.allow);
      } else {
        expect(node).not.toHaveProperty('samples');
      }
      if (decision.allow) allowed++;
      else denied++;
    });
    if (persona !== 'anonymous') expect(allowed).toBeGreaterThan(0);
    expect(denied).toBeGreaterThan(0);
  });

  it('leaves out a field whose @include is false, with no decision and no error for it', async () => {
    const { body } = await postGraphQL(federation.gatewayUrl, QUERY, { first: 50, withSamples: false });
    const nodes = body.data!.all.edges.map((e: { node: object }) => e.node);
    expect(nodes.every((n: object) => !('samples' in n))).toBe(true);
    expect((body.errors ?? []).every((e) => e.path?.at(-1) === 'link')).toBe(true);
  });
});
