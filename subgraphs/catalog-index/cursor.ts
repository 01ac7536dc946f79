import { GraphQLError } from 'graphql';

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
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' },
    });
  }
  return text.slice(PREFIX.length);
}
