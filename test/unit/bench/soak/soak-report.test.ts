import { describe, expect, it } from 'vitest';
import { liveLine } from '../../../bench/soak/live-line.js';
import { linkedFilesOf, soakMarkdown } from '../../../bench/soak/soak-report.js';
import { auditFigures, oracleVerdicts, type SoakResults } from '../../../bench/soak/soak-results.js';
import { soakPlan } from '../../../bench/soak/soak-plan.js';
import { faultEffects, latencyBuckets, requestTotals, stretches, stretchTallies, type FaultWindow, type RequestSample } from '../../../bench/soak/timeline.js';

const sample = (startedS: number, extra: Partial<RequestSample> = {}): RequestSample => ({
  startedS, endedS: startedS + 0.2, latencyMs: 200, status: 200, replica: startedS % 2, persona: 'member', workload: 'search', errorCodes: [], ...extra,
});
const SAMPLES = [
  sample(1), sample(2), sample(30, { errorCodes: ['SUBGRAPH_UNAVAILABLE@helix-therapeutics'] }), sample(71, { status: 0, errorCodes: ['NO_ANSWER:ECONNRESET'] }),
  sample(100, { errorCodes: ['UNAUTHORIZED_FIELD_OR_TYPE:NO_ACTIVE_GRANT'] }),
];
const FAULTS: FaultWindow[] = [
  { kind: 'partner-down', target: 'helix-therapeutics', fromS: 25, toS: 41.5 },
  { kind: 'redis-down', target: 'Redis', fromS: 70, toS: 75.2 },
];

function results(overrides: Partial<SoakResults> = {}): SoakResults {
  const plan = soakPlan(120);
  const visibility = { answersChecked: 4, guardedValuesChecked: 9, violations: 0, examples: [] };
  const audit = auditFigures({ expectedRequests: 2, recorded: 2, missing: [], incomplete: [] }, { total: 5, reads: 4, acts: 1 }, { exitCode: 0, message: 'audit: the trail verifies: 5 records' }, 0);
  const memory = [0, 1].map((replica) => ({
    replica, rss: { baseline: 200 * 2 ** 20, end: 210 * 2 ** 20, growth: 0.05 }, heapUsed: { baseline: 60 * 2 ** 20, end: 62 * 2 ** 20, growth: 2 / 60 },
    liveHeap: { baseline: 80 * 2 ** 20, end: 84 * 2 ** 20, growth: 0.05, collections: 6, compared: 3 }, withinLimit: true,
  }));
  return {
    generatedAt: '2026-11-30T06:00:00.000Z', durationSeconds: 190,
    machine: { cpuModel: 'CPU', cores: 2, totalMemoryGb: 8, node: 'v20', platform: 'linux', loadAverage1m: 1.5 }, loadAverageAtEnd: 2,
    settings: {
      clients: 100, replicas: 2, seed: 'seed', requestTimeoutMs: 30_000, appendFsync: 'always', partners: ['northbridge-hospital', 'helix-therapeutics'], partnerKilled: 'helix-therapeutics',
      gatewaySettings: { RATE_LIMITS: 'off' }, personas: [{ name: 'member', weight: 1 }], workloads: [['search', 1]],
    },
    plan, faults: FAULTS, faultEffects: faultEffects(SAMPLES, FAULTS, 120),
    totals: requestTotals(SAMPLES), buckets: latencyBuckets(SAMPLES, 5, 120), stretches: stretchTallies(SAMPLES, stretches(FAULTS, 120)),
    visibility, audit, memory, memorySamples: [{ atS: 15, replica: 0, rssBytes: 200 * 2 ** 20, heapUsedBytes: 60 * 2 ** 20 }],
    collections: [{ replica: 0, collections: [{ atS: 30, beforeMb: 200, afterMb: 80 }] }],
    logs: [
      { service: 'gateway-1', lines: 2, levels: [['warn', 2]], messages: [{ message: 'Redis at redis://***@127.0.0.1:1 cannot be reached', count: 2, firstS: 70.4, lastS: 75.2 }] },
      { service: 'partner', lines: 0, levels: [], messages: [] },
    ],
    redis: [{ when: 'before the restart', commands: [{ command: 'set', calls: 12_345, usecPerCall: 4.2 }], latency: [{ event: 'aof-fsync-always', latestMs: 120, maxMs: 640 }] }],
    verdicts: oracleVerdicts(visibility, audit, memory, 0.1),
    ...overrides,
  };
}

