import { describe, expect, it } from 'vitest';
import { rateLimitField, rateLimitPolicyField, retryAfterSeconds } from '../../../../gateway/rate-limit/rate-limit-headers.js';
import { partitionsFor } from '../../../../gateway/rate-limit/rate-limit-partitions.js';
import { DEFAULT_RATE_LIMITS } from '../../../../gateway/rate-limit/rate-limit-settings.js';
import type { BucketReport } from '../../../../gateway/rate-limit/token-bucket.js';
import { ANONYMOUS, institutionScope, MEMBER_SCOPE, partnerScope, type Principal } from '../../../../schema/policy/principal.js';

const person = (organisation: string | null, scopes: string[]): Principal => ({
  ...ANONYMOUS, authenticated: true, subject: 'ada:lovelace', organisation, scopes: new Set([MEMBER_SCOPE, ...scopes]),
});

describe('partitionsFor: whose buckets a request takes from', () => {
  it.each<[string, Principal, string[]]>([
    ['a caller without a token: its address', ANONYMOUS, ['anonymous anonymous:203.0.113.7 q=600']],
    ['a signed-in person without an organisation: their own', person(null, []), ['principal principal:ada%3Alovelace q=1200']],
    ['an org claim no scope vouches for counts for nothing', person('uni-leiden', []), ['principal principal:ada%3Alovelace q=1200']],
    ['a verified institution: theirs and its', person('uni-leiden', [institutionScope('uni-leiden')]), [
      'principal principal:ada%3Alovelace q=1200', 'organisation organisation:institution:uni-leiden q=6000',
    ]],
    ['a partner\'s staff: theirs and the partner\'s', person('helix', [partnerScope('helix')]), [
      'principal principal:ada%3Alovelace q=1200', 'organisation organisation:partner:helix q=6000',
    ]],
    ['authenticated without a subject: by address', { ...person(null, []), subject: null }, ['anonymous anonymous:203.0.113.7 q=600']],
  ])('%s', (_name, principal, expected) => {
    const partitions = partitionsFor(principal, '203.0.113.7', DEFAULT_RATE_LIMITS);
    expect(partitions.map((p) => `${p.policy} ${p.key} q=${p.quota}`)).toEqual(expected);
    for (const p of partitions) expect(p).toMatchObject({ capacity: p.quota, refillPerSecond: p.quota / 60 });
  });
});

const twoPolicies = partitionsFor(person('uni-leiden', [institutionScope('uni-leiden')]), '203.0.113.7', DEFAULT_RATE_LIMITS);
const report = (remaining: number, resetSeconds: number, waitSeconds: number): BucketReport => ({ remaining, resetSeconds, waitSeconds });

describe('the header fields (draft-ietf-httpapi-ratelimit-headers-11)', () => {
  it('RateLimit-Policy lists each policy with its quota and window', () => {
    expect(rateLimitPolicyField(twoPolicies)).toBe('"principal";q=1200;w=60, "organisation";q=6000;w=60');
  });

  it.each<[string, BucketReport[], boolean, string]>([
    ['allowed: every policy, r remaining and t until full', [report(1199, 1, 0), report(5990, 1, 0)], false, '"principal";r=1199;t=1, "organisation";r=5990;t=1'],
    ['refused: the refusing policies, t until they hold the charge', [report(3, 59, 7), report(5990, 1, 0)], true, '"principal";r=3;t=7'],
    ['refused by both', [report(0, 60, 2), report(0, 60, 5)], true, '"principal";r=0;t=2, "organisation";r=0;t=5'],
  ])('RateLimit, %s', (_name, reports, refused, expected) => {
    expect(rateLimitField(twoPolicies, reports, refused)).toBe(expected);
  });

  it.each<[string, BucketReport[], number]>([
    ['the longest wait', [report(0, 60, 2), report(0, 60, 5)], 5],
    ['at least a second', [report(0, 60, 0)], 1],
  ])('Retry-After: %s', (_name, reports, expected) => {
    expect(retryAfterSeconds(reports)).toBe(expected);
  });
});
