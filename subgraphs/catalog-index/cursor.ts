import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../schema/error-codes.js';
import type { SearchPosition, SearchSort } from './catalog-index.js';

// Keyset cursors: the id of the last item seen. Unlike offsets they stay correct while a harvest
// adds or removes datasets between two pages.
const PREFIX = 'ds:';

export function encodeCursor(id: string): string {
  return Buffer.from(PREFIX + id, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX) || text.length === PREFIX.length || encodeCursor(text.slice(PREFIX.length)) !== cursor) {
    throw new GraphQLError('"after" is not a cursor returned by this API', {
      extensions: { code: ErrorCode.BadUserInput, argumentName: 'after' },
    });
  }
  return text.slice(PREFIX.length);
}

const SEARCH_PREFIX = 'search:';

/** A search cursor carries the sort it was made for, and the last item's (key, id). */
export function encodeSearchCursor(sort: SearchSort, position: SearchPosition): string {
  return Buffer.from(SEARCH_PREFIX + JSON.stringify([sort, position.key, position.id]), 'utf8').toString('base64url');
}

export function decodeSearchCursor(cursor: string, sort: SearchSort): SearchPosition {
  const invalid = (why: string) => new GraphQLError(`"after" ${why}`, { extensions: { code: ErrorCode.BadUserInput, argumentName: 'after' } });
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(SEARCH_PREFIX)) throw invalid('is not a cursor returned by search');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.slice(SEARCH_PREFIX.length));
  } catch {
    throw invalid('is not a cursor returned by search');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || !['number', 'string'].includes(typeof parsed[1]) || typeof parsed[2] !== 'string') {
    throw invalid('is not a cursor returned by search');
  }
  if (parsed[0] !== sort) throw invalid(`was made for sort ${String(parsed[0])}, not ${sort}`);
  return { key: parsed[1] as number | string, id: parsed[2] };
}
