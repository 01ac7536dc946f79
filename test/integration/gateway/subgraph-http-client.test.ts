import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphHttpClient, type SubgraphHttpClient } from '../../../gateway/subgraph-client/subgraph-http-client.js';
import { createRequestVerifier, SIGNATURE_HEADER } from '../../../runtime/subgraph-protocol/request-signing.js';

// The subgraph client against a real HTTP server on loopback: what @apollo/gateway reads of a
// response (status, ok, statusText, headers by any case, the body once) and the signature it sends.

const SECRET = 'subgraph-http-client-test-secret-0123456789';
let server: Server;
let url: string;
let client: SubgraphHttpClient;
const received: { headers: IncomingMessage['headers']; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (req.url === '/down') {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('upstream gone');
        return;
      }
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.end(JSON.stringify({ data: { ok: true } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  url = `http://127.0.0.1:${address.port}`;
  client = createSubgraphHttpClient({ timeoutMs: 5_000, signingSecret: SECRET });
});

afterAll(async () => {
  await client.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('subgraph HTTP client', () => {
  it('answers as @apollo/gateway reads a response, and signs the exact body', async () => {
    const body = JSON.stringify({ query: '{ ok }' });
    const response = await client.fetcher(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect([response.status, response.ok, response.statusText, response.url]).toEqual([200, true, 'OK', `${url}/graphql`]);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('CONTENT-TYPE')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(response.headers.has('x-absent')).toBe(false);
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toEqual({ data: { ok: true } });
    expect(response.bodyUsed).toBe(true);
    const sent = received.at(-1)!;
    expect(sent.body).toBe(body);
    expect(sent.headers[SIGNATURE_HEADER]).toBeTypeOf('string');
    const verifier = createRequestVerifier({ secret: SECRET });
    expect(await verifier.verify(Buffer.from(sent.body), sent.headers)).toEqual({ ok: true });
  });

  it('passes a failing status on with its text, for @apollo/gateway to turn into an error', async () => {
    const response = await client.fetcher(`${url}/down`, { method: 'POST', headers: {}, body: '{}' });
    expect([response.status, response.ok, response.statusText]).toEqual([502, false, 'Bad Gateway']);
    expect(await response.text()).toBe('upstream gone');
  });

  it('rejects when nothing listens, which the data source reports as SUBGRAPH_UNAVAILABLE', async () => {
    await expect(client.fetcher('http://127.0.0.1:1/graphql', { method: 'POST', headers: {}, body: '{}' })).rejects.toThrow();
  });
});
