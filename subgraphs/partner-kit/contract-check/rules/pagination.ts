import { failure, NO_LISTING, partnerText, skip, warning, type Finding, type Skipped } from '../finding.js';
import { describePage, fetchPage, harvestQuery, type HarvestPage, type Listing } from '../harvest-listing.js';
import type { HarvestRule } from '../rule.js';

// The harvest's offset and limit page through one list, in id order (schema/partner.graphql,
// CatalogHarvest): every page agrees on totalCount, no page is longer than its limit, the pages
// together hold totalCount datasets with no id twice, reading the start again in small pages gives
// the same ids in the same order (no gap, no overlap), and a page past the end is empty.

/** Small and prime, so that its pages straddle any boundary the partner's own paging might have. */
export const SMALL_PAGE = 7;
const SMALL_PAGES = 5;

export const pagination: HarvestRule = {
  id: 'pagination',
  title: 'offset and limit page through the harvest consistently: no gaps, no duplicates, totalCount agrees',
  async run({ client, listing, entityType, selection }) {
    if (!listing.ok) return skip(NO_LISTING);
    const query = harvestQuery(entityType, selection);
    const total = listing.pages[0]!.answer.totalCount;
    const repaged: HarvestPage[] = [];
    for (let offset = 0; offset < Math.min(total, SMALL_PAGE * SMALL_PAGES); offset += SMALL_PAGE) {
      const request = { modifiedSince: null, offset, limit: SMALL_PAGE, withIds: false };
      const answer = await fetchPage(client, query, request);
      if (!('totalCount' in answer)) return [answer];
      repaged.push({ request, answer });
    }
    const pastEndRequest = { modifiedSince: null, offset: total, limit: SMALL_PAGE, withIds: false };
    const pastEnd = await fetchPage(client, query, pastEndRequest);
    if (!('totalCount' in pastEnd)) return [pastEnd];
    return judgePagination(listing, repaged, { request: pastEndRequest, answer: pastEnd });
  },
};

export function judgePagination(listing: Listing, repaged: readonly HarvestPage[], pastEnd: HarvestPage): Finding[] | Skipped {
  if (!listing.ok) return skip(NO_LISTING);
  const pages = [...listing.pages, ...repaged, pastEnd];
  const total = listing.pages[0]!.answer.totalCount;
  const findings: Finding[] = [
    ...pages.flatMap((page) => totalCountOf(page, total)),
    ...pages.flatMap(longerThanLimit),
    ...countOf(listing, total),
    ...duplicates(listing),
    ...order(listing),
    ...repagedDifferences(listing, repaged),
  ];
  if (pastEnd.answer.datasets.length > 0) {
    findings.push(failure({
      where: describePage(pastEnd.request), expected: 'no datasets (the offset is totalCount)', found: `${pastEnd.answer.datasets.length} datasets`,
      fix: 'return the datasets from position offset onwards, none when offset is totalCount or more',
    }));
  }
  return findings;
}

function totalCountOf({ request, answer }: HarvestPage, total: number): Finding[] {
  return answer.totalCount === total ? [] : [failure({
    where: `${describePage(request)} { totalCount }`, expected: `${total}, as on the first page`, found: String(answer.totalCount),
    fix: 'answer totalCount with the number of datasets matching modifiedSince across all pages, whatever offset and limit ask for',
  })];
}

function longerThanLimit({ request, answer }: HarvestPage): Finding[] {
  return answer.datasets.length <= request.limit ? [] : [failure({
    where: describePage(request), expected: `at most ${request.limit} datasets`, found: `${answer.datasets.length} datasets`,
    fix: 'return at most limit datasets per page: the index and the gateway size their work by it',
  })];
}

function countOf(listing: Extract<Listing, { ok: true }>, total: number): Finding[] {
  const read = listing.datasets.length;
  if (read === total) return [];
  const last = listing.pages.at(-1)!;
  return [failure({
    where: `${describePage(listing.pages[0]!.request)} to ${describePage(last.request)}`,
    expected: `${total} datasets (totalCount)`,
    found: `${read} datasets${read < total && last.answer.datasets.length === 0 ? `, then an empty page at offset ${last.request.offset}` : ''}`,
    fix: 'make totalCount the number of datasets the pages hold together, and return every one of them once as offset advances',
  })];
}

function duplicates(listing: Extract<Listing, { ok: true }>): Finding[] {
  const seen = new Map<string, number>();
  const findings: Finding[] = [];
  listing.datasets.forEach((d, position) => {
    const first = seen.get(d.id);
    if (first === undefined) seen.set(d.id, position);
    else if (findings.length < 5) {
      findings.push(failure({
        where: `dataset "${partnerText(d.id, 120)}"`, expected: 'once in the harvest', found: `at positions ${first} and ${position}`,
        fix: 'page through one list in a stable order (by id): offset must skip exactly the datasets of the earlier pages',
      }));
    }
  });
  return findings;
}

function order(listing: Extract<Listing, { ok: true }>): Finding[] {
  const ids = listing.datasets.map((d) => d.id);
  const at = ids.findIndex((id, i) => i > 0 && ids[i - 1]! > id);
  return at < 0 ? [] : [warning({
    where: `datasets at positions ${at - 1} and ${at}`, expected: 'ids in ascending order (schema/partner.graphql: "in id order")',
    found: `"${partnerText(ids[at - 1]!, 120)}" before "${partnerText(ids[at]!, 120)}"`,
    fix: 'sort the harvest by id: an order that changes between calls makes pages skip or repeat datasets',
  })];
}

function repagedDifferences(listing: Extract<Listing, { ok: true }>, repaged: readonly HarvestPage[]): Finding[] {
  const expected = listing.datasets.map((d) => d.id);
  for (const { request, answer } of repaged) {
    const want = expected.slice(request.offset, request.offset + request.limit);
    const got = answer.datasets.map((d) => d.id);
    const at = Array.from({ length: Math.max(want.length, got.length) }, (_, i) => i).find((i) => want[i] !== got[i]);
    if (at === undefined) continue;
    const position = `at position ${request.offset + at}`;
    return [failure({
      where: describePage(request),
      expected: `${want.length} datasets, ${shown(want[at])} ${position}`,
      found: `${got.length} datasets, ${shown(got[at])} ${position}`,
      fix: `return the datasets from position offset to offset + limit of the same list as with limit ${listing.pages[0]!.request.limit}: pages of another size must hold the same datasets in the same order`,
    })];
  }
  return [];
}

function shown(id: string | undefined): string {
  return id === undefined ? 'none' : `"${partnerText(id, 120)}"`;
}
