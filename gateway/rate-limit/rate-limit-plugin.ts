import type { ApolloServerPlugin, BaseContext, ContextFunction } from '@apollo/server';
import type { ExpressContextFunctionArgument } from '@as-integrations/express5';
import { GraphQLError } from 'graphql';
import type { Logger } from '../../runtime/logger.js';
import { ErrorCode } from '../../schema/error-codes.js';
import { AUTHN_REASONS } from '../authn/token-verifier.js';
import { ANONYMOUS, type Principal } from '../../schema/policy/principal.js';
import { estimateCost, type CostSettings } from '../limits/cost-estimate.js';
import { clientAddressResolver } from './client-address.js';
import { partitionsFor, refusedTokenPartition, type Partition } from './rate-limit-partitions.js';
import { rateLimitField, rateLimitPolicyField } from './rate-limit-headers.js';
import { tooManyRequests } from './rate-limit-refusal.js';
import { unitsForCost, type RateLimitSettings } from './rate-limit-settings.js';
import type { RateLimitStore } from './rate-limit-store.js';
import { reportTakes, type BucketReport } from './token-bucket.js';

// Rate limits (issue 12, item 3; ARCHITECTURE.md "Request path"), in two steps of one request:
// 1. with the context, once the caller is known (after the token, before the parser): one unit, so
//    that every request counts, even one that fails to parse or validate, and a caller over the limit
//    is refused before any work is spent on their query; a request whose token is refused takes a
//    unit from its address's bucket of refused tokens, apart from the bucket of callers without one;
// 2. once the operation is resolved, next to the cost limit: the rest of its cost-weighted units,
//    when its estimated cost is over one unit's worth (gateway/limits/cost-estimate.ts, the same
//    estimate the cost limit uses). An operation over MAX_COST is refused by the cost limit and takes
//    nothing more.
// A refusal is HTTP 429 with Retry-After and the RateLimit fields; every other answer carries the
// RateLimit fields. When the store fails (Redis down or slow) the request passes: rate limits fail
// open, logged at warn at most every LOG_INTERVAL_MS and counted, while grants and the audit trail
// keep failing closed.

type Argument = ExpressContextFunctionArgument;
type LimitedContext = BaseContext & { principal?: Principal };

/** At most one warning per this many milliseconds while the store keeps failing. */
export const LOG_INTERVAL_MS = 10_000;

export interface RateLimitPluginOptions {
  settings: RateLimitSettings;
  store: RateLimitStore;
  /** The cost limit's settings, so that both read one estimate. */
  cost: CostSettings & { maxCost: number };
  /** Addresses and CIDR networks whose X-Forwarded-For is believed (TRUSTED_PROXIES). */
  trustedProxies: readonly string[];
  logger: Logger;
  now?: () => Date;
}

/** For a later /metrics. */
export interface RateLimitCounters {
  /** Requests answered 429. */
  refused: number;
  /** Takes the store could not make, each of which let its request pass. */
  storeFailures: number;
}

export interface RateLimiting<TContext extends LimitedContext> {
  /** Step 1, around the context function that establishes the principal. */
  checkRequest(context: ContextFunction<[Argument], TContext>): ContextFunction<[Argument], TContext>;
  /** Step 2 and the header fields. */
  plugin: ApolloServerPlugin<TContext>;
  counters: Readonly<RateLimitCounters>;
  store: RateLimitStore['kind'] | 'off';
  close(): Promise<void>;
}

/** What one request was counted under, and the last report of its buckets for the header fields. */
interface Counted {
  partitions: Partition[];
  reports: BucketReport[];
}

// Kept on the context under a symbol: Apollo Server hands the plugins a shallow copy of the context
// the context function made, which carries its own properties, symbols included, but is another object.
const COUNTED = Symbol('rate limit counted');
type WithCounted = { [COUNTED]?: Counted };

