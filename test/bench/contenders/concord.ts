import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { benchRedisUrl, redisAnswers } from '../phases/grant-redis.js';
import { auditStorageOf } from './concord-audit.js';
import type { GatewayOptions, RunningGateway, StoredGrants } from './gateway-messages.js';

// Concord runs as production runs it: the compiled JavaScript `npm run build` writes to dist/
// (`npm run bench` builds first), not the TypeScript sources through tsx, whose transform adds
// work of its own to every function the gateway creates.
const compiled = (path: string): string => new URL(`../../../dist/${path}`, import.meta.url).href;
const { readGatewayConfig } = await import(compiled('gateway/config.js')) as typeof import('../../../gateway/config.js');
const { createGateway } = await import(compiled('gateway/create-gateway.js')) as typeof import('../../../gateway/create-gateway.js');
const { InMemoryGrantStore } = await import(compiled('gateway/stores/in-memory-grant-store.js')) as typeof import('../../../gateway/stores/in-memory-grant-store.js');
const { encodeGrantEntry, grantsKey } = await import(compiled('runtime/governance/grant-keys.js')) as typeof import('../../../runtime/governance/grant-keys.js');
const { silentLogger } = await import(compiled('runtime/logger.js')) as typeof import('../../../runtime/logger.js');

/** Longer than any run: an expired grant would deny what the workload means to allow. */
const GRANT_VALIDITY_MS = 24 * 60 * 60 * 1000;
/** Keys a run leaves behind (a gateway process that was killed) expire by themselves. */
const KEY_TTL_SECONDS = 24 * 60 * 60;

/**
 * Concord as `npm run gateway` builds it, from the same environment variables (authorization on,
 * filter mode), with the test HS256 identity provider. Logging is off, as for the other gateways,
 * so that no contender pays for writing lines to a pipe nobody reads. Grants are read as production
 * reads them with REDIS_URL set: from the governance store's keys in Redis (ARCHITECTURE.md
 * "Stores"), written before the gateway starts under a prefix of this gateway's own, and the audit
 * trail is written to the Redis Stream under that prefix, as production writes it. Without a Redis
 * that answers, both are in memory (the run's progress says so). `audit: false` gives the gateway no
 * trail at all (no entry is even built), for what the trail costs.
 */
export async function startConcord(options: GatewayOptions, { audit }: { audit: boolean }): Promise<RunningGateway> {
  const env = {
    PORT: '0',
    SUPERGRAPH_PATH: options.supergraphPath,
    AUTHZ_MODE: 'filter',
    JWT_HS256_SECRET: options.jwt.secret,
    JWT_ISSUER: options.jwt.issuer,
    JWT_AUDIENCE: options.jwt.audience,
    JWT_MAX_TOKEN_BYTES: String(options.maxTokenBytes),
    // Workload (b)'s token carries grants on half of its page of 50 (see ../workloads.ts), past the
    // default of 20 grants a token may carry.
    JWT_MAX_GRANTS: '25',
    // The benchmark's few personas send thousands of requests a second: rate limits would refuse them.
    RATE_LIMITS: 'off',
    // Workload (c) asks for 500 datasets with their nested entities, an estimated cost of about
    // 175,000, over the default MAX_COST (100,000), which a deployment serving such pages raises.
    MAX_COST: '1000000',
    SUBGRAPH_SIGNING_SECRET: options.signingSecret,
    LOG_LEVEL: 'silent',
  };
  const redisUrl = benchRedisUrl();
  if (!await redisAnswers(redisUrl)) {
    const grants = new InMemoryGrantStore();
    for (const grant of storeGrants(options.storedGrants ?? [])) grants.put({ ...grant, source: 'store' });
    const server = await createGateway(readGatewayConfig(env), { logger: silentLogger, grants, ...(audit ? {} : { audit: false as const }) }).listen();
    return { url: server.url, close: () => server.close() };
  }
  const prefix = `concord-bench:${randomBytes(6).toString('hex')}:`;
  const redis = createClient({ url: redisUrl });
  // Reported through failed commands; an unhandled 'error' event would end the gateway's process.
  redis.on('error', () => undefined);
  await redis.connect();
  try {
    await writeGrants(redis, prefix, options.storedGrants ?? []);
    const config = readGatewayConfig({ ...env, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix });
    const server = await createGateway(config, { logger: silentLogger, ...(audit ? {} : { audit: false as const }) }).listen();
    return {
      url: server.url,
      auditStorage: () => (audit ? auditStorageOf(redis, `${prefix}audit:stream`) : Promise.resolve(null)),
      async close() {
        await server.close();
        await deletePrefix(redis, prefix);
        redis.destroy();
      },
    };
  } catch (error) {
    await deletePrefix(redis, prefix);
    redis.destroy();
    throw error;
  }
}

function storeGrants(stored: readonly StoredGrants[]) {
  const expiresAt = Date.now() + GRANT_VALIDITY_MS;
  return stored.flatMap(({ subject, datasetIds }) => datasetIds.map((datasetId, i) => ({
    id: `bench-${subject}-${i}`, datasetId, grantee: { kind: 'person' as const, subject }, expiresAt,
  })));
}

/** As the governance store writes an approval: one hash field per granted dataset. */
async function writeGrants(redis: ReturnType<typeof createClient>, prefix: string, stored: readonly StoredGrants[]): Promise<void> {
  const write = redis.multi();
  const keys = new Set<string>();
  for (const { id, datasetId, grantee, expiresAt } of storeGrants(stored)) {
    const key = grantsKey(prefix, grantee);
    keys.add(key);
    write.hSet(key, datasetId, encodeGrantEntry({ id, expiresAt }));
  }
  for (const key of keys) write.expire(key, KEY_TTL_SECONDS);
  await write.exec();
}

async function deletePrefix(redis: ReturnType<typeof createClient>, prefix: string): Promise<void> {
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    if (keys.length > 0) await redis.del(keys);
  }
}
