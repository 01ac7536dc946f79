import { describe, expect, it } from 'vitest';
import { reasonOf, redactRedisUrl } from '../../../../gateway/operations/redis-reachability.js';

// What a wrong REDIS_URL is reported as (issue 12, "Operations"): the log shows the URL without its
// credentials, /ready a reason without the address.

describe('redactRedisUrl', () => {
  it.each([
    ['redis://127.0.0.1:6379', 'redis://127.0.0.1:6379'],
    ['redis://127.0.0.1:6379/2', 'redis://127.0.0.1:6379/2'],
    ['redis://:s3cret@cache.internal:6380/0', 'redis://***@cache.internal:6380/0'],
    ['rediss://app:s3cret@cache.internal', 'rediss://***@cache.internal'],
    ['redis://app@cache.internal:6379', 'redis://***@cache.internal:6379'],
    ['not a url', '(REDIS_URL is not a URL)'],
  ])('%s -> %s', (url, shown) => {
    expect(redactRedisUrl(url)).toBe(shown);
  });
});

function errorWith(fields: { code?: string; name?: string; message: string }): Error {
  return Object.assign(new Error(fields.message), fields.name ? { name: fields.name } : {}, fields.code ? { code: fields.code } : {});
}

describe('reasonOf', () => {
  it.each([
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.0.0.5:6379' }, /^connection refused/],
    [{ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND redis.example' }, /^host name not found/],
    [{ code: 'EAI_AGAIN', message: 'getaddrinfo EAI_AGAIN redis.example' }, /^host name not found/],
    [{ name: 'ConnectionTimeoutError', message: 'Connection timeout' }, /^no answer in time/],
    [{ code: 'ECONNRESET', message: 'read ECONNRESET' }, /^connection closed by the other side/],
    [{ message: 'WRONGPASS invalid username-password pair or user is disabled.' }, /^authentication failed/],
    [{ message: 'NOAUTH Authentication required.' }, /^authentication failed/],
    [{ code: 'EHOSTUNREACH', message: 'connect EHOSTUNREACH 10.0.0.5:6379' }, /^host unreachable/],
    [{ message: 'something else at 10.0.0.5' }, /^cannot connect$/],
  ])('%o', (fields, reason) => {
    const said = reasonOf(errorWith(fields));
    expect(said).toMatch(reason);
    // Never the address the error carries: /ready lists dependencies by name only.
    expect(said).not.toMatch(/10\.0\.0\.5|redis\.example/);
  });
});
