import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GovernanceGrantStore } from '../../../../gateway/stores/governance-grant-store.js';
import { decodePrincipal, PRINCIPAL_HEADER } from '../../../../runtime/subgraph-protocol/forwarded-principal.js';
import { createRequestVerifier } from '../../../../runtime/subgraph-protocol/request-signing.js';
import { ANONYMOUS, institutionScope, MEMBER_SCOPE, type Grant, type Principal } from '../../../../schema/policy/principal.js';

// The gateway's grant read without Redis: a signed POST /grants to the governance subgraph, here a
// loopback server that verifies the signature as every Concord subgraph does and answers as the
// governance subgraph's /grants would.

const KEY = 'test-only-key-of-governance-0123456789abcdef';
const LATER = 2_000_000_000_000;

interface Seen { path: string; body: string; principal: Principal; signature: 'valid' | string }
type Answer = { status: number; body: unknown } | 'never';

let server: http.Server;
let baseUrl: string;
let answer: Answer;
const seen: Seen[] = [];
const held: http.ServerResponse[] = [];

beforeAll(async () => {
  const verifier = createRequestVerifier({ secret: KEY });
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const check = await verifier.verify(body, req.headers);
      const header = req.headers[PRINCIPAL_HEADER];
      seen.push({
        path: req.url ?? '', body: body.toString('utf8'), signature: check.ok ? 'valid' : check.reason,
        principal: decodePrincipal(typeof header === 'string' ? header : undefined),
      });
      if (!check.ok) return reply(res, 401, { error: check.reason });
      if (answer === 'never') return void held.push(res);
      reply(res, answer.status, answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => {
  seen.length = 0;
  for (const res of held.splice(0)) res.destroy();
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

const ada: Principal = {
  ...ANONYMOUS, authenticated: true, subject: 'ada', organisation: 'uni-leiden',
  scopes: new Set([MEMBER_SCOPE, institutionScope('uni-leiden')]), acceptedTerms: new Set(['concord-dua-1.0']),
  grants: [{ datasetId: 'p:ds-9', grantee: { kind: 'person', subject: 'ada' }, expiresAt: LATER, source: 'token' }],
};
const toAda = (more: Partial<Grant> = {}): Grant => ({ datasetId: 'p:ds-1', grantee: { kind: 'person', subject: 'ada' }, expiresAt: LATER, source: 'store', ...more });

async function withStore<T>(options: { signingSecret?: string | null; timeoutMs?: number; url?: string }, use: (store: GovernanceGrantStore) => Promise<T>): Promise<T> {
  const store = new GovernanceGrantStore({
    subgraphUrl: options.url ?? `${baseUrl}/graphql`, signingSecret: options.signingSecret === undefined ? KEY : options.signingSecret, timeoutMs: options.timeoutMs ?? 2000,
  });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

describe('GovernanceGrantStore', () => {
  it('sends a signed POST /grants with the principal and an empty body, and reads the grants it gets back', async () => {
    answer = {
      status: 200,
      body: {
        grants: [
          toAda({ id: 'g-1', acceptedTerms: ['LicenseRef-X'] }),
          { datasetId: 'p:ds-2', grantee: { kind: 'organisation', organisation: 'uni-leiden' }, expiresAt: LATER, source: 'token', id: 'g-2', acceptedTerms: [] },
        ],
        suspended: false,
      },
    };
    const stored = await withStore({}, (store) => store.grantsFor(ada));
    expect(stored).toEqual({
      grants: [
        toAda({ id: 'g-1', acceptedTerms: ['LicenseRef-X'] }),
        // Whatever the answer says, a stored grant is the store's.
        { datasetId: 'p:ds-2', grantee: { kind: 'organisation', organisation: 'uni-leiden' }, expiresAt: LATER, source: 'store', id: 'g-2', acceptedTerms: [] },
      ],
      suspended: false,
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ path: '/grants', body: '{}', signature: 'valid' });
    expect(seen[0]!.principal).toMatchObject({ subject: 'ada', organisation: 'uni-leiden', grants: ada.grants });
    expect([...seen[0]!.principal.scopes]).toEqual([...ada.scopes]);
  });

  it('passes a suspension on, with no grants', async () => {
    answer = { status: 200, body: { grants: [toAda()], suspended: true } };
    expect(await withStore({}, (store) => store.grantsFor(ada))).toEqual({ grants: [], suspended: true });
  });

  it('asks nothing for anonymous callers', async () => {
    answer = { status: 200, body: { grants: [toAda()], suspended: false } };
    expect(await withStore({}, (store) => store.grantsFor(ANONYMOUS))).toEqual({ grants: [], suspended: false });
    expect(seen).toHaveLength(0);
  });

  it.each<{ name: string; answer: Answer; signingSecret?: string | null; error: RegExp }>([
    { name: 'signed with another key', answer: { status: 200, body: { grants: [], suspended: false } }, signingSecret: `${KEY}-other`, error: /HTTP 401/ },
    { name: 'not signed at all', answer: { status: 200, body: { grants: [], suspended: false } }, signingSecret: null, error: /HTTP 401/ },
    { name: 'a server error', answer: { status: 503, body: { error: 'store unavailable' } }, error: /HTTP 503/ },
    { name: 'an answer without the suspension flag', answer: { status: 200, body: { grants: [] } }, error: /malformed/ },
    { name: 'a grant without an expiry', answer: { status: 200, body: { grants: [{ datasetId: 'p:ds-1', grantee: { kind: 'person', subject: 'ada' } }], suspended: false } }, error: /malformed/ },
    { name: 'an answer that is not JSON', answer: { status: 200, body: 'grants: none' }, error: /JSON|Unexpected/ },
  ])('rejects on $name', async ({ answer: given, signingSecret, error }) => {
    answer = given;
    await expect(withStore({ signingSecret }, (store) => store.grantsFor(ada))).rejects.toThrow(error);
  });

  it('rejects when the governance subgraph does not answer within the timeout', async () => {
    answer = 'never';
    const started = Date.now();
    await expect(withStore({ timeoutMs: 150 }, (store) => store.grantsFor(ada))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(seen).toHaveLength(1);
  });

  it('rejects when nothing listens', async () => {
    await expect(withStore({ url: 'http://127.0.0.1:1/graphql' }, (store) => store.grantsFor(ada))).rejects.toThrow();
  });
});
