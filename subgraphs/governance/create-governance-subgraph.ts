import type http from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { governanceTypeDefs } from '../../schema/governance-contract.js';
import { listenHttp, type RunningHttpServer } from '../../runtime/http-server.js';
import { accessLog } from '../../runtime/access-log.js';
import type { Logger } from '../../runtime/logger.js';
import { decodePrincipal, PRINCIPAL_HEADER } from '../../runtime/subgraph-protocol/forwarded-principal.js';
import { createRequestVerifier } from '../../runtime/subgraph-protocol/request-signing.js';
import type { NonceStore } from '../../runtime/subgraph-protocol/nonce-store.js';
import { CatalogHarvester } from '../catalog-index/harvester.js';
import type { PartnerEndpoint } from '../catalog-index/partner-directory.js';
import { DateTimeScalar } from '../partner-kit/scalars.js';
import { DatasetFactsTable } from './dataset-facts.js';
import { governanceResolvers, type GovernanceContext } from './governance-resolvers.js';
import { GRANTS_PATH, grantsEndpoint } from './grants-endpoint.js';
import { AUDIT_PATH, auditEndpoint } from './audit/audit-endpoint.js';
import { AuditOutbox } from './audit/audit-outbox.js';
import { auditResolvers } from './audit/audit-resolvers.js';
import { reportResolvers } from './audit/report-resolvers.js';
import type { AuditLog } from '../../runtime/audit/audit-log.js';
import { InMemoryAuditLog } from '../../runtime/audit/in-memory-audit-log.js';
import { recordPolicyVersion } from '../../runtime/audit/policy-version.js';
import { POLICY_SET } from '../../schema/policy/policy-set.js';
import type { RequestHandler } from './signed-endpoint.js';
import type { GovernanceStore } from './store/governance-store.js';

// The governance subgraph, built but not listening (ARCHITECTURE.md "Processes"): its schema over a
// governance store, and a harvester that keeps the partners' public facts its request checks read.
// startGovernanceServer serves it like the catalog index, behind the gateway's signature, plus
// POST /grants for a gateway that reads grants without Redis.

export interface GovernanceSubgraphOptions {
  partners: readonly PartnerEndpoint[];
  store: GovernanceStore;
  logger: Logger;
  /** Harvest requests to partners are signed with it, unless the partner has its own key. */
  signingSecret: string;
  /** Each partner's own key (SUBGRAPH_SIGNING_SECRETS). */
  partnerSigningSecrets?: ReadonlyMap<string, string>;
  harvestTimeoutMs?: number;
  harvestPageSize?: number;
  decisionDeadlineDays: number;
  now?: () => Date;
  /** Ids of new requests and grants (random UUIDs by default). */
  newId?: () => string;
  /**
   * The audit trail: governance acts are appended to it, gateways without Redis append reads, the
   * audit views read it. Default: this process's memory, the newest IN_MEMORY_AUDIT_RECORDS kept.
   */
  audit?: AuditLog;
  /** Most records one audit page reads (default 50,000). */
  auditScanBudget?: number;
}

/** Records a governance subgraph without Redis keeps of the trail (older ones dropped with a checkpoint). */
export const IN_MEMORY_AUDIT_RECORDS = 100_000;

export interface GovernanceSubgraph {
  schema: GraphQLSchema;
  store: GovernanceStore;
  facts: DatasetFactsTable;
  harvester: CatalogHarvester;
  now: () => Date;
  audit: AuditLog;
  /** Governance acts waiting for a trail that could not be written. */
  auditOutbox: AuditOutbox;
}

export function createGovernanceSubgraph(options: GovernanceSubgraphOptions): GovernanceSubgraph {
  const facts = new DatasetFactsTable();
  const now = options.now ?? (() => new Date());
  const harvester = new CatalogHarvester({
    partners: options.partners, index: facts, logger: options.logger, timeoutMs: options.harvestTimeoutMs,
    signingSecretFor: (partnerId) => options.partnerSigningSecrets?.get(partnerId) ?? options.signingSecret,
    pageSize: options.harvestPageSize,
  });
  const auditLog = options.audit ?? new InMemoryAuditLog(IN_MEMORY_AUDIT_RECORDS);
  const auditOutbox = new AuditOutbox(auditLog, options.logger);
  const datasetTypeNames = new Map(options.partners.map((p) => [p.id, p.datasetTypeName]));
  const resolvers = governanceResolvers({
    store: options.store,
    facts,
    logger: options.logger,
    now,
    decisionDeadlineDays: options.decisionDeadlineDays,
    datasetTypeNames,
    newId: options.newId,
    audit: auditOutbox,
  });
  const audit = auditResolvers({ audit: auditLog, logger: options.logger, datasetTypeNames, scanBudget: options.auditScanBudget });
  const reports = reportResolvers({
    store: options.store, audit: auditLog, facts, logger: options.logger, now, decisionDeadlineDays: options.decisionDeadlineDays, partnerIds: [...datasetTypeNames.keys()],
  });
  // The resolvers are typed with this subgraph's own context, which the library's map does not know of.
  const schema = buildSubgraphSchema({
    typeDefs: governanceTypeDefs(options.partners),
    resolvers: { DateTime: DateTimeScalar, ...resolvers, ...audit, ...reports, Query: { ...resolvers.Query, ...audit.Query, ...reports.Query } },
  } as unknown as Parameters<typeof buildSubgraphSchema>[0]);
  return { schema, store: options.store, facts, harvester, now, audit: auditLog, auditOutbox };
}

