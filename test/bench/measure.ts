import type { BenchChild } from './child-process.js';
import type { ContenderId } from './contenders/start-gateways.js';
import type { Measured } from './contenders/gateway-messages.js';
import { runLoad, sendOnce, type LoadShape, type LoadTarget } from './load.js';
import type { ProfileWindow } from './profile-summary.js';
import type { Figures } from './report.js';
import type { GraphQLBody } from './workloads.js';

/** The same question, as each kind of contender is asked it. */
export interface Question {
  gatewayBody: GraphQLBody;
  token: string;
  floorBody: GraphQLBody;
  /** How many datasets a correct answer holds. */
  expectedNodes: number;
}

export interface Contender {
  id: ContenderId;
  name: string;
  /** The gateway's process, measured for CPU and memory; null for the floor. */
  child: BenchChild | null;
  /** The only workloads (ids) it is measured on; absent: every workload. */
  onlyOn?: readonly string[];
  target(question: Question): LoadTarget;
}

export function gatewayContender(id: ContenderId, name: string, url: string, child: BenchChild): Contender {
  return {
    id, name, child,
    target: (q) => ({
      url,
      body: JSON.stringify(q.gatewayBody),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${q.token}` },
    }),
  };
}

export function floorContender(name: string, partnerUrl: string, signingSecret: string): Contender {
  return {
    id: 'floor', name, child: null,
    target: (q) => ({ url: partnerUrl, body: JSON.stringify(q.floorBody), headers: { 'content-type': 'application/json' }, signingSecret }),
  };
}

export interface Measurement {
  figures: Figures;
  requests: number;
  failures: number;
  /** When the load ran, on the monotonic clock a CPU profile of the gateway uses too. */
  window: ProfileWindow;
  /** Garbage collections in the gateway's process during the load; null for the floor. */
  gc: { count: number; ms: number } | null;
}

const monotonicMicroseconds = (): number => Number(process.hrtime.bigint() / 1000n);

/**
 * A timed load run ends with requests still in flight, which the server goes on computing. Waiting
 * about as long as the slowest of them keeps that work out of the next contender's measurement.
 */
async function settle(p99Ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(p99Ms, 50), 3000)));
}

export async function measure(contender: Contender, question: Question, shape: LoadShape): Promise<Measurement> {
  await contender.child?.request({ type: 'measure-start' }, 'measuring');
  const fromUs = monotonicMicroseconds();
  const load = await runLoad(contender.target(question), shape);
  const toUs = monotonicMicroseconds();
  const usage = contender.child ? (await contender.child.request<Measured>({ type: 'measure-stop' }, 'measured')).usage : null;
  await settle(load.p99Ms);
  return {
    requests: load.requests,
    failures: load.failures,
    window: { fromUs, toUs, requests: load.requests },
    gc: usage ? { count: usage.gcCount, ms: usage.gcMs } : null,
    figures: {
      rps: load.rps,
      p50Ms: load.p50Ms,
      p99Ms: load.p99Ms,
      cpuPercent: usage ? (usage.cpuMs / usage.wallMs) * 100 : null,
      cpuMsPerRequest: usage && load.requests > 0 ? usage.cpuMs / load.requests : null,
      peakRssMb: usage ? usage.peakRssBytes / 2 ** 20 : null,
      heapAllocMbPerRequest: usage && load.requests > 0 ? usage.heapAllocatedBytes / 2 ** 20 / load.requests : null,
    },
  };
}

/** Load without measuring: JIT, caches and connection pools warm before any figure counts. */
export async function warmUp(contender: Contender, question: Question, shape: LoadShape): Promise<void> {
  const load = await runLoad(contender.target(question), shape);
  await settle(load.p99Ms);
}

export interface ProbeReport {
  nodes: number;
  /** Fields answered null with UNAUTHORIZED_FIELD_OR_TYPE. */
  withheld: number;
  responseBytes: number;
  /** One request on an idle contender: what a scaling point's measurement length is chosen from. */
  latencyMs: number;
}

/**
 * One request, checked before any load: a contender answering errors or empty pages fast would
 * otherwise win. Only withheld fields may carry errors.
 */
export async function probe(contender: Contender, question: Question): Promise<ProbeReport> {
  const sentAt = performance.now();
  const answer = await sendOnce(contender.target(question));
  const latencyMs = performance.now() - sentAt;
  const body = answer.json as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] } | null;
  const nodes = datasetNodes(body?.data);
  const errors = body?.errors ?? [];
  const other = errors.filter((e) => e.extensions?.code !== 'UNAUTHORIZED_FIELD_OR_TYPE');
  const problems = [
    ...(answer.status === 200 ? [] : [`HTTP ${answer.status}`]),
    ...(nodes.filter((n) => n !== null).length === question.expectedNodes ? [] : [`${nodes.filter((n) => n !== null).length} datasets instead of ${question.expectedNodes}`]),
    ...other.slice(0, 3).map((e) => `error ${e.extensions?.code ?? ''}: ${e.message}`),
  ];
  if (problems.length > 0) throw new Error(`${contender.name} answered wrongly: ${problems.join('; ')}`);
  return { nodes: nodes.length, withheld: errors.length, responseBytes: answer.bytes, latencyMs };
}

function datasetNodes(data: Record<string, unknown> | null | undefined): unknown[] {
  if (!data) return [];
  if (Array.isArray(data._entities)) return data._entities;
  const connection = (data.datasets ?? data.search) as { edges?: { node: unknown }[] } | undefined;
  return connection?.edges?.map((e) => e.node) ?? [];
}
