import { createHash } from 'node:crypto';
import { RESP_TYPES } from 'redis';
import { DEFAULT_KEY_PREFIX } from '../governance/grant-keys.js';
import { openRedisConnection, withTimeout, type RedisClient, type RedisConnection } from '../redis-connection.js';
import type { AuditEntry, AuditRecord } from './audit-record.js';
import {
  AuditLogUnavailableError,
  checkBackwardPage,
  checkPage,
  checkRange,
  filingTime,
  LATE_FILING_MS,
  type AuditCheckpoint,
  type AuditLog,
  type ReadRangeOptions,
  type TimeRange,
} from './audit-log.js';
import { seal, type ChainPosition } from './canonical-form.js';
import { chainFieldsOf, ChainVerifier, VERIFY_PAGE_RECORDS, type ChainVerdict } from './verify.js';

export interface RedisAuditLogOptions {
  /** In front of every key (default DEFAULT_KEY_PREFIX); the log's keys under `<prefix>audit:`. */
  prefix?: string;
  /** Each Redis call fails after this long instead of waiting on a Redis that does not answer. */
  timeoutMs?: number;
  /** How often a batch is re-chained when other appenders keep getting there first. */
  maxAttempts?: number;
  /** Records per Redis call when verifying (default VERIFY_PAGE_RECORDS, 2,000). */
  verifyPageSize?: number;
  /** close() also closes the client (a log made by RedisAuditLog.connect). */
  ownsClient?: boolean;
}

export class AuditKeys {
  constructor(readonly prefix: string) {}
  /** The records: entry id `<seq>-0`, fields filed (ms), hash and record (the canonical form). */
  get stream(): string {
    return `${this.prefix}audit:stream`;
  }
  /** `<seq> <hash> <filed ms>` of the last record appended; never removed by a trim. */
  get head(): string {
    return `${this.prefix}audit:head`;
  }
  /** Hash: seq, hash and at of the last record a trim removed. */
  get checkpoint(): string {
    return `${this.prefix}audit:checkpoint`;
  }
}

// Compare-and-append: Redis scripts cannot take SHA-256 (only SHA-1), so the appender chains the
// batch in Node after the head it expects, and the script writes it only if that head is still the
// head. Otherwise it writes nothing and answers the head it found, and the appender chains again.
// A key of another type fails the first XADD, before anything is written.
const APPEND_SCRIPT = `
local current = redis.call('GET', KEYS[2]) or ''
if current ~= ARGV[1] then return {0, current} end
for i = 3, #ARGV, 4 do
  redis.call('XADD', KEYS[1], ARGV[i], 'filed', ARGV[i + 1], 'hash', ARGV[i + 2], 'record', ARGV[i + 3])
end
redis.call('SET', KEYS[2], ARGV[2])
return {1, ARGV[2]}
`;

// Removes the records before seq ARGV[1] + 1 and keeps the last one's seq, hash and time as the
// checkpoint, only if that record is still there with the hash the trimmer read and no later trim
// has passed it.
const TRIM_SCRIPT = `
local id = ARGV[1] .. '-0'
local found = redis.call('XRANGE', KEYS[1], id, id)
if #found == 0 then return -1 end
local fields = found[1][2]
local hash = nil
for i = 1, #fields, 2 do if fields[i] == 'hash' then hash = fields[i + 1] end end
if hash ~= ARGV[2] then return -1 end
local previous = tonumber(redis.call('HGET', KEYS[2], 'seq') or '0')
if previous >= tonumber(ARGV[1]) then return 0 end
local removed = redis.call('XTRIM', KEYS[1], 'MINID', (tonumber(ARGV[1]) + 1) .. '-0')
redis.call('HSET', KEYS[2], 'seq', ARGV[1], 'hash', ARGV[2], 'at', ARGV[3])
return removed
`;

// What a verifier starts from, read at one instant: the head, the checkpoint and the first page,
// so that a trim running meanwhile cannot make the first kept record look like a gap.
const SNAPSHOT_SCRIPT = `
local head = redis.call('GET', KEYS[2]) or ''
local checkpoint = redis.call('HMGET', KEYS[3], 'seq', 'hash', 'at')
local page = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', ARGV[1])
return {head, checkpoint, page}
`;

const sha1 = (script: string) => createHash('sha1').update(script).digest('hex');
const SCRIPTS = {
  append: { source: APPEND_SCRIPT, sha: sha1(APPEND_SCRIPT) },
  trim: { source: TRIM_SCRIPT, sha: sha1(TRIM_SCRIPT) },
  snapshot: { source: SNAPSHOT_SCRIPT, sha: sha1(SNAPSHOT_SCRIPT) },
} as const;

