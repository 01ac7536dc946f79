// What every refusal check asks of a partner that served a request it should have refused
// (ARCHITECTURE.md, "Subgraph protocol").

export const VERIFY_SIGNATURES =
  'verify every request before executing it as runtime/subgraph-protocol/request-signing.ts does (HMAC-SHA256 with your key over the x-concord-timestamp, the x-concord-nonce, the forwarded principal header and the raw body, compared with x-concord-signature), and answer HTTP 401 otherwise';

export const AROUND_THE_GATEWAY =
  'otherwise anyone who can reach your subgraph could call _entities and read guarded fields around the gateway\'s policies';
