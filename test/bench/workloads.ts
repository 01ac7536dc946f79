import { datasetTypeNameFor } from '../../schema/partner-contract.js';
import { demoGrant, mintToken, personaClaims } from '../../subgraphs/demo/demo-personas.js';
import type { TokenClaims } from '../../schema/identity-claims.js';
import { TEST_JWT } from '../harness/tokens.js';

// What the benchmark asks. Every gateway gets the same document, variables and token; the floor
// asks one partner subgraph directly for as many datasets, with the same selection.

export type WorkloadId = 'a' | 'b' | 'c' | 'd';

const PUBLIC_FIELDS = 'id title description themes version issued modified dataClass embargoUntil provenance conformsTo';

const SELECTIONS = {
  public: PUBLIC_FIELDS,
  // Member-only fields (@requiresScopes) and content decided per dataset (@policy).
  guarded: `${PUBLIC_FIELDS}
    contactPoint { name email }
    dataDictionary { name type unit }
    qualityReport { completeness recordCount }
    sampleRecords
    distributions { id mediaType accessUrl downloadUrl }
    licence { id royalty { ratePercent basis currency } }`,
  nested: `${PUBLIC_FIELDS}
    publisher { id name kind country homepage }
    licence { id name url commercialUse attributionRequired fieldsOfUse maxDurationMonths }
    useConditions { code termId label diseaseId regions months }
    distributions { id title mediaType byteSize checksum { algorithm value } licence { id name } }
    temporalCoverage { start end }
    spatialCoverage { name countries boundingBox }`,
} as const;

export type Selection = keyof typeof SELECTIONS;

export interface Workload {
  id: WorkloadId;
  label: string;
  size: number;
  selection: Selection;
  /** A listing page (tagged to span every partner) or a full-text search. */
  operation: 'listing' | 'search';
  /** Grants on every second dataset of the page, or the researcher persona as it is. */
  grants: 'half-the-page' | 'persona';
}

export const WORKLOADS: readonly Workload[] = [
  { id: 'a', label: '(a) page of 50, public fields', size: 50, selection: 'public', operation: 'listing', grants: 'persona' },
  { id: 'b', label: '(b) page of 50, guarded fields, grants on half', size: 50, selection: 'guarded', operation: 'listing', grants: 'half-the-page' },
  { id: 'c', label: '(c) 500 datasets, nested entities, all partners', size: 500, selection: 'nested', operation: 'listing', grants: 'persona' },
  { id: 'd', label: '(d) full-text search, 50 hits, public fields, facets', size: 50, selection: 'public', operation: 'search', grants: 'persona' },
];

/** A word every demo profile uses somewhere, so that search hits come from every partner. */
export const SEARCH_TEXT = 'data';

const fragment = (selection: Selection) => `fragment BenchFields on Dataset { ${SELECTIONS[selection]} }`;

export interface GraphQLBody {
  query: string;
  variables: Record<string, unknown>;
}

export function listingBody(selection: Selection, size: number, tag: string): GraphQLBody {
  return {
    query: `query BenchPage($first: Int!, $tags: [String!]) {
      datasets(first: $first, filter: { keywords: $tags }) { totalCount edges { node { ...BenchFields } } }
    } ${fragment(selection)}`,
    variables: { first: size, tags: [tag] },
  };
}

export function searchBody(selection: Selection, size: number): GraphQLBody {
  return {
    query: `query BenchSearch($text: String!, $first: Int!) {
      search(query: $text, first: $first) {
        totalCount
        edges { score node { ...BenchFields } }
        facets { partners { value count } dataClasses { value count } licences { value count } }
      }
    } ${fragment(selection)}`,
    variables: { text: SEARCH_TEXT, first: size },
  };
}

/** The floor: the partner's own `_entities` for its datasets, as the gateways' query plans call it. */
export function floorBody(selection: Selection, partnerId: string, datasetIds: readonly string[]): GraphQLBody {
  const __typename = datasetTypeNameFor(partnerId);
  return {
    query: `query BenchFloor($representations: [_Any!]!) { _entities(representations: $representations) { ...BenchFields } } ${fragment(selection)}`,
    variables: { representations: datasetIds.map((id) => ({ __typename, id })) },
  };
}

/** The researcher persona (academic, member, health research, ethics approval), optionally with grants. */
export async function researcherToken(grantedDatasetIds: readonly string[] = []): Promise<string> {
  const persona = personaClaims('researcher')!;
  const claims: TokenClaims = grantedDatasetIds.length === 0
    ? persona
    : { ...persona, grants: grantedDatasetIds.map((id) => demoGrant(id)) };
  // Valid for the whole run: an expired token would turn every request into a 401.
  return mintToken({ claims, secret: TEST_JWT.secret, issuer: TEST_JWT.issuer, audience: TEST_JWT.audience, expiresInSeconds: 3600 });
}

/**
 * The researcher persona under another subject and without the token's grants: the grants are the
 * ones Concord's grant store holds for that subject (GatewayOptions.storedGrants).
 */
export async function storeGrantedResearcherToken(subject: string): Promise<string> {
  const { grants: _tokenGrants, ...persona } = personaClaims('researcher')!;
  return mintToken({ claims: { ...persona, sub: subject }, secret: TEST_JWT.secret, issuer: TEST_JWT.issuer, audience: TEST_JWT.audience, expiresInSeconds: 3600 });
}

/** Every second dataset of the page: "a researcher holding grants on half of them". */
export function halfOf(datasetIds: readonly string[]): string[] {
  return datasetIds.filter((_, index) => index % 2 === 0);
}
