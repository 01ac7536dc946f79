import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personaClaims, PERSONA_NAMES, type PersonaName } from '../../../../subgraphs/demo/demo-personas.js';
import type { DatasetRecord } from '../../../../subgraphs/partner-kit/catalog-file.js';
import { manifestCatalogs } from '../../../harness/catalog-fixtures.js';
import { startDemoFederation, type DemoFederation } from '../../../harness/demo-federation.js';
import { postGraphQL, type GraphQLResponse } from '../../../harness/graphql-http.js';
import { bearer } from '../../../harness/tokens.js';

// The decision matrix: 5 personas x the datasets below x the guarded fields, each cell the expected
// outcome ('allow') or the reason of the denial, worked out by hand from schema/policies.ts and
// the datasets' facts, and checked through the real gateway over HTTP.

const NOW = new Date('2026-11-24T12:00:00Z');

type Cell = 'allow' | string;
type Row = [anonymous: Cell, researcher: Cell, analyst: Cell, steward: Cell, board: Cell];

interface DatasetCase {
  id: string;
  /** What makes this dataset interesting. */
  facts: string;
  access: Row;
  royalty: Row;
  retention: Row;
}

const AUTH = 'AUTHENTICATION_REQUIRED';
const LNA = 'LICENCE_NOT_ACCEPTED';
const STEWARD_ONLY: Row = [AUTH, 'NOT_A_STEWARD', 'NOT_A_STEWARD', 'allow', 'NOT_A_STEWARD'];
const NO_STEWARD: Row = [AUTH, 'NOT_A_STEWARD', 'NOT_A_STEWARD', 'NOT_A_STEWARD', 'NOT_A_STEWARD'];

// Rows per partner, worked out by hand (see the first test for partners without rows).
const EXPECTATIONS: Record<string, DatasetCase[]> = {
  'northbridge-hospital': [
    { id: 'northbridge-hospital:ds-007', facts: 'PUBLIC, CC-BY-4.0, GRU + PUB duty',
      access: ['PURPOSE_NOT_DECLARED', 'allow', 'DUTY_NOT_ACCEPTED', 'allow', 'DUTY_NOT_ACCEPTED'], royalty: [AUTH, LNA, LNA, 'allow', LNA], retention: STEWARD_ONLY },
    { id: 'northbridge-hospital:ds-025', facts: 'PUBLIC, GRU, embargo until 2028-03-31',
      access: ['EMBARGOED', 'EMBARGOED', 'EMBARGOED', 'allow', 'EMBARGOED'], royalty: [AUTH, LNA, LNA, 'allow', LNA], retention: STEWARD_ONLY },
    { id: 'northbridge-hospital:ds-009', facts: 'PUBLIC, GRU, embargo lifted 2024-12-31',
      access: ['PURPOSE_NOT_DECLARED', 'allow', 'allow', 'allow', 'allow'], royalty: [AUTH, LNA, LNA, 'allow', LNA], retention: STEWARD_ONLY },
    { id: 'northbridge-hospital:ds-004', facts: 'ANONYMIZED, NUH DUA, HMB NPUNCU IRB + PUB',
      access: [AUTH, 'allow', LNA, 'allow', LNA], royalty: [AUTH, 'allow', LNA, 'allow', LNA], retention: STEWARD_ONLY },
    { id: 'northbridge-hospital:ds-003', facts: 'PARTNER_SHARED, DS MONDO:0005575, GS GB, IS northbridge',
      access: [AUTH, 'PURPOSE_INCOMPATIBLE', LNA, 'allow', LNA], royalty: [AUTH, 'allow', LNA, 'allow', LNA], retention: STEWARD_ONLY },
    { id: 'northbridge-hospital:ds-022', facts: 'PROPRIETARY, GRU, TS 12 months, the researcher holds a 180-day grant',
      access: [AUTH, 'allow', 'NO_ACTIVE_GRANT', 'allow', 'NO_ACTIVE_GRANT'], royalty: [AUTH, 'allow', LNA, 'allow', LNA], retention: STEWARD_ONLY },
    { id: 'northbridge-hospital:ds-005', facts: 'PROPRIETARY, HMB NPU GS GB, no grant',
      access: [AUTH, 'NO_ACTIVE_GRANT', 'NO_ACTIVE_GRANT', 'allow', 'NO_ACTIVE_GRANT'], royalty: [AUTH, 'allow', LNA, 'allow', LNA], retention: STEWARD_ONLY },
    { id: 'northbridge-hospital:ds-006', facts: 'ANONYMIZED, DS GSO NMDS, embargo until 2027-09-30',
      access: ['EMBARGOED', 'EMBARGOED', 'EMBARGOED', 'allow', 'EMBARGOED'], royalty: [AUTH, 'allow', LNA, 'allow', LNA], retention: STEWARD_ONLY },
  ],
  'helix-therapeutics': [
    { id: 'helix-therapeutics:ds-001', facts: 'PROPRIETARY, Helix commercial licence with royalty, GRU TS 12',
      access: [AUTH, 'NO_ACTIVE_GRANT', 'NO_ACTIVE_GRANT', 'NO_ACTIVE_GRANT', 'NO_ACTIVE_GRANT'], royalty: [AUTH, LNA, 'allow', LNA, LNA], retention: NO_STEWARD },
    { id: 'helix-therapeutics:ds-008', facts: 'PARTNER_SHARED, Helix commercial licence, GRU',
      access: [AUTH, LNA, 'allow', LNA, LNA], royalty: [AUTH, LNA, 'allow', LNA, LNA], retention: NO_STEWARD },
    { id: 'helix-therapeutics:ds-044', facts: 'PARTNER_SHARED, Helix academic licence, GRU',
      access: [AUTH, LNA, LNA, LNA, LNA], royalty: [AUTH, LNA, LNA, LNA, LNA], retention: NO_STEWARD },
  ],
  'boreal-climate-institute': [
    { id: 'boreal-climate-institute:ds-001', facts: 'PUBLIC, CC-BY-4.0, NRES',
      access: ['allow', 'allow', 'allow', 'allow', 'allow'], royalty: [AUTH, LNA, LNA, LNA, LNA], retention: NO_STEWARD },
  ],
};

