import { describe, expect, it } from 'vitest';
import {
  AUTHORIZATION_STAGES, authorizationTotal, GC, OTHER, STAGE_ORDER, STAGES, stageOf, summariseProfile, type CpuProfile, type StageTime,
} from '../../bench/profile-summary.js';

// Which stage a CPU profile sample is counted for decides the authorization target of profile.md,
// so the attribution rules are checked here frame by frame.

const [STATIC, PER_ENTITY, SHAPING, DENIAL_ERRORS, OTHER_AUTHORIZATION] = AUTHORIZATION_STAGES;
const ERRORS_ELSEWHERE = 'errors elsewhere: GraphQLError, formatting and masking';
const EXECUTE_ELSEWHERE = 'graphql-js execute, elsewhere';

const APP = 'file:///app';
const frame = (functionName: string, path = ''): string => `${functionName}|${path === '' ? '' : `${APP}/${path}`}`;
const SERVER = frame('processRequest', 'node_modules/@apollo/server/dist/esm/requestPipeline.js');
const GRAPHQL_ERROR = frame('GraphQLError', 'node_modules/graphql/error/GraphQLError.js');
const LOCATED_ERROR = frame('locatedError', 'node_modules/graphql/error/locatedError.js');
const EXECUTE = frame('executeField', 'node_modules/graphql/execution/execute.js');
const CAPTURE = frame('captureStackTrace');

/** One sample per call chain (outermost caller first), 1 ms apart, under a shared root. */
function profileOf(chains: readonly (readonly string[])[]): { profile: CpuProfile; leaves: number[] } {
  const nodes: CpuProfile['nodes'] = [{ id: 1, callFrame: { functionName: '(root)', url: '' }, children: [] }];
  const leaves = chains.map((chain) => {
    let parent = nodes[0]!;
    for (const label of chain) {
      const [functionName, url] = label.split('|') as [string, string];
      const id = nodes.length + 1;
      const node = { id, callFrame: { functionName, url }, children: [] as number[] };
      parent.children!.push(id);
      nodes.push(node);
      parent = node;
    }
    return parent.id;
  });
  return { profile: { nodes, samples: leaves, timeDeltas: leaves.map(() => 1_000), startTime: 0 }, leaves };
}

describe('stageOf', () => {
  it.each<[string, string[], string | null]>([
    ['a denial built by the module that builds them', [SERVER, frame('unauthorizedFieldAt', 'gateway/authz/unauthorized-field.ts')], DENIAL_ERRORS],
    ['graphql-js error code called from the response walk', [SERVER, frame('walk', 'gateway/authz/response-walker.ts'), GRAPHQL_ERROR], DENIAL_ERRORS],
    ['a native stack capture under such an error', [SERVER, frame('walk', 'gateway/authz/response-walker.ts'), GRAPHQL_ERROR, CAPTURE], DENIAL_ERRORS],
    ['locatedError inside graphql-js execute under the old second pass', [frame('shapeResponse', 'gateway/authz/response-shaper.ts'), EXECUTE, LOCATED_ERROR], DENIAL_ERRORS],
    ['a static denial error from the operation analysis', [frame('analyse', 'gateway/authz/operation-analysis.ts'), GRAPHQL_ERROR], DENIAL_ERRORS],
    ['graphql-js error code called by Apollo Server', [SERVER, GRAPHQL_ERROR], ERRORS_ELSEWHERE],
    ['a stack capture nowhere near authorization', [SERVER, GRAPHQL_ERROR, CAPTURE], ERRORS_ELSEWHERE],
    ['error masking', [SERVER, frame('maskError', 'gateway/errors.ts')], ERRORS_ELSEWHERE],
    ['operation analysis', [SERVER, frame('analyseOperation', 'gateway/authz/operation-analysis.ts')], STATIC],
    ['compiling guarded paths', [SERVER, frame('compile', 'gateway/authz/guarded-paths.ts')], STATIC],
    ['pruning before planning', [SERVER, frame('authorizeOperation', 'gateway/authz/operation-authorizer.ts')], STATIC],
    ['graphql-js printing the pruned operation for the plan cache key', [frame('execute', 'gateway/authz/authorizing-gateway.ts'), frame('print', 'node_modules/graphql/language/printer.js')], STATIC],
    ['per-entity decisions', [frame('decideEntities', 'gateway/authz/entity-decisions.ts')], PER_ENTITY],
    ['a policy rule, even when graphql-shield calls it', [frame('resolve', 'node_modules/graphql-shield/esm/generator.js'), frame('grantRule', 'schema/policy/rules/grant-rule.ts')], PER_ENTITY],
    ['reading governance facts', [frame('walk', 'gateway/authz/response-walker.ts'), frame('readCatalogFacts', 'schema/policy/catalog-facts.ts')], PER_ENTITY],
    ['the response walk', [SERVER, frame('walk', 'gateway/authz/response-walker.ts')], SHAPING],
    ['JSON work inside the walk', [frame('walk', 'gateway/authz/response-walker.ts'), frame('stringify')], SHAPING],
    ['graphql-js execute under the old second pass', [frame('shapeResponse', 'gateway/authz/response-shaper.ts'), EXECUTE], SHAPING],
    ['graphql-shield', [frame('resolve', 'node_modules/graphql-shield/esm/generator.js')], SHAPING],
    ['graphql-middleware', [frame('applyMiddleware', 'node_modules/graphql-middleware/dist/index.js')], SHAPING],
    ['graphql-js execute elsewhere', [SERVER, EXECUTE], EXECUTE_ELSEWHERE],
    ['authorization code no rule names', [frame('helper', 'gateway/authz/grant-index.ts')], OTHER_AUTHORIZATION],
    ['token verification', [SERVER, frame('verify', 'gateway/authn/token-verifier.ts')], 'authentication (JWT)'],
    ['query planning', [SERVER, frame('buildQueryPlan', 'node_modules/@apollo/query-planner/dist/buildPlan.js')], 'query planning and execution (@apollo/gateway)'],
    ['a native call counts for its nearest known caller', [frame('fetch', 'node_modules/undici/lib/fetch.js'), frame('parse')], 'subgraph HTTP (undici, signing)'],
    ['nothing known on the stack', [frame('processTicksAndRejections', 'node:internal/process/task_queues')], OTHER],
    ['garbage collection', [frame('(garbage collector)')], GC],
    ['idle time is no stage', [frame('(idle)')], null],
  ])('%s', (_name, chain, expected) => {
    const { profile, leaves } = profileOf([chain]);
    expect(stageOf(profile)(leaves[0]!)).toBe(expected);
  });
});

