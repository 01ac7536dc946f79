import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../../../subgraphs/partner-kit/import/format-detection.js';
import { REPO_ROOT } from '../../../../harness/demo-federation.js';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/real-catalogs');

function detect(text: string) {
  let json: unknown;
  if (/^\s*[[{]/.test(text)) json = JSON.parse(text);
  return detectFormat(text, json);
}

/** The format SOURCES.md gives each folder; its Beacon and EGA files are read by the beacon reader. */
const FOLDER_FORMAT: Record<string, string> = { dcat: 'dcat', schemaorg: 'schemaorg', datajson: 'datajson', ckan: 'ckan', duo: 'beacon' };

describe('--format auto on every real catalog file', () => {
  const files = Object.keys(FOLDER_FORMAT).flatMap((folder) => readdirSync(join(FIXTURES, folder)).map((name) => [folder, name] as const));

  it('covers the 22 files of SOURCES.md', () => {
    expect(files).toHaveLength(22);
  });

  it.each(files)('%s/%s is read by its folder\'s reader', (folder, name) => {
    const detection = detect(readFileSync(join(FIXTURES, folder, name), 'utf8'));
    expect(detection.format, detection.reason).toBe(FOLDER_FORMAT[folder]);
  });
});

describe('--format auto on other inputs', () => {
  it.each([
    ['a CKAN package_search response', { success: true, result: { count: 1, results: [{ name: 'x', resources: [] }] } }, 'ckan'],
    ['a bare CKAN package', { name: 'x', notes: 'y', resources: [] }, 'ckan'],
    ['a list of CKAN packages', [{ name: 'x', license_id: 'cc-by', resources: [] }], 'ckan'],
    ['a DCAT-US 3.0 catalog', { conformsTo: 'https://resources.data.gov/schemas/dcat-us/v3.0/schema', dataset: [] }, 'datajson'],
    ['a POD 1.0 list of datasets', [{ title: 'x', keyword: ['a'], accessLevel: 'public' }], 'datajson'],
    ['a Beacon v2 response', { meta: {}, response: { collections: [{ id: 'd', name: 'n' }] } }, 'beacon'],
    ['an EGA policy', { data: { schemaDescriptor: { objectType: 'policy' } } }, 'beacon'],
    ['JSON-LD whose @context names DCAT only', { '@context': { dcat: 'http://www.w3.org/ns/dcat#' }, '@id': 'x' }, 'dcat'],
    ['JSON-LD typed with the full DCAT IRI', { '@context': {}, '@type': 'http://www.w3.org/ns/dcat#Dataset' }, 'dcat'],
    ['schema.org JSON-LD', { '@context': 'https://schema.org/', '@type': 'Dataset', name: 'x' }, 'schemaorg'],
    ['schema.org JSON-LD over http', { '@context': { '@vocab': 'http://schema.org/' }, '@type': 'Dataset' }, 'schemaorg'],
  ])('%s', (_name, json, format) => {
    expect(detect(JSON.stringify(json)).format).toBe(format);
  });

  it.each([
    ['Turtle with @prefix', '@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<x> a dcat:Dataset .', 'dcat'],
    ['Turtle with SPARQL-style PREFIX', 'PREFIX dcat: <http://www.w3.org/ns/dcat#>\n<x> a dcat:Dataset .', 'dcat'],
    ['Turtle opening with a comment', '# a catalog\n<x> <y> <z> .', 'dcat'],
  ])('%s is Turtle', (_name, text, format) => {
    expect(detect(text).format).toBe(format);
  });

  it.each([
    ['RDF/XML', '<?xml version="1.0"?><rdf:RDF/>', /RDF\/XML/],
    ['an HTML page', '<!DOCTYPE html><html></html>', /HTML page/],
    ['an empty file', '   \n', /empty file/],
    ['plain text', 'hello world', /neither JSON nor Turtle/],
    ['JSON of no catalog format', '{"hello": "world"}', /give --format/],
    ['a JSON list of numbers', '[1, 2, 3]', /give --format/],
  ])('%s is refused, saying what it is', (_name, text, reason) => {
    const detection = detect(text);
    expect(detection.format).toBeUndefined();
    expect(detection.reason).toMatch(reason);
  });
});

describe('format detection on a hostile @context', () => {
  it('reads a @context of 300,000 strings without overflowing the stack', () => {
    const context = [...Array.from({ length: 300_000 }, (_, i) => `http://example.org/${i}`), 'http://www.w3.org/ns/dcat#'];
    const text = JSON.stringify({ '@context': context, '@type': 'Dataset' });
    expect(() => detect(text)).not.toThrow();
  });
});
