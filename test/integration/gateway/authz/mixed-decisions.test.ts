import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personaClaims, PERSONA_NAMES, type PersonaName } from '../../../../subgraphs/demo/demo-personas.js';
import type { CatalogFile, DatasetRecord } from '../../../../subgraphs/partner-kit/catalog-file.js';
import { readFederationManifest } from '../../../../schema/federation-manifest.js';
import { datasetTypeNameFor } from '../../../../schema/partner-contract.js';
import { REPO_ROOT, startDemoFederation, type DemoFederation } from '../../../harness/demo-federation.js';
import { postGraphQL } from '../../../harness/graphql-http.js';
import { bearer } from '../../../harness/tokens.js';

// Every served dataset in one operation, through aliases, a named fragment on the interface, an
// inline fragment on a partner type, variables and @include: the second pass must reach, for each
// of them, the decision its own facts call for. The expected decisions come from the oracle below,
// written from the persona descriptions and the DUO terms (ARCHITECTURE.md "Per-entity decisions"),
// not from the policy code under test.

const NOW = new Date('2026-11-24T12:00:00Z');
/** Every partner of the federation manifest, so that a partner added there is checked here too. */
const PARTNERS = readFederationManifest().partners;
// Sample records through the Dataset interface (every partner), and again through an inline
// fragment on each partner's own type, so that both selection paths are decided.
const QUERY = `
  query Everything($first: Int!, $withSamples: Boolean!) {
    all: datasets(first: $first) { totalCount edges { node { ...Access } } }
  }
  fragment Access on Dataset {
    key: id
    files: distributions { link: accessUrl }
    samples: sampleRecords @include(if: $withSamples)
    ${PARTNERS.map((p) => `... on ${datasetTypeNameFor(p.id)} { typedSamples: sampleRecords @include(if: $withSamples) }`).join('\n    ')}
  }`;

type Dataset = DatasetRecord & { partnerId: string };
type UseCondition = Dataset['useConditions'][number];

const datasets = new Map<string, Dataset>(PARTNERS.flatMap((p) => {
  const file = JSON.parse(readFileSync(join(REPO_ROOT, p.catalog), 'utf8')) as CatalogFile;
  return file.datasets.map((d) => [d.id, { ...d, partnerId: p.id }] as const);
}));

// ---- The oracle: what each demo persona (subgraphs/demo/demo-personas.ts) may do, by hand. ----

type Reason = 'AUTHENTICATION_REQUIRED' | 'EMBARGOED' | 'RETENTION_EXPIRED' | 'NO_ACTIVE_GRANT' | 'LICENCE_NOT_ACCEPTED'
  | 'PURPOSE_NOT_DECLARED' | 'PURPOSE_INCOMPATIBLE' | 'DUTY_NOT_ACCEPTED';
const OK = 'met';
const NO = 'PURPOSE_INCOMPATIBLE';
const DUTY = 'DUTY_NOT_ACCEPTED';

interface PersonaFacts {
  signedIn: boolean;
  /** The partner whose staff the persona is (org claim and partner:<id> scope), which uses its own data. */
  owns: string | null;
  grants: readonly string[];
  /** Partner licences (LicenseRef-) the persona accepted; open SPDX licences need no acceptance. */
  licences: readonly string[];
  /** What the persona is listed by in GS (country), US (subject), PS (project) and IS (institution). */
  listedAs: { GS: string | null; US: string | null; PS: string | null; IS: string | null };
  /** Each DUO term the catalogs use, by shorthand: met, or the reason it denies (listed terms aside). */
  terms: Readonly<Record<string, typeof OK | Reason>>;
}