const catalogs = manifestCatalogs();
const MATRIX: DatasetCase[] = catalogs.flatMap(({ id }) => EXPECTATIONS[id] ?? []);

const CONTACT: Row = ['MISSING_SCOPES', 'allow', 'allow', 'allow', 'allow'];

const FIELDS = 'contactPoint { email } sampleRecords retention { basis } licence { royalty { ratePercent } } distributions { accessUrl }';
const QUERY = `{ ${MATRIX.map((d, i) => `d${i}: dataset(id: "${d.id}") { ...Guarded }`).join(' ')} }
  fragment Guarded on Dataset { id ${FIELDS} }`;

const datasets = new Map<string, DatasetRecord>(catalogs.flatMap(({ catalog }) => catalog.datasets.map((d) => [d.id, d] as const)));

type Errors = NonNullable<GraphQLResponse['body']['errors']>;

function outcomeAt(errors: Errors, path: string, policy: string): Cell {
  const error = errors.find((e) => e.path?.join('.') === path);
  if (!error) return 'allow';
  expect(error.extensions?.code, path).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  expect(error.extensions?.policy, path).toBe(policy);
  return String(error.extensions?.reason);
}

describe(`decision matrix: ${PERSONA_NAMES.length} personas x ${MATRIX.length} datasets x guarded fields, through the gateway`, () => {
  let federation: DemoFederation;
  const responses = new Map<PersonaName, GraphQLResponse<Record<string, any>>>();

  beforeAll(async () => {
    federation = await startDemoFederation({ now: () => NOW });
    for (const persona of PERSONA_NAMES) {
      const headers = await bearer(personaClaims(persona, NOW.getTime()));
      responses.set(persona, await postGraphQL(federation.gatewayUrl, QUERY, undefined, headers));
    }
  });
  afterAll(async () => { await federation?.close(); });

  // A partner added to the manifest needs no rows here to be tested: mixed-decisions.test.ts decides
  // every served dataset of every manifest partner against its own hand-written oracle. Rows here are
  // the cells worked out one by one, and must belong to partners that are in the manifest.
  it('has rows only for partners of the federation manifest, and rows for at least one', () => {
    const partners = new Set(catalogs.map((c) => c.id));
    for (const [id, rows] of Object.entries(EXPECTATIONS)) {
      expect(partners.has(id), `rows for "${id}", which is not in the manifest`).toBe(true);
      for (const row of rows) expect(row.id.startsWith(`${id}:`), `${row.id} listed under ${id}`).toBe(true);
    }
    expect(MATRIX.length).toBeGreaterThan(0);
  });

  it('uses datasets that exist and are served', () => {
    for (const [persona, response] of responses) {
      MATRIX.forEach((d, i) => expect(response.body.data?.[`d${i}`]?.id, `${persona} ${d.id}`).toBe(d.id));
    }
  });

  describe.each(MATRIX.map((d, i) => ({ ...d, index: i })))('$id ($facts)', ({ id, index, access, royalty, retention }) => {
    const source = () => datasets.get(id)!;
    it.each(PERSONA_NAMES.map((persona, p) => ({ persona, p })))('as $persona', ({ persona, p }) => {
      const response = responses.get(persona)!;
      const errors = response.body.errors ?? [];
      const node = response.body.data![`d${index}`];
      const at = (field: string) => `d${index}.${field}`;
      const cells: [string, string, Cell, unknown, unknown][] = [
        ['contactPoint', 'requiresScopes', CONTACT[p]!, node.contactPoint?.email ?? null, source().contactPoint?.email],
        ['sampleRecords', 'dataset:sample-records', access[p]!, node.sampleRecords, source().sampleRecords?.map((r) => JSON.stringify(r))],
        ['retention', 'dataset:retention-schedule', retention[p]!, node.retention?.basis ?? null, source().retention?.basis],
        ['licence.royalty', 'licence:royalty-terms', royalty[p]!, node.licence.royalty?.ratePercent ?? null, source().licence.royalty?.ratePercent ?? null],
      ];
      for (const [field, policy, expected, value, truth] of cells) {
        expect(outcomeAt(errors, at(field), policy), `${persona} ${id} ${field}`).toBe(expected);
        expect(value, `${persona} ${id} ${field} value`).toEqual(expected === 'allow' ? truth ?? null : null);
      }
      source().distributions.forEach((distribution, d) => {
        const field = `distributions.${d}.accessUrl`;
        expect(outcomeAt(errors, at(field), 'dataset:access'), `${persona} ${id} ${field}`).toBe(access[p]);
        expect(node.distributions[d].accessUrl).toEqual(access[p] === 'allow' ? distribution.accessUrl ?? null : null);
      });
    });
  });

  it('gives every denial a hint where one exists, and never a value', () => {
    const errors = [...responses.values()].flatMap((r) => r.body.errors ?? []);
    expect(errors.length).toBeGreaterThan(100);
    for (const error of errors) {
      expect(error.message).toMatch(/^Not authorized to read \w+\.\w+$/);
      if (['NO_ACTIVE_GRANT', LNA, 'MISSING_SCOPES', AUTH].includes(String(error.extensions?.reason))) {
        expect(error.extensions?.obtainAccess, JSON.stringify(error)).toEqual(expect.any(String));
      }
    }
    const noGrant = `d${MATRIX.findIndex((d) => d.id === 'northbridge-hospital:ds-005')}`;
    const grantHint = errors.find((e) => e.extensions?.reason === 'NO_ACTIVE_GRANT' && e.path?.[0] === noGrant);
    expect(grantHint?.extensions?.obtainAccess).toMatch(/northbridge-hospital:ds-005/);
  });
});
