import { describeMachine } from '../machine.js';
import { formatNumber, markdownTable } from '../report.js';
import type { GrowthFigure } from './memory-growth.js';
import { COLLECTIONS_COMPARED, MEMORY_GROWTH_LIMIT } from './memory-growth.js';
import { soakPassed, type SoakResults } from './soak-results.js';
import { REDIS_LATENCY_THRESHOLD_MS } from './soak-federation.js';
import { BEFORE_S, type StretchTally } from './timeline.js';
import type { LoggedMessage } from './service-logs.js';

// test/bench/results/soak.md from the soak's results. Pure, like the benchmark's results document.

/** The files the report links to, next to it. */
export interface LinkedFiles {
  json: string;
  latencyChart: string;
  memoryChart: string;
}

/** soak.md links soak.json, soak-latency.svg and soak-memory.svg; a trial run's files carry its own name. */
export function linkedFilesOf(name: string): LinkedFiles {
  return { json: `${name}.json`, latencyChart: `${name}-latency.svg`, memoryChart: `${name}-memory.svg` };
}

const count = (n: number) => n.toLocaleString('en-US');
const ms = (value: number | null) => (value === null ? '–' : value >= 100 ? count(Math.round(value)) : formatNumber(value, 1));
const seconds = (value: number) => `${formatNumber(value, 1)} s`;
const mb = (bytes: number | null) => (bytes === null ? '–' : formatNumber(bytes / 2 ** 20, 0));
const percent = (share: number | null) => (share === null ? '–' : `${share >= 0 ? '+' : ''}${formatNumber(share * 100, 1)}%`);
const list = (pairs: readonly (readonly [string, number])[], limit = pairs.length) =>
  pairs.length === 0 ? 'none' : pairs.slice(0, limit).map(([k, v]) => `${k} ${count(v)}`).join(', ') + (pairs.length > limit ? ', ...' : '');
const statusName = (status: string) => (status === '0' ? 'no answer' : status);

function stretchRow(t: StretchTally): string[] {
  const span = t.toS - t.fromS;
  return [
    `${formatNumber(t.fromS, 1)}–${formatNumber(t.toS, 1)} s`, t.label, count(t.requests), formatNumber(span > 0 ? t.requests / span : 0, 0),
    ms(t.p50Ms), ms(t.p99Ms), list(t.statuses.map(([s, n]) => [statusName(s), n] as const)), list(t.errors, 4),
  ];
}

function growthCells(figure: GrowthFigure): string[] {
  return [mb(figure.baseline), mb(figure.end), percent(figure.growth)];
}

function verdictSection(results: SoakResults): string[] {
  const passed = soakPassed(results.verdicts);
  return [
    '## Verdict',
    '',
    markdownTable(['oracle', 'measured', 'verdict'], results.verdicts.map((v) => [v.oracle, v.measured, v.status === 'passed' ? 'passed' : '**failed**'])),
    '',
    passed ? 'All three oracles passed: `npm run soak` exited 0.' : '**At least one oracle failed: `npm run soak` exited 1.**',
    '',
  ];
}