export function createRateLimitPlugin<TContext extends LimitedContext>(options: RateLimitPluginOptions): RateLimiting<TContext> {
  const { settings, store, logger } = options;
  const now = options.now ?? (() => new Date());
  const counters: RateLimitCounters = { refused: 0, storeFailures: 0 };
  const clientAddressOf = clientAddressResolver(options.trustedProxies);
  const warn = rateLimitedWarning(logger, now);

  /**
   * Takes `units` from every partition, on top of `taken` units this request took already, so that
   * a request never takes more than a bucket's capacity in all (else it could never pass). Null when
   * the store failed (the request then passes).
   */
  const take = async (partitions: readonly Partition[], units: number, taken = 0): Promise<{ allowed: boolean; reports: BucketReport[] } | null> => {
    const takes = partitions.map((p) => ({ ...p, charge: Math.max(0, Math.min(units, p.capacity - taken)) }));
    try {
      const outcome = await store.take(takes, now().getTime());
      return { allowed: outcome.allowed, reports: reportTakes(takes, outcome.available, outcome.allowed) };
    } catch (error) {
      counters.storeFailures++;
      warn(error);
      return null;
    }
  };

  const refuse = (partitions: Partition[], reports: BucketReport[]) => {
    counters.refused++;
    return tooManyRequests(partitions, reports, settings);
  };

  if (!settings.enabled) {
    return { checkRequest: (context) => context, plugin: {}, counters, store: 'off', close: () => store.close() };
  }

  return {
    counters,
    store: store.kind,
    close: () => store.close(),
    checkRequest: (context) => async (argument) => {
      const address = clientAddressOf(argument.req.socket?.remoteAddress, argument.req.headers['x-forwarded-for']);
      let contextValue: TContext;
      try {
        contextValue = await context(argument);
      } catch (error) {
        // The token is verified first, so that a person with a valid one is never refused for the
        // forged ones of another caller at the same address; a refused check cost about 150 µs
        // (jose, HS256 and RS256, 2 shared cores), a tenth of a `{ __typename }` request.
        if (isRefusedToken(error)) {
          const refused = [refusedTokenPartition(address, settings)];
          const result = await take(refused, 1);
          if (result && !result.allowed) throw refuse(refused, result.reports);
        }
        throw error;
      }
      const partitions = partitionsFor(contextValue.principal ?? ANONYMOUS, address, settings);
      const result = await take(partitions, 1);
      if (!result) return contextValue;
      if (!result.allowed) throw refuse(partitions, result.reports);
      return Object.assign(contextValue, { [COUNTED]: { partitions, reports: result.reports } });
    },
    plugin: {
      async requestDidStart({ contextValue }) {
        const request = (contextValue as WithCounted)[COUNTED];
        if (!request) return;
        return {
          async didResolveOperation({ schema, document, operation, request: { variables } }) {
            if (!operation) return;
            const cost = estimateCost(schema, document, operation, variables, options.cost);
            if (cost > options.cost.maxCost) return;
            const more = unitsForCost(cost, settings.costPerUnit) - 1;
            if (more <= 0) return;
            const result = await take(request.partitions, more, 1);
            if (!result) return;
            request.reports = result.reports;
            if (!result.allowed) throw refuse(request.partitions, result.reports);
          },
          async willSendResponse({ response }) {
            if (response.http.status === 429) return;
            response.http.headers.set('ratelimit-policy', rateLimitPolicyField(request.partitions));
            response.http.headers.set('ratelimit', rateLimitField(request.partitions, request.reports, false));
          },
        };
      },
    },
  };
}

/**
 * A token the caller sent and the gateway refused. Not when the gateway could not fetch its own
 * signing keys: that is the gateway's outage, not the caller's doing, and must not cost them.
 */
export function isRefusedToken(error: unknown): boolean {
  return error instanceof GraphQLError && error.extensions.code === ErrorCode.Unauthenticated && error.extensions.reason !== AUTHN_REASONS.keysUnavailable;
}

/** Warns when the store fails, then at most once per LOG_INTERVAL_MS with how many failed meanwhile. */
function rateLimitedWarning(logger: Logger, now: () => Date): (error: unknown) => void {
  let lastAt = -Infinity;
  let unlogged = 0;
  return (error) => {
    const at = now().getTime();
    if (at - lastAt < LOG_INTERVAL_MS) {
      unlogged++;
      return;
    }
    lastAt = at;
    logger.warn(
      { err: error, failuresNotLogged: unlogged },
      'rate limits not applied: the rate limit store did not answer, so requests pass (fail open); grants and the audit trail still fail closed',
    );
    unlogged = 0;
  };
}
