import { describe, expect, it } from 'vitest';
import { readGraph } from '../../../../../../subgraphs/partner-kit/import/rdf/read-graph.js';
import { SCHEMA, SCHEMA_ORG_HTTP, SCHEMA_ORG_HTTPS } from '../../../../../../subgraphs/partner-kit/import/rdf/namespaces.js';

// Every way a file can fail to be RDF comes back as problems with a place, never as a throw.
const failures: { name: string; fileName: string; text: string; where: string; message: RegExp }[] = [
  { name: 'empty file', fileName: 'a.ttl', text: ' \n\t', where: 'a.ttl', message: /the file is empty/ },
  { name: 'Turtle: unterminated literal', fileName: 'a.ttl', text: '@prefix ex: <http://x/> .\n\nex:a ex:b ex:c ;\n  ex:d "open .\n', where: '4:8', message: /Turtle syntax error: .* on line 4/ },
  { name: 'Turtle: undefined prefix', fileName: 'a.ttl', text: '<http://x/a> a dcat:Dataset .', where: '1:16', message: /Undefined prefix "dcat:" on line 1/ },
  { name: 'Turtle: missing dot', fileName: 'a.ttl', text: '@prefix ex: <http://x/> .\nex:a ex:b ex:c\nex:d ex:e ex:f .', where: '3:1', message: /on line 3/ },
  { name: 'JSON: doubled comma', fileName: 'a.jsonld', text: '{\n  "@id": "http://x/a",,\n  "name": "x"\n}', where: '2:23', message: /JSON syntax error at line 2, column 23/ },
  { name: 'JSON-LD: invalid @version', fileName: 'a.jsonld', text: '{"@context": {"@version": 2}, "@id": "http://x/a"}', where: 'JSON-LD', message: /invalid @version value/ },
  { name: 'JSON-LD nested 1,000 levels', fileName: 'a.jsonld', text: JSON.stringify({ '@context': { '@vocab': 'http://x/' }, a: JSON.parse(`${'['.repeat(1000)}${']'.repeat(1000)}`) }), where: 'JSON-LD', message: /more than 256 levels deep/ },
  { name: 'JSON without @context', fileName: 'a.json', text: '{"title": "x"}', where: '$', message: /no "@context", so it is not JSON-LD/ },
  { name: 'RDF/XML', fileName: 'a.rdf', text: '<?xml version="1.0"?>\n<rdf:RDF/>', where: 'a.rdf', message: /RDF\/XML is not read/ },
  { name: 'HTML', fileName: 'a.html', text: '<!doctype html><html></html>', where: 'a.html', message: /HTML page is not read/ },
];

describe('readGraph: a file that is not readable RDF', () => {
  it.each(failures)('$name', async ({ fileName, text, where, message }) => {
    const reading = await readGraph(text, fileName);
    expect(reading.graph).toBeUndefined();
    expect(reading.problems).toHaveLength(1);
    expect(reading.problems[0]).toEqual({ where, message: expect.stringMatching(message) });
  });
});

describe('readGraph: what it reads', () => {
  const THING = 'http://x/Thing';

  it('ignores a byte order mark', async () => {
    const { graph, problems } = await readGraph('\uFEFF<http://x/a> <http://x/b> "c" .', 'a.ttl');
    expect(problems).toEqual([]);
    expect(graph?.size).toBe(1);
  });

  it.each([
    { syntax: 'Turtle', fileName: 'meta.ttl', text: `<passengers.csv> a <${THING}> ; <http://x/p> <data/titanic.csv> .` },
    { syntax: 'JSON-LD', fileName: 'meta.json', text: JSON.stringify({ '@context': { '@vocab': 'http://x/' }, '@id': 'passengers.csv', '@type': THING, p: { '@id': 'data/titanic.csv' } }) },
  ])('keeps relative IRIs as the file wrote them ($syntax)', async ({ fileName, text }) => {
    const { graph } = await readGraph(text, fileName);
    const [node] = graph!.nodesOfType(THING);
    expect(node?.value).toBe('http://source.invalid/passengers.csv');
    expect(graph!.label(node!)).toBe('passengers.csv');
    expect(graph!.strings(node!, 'http://x/p')).toEqual(['data/titanic.csv']);
  });

  it('reads schema.org https terms as http ones when asked, and keeps values as written', async () => {
    const text = JSON.stringify({ '@context': { '@vocab': SCHEMA_ORG_HTTPS }, '@id': 'http://x/d', '@type': 'Dataset', url: { '@id': 'https://schema.org/x' } });
    const { graph } = await readGraph(text, 'a.jsonld', { aliases: { [SCHEMA_ORG_HTTPS]: SCHEMA_ORG_HTTP } });
    const [dataset] = graph!.nodesOfType(SCHEMA('Dataset'));
    expect(dataset?.value).toBe('http://x/d');
    expect(graph!.strings(dataset!, SCHEMA('url'))).toEqual(['https://schema.org/x']);
  });

  it('reads an RDF list as its members, in order', async () => {
    const text = `<http://x/d> a <${THING}> ; <http://x/creator> ( <http://x/b> <http://x/a> <http://x/c> ) .`;
    const { graph } = await readGraph(text, 'a.ttl');
    const [dataset] = graph!.nodesOfType(THING);
    expect(graph!.strings(dataset!, 'http://x/creator')).toEqual(['http://x/b', 'http://x/a', 'http://x/c']);
  });

  it('merges named graphs, each value once', async () => {
    const text = `<http://x/g1> { <http://x/a> a <${THING}> ; <http://x/p> "1" . }\n<http://x/g2> { <http://x/a> <http://x/p> "1" , "2" . }`;
    const { graph } = await readGraph(text, 'a.trig');
    const [node] = graph!.nodesOfType(THING);
    expect(graph!.strings(node!, 'http://x/p')).toEqual(['1', '2']);
  });

  it('keeps the order the file described typed nodes in, across classes', async () => {
    const text = `<http://x/c> a <http://x/B> .\n<http://x/a> a <${THING}> .\n<http://x/b> a <http://x/B> .`;
    const { graph } = await readGraph(text, 'a.ttl');
    expect(graph!.nodesOfType(THING, 'http://x/B').map((node) => node.value)).toEqual(['http://x/c', 'http://x/a', 'http://x/b']);
  });
});
