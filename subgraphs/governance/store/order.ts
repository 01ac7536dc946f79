import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../schema/error-codes.js';
import type { AccessRequest, Page } from './governance-store.js';

// Listings are ordered by one sort key per entry, the same in both stores, so a cursor from one
// page of one replica continues on any other: the entry's time as zero-padded epoch milliseconds,
// then the request id, then the partner id. The separator is NUL, which sorts before every
// character an id can hold, so "a" and its continuation "a-b" stay in id order. Keyset cursors
// (the last key seen) stay correct while entries are added or removed between two pages.

const SEPARATOR = '\u0000';
const TIME_DIGITS = 15;
const CURSOR_PREFIX = 'gov:';

/** Epoch milliseconds of an ISO 8601 time, zero-padded so that string order is time order. */
export function timeKey(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms) || ms < 0) throw new TypeError(`not an ISO 8601 time after 1970: ${JSON.stringify(iso)}`);
  return String(ms).padStart(TIME_DIGITS, '0');
}

/** Where a request sits among the requester's requests: by creation, then id. */
export function requestSortKey(request: Pick<AccessRequest, 'id' | 'createdAt'>): string {
  return timeKey(request.createdAt) + SEPARATOR + request.id;
}

/** Where a grant sits among its grantee's grants: by the time it was granted, then id. */
export function grantSortKey(grant: { id: string; grantedAt: string }): string {
  return timeKey(grant.grantedAt) + SEPARATOR + grant.id;
}

/** The id at the end of a request or grant sort key. */
export function idOfSortKey(key: string): string {
  return key.slice(key.indexOf(SEPARATOR) + 1);
}

/** Where a part sits in a listing ordered by `at` (its request's creation, or its appeal). */
export function partSortKey(at: string, requestId: string, partnerId: string): string {
  return timeKey(at) + SEPARATOR + requestId + SEPARATOR + partnerId;
}

/** The request id and partner id a part sort key names. */
export function parsePartSortKey(key: string): { requestId: string; partnerId: string } | null {
  const parts = key.split(SEPARATOR);
  if (parts.length !== 3 || !/^\d{15}$/.test(parts[0]!) || parts[1] === '' || parts[2] === '') return null;
  return { requestId: parts[1]!, partnerId: parts[2]! };
}

/** Whether a key is a request or grant sort key (time, then one id), as the listings of every request and grant use. */
export function isRecordSortKey(key: string): boolean {
  const parts = key.split(SEPARATOR);
  return parts.length === 2 && /^\d{15}$/.test(parts[0]!) && parts[1] !== '';
}

export function encodeCursor(sortKey: string): string {
  return Buffer.from(CURSOR_PREFIX + sortKey, 'utf8').toString('base64url');
}

/**
 * The sort key a cursor carries; a GraphQL BAD_USER_INPUT error for anything this store did not
 * make for that kind of listing (parts, or whole requests and grants).
 */
export function decodeCursor(cursor: string, listing: 'parts' | 'records' = 'parts'): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const key = text.slice(CURSOR_PREFIX.length);
  const ofListing = listing === 'parts' ? parsePartSortKey(key) !== null : isRecordSortKey(key);
  if (!text.startsWith(CURSOR_PREFIX) || !ofListing || encodeCursor(key) !== cursor) {
    throw new GraphQLError('"after" is not a cursor returned by this API', {
      extensions: { code: ErrorCode.BadUserInput, argumentName: 'after' },
    });
  }
  return key;
}

/** `first` must be a positive integer: a page of nothing has no position to continue from. */
export function checkPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 1) throw new RangeError(`"first" must be a positive integer, not ${first}`);
}

/**
 * The page that follows `afterKey` in `entries` (already in key order, possibly one longer than
 * `first` to tell whether more follow): the cursor is null when nothing follows the page.
 */
export function pageOf<T>(entries: readonly { key: string; item: T }[], first: number): Page<T> {
  const taken = entries.slice(0, first);
  const more = entries.length > first;
  return { items: taken.map((entry) => entry.item), endCursor: more ? encodeCursor(taken[taken.length - 1]!.key) : null };
}
