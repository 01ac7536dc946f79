import { Client, cacheExchange, fetchExchange } from '@urql/core';

// One client per session: a persona's cached answers are never shown to another. POST only, as
// Apollo Server's CSRF prevention asks of a browser without a preflight header.

export function graphqlClient(path: string, token: string | null): Client {
  return new Client({
    url: path,
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: (): RequestInit => ({ headers: token ? { authorization: `Bearer ${token}` } : {} }),
  });
}
