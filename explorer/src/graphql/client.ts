import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { refusalReason } from '../session/session-end.js';

// One client per session: a persona's cached answers are never shown to another. POST only, as
// Apollo Server's CSRF prevention asks of a browser without a preflight header.

export function graphqlClient(path: string, token: string | null, onRefused?: (reason: string | null) => void): Client {
  return new Client({
    url: path,
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: (): RequestInit => ({ headers: token ? { authorization: `Bearer ${token}` } : {} }),
    // A 401 means the gateway refused the token (expired, revoked keys, changed): the session ends.
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await fetch(input, init);
      if (response.status === 401 && token && onRefused && !init?.signal?.aborted) {
        onRefused(refusalReason(await response.clone().json().catch(() => null)));
      }
      return response;
    },
  });
}
