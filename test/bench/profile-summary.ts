// Where Concord's CPU time goes, from the V8 profile `--cpu-prof` writes (issue 5, point 6; issue 9).
// Only samples taken while Concord was being measured count, so start-up, warm-up and the idle time
// while other contenders ran are left out, and each stage is given in milliseconds per request.

/** The parts of a .cpuprofile file read here. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  /** Microseconds between samples; the first is relative to startTime. */
  timeDeltas: number[];
  startTime: number;
}

/** A span of the monotonic clock (process.hrtime, in microseconds, the profiler's clock too) and the requests served in it. */
export interface ProfileWindow {
  fromUs: number;
  toUs: number;
  requests: number;
}

export interface StageTime {
  stage: string;
  msPerRequest: number;
  /** Of all the CPU time sampled in the windows, garbage collection included. */
  share: number;
}

/** One line of STAGES: frames whose "functionName url" matches `frame` belong to `stage`. */
export interface StageRule {
  stage: string;
  frame: RegExp;
  /** Only when some caller of the frame matches this too: graphql-js's error code counts as a denial only when authorization called it. */
  calledFrom?: RegExp;
}

/**
 * Concord's own authorization work (ARCHITECTURE.md "Authorization"), one stage per part, and a
 * last one for authorization code no rule below names yet (listed in profile.md only when it took
 * time, as a sign that STAGES needs a line). Their sum is the "authorization work" row of
 * profile.md, whose share of Concord's CPU time on (b) is a target.
 */
export const AUTHORIZATION_STAGES = [
  'authz: static decisions and operation analysis',
  'authz: per-entity decisions',
  'authz: shaping the response',
  'authz: denial errors',
  'authz: other gateway/authz code',
] as const;
const [STATIC, PER_ENTITY, SHAPING, DENIAL_ERRORS, OTHER_AUTHORIZATION] = AUTHORIZATION_STAGES;

/** Any authorization module: what calls graphql-js's error code when the error is a denial. */
const AUTHORIZATION_CODE = /gateway\/authz\/|schema\/policy\//;
/** The modules that walk the fetched data; the second pass (graphql-js over the page, graphql-shield) did it before the walk. */
const SHAPING_CODE = /gateway\/authz\/(response-walker|response-shaper|shaping-schema|shaping-context)\.|graphql-shield|graphql-middleware/;
/** graphql-js building an error and V8 capturing and formatting its stack. */
const ERROR_CODE = /graphql\/error\/|prepare_stack_trace|captureStackTrace|source_map|^get stack /;

/**
 * Each sampled frame counts for the first rule that it, or else its nearest caller, matches, tested
 * against "functionName url"; a frame that matches none (a native call, a node internal) counts for
 * the nearest caller that does. File paths here are the only place to update when modules move.
 */
