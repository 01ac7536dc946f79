import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { personaClaims } from '../../../../subgraphs/demo/demo-personas.js';
import { REPO_ROOT, startDemoFederation, type DemoFederation } from '../../../harness/demo-federation.js';
import { postGraphQL } from '../../../harness/graphql-http.js';
import { bearer } from '../../../harness/tokens.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const QUERY = '{ a: dataset(id: "northbridge-hospital:ds-004") { title sampleRecords } b: dataset(id: "boreal-climate-institute:ds-001") { title sampleRecords } }';
const STATIC_QUERY = '{ dataset(id: "boreal-climate-institute:ds-001") { title contactPoint { email } } }';

/** The policy set as the repository states it, read here rather than taken from the module that serves it. */
const POLICY_FILE = JSON.parse(readFileSync(join(REPO_ROOT, 'schema/policy/policy-set.json'), 'utf8')) as {
  version: string;
  changelog: { version: string; date: string; changes: string[] }[];
};

function capturingLogger() {
  const records: Record<string, unknown>[] = [];
  const stream = new Writable({ write(chunk, _encoding, done) { records.push(JSON.parse(String(chunk))); done(); } });
  return { logger: pino({ level: 'info' }, stream), records };
}

describe.each(['filter', 'reject', 'dry-run'] as const)('AUTHZ_MODE=%s', (mode) => {
  let federation: DemoFederation;
  const log = capturingLogger();
  beforeAll(async () => { federation = await startDemoFederation({ now: () => NOW, logger: log.logger }, { authzMode: mode }); });
  afterAll(async () => { await federation?.close(); });
  // Each test reads only the log records of its own requests.
  beforeEach(() => { log.records.length = 0; });

  it('treats a per-dataset denial as the mode says', async () => {
    // The analyst has not accepted the hospital's licence: ds-004's samples are withheld; the public dataset's are not.
    const { body } = await postGraphQL(federation.gatewayUrl, QUERY, undefined, await bearer(personaClaims('analyst', NOW.getTime())));
    const reasons = (body.errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.reason]);
    if (mode === 'filter') {
      expect(body.data?.a).toEqual({ title: expect.any(String), sampleRecords: null });
      expect(body.data?.b.sampleRecords.length).toBeGreaterThan(0);
      expect(reasons).toEqual([['a.sampleRecords', 'LICENCE_NOT_ACCEPTED']]);
    } else if (mode === 'reject') {
      expect(body.data).toBeNull();
      expect(reasons).toEqual([['a.sampleRecords', 'LICENCE_NOT_ACCEPTED']]);
    } else {
      expect(body.errors).toBeUndefined();
      expect(body.data?.a.sampleRecords.length).toBeGreaterThan(0);
    }
  });

  it('treats a static denial as the mode says', async () => {
    const { status, body } = await postGraphQL(federation.gatewayUrl, STATIC_QUERY);
    expect(status).toBe(200);
    if (mode === 'filter') {
      expect(body.data?.dataset).toEqual({ title: expect.any(String), contactPoint: null });
    } else if (mode === 'reject') {
      expect(body.data).toBeNull();
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', reason: 'MISSING_SCOPES' });
      expect(body.errors?.[0]?.message).toBe('Operation rejected: not authorized to read field "contactPoint"');
    } else {
      // Dry-run pilots @policy decisions only: static requirements are enforced as in filter mode.
      expect(body.data?.dataset).toEqual({ title: expect.any(String), contactPoint: null });
    }
  });

  it('logs every denial with the policy version that made it', async () => {
    await postGraphQL(federation.gatewayUrl, QUERY, undefined, await bearer(personaClaims('analyst', NOW.getTime())));
    await postGraphQL(federation.gatewayUrl, STATIC_QUERY);
    const records = log.records.filter((r) => r.msg === 'authorization decisions');
    expect(records.length).toBeGreaterThanOrEqual(2);
    for (const record of records) expect(record).toMatchObject({ policyVersion: POLICY_FILE.version, mode });
    type Decision = { stage?: string; reason: string };
    const denied = records.flatMap((r) => r.denied as Decision[]);
    const wouldDeny = records.flatMap((r) => r.wouldDeny as Decision[]);
    expect(denied.map((d) => d.reason)).toContain('MISSING_SCOPES');
    expect((mode === 'dry-run' ? wouldDeny : denied).map((d) => d.reason)).toContain('LICENCE_NOT_ACCEPTED');
  });
});

describe('policy version', () => {
  let federation: DemoFederation;
  beforeAll(async () => { federation = await startDemoFederation(); });
  afterAll(async () => { await federation?.close(); });

  it('is served with its change log, as schema/policy/policy-set.json states them', async () => {
    const { body } = await postGraphQL(federation.gatewayUrl, '{ policy { version changelog { version date changes } } }');
    expect(body.errors).toBeUndefined();
    expect(POLICY_FILE.changelog.length).toBeGreaterThan(0);
    expect(body.data?.policy).toEqual({ version: POLICY_FILE.version, changelog: POLICY_FILE.changelog });
  });
});