function methodSection(results: SoakResults): string[] {
  const { settings, plan } = results;
  const partner = settings.partnerKilled;
  const planned = plan.faults.map((f) => `${f.kind === 'partner-down' ? `${partner} killed (SIGKILL)` : 'Redis stopped (SIGTERM)'} at ${f.atS} s, started again at ${f.untilS} s`);
  const actual = results.faults.map((f) => (f.error
    ? `${f.target} down from ${formatNumber(f.fromS, 1)} s and **not back** at ${formatNumber(f.toS, 1)} s: ${f.error}`
    : `${f.target} down from ${formatNumber(f.fromS, 1)} to ${formatNumber(f.toS, 1)} s (${seconds(f.toS - f.fromS)}, until it answered again)`));
  return [
    '## What was run',
    '',
    `Every service as production runs it, compiled in \`dist/\`, each its own process on loopback: a \`redis-server\` of the run's own on a free port, with an append-only file (\`--appendonly yes --appendfsync ${settings.appendFsync}\`${settings.appendFsync === 'always' ? ': every write is answered only once it is on disk' : ': flushed once a second, as docker-compose.yml runs it'}) in a temporary folder; the partner subgraphs (${settings.partners.join(', ')}), the catalog index, the governance subgraph and ${settings.replicas} gateway replicas, all sharing that Redis (\`REDIS_URL\`, key prefix \`concord-soak:\`) for grants, the audit trail and the nonces of signed requests, with fresh signing keys per subgraph and the demo identity (HS256, \`subgraphs/demo/\`) with a secret of the run's own. Gateway settings beyond those: ${Object.entries(settings.gatewaySettings).map(([k, v]) => `\`${k}=${v}\``).join(', ')}: rate limits are off because ${settings.clients} clients share ${settings.personas.length} personas and per-person quotas would refuse most of their requests, which is not what this test is about; the cost limit is the benchmark's. Circuit breakers, timeouts and every other setting are the defaults (\`CIRCUIT_FAILURE_THRESHOLD=5\`, \`CIRCUIT_OPEN_SECONDS=30\`, \`SUBGRAPH_TIMEOUT_MS=10000\`).`,
    '',
    `Load: ${settings.clients} concurrent clients for ${plan.loadSeconds} s, each a closed loop (the next request as soon as the last is answered; 100 ms pause after a request that got no answer) over undici keep-alive connections, alternating between the two gateways, each request's persona, workload and arguments drawn from a generator seeded per client (seed \`${settings.seed}\`); a request not answered within ${settings.requestTimeoutMs / 1000} s counts as not answered. Each request carries its own \`x-request-id\`.`,
    '',
    `Personas (share of requests): ${settings.personas.map((p) => `${p.name} ${p.weight}`).join(', ')}. "member" is the demo researcher (a token grant on northbridge-hospital:ds-022); "analyst with grants" is the demo analyst as another person, with token grants on four proprietary helix-therapeutics datasets and a grant on northbridge-hospital:ds-022 requested and approved by the steward through the governance subgraph before the load (so read from Redis on every request).`,
    '',
    `Workloads (share): ${settings.workloads.map(([name, weight]) => `${name} ${weight}`).join(', ')}. search: 10 hits with \`contactPoint\` and \`sampleRecords\`; listing: 20 datasets of one partner (or of all) with \`licence { royalty }\` and \`distributions { accessUrl }\`; dataset page: one dataset with every guarded field (\`contactPoint\`, \`dataDictionary\`, \`qualityReport\`, \`sampleRecords\`, \`retention\`, \`licence { royalty }\`, \`distributions { accessUrl downloadUrl }\`), half of them among the persona's own datasets (grants, its partner's); my grants: \`myGrants\` with each dataset's \`sampleRecords\` and \`accessUrl\` (signed-in personas; anonymous searches instead).`,
    '',
    `Faults as planned: ${planned.join('; ')}. As they happened: ${actual.join('; ')}. Warm-up: the first ${plan.warmUpSeconds} s.`,
    '',
    `Machine: ${describeMachine(results.machine)}; load average ${results.machine.loadAverage1m} at the start, ${results.loadAverageAtEnd} at the end. Every process, the load generator included, shares the same cores. Run ${results.generatedAt}; \`npm run soak\` took ${Math.round(results.durationSeconds)} s in all.`,
    '',
  ];
}

