import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditedField } from '../../../../runtime/audit/audit-record.js';
import { RedisAuditLog } from '../../../../runtime/audit/redis-audit-log.js';
import type { Grantee } from '../../../../runtime/governance/grant-keys.js';
import { openRedisConnection, type RedisConnection } from '../../../../runtime/redis-connection.js';
import { main } from '../../../../subgraphs/governance/report-cli.js';
import type { AccessRequest, Decision, StoredGrant } from '../../../../subgraphs/governance/store/governance-store.js';
import { RedisGovernanceStore } from '../../../../subgraphs/governance/store/redis-governance-store.js';
import { removeFolder, temporaryFolder } from '../../../harness/temporary-folder.js';
import { allElements, parseXml } from './xml-document.js';

// `npm run report` in-process against a real Redis (ARCHITECTURE.md "Audit"; issue 11 items 4 and
// 5): a small history of requests, decisions, appeals, grants and reads is written under this
// file's own key prefix through the Redis governance store and the Redis audit log, and the
// figures of both reports are checked against answers worked out by hand below. Nothing waits on
// the clock: the CLI's "now" is fixed.
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const PREFIX = `concord-test-${randomBytes(6).toString('hex')}:`;
const SUPERGRAPH = fileURLToPath(new URL('../../../../schema/supergraph.graphql', import.meta.url));
const NOW = new Date('2027-01-15T00:00:00Z');

const NB = 'northbridge-hospital';
const HX = 'helix-therapeutics';
const BOREAL = 'boreal-climate-institute';
const N1 = `${NB}:ds-001`;
const N2 = `${NB}:ds-002`;
const H4 = `${HX}:ds-004`;

/** Who asked and read: none of them, nor their organisations, may appear in the compliance report. */
const PEOPLE = {
  ada: { subject: 'ada-5f1c2e', organisation: 'uni-alpha' },
  bob: { subject: 'bob-77ab90', organisation: 'biotech-beta' },
  carl: { subject: 'carl-0d4e11', organisation: 'uni-alpha' },
  grace: { subject: 'grace.hopper@clinic-gamma.example', organisation: 'clinic-gamma' },
};
type Person = (typeof PEOPLE)[keyof typeof PEOPLE];
const STEWARDS = { nb: 'steward-nb-19a', hx: 'steward-hx-2b7', board: 'board-member-8c1' };
const FREE_TEXT = ['commercial use only', 'The project Grace described is too broad', 'Cohort comparison', 'Glucose trajectories'];

let redis: RedisConnection;

beforeAll(async () => {
  redis = openRedisConnection(REDIS_URL);
  expect(await redis.ping(), `Redis must answer at ${REDIS_URL}`).toBe(true);
  const store = new RedisGovernanceStore(redis.client, { prefix: PREFIX });
  await seedGovernance(store);
  await new RedisAuditLog(redis.client, { prefix: PREFIX }).append(READS);
});

afterAll(async () => {
  for await (const keys of redis.client.scanIterator({ MATCH: `${PREFIX}*`, COUNT: 500 })) {
    if (keys.length > 0) await redis.client.del(keys);
  }
  await redis.close();
});

function request(id: string, who: Person, createdAt: string, parts: Record<string, string[]>): AccessRequest {
  return {
    id,
    requester: { ...who },
    purpose: { category: 'health', diseaseId: null, genetic: false, commercial: false, ethicsApproval: true, project: null },
    projectTitle: 'Glucose trajectories',
    justification: 'Cohort comparison',
    acceptedDuties: ['PUB'],
    acceptedTerms: [],
    createdAt,
    parts: Object.entries(parts).map(([partnerId, datasetIds]) => ({ partnerId, datasetIds, status: 'PENDING' as const })),
  };
}

function decision(by: string, at: string, outcome: Decision['outcome'], reason = 'fits the purpose'): Decision {
  return { by, at, outcome, reason, policyVersion: 'policy-7' };
}

