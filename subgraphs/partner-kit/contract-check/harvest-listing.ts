import { failure, partnerText, type Finding } from './finding.js';
import { firstError } from './refusal.js';
import type { PartnerClient, PartnerResponse } from './partner-client.js';

// The partner's harvest read as the catalog index reads it (subgraphs/catalog-index/harvest-client.ts):
// signed `_catalogHarvest(modifiedSince, offset, limit)` calls, page after page, each dataset with
// the contract's public fields (public-selection.ts). The whole listing is read once; the rules on
// pagination, ids, modifiedSince and `_entities` compare against it.

export interface PageRequest {
  modifiedSince: string | null;
  offset: number;
  limit: number;
  withIds: boolean;
}

export type HarvestedDataset = Record<string, unknown> & { id: string; __typename: string };

export interface HarvestAnswer {
  partnerId: string;
  generatedAt: string;
  totalCount: number;
  datasetIds: string[] | null;
  datasets: HarvestedDataset[];
}

export interface HarvestPage {
  request: PageRequest;
  answer: HarvestAnswer;
}

export type Listing =
  | { ok: true; pages: HarvestPage[]; datasets: HarvestedDataset[] }
  | { ok: false; finding: Finding };

/** Enough for 5 million datasets at 500 a page; a partner announcing more stops the read there. */
const MAX_PAGES = 10_000;

export function harvestQuery(entityType: string, selection: string): string {
  return `query ContractCheckHarvest($modifiedSince: DateTime, $offset: Int, $limit: Int, $withIds: Boolean!) {
  _catalogHarvest(modifiedSince: $modifiedSince, offset: $offset, limit: $limit) {
    partner { id } generatedAt totalCount datasetIds @include(if: $withIds)
    datasets { __typename ... on ${entityType} { ${selection} } }
  }
}`;
}

/** `_catalogHarvest(modifiedSince: "...", offset: 0, limit: 500)`, as a finding names the call. */
export function describePage(request: PageRequest): string {
  const since = request.modifiedSince ? `modifiedSince: "${request.modifiedSince}", ` : '';
  return `_catalogHarvest(${since}offset: ${request.offset}, limit: ${request.limit})`;
}

export async function fetchPage(client: PartnerClient, query: string, request: PageRequest): Promise<HarvestAnswer | Finding> {
  const response = await client.signed({ query, operationName: 'ContractCheckHarvest', variables: { ...request } });
  const answer = readHarvestAnswer(response);
  return typeof answer === 'string' ? failure({
    where: describePage(request),
    expected: 'HTTP 200 with data._catalogHarvest in the contract\'s shape, and no errors',
    found: answer,
    fix: 'serve `_catalogHarvest` as schema/partner.graphql declares it, to signed requests, with the public fields of every dataset',
  }) : answer;
}

/** The harvest in an answer, or what is wrong with it in a few words. */
export function readHarvestAnswer(response: PartnerResponse): HarvestAnswer | string {
  if (response.status !== 200 || !response.body) return `HTTP ${response.status}${firstError(response)}`;
  if (response.body.errors?.length) return `errors${firstError(response)}`;
  const harvest = response.body.data?._catalogHarvest as Record<string, unknown> | null | undefined;
  if (!harvest || typeof harvest !== 'object') return 'no data._catalogHarvest';
  const partner = harvest.partner as { id?: unknown } | null | undefined;
  const { generatedAt, totalCount, datasetIds, datasets } = harvest;
  if (typeof partner?.id !== 'string') return 'no partner { id }';
  if (typeof generatedAt !== 'string') return 'no generatedAt';
  if (!Number.isInteger(totalCount) || (totalCount as number) < 0) return `totalCount is ${partnerText(JSON.stringify(totalCount) ?? 'missing', 40)}`;
  if (datasetIds !== undefined && !(Array.isArray(datasetIds) && datasetIds.every((id) => typeof id === 'string'))) return 'datasetIds is not a list of ids';
  if (!Array.isArray(datasets)) return 'datasets is not a list';
  const malformed = datasets.findIndex((d) => d === null || typeof d !== 'object' || typeof d.id !== 'string' || typeof d.__typename !== 'string');
  if (malformed >= 0) return `datasets[${malformed}] has no id or __typename`;
  return {
    partnerId: partner.id, generatedAt, totalCount: totalCount as number,
    datasetIds: (datasetIds as string[] | undefined) ?? null, datasets: datasets as HarvestedDataset[],
  };
}

/**
 * Every page of one harvest, `limit` datasets at a time, until totalCount datasets were read or a
 * page comes back empty (a gap the pagination rule reports). The first page also asks for datasetIds.
 */
export async function readListing(client: PartnerClient, query: string, limit: number, modifiedSince: string | null = null): Promise<Listing> {
  const pages: HarvestPage[] = [];
  for (let offset = 0; ;) {
    const request = { modifiedSince, offset, limit, withIds: offset === 0 };
    const answer = await fetchPage(client, query, request);
    if (!('totalCount' in answer)) return { ok: false, finding: answer };
    pages.push({ request, answer });
    offset += answer.datasets.length;
    if (answer.datasets.length === 0 || offset >= pages[0]!.answer.totalCount || pages.length >= MAX_PAGES) break;
  }
  return { ok: true, pages, datasets: pages.flatMap((p) => p.answer.datasets) };
}
