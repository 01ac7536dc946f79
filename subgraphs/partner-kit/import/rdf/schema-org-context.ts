// The JSON-LD context Concord serves, offline, for "@context": "https://schema.org/" (and the http
// form, and the docs/jsonldcontext URLs): never fetched (see offline-contexts.ts), written here.
//
// It is deliberately minimal: the readers only need every schema.org term to expand to a schema.org
// IRI, which "@vocab" does. The published context also declares which properties take IRIs
// ("@type": "@id"); without that, such values arrive as plain literals, and the readers accept a URL
// as a literal or an IRI alike. The "id"/"type" aliases and the "schema:" prefix are kept because
// schema.org documents rely on them; "HTML" is the datatype science-on-schema.org gives escaped
// descriptions (rdf:HTML in RDF 1.1 Concepts).
export const SCHEMA_ORG_CONTEXT = {
  '@context': {
    '@vocab': 'http://schema.org/',
    schema: 'http://schema.org/',
    id: '@id',
    type: '@type',
    HTML: { '@id': 'http://www.w3.org/1999/02/22-rdf-syntax-ns#HTML' },
  },
} as const;
