import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { RedisAuditLog } from '../../../runtime/audit/redis-audit-log.js';
import { REPOSITORY_ROOT } from '../../../schema/repository-files.js';
import type { RecordFields } from './audit-coverage.js';

// After the load: the whole audit trail read back from the soak's Redis (what oracle 2 searches),
// and the chain verified with `npm run audit -- verify` as an operator runs it.

export interface TrailRead {
  records: RecordFields[];
  total: number;
  reads: number;
  acts: number;
}

const PAGE = 2000;

export async function readTrail(redisUrl: string, prefix: string): Promise<TrailRead> {
  const log = RedisAuditLog.connect(redisUrl, { prefix, timeoutMs: 30_000, connectTimeoutMs: 10_000 });
  try {
    // The connection opens in the background; Redis may have been restarted moments ago.
    if (!(await log.ping())) throw new Error(`Redis does not answer at ${redisUrl}: the audit trail cannot be read`);
    const records: RecordFields[] = [];
    let reads = 0;
    for (let from = 1; ;) {
      const page = await log.read(from, PAGE);
      if (page.length === 0) break;
      for (const { action, requestId, fields } of page) {
        records.push({ action, requestId, fields });
        if (action === 'read') reads += 1;
      }
      from = page.at(-1)!.seq + 1;
    }
    return { records, total: records.length, reads, acts: records.length - reads };
  } finally {
    await log.close();
  }
}

export interface ChainCheck {
  exitCode: number;
  /** What the command said (its last line on stderr). */
  message: string;
}

/** Runs the compiled `npm run audit -- verify` against the soak's Redis and key prefix. */
export function verifyChain(redisUrl: string, prefix: string): Promise<ChainCheck> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPOSITORY_ROOT, 'dist/runtime/audit/main.js'), 'verify'], {
      cwd: REPOSITORY_ROOT,
      env: { PATH: process.env.PATH ?? '', REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix },
      timeout: 120_000,
    }, (error, _stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ exitCode, message: stderr.trim().split('\n').at(-1) ?? '' });
    });
  });
}
