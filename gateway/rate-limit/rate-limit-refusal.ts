import { GraphQLError, type GraphQLErrorExtensions } from 'graphql';
import { HeaderMap } from '@apollo/server';
import { ErrorCode } from '../../schema/error-codes.js';
import type { BucketReport } from './token-bucket.js';
import type { Partition } from './rate-limit-partitions.js';
import { rateLimitField, rateLimitPolicyField, retryAfterSeconds } from './rate-limit-headers.js';
import type { RateLimitSettings } from './rate-limit-settings.js';

/** The code a refusal carries (its message reaches the client); HTTP 429 and Retry-After say the rest. */
export const RATE_LIMITED_CODE = ErrorCode.RateLimited;
export const RATE_LIMITED_REASON = 'RATE_LIMITED';

/** HTTP 429 with Retry-After and the RateLimit fields, and a message naming the limit that was reached. */
export function tooManyRequests(partitions: readonly Partition[], reports: readonly BucketReport[], settings: RateLimitSettings): GraphQLError {
  const retryAfter = retryAfterSeconds(reports);
  const headers = new HeaderMap([
    ['retry-after', String(retryAfter)],
    ['ratelimit-policy', rateLimitPolicyField(partitions)],
    ['ratelimit', rateLimitField(partitions, reports, true)],
  ]);
  const blocking = partitions[reports.reduce((longest, r, i) => (r.waitSeconds > (reports[longest]?.waitSeconds ?? 0) ? i : longest), 0)];
  return new GraphQLError(`${whoseLimit(blocking)} ${units(settings)} Try again in ${retryAfter} s.`, {
    extensions: { code: RATE_LIMITED_CODE, reason: RATE_LIMITED_REASON, http: { status: 429, headers } } as unknown as GraphQLErrorExtensions,
  });
}

function whoseLimit(partition: Partition | undefined): string {
  switch (partition?.policy) {
    case 'organisation':
      return `Too many requests from organisation "${partition.organisation}": its members share ${partition.quota} units a minute.`;
    case 'principal':
      return `Too many requests from your account: the limit is ${partition.quota} units a minute.`;
    case 'refused-token':
      return `Too many requests with a refused token from your address: ${partition.quota} a minute are answered (send a valid token, or none).`;
    default:
      return `Too many requests from your address: callers without a token get ${partition?.quota ?? 0} units a minute per address (sign in for more).`;
  }
}

function units(settings: RateLimitSettings): string {
  return `A request takes 1 unit, and an operation whose estimated cost is over ${settings.costPerUnit} takes 1 unit per ${settings.costPerUnit} (ask for fewer items or fields to spend less).`;
}
