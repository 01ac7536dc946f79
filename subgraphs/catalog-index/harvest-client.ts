import { Agent, request } from 'undici';
import { z } from 'zod';
import { signRequestBody } from '../../runtime/subgraph-protocol/request-signing.js';
import { DATA_CLASSES } from '../../schema/vocabulary.js';
import type { IndexedDataset } from './catalog-index.js';
import type { PartnerEndpoint } from './partner-directory.js';

// Only public fields of the contract: restricted fields are never harvested, so the index cannot
// leak them through any query, filter or facet (schema/partner.graphql; test/unit/contract.test.ts
// checks that none of these fields carries a security directive).
export const HARVEST_QUERY = /* GraphQL */ `
  query CatalogHarvest($modifiedSince: DateTime, $offset: Int!, $limit: Int!, $withIds: Boolean!) {
    _catalogHarvest(modifiedSince: $modifiedSince, offset: $offset, limit: $limit) {
      generatedAt
      totalCount
      datasetIds @include(if: $withIds)
      partner { id }
      datasets {
        id title description keywords themes dataClass issued modified embargoUntil
        licence { id maxDurationMonths }
        useConditions { code diseaseId regions allowed months until }
        translations { title description keywords }
        identifiers { value }
      }
    }
  }
`;

const UseCondition = z.object({
  code: z.string(),
  diseaseId: z.string().nullable(),
  regions: z.array(z.string()).nullable(),
  allowed: z.array(z.string()).nullable(),
  months: z.number().nullable(),
  until: z.string().nullable(),
});

const HarvestPage = z.object({
  data: z.object({
    _catalogHarvest: z.object({
      generatedAt: z.string(),
      totalCount: z.number().int().nonnegative(),
      datasetIds: z.array(z.string()).optional(),
      partner: z.object({ id: z.string() }),
      datasets: z.array(z.object({
        id: z.string(),
        title: z.string(),
        description: z.string(),
        keywords: z.array(z.string()),
        themes: z.array(z.string()),
        dataClass: z.enum(DATA_CLASSES),
        issued: z.string(),
        modified: z.string(),
        embargoUntil: z.string().nullable(),
        licence: z.object({ id: z.string(), maxDurationMonths: z.number().int().nullish() }),
        useConditions: z.array(UseCondition),
        translations: z.array(z.object({ title: z.string().nullable(), description: z.string().nullable(), keywords: z.array(z.string()) })),
        identifiers: z.array(z.object({ value: z.string() })),
      })),
    }),
  }),
});

/** A failure whose reason is safe to show in catalogStatus: never an address or a partner's message. */
export class HarvestError extends Error {
  constructor(readonly publicReason: string, options?: ErrorOptions) {
    super(publicReason, options);
  }
}

export interface HarvestedPage {
  generatedAt: string;
  totalCount: number;
  datasetIds?: string[];
  datasets: IndexedDataset[];
}

export interface HarvestPageRequest {
  modifiedSince: string | null;
  offset: number;
  limit: number;
  withIds: boolean;
}

/** One signed harvest call to one partner, its answer checked before anything is indexed. */
export async function fetchHarvestPage(
  partner: PartnerEndpoint, page: HarvestPageRequest, agent: Agent, signingSecret: string,
): Promise<HarvestedPage> {
  const payload = JSON.stringify({ query: HARVEST_QUERY, operationName: 'CatalogHarvest', variables: page });
  let body: unknown;
  try {
    const response = await request(partner.url, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...signRequestBody(signingSecret, payload) },
      body: payload,
    });
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw new HarvestError(`partner answered HTTP ${response.statusCode}`);
    }
    body = await response.body.json();
  } catch (error) {
    if (error instanceof HarvestError) throw error;
    throw new HarvestError('partner unreachable', { cause: error });
  }
  const parsed = HarvestPage.safeParse(body);
  if (!parsed.success) throw new HarvestError('partner answered in an unexpected shape', { cause: parsed.error });
  const harvest = parsed.data.data._catalogHarvest;
  if (harvest.partner.id !== partner.id) throw new HarvestError(`partner identifies itself as "${harvest.partner.id}"`);
  return {
    generatedAt: harvest.generatedAt,
    totalCount: harvest.totalCount,
    ...(harvest.datasetIds ? { datasetIds: harvest.datasetIds } : {}),
    // A partner may only publish under its own prefix (dataset ids are global across the consortium).
    datasets: harvest.datasets.filter((d) => d.id.startsWith(`${partner.id}:`)).map((d) => ({
      id: d.id,
      partnerId: partner.id,
      title: d.title,
      description: d.description,
      keywords: d.keywords,
      themes: d.themes,
      dataClass: d.dataClass,
      licenceId: d.licence.id,
      licenceMaxDurationMonths: d.licence.maxDurationMonths ?? null,
      useConditions: d.useConditions,
      embargoUntil: d.embargoUntil,
      issued: d.issued,
      modified: d.modified,
      translations: d.translations,
      identifiers: d.identifiers.map((i) => i.value),
    })),
  };
}
