import type { Client } from '@urql/core';
import { useEffect, useState } from 'preact/hooks';
import { facetLabelsQuery } from '../graphql/operations.js';
import type { SearchResult } from '../graphql/types.js';

export interface FacetLabels { partner(code: string): string; licence(code: string): string }

type Known = ReadonlyMap<string, string>;

/**
 * Partner and licence names for the facets, which count by id: learnt from the results shown, and
 * for ids no result on the page carries, asked for once with one matching dataset each.
 */
export function useFacetLabels(client: Client, search: SearchResult['search'] | undefined): FacetLabels {
  const [known, setKnown] = useState<Known>(new Map());
  useEffect(() => {
    if (!search) return;
    const learnt = new Map(known);
    for (const edge of search.edges) {
      if (!edge.node) continue;
      learnt.set(`partner:${edge.node.publisher.id}`, edge.node.publisher.name);
      learnt.set(`licence:${edge.node.licence.id}`, edge.node.licence.name);
    }
    const partners = (search.facets.partners ?? []).map((f) => f.value).filter((v) => !learnt.has(`partner:${v}`));
    const licences = (search.facets.licences ?? []).map((f) => f.value).filter((v) => !learnt.has(`licence:${v}`));
    if (learnt.size !== known.size) setKnown(learnt);
    if (partners.length === 0 && licences.length === 0) return;
    const { query, variables } = facetLabelsQuery(partners, licences);
    void client.query(query, variables, { requestPolicy: 'cache-first' }).toPromise().then(({ data }) => {
      if (!data) return;
      setKnown((before) => {
        const next = new Map(before);
        for (const hit of Object.values(data as Record<string, { edges: { node: { publisher?: { id: string; name: string }; licence?: { id: string; name: string } } | null }[] }>)) {
          const node = hit.edges[0]?.node;
          if (node?.publisher) next.set(`partner:${node.publisher.id}`, node.publisher.name);
          if (node?.licence) next.set(`licence:${node.licence.id}`, node.licence.name);
        }
        return next;
      });
    });
  }, [search]);
  return {
    partner: (code) => known.get(`partner:${code}`) ?? code,
    licence: (code) => known.get(`licence:${code}`) ?? code,
  };
}
