import { DataFactory, type NamedNode } from 'n3';

// Where the export's own resources live: under the gateway's public base URL (PUBLIC_BASE_URL, or
// the address it listens on), never under a Host header a caller sent. Ids are percent-encoded
// whole (RFC 3986, section 2.1), so "northbridge-hospital:ds-001" is one path segment.

export interface ExportAddresses {
  /** The public base URL, without a trailing slash: the catalog's foaf:homepage is it plus "/". */
  readonly base: string;
  readonly catalog: NamedNode;
  readonly catalogPublisher: NamedNode;
  /** The gateway's GraphQL endpoint, where an authorised caller reads what the export leaves out. */
  readonly api: NamedNode;
  dataset(id: string): NamedNode;
  distribution(id: string): NamedNode;
  partner(id: string): NamedNode;
  series(id: string): NamedNode;
  /** A LicenseRef- licence that gives no URL of its own. */
  licence(id: string): NamedNode;
}

export function exportAddresses(baseUrl: string): ExportAddresses {
  const base = baseUrl.replace(/\/+$/, '');
  const under = (path: string) => (id: string) => DataFactory.namedNode(`${base}/${path}/${encodeURIComponent(id)}`);
  return {
    base,
    catalog: DataFactory.namedNode(`${base}/catalog`),
    catalogPublisher: DataFactory.namedNode(`${base}/catalog/publisher`),
    api: DataFactory.namedNode(`${base}/graphql`),
    dataset: under('datasets'),
    distribution: under('distributions'),
    partner: under('partners'),
    series: under('series'),
    licence: under('licences'),
  };
}

// Characters an IRI reference may not hold in Turtle (RDF 1.1 Turtle, IRIREF) and in N-Quads.
const NOT_IN_IRI = /[\u0000-\u0020<>"{}|^`\\]/;

// Schemes read as IRIs. Others stay text: "DUO:0000007" or "ICH:S7B" parse as URLs with a scheme,
// but a partner who writes them means a code, not an address.
const IRI_SCHEMES = /^(https?|urn|ftp):/i;

/**
 * A partner's text as an IRI when it is an absolute http(s), urn or ftp one (a homepage, a licence
 * URL, a standard's IRI); undefined otherwise, so no value from a catalog can break the document's
 * syntax.
 */
export function absoluteIri(value: string | null | undefined): NamedNode | undefined {
  if (!value || NOT_IN_IRI.test(value) || !IRI_SCHEMES.test(value) || !URL.canParse(value)) return undefined;
  return DataFactory.namedNode(value);
}
