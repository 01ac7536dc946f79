import type { GatewayOptions, RunningGateway, StoredGrants } from './gateway-messages.js';

// Concord runs as production runs it: the compiled JavaScript `npm run build` writes to dist/
// (`npm run bench` builds first), not the TypeScript sources through tsx, whose transform adds
// work of its own to every function the gateway creates.
const compiled = (path: string): string => new URL(`../../../dist/${path}`, import.meta.url).href;
const { readGatewayConfig } = await import(compiled('gateway/config.js')) as typeof import('../../../gateway/config.js');
const { createGateway } = await import(compiled('gateway/create-gateway.js')) as typeof import('../../../gateway/create-gateway.js');
const { InMemoryGrantStore } = await import(compiled('gateway/stores/in-memory-grant-store.js')) as typeof import('../../../gateway/stores/in-memory-grant-store.js');
const { silentLogger } = await import(compiled('runtime/logger.js')) as typeof import('../../../runtime/logger.js');

/** Longer than any run: an expired grant would deny what the workload means to allow. */
const GRANT_VALIDITY_MS = 24 * 60 * 60 * 1000;

/**
 * Concord as `npm run gateway` builds it, from the same environment variables (authorization on,
 * filter mode, in-memory grant store), with the test HS256 identity provider. Logging is off, as for
 * the other gateways, so that no contender pays for writing lines to a pipe nobody reads. The grant
 * store is the default one (ARCHITECTURE.md "Stores"), filled before the gateway starts.
 */
export async function startConcord(options: GatewayOptions): Promise<RunningGateway> {
  const config = readGatewayConfig({
    PORT: '0',
    SUPERGRAPH_PATH: options.supergraphPath,
    AUTHZ_MODE: 'filter',
    JWT_HS256_SECRET: options.jwt.secret,
    JWT_ISSUER: options.jwt.issuer,
    JWT_AUDIENCE: options.jwt.audience,
    JWT_MAX_TOKEN_BYTES: String(options.maxTokenBytes),
    SUBGRAPH_SIGNING_SECRET: options.signingSecret,
    LOG_LEVEL: 'silent',
  });
  const grants = await filledGrantStore(options.storedGrants ?? []);
  const server = await createGateway(config, { logger: silentLogger, grants }).listen();
  return { url: server.url, close: () => server.close() };
}

async function filledGrantStore(stored: readonly StoredGrants[]): Promise<InstanceType<typeof InMemoryGrantStore>> {
  const store = new InMemoryGrantStore();
  const expiresAt = Date.now() + GRANT_VALIDITY_MS;
  for (const { subject, datasetIds } of stored) {
    for (const datasetId of datasetIds) await store.put({ datasetId, grantee: { kind: 'person', subject }, expiresAt, source: 'store' });
  }
  return store;
}
