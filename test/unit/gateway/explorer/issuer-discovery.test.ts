import { describe, expect, it } from 'vitest';
import { IssuerDiscovery, REFRESH_MS, RETRY_MS } from '../../../../gateway/explorer/issuer-discovery.js';
import { createLogger } from '../../../../runtime/logger.js';

// When the gateway reads the issuer's discovery document again, and what the page gets meanwhile,
// on a clock of the test's own and an issuer that answers what each step says.

const ISSUER = 'https://accounts.example.org';

function setUp() {
  let clock = 1_000_000;
  const asked: string[] = [];
  const warnings: { msg: string; field?: string; reason?: string }[] = [];
  let answer: () => Promise<Response> = () => Promise.reject(new Error('no answer set'));
  const logger = createLogger('test', 'warn', { write: (line: string) => void warnings.push(JSON.parse(line) as { msg: string }) });
  const discovery = new IssuerDiscovery({
    issuer: ISSUER,
    logger,
    now: () => clock,
    fetch: (async (url: string) => {
      asked.push(url);
      return answer();
    }) as typeof fetch,
  });
  return {
    discovery, asked, warnings,
    tick: (ms: number) => { clock += ms; },
    answers: (next: () => Promise<Response>) => { answer = next; },
  };
}

const documentOf = (tokenEndpoint: string) => () => Promise.resolve(new Response(JSON.stringify({ issuer: ISSUER, token_endpoint: tokenEndpoint })));
const down = () => Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') }));

describe('the issuer\'s discovery document, for the explorer page\'s connect-src', () => {
  it('is read once on the first page, then kept for an hour', async () => {
    const { discovery, asked, answers, tick } = setUp();
    answers(documentOf('https://tokens.example.org/token'));
    const [first, second] = await Promise.all([discovery.origins(), discovery.origins()]);
    expect(first).toEqual(['https://tokens.example.org']);
    expect(second).toEqual(['https://tokens.example.org']);
    expect(asked).toEqual([`${ISSUER}/.well-known/openid-configuration`]);
    tick(REFRESH_MS - 1);
    expect(await discovery.origins()).toEqual(['https://tokens.example.org']);
    expect(asked).toHaveLength(1);
    // An hour on, the page is served with what is known while the document is read again.
    tick(1);
    answers(documentOf('https://moved.example.org/token'));
    expect(await discovery.origins()).toEqual(['https://tokens.example.org']);
    await discovery.idle();
    expect(asked).toHaveLength(2);
    expect(await discovery.origins()).toEqual(['https://moved.example.org']);
  });

  it('keeps the last good document when a refresh fails, and tries again an hour later', async () => {
    const { discovery, asked, answers, tick, warnings } = setUp();
    answers(documentOf('https://tokens.example.org/token'));
    await discovery.origins();
    tick(REFRESH_MS);
    answers(down);
    await discovery.origins();
    await discovery.idle();
    expect(await discovery.origins()).toEqual(['https://tokens.example.org']);
    expect(warnings.map((w) => w.msg)).toEqual([expect.stringContaining('keeps the endpoints read at')]);
    expect(warnings[0]!.reason).toContain('ECONNREFUSED');
    tick(REFRESH_MS - 1);
    await discovery.origins();
    expect(asked).toHaveLength(2);
    tick(1);
    await discovery.origins();
    expect(asked).toHaveLength(3);
  });

  it('serves the issuer\'s origin only while no document could be read, says why, and tries again a minute later', async () => {
    const { discovery, asked, answers, tick, warnings } = setUp();
    answers(() => Promise.resolve(new Response('<h1>gone</h1>', { status: 404 })));
    expect(await discovery.origins()).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toContain('sign-in may be blocked');
    expect(warnings[0]!.reason).toBe(`${ISSUER}/.well-known/openid-configuration answered HTTP 404`);
    answers(() => Promise.resolve(new Response(JSON.stringify({ issuer: 'https://other.example.org' }))));
    tick(RETRY_MS - 1);
    expect(await discovery.origins()).toEqual([]);
    expect(asked).toHaveLength(1);
    tick(1);
    // Later attempts do not hold the page: it is served at once, with what is known.
    expect(await discovery.origins()).toEqual([]);
    await discovery.idle();
    expect(asked).toHaveLength(2);
    expect(warnings[1]!.reason).toContain('is not OIDC_ISSUER');
  });

  it.each<[string, () => Promise<Response>, string]>([
    // A body without a length, streamed past 256 KiB: counted as it comes, never read whole.
    ['a streamed body past 256 KiB', () => Promise.resolve(new Response(new ReadableStream({
      pull(controller) { controller.enqueue(new Uint8Array(64 * 1024).fill(32)); },
    }))), 'answered more than 262144 bytes'],
    ['a redirect, which is not followed', () => Promise.resolve(new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/' } })), 'answered HTTP 302 (a redirect, not followed)'],
  ])('refuses %s', async (_name, answer, reason) => {
    const { discovery, answers, warnings } = setUp();
    answers(answer);
    expect(await discovery.origins()).toEqual([]);
    expect(warnings[0]!.reason).toContain(reason);
  });

  it('asks for the document without following redirects', async () => {
    let init: RequestInit | undefined;
    const discovery = new IssuerDiscovery({
      issuer: ISSUER, logger: createLogger('test', 'silent'), now: () => 0,
      fetch: (async (_url: string, given?: RequestInit) => { init = given; return new Response(JSON.stringify({ issuer: ISSUER })); }) as typeof fetch,
    });
    await discovery.origins();
    expect(init?.redirect).toBe('manual');
  });

  it('leaves out an endpoint that is not https, with one warning naming its field', async () => {
    const { discovery, answers, warnings } = setUp();
    answers(() => Promise.resolve(new Response(JSON.stringify({ issuer: ISSUER, token_endpoint: 'http://tokens.example.org/token', userinfo_endpoint: 'https://me.example.org/' }))));
    expect(await discovery.origins()).toEqual(['https://me.example.org']);
    expect(warnings).toEqual([expect.objectContaining({ field: 'token_endpoint', msg: expect.stringContaining('sign-in may be blocked') as string })]);
  });
});
