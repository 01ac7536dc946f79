import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { listenHttp, type CloseOptions, type HttpListener, type RunningHttpServer } from '../runtime/http-server.js';
import { createLogger, type Logger } from '../runtime/logger.js';
import type { AuthorizationPlan } from './authz/authorization-plan.js';
import type { AuthorizedRequestContext } from './authz/authorizing-gateway.js';
import type { GrantStore } from './stores/grant-store.js';
import type { GatewayConfig } from './config.js';
import { readSupergraphFile } from '../runtime/env.js';
import { createAuthentication } from './composition/authentication.js';
import { createAuthorization } from './composition/authorization.js';
import { createAudit } from './composition/audit.js';
import type { AuditLog } from '../runtime/audit/audit-log.js';
import { createErrorMasking } from './composition/error-masking.js';
import { createGrantSource } from './composition/grants.js';
import { createQueryPlanner } from './composition/query-planner.js';
import { createReadinessPlugin } from './composition/readiness-plugin.js';
import { createSubgraphRouting, type SubgraphEndpoint } from './composition/subgraphs.js';
import { loadSupergraph } from './composition/supergraph.js';
import { optOutOfApolloTelemetry } from './composition/telemetry.js';
import { createRequestLimitChecks } from './composition/validation-rules.js';
import { createRateLimiting } from './rate-limit/rate-limiting.js';
import { createPersistedQueries } from './persisted-queries/persisted-queries.js';
import type { RateLimitCounters } from './rate-limit/rate-limit-plugin.js';
import { accessNotesPlugin, noteCaller } from './access-log/access-notes.js';
import { createMetricsPlugin } from './metrics/metrics-plugin.js';
import { watchRedisReachability } from './operations/redis-reachability.js';
import type { CircuitReport } from './subgraph-client/circuit-breaker.js';
import { LiveSupergraph, type ReloadOutcome } from './supergraph/live-supergraph.js';
import { createCatalogExport } from './catalog-export/create-catalog-export.js';
import { explorerSettingsOf } from './explorer/explorer-settings.js';
import { explorerRoutes } from './explorer/serve-explorer.js';

export interface GatewayHooks {
  logger?: Logger;
  /** Extra Apollo Server plugins, after Concord's own. */
  plugins?: ApolloServerPlugin<AuthorizedRequestContext>[];
  onSecondPass?: () => void;
  /** Where partner-issued grants are read, instead of Redis or the governance subgraph (composition/grants.ts). */
  grants?: GrantStore;
  /**
   * Where operations that touched a guarded field are recorded, instead of Redis or memory
   * (composition/audit.ts); false: not recorded at all, no entry even built (the benchmark's
   * "audit off", to measure what the trail costs).
   */
  audit?: AuditLog | false;
  now?: () => Date;
  /** The supergraph's text when the caller has read config.supergraphPath already (gateway/main.ts). */
  supergraphSdl?: string;
}

export interface ConcordGateway {
  /** The authorization plan of the supergraph served now. */
  readonly plan: AuthorizationPlan;
  /** Reads the supergraph file again and serves it if it can be enforced, else keeps the current one (SIGHUP). */
  reloadSupergraph(trigger?: string): ReloadOutcome;
  subgraphs: readonly SubgraphEndpoint[];
  /** Requests refused with 429 and takes the rate limit store failed (each let its request pass), for metrics. */
  rateLimits: Readonly<RateLimitCounters>;
  /** Each subgraph's circuit (state, consecutive failures) by name, read at the moment of the call, for metrics. */
  circuits(): ReadonlyMap<string, CircuitReport>;
  /** Listens on the configured port and resolves once GraphQL is served. */
  listen(): Promise<RunningHttpServer>;
  /** Serves GraphQL on a port that already answers /health (gateway/main.ts listens first). */
  serveOn(listener: HttpListener): Promise<RunningHttpServer>;
}

/**
 * Builds the gateway from validated configuration, one concern per phase, each built from what the
 * phases before it made (ARCHITECTURE.md, "Processes"; the order a request meets them is in "Request
 * path"); nothing listens until listen() or serveOn().
 * Throws, before anything listens or connects, on a supergraph it cannot enforce or a setting that
 * names a subgraph the supergraph does not have.
 */
