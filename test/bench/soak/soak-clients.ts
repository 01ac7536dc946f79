import { Pool } from 'undici';
import { seededRandom } from '../../../runtime/audit/reports/seeded-random.js';
import { answerErrorCodes, noAnswerCode } from './answer-codes.js';
import type { RequestSample } from './timeline.js';
import { checkAnswer, type CallerView, type DatasetFacts, type ServedValue, type Violation } from './visibility.js';
import { nextRequest, type WorkloadPools } from './soak-workloads.js';
import type { SoakPersona } from './soak-personas.js';

// The soak's clients: each a closed loop (the next request as soon as the last is answered) over
// keep-alive connections, alternating between the gateway replicas, drawing persona and workload
// from a generator seeded per client. Every answer is checked by oracle 1 as it arrives, and the
// request id of every answer that served a @policy value is kept for oracle 2.

export interface ClientCaller {
  persona: SoakPersona;
  /** The Authorization header; none for anonymous. */
  authorization: string | null;
  view: CallerView;
}

export interface ClientSettings {
  origins: readonly string[];
  callers: ReadonlyMap<string, ClientCaller>;
  pools: WorkloadPools;
  datasets: ReadonlyMap<string, DatasetFacts>;
  clients: number;
  seed: string;
  /** Longest wait for one answer; past it the request counts as not answered. */
  requestTimeoutMs: number;
}

export interface SeenViolation extends Violation {
  requestId: string;
  persona: string;
  workload: string;
}

/** Violations kept with their detail for the report; all of them are counted. */
const KEPT_VIOLATIONS = 200;
/** A client that got no answer waits this long before its next request, as a real client would. */
const NO_ANSWER_PAUSE_MS = 100;

export interface ClientRecord {
  samples: RequestSample[];
  /** Answers that carried data, each checked by oracle 1, and the guarded values they served. */
  answersChecked: number;
  guardedValuesChecked: number;
  violationCount: number;
  /** The first KEPT_VIOLATIONS violations. */
  violations: SeenViolation[];
  /** Request id -> the @policy values its answer served. */
  guardedReads: Map<string, ServedValue[]>;
  /** Answers whose x-request-id was not the one sent (the id the audit is searched by). */
  requestIdMismatches: number;
}

export interface RunningClients {
  record: ClientRecord;
  /** Stops sending and resolves once every request in flight is answered or timed out. */
  stop(): Promise<void>;
}

export function startClients(settings: ClientSettings, clock: () => number): RunningClients {
  const pools = settings.origins.map((origin) => new Pool(origin, {
    connections: settings.clients,
    keepAliveTimeout: 30_000,
    headersTimeout: settings.requestTimeoutMs,
    bodyTimeout: settings.requestTimeoutMs,
  }));
  const personas = [...settings.callers.values()].map((c) => c.persona);
  const record: ClientRecord = { samples: [], answersChecked: 0, guardedValuesChecked: 0, violationCount: 0, violations: [], guardedReads: new Map(), requestIdMismatches: 0 };
  let stopping = false;

  const client = async (index: number) => {
    const random = seededRandom(`${settings.seed}:client:${index}`);
    for (let n = 0; !stopping; n++) {
      const replica = (index + n) % pools.length;
      const request = nextRequest(random, personas, settings.pools);
      const caller = settings.callers.get(request.persona.name)!;
      const requestId = `soak-${index}-${n}`;
      const startedS = clock();
      const started = performance.now();
      let status = 0;
      let errorCodes: string[];
      try {
        const response = await pools[replica]!.request({
          path: '/graphql',
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-request-id': requestId,
            'apollographql-client-name': 'concord-soak',
            ...(caller.authorization ? { authorization: caller.authorization } : {}),
          },
          body: request.body,
        });
        status = response.statusCode;
        if (response.headers['x-request-id'] !== requestId) record.requestIdMismatches += 1;
        const text = await response.body.text();
        const body = parseJson(text);
        errorCodes = body === undefined ? ['UNREADABLE_ANSWER'] : answerErrorCodes(body);
        const data = (body as { data?: unknown } | undefined)?.data;
        if (data) {
          const check = checkAnswer(caller.view, data, settings.datasets, Date.now());
          record.answersChecked += 1;
          record.guardedValuesChecked += check.checked;
          record.violationCount += check.violations.length;
          for (const v of check.violations.slice(0, KEPT_VIOLATIONS - record.violations.length)) {
            record.violations.push({ ...v, requestId, persona: request.persona.name, workload: request.workload });
          }
          if (check.allowedReads.length > 0) record.guardedReads.set(requestId, check.allowedReads);
        }
      } catch (error) {
        errorCodes = [noAnswerCode(error)];
      }
      record.samples.push({
        startedS, endedS: clock(), latencyMs: performance.now() - started, status, replica,
        persona: request.persona.name, workload: request.workload, errorCodes,
      });
      if (status === 0) await new Promise((resolve) => setTimeout(resolve, NO_ANSWER_PAUSE_MS));
    }
  };

  const running = Array.from({ length: settings.clients }, (_, i) => client(i));
  return {
    record,
    async stop() {
      stopping = true;
      await Promise.all(running);
      await Promise.all(pools.map((p) => p.close()));
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
