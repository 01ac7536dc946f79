import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { silentLogger } from '../../../../../runtime/logger.js';
import type { RunningHttpServer } from '../../../../../runtime/http-server.js';
import { catalogPathOf, readFederationManifest } from '../../../../../schema/federation-manifest.js';
import { datasetTypeNameFor } from '../../../../../schema/partner-contract.js';
import { main } from '../../../../../subgraphs/partner-kit/contract-check/cli.js';
import type { JsonReport } from '../../../../../subgraphs/partner-kit/contract-check/report-json.js';
import { createPartnerSubgraph } from '../../../../../subgraphs/partner-kit/create-partner-subgraph.js';
import { startPartnerServer } from '../../../../../subgraphs/partner-kit/serve-partner.js';
import { REPO_ROOT, testSigningSecret } from '../../../../harness/demo-federation.js';
import { startForeignPartner, type ForeignPartner, type ForeignPartnerDefect } from '../../../../harness/foreign-partner.js';

// `npm run check-partner` against real partners on loopback HTTP (issue 13, item 3): the reference
// partner kit passes; partners on another stack, each with one defect, fail exactly the check that
// defect breaks, with where, what was expected, what was found and how to fix it; an unreachable
// partner exits 3. The checker runs in-process (its main) and once as the compiled command.

const FOREIGN = 'acme-labs';
const FOREIGN_KEY = testSigningSecret(FOREIGN);
const ENTITY = datasetTypeNameFor(FOREIGN);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  return { stream: new Writable({ write(chunk, _encoding, done) { text += String(chunk); done(); } }), text: () => text };
}

