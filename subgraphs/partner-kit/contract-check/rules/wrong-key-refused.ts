import { randomBytes } from 'node:crypto';
import { signRequestBody } from '../../../../runtime/subgraph-protocol/request-signing.js';
import { judgeRefusal, SDL_QUERY } from '../refusal.js';
import type { ProbeRule } from '../rule.js';
import { AROUND_THE_GATEWAY } from './signature-remedy.js';

// A request signed with a key that is not the partner's: well-formed headers, fresh timestamp and
// nonce, a signature that does not match. A partner that checks only that the headers are present
// serves it.

export const wrongKeyRefused: ProbeRule = {
  id: 'wrong-key-refused',
  title: 'a request signed with another key is refused',
  async run({ client }) {
    const body = JSON.stringify({ query: SDL_QUERY });
    const otherKey = randomBytes(32).toString('base64url');
    const response = await client.send({ method: 'POST', body, headers: { 'content-type': 'application/json', ...signRequestBody(otherKey, body) } });
    return judgeRefusal({
      where: 'POST signed with a key that is not yours',
      remedy: 'compute the HMAC-SHA256 with your own key and refuse the request unless it equals x-concord-signature (compare in constant time)',
      danger: `${AROUND_THE_GATEWAY}, with any signature`,
    }, response);
  },
};
