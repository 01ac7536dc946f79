// Relative IRIs ("@id": "passengers.csv" in Croissant, <#x> in Turtle) are resolved against a base
// IRI; without one, JSON-LD to RDF drops every triple that uses them (JSON-LD 1.1 API, "Deserialize
// JSON-LD to RDF"). The base is under the reserved top-level domain .invalid (RFC 2606), so it can
// never name a real resource, and is taken off again when a value is read: the record keeps the
// relative IRI as the source wrote it.

const BASE_ROOT = 'http://source.invalid/';

export interface SourceBase {
  /** The IRI relative references in the file are resolved against. */
  readonly iri: string;
  /** An IRI as the source wrote it: relative again if it was resolved against the base. */
  written(iri: string): string;
}

export function sourceBase(fileName: string): SourceBase {
  const name = fileName.split(/[\\/]/).pop() ?? '';
  return {
    iri: BASE_ROOT + encodeURIComponent(name),
    written: (iri) => (iri.startsWith(BASE_ROOT) ? iri.slice(BASE_ROOT.length) : iri),
  };
}
