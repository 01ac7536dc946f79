import { judgeRefusal, SDL_QUERY } from '../refusal.js';
import type { ProbeRule } from '../rule.js';

// The headers of a validly signed request on another body: the signature covers the exact body
// bytes, so whoever saw one signed request cannot send other queries under its headers.

const SIGNED_QUERY = JSON.stringify({ query: SDL_QUERY });
const SENT_QUERY = JSON.stringify({ query: `${SDL_QUERY.slice(0, -1)} __typename }` });

export const tamperedBodyRefused: ProbeRule = {
  id: 'tampered-body-refused',
  title: 'a signature is refused on any body but the one it was made for',
  async run({ client }) {
    const headers = client.sign(SIGNED_QUERY);
    const response = await client.send({ method: 'POST', body: SENT_QUERY, headers: { 'content-type': 'application/json', ...headers } });
    return judgeRefusal({
      where: 'POST with the signature of another body',
      remedy: 'compute the HMAC over the raw body bytes as received, before parsing them',
      danger: 'otherwise whoever saw one signed request could send any query under its headers',
    }, response);
  },
};
