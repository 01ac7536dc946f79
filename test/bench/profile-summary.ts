// Where Concord's CPU time goes, from the V8 profile `--cpu-prof` writes (issue 5, point 6). Only
// samples taken while Concord was being measured count, so start-up, warm-up and the idle time
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
  share: number;
}

// First match wins, tested against "functionName url". A frame that matches none (a native call,
// a node internal) counts for the nearest caller that does.
const STAGES: readonly (readonly [string, RegExp])[] = [
  ['errors: GraphQLError and stack traces', /graphql\/error\/|prepare_stack_trace|source_map|^get stack /],
  ['second pass: graphql-js execute', /graphql\/execution\/|graphql\/jsutils\//],
  ['second pass: graphql-shield', /graphql-shield|graphql-middleware/],
  ['authorization and policies', /gateway\/authz\/|schema\/policy\/|gateway\/errors/],
  ['authentication (JWT)', /gateway\/authn\/|\/jose\/|crypto\/webcrypto|crypto\/util|js_transferable/],
  ['query planning and execution (@apollo/gateway)', /@apollo\/gateway|@apollo\/federation-internals|@apollo\/query-planner/],
  ['Apollo Server and express', /@apollo\/server|\/express\/|\/router\/|body-parser|@as-integrations/],
  ['subgraph HTTP (undici, signing)', /undici|request-signing|subgraph-client|forwarded-principal/],
];
const GC = 'garbage collection';
const OTHER = 'other (node internals, sockets, JSON)';

/** The stage a sample's frame belongs to; null for idle time. */
export function stageOf(profile: CpuProfile): (nodeId: number) => string | null {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const labelOf = (id: number) => {
    const frame = byId.get(id)!.callFrame;
    return `${frame.functionName} ${frame.url}`;
  };
  const memo = new Map<number, string | null>();
  const walk = (nodeId: number): string => {
    for (let id: number | undefined = nodeId; id !== undefined; id = parentOf.get(id)) {
      const label = labelOf(id);
      const found = STAGES.find(([, pattern]) => pattern.test(label));
      if (found) return found[0];
    }
    return OTHER;
  };
  return (nodeId) => {
    if (!memo.has(nodeId)) {
      const own = labelOf(nodeId);
      memo.set(nodeId, own.startsWith('(idle)') ? null : own.startsWith('(garbage collector)') ? GC : walk(nodeId));
    }
    return memo.get(nodeId)!;
  };
}

/** CPU milliseconds per request by stage, over the samples inside the windows; the busiest stage first. */
export function summariseProfile(profile: CpuProfile, windows: readonly ProfileWindow[]): StageTime[] {
  const stage = stageOf(profile);
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
