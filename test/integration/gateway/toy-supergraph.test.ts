import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createGateway } from '../../../gateway/create-gateway.js';
import type { RunningHttpServer } from '../../../runtime/http-server.js';
import { silentLogger } from '../../../runtime/logger.js';
import { gatewayConfig, REPO_ROOT } from '../../harness/demo-federation.js';
import { postGraphQL } from '../../harness/graphql-http.js';
import { startToySubgraphs, type ToySubgraphs } from '../../harness/toy-subgraphs.js';
import { bearer, TEST_AUTHN } from '../../harness/tokens.js';

// A supergraph that has nothing to do with the catalog, carrying @authenticated, @requiresScopes
// and @policy: @apollo/gateway alone refuses to load it; Concord serves it and enforces each one.
describe('gateway on a different supergraph', () => {
  let toy: ToySubgraphs;
  let gateway: RunningHttpServer;
  let secondPasses = 0;

  beforeAll(async () => {
    toy = await startToySubgraphs();
    gateway = await createGateway(gatewayConfig({ supergraphPath: toy.supergraphPath, authn: TEST_AUTHN }), {
      logger: silentLogger,
      onSecondPass: () => { secondPasses++; },
    }).listen();
  });
  afterAll(async () => {
    await gateway?.close();
    await toy?.close();
  });

  it('serves public fields across both subgraphs without a second pass', async () => {
    const before = secondPasses;
    const { status, body } = await postGraphQL(gateway.url, '{ stations { code name latest { celsius } } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      stations: [
        { code: 'OSL', name: 'Oslo Blindern', latest: { celsius: -3.5 } },
        { code: 'BGO', name: 'Bergen Florida', latest: { celsius: 4 } },
      ],
    });
    expect(secondPasses).toBe(before);
  });

  it('answers each guarded field null with UNAUTHORIZED_FIELD_OR_TYPE, and no subgraph is asked for it', async () => {
    toy.recorder.clear();
    const { body } = await postGraphQL(gateway.url, `{
      stations { code note: operatorNote calibration { offset } operator { name } }
    }`);
    expect(body.data).toEqual({
      stations: [
        { code: 'OSL', note: null, calibration: null, operator: null },
        { code: 'BGO', note: null, calibration: null, operator: null },
      ],
    });
    const denied = body.errors!.map((e) => [e.path!.join('.'), e.extensions!.code, e.extensions!.policy, e.extensions!.reason]);
    expect(denied).toEqual(expect.arrayContaining([
      ['stations.0.note', 'UNAUTHORIZED_FIELD_OR_TYPE', 'requiresScopes', 'MISSING_SCOPES'],
      ['stations.1.calibration', 'UNAUTHORIZED_FIELD_OR_TYPE', 'station:calibration', 'POLICY_NOT_ENFORCEABLE'],
      ['stations.0.operator', 'UNAUTHORIZED_FIELD_OR_TYPE', 'authenticated', 'AUTHENTICATION_REQUIRED'],
    ]));
    expect(body.errors).toHaveLength(6);
    const sent = toy.recorder.requests.map((r) => r.query).join('\n');
    expect(sent).toContain('stations');
    expect(sent).not.toMatch(/operatorNote|calibration|operator\b|operators/);
  });

  it('propagates a withheld non-null field to its nullable parent, as the GraphQL spec requires', async () => {
    // Query.operators is [Operator!]!: withholding it nulls the whole response (spec 6.4.4).
    const { body } = await postGraphQL(gateway.url, '{ operators { name } stations { code } }');
    expect(body.data).toBeNull();
    expect(body.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['operators', 'UNAUTHORIZED_FIELD_OR_TYPE']]);
  });

  it('keeps variables, @skip and fragments working around removed fields', async () => {
    const { body } = await postGraphQL(gateway.url, `
      query Q($code: ID!, $skip: Boolean!) {
        station(code: $code) { ...Basics ... on Station @skip(if: $skip) { operatorNote elevation } }
      }
      fragment Basics on Station { name n2: name }`, { code: 'OSL', skip: false });
    expect(body.data).toEqual({ station: { name: 'Oslo Blindern', n2: 'Oslo Blindern', operatorNote: null, elevation: 94 } });
    expect(body.errors?.map((e) => e.path?.join('.'))).toEqual(['station.operatorNote']);
  });

  it('enforces @authenticated and @requiresScopes against the token, and denies a policy it does not know', async () => {
    const query = '{ operators { name } stations { code operatorNote operator { name } calibration { offset } } }';
    const ops = await postGraphQL(gateway.url, query, undefined, await bearer({ sub: 'op-1', scope: 'stations:ops stations:read' }));
    expect(ops.body.data).toEqual({
      operators: [{ name: 'MET' }],
      stations: [
        { code: 'OSL', operatorNote: 'sensor 3 replaced', operator: { name: 'MET' }, calibration: null },
        { code: 'BGO', operatorNote: 'fence repaired', operator: { name: 'MET' }, calibration: null },
      ],
    });
    expect(ops.body.errors?.map((e) => [e.path?.join('.'), e.extensions?.reason])).toEqual([
      ['stations.0.calibration', 'POLICY_NOT_ENFORCEABLE'], ['stations.1.calibration', 'POLICY_NOT_ENFORCEABLE'],
    ]);
    const readOnly = await postGraphQL(gateway.url, '{ stations { code operatorNote } }', undefined, await bearer({ sub: 'r-1', scope: 'stations:read' }));
    expect(readOnly.body.data).toEqual({ stations: [{ code: 'OSL', operatorNote: null }, { code: 'BGO', operatorNote: null }] });
    expect(readOnly.body.errors?.[0]?.extensions).toMatchObject({ reason: 'MISSING_SCOPES', requiredScopes: [['stations:admin'], ['stations:ops', 'stations:read']] });
  });

  it('masks subgraph error text: the client sees the subgraph name and a code, nothing else', async () => {
    const { body, text } = await postGraphQL(gateway.url, '{ station(code: "BOOM") { name } }');
    expect(body.data).toEqual({ station: null });
    expect(body.errors).toEqual([{
      message: 'Subgraph "stations" could not resolve this field',
      path: ['station'],
      extensions: { code: 'SUBGRAPH_ERROR', serviceName: 'stations' },
    }]);
    expect(text).not.toMatch(/10\.1\.2\.3|stations_rw|5432|127\.0\.0\.1/);
  });

  it('refuses an invalid token with 401, never falling back to anonymous', async () => {
    const { status, body } = await postGraphQL(gateway.url, '{ stations { code } }', undefined, { authorization: 'Bearer not.a.token' });
    expect(status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'token is malformed' });
  });

  it('is what npm run gateway -- --supergraph FILE serves', async () => {
    // The compiled gateway, as `npm run gateway` runs it (npm test builds it first).
    const child = spawn(process.execPath, ['dist/gateway/main.js', '--supergraph', toy.supergraphPath], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('gateway did not start')), 20_000);
        createInterface({ input: child.stdout! }).on('line', (line) => {
          const record = JSON.parse(line) as { msg?: string; url?: string };
          if (record.msg === 'gateway listening' && record.url) { clearTimeout(timer); resolve(record.url); }
        });
        child.once('exit', (code) => reject(new Error(`gateway exited with ${code}`)));
      });
      const { body } = await postGraphQL(url, '{ station(code: "BGO") { name latest { at } } }');
      expect(body.data).toEqual({ station: { name: 'Bergen Florida', latest: { at: '2024-12-01T12:00:00Z' } } });
      const ready = await fetch(url.replace('/graphql', '/ready'));
      expect(ready.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
