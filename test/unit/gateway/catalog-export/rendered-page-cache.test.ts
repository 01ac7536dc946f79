import { describe, expect, it } from 'vitest';
import { RenderedPageCache, type RenderedPage } from '../../../../gateway/catalog-export/rendered-page-cache.js';

const page = (body: string): RenderedPage => ({ status: 200, contentType: 'text/turtle; charset=utf-8', body, etag: `"${body}"` });

function clock(start = 0) {
  let ms = start;
  return { now: () => new Date(ms), advance: (seconds: number) => { ms += seconds * 1000; } };
}

describe('RenderedPageCache', () => {
  it.each<[string, number, number, number]>([
    ['served again within its time', 60, 59, 1],
    ['rendered again once its time is over', 60, 61, 2],
    ['never kept with 0 seconds', 0, 0, 2],
  ])('%s', async (_name, ttlSeconds, after, renderings) => {
    const time = clock();
    const cache = new RenderedPageCache({ ttlSeconds, now: time.now });
    let rendered = 0;
    const render = async () => page(`body ${++rendered}`);
    expect((await cache.get('/catalog.ttl turtle 1', render)).body).toBe('body 1');
    time.advance(after);
    await cache.get('/catalog.ttl turtle 1', render);
    expect(rendered).toBe(renderings);
  });

  it('keeps pages apart by key', async () => {
    const cache = new RenderedPageCache({ ttlSeconds: 60, now: clock().now });
    await cache.get('a', async () => page('a'));
    expect((await cache.get('b', async () => page('b'))).body).toBe('b');
    expect((await cache.get('a', async () => page('not this'))).body).toBe('a');
  });

  it('renders a page once for requests that come while it is being rendered', async () => {
    const cache = new RenderedPageCache({ ttlSeconds: 0, now: clock().now });
    let rendered = 0;
    let finish: (page: RenderedPage) => void = () => undefined;
    const render = () => { rendered++; return new Promise<RenderedPage>((resolve) => { finish = resolve; }); };
    const first = cache.get('k', render);
    const second = cache.get('k', render);
    finish(page('shared'));
    expect((await first).body).toBe('shared');
    expect((await second).body).toBe('shared');
    expect(rendered).toBe(1);
  });

  it('keeps no failure: the next request renders again', async () => {
    const cache = new RenderedPageCache({ ttlSeconds: 60, now: clock().now });
    await expect(cache.get('k', async () => { throw new Error('a partner did not answer'); })).rejects.toThrow('a partner did not answer');
    expect((await cache.get('k', async () => page('fine'))).body).toBe('fine');
  });
});
