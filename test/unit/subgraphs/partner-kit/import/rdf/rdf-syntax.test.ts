import { describe, expect, it } from 'vitest';
import { detectRdfSyntax, type RdfSyntax } from '../../../../../../subgraphs/partner-kit/import/rdf/rdf-syntax.js';

const cases: { name: string; text: string; fileName: string; syntax: RdfSyntax }[] = [
  { name: 'JSON-LD object', text: '  {"@context": {}}', fileName: 'catalog.ttl', syntax: 'json-ld' },
  { name: 'JSON-LD array', text: '[{"@id": "x"}]', fileName: 'catalog.txt', syntax: 'json-ld' },
  { name: 'Turtle with prefixes', text: '@prefix dcat: <http://www.w3.org/ns/dcat#> .', fileName: 'catalog.ttl', syntax: 'turtle' },
  { name: 'SPARQL-style prefixes', text: 'PREFIX dcat: <http://www.w3.org/ns/dcat#>', fileName: 'catalog.ttl', syntax: 'turtle' },
  { name: 'N-Triples', text: '<http://x/a> <http://x/b> <http://x/c> .', fileName: 'catalog.nt', syntax: 'turtle' },
  { name: 'Turtle named .json', text: '@prefix dcat: <http://www.w3.org/ns/dcat#> .', fileName: 'export.json', syntax: 'turtle' },
  { name: 'broken JSON named .jsonld is JSON, for a JSON error', text: 'oops {"@id": "x"}', fileName: 'export.jsonld', syntax: 'json-ld' },
  { name: 'N-Quads by name', text: '<http://x/a> <http://x/b> <http://x/c> <http://x/g> .', fileName: 'dump.nq', syntax: 'n-quads' },
  { name: 'RDF/XML', text: '<?xml version="1.0"?>\n<rdf:RDF/>', fileName: 'catalog.rdf', syntax: 'rdf-xml' },
  { name: 'RDF/XML without a declaration', text: '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', fileName: 'catalog.xml', syntax: 'rdf-xml' },
  { name: 'HTML page', text: '<!DOCTYPE html><html><script type="application/ld+json">{}</script>', fileName: 'dataset.html', syntax: 'html' },
];

describe('detectRdfSyntax: content first, the file name as a hint', () => {
  it.each(cases)('$name', ({ text, fileName, syntax }) => {
    expect(detectRdfSyntax(text, fileName)).toBe(syntax);
  });
});
