import type { Agent } from 'undici';
import { z } from 'zod';
import type { IndexedDataset } from './catalog-index.js';
import type { HarvestPageRequest } from './harvest-client.js';
import { postSignedQuery } from './signed-partner-query.js';
import type { PartnerEndpoint } from './partner-directory.js';

// The texts search reads besides the dataset's own (schema/partner.graphql: translations and
// identifiers, added to the contract after partners on other stacks were built), asked for in a
// second call for the same page. A partner that does not serve them yet answers the whole call with
// an error, since both lists are non-null; the harvest then goes on without them rather than
// dropping the partner's datasets from the index.

export const SEARCH_TEXTS_QUERY = /* GraphQL */ `
  query CatalogSearchTexts($modifiedSince: DateTime, $offset: Int!, $limit: Int!) {
    _catalogHarvest(modifiedSince: $modifiedSince, offset: $offset, limit: $limit) {
      datasets { id translations { title description keywords } identifiers { value } }
    }
  }
`;

const SearchTextsPage = z.object({
  data: z.object({
    _catalogHarvest: z.object({
      datasets: z.array(z.object({
        id: z.string(),
        translations: z.array(z.object({ title: z.string().nullable(), description: z.string().nullable(), keywords: z.array(z.string()) })),
        identifiers: z.array(z.object({ value: z.string() })),
      })),
    }),
  }),
});

export type SearchTexts = Pick<IndexedDataset, 'translations' | 'identifiers'>;

/** Each dataset's search texts by id, or null when the partner does not serve them. */
export async function fetchSearchTexts(
  partner: PartnerEndpoint, page: HarvestPageRequest, agent: Agent, signingSecret: string,
): Promise<Map<string, SearchTexts> | null> {
  const { modifiedSince, offset, limit } = page;
  let body: unknown;
  try {
    body = await postSignedQuery(partner, SEARCH_TEXTS_QUERY, 'CatalogSearchTexts', { modifiedSince, offset, limit }, agent, signingSecret);
  } catch {
    return null;
  }
  const parsed = SearchTextsPage.safeParse(body);
  if (!parsed.success) return null;
  return new Map(parsed.data.data._catalogHarvest.datasets.map((d) => [d.id, {
    translations: d.translations,
    identifiers: d.identifiers.map((i) => i.value),
  }]));
}
