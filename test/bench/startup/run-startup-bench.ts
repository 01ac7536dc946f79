import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { repositoryPath } from '../../../schema/repository-files.js';
import { createProgress, rotate } from '../progress.js';
import { describeMachine, machineInfo } from '../machine.js';

// `npm run bench:startup`: how soon a freshly started gateway process is useful, against the
// floor of a bare Node.js HTTP server started the same way in the same run. Target (issue 8): the
// compiled gateway alone answers GET /health within 1 s of its process starting.

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const DEADLINE_MS = 30_000;
const POLL_MS = 5;

interface Contender {
  name: string;
  node: string;
  args: string[];
  /** Does this contender serve GraphQL (the floor does not)? */
  graphql: boolean;
  /** The floor this contender is compared with: the bare server on the same Node.js. */
  floor: string;
}

// Each Node.js to measure on: this one, and any listed in BENCH_EXTRA_NODES (comma-separated
// paths to node binaries, e.g. the Node.js 24 that .ci/run installs).
const NODES = [process.execPath, ...(process.env.BENCH_EXTRA_NODES ?? '').split(',').map((s) => s.trim()).filter(Boolean)];

function versionOf(node: string): string {
  return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
}

const CONTENDERS: Contender[] = NODES.flatMap((node) => {
  const version = versionOf(node);
  const floor = `bare node:http server, Node ${version} (floor)`;
  return [
    {
      name: floor, node, floor, graphql: false,
      args: ['-e', "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')"],
    },
    { name: `Concord gateway, Node ${version}`, node, floor, graphql: true, args: [repositoryPath('dist/gateway/main.js')] },
  ];
});

interface Sample { healthMs: number; graphqlMs: number | null }

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

async function until(startedAt: number, probe: () => Promise<boolean>): Promise<number> {
  while (performance.now() - startedAt < DEADLINE_MS) {
    if (await probe().catch(() => false)) return performance.now() - startedAt;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`no answer within ${DEADLINE_MS / 1000} s`);
}

async function measure(contender: Contender): Promise<Sample> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const startedAt = performance.now();
  const child = spawn(contender.node, contender.args, {
    cwd: repositoryPath('.'),
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'silent', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${contender.name} exited (${code}): ${stderr.trim()}`))));
  try {
    const healthMs = await Promise.race([exited, until(startedAt, async () => (await fetch(`${base}/health`)).ok)]);
    const graphqlMs = contender.graphql
      ? await Promise.race([exited, until(startedAt, async () => {
        const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
        return response.ok;
      })])
      : null;
    return { healthMs, graphqlMs };
  } finally {
    exited.catch(() => undefined);
    child.kill('SIGKILL');
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${Math.round(value)} ms`;

const progress = createProgress();
const machine = machineInfo();
progress(`${ROUNDS} interleaved rounds on ${describeMachine(machine)}`);
const samples = new Map<string, Sample[]>(CONTENDERS.map((c) => [c.name, []]));
for (let round = 0; round < ROUNDS; round += 1) {
  for (const contender of rotate(CONTENDERS, round)) {
    const sample = await measure(contender);
    samples.get(contender.name)!.push(sample);
    progress(`round ${round + 1}/${ROUNDS}: ${contender.name}: /health ${ms(sample.healthMs)}${sample.graphqlMs === null ? '' : `, first GraphQL answer ${ms(sample.graphqlMs)}`}`);
  }
}

const medianHealth = (name: string) => median(samples.get(name)!.map((s) => s.healthMs));
const rows = CONTENDERS.map((c) => {
  const list = samples.get(c.name)!;
  const health = list.map((s) => s.healthMs);
  const graphql = list.flatMap((s) => (s.graphqlMs === null ? [] : [s.graphqlMs]));
  return {
    contender: c.name,
    gateway: c.graphql,
    healthMedianMs: Math.round(median(health)),
    healthMinMs: Math.round(Math.min(...health)),
    healthMaxMs: Math.round(Math.max(...health)),
    healthVsFloor: Math.round((median(health) / medianHealth(c.floor)) * 100) / 100,
    graphqlMedianMs: graphql.length ? Math.round(median(graphql)) : null,
  };
});
const gateways = rows.filter((r) => r.gateway);
const verdict = gateways.every((r) => r.healthMaxMs <= 1000) ? 'met' : 'missed';
const table = [
  '| process | /health median (min to max) | vs floor | first GraphQL answer, median |',
  '| --- | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.contender} | ${r.healthMedianMs} ms (${r.healthMinMs} to ${r.healthMaxMs}) | ${r.healthVsFloor.toFixed(2)}x | ${r.graphqlMedianMs === null ? 'n/a' : `${r.graphqlMedianMs} ms`} |`),
].join('\n');
const report = [
  '# Gateway start-up',
  '',
  `\`npm run bench:startup\`, ${ROUNDS} interleaved rounds, ${describeMachine(machine)}, load average ${machine.loadAverage1m} at start.`,
  'Time from spawning the process to its first 200 on GET /health, and (gateway) to its first answer to `{ __typename }`',
  'over POST /graphql, which needs the supergraph loaded and the query planner built.',
  '',
  table,
  '',
  `Target: /health within 1 s of the process starting, in every round: ${verdict}.`,
  '',
].join('\n');
writeFileSync(repositoryPath('test/bench/results/startup.json'), `${JSON.stringify({ machine, rounds: ROUNDS, rows, samples: Object.fromEntries(samples) }, null, 2)}\n`);
writeFileSync(repositoryPath('test/bench/results/startup.md'), report);
process.stdout.write(`${report}\nwritten: test/bench/results/startup.md, startup.json\n`);
