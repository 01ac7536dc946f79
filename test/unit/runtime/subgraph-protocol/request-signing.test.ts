import { describe, expect, it } from 'vitest';
import {
  createRequestVerifier, NONCE_HEADER, SIGNATURE_HEADER, signRequestBody, TIMESTAMP_HEADER,
} from '../../../../runtime/subgraph-protocol/request-signing.js';
import { NonceStoreUnavailableError, type NonceStore } from '../../../../runtime/subgraph-protocol/nonce-store.js';

const SECRET = 'unit-test-signing-secret-0123456789abcdef';
const NOW = 1_800_000_000_000;
const body = '{"query":"{ _service { sdl } }"}';

type Headers = Record<string, string | undefined>;

describe('subgraph request signing', () => {
  it.each<[string, (h: Headers) => { body: string | undefined; headers: Headers; at?: number }, string | null]>([
    ['a fresh, correctly signed request', (h) => ({ body, headers: h }), null],
    ['no signature headers', () => ({ body, headers: {} }), 'request is not signed'],
    ['a body changed after signing', (h) => ({ body: body.replace('sdl', 'sdl __typename'), headers: h }), 'signature does not match'],
    ['a signature made with another secret', () => ({ body, headers: { ...signRequestBody('another-secret-of-enough-length-000000', body, NOW) } }), 'signature does not match'],
    ['a timestamp changed after signing', (h) => ({ body, headers: { ...h, [TIMESTAMP_HEADER]: String(NOW + 1) } }), 'signature does not match'],
    ['a nonce changed after signing', (h) => ({ body, headers: { ...h, [NONCE_HEADER]: 'other' } }), 'signature does not match'],
    ['a request 31 s old', (h) => ({ body, headers: h, at: NOW + 31_000 }), 'signature timestamp outside the accepted window'],
    ['a request from 31 s in the future', (h) => ({ body, headers: h, at: NOW - 31_000 }), 'signature timestamp outside the accepted window'],
    ['a request 29 s old', (h) => ({ body, headers: h, at: NOW + 29_000 }), null],
    ['no body', (h) => ({ body: undefined, headers: h }), 'request has no JSON body to verify'],
    ['a garbage signature', (h) => ({ body, headers: { ...h, [SIGNATURE_HEADER]: '!!' } }), 'signature does not match'],
  ])('%s', async (_name, build, reason) => {
    const signed = signRequestBody(SECRET, body, NOW) as unknown as Headers;
    const { body: sent, headers, at } = build(signed);
    const verifier = createRequestVerifier({ secret: SECRET, now: () => at ?? NOW });
    const check = await verifier.verify(sent === undefined ? undefined : Buffer.from(sent), headers);
    expect(check).toEqual(reason === null ? { ok: true } : { ok: false, reason });
  });

  it('refuses the same signed request twice (replay)', async () => {
    const verifier = createRequestVerifier({ secret: SECRET, now: () => NOW });
    const headers = signRequestBody(SECRET, body, NOW) as unknown as Headers;
    expect(await verifier.verify(Buffer.from(body), headers)).toEqual({ ok: true });
    expect(await verifier.verify(Buffer.from(body), headers)).toEqual({ ok: false, reason: 'request was replayed' });
    expect(await verifier.verify(Buffer.from(body), signRequestBody(SECRET, body, NOW) as unknown as Headers)).toEqual({ ok: true });
  });

  it('refuses rather than forgets when its nonce memory is full of live nonces', async () => {
    const verifier = createRequestVerifier({ secret: SECRET, now: () => NOW, maxRememberedNonces: 2 });
    const send = async () => (await verifier.verify(Buffer.from(body), signRequestBody(SECRET, body, NOW) as unknown as Headers)).ok;
    expect([await send(), await send(), await send()]).toEqual([true, true, false]);
  });

  it('forgets nonces whose window has passed to make room, but only those', async () => {
    let at = NOW;
    const verifier = createRequestVerifier({ secret: SECRET, now: () => at, maxRememberedNonces: 2 });
    const send = async (signedAt: number) => (await verifier.verify(Buffer.from(body), signRequestBody(SECRET, body, signedAt) as unknown as Headers)).ok;
    expect([await send(NOW), await send(NOW + 20_000)]).toEqual([true, true]);
    at = NOW + 31_000;
    expect([await send(at), await send(at)]).toEqual([true, false]);
  });

  it('refuses, marked unavailable, when its replay memory cannot answer (fail closed)', async () => {
    const down: NonceStore = {
      shared: true,
      claim: () => Promise.reject(new NonceStoreUnavailableError('Redis does not answer')),
      ping: async () => false,
      close: async () => undefined,
    };
    const verifier = createRequestVerifier({ secret: SECRET, now: () => NOW, nonces: down });
    expect(await verifier.verify(Buffer.from(body), signRequestBody(SECRET, body, NOW) as unknown as Headers)).toEqual({
      ok: false, reason: 'the replay check cannot be made: its store (Redis) does not answer', unavailable: true,
    });
    // A forged request is refused for its signature before the store is asked.
    expect(await verifier.verify(Buffer.from(body), signRequestBody('another-secret-of-enough-length-000000', body, NOW) as unknown as Headers))
      .toEqual({ ok: false, reason: 'signature does not match' });
  });
});
