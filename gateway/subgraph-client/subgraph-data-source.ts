import { GraphQLError } from 'graphql';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Fetcher } from '@apollo/utils.fetcher';
import { ErrorCode } from '../../schema/error-codes.js';
import { subgraphUnavailable } from '../errors.js';
import { encodePrincipal, PRINCIPAL_HEADER } from '../../runtime/subgraph-protocol/forwarded-principal.js';
import type { AuthorizedRequestContext } from '../authz/authorizing-gateway.js';
import { boundedPrincipalHeader } from './forwarded-grants.js';
import { MAX_FORWARDED_PRINCIPAL_BYTES } from '../authn/claim-limits.js';
import { reportSubgraphFetch } from './fetch-observer.js';
import { REQUEST_ID_HEADER } from '../../runtime/access-log.js';
import type { CallOutcome, CircuitBreaker } from './circuit-breaker.js';
import { circuitOpenError, countsAsFailure, isNeutralForCircuit } from './subgraph-failure.js';
import type { Logger } from '../../runtime/logger.js';

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  fetcher: Fetcher;
  logger: Logger;
  /** Send the caller's principal (signed) to this subgraph: only to those that need it, e.g. for usableBy. */
  forwardPrincipal?: boolean;
  /**
   * The subgraph is one of Concord's own services (the catalog index, governance), whose error
   * messages are written for the client: those with a client code pass through as they are.
   */
  ownService?: boolean;
  /**
   * Forward the principal's grants with it (default true): only for subgraphs that decide on them
   * (the index's usableBy). The governance subgraph reads grants from its own store, and a header
   * that grows with every grant a person ever held would lock them out of it.
   */
  forwardGrants?: boolean;
  /**
   * This subgraph's circuit breaker, kept by the routing across data sources (composition/
   * subgraphs.ts); none: every call is made.
   */
  circuit?: CircuitBreaker;
  /** The gateway's clock (GatewayHooks.now): grants expired by it are the first left out of a header too large. */
  now?: () => Date;
  /** This subgraph's request timeout (SUBGRAPH_TIMEOUT_MS or its SUBGRAPH_TIMEOUTS_MS entry): what a quick answer is measured against. */
  timeoutMs?: number;
}

// Codes a subgraph may pass on to the client, with a message of ours: they describe the request.
const FORWARDED_CODES = new Set<string>([ErrorCode.BadUserInput]);

// Codes one of Concord's own services may pass on with its own message, which names the dataset or
// request and the reason (a refused access request must say why, ARCHITECTURE.md "Governance").
const OWN_SERVICE_CODES = new Set<string>([
  ErrorCode.BadUserInput, ErrorCode.Forbidden, ErrorCode.NotFound, ErrorCode.Conflict, ErrorCode.StoreUnavailable, ErrorCode.Unauthenticated,
]);

// What a refused request says for programs: which dataset, why, and every refusal of a request.
const OWN_SERVICE_EXTENSIONS = ['argumentName', 'datasetId', 'reason', 'refusals'] as const;

