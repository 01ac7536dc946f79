import { describe, expect, it } from 'vitest';
import { currentAfter, FIRST_PAGE, hasPrevious, nextPage, pageNumber, previousPage, type Paging } from '../../../../explorer/src/search/cursor-paging.js';

describe('cursor paging', () => {
  const more = (endCursor: string) => ({ hasNextPage: true, endCursor });

  it.each([
    { name: 'the first page', paging: FIRST_PAGE, after: null, number: 1, previous: false },
    { name: 'the second page', paging: nextPage(FIRST_PAGE, more('c1')), after: 'c1', number: 2, previous: true },
    { name: 'the third page', paging: nextPage(nextPage(FIRST_PAGE, more('c1')), more('c2')), after: 'c2', number: 3, previous: true },
    { name: 'back from the third page', paging: previousPage(nextPage(nextPage(FIRST_PAGE, more('c1')), more('c2'))), after: 'c1', number: 2, previous: true },
    { name: 'back from the first page stays on it', paging: previousPage(FIRST_PAGE), after: null, number: 1, previous: false },
    { name: 'no next page: unchanged', paging: nextPage(FIRST_PAGE, { hasNextPage: false, endCursor: 'c1' }), after: null, number: 1, previous: false },
    { name: 'a next page without a cursor: unchanged', paging: nextPage(FIRST_PAGE, { hasNextPage: true, endCursor: null }), after: null, number: 1, previous: false },
  ])('$name', ({ paging, after, number, previous }: { paging: Paging; after: string | null; number: number; previous: boolean }) => {
    expect(currentAfter(paging)).toBe(after);
    expect(pageNumber(paging)).toBe(number);
    expect(hasPrevious(paging)).toBe(previous);
  });

  it('forward then back returns the same cursors', () => {
    const two = nextPage(FIRST_PAGE, more('c1'));
    expect(previousPage(nextPage(two, more('c2')))).toEqual(two);
    expect(FIRST_PAGE.cursors).toEqual([null]);
  });
});