describe('soakMarkdown', () => {
  it('reports the verdicts first, then the requests, the chart, each oracle, the logs and what was run', () => {
    const text = soakMarkdown(results());
    const order = ['## Verdict', '## Requests', '](soak-latency.svg)', '## Oracle 1', '## Oracle 2', '## Oracle 3', '](soak-memory.svg)', '## What the services logged', '## What Redis said', '## What was run'];
    const positions = order.map((heading) => text.indexOf(heading));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain('All three oracles passed: `npm run soak` exited 0.');
    expect(text).toContain('| 25.0–41.5 s | helix-therapeutics down |');
    expect(text).toContain('| `SUBGRAPH_UNAVAILABLE@helix-therapeutics` | 1 |');
    expect(text).toContain('`NO_ACTIVE_GRANT` 1');
    expect(text).toContain('no answer 1');
    expect(text).toContain('"audit: the trail verifies: 5 records"');
    expect(text).toContain('| gateway 1 | 6 | 80 | 84 | +5.0% | 200 to 210 | +5.0% | 60 to 62 | passed |');
    expect(text).toContain('`RATE_LIMITS=off`');
    expect(text).not.toContain('| partner |'); // a service that logged nothing has no row
    expect(text).toContain('| gateway-1 | warn 2 | "Redis at redis://***@127.0.0.1:1 cannot be reached" 2 (70–75 s) |');
    expect(text).toContain('| before the restart | set 12,345 (4.2 µs) | aof-fsync-always max 640 ms, latest 120 ms |');
  });

  it('links the files of a trial run, named after it', () => {
    const text = soakMarkdown(results(), linkedFilesOf('soak-45s'));
    expect(text).toContain('[soak-45s.json](soak-45s.json)');
    expect(text).toContain('](soak-45s-latency.svg)');
    expect(text).toContain('](soak-45s-memory.svg)');
  });

  it('says the run failed, and lists the violations, when an oracle failed', () => {
    const examples = [{ datasetId: 'nbh:ds-4', field: 'sampleRecords' as const, reason: 'PROPRIETARY and no grant', requestId: 'soak-3-9', persona: 'analyst', workload: 'dataset page' }];
    const visibility = { answersChecked: 4, guardedValuesChecked: 9, violations: 1, examples };
    const base = results();
    const text = soakMarkdown(results({ visibility, verdicts: oracleVerdicts(visibility, base.audit, base.memory, 0.1) }));
    expect(text).toContain('**At least one oracle failed: `npm run soak` exited 1.**');
    expect(text).toContain('| soak-3-9 | analyst | dataset page | nbh:ds-4 | sampleRecords | PROPRIETARY and no grant |');
  });
});

describe('liveLine', () => {
  it('sums up the last seconds, what is down and each gateway\'s resident set', () => {
    const line = liveLine([sample(1), sample(58, { errorCodes: ['SUBGRAPH_UNAVAILABLE@x'] }), sample(59)], 60, 120, 5, ['Redis'], [
      { atS: 50, replica: 1, rssBytes: 150 * 2 ** 20, heapUsedBytes: null }, { atS: 59, replica: 0, rssBytes: 180 * 2 ** 20, heapUsedBytes: null },
    ]);
    expect(line).toBe('load 60/120 s: 3 requests, last 5 s 0 req/s p50 200 ms p99 200 ms, 1 with a failure | down: Redis | RSS gw1 180 MB, gw2 150 MB');
  });
});
