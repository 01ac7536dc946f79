import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personaClaims, type PersonaName } from '../../../subgraphs/demo/demo-personas.js';
import { RedisGovernanceStore } from '../../../subgraphs/governance/store/redis-governance-store.js';
import { RedisAuditLog } from '../../../runtime/audit/redis-audit-log.js';
import type { GovernanceStore } from '../../../subgraphs/governance/store/governance-store.js';
import { CATALOG_SUPERGRAPH, REPO_ROOT, startDemoFederation, testSigningSecret, type DemoFederation } from '../../harness/demo-federation.js';
import { postGraphQL } from '../../harness/graphql-http.js';
import { TEST_JWT, tokenFor } from '../../harness/tokens.js';
import { encodeGrantEntry, grantsKey } from '../../../runtime/governance/grant-keys.js';

// The access workflow of ARCHITECTURE.md "Governance" end to end, through the gateway over HTTP, as
// the README walks it: the analyst is denied sampleRecords and told what to request, requests it,
// the partner's steward approves, the analyst reads the field, the steward revokes, the analyst is
// denied again. One suite, two stores: in memory (the gateway reads grants from the governance
// subgraph) and Redis (the gateway reads them from Redis, as every replica does).

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const PARTNER = 'northbridge-hospital';

interface Setup {
  name: string;
  start(): Promise<{ federation: DemoFederation; prefix?: string }>;
}

const SETUPS: Setup[] = [
  { name: 'in memory', start: async () => ({ federation: await startDemoFederation() }) },
  {
    name: 'Redis',
    start: async () => {
      const prefix = `concord-test:${randomBytes(6).toString('hex')}:`;
      const store: GovernanceStore = await RedisGovernanceStore.connect(REDIS_URL, { prefix });
      // The governance subgraph reads the trail the gateway appends to in Redis.
      const governanceAudit = RedisAuditLog.connect(REDIS_URL, { prefix });
      const federation = await startDemoFederation({}, { redisUrl: REDIS_URL, redisKeyPrefix: prefix }, { governanceStore: store, governanceAudit });
      return { federation, prefix };
    },
  },
];

async function as(persona: PersonaName): Promise<Record<string, string>> {
  const claims = personaClaims(persona);
  return claims ? { authorization: `Bearer ${await tokenFor(claims)}` } : {};
}

const SAMPLE = 'query($id: ID!) { dataset(id: $id) { id sampleRecords } }';

interface RequestAccessHint { datasetId: string; partnerId: string; requiredDuties: string[]; requiredTerms: string[]; maxGrantDays: number | null }

/**
 * A dataset of the partner that the analyst may read only with a grant, and may request: denied
 * with NO_ACTIVE_GRANT and a requestAccess hint, and accepted by requestAccess (the request is then
 * withdrawn, leaving nothing pending).
 */
async function requestableDataset(gatewayUrl: string, readUrl = gatewayUrl): Promise<{ datasetId: string; hint: RequestAccessHint }> {
  const analyst = await as('analyst');
  const ids = (await postGraphQL(gatewayUrl, `{ datasets(first: 100, filter: { partners: ["${PARTNER}"] }) { edges { node { id } } } }`, undefined, analyst))
    .body.data!.datasets.edges.map((e: { node: { id: string } }) => e.node.id) as string[];
  for (const id of ids) {
    const { body } = await postGraphQL(readUrl, SAMPLE, { id }, analyst);
    const hint = body.errors?.find((e) => e.extensions?.reason === 'NO_ACTIVE_GRANT')?.extensions?.requestAccess as RequestAccessHint | undefined;
    if (!hint) continue;
    const tried = await postGraphQL(gatewayUrl, `mutation($input: RequestAccessInput!) { requestAccess(input: $input) { id } }`, {
      input: { datasetIds: [id], projectTitle: 'Probe', justification: 'Probe', acceptedDuties: hint.requiredDuties, acceptedTerms: hint.requiredTerms },
    }, analyst);
    const requestId = tried.body.data?.requestAccess?.id as string | undefined;
    if (!requestId) continue;
    await postGraphQL(gatewayUrl, `mutation($r: ID!) { withdrawAccessRequest(requestId: $r) { id } }`, { r: requestId }, analyst);
    return { datasetId: id, hint };
  }
  throw new Error(`no dataset of ${PARTNER} that the analyst may request`);
}