function requestsSection(results: SoakResults, files: LinkedFiles): string[] {
  const t = results.totals;
  return [
    '## Requests',
    '',
    markdownTable(['figure', 'value'], [
      ['requests', count(t.requests)],
      ['requests per second', formatNumber(t.requests / results.plan.loadSeconds, 1)],
      ['p50 / p99 latency, ms', `${ms(t.p50Ms)} / ${ms(t.p99Ms)}`],
      ['by HTTP status', list(t.statuses.map(([s, n]) => [statusName(s), n] as const))],
      ['by gateway', list(t.byReplica)],
      ['by persona', list(t.byPersona)],
      ['by workload', list(t.byWorkload)],
      ['not clean (no answer, not 200, or a failure in the answer)', `${count(t.notClean)} (${formatNumber((100 * t.notClean) / Math.max(1, t.requests), 1)}%)`],
    ]),
    '',
    `![p50 and p99 latency over time, fault windows shaded](${files.latencyChart})`,
    '',
    'Between and around the faults (requests counted by when they were sent):',
    '',
    markdownTable(['time', 'stretch', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'HTTP status', 'failures (answers carrying each)'], results.stretches.map(stretchRow)),
    '',
    `What each fault did: answers carrying a failure it explains (for ${results.settings.partnerKilled}, failures naming it; for Redis, any failure or status other than 200), from its start until the next fault, and how often they came in the ${BEFORE_S} s before it, while it lasted and after it until the next fault or the end:`,
    '',
    markdownTable(['fault', 'down', 'answers affected', 'first', 'last', 'after it was back', 'per second before / during / after'], results.faultEffects.map((e) => [
      `${e.fault.target} down`, `${formatNumber(e.fault.fromS, 1)}–${formatNumber(e.fault.toS, 1)} s`, count(e.affected),
      e.firstS === null ? '–' : seconds(e.firstS), e.lastS === null ? '–' : seconds(e.lastS), e.lingeredS === null ? '–' : seconds(e.lingeredS),
      [e.perSecond.before, e.perSecond.during, e.perSecond.after].map((r) => formatNumber(r, 1)).join(' / '),
    ])),
    '',
    'Failures by code, over the whole run (answers carrying each; a subgraph\'s failure names it after `@`):',
    '',
    t.errors.length === 0 ? 'None.' : markdownTable(['code', 'answers'], t.errors.map(([code, n]) => [`\`${code}\``, count(n)])),
    '',
    `Policy denials (fields withheld as the policies decide; answers carrying each reason): ${list(t.denials.map(([reason, n]) => [`\`${reason}\``, n] as const))}.`,
    '',
    'Latency per bucket (answers grouped by when they came):',
    '',
    markdownTable(['time', 'answers', 'p50 ms', 'p99 ms', 'not 200', '200 with a failure'], results.buckets.map((b) => [
      `${formatNumber(b.fromS, 0)}–${formatNumber(b.toS, 0)} s`, count(b.requests), ms(b.p50Ms), ms(b.p99Ms), count(b.notOk), count(b.withErrors),
    ])),
    '',
  ];
}

function oracleSections(results: SoakResults, files: LinkedFiles): string[] {
  const { visibility, audit, memory } = results;
  const c = audit.coverage;
  return [
    '## Oracle 1: no guarded value to a caller who may not see it',
    '',
    `Every answer's data was walked for the known datasets (an object whose \`id\` is a dataset of the catalogs the partners serve), and each guarded field that came back non-null was checked against what the persona may see, derived from the catalog files and the persona's token and grants, not by the gateway's code (test/bench/soak/visibility.ts): member-only fields need \`consortium:member\`; content (\`sampleRecords\`, \`accessUrl\`, \`downloadUrl\`) needs the owner, or no embargo, and the data class's condition (PARTNER_SHARED: a member; ANONYMIZED: a member who accepted the consortium DUA; PROPRIETARY: a grant), and a \`LicenseRef-\` licence accepted; \`retention\` a steward of the partner; royalty terms the owner, a grant or the licence accepted; nothing past its deletion date. DUO purpose matching is not modelled, so the gateway may withhold more than this allows, never less. ${count(visibility.answersChecked)} answers with data, ${count(visibility.guardedValuesChecked)} guarded values served, **${count(visibility.violations)} violations**.`,
    '',
    ...(visibility.examples.length > 0
      ? [markdownTable(['request id', 'persona', 'workload', 'dataset', 'field', 'why it must not be served'], visibility.examples.map((v) => [v.requestId, v.persona, v.workload, v.datasetId, v.field, v.reason])), '']
      : []),
    '## Oracle 2: no audit record lost for an allowed guarded read',
    '',
    `The request id of every answer that served a value of a \`@policy\` field (\`sampleRecords\`, \`retention\`, \`accessUrl\`, \`downloadUrl\`, \`royalty\`) was kept; after the run the whole trail was read back from Redis (${count(audit.trail.total)} records: ${count(audit.trail.reads)} reads, ${count(audit.trail.acts)} governance acts) and each request id looked for among the reads, its record required to list each served field as allowed for that dataset. ${count(c.expectedRequests)} answers served an allowed guarded value; ${count(c.recorded)} have their record; **${count(c.missing)} missing**, **${count(c.incomplete)} reads not listed** in their record. Every answer echoed the request id sent${audit.requestIdMismatches > 0 ? ` except ${count(audit.requestIdMismatches)}` : ''}.`,
    '',
    ...(c.missingExamples.length > 0 ? [`Missing: ${c.missingExamples.map((id) => `\`${id}\``).join(', ')}.`, ''] : []),
    ...(c.incompleteExamples.length > 0 ? [`Not listed: ${c.incompleteExamples.map((x) => `\`${x.requestId}\` ${x.read.field} of ${x.read.datasetId}`).join(', ')}.`, ''] : []),
    `Chain verification, \`npm run audit -- verify\` (exit ${audit.verify.exitCode}): "${audit.verify.message}".`,
    '',
    `## Oracle 3: memory growth after warm-up under ${Math.round(MEMORY_GROWTH_LIMIT * 100)}%`,
    '',
    `What grows when memory leaks is the live set: the heap a gateway still holds after a full (mark-compact) collection. The gateways ran with Node's \`--trace-gc\`, which prints the heap before and after every collection; the verdict compares the median live heap after the first ${COLLECTIONS_COMPARED} full collections once the warm-up (${results.plan.warmUpSeconds} s) is over with the median after the last ${COLLECTIONS_COMPARED} (fewer when there were fewer than ${2 * COLLECTIONS_COMPARED}; none in common). The resident set (\`process_resident_memory_bytes\`) and the heap in use between collections (\`nodejs_heap_size_used_bytes\`), scraped from each gateway's \`/metrics\` every 2 s (${count(results.memorySamples.length)} samples) and compared as the medians from ${results.plan.memoryBaseline.fromS} to ${results.plan.memoryBaseline.toS} s and from ${results.plan.memoryEnd.fromS} to ${results.plan.memoryEnd.toS} s, are shown but do not decide: while a load is young V8 lets the heap grow to the size the load needs between full collections, and the resident set follows, leak or no leak.`,
    '',
    `![Each gateway's resident set, heap in use and live heap after full collections over time](${files.memoryChart})`,
    '',
    markdownTable(
      ['gateway', 'full collections after warm-up', 'live heap first MB', 'live heap last MB', 'live heap growth', 'RSS MB (windows)', 'RSS growth', 'heap used MB (windows)', 'verdict'],
      memory.map((m) => [
        `gateway ${m.replica + 1}`, count(m.liveHeap.collections), ...growthCells(m.liveHeap),
        `${mb(m.rss.baseline)} to ${mb(m.rss.end)}`, percent(m.rss.growth), `${mb(m.heapUsed.baseline)} to ${mb(m.heapUsed.end)}`,
        m.withinLimit ? 'passed' : '**failed**',
      ]),
    ),
    '',
  ];
}