type StreamEntry = [id: string, fields: string[]];
/** An entry read as text or, for verifying, as the bytes Redis keeps. */
type StoredEntry = [id: string | Buffer, fields: (string | Buffer)[]];

/** Replies whose strings come as Buffers (views of what was read from the socket, not copies). */
const AS_BYTES = { typeMapping: { [RESP_TYPES.BLOB_STRING]: Buffer } };
const FIELD_NAMES = { record: Buffer.from('record'), hash: Buffer.from('hash') };

function isName(field: string | Buffer, name: keyof typeof FIELD_NAMES): boolean {
  if (typeof field === 'string') return field === name;
  const expected = FIELD_NAMES[name];
  if (field.length !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (field[i] !== expected[i]) return false;
  return true;
}

interface Head extends ChainPosition {
  filed: number;
}

/**
 * The audit trail in a Redis Stream (ARCHITECTURE.md "Audit", "Stores"): durable and shared by
 * every process that appends to it. Each record is one stream entry whose id is its seq, carrying
 * its canonical form (the exact bytes its hash covers, so verifying never re-serialises), its hash,
 * and the time it is filed under (./audit-log.ts filingTime) for reading and trimming by time.
 */
export class RedisAuditLog implements AuditLog {
  readonly durable = true;
  readonly keys: AuditKeys;
  readonly #client: RedisClient;
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;
  readonly #verifyPageSize: number;
  readonly #ownsClient: boolean;
  #connection: RedisConnection | null = null;
  /** The head text this process's last append wrote; null before the first append and after a failed one. */
  #lastHead: string | null = null;

  constructor(client: RedisClient, options: RedisAuditLogOptions = {}) {
    this.#client = client;
    this.keys = new AuditKeys(options.prefix ?? DEFAULT_KEY_PREFIX);
    this.#timeoutMs = options.timeoutMs ?? 2000;
    this.#maxAttempts = options.maxAttempts ?? 100;
    this.#verifyPageSize = options.verifyPageSize ?? VERIFY_PAGE_RECORDS;
    this.#ownsClient = options.ownsClient ?? false;
  }

  /** A log over a connection of its own, opened in the background: until Redis answers, every call rejects. */
  static connect(url: string, options: Omit<RedisAuditLogOptions, 'ownsClient'> & { connectTimeoutMs?: number } = {}): RedisAuditLog {
    const connection = openRedisConnection(url, { timeoutMs: options.connectTimeoutMs ?? 1000 });
    const log = new RedisAuditLog(connection.client, { ...options, ownsClient: true });
    log.#connection = connection;
    return log;
  }

  /** True when Redis answers now (waiting, within its timeout, for a connection still being made). */
  async ping(): Promise<boolean> {
    if (this.#connection) return this.#connection.ping();
    try {
      return (await this.#call('ping', (c) => c.ping())) === 'PONG';
    } catch {
      return false;
    }
  }

  async append(entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
    if (entries.length === 0) return [];
    // The head this process last wrote, when it wrote the last batch: one round trip per batch
    // instead of two (issue 11's cost target). If another appender moved the head since, the script
    // writes nothing and answers the head it found, which the loop chains after.
    let headText = this.#lastHead ?? await this.#call('read the head of the audit log', (c) => c.get(this.keys.head)) ?? '';
    this.#lastHead = null;
    for (let attempt = 1; attempt <= this.#maxAttempts; attempt++) {
      const head = parseHead(headText);
      const sealed = seal(entries, head);
      const args: string[] = [headText, ''];
      let filed = head?.filed ?? Number.NEGATIVE_INFINITY;
      for (const { record, canonical } of sealed) {
        filed = filingTime(record.at, filed);
        args.push(`${record.seq}-0`, String(filed), record.hash, canonical);
      }
      const last = sealed[sealed.length - 1]!.record;
      args[1] = `${last.seq} ${last.hash} ${filed}`;
      const reply = await this.#script<[number, string]>('append to the audit log', SCRIPTS.append, [this.keys.stream, this.keys.head], args, true);
      if (reply[0] === 1) {
        this.#lastHead = args[1];
        return sealed.map((s) => s.record);
      }
      headText = reply[1];
    }
    throw new AuditLogUnavailableError(`could not append to the audit log: ${this.#maxAttempts} other appends overtook it; nothing was written`);
  }

  async read(from: number, count: number): Promise<AuditRecord[]> {
    checkPage(from, count);
    const entries = await this.#range(`${from}-0`, count);
    return entries.map(recordOf);
  }

  async *readRange(range: TimeRange, options: ReadRangeOptions = {}): AsyncIterable<AuditRecord[]> {
    const { fromMs, toMs } = checkRange(range);
    const pageSize = options.pageSize ?? 1000;
    let start = `${await this.#firstFiledAtOrAfter(fromMs)}-0`;
    for (;;) {
      const entries = await this.#range(start, pageSize);
      if (entries.length === 0) return;
      const page: AuditRecord[] = [];
      let done = false;
      for (const entry of entries) {
        if (filedOf(entry) >= toMs + LATE_FILING_MS) {
          done = true;
          break;
        }
        const record = recordOf(entry);
        const at = Date.parse(record.at);
        if (at >= fromMs && at < toMs) page.push(record);
      }
      if (page.length > 0) yield page;
      if (done || entries.length < pageSize) return;
      start = `(${entries[entries.length - 1]![0]}`;
    }
  }

  async head(): Promise<ChainPosition | null> {
    const head = parseHead(await this.#call('read the head of the audit log', (c) => c.get(this.keys.head)) ?? '');
    return head ? { seq: head.seq, hash: head.hash } : null;
  }

  async trim(before: string): Promise<number> {
    const beforeMs = Date.parse(before);
    if (Number.isNaN(beforeMs)) throw new TypeError(`before must be an ISO 8601 time, not ${JSON.stringify(before)}`);
    for (let attempt = 1; attempt <= this.#maxAttempts; attempt++) {
      const firstKept = await this.#firstFiledAtOrAfter(beforeMs);
      const lastRemoved = await this.#call('read the audit log', (c) => c.sendCommand<StreamEntry[]>(['XREVRANGE', this.keys.stream, `(${firstKept}-0`, '-', 'COUNT', '1']));
      if (lastRemoved.length === 0) return 0;
      const record = recordOf(lastRemoved[0]!);
      const removed = await this.#script<number>('trim the audit log', SCRIPTS.trim, [this.keys.stream, this.keys.checkpoint], [String(record.seq), record.hash, record.at], true);
      if (removed >= 0) return removed;
    }
    throw new AuditLogUnavailableError(`could not trim the audit log: it kept changing under ${this.#maxAttempts} attempts`);
  }

  async checkpoint(): Promise<AuditCheckpoint | null> {
    const [seq, hash, at] = await this.#call('read the audit checkpoint', (c) => c.hmGet(this.keys.checkpoint, ['seq', 'hash', 'at']));
    return seq == null || hash == null ? null : { seq: Number(seq), hash, at: at ?? '' };
  }

  async verify(): Promise<ChainVerdict> {
    const k = this.keys;
    const pageSize = this.#verifyPageSize;
    const [headText, checkpointFields, firstPage] = await this.#script<[string, (string | null)[], StreamEntry[]]>(
      'read the audit log', SCRIPTS.snapshot, [k.stream, k.head, k.checkpoint], [String(pageSize)],
    );
    const head = parseHead(headText);
    const [cpSeq, cpHash] = checkpointFields;
    const verifier = new ChainVerifier(cpSeq != null && cpHash != null ? { seq: Number(cpSeq), hash: cpHash } : null);
    // Pages after the first come as bytes: hashed as stored, never made into text (issue 11: at
    // least 200,000 records per second).
    const fetch = (after: string | Buffer) => {
      const next = this.#call('read the audit log', (c) => c.sendCommand<StoredEntry[]>(['XRANGE', k.stream, `(${String(after)}`, '+', 'COUNT', String(pageSize)], AS_BYTES));
      next.catch(() => undefined); // awaited below, unless verification stops first
      return next;
    };
    let page: StoredEntry[] = firstPage;
    while (page.length > 0) {
      // The next page is on its way while this one is hashed: Redis and the network overlap the CPU work.
      const next = page.length === pageSize ? fetch(page[page.length - 1]![0]) : null;
      for (const [id, fields] of page) {
        const idSeq = seqOfStoredId(id);
        // Records appended after the snapshot are the next verification's.
        if (head && idSeq > head.seq) return verifier.verdict(head);
        let canonical: string | Buffer | undefined;
        let hash: string | Buffer | undefined;
        for (let i = 0; i < fields.length; i += 2) {
          if (isName(fields[i]!, 'record')) canonical = fields[i + 1];
          else if (isName(fields[i]!, 'hash')) hash = fields[i + 1];
        }
        const chained = canonical === undefined ? null : chainFieldsOf(canonical, verifier.expectedPreviousHash);
        if (chained === null || hash === undefined) return (verifier.malformed(idSeq, 'its stored form is not a canonical audit record'), verifier.verdict());
        if (chained.seq !== idSeq) return (verifier.malformed(idSeq, `it is stored as record ${idSeq} but says it is record ${chained.seq}`), verifier.verdict());
        if (!verifier.accept({ seq: chained.seq, previousHash: chained.previousHash, canonical: canonical!, hash: String(hash) })) return verifier.verdict();
      }
      if (next === null) break;
      page = await next;
    }
    return verifier.verdict(head);
  }

  async close(): Promise<void> {
    if (this.#ownsClient && this.#client.isOpen) this.#client.destroy();
  }

  async readBackward(before: number | null, count: number): Promise<AuditRecord[]> {
    checkBackwardPage(before, count);
    const end = before === null ? '+' : `(${before}-0`;
    const entries = await this.#call('read the audit log', (c) => c.sendCommand<StreamEntry[]>(['XREVRANGE', this.keys.stream, end, '-', 'COUNT', String(count)]));
    return entries.map(recordOf);
  }

  /** Entries from `start` (an id, or `(id` for after it), at most `count`. */
  #range(start: string, count: number): Promise<StreamEntry[]> {
    return this.#call('read the audit log', (c) => c.sendCommand<StreamEntry[]>(['XRANGE', this.keys.stream, start, '+', 'COUNT', String(count)]));
  }

  /**
   * The seq to read from for the first record filed at or after `ms`: a binary search over seq,
   * since filing times never decrease along the chain. Robust to missing seqs: the answer is the
   * first kept record at or after the seq returned.
   */
  async #firstFiledAtOrAfter(ms: number): Promise<number> {
    const head = await this.head();
    let lo = 1;
    let hi = (head?.seq ?? 0) + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const [entry] = await this.#range(`${mid}-0`, 1);
      if (!entry || seqOfId(entry[0]) >= hi) hi = mid;
      else if (filedOf(entry) < ms) lo = seqOfId(entry[0]) + 1;
      else hi = mid;
    }
    return lo;
  }

  async #script<T>(what: string, script: { source: string; sha: string }, keys: string[], args: string[], writes = false): Promise<T> {
    const options = { keys, arguments: args };
    return this.#call(what, async (c) => {
      try {
        return (await c.evalSha(script.sha, options)) as T;
      } catch (error) {
        // A Redis that restarted or flushed its script cache: send the script itself once.
        if (error instanceof Error && error.message.startsWith('NOSCRIPT')) return (await c.eval(script.source, options)) as T;
        throw error;
      }
    }, writes);
  }

  /** One Redis round trip, bounded in time, its failure reported as the log being unavailable. */
  async #call<T>(what: string, run: (client: RedisClient) => Promise<T>, writes = false): Promise<T> {
    // A script sent but not answered in time may still run later, whole.
    const late = writes ? '; if Redis runs it later, it runs whole' : '';
    try {
      return await withTimeout(run(this.#client), this.#timeoutMs, () => new Error(`no answer within ${this.#timeoutMs} ms${late}`));
    } catch (error) {
      const reason = error instanceof Error ? error.message || error.name : String(error);
      throw new AuditLogUnavailableError(`could not ${what}: Redis: ${reason}`, { cause: error });
    }
  }
}

