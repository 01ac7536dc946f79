import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../schema/error-codes.js';
import type { Admission } from './circuit-breaker.js';

/**
 * Whether a subgraph call that threw counts against the subgraph's circuit (issue 12, "Subgraph
 * resilience"): connection errors, timeouts and 5xx answers do; a 4xx answer does not, since the
 * subgraph answered and refused this request (a bad signature, a header too large), and GraphQL
 * errors in a 200 never reach here. @apollo/gateway's RemoteGraphQLDataSource throws an HTTP error
 * with `extensions.response.status`; anything without a status never got an answer.
 */
export function countsAsFailure(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status === undefined || status >= 500;
}

/**
 * A 503 whose body names the subgraph's own store (STORE_UNAVAILABLE: the Redis where it checks
 * the nonces of signed requests), answered within half of the subgraph's timeout, says nothing
 * about reaching the subgraph: it is neutral for the circuit. Counted as failures, these kept search
 * and listings refused for CIRCUIT_OPEN_SECONDS after Redis was back (README, "Soak and fault
 * test"); a slow one still counts, since waiting on it is what the circuit spares the gateway.
 */
export function isNeutralForCircuit(error: unknown, elapsedMs: number, timeoutMs: number): boolean {
  return httpStatusOf(error) === 503 && refusedForItsStore(error) && elapsedMs < timeoutMs / 2;
}

function refusedForItsStore(error: unknown): boolean {
  const body = responseOf(error)?.body;
  const errors = typeof body === 'object' && body !== null ? (body as { errors?: unknown }).errors : undefined;
  return Array.isArray(errors) && errors.length > 0 && errors.every((e) =>
    typeof e === 'object' && e !== null && (e as { extensions?: { code?: unknown } }).extensions?.code === ErrorCode.StoreUnavailable);
}

// Read by shape, not `instanceof`: @apollo/gateway is CommonJS and builds its errors with graphql's
// CommonJS build, a class other than the one this ES module imports.
function responseOf(error: unknown): { status?: unknown; body?: unknown } | undefined {
  const extensions = typeof error === 'object' && error !== null ? (error as { extensions?: unknown }).extensions : undefined;
  const response = typeof extensions === 'object' && extensions !== null ? (extensions as { response?: unknown }).response : undefined;
  return typeof response === 'object' && response !== null ? response : undefined;
}

function httpStatusOf(error: unknown): number | undefined {
  const status = responseOf(error)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * What the client sees for a subgraph whose circuit refused the call: the partner's name and when
 * the next try is, never its address (ARCHITECTURE.md, "Errors").
 */
export function circuitOpenError(serviceName: string, refusal: Extract<Admission, { admitted: false }>): GraphQLError {
  const seconds = Math.max(1, Math.ceil(refusal.retryInMs / 1000));
  const why = refusal.state === 'open'
    ? `circuit open after ${refusal.failures} failures; next try in ${seconds} s`
    : `circuit half-open after ${refusal.failures} failures; a trial request is under way`;
  return new GraphQLError(`${serviceName} is unavailable (${why})`, {
    extensions: { code: ErrorCode.SubgraphUnavailable, serviceName },
  });
}