function grant(id: string, requestId: string, datasetId: string, grantee: Grantee, grantedAt: string, expiresAt: string, terms: string[], duties: string[]): StoredGrant {
  const partnerId = datasetId.slice(0, datasetId.indexOf(':'));
  return { id, datasetId, partnerId, grantee, requestId, grantedAt, expiresAt: Date.parse(expiresAt), acceptedTerms: terms, acceptedDuties: duties };
}

const person = (who: Person): Grantee => ({ kind: 'person', subject: who.subject });

/**
 * The history, around the fourth quarter of 2026 (decision deadline 60 days):
 * r1 ada, 10-02: Northbridge approves 10-06 (g1, revoked 12-01); Helix denies 10-12 (coded
 *    PURPOSE_INCOMPATIBLE), appealed 10-15, approved by the board 10-25 (g2).
 * r2 bob, 10-20: Northbridge approves at once through a trust mark (g3 to biotech-beta, expires 12-01).
 * r3 grace, 11-01: Helix denies 11-21 (uncoded), appealed 11-25, undecided at the end.
 * r4 grace, 08-15: never decided; its deadline 10-14 falls in the quarter: overdue.
 * r5 ada, 12-10: withdrawn 12-12.
 * r6 bob, 12-20: pending; its deadline falls in 2027.
 * r7 carl, 09-01: Northbridge approves 11-05, after its deadline 10-31: overdue (g4).
 */
async function seedGovernance(store: RedisGovernanceStore): Promise<void> {
  const ok = async (change: Promise<{ ok: boolean }>) => expect(await change).toMatchObject({ ok: true });
  await ok(store.createRequest(request('r1', PEOPLE.ada, '2026-10-02T09:00:00Z', { [NB]: [N1], [HX]: [H4] })));
  await ok(store.createRequest(request('r2', PEOPLE.bob, '2026-10-20T10:00:00Z', { [NB]: [N2] })));
  await ok(store.createRequest(request('r3', PEOPLE.grace, '2026-11-01T08:00:00Z', { [HX]: [H4] })));
  await ok(store.createRequest(request('r4', PEOPLE.grace, '2026-08-15T12:00:00Z', { [NB]: [N1] })));
  await ok(store.createRequest(request('r5', PEOPLE.ada, '2026-12-10T00:00:00Z', { [NB]: [N2] })));
  await ok(store.createRequest(request('r6', PEOPLE.bob, '2026-12-20T00:00:00Z', { [HX]: [H4] })));
  await ok(store.createRequest(request('r7', PEOPLE.carl, '2026-09-01T00:00:00Z', { [NB]: [N1] })));

  await ok(store.decide('r1', NB, decision(STEWARDS.nb, '2026-10-06T09:00:00Z', 'APPROVE'), [
    grant('g1', 'r1', N1, person(PEOPLE.ada), '2026-10-06T09:00:00Z', '2027-04-06T00:00:00Z', ['NUH-DUA-1.0'], ['PUB']),
  ]));
  await ok(store.decide('r1', HX, decision(STEWARDS.hx, '2026-10-12T09:00:00Z', 'DENY', 'PURPOSE_INCOMPATIBLE: commercial use only'), []));
  await ok(store.appeal('r1', HX, 'academic use', '2026-10-15T09:00:00Z'));
  await ok(store.decideAppeal('r1', HX, decision(STEWARDS.board, '2026-10-25T09:00:00Z', 'APPROVE'), [
    grant('g2', 'r1', H4, person(PEOPLE.ada), '2026-10-25T09:00:00Z', '2027-10-25T00:00:00Z', ['LicenseRef-helix-dua'], ['PUB', 'COL']),
  ]));
  await ok(store.decide('r2', NB, decision('auto:trusted-organisation', '2026-10-20T10:00:00Z', 'APPROVE', 'biotech-beta is trusted'), [
    grant('g3', 'r2', N2, { kind: 'organisation', organisation: PEOPLE.bob.organisation }, '2026-10-20T10:00:00Z', '2026-12-01T00:00:00Z', ['CC-BY-4.0'], []),
  ]));
  await ok(store.decide('r3', HX, decision(STEWARDS.hx, '2026-11-21T08:00:00Z', 'DENY', 'The project Grace described is too broad'), []));
  await ok(store.appeal('r3', HX, 'please', '2026-11-25T08:00:00Z'));
  await ok(store.withdraw('r5', '2026-12-12T00:00:00Z'));
  await ok(store.decide('r7', NB, decision(STEWARDS.nb, '2026-11-05T00:00:00Z', 'APPROVE'), [
    grant('g4', 'r7', N1, person(PEOPLE.carl), '2026-11-05T00:00:00Z', '2027-05-05T00:00:00Z', ['NUH-DUA-1.0'], ['PUB']),
  ]));
  await ok(store.revokeGrant('g1', { by: STEWARDS.nb, at: '2026-12-01T00:00:00Z', reason: 'asked by the partner' }));
}

