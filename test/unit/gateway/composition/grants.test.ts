import { afterEach, describe, expect, it } from 'vitest';
import { createGrantSource, type GrantSource } from '../../../../gateway/composition/grants.js';
import { GovernanceGrantStore } from '../../../../gateway/stores/governance-grant-store.js';
import { InMemoryGrantStore } from '../../../../gateway/stores/in-memory-grant-store.js';
import { RedisGrantStore } from '../../../../gateway/stores/redis-grant-store.js';
import { silentLogger } from '../../../../runtime/logger.js';

// Where the gateway reads grants (ARCHITECTURE.md "Stores"): what the caller injects, else Redis
// with REDIS_URL, else the governance subgraph when the supergraph has one, else nowhere.

const PARTNERS = [{ name: 'catalog-index', url: 'http://127.0.0.1:4100/graphql' }, { name: 'p', url: 'http://127.0.0.1:4101/graphql' }];
const WITH_GOVERNANCE = [...PARTNERS, { name: 'governance', url: 'http://127.0.0.1:4090/graphql' }];
const config = (redisUrl: string | null) => ({ redisUrl, subgraphTimeoutMs: 10_000, subgraphSigningSecret: null });

let opened: GrantSource | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

describe('createGrantSource', () => {
  const injected = new InMemoryGrantStore();
  it.each([
    { name: 'an injected store wins', redisUrl: 'redis://127.0.0.1:1/0', subgraphs: WITH_GOVERNANCE, inject: true, kind: 'injected', store: InMemoryGrantStore },
    { name: 'REDIS_URL before the governance subgraph', redisUrl: 'redis://127.0.0.1:1/0', subgraphs: WITH_GOVERNANCE, inject: false, kind: 'redis', store: RedisGrantStore },
    { name: 'the governance subgraph without REDIS_URL', redisUrl: null, subgraphs: WITH_GOVERNANCE, inject: false, kind: 'governance-subgraph', store: GovernanceGrantStore },
    { name: 'no Redis and no governance subgraph: an empty store in memory', redisUrl: null, subgraphs: PARTNERS, inject: false, kind: 'memory', store: InMemoryGrantStore },
  ])('$name', ({ redisUrl, subgraphs, inject, kind, store }) => {
    opened = createGrantSource({ config: config(redisUrl), subgraphs, injected: inject ? injected : undefined, logger: silentLogger });
    expect(opened.kind).toBe(kind);
    expect(opened.store).toBeInstanceOf(store);
    expect(opened.redis !== undefined).toBe(kind === 'redis');
    if (inject) expect(opened.store).toBe(injected);
  });
});
