import { readFileSync } from 'node:fs';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloGateway } from '@apollo/gateway';
import { Supergraph } from '@apollo/federation-internals';
import { ConfigError } from '../runtime/env.js';
import { startGraphQLHttpServer, type RunningHttpServer } from '../runtime/http-server.js';
import { createLogger, type Logger } from '../runtime/logger.js';
import { prepareSupergraph, type AuthorizationPlan } from './authz/authorization-plan.js';
import { AuthorizingGateway, type AuthorizedRequestContext } from './authz/authorizing-gateway.js';
import { catalogAuthorizationPolicies } from './authz/catalog-authorization-policies.js';
import { createTokenVerifier } from './authn/token-verifier.js';
import { InMemoryGrantStore } from './stores/in-memory-grant-store.js';
import { RedisGrantStore } from './stores/redis-grant-store.js';
import { createRedisConnection } from './stores/redis-connection.js';
import type { GrantStore } from './stores/grant-store.js';
import type { Grant } from '../schema/policy/principal.js';
import type { GatewayConfig } from './config.js';
import { formatClientError } from './errors.js';
import { ReservedNamesRule } from './validation/reserved-names-rule.js';
import { createMaxDepthRule } from './validation/max-depth-rule.js';
import { createMaxAliasesRule } from './validation/max-aliases-rule.js';
import { checkReadiness, type SubgraphEndpoint } from './readiness.js';
import { createSubgraphHttpClient, type SubgraphHttpClient } from './subgraph-client/subgraph-http-client.js';
import { SubgraphDataSource } from './subgraph-client/subgraph-data-source.js';

export interface GatewayHooks {
  logger?: Logger;
  /** Extra Apollo Server plugins, after Concord's own. */
  plugins?: ApolloServerPlugin<AuthorizedRequestContext>[];
  onSecondPass?: () => void;
  /** Where partner-issued grants are read; in-process memory by default. */
  grants?: GrantStore;
  now?: () => Date;
}

export interface ConcordGateway {
  plan: AuthorizationPlan;
  subgraphs: readonly SubgraphEndpoint[];
  listen(): Promise<RunningHttpServer>;
}