const PERSONAS: Record<PersonaName, PersonaFacts> = {
  // No token, no declared purpose: only data whose every term is NRES.
  anonymous: {
    signedIn: false, owns: null, grants: [], licences: [],
    listedAs: { GS: null, US: null, PS: null, IS: null },
    terms: { NRES: OK },
  },
  // Academic at uni-leiden (NL), non-commercial health research with ethics approval, accepted PUB,
  // a grant for northbridge-hospital:ds-022 (180 days, within its TS of 12 months).
  researcher: {
    signedIn: true, owns: null, grants: ['northbridge-hospital:ds-022'], licences: ['LicenseRef-NUH-DUA-2.1'],
    listedAs: { GS: 'NL', US: 'demo-researcher', PS: null, IS: 'uni-leiden' },
    terms: {
      NRES: OK, GRU: OK, HMB: OK, DS: NO, GSO: NO, NMDS: OK, NPUNCU: OK, IRB: OK, TS: OK, NPU: OK, NCU: OK,
      PUB: OK, COL: DUTY, MOR: DUTY, RTN: DUTY,
    },
  },
  // Commercial member at acme-analytics (DE), general commercial purpose, no ethics approval, no duties accepted.
  analyst: {
    signedIn: true, owns: null, grants: [], licences: ['LicenseRef-Helix-Commercial-1.0'],
    listedAs: { GS: 'DE', US: 'demo-analyst', PS: null, IS: 'acme-analytics' },
    terms: {
      NRES: OK, GRU: OK, HMB: NO, DS: NO, GSO: NO, NMDS: OK, NPUNCU: NO, IRB: NO, TS: OK, NPU: NO, NCU: NO,
      PUB: DUTY, COL: DUTY, MOR: DUTY, RTN: DUTY,
    },
  },
  // Staff and steward of northbridge-hospital (GB), non-profit health research, no ethics approval.
  steward: {
    signedIn: true, owns: 'northbridge-hospital', grants: [], licences: [],
    listedAs: { GS: 'GB', US: 'demo-steward', PS: null, IS: 'northbridge-hospital' },
    terms: {
      NRES: OK, GRU: OK, HMB: OK, DS: NO, GSO: NO, NMDS: OK, NPUNCU: OK, IRB: NO, TS: OK, NPU: OK, NCU: OK,
      PUB: DUTY, COL: DUTY, MOR: DUTY, RTN: DUTY,
    },
  },
  // Governance board member (BE), no organisation vouched for, general non-profit, non-commercial purpose, no ethics approval.
  board: {
    signedIn: true, owns: null, grants: [], licences: [],
    listedAs: { GS: 'BE', US: 'demo-board', PS: null, IS: null },
    terms: {
      NRES: OK, GRU: OK, HMB: NO, DS: NO, GSO: NO, NMDS: OK, NPUNCU: OK, IRB: NO, TS: OK, NPU: OK, NCU: OK,
      PUB: DUTY, COL: DUTY, MOR: DUTY, RTN: DUTY,
    },
  },
};

const LISTED_TERMS = { GS: 'regions', US: 'allowed', PS: 'allowed', IS: 'allowed' } as const;
const DUTIES = new Set(['PUB', 'COL', 'MOR', 'RTN']);

function termOutcome(persona: PersonaFacts, term: UseCondition, name: PersonaName): typeof OK | Reason {
  if (!persona.signedIn) return term.code === 'NRES' ? OK : 'PURPOSE_NOT_DECLARED';
  if (term.code in LISTED_TERMS) {
    const code = term.code as keyof typeof LISTED_TERMS;
    const list = term[LISTED_TERMS[code]] ?? [];
    return persona.listedAs[code] !== null && list.includes(persona.listedAs[code]) ? OK : NO;
  }
  const outcome = persona.terms[term.code];
  if (outcome === undefined) throw new Error(`the oracle has no outcome of DUO ${term.code} for ${name}: add it to PERSONAS`);
  return outcome;
}

/** Every reason that applies; an empty set is an allow. Which one the gateway names first is its own order. */
function deniedFor(name: PersonaName, dataset: Dataset): Set<Reason> {
  const persona = PERSONAS[name];
  const reasons = new Set<Reason>();
  const due = dataset.retention?.deletionDue;
  if (due !== undefined && Date.parse(`${due}T00:00:00Z`) <= NOW.getTime()) reasons.add('RETENTION_EXPIRED');
  if (persona.owns === dataset.partnerId) return reasons;
  const granted = persona.grants.includes(dataset.id);
  if (dataset.embargoUntil && Date.parse(`${dataset.embargoUntil}T00:00:00Z`) > NOW.getTime()) reasons.add('EMBARGOED');
  if (dataset.dataClass !== 'PUBLIC' && !persona.signedIn) reasons.add('AUTHENTICATION_REQUIRED');
  if (dataset.dataClass === 'PROPRIETARY' && persona.signedIn && !granted) reasons.add('NO_ACTIVE_GRANT');
  if (/^LicenseRef-/i.test(dataset.licence.id) && !persona.licences.includes(dataset.licence.id)) reasons.add('LICENCE_NOT_ACCEPTED');
  for (const term of dataset.useConditions) {
    // A grant holder asked for access and so accepted the dataset's duties.
    const outcome = DUTIES.has(term.code) && granted ? OK : termOutcome(persona, term, name);
    if (outcome !== OK) reasons.add(outcome);
  }
  return reasons;
}