function field(name: string, datasetIds: string[], outcome: AuditedField['outcome'], reason?: string): AuditedField {
  return reason === undefined ? { field: name, datasetIds, outcome } : { field: name, datasetIds, outcome, reason };
}

const NB_SAMPLES = 'NorthbridgeHospitalDataset.sampleRecords';
const HX_SAMPLES = 'HelixTherapeuticsDataset.sampleRecords';

function read(at: string, who: Person, purpose: string, fields: AuditedField[]): AuditEntry {
  const datasetIds = [...new Set(fields.flatMap((f) => f.datasetIds))];
  const partnerIds = [...new Set(datasetIds.map((id) => id.slice(0, id.indexOf(':'))))];
  return {
    at, action: 'read', subject: who.subject, organisation: who.organisation, purpose, partnerIds: partnerIds.length > 0 ? partnerIds : [NB], datasetIds, fields,
    policyVersion: 'policy-7', mode: 'enforce', clientName: 'notebook', requestId: `q-${at}`, detail: {},
  };
}

/** The reads, oldest first; those before or after the quarter count for nothing. */
const READS: AuditEntry[] = [
  read('2026-09-30T23:59:59Z', PEOPLE.ada, 'health', [field(NB_SAMPLES, [N1], 'allow'), field(HX_SAMPLES, [H4], 'deny', 'NO_ACTIVE_GRANT')]),
  read('2026-10-07T10:00:00Z', PEOPLE.ada, 'health', [field(NB_SAMPLES, [N1], 'allow')]),
  read('2026-10-08T10:00:00Z', PEOPLE.ada, 'health', [field(NB_SAMPLES, [N1], 'allow'), field(HX_SAMPLES, [H4], 'deny', 'NO_ACTIVE_GRANT')]),
  read('2026-10-21T10:00:00Z', PEOPLE.bob, 'disease:MONDO:0005148', [field(NB_SAMPLES, [N2], 'allow')]),
  { ...read('2026-10-25T09:00:00Z', PEOPLE.ada, 'health', []), action: 'appeal-decision', subject: STEWARDS.board, organisation: null },
  read('2026-11-10T10:00:00Z', PEOPLE.carl, 'general', [field(NB_SAMPLES, [N1], 'allow')]),
  read('2026-11-12T10:00:00Z', PEOPLE.grace, 'health', [field(NB_SAMPLES, [N1, N2], 'deny', 'NO_ACTIVE_GRANT'), field(HX_SAMPLES, [H4], 'deny', 'PURPOSE_INCOMPATIBLE')]),
  // Decided once for the whole operation: counted for the partners the record names.
  read('2026-11-20T10:00:00Z', PEOPLE.bob, 'disease', [field('NorthbridgeHospitalDataset.retention', [], 'deny', 'NOT_A_MEMBER'), field('NorthbridgeHospitalDataset.royalties', [], 'deny', 'made-up')]),
  read('2026-12-15T10:00:00Z', PEOPLE.ada, 'health', [field(NB_SAMPLES, [N1], 'allow'), field(HX_SAMPLES, [H4], 'allow')]),
  read('2027-01-01T00:00:00Z', PEOPLE.ada, 'health', [field(NB_SAMPLES, [N1], 'allow')]),
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function report(argv: string[], env: Record<string, string | undefined> = { REDIS_URL, REDIS_KEY_PREFIX: PREFIX, SUPERGRAPH_PATH: SUPERGRAPH }, progressEvery?: number): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) => new Writable({
    write(chunk: Buffer, _encoding, done) {
      append(chunk.toString('utf8'));
      done();
    },
  });
  const code = await main(argv, {
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
    env,
    now: () => NOW,
    ...(progressEvery === undefined ? {} : { progressEvery }),
  });
  return { code, stdout, stderr };
}

