import { judgeRefusal, SDL_QUERY } from '../refusal.js';
import type { ProbeRule } from '../rule.js';
import { AROUND_THE_GATEWAY, VERIFY_SIGNATURES } from './signature-remedy.js';

// A request without the signature headers, by POST and by GET (which Apollo Server and most other
// GraphQL servers also accept, and which the gateway never sends), must be refused.

export const unsignedRefused: ProbeRule = {
  id: 'unsigned-refused',
  title: 'a request without signature is refused, by POST and by GET',
  async run({ client }) {
    const post = await client.send({ method: 'POST', body: JSON.stringify({ query: SDL_QUERY }), headers: { 'content-type': 'application/json' } });
    // The preflight header gets past Apollo Server's CSRF prevention, so only the signature check can refuse.
    const get = await client.send({ method: 'GET', search: { query: SDL_QUERY }, headers: { 'apollo-require-preflight': 'true' } });
    return [
      ...judgeRefusal({ where: 'POST without signature headers', remedy: VERIFY_SIGNATURES, danger: AROUND_THE_GATEWAY }, post),
      ...judgeRefusal({
        where: 'GET without signature headers',
        remedy: 'accept only signed POST requests (a GET has no body to sign)',
        danger: AROUND_THE_GATEWAY,
      }, get),
    ];
  },
};
