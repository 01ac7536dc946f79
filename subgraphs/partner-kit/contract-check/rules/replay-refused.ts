import { skip, type Finding, type Skipped } from '../finding.js';
import { firstError, judgeRefusal, SDL_QUERY, servedSdl } from '../refusal.js';
import type { PartnerResponse } from '../partner-client.js';
import type { ProbeRule } from '../rule.js';

// One signed request sent twice, byte for byte, within its window: the first must be served and the
// second refused, because its nonce was already used (ARCHITECTURE.md, "Subgraph protocol"). A
// partner whose replicas do not share their replay memory passes here only if the second copy
// reaches the same replica: see README "Replicas".

export const replayRefused: ProbeRule = {
  id: 'replay-refused',
  title: 'the same signed request sent twice is refused the second time',
  async run({ client }) {
    const body = JSON.stringify({ query: SDL_QUERY });
    const request = { method: 'POST' as const, body, headers: { 'content-type': 'application/json', ...client.sign(body) } };
    const first = await client.send(request);
    const second = await client.send(request);
    return judgeReplay(first, second);
  },
};

export function judgeReplay(first: PartnerResponse, second: PartnerResponse): Finding[] | Skipped {
  if (!servedSdl(first)) {
    return skip(`the signed request was refused the first time (HTTP ${first.status}${firstError(first)}), so a replay cannot be told from a refusal`);
  }
  return judgeRefusal({
    where: 'POST replaying a signed request already served',
    remedy: 'remember each x-concord-nonce for the signature window (30 s, plus skew) and refuse a nonce seen before; with replicas, share that memory (Redis SET NX PX, as runtime/subgraph-protocol/redis-nonce-store.ts does)',
    danger: 'otherwise whoever captured one signed request from the gateway could send it again and read its answer',
  }, second);
}