async function check(args: string[], env: Record<string, string>): Promise<Run> {
  const stdout = sink();
  const stderr = sink();
  const code = await main(args, { stdout: stdout.stream, stderr: stderr.stream, env });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

async function checkJson(url: string, key: string, partner?: string): Promise<{ code: number; report: JsonReport }> {
  const run = await check(['--url', url, '--json', ...(partner ? ['--partner', partner] : [])], { SUBGRAPH_SIGNING_SECRET: key });
  return { code: run.code, report: JSON.parse(run.stdout) as JsonReport };
}

function statuses(report: JsonReport): Record<string, string> {
  return Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
}

/** Every check passed but those named, which failed. */
function onlyFailed(report: JsonReport, ...failed: string[]): Record<string, string> {
  return Object.fromEntries(report.checks.map((c) => [c.id, failed.includes(c.id) ? 'failed' : 'passed']));
}

const foreign = new Map<ForeignPartnerDefect | 'none', ForeignPartner>();
let reference: RunningHttpServer;
let referenceId: string;

beforeAll(async () => {
  for (const defect of ['none', 'missing-policy', 'accepts-unsigned', 'accepts-replays', 'ignores-offset'] as const) {
    foreign.set(defect, await startForeignPartner({ partnerId: FOREIGN, signingSecret: FOREIGN_KEY, ...(defect === 'none' ? {} : { defect }) }));
  }
  const [first] = readFederationManifest().partners;
  referenceId = first!.id;
  const subgraph = createPartnerSubgraph({ partner: referenceId, catalog: catalogPathOf(first!) });
  reference = await startPartnerServer({ subgraph, port: 0, logger: silentLogger, signingSecret: testSigningSecret(referenceId) });
});

afterAll(async () => {
  await Promise.all([...foreign.values()].map((p) => p.close()));
  await reference?.close();
});

describe('npm run check-partner', () => {
  it('passes the reference partner kit on every check, learning the partner id from its harvest', async () => {
    const { code, report } = await checkJson(reference.url, testSigningSecret(referenceId));
    expect(statuses(report)).toEqual(onlyFailed(report));
    expect(report).toMatchObject({ result: 'passed', exitCode: 0, partner: referenceId, entityType: datasetTypeNameFor(referenceId) });
    expect(code).toBe(0);
  });

  it('passes a correct partner on another stack', async () => {
    const { code, report } = await checkJson(foreign.get('none')!.url, FOREIGN_KEY, FOREIGN);
    expect(statuses(report)).toEqual(onlyFailed(report));
    expect(code).toBe(0);
  });

  it('refuses a partner whose SDL forgets @policy on sampleRecords, saying where and how to fix it', async () => {
    const { code, report } = await checkJson(foreign.get('missing-policy')!.url, FOREIGN_KEY, FOREIGN);
    expect(code).toBe(1);
    expect(statuses(report)).toEqual(onlyFailed(report, 'guard-directives'));
    expect(report.checks.find((c) => c.id === 'guard-directives')!.findings).toEqual([{
      severity: 'failure',
      where: `${ENTITY}.sampleRecords`,
      expected: '@policy(policies: [["dataset:sample-records"]])',
      found: 'no @policy',
      fix: `add \`@policy(policies: [["dataset:sample-records"]])\` to ${ENTITY}.sampleRecords: without it the gateway would serve sample records to everyone`,
    }]);
  });

  it('refuses a partner that serves unsigned requests, and every wrongly signed one', async () => {
    const { code, report } = await checkJson(foreign.get('accepts-unsigned')!.url, FOREIGN_KEY, FOREIGN);
    expect(code).toBe(1);
    expect(statuses(report)).toEqual(onlyFailed(report, 'unsigned-refused', 'wrong-key-refused', 'tampered-body-refused', 'stale-signature-refused', 'replay-refused'));
    const unsigned = report.checks.find((c) => c.id === 'unsigned-refused')!.findings;
    expect(unsigned.map((f) => [f.where, f.expected, f.found])).toEqual([
      ['POST without signature headers', 'refused (HTTP 401)', 'HTTP 200 with the SDL: the request was served'],
      ['GET without signature headers', 'refused (HTTP 401)', 'HTTP 200 with the SDL: the request was served'],
    ]);
    expect(unsigned[0]!.fix).toMatch(/^verify every request before executing it .*: otherwise anyone who can reach your subgraph could call _entities/);
  });

  it('refuses a partner that checks signatures but serves a replayed request', async () => {
    const { code, report } = await checkJson(foreign.get('accepts-replays')!.url, FOREIGN_KEY, FOREIGN);
    expect(code).toBe(1);
    expect(statuses(report)).toEqual(onlyFailed(report, 'replay-refused'));
    expect(report.checks.find((c) => c.id === 'replay-refused')!.findings).toMatchObject([{
      where: 'POST replaying a signed request already served', found: 'HTTP 200 with the SDL: the request was served',
      fix: expect.stringMatching(/^remember each x-concord-nonce for the signature window/),
    }]);
  });

  it('refuses a partner whose harvest ignores offset, naming the page that repeats the first', async () => {
    const { code, report } = await checkJson(foreign.get('ignores-offset')!.url, FOREIGN_KEY, FOREIGN);
    expect(code).toBe(1);
    expect(statuses(report)).toEqual(onlyFailed(report, 'pagination'));
    expect(report.checks.find((c) => c.id === 'pagination')!.findings.map((f) => f.where)).toContain('_catalogHarvest(offset: 7, limit: 7)');
  });

  it('exits 3 with a clear message when the partner cannot be reached', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/graphql`;
    const run = await check(['--url', url, '--partner', FOREIGN], { SUBGRAPH_SIGNING_SECRET: FOREIGN_KEY });
    expect(run).toMatchObject({ code: 3, stderr: `check-partner: ${url} cannot be reached: connection refused (is the partner running, and is the port right?)\n` });
  });

  it('exits 3 when the partner takes the connection but never answers, within --timeout-ms', async () => {
    const held = new Set<Socket>();
    const silent = createServer((socket) => { held.add(socket); });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => {
      for (const socket of held) socket.destroy();
      silent.close(() => resolve());
    }));
    const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}/graphql`;
    const run = await check(['--url', url, '--partner', FOREIGN, '--timeout-ms', '300', '--json'], { SUBGRAPH_SIGNING_SECRET: FOREIGN_KEY });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(`check-partner: ${url} cannot be reached: no answer within 300 ms (--timeout-ms)\n`);
    expect(JSON.parse(run.stdout)).toEqual({ result: 'unreachable', exitCode: 3, url, message: `${url} cannot be reached: no answer within 300 ms (--timeout-ms)` });
  });

  it('exits 2 naming the variables when no signing key is given, before sending anything', async () => {
    const run = await check(['--url', foreign.get('none')!.url, '--partner', FOREIGN], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^check-partner: no signing key for partner "acme-labs": set SUBGRAPH_SIGNING_SECRETS to acme-labs=<key>, or SUBGRAPH_SIGNING_SECRET to <key>/);
  });

  it('runs as the compiled command: prints each failure with its fix, never the key, and exits 1', async () => {
    const script = join(REPO_ROOT, 'dist/subgraphs/partner-kit/contract-check/main.js');
    expect(existsSync(script), 'npm run build first (npm test does)').toBe(true);
    const child = spawn(process.execPath, [script, '--url', foreign.get('missing-policy')!.url], {
      cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', SUBGRAPH_SIGNING_SECRETS: `${FOREIGN}=${FOREIGN_KEY}` },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
    expect(stdout).toContain(`FAIL  guard-directives`);
    expect(stdout).toContain(`  x ${ENTITY}.sampleRecords\n      expected: @policy(policies: [["dataset:sample-records"]])\n      found:    no @policy\n`);
    expect(stdout).toContain(`without it the gateway would serve sample records to everyone`);
    expect(stdout).toMatch(/FAILED: partner "acme-labs" \(entity type AcmeLabsDataset\) fails 1 of \d+ checks \(exit 1\)\n$/);
    expect(stdout + stderr).not.toContain(FOREIGN_KEY);
  });
});

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