export function createGateway(config: GatewayConfig, hooks: GatewayHooks = {}): ConcordGateway {
  const logger = hooks.logger ?? createLogger('gateway', config.logLevel);

  // 1. Supergraph: the authorization plan and the executable SDL; fails closed.
  const supergraphSource = hooks.supergraphSdl ?? readSupergraphFile(config.supergraphPath);
  const supergraph = loadSupergraph(supergraphSource, config.supergraphPath, logger);
  // Replaced while serving when the file changes or on SIGHUP, only by one whose plan can be built.
  const live = new LiveSupergraph({
    initial: supergraph, initialSource: supergraphSource, path: config.supergraphPath, logger, watch: config.supergraphWatch === true,
    read: () => readSupergraphFile(config.supergraphPath),
    prepare: (source) => loadSupergraph(source, config.supergraphPath, logger),
  });
  // 2. Telemetry: nothing is sent to Apollo unless the operator opts in; before the planner exists.
  optOutOfApolloTelemetry();
  // 3. Subgraphs: endpoints, per-subgraph signing keys and timeouts, which ones receive the
  // principal, and each one's circuit breaker on the gateway's clock.
  const subgraphs = createSubgraphRouting(config, supergraph, logger, { now: hooks.now });
  // 4. Query planning and fetching: @apollo/gateway over the stripped supergraph.
  const planner = createQueryPlanner(live.hook, subgraphs, logger);
  // 5. Grants: the store per-entity decisions read (injected, Redis, the governance subgraph or none).
  const grants = createGrantSource({ config, subgraphs: subgraphs.endpoints, injected: hooks.grants, logger });
  // A Redis that cannot be reached is logged (redacted URL, why, what to do) and explained in /ready.
  const redisWatch = grants.redis && config.redisUrl ? watchRedisReachability({ redis: grants.redis, url: config.redisUrl, logger }) : undefined;
  // 6. Audit: every operation that touched a guarded field is recorded before it is answered.
  const audit = createAudit(config, logger, hooks.audit === false ? undefined : hooks.audit, subgraphs.endpoints, hooks.audit === false);
  // Metrics: one registry per gateway, read at scrape time (the rate limits' counters are made in
  // phase 8); GET /metrics unless METRICS_ENABLED=false (gateway/metrics/; issue 12, "Operations").
  const metrics = config.metricsEnabled === false ? undefined : createMetricsPlugin({
    rateLimits: () => rateLimits.counters,
    auditQueueDepth: () => audit.pending,
    circuits: subgraphs.circuits,
  });
  // 7. Authorization: static pruning before planning, per-entity decisions after fetching.
  const gateway = createAuthorization({
    inner: planner, plan: supergraph.plan, planFor: (sdl) => live.planFor(sdl), mode: config.authzMode, grants: grants.store, logger,
    onSecondPass: hooks.onSecondPass, now: hooks.now, audit: hooks.audit === false ? undefined : audit, onDecisions: metrics?.observeDecisions,
  });
  // 8. Authentication: each request's principal and grants, in its context.
  // Before it, the limits on the raw request (composition/validation-rules.ts).
  const limits = createRequestLimitChecks<AuthorizedRequestContext>(config);
  // Rate limits: once the principal is known, one unit before parsing, the rest of the operation's
  // cost-weighted units next to the cost limit (rate-limit/rate-limit-plugin.ts); Redis shared with grants.
  const rateLimits = createRateLimiting<AuthorizedRequestContext>({ config, redis: grants.redis, logger, now: hooks.now });
  // The caller's subject is noted for the access log as soon as the token is verified.
  // Persisted queries: Apollo Server's APQ cache (Redis shared with grants, or memory), and in
  // safelist mode the refusal of what is not registered, after the raw request's limits and before
  // the token (gateway/persisted-queries/; issue 12, item 4). Then the same validation, limits, rate
  // limits and authorization as any operation.
  const persisted = createPersistedQueries({ config, redis: grants.redis, logger });
  const context = limits.checkRequest(persisted.checkRequest(rateLimits.checkRequest(noteCaller(createAuthentication(config.authn, grants.store, logger)))));
  // 9. Readiness: /ready follows the supergraph, the subgraphs and Redis.
  const readiness = createReadinessPlugin({ subgraphs: subgraphs.endpoints, redis: grants.redis, circuits: subgraphs.circuits });
  // 10. Apollo Server: validation rules (limits), error masking, then the caller's plugins.
  const apollo = new ApolloServer<AuthorizedRequestContext>({
    gateway,
    logger,
    introspection: config.introspection,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    persistedQueries: persisted.apolloOption,
    ...createErrorMasking(logger),
    // Then the access log's operation name and the metrics' subgraph fetch observer, which only
    // note and count, so they come after every plugin that may refuse a request.
    plugins: [
      readiness.plugin, ...limits.plugins, rateLimits.plugin, accessNotesPlugin(), ...(metrics ? [metrics.plugin] : []),
      ...(hooks.plugins ?? []),
    ],
  });
  // The DCAT-AP 3 export of the public catalog, run through Apollo Server as an anonymous caller (gateway/catalog-export/).
  const catalogExport = createCatalogExport({
    config, apollo, rateLimits, executableSupergraphSdl: supergraph.executableSupergraphSdl, plan: () => live.current.plan, logger, now: hooks.now,
  });

  // The web explorer at / and GraphiQL at /graphiql, from the files npm run build writes (gateway/explorer/).
  const explorer = explorerRoutes(explorerSettingsOf(config), logger);

  const serveOn = async (listener: HttpListener): Promise<RunningHttpServer> => {
    const server = await listener.mountGraphQL({
      apollo, context, maxBodyBytes: config.maxRequestBytes,
      readiness: redisWatch ? async () => redisWatch.explain(await readiness.readiness()) : readiness.readiness,
      metrics: metrics?.render, onRequestEnd: metrics?.observeRequest, routes: [...catalogExport.routes(listener.url), ...explorer],
    });
    logger.info({ url: server.url }, 'gateway listening');
    // Graceful shutdown (issue 12, "Operations"): requests in flight finish, then the audit
    // records still being appended are written, then the connections to subgraphs and Redis close.
    let stopping: ReturnType<RunningHttpServer['shutDown']> | undefined;
    const shutDown = (options?: CloseOptions) => stopping ??= (async () => {
      const report = await server.shutDown(options);
      await audit.close();
      await grants.close();
      await rateLimits.close();
      await persisted.close();
      // Closing the subgraph client waits for its calls; those of cut requests may never end.
      const closingSubgraphs = subgraphs.close();
      if (report.cutRequests === 0) await closingSubgraphs;
      else closingSubgraphs.catch(() => undefined);
      return report;
    })();
    return { ...server, shutDown, close: async () => { await shutDown(); } };
  };
  return {
    get plan() { return live.current.plan; },
    reloadSupergraph: (trigger = 'request') => live.reload(trigger),
    subgraphs: subgraphs.endpoints,
    rateLimits: rateLimits.counters,
    circuits: subgraphs.circuits,
    serveOn,
    async listen() {
      const listener = await listenHttp({ port: config.port, host: config.host, logger });
      try {
        return await serveOn(listener);
      } catch (error) {
        await listener.close();
        throw error;
      }
    },
  };
}