/**
 * Calls one subgraph. Whatever the subgraph says or fails with is logged in full and reaches the
 * client only as the subgraph's name and a code: no URL, host name or subgraph message
 * (ARCHITECTURE.md, "Errors": internal details never reach a client).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource {
  readonly #name: string;
  readonly #logger: Logger;

  readonly #forwardPrincipal: boolean;
  readonly #ownService: boolean;
  readonly #forwardGrants: boolean;
  readonly #circuit: CircuitBreaker | undefined;
  readonly #now: () => Date;
  readonly #timeoutMs: number;

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url, fetcher: options.fetcher });
    this.#name = options.name;
    this.#logger = options.logger.child({ subgraph: options.name });
    this.#forwardPrincipal = options.forwardPrincipal ?? false;
    this.#ownService = options.ownService ?? false;
    this.#forwardGrants = options.forwardGrants ?? true;
    this.#circuit = options.circuit;
    this.#now = options.now ?? (() => new Date());
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions): Promise<void> {
    const headers = options.request.http?.headers;
    if (!headers) return;
    // Whatever the client sent never passes for the gateway's own header.
    headers.delete(PRINCIPAL_HEADER);
    // The request id the gateway settled on (runtime/access-log.ts), so the subgraph logs the same one.
    const requestId = 'incomingRequestContext' in options ? options.incomingRequestContext.request.http?.headers.get(REQUEST_ID_HEADER) : undefined;
    if (requestId) headers.set(REQUEST_ID_HEADER, requestId);
    const context = options.context as Partial<AuthorizedRequestContext>;
    if (!this.#forwardPrincipal || !context.principal?.authenticated) return;
    if (!this.#forwardGrants) {
      headers.set(PRINCIPAL_HEADER, encodePrincipal(context.principal, []));
      return;
    }
    // Grants that cannot be read are forwarded as none, not as the token's: the principal may be
    // suspended, which only the store knows. The subgraph then sees fewer grants than there are,
    // never more, so usableBy can only list less.
    const grants = await (context.grants?.() ?? Promise.resolve(context.principal.grants)).catch((error: unknown) => {
      this.#logger.warn({ err: error }, 'grants could not be read; forwarding none');
      return [];
    });
    // The header stays within the size every accepted token's own claims fit (authn/claim-limits.ts),
    // however many grants the store holds; those left out can only make usableBy list less.
    const bounded = boundedPrincipalHeader(context.principal, grants, this.#now().getTime(), MAX_FORWARDED_PRINCIPAL_BYTES);
    if (bounded.leftOut > 0) {
      this.#logger.warn({ forwarded: bounded.forwarded, leftOut: bounded.leftOut }, 'the principal\'s grants do not all fit the forwarded header; the subgraph sees those forwarded only');
    }
    headers.set(PRINCIPAL_HEADER, bounded.header);
  }

  /**
   * One call, unless the subgraph's circuit is open: then no connection is made and the fields it
   * would resolve are null with an error naming it (ARCHITECTURE.md, "Subgraph resilience").
   */
  override async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const startedAt = performance.now();
    const admission = this.#circuit?.admit() ?? { admitted: true, probe: false };
    if (!admission.admitted) {
      reportSubgraphFetch(options.context, this.#name, 'circuit_open', startedAt);
      throw circuitOpenError(this.#name, admission);
    }
    try {
      const response = await super.process(options);
      this.#record({ failed: false, probe: admission.probe });
      reportSubgraphFetch(options.context, this.#name, response.errors?.length ? 'errors' : 'ok', startedAt);
      return response;
    } catch (error) {
      reportSubgraphFetch(options.context, this.#name, 'failed', startedAt);
      const neutral = isNeutralForCircuit(error, performance.now() - startedAt, this.#timeoutMs);
      this.#record({ failed: !neutral && countsAsFailure(error), probe: admission.probe, ...(neutral ? { neutral } : {}) });
      this.#logger.warn({ err: error, url: this.url }, 'subgraph request failed');
      throw subgraphUnavailable(this.#name);
    }
  }

  #record(outcome: CallOutcome): void {
    if (!this.#circuit) return;
    const { from, to } = this.#circuit.record(outcome);
    if (from === to) return;
    const { failures } = this.#circuit.report();
    if (to === 'open') {
      this.#logger.warn({ circuit: to, failures, openSeconds: this.#circuit.settings.openMs / 1000 }, 'circuit opened: no calls to this subgraph until the cool-down has passed');
    } else if (to === 'closed') {
      this.#logger.info({ circuit: to }, 'circuit closed: the probe succeeded');
    }
  }

  override didReceiveResponse({ response }: { response: GatewayGraphQLResponse }): GatewayGraphQLResponse {
    if (!response.errors?.length) return response;
    this.#logger.warn({ errors: response.errors }, 'subgraph answered with errors');
    return { ...response, errors: response.errors.map((error) => this.#mask(error)) };
  }

  #mask(error: GatewayGraphQLResponse['errors'] extends readonly (infer E)[] | undefined ? E : never): GraphQLError {
    const code = String(error.extensions?.code ?? '');
    const argumentName = error.extensions?.argumentName;
    if (this.#ownService && OWN_SERVICE_CODES.has(code) && typeof error.message === 'string') {
      const extensions: Record<string, unknown> = { code, serviceName: this.#name };
      for (const key of OWN_SERVICE_EXTENSIONS) {
        if (error.extensions?.[key] !== undefined) extensions[key] = error.extensions[key];
      }
      return new GraphQLError(error.message, { path: error.path, extensions });
    }
    if (FORWARDED_CODES.has(code)) {
      const about = typeof argumentName === 'string' ? ` for argument "${argumentName}"` : '';
      return new GraphQLError(`Invalid input${about}`, {
        path: error.path,
        extensions: { code, serviceName: this.#name, ...(typeof argumentName === 'string' ? { argumentName } : {}) },
      });
    }
    return new GraphQLError(`Subgraph "${this.#name}" could not resolve this field`, {
      path: error.path,
      extensions: { code: ErrorCode.SubgraphError, serviceName: this.#name },
    });
  }
}
