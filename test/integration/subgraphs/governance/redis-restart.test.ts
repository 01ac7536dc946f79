import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisGovernanceStore } from '../../../../subgraphs/governance/store/redis-governance-store.js';
import type { AccessRequest, StoredGrant } from '../../../../subgraphs/governance/store/governance-store.js';
import { decodeGrantEntry, grantsKey } from '../../../../runtime/governance/grant-keys.js';
import { createClient } from 'redis';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeFolder } from '../../../harness/temporary-folder.js';
import { freePort, redisServerInstalled, startRedis, stopRedis } from '../../../harness/redis-server.js';

// "Redis restarted: nothing lost" (issue "Governance"): a Redis server of this test's own, with
// the append-only file on (as docker-compose.yml runs it), is stopped and started again between
// a decision and reading it back. Skipped only where no redis-server binary is installed.

/** The store connects in the background and does not queue commands while it is not connected. */
async function connected(url: string): Promise<RedisGovernanceStore> {
  const store = RedisGovernanceStore.connect(url);
  for (let attempt = 0; attempt < 100 && !(await store.ping()); attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
  return store;
}

const installed = await redisServerInstalled();

describe.skipIf(!installed)('governance store across a Redis restart (skipped only without a redis-server binary)', () => {
  let folder: string;
  let port: number;
  let redis: ChildProcess;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'concord-redis-restart-'));
    port = await freePort();
    redis = await startRedis(port, folder);
  }, 30_000);

  afterAll(async () => {
    if (redis) await stopRedis(redis);
    removeFolder(folder);
  });

  it('loses no request, decision or grant, and the gateway\'s grant hash is back too', async () => {
    const url = `redis://127.0.0.1:${port}`;
    const at = '2026-11-30T10:00:00.000Z';
    const request: AccessRequest = {
      id: 'req-restart', requester: { subject: 'demo-analyst', organisation: null },
      purpose: { category: 'health', diseaseId: null, genetic: false, commercial: false, ethicsApproval: true, project: null },
      projectTitle: 'Restart', justification: 'Nothing lost', acceptedDuties: ['COL'], acceptedTerms: ['LicenseRef-X'], createdAt: at,
      parts: [{ partnerId: 'northbridge-hospital', datasetIds: ['northbridge-hospital:ds-022'], status: 'PENDING' }],
    };
    const grant: StoredGrant = {
      id: 'grant-restart', datasetId: 'northbridge-hospital:ds-022', partnerId: 'northbridge-hospital', grantee: { kind: 'person', subject: 'demo-analyst' },
      requestId: request.id, grantedAt: at, expiresAt: Date.parse('2027-11-30T00:00:00.000Z'), acceptedTerms: ['LicenseRef-X'], acceptedDuties: ['COL'],
    };
    const before = await connected(url);
    try {
      expect((await before.createRequest(request)).ok).toBe(true);
      const decided = await before.decide(request.id, 'northbridge-hospital', { by: 'demo-steward', at, outcome: 'APPROVE', reason: 'ok', policyVersion: '1.1.1', grantDays: 365 }, [grant]);
      expect(decided.ok).toBe(true);
    } finally {
      await before.close();
    }

    await stopRedis(redis);
    redis = await startRedis(port, folder);

    const after = await connected(url);
    try {
      expect((await after.getRequest(request.id))?.parts[0]).toMatchObject({ status: 'APPROVED', decision: { by: 'demo-steward', outcome: 'APPROVE' } });
      expect(await after.getGrant(grant.id)).toMatchObject({ id: grant.id, datasetId: grant.datasetId, expiresAt: grant.expiresAt });
    } finally {
      await after.close();
    }
    const client = createClient({ url });
    await client.connect();
    try {
      const entry = await client.hGet(grantsKey('concord:', grant.grantee), grant.datasetId);
      expect(decodeGrantEntry(entry ?? '')).toMatchObject({ id: grant.id, expiresAt: grant.expiresAt });
    } finally {
      await client.quit();
    }
  }, 30_000);
});
