import { describe, expect, it } from 'vitest';
import {
  MAX_PAGE_NUMBER, pageAddress, pageCount, pageLinks, pageOffset, positionSteps, readPageRequest, type PageLinks,
} from '../../../../gateway/catalog-export/catalog-paging.js';

describe('readPageRequest: ?page=N only, from 1', () => {
  it.each<[string, string, number]>([
    ['no query string: the first page', '', 1],
    ['page 1', 'page=1', 1],
    ['page 7', 'page=7', 7],
    ['the highest page number', `page=${MAX_PAGE_NUMBER}`, MAX_PAGE_NUMBER],
  ])('%s', (_name, search, page) => {
    expect(readPageRequest(search)).toEqual({ ok: true, page });
  });

  it.each<[string, string, RegExp]>([
    ['zero', 'page=0', /"page" must be a whole number from 1 to 999999999, got "0"/],
    ['negative', 'page=-1', /got "-1"/],
    ['a fraction', 'page=1.5', /got "1.5"/],
    ['a leading zero', 'page=01', /got "01"/],
    ['a leading plus', 'page=%2B2', /got "\+2"/],
    ['empty', 'page=', /got ""/],
    ['words', 'page=last', /got "last"/],
    ['past the highest number', 'page=1000000000', /got "1000000000"/],
    ['a number with an exponent', 'page=1e3', /got "1e3"/],
    ['given twice', 'page=1&page=2', /"page" is given 2 times; give it once/],
    ['a parameter the export does not take', 'pageSize=1000', /unknown query parameter "pageSize": the catalog export takes only "page"/],
    ['a long unknown name is cut short', `${'x'.repeat(100)}=1`, /unknown query parameter "x{40}\.\.\."/],
    ['a long value is cut short', `page=${'9'.repeat(100)}`, /got "9{40}\.\.\."/],
  ])('refuses %s', (_name, search, message) => {
    const request = readPageRequest(search);
    expect(request.ok).toBe(false);
    expect(request.ok ? '' : request.message).toMatch(message);
  });
});

describe('pageCount, pageOffset', () => {
  it.each<[number, number, number]>([
    [0, 100, 1],
    [1, 100, 1],
    [100, 100, 1],
    [101, 100, 2],
    [132, 50, 3],
    [100_000, 1000, 100],
  ])('%i datasets in pages of %i: %i page(s)', (total, size, pages) => {
    expect(pageCount(total, size)).toBe(pages);
  });

  it.each<[number, number, number]>([[1, 100, 0], [2, 100, 100], [3, 50, 100], [10, 1000, 9000]])('page %i of %i starts at %i', (page, size, offset) => {
    expect(pageOffset(page, size)).toBe(offset);
  });
});

describe('positionSteps: the cursor moves at most one index page at a time', () => {
  it.each<[number, number, number[]]>([
    [0, 1000, []],
    [100, 1000, [100]],
    [1000, 1000, [1000]],
    [2500, 1000, [1000, 1000, 500]],
    [5, 2, [2, 2, 1]],
  ])('offset %i, steps of at most %i', (offset, maxStep, steps) => {
    expect([...positionSteps(offset, maxStep)]).toEqual(steps);
  });

  it('makes its steps one at a time, so a page number far past the end costs nothing to start', () => {
    const steps = positionSteps(999_999_998 * 1000, 1000);
    expect(steps.next()).toEqual({ value: 1000, done: false });
  });
});

describe('pageLinks: first and last always, previous and next where they exist', () => {
  it.each<[string, number, number, number, PageLinks]>([
    ['an empty catalog', 1, 0, 50, { page: 1, first: 1, last: 1 }],
    ['one page', 1, 40, 50, { page: 1, first: 1, last: 1 }],
    ['the first of three', 1, 132, 50, { page: 1, first: 1, last: 3, next: 2 }],
    ['the middle one', 2, 132, 50, { page: 2, first: 1, last: 3, previous: 1, next: 3 }],
    ['the last one', 3, 132, 50, { page: 3, first: 1, last: 3, previous: 2 }],
  ])('%s', (_name, page, total, size, links) => {
    expect(pageLinks(page, total, size)).toEqual(links);
  });

  it('addresses a page on the path it was asked on', () => {
    expect(pageAddress('https://concord.example.org', '/catalog.jsonld', 2)).toBe('https://concord.example.org/catalog.jsonld?page=2');
  });
});
