import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryAuditLog } from '../../../runtime/audit/in-memory-audit-log.js';
import { AuditLogUnavailableError, type AuditLog } from '../../../runtime/audit/audit-log.js';
import { personaClaims, type PersonaName } from '../../../subgraphs/demo/demo-personas.js';
import { startDemoFederation, type DemoFederation } from '../../harness/demo-federation.js';
import { postGraphQL } from '../../harness/graphql-http.js';
import { tokenFor } from '../../harness/tokens.js';

// The gateway's audit trail (ARCHITECTURE.md "Audit"): every operation that touched a guarded field
// is recorded, with each field's outcome per dataset, before it is answered; when the log cannot be
// written, the guarded fields are withheld (AUDIT_UNAVAILABLE) and the public ones served.

const QUERY = '{ dataset(id: "northbridge-hospital:ds-022") { title contactPoint { email } sampleRecords } }';

async function as(persona: PersonaName): Promise<Record<string, string>> {
  const claims = personaClaims(persona);
  return claims ? { authorization: `Bearer ${await tokenFor(claims)}` } : {};
}

describe('audit trail of guarded reads', () => {
  const log = new InMemoryAuditLog();
  let federation: DemoFederation;

  beforeAll(async () => {
    federation = await startDemoFederation({ audit: log });
  }, 120_000);

  afterAll(async () => {
    await federation?.close();
  });

  it('records who read which guarded field of which dataset, with the outcome, and the chain verifies', async () => {
    const before = (await log.head())?.seq ?? 0;
    await postGraphQL(federation.gatewayUrl, QUERY, undefined, { ...(await as('analyst')), 'apollographql-client-name': 'notebook' });
    const [record] = await log.read(before + 1, 10);
    expect(record).toMatchObject({
      action: 'read', subject: 'demo-analyst', organisation: 'acme-analytics', datasetIds: ['northbridge-hospital:ds-022'],
      partnerIds: ['northbridge-hospital'], clientName: 'notebook',
    });
    expect(record!.fields).toEqual(expect.arrayContaining([
      { field: 'Dataset.contactPoint', datasetIds: [], outcome: 'allow' },
      expect.objectContaining({ field: expect.stringMatching(/\.sampleRecords$/), datasetIds: ['northbridge-hospital:ds-022'], outcome: 'deny', reason: 'NO_ACTIVE_GRANT' }),
    ]));
    expect((await log.verify()).ok).toBe(true);
  });

  it('records nothing for an operation that touched no guarded field', async () => {
    const before = (await log.head())?.seq ?? 0;
    await postGraphQL(federation.gatewayUrl, '{ dataset(id: "northbridge-hospital:ds-022") { title } }', undefined, await as('analyst'));
    expect((await log.head())?.seq ?? 0).toBe(before);
  });
});

describe('when the audit log cannot be written', () => {
  const failing: AuditLog = Object.assign(new InMemoryAuditLog(), {
    append: async () => { throw new AuditLogUnavailableError('Redis is down'); },
  });
  let federation: DemoFederation;

  beforeAll(async () => {
    federation = await startDemoFederation({ audit: failing });
  }, 120_000);

  afterAll(async () => {
    await federation?.close();
  });

  it('withholds every guarded field with AUDIT_UNAVAILABLE and serves the public ones', async () => {
    const { body } = await postGraphQL(federation.gatewayUrl, QUERY, undefined, await as('researcher'));
    expect(body.data).toEqual({ dataset: { title: expect.any(String), contactPoint: null, sampleRecords: null } });
    expect(body.errors?.map((e) => [e.path?.join('.'), e.extensions?.reason])).toEqual(expect.arrayContaining([
      ['dataset.contactPoint', 'AUDIT_UNAVAILABLE'],
      ['dataset.sampleRecords', 'AUDIT_UNAVAILABLE'],
    ]));
  });
});