function logsSection(results: SoakResults): string[] {
  const said = (m: LoggedMessage) => `"${m.message}" ${count(m.count)}${m.firstS === null ? '' : m.firstS === m.lastS ? ` (${formatNumber(m.firstS, 0)} s)` : ` (${formatNumber(m.firstS, 0)}–${formatNumber(m.lastS, 0)} s)`}`;
  const rows = results.logs.filter((l) => l.lines > 0).map((l) => [
    l.service, list(l.levels), l.messages.slice(0, 6).map(said).join(', ') + (l.messages.length > 6 ? ', ...' : ''),
  ]);
  return [
    '## What the services logged',
    '',
    'Every service ran with `LOG_LEVEL=warn`: each line is a warning or worse (the partner\'s count covers both of its starts); in brackets, when it was first and last said, in seconds from the start of the load (negative: during start-up).',
    '',
    rows.length === 0 ? 'Nothing.' : markdownTable(['service', 'lines by level', 'most frequent messages'], rows),
    '',
  ];
}

function redisSection(results: SoakResults): string[] {
  const rows = results.redis.map((d) => [
    d.when,
    d.commands.slice(0, 6).map((c) => `${c.command} ${count(c.calls)} (${formatNumber(c.usecPerCall, 1)} µs)`).join(', ') || 'none',
    d.latency.length === 0 ? `none over ${REDIS_LATENCY_THRESHOLD_MS} ms` : d.latency.map((e) => `${e.event} max ${count(e.maxMs)} ms, latest ${count(e.latestMs)} ms`).join('; '),
  ]);
  return [
    '## What Redis said',
    '',
    `Redis's own counts (\`INFO commandstats\`: calls, and microseconds of Redis's time per call) and its latency monitor (\`LATENCY LATEST\`, events over ${REDIS_LATENCY_THRESHOLD_MS} ms; \`aof-fsync-always\` is the flush of the append-only file each write waits for), read just before the restart and at the end (the restart starts them afresh). Every signed subgraph request writes its nonce (\`set\`), every guarded operation appends to the audit stream (\`evalsha\`), and every request of a signed-in caller reads their grants.`,
    '',
    rows.length === 0 ? 'Redis did not answer when asked.' : markdownTable(['read', 'most called commands (µs per call)', 'slow events'], rows),
    '',
  ];
}

export function soakMarkdown(results: SoakResults, files: LinkedFiles = linkedFilesOf('soak')): string {
  const lines = [
    '# Concord soak and fault test',
    '',
    `\`npm run soak\` (issue 12, item 7): ${results.settings.clients} clients against ${results.settings.replicas} gateway replicas for ${results.plan.loadSeconds} s while ${results.settings.partnerKilled} is killed and restarted and Redis is restarted; three oracles decide the exit code. Figures in [${files.json}](${files.json}).`,
    '',
    ...verdictSection(results),
    ...requestsSection(results, files),
    ...oracleSections(results, files),
    ...logsSection(results),
    ...redisSection(results),
    ...methodSection(results),
  ];
  return `${lines.join('\n')}\n`;
}