describe('npm run report -- compliance', () => {
  let run: Run;
  let out: string;
  let markdown: string;
  let svg: string;

  let folder: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'concord-report-'));
    out = join(folder, 'reports');
    run = await report(['compliance', '--period', '2026-Q4', '--out', out], undefined, 3);
    markdown = readFileSync(join(out, 'compliance-2026-Q4.md'), 'utf8');
    svg = readFileSync(join(out, 'compliance-2026-Q4.svg'), 'utf8');
  });

  afterAll(() => removeFolder(folder));

  it('writes the Markdown and its chart side by side, names them on stdout and reports its reading on stderr', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`${join(out, 'compliance-2026-Q4.md')}\n${join(out, 'compliance-2026-Q4.svg')}\n`);
    expect(markdown).toContain('# Compliance report 2026-Q4');
    expect(markdown).toContain('![Access requests received, decided and overdue per partner](compliance-2026-Q4.svg)');
    // Eight records of the quarter, read three at a time.
    expect(run.stderr).toMatch(/report: read [36] audit records of 2026-Q4 so far/);
    expect(run.stderr).toContain('report: read 7 access requests, 4 grants and 8 audit records of 2026-Q4 in ');
  });

  it('counts requests, decisions and overdue parts per partner, every partner of the supergraph listed', () => {
    const header = '| partner | received | decided | approved | of which by trust mark | denied | needs changes | withdrawn | overdue | median days to decision |';
    expect(markdown).toContain(header);
    // Received r1 r2 r5; decided r1 (4 days), r2 (0), r7 (65); r5 withdrawn; r4 and r7 overdue.
    expect(markdown).toContain(`| ${NB} | 3 | 3 | 3 | 1 | 0 | 0 | 1 | 2 | 4 |`);
    // Received r1 r3 r6; denied r1 (10 days) and r3 (20).
    expect(markdown).toContain(`| ${HX} | 3 | 2 | 0 | 0 | 2 | 0 | 0 | 0 | 15 |`);
    expect(markdown).toContain(`| ${BOREAL} | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | - |`);
    expect(markdown).toContain('| **all partners** | 6 | 5 | 3 | 1 | 2 | 0 | 1 | 2 | 10 |');
  });

  it('sorts denials into their categories, and denied reads by reason code, once per operation', () => {
    expect(markdown).toContain('| partner | PURPOSE_INCOMPATIBLE | UNCODED |');
    expect(markdown).toContain(`| ${HX} | 1 | 1 |`);
    expect(markdown).toContain('| partner | NOT_A_MEMBER | NO_ACTIVE_GRANT | OTHER | PURPOSE_INCOMPATIBLE |');
    expect(markdown).toContain(`| ${NB} | 1 | 1 | 1 | 0 |`);
    expect(markdown).toContain(`| ${HX} | 0 | 1 | 0 | 1 |`);
    expect(markdown).toContain('| **all partners** | 1 | 2 | 1 | 1 |');
  });

  it('counts appeals, revocations and grants active at the end, organisations only as a number', () => {
    expect(markdown).toContain(`| ${HX} | 2 | 1 | 0 | 0 | 1 |`);
    expect(markdown).toContain(`| ${NB} | 1 | 1 | 1 |`);
    expect(markdown).toContain(`| ${HX} | 0 | 1 | 1 |`);
    // g2 (ada) and g4 (carl) are both held for uni-alpha: one organisation.
    expect(markdown).toContain('| **all partners** | 1 | 2 | 1 |');
  });

  it('draws a chart that parses as SVG, with one bar per partner and figure', () => {
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    expect(root.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
    const titles = allElements(root).filter((e) => e.name === 'rect').flatMap((e) => e.children.filter((c) => c.name === 'title').map((c) => c.text));
    expect(titles).toEqual([BOREAL, HX, NB].flatMap((partner, i) => {
      const [received, decided, overdue] = [[0, 0, 0], [3, 2, 0], [3, 3, 2]][i]!;
      return [`${partner}, received: ${received}`, `${partner}, decided: ${decided}`, `${partner}, overdue: ${overdue}`];
    }));
  });

  it('names no person, organisation or steward and quotes no free text', () => {
    const published = `${markdown}\n${svg}`;
    const names = [...Object.values(PEOPLE).flatMap((p) => [p.subject, p.organisation]), ...Object.values(STEWARDS), ...FREE_TEXT, 'grace', '@'];
    for (const name of names) expect(published, name).not.toContain(name);
  });
});

