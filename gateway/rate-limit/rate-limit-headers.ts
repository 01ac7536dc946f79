import { WINDOW_SECONDS } from './rate-limit-settings.js';
import type { BucketReport } from './token-bucket.js';
import type { Partition } from './rate-limit-partitions.js';

// The response header fields of draft-ietf-httpapi-ratelimit-headers-11 (May 2026): RateLimit-Policy
// names each quota policy a request was counted under with its quota q in units and window w in
// seconds (the default quota unit, "requests": a request takes one unit, a dear operation more, which
// the draft leaves to the server); RateLimit gives each policy's remaining units r and, as t, the
// seconds until its bucket is full again. Both are Structured Field Lists of Strings with parameters.
// On a refusal, RateLimit lists the policies that refused, each with t the seconds until it holds the
// request's charge, so that Retry-After (the longest of them) is never before a window's end (the
// draft's rule for a response with both fields).
// No partition key (pk) is sent: it would only echo the caller's own address or identity.

export function rateLimitPolicyField(partitions: readonly Partition[]): string {
  return partitions.map((p) => `"${p.policy}";q=${p.quota};w=${WINDOW_SECONDS}`).join(', ');
}

export function rateLimitField(partitions: readonly Partition[], reports: readonly BucketReport[], refused: boolean): string {
  return partitions.flatMap((p, i) => {
    const report = reports[i];
    if (!report) return [];
    if (refused) return report.waitSeconds > 0 ? [`"${p.policy}";r=${report.remaining};t=${report.waitSeconds}`] : [];
    return [`"${p.policy}";r=${report.remaining};t=${report.resetSeconds}`];
  }).join(', ');
}

/** Retry-After of a refused request: the longest any bucket needs to hold its charge, at least one second. */
export function retryAfterSeconds(reports: readonly BucketReport[]): number {
  return Math.max(1, ...reports.map((r) => r.waitSeconds));
}