export const STAGES: readonly StageRule[] = [
  // The audit trail (ARCHITECTURE.md "Audit"; issue 11): the entry, its canonical form and hash, the append.
  { stage: 'audit trail (entry, canonical form, hash, append)', frame: /gateway\/audit\/|runtime\/audit\// },
  // Denial errors: the module that builds them, and graphql-js's error code when authorization calls it.
  { stage: DENIAL_ERRORS, frame: /gateway\/authz\/unauthorized-field\./ },
  { stage: DENIAL_ERRORS, frame: ERROR_CODE, calledFrom: AUTHORIZATION_CODE },
  // Static decisions before planning; the authorizing gateway re-keys the plan cache by the pruned operation.
  { stage: STATIC, frame: /gateway\/authz\/(operation-analysis|guarded-paths|operation-authorizer|field-decision|requirements|enforcement-mode|authorizing-gateway|authorization-plan)\./ },
  // Per-entity decisions: the policies and the facts they read.
  { stage: PER_ENTITY, frame: /gateway\/authz\/(entity-decisions|authorization-policies|catalog-authorization-policies)\.|schema\/policy\// },
  // Shaping: the walk over guarded paths, or graphql-js executing the page under the old second pass.
  { stage: SHAPING, frame: SHAPING_CODE },
  { stage: SHAPING, frame: /graphql\/execution\/|graphql\/jsutils\//, calledFrom: SHAPING_CODE },
  // Authorization code no line above names still counts as authorization work.
  { stage: OTHER_AUTHORIZATION, frame: /gateway\/authz\// },
  { stage: 'errors elsewhere: GraphQLError, formatting and masking', frame: new RegExp(`${ERROR_CODE.source}|gateway\\/errors\\.`) },
  { stage: 'graphql-js execute, elsewhere', frame: /graphql\/execution\/|graphql\/jsutils\// },
  { stage: 'authentication (JWT)', frame: /gateway\/authn\/|\/jose\/|crypto\/webcrypto|crypto\/util|js_transferable/ },
  { stage: 'query planning and execution (@apollo/gateway)', frame: /@apollo\/gateway|@apollo\/federation-internals|@apollo\/query-planner/ },
  { stage: 'Apollo Server and express', frame: /@apollo\/server|\/express\/|\/router\/|body-parser|@as-integrations/ },
  { stage: 'subgraph HTTP (undici, signing)', frame: /undici|request-signing|subgraph-client|forwarded-principal/ },
];
export const GC = 'garbage collection';
export const OTHER = 'other (node internals, sockets, JSON)';

/** Every stage, in the order profile.md lists them: authorization first. */
export const STAGE_ORDER: readonly string[] = [...new Set([...AUTHORIZATION_STAGES, ...STAGES.map((r) => r.stage), GC, OTHER])];

/** The stage a sample's frame belongs to; null for idle time. */
export function stageOf(profile: CpuProfile, rules: readonly StageRule[] = STAGES): (nodeId: number) => string | null {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const labelOf = (id: number) => {
    const frame = byId.get(id)!.callFrame;
    return `${frame.functionName} ${frame.url}`;
  };
  const calledFrom = (id: number, pattern: RegExp): boolean => {
    for (let caller = parentOf.get(id); caller !== undefined; caller = parentOf.get(caller)) {
      if (pattern.test(labelOf(caller))) return true;
    }
    return false;
  };
  const walk = (nodeId: number): string => {
    for (let id: number | undefined = nodeId; id !== undefined; id = parentOf.get(id)) {
      const label = labelOf(id);
      const found = rules.find((rule) => rule.frame.test(label) && (!rule.calledFrom || calledFrom(id!, rule.calledFrom)));
      if (found) return found.stage;
    }
    return OTHER;
  };
  const memo = new Map<number, string | null>();
  return (nodeId) => {
    if (!memo.has(nodeId)) {
      const own = labelOf(nodeId);
      memo.set(nodeId, own.startsWith('(idle)') ? null : own.startsWith('(garbage collector)') ? GC : walk(nodeId));
    }
    return memo.get(nodeId)!;
  };
}

/** CPU milliseconds per request by stage, over the samples inside the windows; the busiest stage first. */
export function summariseProfile(profile: CpuProfile, windows: readonly ProfileWindow[], rules: readonly StageRule[] = STAGES): StageTime[] {
  const stage = stageOf(profile, rules);
  const requests = windows.reduce((sum, w) => sum + w.requests, 0);
  const totals = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((nodeId, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    if (!windows.some((w) => at >= w.fromUs && at <= w.toUs)) return;
    const name = stage(nodeId);
    if (name !== null) totals.set(name, (totals.get(name) ?? 0) + delta);
  });
  const busy = [...totals.values()].reduce((sum, us) => sum + us, 0);
  if (requests === 0 || busy === 0) return [];
  return [...totals]
    .map(([name, us]) => ({ stage: name, msPerRequest: us / 1000 / requests, share: us / busy }))
    .sort((a, b) => b.msPerRequest - a.msPerRequest);
}

export interface AuthorizationTotal {
  msPerRequest: number;
  /** All CPU time per request in the windows, garbage collection included. */
  totalMsPerRequest: number;
  share: number;
}

/**
 * The four authorization stages together, against everything the gateway did. Garbage collection
 * is not split by who made the garbage, so it is in the total and not in the authorization work:
 * the heap MB per request of results.md shows what each gateway allocates.
 */
export function authorizationTotal(stages: readonly StageTime[]): AuthorizationTotal | null {
  const total = stages.reduce((sum, s) => sum + s.msPerRequest, 0);
  if (stages.length === 0 || !(total > 0)) return null;
  const own = stages.filter((s) => (AUTHORIZATION_STAGES as readonly string[]).includes(s.stage));
  const msPerRequest = own.reduce((sum, s) => sum + s.msPerRequest, 0);
  return { msPerRequest, totalMsPerRequest: total, share: msPerRequest / total };
}