export interface GovernanceServerOptions {
  subgraph: GovernanceSubgraph;
  port: number;
  host?: string;
  logger: Logger;
  signingSecret: string;
  /** The replay memory of signed requests, shared by this subgraph's replicas when in Redis; default this process's memory. */
  nonces?: NonceStore;
  plugins?: ApolloServerPlugin[];
}

export async function startGovernanceServer(options: GovernanceServerOptions): Promise<RunningHttpServer> {
  const { subgraph, logger } = options;
  // One verifier for both routes, so a nonce seen on one is a replay on the other.
  const verifier = createRequestVerifier({ secret: options.signingSecret, nonces: options.nonces });
  const listener = await listenHttp({ port: options.port, host: options.host, logger });
  try {
    routeBefore(listener.httpServer, new Map([
      [GRANTS_PATH, grantsEndpoint({ store: subgraph.store, verifier, logger, now: subgraph.now })],
      [AUDIT_PATH, auditEndpoint({ audit: subgraph.audit, verifier, logger, now: subgraph.now })],
    ]), logger);
    const apollo = new ApolloServer<GovernanceContext>({
      schema: subgraph.schema, includeStacktraceInErrorResponses: false, logger, plugins: [ApolloServerPluginInlineTraceDisabled(), ...(options.plugins ?? [])],
    });
    const server = await listener.mountGraphQL({
      apollo,
      // The signature check ran before this: the principal header is the gateway's own.
      context: async ({ req }) => ({ principal: decodePrincipal(singleHeader(req.headers[PRINCIPAL_HEADER])) }),
      requestVerifier: verifier,
      // Requests are checked against harvested facts: ready once every partner has been tried once,
      // and while a store that can be unreachable (Redis) answers.
      readiness: async () => {
        const [reachable, auditReachable] = await Promise.all([storeReachable(subgraph.store), storeReachable(subgraph.audit)]);
        // Acts waiting for the trail are retried now; until they are in it, this replica is not ready.
        const auditCaughtUp = subgraph.auditOutbox.waiting === 0 || (await subgraph.auditOutbox.flush());
        return {
          ready: subgraph.harvester.rounds > 0 && reachable && auditReachable && auditCaughtUp,
          details: {
            store: subgraph.store.durable ? (reachable ? 'up' : 'down') : 'memory',
            audit: subgraph.audit.durable ? (auditReachable ? 'up' : 'down') : 'memory',
            ...(subgraph.auditOutbox.waiting > 0 ? { auditWaiting: subgraph.auditOutbox.waiting } : {}),
            partners: subgraph.harvester.status(),
          },
        };
      },
    });
    logger.info({ url: server.url }, 'governance subgraph listening');
    recordPolicyVersionOnce(subgraph, logger);
    return server;
  } catch (error) {
    await listener.close();
    throw error;
  }
}

/**
 * A policy version change is a governance act (ARCHITECTURE.md "Audit"): recorded once the trail
 * answers, tried again every 5 s until it does, so a Redis still starting does not lose it.
 */
function recordPolicyVersionOnce(subgraph: GovernanceSubgraph, logger: Logger): void {
  const attempt = () => {
    recordPolicyVersion(subgraph.audit, POLICY_SET.version, subgraph.now(), 'governance').then((change) => {
      if (change) logger.info(change, 'policy version change recorded in the audit trail');
    }, (error: unknown) => {
      logger.warn({ err: error }, 'the policy version could not be checked against the audit trail yet; trying again in 5 s');
      setTimeout(attempt, 5000).unref();
    });
  };
  attempt();
}

/** A store with a ping (the Redis ones) answers it; one without (in memory) is always reachable. */
async function storeReachable(store: GovernanceStore | AuditLog): Promise<boolean> {
  const ping = (store as Partial<{ ping(): Promise<boolean> }>).ping;
  if (typeof ping !== 'function') return true;
  try {
    return await ping.call(store);
  } catch {
    return false;
  }
}

type Handler = RequestHandler;

/**
 * Serves some paths with their own handlers ahead of the shared HTTP server's routes (runtime/http-server.ts
 * knows /health, /ready and /graphql only). Its request listeners are kept and called for every
 * other path, so /health still answers while GraphQL is starting. These routes get the same access
 * log line as every other request (issue 12, "Operations"), with the request id the gateway sent.
 */
function routeBefore(server: http.Server, routes: ReadonlyMap<string, Handler>, logger: Logger): void {
  const others = server.listeners('request') as Handler[];
  const logged = accessLog(logger);
  server.removeAllListeners('request');
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const handler = routes.get((req.url ?? '/').split('?')[0]!);
    if (handler) return logged(req, res, () => handler(req, res));
    for (const listener of others) listener.call(server, req, res);
  });
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
