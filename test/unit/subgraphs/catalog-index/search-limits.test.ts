import { describe, expect, it } from 'vitest';
import { checkSearchQuery, SearchBudget } from '../../../../subgraphs/catalog-index/search-limits.js';

const limits = { maxQueryLength: 40, maxQueryWords: 4, timeBudgetMs: 100 };

describe('checkSearchQuery (40 characters, 4 words)', () => {
  it.each([
    ['an empty query', '', null],
    ['four words', 'sea ice  extent, arctic', null],
    ['40 characters', 'x'.repeat(40), null],
    ['41 characters', 'x'.repeat(41), '"query" must be at most 40 characters, got 41'],
    ['115 KB', 'climate '.repeat(14_375), '"query" must be at most 40 characters, got 115000'],
    ['five words', 'sea ice extent arctic ocean', '"query" must have at most 4 words, got 5'],
    ['punctuation separates words, as the index splits them', 'sea-ice/extent.arctic,ocean', '"query" must have at most 4 words, got 5'],
  ])('%s', (_name, query, message) => {
    let error: unknown = null;
    try {
      expect(checkSearchQuery(query, limits)).toBe(query);
    } catch (thrown) {
      error = thrown;
    }
    expect(error === null ? null : (error as Error).message).toBe(message);
    if (error) expect((error as { extensions: unknown }).extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'query' });
  });
});

describe('SearchBudget (100 ms per request)', () => {
  it('runs searches one at a time until the budget is spent, then refuses the rest', async () => {
    let clock = 0;
    const pauses: number[] = [];
    const budget = new SearchBudget(100, { elapsedMs: () => clock, pause: async (ms) => { pauses.push(ms); } });
    let running = 0;
    const search = (ms: number) => () => {
      running++;
      expect(running).toBe(1);
      clock += ms;
      running--;
      return ms;
    };
    const results = await Promise.allSettled([40, 40, 30, 10, 10].map((ms) => budget.run(search(ms))));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      40, 40, 30,
      "This request's searches took their time budget of 100 ms; send fewer searches per request",
      "This request's searches took their time budget of 100 ms; send fewer searches per request",
    ]);
    // After each search, a pause as long as it took; a refused one took nothing.
    expect(pauses).toEqual([40, 40, 30, 0, 0]);
  });

  it('counts a search that throws, and goes on with the next', async () => {
    let clock = 0;
    const budget = new SearchBudget(100, { elapsedMs: () => clock, pause: async () => undefined });
    const failing = budget.run(() => { clock += 60; throw new Error('bad cursor'); });
    const next = budget.run(() => { clock += 60; return 'ok'; });
    const last = budget.run(() => 'late');
    await expect(failing).rejects.toThrow('bad cursor');
    await expect(next).resolves.toBe('ok');
    await expect(last).rejects.toThrow(/time budget of 100 ms/);
  });
});