async function deleteKeys(prefix: string): Promise<void> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      const batch = Array.isArray(keys) ? keys : [keys];
      if (batch.length > 0) await client.del(batch);
    }
  } finally {
    await client.quit();
  }
}

describe.each(SETUPS)('governance lifecycle through the gateway ($name)', (setup) => {
  let federation: DemoFederation;
  let prefix: string | undefined;
  let datasetId: string;
  let hint: RequestAccessHint;

  beforeAll(async () => {
    ({ federation, prefix } = await setup.start());
    ({ datasetId, hint } = await requestableDataset(federation.gatewayUrl));
  }, 120_000);

  afterAll(async () => {
    await federation?.close();
    if (prefix) await deleteKeys(prefix);
  });

  const read = async (persona: PersonaName) => postGraphQL(federation.gatewayUrl, SAMPLE, { id: datasetId }, await as(persona));
  const call = async (persona: PersonaName, query: string, variables?: Record<string, unknown>) => postGraphQL(federation.gatewayUrl, query, variables, await as(persona));

  it('tells a denied analyst what to request: dataset, partner, duties, terms and the longest grant', () => {
    expect(hint).toMatchObject({ datasetId, partnerId: PARTNER });
    expect(Array.isArray(hint.requiredDuties)).toBe(true);
    expect(Array.isArray(hint.requiredTerms)).toBe(true);
  });

  it('runs request, approval, read, revocation and denial again', async () => {
    const requested = await call('analyst', `mutation($input: RequestAccessInput!) { requestAccess(input: $input) { id parts { partnerId status datasetIds } } }`, {
      input: { datasetIds: [datasetId], projectTitle: 'Readmission risk', justification: 'Cohort comparison', acceptedDuties: hint.requiredDuties, acceptedTerms: hint.requiredTerms },
    });
    expect(requested.body.errors).toBeUndefined();
    const request = requested.body.data!.requestAccess as { id: string; parts: { partnerId: string; status: string }[] };
    expect(request.parts).toEqual([{ partnerId: PARTNER, status: 'PENDING', datasetIds: [datasetId] }]);

    // A second request for the same dataset while the first is pending is refused, naming it.
    const duplicate = await call('analyst', `mutation($input: RequestAccessInput!) { requestAccess(input: $input) { id } }`, {
      input: { datasetIds: [datasetId], projectTitle: 'Again', justification: 'Again', acceptedDuties: hint.requiredDuties, acceptedTerms: hint.requiredTerms },
    });
    expect(duplicate.body.errors?.[0]?.message).toContain(datasetId);
    expect(duplicate.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', serviceName: 'governance', datasetId, reason: 'DUPLICATE_PENDING' });

    // The steward sees the part; the analyst cannot list the partner's parts, nor decide them.
    const inbox = await call('steward', `query($p: ID!) { accessRequests(partnerId: $p) { items { requestId partnerId status } } }`, { p: PARTNER });
    expect(inbox.body.data!.accessRequests.items).toContainEqual({ requestId: request.id, partnerId: PARTNER, status: 'PENDING' });
    const nosy = await call('analyst', `query($p: ID!) { accessRequests(partnerId: $p) { items { requestId } } }`, { p: PARTNER });
    expect(nosy.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const decide = `mutation($r: ID!, $p: ID!, $d: DecisionOutcome!) { decideAccessRequest(requestId: $r, partnerId: $p, decision: $d, reason: "Approved by the data access committee", grantDays: 30) { status decision { by outcome policyVersion } } }`;
    const selfService = await call('analyst', decide, { r: request.id, p: PARTNER, d: 'APPROVE' });
    expect(selfService.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await read('analyst')).body.data).toEqual({ dataset: { id: datasetId, sampleRecords: null } });

    const approved = await call('steward', decide, { r: request.id, p: PARTNER, d: 'APPROVE' });
    expect(approved.body.errors).toBeUndefined();
    expect(approved.body.data!.decideAccessRequest).toMatchObject({ status: 'APPROVED', decision: { by: 'demo-steward', outcome: 'APPROVE' } });

    // Honoured on the analyst's next request.
    const granted = await read('analyst');
    expect(granted.body.errors).toBeUndefined();
    expect(granted.body.data!.dataset.sampleRecords).not.toBeNull();

    const grants = await call('analyst', '{ myGrants { id datasetId expiresAt active revocation { reason } } }');
    const grant = (grants.body.data!.myGrants as { id: string; datasetId: string; active: boolean; revocation: unknown }[]).find((g) => g.datasetId === datasetId)!;
    expect([grant.active, grant.revocation]).toEqual([true, null]);

    const revoked = await call('steward', `mutation($g: ID!) { revokeGrant(grantId: $g, reason: "Project ended") { id active revocation { reason } } }`, { g: grant.id });
    expect(revoked.body.data!.revokeGrant).toEqual({ id: grant.id, active: false, revocation: { reason: 'Project ended' } });
    const again = await read('analyst');
    expect(again.body.data).toEqual({ dataset: { id: datasetId, sampleRecords: null } });
    expect(again.body.errors?.[0]?.extensions?.reason).toBe('NO_ACTIVE_GRANT');

    // The steward's audit view shows the analyst's reads of the dataset, allowed and denied, and the
    // decisions on it, newest first; the analyst sees the same reads in their own history.
    const analyst = personaClaims('analyst')!.sub as string;
    const events = await call('steward', `query($f: AuditEventFilter) { auditEvents(filter: $f, first: 50) { items { action subject datasetId field outcome reason } } }`, { f: { datasetId } });
    expect(events.body.errors).toBeUndefined();
    const trail = (events.body.data!.auditEvents.items as { action: string; subject: string; field: string | null; outcome: string; reason: string | null }[])
      .map((e) => [e.action, e.subject, e.field?.endsWith('.sampleRecords') ?? null, e.outcome, e.reason]);
    expect(trail).toEqual([
      ['READ', analyst, true, 'DENY', 'NO_ACTIVE_GRANT'],
      ['REVOCATION', 'demo-steward', null, 'DONE', null],
      ['READ', analyst, true, 'ALLOW', null],
      ['DECISION', 'demo-steward', null, 'DONE', 'APPROVE'],
      ['READ', analyst, true, 'DENY', 'NO_ACTIVE_GRANT'],
      ['REQUEST', analyst, null, 'DONE', null],
      ...trail.slice(6),
    ]);
    const history = await call('analyst', '{ myAccessHistory(first: 3) { items { action datasetId outcome } } }');
    expect(history.body.data!.myAccessHistory.items).toEqual([
      { action: 'READ', datasetId, outcome: 'DENY' },
      { action: 'REVOCATION', datasetId, outcome: 'DONE' },
      { action: 'READ', datasetId, outcome: 'ALLOW' },
    ]);
  });

  it('lets the requester withdraw a pending request, and lists it with each part\'s status', async () => {
    const requested = await call('analyst', `mutation($input: RequestAccessInput!) { requestAccess(input: $input) { id } }`, {
      input: { datasetIds: [datasetId], projectTitle: 'Withdrawn', justification: 'Changed plans', acceptedDuties: hint.requiredDuties, acceptedTerms: hint.requiredTerms },
    });
    const id = requested.body.data!.requestAccess.id as string;
    const withdrawn = await call('analyst', `mutation($r: ID!) { withdrawAccessRequest(requestId: $r) { parts { status } } }`, { r: id });
    expect(withdrawn.body.data!.withdrawAccessRequest.parts).toEqual([{ status: 'WITHDRAWN' }]);
    const mine = await call('analyst', '{ myAccessRequests { id parts { status } } }');
    expect(mine.body.data!.myAccessRequests).toContainEqual({ id, parts: [{ status: 'WITHDRAWN' }] });
    const others = await call('researcher', '{ myAccessRequests { id } }');
    expect((others.body.data!.myAccessRequests as { id: string }[]).map((r) => r.id)).not.toContain(id);
  });
});

// Two gateway replicas on one Redis: an approval and a revocation made through one, and an expiry,
// are seen by the other on its next request, within a second, since every replica reads grants from Redis.
describe('governance on two gateway replicas sharing Redis', () => {
  let federation: DemoFederation;
  let prefix: string;
  let second: ChildProcess;
  let secondUrl: string;

  beforeAll(async () => {
    prefix = `concord-test:${randomBytes(6).toString('hex')}:`;
    const store = await RedisGovernanceStore.connect(REDIS_URL, { prefix });
    federation = await startDemoFederation({}, { redisUrl: REDIS_URL, redisKeyPrefix: prefix }, { governanceStore: store });
    const urls = [...federation.partners.values()].map((p) => `${p.id}=${p.server.url}`);
    urls.push(`catalog-index=${federation.indexUrl}`, `governance=${federation.governance!.url}`);
    const keys = [...federation.partners.keys(), 'catalog-index', 'governance'].map((name) => `${name}=${testSigningSecret(name)}`);
    // The compiled gateway, as `npm run gateway` runs it (npm test builds it first).
    second = spawn(process.execPath, ['dist/gateway/main.js', '--supergraph', CATALOG_SUPERGRAPH], {
      cwd: REPO_ROOT,
      env: {
        ...process.env, PORT: '0', LOG_LEVEL: 'info', REDIS_URL, REDIS_KEY_PREFIX: prefix,
        SUBGRAPH_URLS: urls.join(','), SUBGRAPH_SIGNING_SECRETS: keys.join(','),
        JWT_HS256_SECRET: TEST_JWT.secret, JWT_ISSUER: TEST_JWT.issuer, JWT_AUDIENCE: TEST_JWT.audience,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    secondUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the second gateway did not start')), 30_000);
      createInterface({ input: second.stdout! }).on('line', (line) => {
        try {
          const record = JSON.parse(line) as { msg?: string; url?: string };
          if (record.msg === 'gateway listening' && record.url) { clearTimeout(timer); resolve(record.url); }
        } catch {
          // not a log record
        }
      });
      second.once('exit', (code) => reject(new Error(`the second gateway exited with ${code}`)));
    });
    for (let i = 0; i < 100; i++) {
      if ((await fetch(secondUrl.replace('/graphql', '/ready'))).ok) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 120_000);

  afterAll(async () => {
    second?.kill('SIGTERM');
    await federation?.close();
    if (prefix) await deleteKeys(prefix);
  });

  it('sees an approval, a revocation and an expiry through the other replica within one second', async () => {
    const analyst = await as('analyst');
    const steward = await as('steward');
    const { datasetId, hint } = await requestableDataset(federation.gatewayUrl, secondUrl);
    const requested = await postGraphQL(federation.gatewayUrl, `mutation($input: RequestAccessInput!) { requestAccess(input: $input) { id } }`, {
      input: { datasetIds: [datasetId], projectTitle: 'Replicas', justification: 'Two gateways', acceptedDuties: hint.requiredDuties, acceptedTerms: hint.requiredTerms },
    }, analyst);
    const requestId = requested.body.data!.requestAccess.id as string;
    await postGraphQL(federation.gatewayUrl, `mutation($r: ID!, $p: ID!) { decideAccessRequest(requestId: $r, partnerId: $p, decision: APPROVE, reason: "ok") { status } }`, { r: requestId, p: PARTNER }, steward);

    const seenWithin = async (expectNull: boolean): Promise<number> => {
      const started = Date.now();
      for (;;) {
        const { body } = await postGraphQL(secondUrl, SAMPLE, { id: datasetId }, analyst);
        if ((body.data?.dataset?.sampleRecords === null) === expectNull) return Date.now() - started;
        if (Date.now() - started > 1000) return Number.POSITIVE_INFINITY;
      }
    };
    expect(await seenWithin(false)).toBeLessThanOrEqual(1000);

    const grants = await postGraphQL(federation.gatewayUrl, '{ myGrants { id datasetId } }', undefined, analyst);
    const grantId = (grants.body.data!.myGrants as { id: string; datasetId: string }[]).find((g) => g.datasetId === datasetId)!.id;
    await postGraphQL(federation.gatewayUrl, `mutation($g: ID!) { revokeGrant(grantId: $g, reason: "incident") { id } }`, { g: grantId }, steward);
    expect(await seenWithin(true)).toBeLessThanOrEqual(1000);

    // A person with hundreds of grants (expired ones stay in the hash) still reaches governance:
    // the governance subgraph gets the principal without grants, which it reads from its store.
    const many = createClient({ url: REDIS_URL });
    await many.connect();
    try {
      const key = grantsKey(prefix, { kind: 'person', subject: 'demo-analyst' });
      for (let i = 0; i < 300; i++) await many.hSet(key, `old-dataset-${i}`, encodeGrantEntry({ id: `old-${i}`, expiresAt: 1, acceptedTerms: ['LicenseRef-Old-Licence-1.0'] }));
      const mine = await postGraphQL(federation.gatewayUrl, '{ myAccessRequests { id } }', undefined, analyst);
      expect(mine.body.errors).toBeUndefined();
      expect((mine.body.data!.myAccessRequests as { id: string }[]).map((r) => r.id)).toContain(requestId);
      for (let i = 0; i < 300; i++) await many.hDel(key, `old-dataset-${i}`);
    } finally {
      await many.quit();
    }

    // Expiry needs no one to act: a grant ending in 600 ms, written as the governance store writes
    // it, is honoured until then and denied within a second of its end.
    const client = createClient({ url: REDIS_URL });
    await client.connect();
    try {
      const expiresAt = Date.now() + 600;
      await client.hSet(grantsKey(prefix, { kind: 'person', subject: 'demo-analyst' }), datasetId,
        encodeGrantEntry({ id: 'short-grant', expiresAt, acceptedTerms: hint.requiredTerms, partnerId: PARTNER }));
      expect(await seenWithin(false)).toBeLessThanOrEqual(1000);
      while (Date.now() < expiresAt) await new Promise((resolve) => setImmediate(resolve));
      expect(await seenWithin(true)).toBeLessThanOrEqual(1000);
    } finally {
      await client.quit();
    }
  });
});

// Denials lead somewhere, and only where a request can go: every requestAccess the gateway offers,
// to any persona on any dataset, is accepted by the governance subgraph as offered (each request is
// withdrawn again).
describe('every requestAccess the gateway offers is a request the governance subgraph accepts', () => {
  let federation: DemoFederation;

  beforeAll(async () => {
    federation = await startDemoFederation();
  }, 120_000);

  afterAll(async () => {
    await federation?.close();
  });

  it.each(['researcher', 'analyst', 'steward', 'board'] as const)('%s', async (persona) => {
    const headers = await as(persona);
    const page = await postGraphQL(federation.gatewayUrl, '{ datasets(first: 200) { edges { node { id sampleRecords } } } }', undefined, headers);
    const offers = (page.body.errors ?? []).flatMap((e) => (e.extensions?.requestAccess ? [e.extensions.requestAccess as RequestAccessHint] : []));
    const refused: string[] = [];
    for (const offer of offers) {
      const tried = await postGraphQL(federation.gatewayUrl, `mutation($input: RequestAccessInput!) { requestAccess(input: $input) { id } }`, {
        input: { datasetIds: [offer.datasetId], projectTitle: 'Offer check', justification: 'As offered', acceptedDuties: offer.requiredDuties, acceptedTerms: offer.requiredTerms },
      }, headers);
      const id = tried.body.data?.requestAccess?.id as string | undefined;
      if (!id) {
        refused.push(`${offer.datasetId}: ${tried.body.errors?.[0]?.message}`);
        continue;
      }
      await postGraphQL(federation.gatewayUrl, `mutation($r: ID!) { withdrawAccessRequest(requestId: $r) { id } }`, { r: id }, headers);
    }
    expect(refused).toEqual([]);
    if (persona === 'analyst') expect(offers.length).toBeGreaterThan(0);
  });
});