describe('npm run report -- provider', () => {
  it('writes how the partner\'s datasets were used, with reads per week as a chart', async () => {
    const out = temporaryFolder('concord-report-');
    const run = await report(['provider', '--partner', NB, '--period', '2026-Q4', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const markdown = readFileSync(join(out, `provider-${NB}-2026-Q4.md`), 'utf8');
    const svg = readFileSync(join(out, `provider-${NB}-2026-Q4.svg`), 'utf8');
    expect(markdown).toContain(`# Use of the data of ${NB}, 2026-Q4`);
    expect(markdown).toContain(`](provider-${NB}-2026-Q4.svg)`);
    // N1: reads 10-07, 10-08 (ada), 11-10 (carl), 12-15 (ada), all uni-alpha; held under g1 and g4.
    expect(markdown).toContain(`| ${N1} | 4 | 1 | NUH-DUA-1.0 (2) | general (1), health (3) |`);
    expect(markdown).toContain(`| ${N2} | 1 | 1 | CC-BY-4.0 (1) | disease (1) |`);
    expect(markdown).toContain(`| week from | all datasets | ${N1} | ${N2} |`);
    expect(markdown).toContain('| 2026-10-05 | 2 | 2 | 0 |');
    expect(markdown).toContain('| 2026-10-19 | 1 | 0 | 1 |');
    // g1, g3 and g4 given in the quarter, to uni-alpha and biotech-beta; PUB accepted with g1 and g4.
    expect(markdown).toContain('3 grants were given in the period, to 2 organisations.');
    expect(markdown).toContain('| PUB | 2 |');
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    const lines = allElements(root).filter((e) => e.name === 'polyline');
    expect(lines).toHaveLength(3);
    expect(allElements(root).filter((e) => e.name === 'circle').map((e) => e.children[0]!.text)).toContain('all datasets, 2026-10-05: 2');
  });
});

describe('npm run report: bad usage and unreachable Redis', () => {
  it.each([
    ['no command', [], 'a command is required'],
    ['an unknown command', ['usage', '--period', '2026-Q4'], 'unknown command "usage"'],
    ['no period', ['compliance'], 'compliance needs --period PERIOD'],
    ['a period that is not one', ['compliance', '--period', '2026-Q5'], 'period "2026-Q5" is not a year'],
    ['an unknown option', ['compliance', '--period', '2026-Q4', '--format', 'pdf'], "Unknown option '--format'"],
    ['a partner for the compliance report', ['compliance', '--period', '2026-Q4', '--partner', NB], '--partner is for provider'],
    ['no partner for a provider report', ['provider', '--period', '2026-Q4'], 'provider needs --partner ID'],
    ['a partner not in the supergraph', ['provider', '--partner', 'acme-labs', '--period', '2026-Q4'], `unknown partner "acme-labs": the supergraph's partners are ${BOREAL}, ${HX}, ${NB}`],
    ['a second command', ['compliance', 'provider', '--period', '2026-Q4'], 'unexpected argument "provider"'],
  ])('exits 2 with the usage for %s', async (_name, argv, message) => {
    const run = await report(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('usage: npm run report -- <command>');
    expect(run.stdout).toBe('');
  });

  it('exits 2 without REDIS_URL, pointing to the GraphQL queries, and with a bad one', async () => {
    const withoutRedis = await report(['compliance', '--period', '2026-Q4'], { SUPERGRAPH_PATH: SUPERGRAPH });
    expect(withoutRedis.code).toBe(2);
    expect(withoutRedis.stderr).toContain('REDIS_URL is required');
    expect(withoutRedis.stderr).toContain('complianceReport or providerReport query');
    const badUrl = await report(['compliance', '--period', '2026-Q4'], { REDIS_URL: 'http://127.0.0.1:6379', SUPERGRAPH_PATH: SUPERGRAPH });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('REDIS_URL must be a redis:// or rediss:// URL');
    const noSupergraph = await report(['compliance', '--period', '2026-Q4'], { REDIS_URL, SUPERGRAPH_PATH: join(temporaryFolder('concord-report-'), 'none.graphql') });
    expect(noSupergraph.code).toBe(2);
    expect(noSupergraph.stderr).toContain('set SUPERGRAPH_PATH or --supergraph');
  });

  it('prints the usage on stdout and exits 0 when asked for help', async () => {
    const run = await report(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Exit codes: 0 written, 1 the governance store, the audit trail or DIR could not be used, 2 bad usage.');
  });

  it('exits 1 and writes nothing when Redis does not answer', async () => {
    const out = temporaryFolder('concord-report-');
    const run = await report(['compliance', '--period', '2026-Q4', '--out', out], { REDIS_URL: `redis://127.0.0.1:${await closedPort()}`, SUPERGRAPH_PATH: SUPERGRAPH });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/report: Redis does not answer at 127\.0\.0\.1:\d+ \(REDIS_URL\)/);
    expect(run.stdout).toBe('');
  });

  it('exits 1 when the output folder cannot be made', async () => {
    const file = join(temporaryFolder('concord-report-'), 'a-file');
    writeFileSync(file, 'not a folder');
    const run = await report(['compliance', '--period', '2026-Q4', '--out', join(file, 'reports')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`cannot write the report into ${join(file, 'reports')}`);
  });
});

describe('the XML reader the charts are checked with', () => {
  it.each([
    ['an element never closed', '<svg><g></svg>'],
    ['a bare ampersand', '<svg><text>a & b</text></svg>'],
    ['an unquoted attribute', '<svg width=10/>'],
    ['an attribute twice', '<svg a="1" a="2"/>'],
    ['two roots', '<svg/><svg/>'],
    ['a < in an attribute', '<svg a="<"/>'],
  ])('refuses %s', (_name, source) => {
    expect(() => parseXml(source)).toThrow(SyntaxError);
  });

  it('reads elements, attributes and text with entities', () => {
    const root = parseXml('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" aria-label=\'a &amp; b\'><rect x="1"><title>x &lt; y&#33;</title></rect></svg>\n');
    expect(root.attributes).toEqual({ xmlns: 'http://www.w3.org/2000/svg', 'aria-label': 'a & b' });
    expect(allElements(root).map((e) => e.name)).toEqual(['svg', 'rect', 'title']);
    expect(root.children[0]!.children[0]!.text).toBe('x < y!');
  });
});

/** A loopback port nothing listens on: bound once by the system, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