// ---- The test ----

type Node = { key: string; files: { link: string | null }[]; samples?: string[] | null; typedSamples?: string[] | null };

describe('hundreds of datasets with mixed decisions in one operation', () => {
  let federation: DemoFederation;
  beforeAll(async () => { federation = await startDemoFederation({ now: () => NOW }); });
  afterAll(async () => { await federation?.close(); });

  it('has catalogs to test with, and every demo persona in the oracle', () => {
    expect(datasets.size).toBeGreaterThan(120);
    expect(Object.keys(PERSONAS).sort()).toEqual([...PERSONA_NAMES].sort());
  });

  it.each(PERSONA_NAMES)('as %s, every dataset gets its own decision', async (persona) => {
    const { body } = await postGraphQL(federation.gatewayUrl, QUERY, { first: 1000, withSamples: true }, await bearer(personaClaims(persona, NOW.getTime())));
    const nodes = body.data!.all.edges.map((e: { node: Node }) => e.node) as Node[];
    expect(nodes.length).toBe(body.data!.all.totalCount);
    // Every dataset of every manifest partner that is not past deletion is in the one operation.
    const servable = [...datasets.values()].filter((d) => !deniedFor(persona, d).has('RETENTION_EXPIRED')).map((d) => d.id);
    expect(nodes.map((n) => n.key)).toEqual(expect.arrayContaining(servable));
    const errorsAt = new Map((body.errors ?? []).map((e) => [e.path!.join('.'), e.extensions?.reason]));
    const cells = { allowed: 0, denied: 0 };
    const samplesCheckedFor = new Set<string>();
    const sampleCells = { allowed: 0, denied: 0 };
    nodes.forEach((node, i) => {
      const dataset = datasets.get(node.key);
      expect(dataset, `${node.key} is served but is in no manifest partner's catalog`).toBeDefined();
      const reasons = deniedFor(persona, dataset!);
      const allowed = reasons.size === 0;
      node.files.forEach((file, d) => {
        const path = `all.edges.${i}.node.files.${d}.link`;
        if (allowed) {
          expect(file.link, path).toBe(dataset!.distributions[d]!.accessUrl ?? null);
          expect(errorsAt.has(path), path).toBe(false);
          cells.allowed++;
        } else {
          expect(file.link, path).toBeNull();
          expect([...reasons], `${path}: the gateway said ${String(errorsAt.get(path))}`).toContain(errorsAt.get(path));
          cells.denied++;
        }
      });
      // The partner kit serves each sample record as JSON text (schema/partner.graphql).
      const served = allowed ? dataset!.sampleRecords?.map((record) => JSON.stringify(record)) ?? null : null;
      expect(node.samples, `${node.key} samples`).toEqual(served);
      expect(node.typedSamples, `${node.key} samples through ${datasetTypeNameFor(dataset!.partnerId)}`).toEqual(served);
      samplesCheckedFor.add(dataset!.partnerId);
      if (allowed && served) sampleCells.allowed++;
      if (!allowed) sampleCells.denied++;
    });
    // Not a vacuous pass: both outcomes were checked, on URLs and, for every partner, on sample records.
    expect(cells.allowed, 'allowed URL cells').toBeGreaterThan(0);
    expect(cells.denied, 'denied URL cells').toBeGreaterThan(0);
    expect(sampleCells.allowed, 'allowed sample record cells').toBeGreaterThan(0);
    expect(sampleCells.denied, 'denied sample record cells').toBeGreaterThan(0);
    expect([...samplesCheckedFor].sort(), 'partners whose samples were checked').toEqual(PARTNERS.map((p) => p.id).sort());
  });

  it('leaves out a field whose @include is false, with no decision and no error for it', async () => {
    const { body } = await postGraphQL(federation.gatewayUrl, QUERY, { first: 50, withSamples: false });
    const nodes = body.data!.all.edges.map((e: { node: object }) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(nodes.every((n: object) => !('samples' in n) && !('typedSamples' in n))).toBe(true);
    expect((body.errors ?? []).every((e) => e.path?.at(-1) === 'link')).toBe(true);
  });
});
