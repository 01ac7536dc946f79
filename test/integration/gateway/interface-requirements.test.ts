import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kind, parse, type DirectiveNode } from 'graphql';
import { createGateway, type ConcordGateway } from '../../../gateway/create-gateway.js';
import type { RunningHttpServer } from '../../../runtime/http-server.js';
import { silentLogger } from '../../../runtime/logger.js';
import type { TokenClaims } from '../../../schema/identity-claims.js';
import { gatewayConfig } from '../../harness/demo-federation.js';
import { postGraphQL, type GraphQLResponse } from '../../harness/graphql-http.js';
import { bearer, TEST_AUTHN } from '../../harness/tokens.js';
import { startInterfaceToySubgraph, type InterfaceToySubgraph } from '../../harness/toy-interface-subgraph.js';
import { INTERFACE_GUARDS } from '../../harness/toy-interface-supergraph.js';

// A supergraph whose security directives stand on interfaces alone (composition would refuse them
// there; a hand-written supergraph need not). However a client reaches a guarded field, through the
// interface, a fragment on an implementation, a named fragment, an alias or a field returning the
// implementation, the interface's requirement holds (ARCHITECTURE.md "Authorization plan").

type Data = Record<string, unknown>;

/** The readable answer with each withheld path set to null, as the gateway answers a denied field. */
function withheld(data: Data, paths: readonly string[]): Data {
  const copy = structuredClone(data);
  for (const path of paths) {
    const keys = path.split('.');
    const last = keys.pop()!;
    let target: any = copy;
    for (const key of keys) target = target[key];
    target[last] = null;
  }
  return copy;
}

function denials(body: GraphQLResponse['body']): [string, unknown, unknown, unknown][] {
  return (body.errors ?? []).map((e) => [e.path?.join('.') ?? '', e.extensions?.code, e.extensions?.policy, e.extensions?.reason]);
}

const ANONYMOUS = null;
const UNSCOPED: TokenClaims = { sub: 'field-tech-1', scope: 'sensors:write' };
const SCOPED: TokenClaims = { sub: 'analyst-1', scope: 'sensors:read' };
const MEMBER: TokenClaims = { sub: 'member-1', scope: 'consortium:member' };

const READING_CASES: readonly { name: string; query: string; readable: Data; paths: string[] }[] = [
  {
    name: 'through the interface',
    query: '{ sensors { label reading } }',
    readable: { sensors: [{ label: 'Fjord probe', reading: 7.5 }, { label: 'Harbour buoy', reading: 3.25 }] },
    paths: ['sensors.0.reading', 'sensors.1.reading'],
  },
  {
    name: 'through an inline fragment on an implementation',
    query: '{ sensors { label ... on Probe { reading depth } } }',
    readable: { sensors: [{ label: 'Fjord probe', reading: 7.5, depth: 30 }, { label: 'Harbour buoy' }] },
    paths: ['sensors.0.reading'],
  },
  {
    name: 'through a named fragment on an implementation',
    query: '{ sensors { id ...BuoyLevel } } fragment BuoyLevel on Buoy { reading }',
    readable: { sensors: [{ id: 'P1' }, { id: 'B1', reading: 3.25 }] },
    paths: ['sensors.1.reading'],
  },
  {
    name: 'under an alias',
    query: '{ sensors { ... on Probe { level: reading } ... on Buoy { level: reading } } }',
    readable: { sensors: [{ level: 7.5 }, { level: 3.25 }] },
    paths: ['sensors.0.level', 'sensors.1.level'],
  },
  {
    name: 'through a field that returns the implementation',
    query: '{ probe(id: "P1") { label reading } }',
    readable: { probe: { label: 'Fjord probe', reading: 7.5 } },
    paths: ['probe.reading'],
  },
];