function parseHead(text: string): Head | null {
  if (!text) return null;
  const [seq, hash, filed] = text.split(' ');
  return { seq: Number(seq), hash: hash!, filed: Number(filed) };
}

function seqOfId(id: string): number {
  return Number(id.slice(0, id.indexOf('-')));
}

/** As seqOfId, reading the digits of an id read as bytes without making text of it. */
function seqOfStoredId(id: string | Buffer): number {
  if (typeof id === 'string') return seqOfId(id);
  let seq = 0;
  for (let i = 0; i < id.length && id[i] !== 0x2d; i++) {
    const digit = id[i]! - 0x30;
    if (digit < 0 || digit > 9) return Number.NaN;
    seq = seq * 10 + digit;
  }
  return seq;
}

function field(entry: StreamEntry, name: string): string | undefined {
  const fields = entry[1];
  for (let i = 0; i < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

function filedOf(entry: StreamEntry): number {
  return Number(field(entry, 'filed'));
}

function recordOf(entry: StreamEntry): AuditRecord {
  const canonical = field(entry, 'record');
  const hash = field(entry, 'hash');
  if (canonical === undefined || hash === undefined) throw new AuditLogUnavailableError(`audit record ${entry[0]} is stored without its record or hash`);
  return { ...(JSON.parse(canonical) as Omit<AuditRecord, 'hash'>), hash };
}
