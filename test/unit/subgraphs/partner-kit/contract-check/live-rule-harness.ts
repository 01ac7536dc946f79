import type { GraphQLBody, PartnerResponse } from '../../../../../subgraphs/partner-kit/contract-check/partner-client.js';
import type { HarvestedDataset, HarvestPage, Listing, PageRequest } from '../../../../../subgraphs/partner-kit/contract-check/harvest-listing.js';
import { ENTITY, PARTNER } from './sdl-rule-harness.js';

// The shared harness of the table tests of the rules that judge a partner's answers: answers and
// harvest pages written by hand, as a partner's server would send them.

export function response(status: number, body?: GraphQLBody, text = body ? JSON.stringify(body) : ''): PartnerResponse {
  return { status, contentType: body ? 'application/json' : 'text/html', body, text };
}

export const SERVED_SDL = response(200, { data: { _service: { sdl: 'type Query { a: Int }' } } });
export const REFUSED = response(401, { errors: [{ message: 'Request refused: not signed by the gateway' }] });

export function dataset(n: number, extra: Record<string, unknown> = {}): HarvestedDataset {
  return { __typename: ENTITY, id: `${PARTNER}:ds-${String(n).padStart(2, '0')}`, title: `Dataset ${n}`, modified: `2024-01-${String(n).padStart(2, '0')}T00:00:00Z`, ...extra };
}

export function page(request: Partial<PageRequest>, datasets: HarvestedDataset[], extra: Partial<HarvestPage['answer']> = {}): HarvestPage {
  return {
    request: { modifiedSince: null, offset: 0, limit: 500, withIds: false, ...request },
    answer: { partnerId: PARTNER, generatedAt: '2026-11-30T12:00:00Z', totalCount: datasets.length, datasetIds: null, datasets, ...extra },
  };
}

/** A listing of the given pages; the first asks for datasetIds and, unless told, lists every dataset. */
export function listing(...pages: HarvestPage[]): Listing {
  const datasets = pages.flatMap((p) => p.answer.datasets);
  const [first, ...rest] = pages;
  const withIds = { ...first!, request: { ...first!.request, withIds: true }, answer: { ...first!.answer, datasetIds: first!.answer.datasetIds ?? datasets.map((d) => d.id) } };
  return { ok: true, pages: [withIds, ...rest], datasets };
}

/** `count` datasets read in pages of `limit`, as a well-behaved partner answers. */
export function wellPaged(count: number, limit: number): Listing {
  const all = Array.from({ length: count }, (_, i) => dataset(i + 1));
  const pages: HarvestPage[] = [];
  for (let offset = 0; offset < count; offset += limit) {
    pages.push(page({ offset, limit }, all.slice(offset, offset + limit), { totalCount: count }));
  }
  return listing(...pages);
}