describe('the stage table', () => {
  it('lists the authorization stages first, then every other stage once, then garbage collection and the rest', () => {
    expect(STAGE_ORDER.slice(0, AUTHORIZATION_STAGES.length)).toEqual([...AUTHORIZATION_STAGES]);
    expect(new Set(STAGE_ORDER).size).toBe(STAGE_ORDER.length);
    for (const rule of STAGES) expect(STAGE_ORDER).toContain(rule.stage);
    expect(STAGE_ORDER.slice(-2)).toEqual([GC, OTHER]);
  });
});

describe('summariseProfile', () => {
  // root -> (idle) | (garbage collector) | execute -> GraphQLError -> (native)  | decide in authz
  const profile: CpuProfile = {
    startTime: 1_000,
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '' }, children: [2, 3, 4, 7] },
      { id: 2, callFrame: { functionName: '(idle)', url: '' } },
      { id: 3, callFrame: { functionName: '(garbage collector)', url: '' } },
      { id: 4, callFrame: { functionName: 'executeField', url: 'file:///app/node_modules/graphql/execution/execute.js' }, children: [5] },
      { id: 5, callFrame: { functionName: 'GraphQLError', url: 'file:///app/node_modules/graphql/error/GraphQLError.js' }, children: [6] },
      { id: 6, callFrame: { functionName: 'captureStackTrace', url: '' } },
      { id: 7, callFrame: { functionName: 'decide', url: 'file:///app/gateway/authz/field-decision.ts' } },
    ],
    // One sample every 1,000 µs from 2,000 to 9,000.
    samples: [2, 3, 4, 5, 6, 7, 7, 2],
    timeDeltas: [1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000],
  };

  it('counts only the samples inside the windows, per request, leaving idle time out', () => {
    const stages = summariseProfile(profile, [{ fromUs: 3_000, toUs: 8_000, requests: 2 }]);
    expect(stages.map((s) => [s.stage, s.msPerRequest])).toEqual([
      [ERRORS_ELSEWHERE, 1],
      [STATIC, 1],
      [GC, 0.5],
      [EXECUTE_ELSEWHERE, 0.5],
    ]);
    expect(stages.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 10);
  });

  it('adds up several windows', () => {
    const stages = summariseProfile(profile, [{ fromUs: 3_000, toUs: 3_000, requests: 1 }, { fromUs: 7_000, toUs: 8_000, requests: 1 }]);
    expect(stages.map((s) => [s.stage, s.msPerRequest])).toEqual([[STATIC, 1], [GC, 0.5]]);
  });

  it('has nothing to say without requests in the windows', () => {
    expect(summariseProfile(profile, [{ fromUs: 0, toUs: 100, requests: 0 }])).toEqual([]);
  });
});

describe('authorizationTotal', () => {
  const stage = (name: string, msPerRequest: number): StageTime => ({ stage: name, msPerRequest, share: 0 });

  it.each<[string, StageTime[], { msPerRequest: number; totalMsPerRequest: number; share: number } | null]>([
    ['every authorization stage, against all the CPU time garbage collection included',
      [stage(STATIC, 0.5), stage(PER_ENTITY, 1), stage(SHAPING, 0.25), stage(DENIAL_ERRORS, 0.25), stage(GC, 2), stage(OTHER, 6)],
      { msPerRequest: 2, totalMsPerRequest: 10, share: 0.2 }],
    ['the catch-all for unnamed authorization code counts too', [stage(OTHER_AUTHORIZATION, 1), stage(OTHER, 3)], { msPerRequest: 1, totalMsPerRequest: 4, share: 0.25 }],
    ['errors elsewhere are not authorization work', [stage(ERRORS_ELSEWHERE, 1), stage(OTHER, 3)], { msPerRequest: 0, totalMsPerRequest: 4, share: 0 }],
    ['no samples', [], null],
  ])('%s', (_name, stages, expected) => {
    const total = authorizationTotal(stages);
    if (expected === null) return expect(total).toBeNull();
    expect(total!.msPerRequest).toBeCloseTo(expected.msPerRequest, 10);
    expect(total!.totalMsPerRequest).toBeCloseTo(expected.totalMsPerRequest, 10);
    expect(total!.share).toBeCloseTo(expected.share, 10);
  });
});
