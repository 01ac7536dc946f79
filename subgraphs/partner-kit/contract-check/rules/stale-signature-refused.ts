import { judgeRefusal, SDL_QUERY } from '../refusal.js';
import type { ProbeRule } from '../rule.js';

// A request signed correctly but two minutes ago: outside the 30 s window of the protocol
// (ARCHITECTURE.md, "Subgraph protocol"), with room for clocks a few seconds apart. A partner with
// no window must remember every nonce forever, or serves replays of old requests.

export const STALE_BY_MS = 120_000;

export const staleSignatureRefused: ProbeRule = {
  id: 'stale-signature-refused',
  title: 'a request signed outside the 30 s window is refused',
  async run({ client }) {
    const body = JSON.stringify({ query: SDL_QUERY });
    const headers = client.sign(body, Date.now() - STALE_BY_MS);
    const response = await client.send({ method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    return judgeRefusal({
      where: `POST signed ${STALE_BY_MS / 1000} s ago`,
      remedy: 'refuse a request whose x-concord-timestamp is more than 30 s from your clock',
      danger: 'otherwise a request captured once could be sent again whenever your replay memory has forgotten its nonce',
    }, response);
  },
};
