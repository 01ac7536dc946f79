import type { Agent } from 'undici';
import { z } from 'zod';
import { DATA_CLASSES } from '../../schema/vocabulary.js';
import type { IndexedDataset } from './catalog-index.js';
import type { PartnerEndpoint } from './partner-directory.js';
import { HarvestError, postSignedQuery } from './signed-partner-query.js';

export { HarvestError } from './signed-partner-query.js';

// Only public fields of the contract: restricted fields are never harvested, so the index cannot
// leak them through any query, filter or facet (schema/partner.graphql; test/unit/contract.test.ts
// checks that none of these fields carries a security directive).
//
// Translations and identifiers are what search reads besides the dataset's own texts. They were
// added to the contract after partners on other stacks were built: one that does not serve them yet
// fails the whole answer (both lists are non-null), so the page is asked for again without them
// rather than dropping the partner's datasets from the index.
export const HARVEST_QUERY = /* GraphQL */ `
  query CatalogHarvest($modifiedSince: DateTime, $offset: Int!, $limit: Int!, $withIds: Boolean!, $withTexts: Boolean!) {
    _catalogHarvest(modifiedSince: $modifiedSince, offset: $offset, limit: $limit) {
      generatedAt
      totalCount
      datasetIds @include(if: $withIds)
      partner { id }
      datasets {
        id title description keywords themes dataClass issued modified embargoUntil
        licence { id maxDurationMonths }
        useConditions { code diseaseId regions allowed months until }
        translations @include(if: $withTexts) { title description keywords }
        identifiers @include(if: $withTexts) { value }
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
        translations: z.array(z.object({ title: z.string().nullable(), description: z.string().nullable(), keywords: z.array(z.string()) })).optional(),
        identifiers: z.array(z.object({ value: z.string() })).optional(),
      })),
    }),
  }),
});

export interface HarvestedPage {
  generatedAt: string;
  totalCount: number;
  datasetIds?: string[];
  /** The partner did not serve the translations and identifiers that search also reads. */
  searchTextsMissing?: true;
  datasets: IndexedDataset[];
}

export interface HarvestPageRequest {
  modifiedSince: string | null;
  offset: number;
  limit: number;
  withIds: boolean;
}

/**
 * One signed harvest call to one partner, its answer checked before anything is indexed; with
 * `withSearchTexts`, translations and identifiers too where the partner serves them.
 */
export async function fetchHarvestPage(
  partner: PartnerEndpoint, page: HarvestPageRequest, agent: Agent, signingSecret: string, withSearchTexts = false,
): Promise<HarvestedPage> {
  const ask = async (withTexts: boolean) => HarvestPage.safeParse(
    await postSignedQuery(partner, HARVEST_QUERY, 'CatalogHarvest', { ...page, withTexts }, agent, signingSecret),
  );
  let parsed = await ask(withSearchTexts);
  const searchTextsMissing = withSearchTexts && !parsed.success;
  if (searchTextsMissing) parsed = await ask(false);
  if (!parsed.success) throw new HarvestError('partner answered in an unexpected shape', { cause: parsed.error });
  const harvest = parsed.data.data._catalogHarvest;
  if (harvest.partner.id !== partner.id) throw new HarvestError(`partner identifies itself as "${harvest.partner.id}"`);
  return {
    generatedAt: harvest.generatedAt,
    totalCount: harvest.totalCount,
    ...(harvest.datasetIds ? { datasetIds: harvest.datasetIds } : {}),
    ...(searchTextsMissing ? { searchTextsMissing: true as const } : {}),
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
      ...(d.translations ? { translations: d.translations } : {}),
      ...(d.identifiers ? { identifiers: d.identifiers.map((i) => i.value) } : {}),
    })),
  };
}
