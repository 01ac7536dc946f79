import { describe, expect, it } from 'vitest';
import { isSkipped } from '../../../../../../subgraphs/partner-kit/contract-check/finding.js';
import type { HarvestPage, Listing } from '../../../../../../subgraphs/partner-kit/contract-check/harvest-listing.js';
import { judgePagination, SMALL_PAGE } from '../../../../../../subgraphs/partner-kit/contract-check/rules/pagination.js';
import { dataset, listing, page, wellPaged } from '../live-rule-harness.js';

const all = Array.from({ length: 10 }, (_, i) => dataset(i + 1));
const repagedWell = [page({ offset: 0, limit: SMALL_PAGE }, all.slice(0, 7), { totalCount: 10 }), page({ offset: 7, limit: SMALL_PAGE }, all.slice(7), { totalCount: 10 })];
const emptyPastEnd = page({ offset: 10, limit: SMALL_PAGE }, [], { totalCount: 10 });

const ROWS: [string, Listing, HarvestPage[], HarvestPage, [string, string, string, string][]][] = [
  ['consistent pages', wellPaged(10, 4), repagedWell, emptyPastEnd, []],
  ['one page for everything', wellPaged(10, 500), repagedWell, emptyPastEnd, []],
  ['totalCount that changes from page to page', listing(page({ offset: 0, limit: 5 }, all.slice(0, 5), { totalCount: 10 }), page({ offset: 5, limit: 5 }, all.slice(5), { totalCount: 11 })), repagedWell, emptyPastEnd,
    [['failure', '_catalogHarvest(offset: 5, limit: 5) { totalCount }', '10, as on the first page', '11']]],
  ['a page longer than its limit', listing(page({ offset: 0, limit: 5 }, all.slice(0, 6), { totalCount: 10 }), page({ offset: 6, limit: 5 }, all.slice(6), { totalCount: 10 })), repagedWell, emptyPastEnd,
    [['failure', '_catalogHarvest(offset: 0, limit: 5)', 'at most 5 datasets', '6 datasets']]],
  ['fewer datasets than totalCount, then an empty page', listing(page({ offset: 0, limit: 5 }, all.slice(0, 5), { totalCount: 12 }), page({ offset: 5, limit: 5 }, all.slice(5), { totalCount: 12 }), page({ offset: 10, limit: 5 }, [], { totalCount: 12 })),
    repagedWell.map((p) => ({ ...p, answer: { ...p.answer, totalCount: 12 } })), { ...emptyPastEnd, request: { ...emptyPastEnd.request, offset: 12 }, answer: { ...emptyPastEnd.answer, totalCount: 12 } },
    [['failure', '_catalogHarvest(offset: 0, limit: 5) to _catalogHarvest(offset: 10, limit: 5)', '12 datasets (totalCount)', '10 datasets, then an empty page at offset 10']]],
  ['an overlap between pages', listing(page({ offset: 0, limit: 5 }, all.slice(0, 5), { totalCount: 10 }), page({ offset: 5, limit: 5 }, [all[4]!, ...all.slice(6)], { totalCount: 10 })), repagedWell, emptyPastEnd, [
    ['failure', 'dataset "acme-labs:ds-05"', 'once in the harvest', 'at positions 4 and 5'],
    ['failure', '_catalogHarvest(offset: 0, limit: 7)', '7 datasets, "acme-labs:ds-05" at position 5', '7 datasets, "acme-labs:ds-06" at position 5'],
  ]],
  ['ids out of order', listing(page({ offset: 0, limit: 500 }, [all[1]!, all[0]!, ...all.slice(2)], { totalCount: 10 })),
    [page({ offset: 0, limit: SMALL_PAGE }, [all[1]!, all[0]!, ...all.slice(2, 7)], { totalCount: 10 }), repagedWell[1]!], emptyPastEnd,
    [['warning', 'datasets at positions 0 and 1', 'ids in ascending order (schema/partner.graphql: "in id order")', '"acme-labs:ds-02" before "acme-labs:ds-01"']]],
  ['small pages that skip a dataset', wellPaged(10, 500), [repagedWell[0]!, page({ offset: 7, limit: SMALL_PAGE }, all.slice(8), { totalCount: 10 })], emptyPastEnd,
    [['failure', '_catalogHarvest(offset: 7, limit: 7)', '3 datasets, "acme-labs:ds-08" at position 7', '2 datasets, "acme-labs:ds-09" at position 7']]],
  ['a page past the end that is not empty', wellPaged(10, 500), repagedWell, page({ offset: 10, limit: SMALL_PAGE }, all.slice(0, 7), { totalCount: 10 }),
    [['failure', '_catalogHarvest(offset: 10, limit: 7)', 'no datasets (the offset is totalCount)', '7 datasets']]],
];

describe('pagination', () => {
  it.each(ROWS)('%s', (_name, whole, repaged, pastEnd, expected) => {
    const outcome = judgePagination(whole, repaged, pastEnd);
    if (isSkipped(outcome)) throw new Error(outcome.skipped);
    expect(outcome.map((f) => [f.severity, f.where, f.expected, f.found])).toEqual(expected);
  });

  it('is not checked when the harvest could not be read', () => {
    const failed: Listing = { ok: false, finding: { severity: 'failure', where: 'x', expected: 'y', found: 'z', fix: 'w' } };
    expect(judgePagination(failed, [], emptyPastEnd)).toEqual({ skipped: 'the harvest could not be read (see the harvest check)' });
  });
});