/** Builds the gateway from validated configuration; nothing listens until listen() is called. */
export function createGateway(config: GatewayConfig, hooks: GatewayHooks = {}): ConcordGateway {
  const logger = hooks.logger ?? createLogger('gateway', config.logLevel);
  const supergraphSdl = readSupergraph(config.supergraphPath);
  const { plan, executableSupergraphSdl } = prepareSupergraph(supergraphSdl);
  const http = createSubgraphHttpClient({ timeoutMs: config.subgraphTimeoutMs });
  const subgraphs = subgraphEndpoints(executableSupergraphSdl, config, http);
  logger.info({ supergraph: config.supergraphPath, guardedFields: plan.guardedFieldCount, subgraphs: subgraphs.map((s) => s.name) }, 'supergraph prepared');

  // @apollo/gateway sends usage metrics to Apollo and probes cloud metadata endpoints unless this
  // is set. A catalog of restricted research data sends nothing to a third party unless its
  // operator opts in by setting the variable to false.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const unsigned = subgraphs.filter((s) => !config.subgraphSigningSecrets?.has(s.name) && !config.subgraphSigningSecret).map((s) => s.name);
  if (unsigned.length > 0) {
    logger.warn({ subgraphs: unsigned }, 'no signing key for these subgraphs: their requests are unsigned, and Concord subgraphs refuse unsigned requests');
  }
  const principalSubgraphs = new Set(config.principalSubgraphs ?? ['catalog-index']);
  const urlByName = new Map(subgraphs.map((s) => [s.name, s.url]));
  const fetcherByName = new Map(subgraphs.map((s) => [s.name, s.fetcher]));
  const inner = new ApolloGateway({
    supergraphSdl: executableSupergraphSdl,
    logger,
    buildService: ({ name, url }) =>
      new SubgraphDataSource({
        name, url: urlByName.get(name) ?? url ?? '', fetcher: fetcherByName.get(name) ?? http.fetcherFor(null), logger,
        forwardPrincipal: principalSubgraphs.has(name),
      }),
  });
  const redis = config.redisUrl ? createRedisConnection(config.redisUrl) : undefined;
  const grantStore = hooks.grants ?? (redis ? new RedisGrantStore(redis.client) : new InMemoryGrantStore());
  const policies = catalogAuthorizationPolicies();
  const gateway = new AuthorizingGateway({
    inner, plan, policies, mode: config.authzMode, logger, grants: grantStore,
    onSecondPass: hooks.onSecondPass, now: hooks.now,
  });
  const tokens = createTokenVerifier(config.authn);
  if (config.authn.configured && config.authn.keys.kind === 'hs256-secret') {
    logger.warn('tokens are verified with a shared HS256 secret: fit for the local demo only, not for production');
  }
  logger.info({ mode: config.authzMode, policyVersion: policies.version, authentication: config.authn.configured ? config.authn.keys.kind : 'not configured' }, 'authorization ready');
  let loaded = false;

  const apollo = new ApolloServer<AuthorizedRequestContext>({
    gateway,
    logger,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    // "Did you mean ...?" could name a field the caller may not see.
    hideSchemaDetailsFromClientErrors: true,
    // Checked before planning: reserved aliases (the gateway's own), then the cost limits.
    validationRules: [ReservedNamesRule, createMaxDepthRule(config.maxQueryDepth), createMaxAliasesRule(config.maxAliases)],
    formatError: (formatted, error) => {
      const shaped = formatClientError(formatted);
      if (shaped.extensions.code === 'INTERNAL_SERVER_ERROR') logger.error({ err: error, formatted }, 'internal error');
      return shaped;
    },
    plugins: [
      // Phase: schema load: readiness follows the supergraph, not the process.
      { serverWillStart: async () => { loaded = true; } },
      ...(hooks.plugins ?? []),
    ],
  });

  return {
    plan,
    subgraphs,
    async listen() {
      const server = await startGraphQLHttpServer({
        apollo,
        // A refused token answers HTTP 401 (AuthenticationError carries the status); never anonymous.
        context: async ({ req }) => {
          const principal = await tokens.verify(req.headers.authorization);
          let grants: Promise<readonly Grant[]> | undefined;
          return {
            principal,
            grants: () => (grants ??= grantStore.grantsFor(principal).then((stored) => [...principal.grants, ...stored])),
          };
        },
        port: config.port,
        host: config.host,
        maxBodyBytes: config.maxRequestBytes,
        logger,
        readiness: () => checkReadiness(loaded, subgraphs, redis),
      });
      logger.info({ url: server.url }, 'gateway listening');
      return {
        ...server,
        async close() {
          await server.close();
          await http.close();
          await redis?.close();
        },
      };
    },
  };
}

function readSupergraph(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`supergraph file "${path}" cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); set SUPERGRAPH_PATH or --supergraph`);
  }
}

function subgraphEndpoints(executableSupergraphSdl: string, config: GatewayConfig, http: SubgraphHttpClient): SubgraphEndpoint[] {
  const names = Supergraph.build(executableSupergraphSdl).subgraphs().names();
  const known = new Set(names);
  for (const name of config.subgraphUrls.keys()) {
    if (!known.has(name)) {
      throw new ConfigError(`SUBGRAPH_URLS names "${name}", which is not a subgraph of the supergraph (${names.join(', ')})`);
    }
  }
  // A misspelt name must not silently send callers' identities, grants and terms elsewhere.
  for (const name of config.principalSubgraphs ?? []) {
    if (!known.has(name)) {
      throw new ConfigError(`PRINCIPAL_SUBGRAPHS names "${name}", which is not a subgraph of the supergraph (${names.join(', ')})`);
    }
  }
  for (const name of config.subgraphSigningSecrets?.keys() ?? []) {
    if (!known.has(name)) {
      throw new ConfigError(`SUBGRAPH_SIGNING_SECRETS names "${name}", which is not a subgraph of the supergraph (${names.join(', ')})`);
    }
  }
  const supergraph = Supergraph.build(executableSupergraphSdl);
  return names.map((name) => ({
    name,
    url: config.subgraphUrls.get(name) ?? supergraph.subgraphs().get(name)!.url,
    fetcher: http.fetcherFor(config.subgraphSigningSecrets?.get(name) ?? config.subgraphSigningSecret),
  }));
}