describe('requirements declared on interfaces only', () => {
  let toy: InterfaceToySubgraph;
  let concord: ConcordGateway;
  let gateway: RunningHttpServer;

  beforeAll(async () => {
    toy = await startInterfaceToySubgraph();
    concord = createGateway(gatewayConfig({ supergraphPath: toy.supergraphPath, authn: TEST_AUTHN }), { logger: silentLogger });
    gateway = await concord.listen();
  });
  afterAll(async () => {
    await gateway?.close();
    await toy?.close();
  });

  it('is served a supergraph whose guards stand on interfaces and nowhere else', () => {
    const guarded: string[] = [];
    const security = new Set(['authenticated', 'requiresScopes', 'policy']);
    const isGuard = (directives: readonly DirectiveNode[] | undefined) => (directives ?? []).some((d) => security.has(d.name.value));
    for (const definition of parse(toy.supergraphSdl).definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
      const where = `${definition.kind === Kind.INTERFACE_TYPE_DEFINITION ? 'interface' : 'type'} ${definition.name.value}`;
      if (isGuard(definition.directives)) guarded.push(where);
      for (const field of definition.fields ?? []) if (isGuard(field.directives)) guarded.push(`${where}.${field.name.value}`);
    }
    expect(guarded.sort()).toEqual(Object.keys(INTERFACE_GUARDS).map((key) => `interface ${key}`).sort());
  });

  describe.each([
    ['an anonymous caller', ANONYMOUS],
    ['a caller without the scope', UNSCOPED],
  ])('@requiresScopes on Sensor.reading, for %s', (_caller, claims) => {
    it.each(READING_CASES)('withholds the reading $name, and never asks the subgraph for it', async ({ query, readable, paths }) => {
      toy.recorder.clear();
      const { status, body } = await postGraphQL(gateway.url, query, undefined, await bearer(claims));
      expect(status).toBe(200);
      expect(body.data).toEqual(withheld(readable, paths));
      expect(denials(body)).toEqual(paths.map((path) => [path, 'UNAUTHORIZED_FIELD_OR_TYPE', 'requiresScopes', 'MISSING_SCOPES']));
      expect(toy.recorder.requests.map((r) => r.query).join('\n')).not.toContain('reading');
    });
  });

  it.each(READING_CASES)('lets a caller with the scope read the reading $name', async ({ query, readable }) => {
    const { body } = await postGraphQL(gateway.url, query, undefined, await bearer(SCOPED));
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual(readable);
  });

  // dataset:access is decided per dataset: a PUBLIC survey's preview is anyone's, a PARTNER_SHARED
  // one's is for consortium members. Only the interface field names the policy.
  it.each([
    ['through the interface', '{ datasets { id preview } }', 'preview'],
    ['through an inline fragment on the implementation', '{ datasets { id ... on Survey { preview } } }', 'preview'],
    ['through a named fragment, under an alias', '{ datasets { id ...Peek } } fragment Peek on Survey { glimpse: preview }', 'glimpse'],
  ])('decides @policy on Dataset.preview for each dataset %s', async (_how, query, key) => {
    const anonymous = await postGraphQL(gateway.url, query);
    expect(anonymous.body.data).toEqual({ datasets: [{ id: 'survey-open', [key]: 'open rows' }, { id: 'survey-shared', [key]: null }] });
    expect(denials(anonymous.body)).toEqual([[`datasets.1.${key}`, 'UNAUTHORIZED_FIELD_OR_TYPE', 'dataset:access', 'AUTHENTICATION_REQUIRED']]);

    const member = await postGraphQL(gateway.url, query, undefined, await bearer(MEMBER));
    expect(member.body.errors).toBeUndefined();
    expect(member.body.data).toEqual({ datasets: [{ id: 'survey-open', [key]: 'open rows' }, { id: 'survey-shared', [key]: 'shared rows' }] });
  });

  it('guards an implementation of a guarded interface wherever it is reached, through a union too', async () => {
    const query = '{ items { ... on Locker { contents } ... on Buoy { label } } vaults { id } }';
    const anonymous = await postGraphQL(gateway.url, query);
    expect(anonymous.body.data).toEqual({ items: [{ contents: null }, { label: 'Harbour buoy' }], vaults: null });
    expect(denials(anonymous.body)).toEqual([
      ['items.0.contents', 'UNAUTHORIZED_FIELD_OR_TYPE', 'authenticated', 'AUTHENTICATION_REQUIRED'],
      ['vaults', 'UNAUTHORIZED_FIELD_OR_TYPE', 'authenticated', 'AUTHENTICATION_REQUIRED'],
    ]);

    const signedIn = await postGraphQL(gateway.url, query, undefined, await bearer(UNSCOPED));
    expect(signedIn.body.errors).toBeUndefined();
    expect(signedIn.body.data).toEqual({ items: [{ contents: 'spare batteries' }, { label: 'Harbour buoy' }], vaults: [{ id: 'L1' }] });
  });
});
