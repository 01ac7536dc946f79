import http from 'node:http';
import { parse } from 'graphql';
import jsonld from 'jsonld';
import { DataFactory, Parser, Store, Writer, type Quad, type Term } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogExportSettings } from '../../../../gateway/catalog-export/catalog-export-settings.js';
import type { GatewayConfig } from '../../../../gateway/config.js';
import { CONTRACT_ENTITY_TYPE, contractSource } from '../../../../schema/partner-contract.js';
import { guardedFieldPaths } from '../../../../subgraphs/partner-kit/public-text-check.js';
import { manifestCatalogs } from '../../../harness/catalog-fixtures.js';
import { startDemoFederation, type DemoFederation } from '../../../harness/demo-federation.js';
import { postGraphQL } from '../../../harness/graphql-http.js';

// The DCAT export of the demo federation, read back as a harvester would: every page followed by
// its hydra:next, parsed with n3 (Turtle) and jsonld (JSON-LD), and compared with what the gateway
// answers an anonymous GraphQL caller.

const BASE = 'https://concord.example.org';
const PAGE_SIZE = 50;
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const HYDRA = 'http://www.w3.org/ns/hydra/core#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const EU_ACCESS = 'http://publications.europa.eu/resource/authority/access-right/';
const iri = DataFactory.namedNode;
const CATALOG = iri(`${BASE}/catalog`);

let federation: DemoFederation;
let origin: string;

beforeAll(async () => {
  // MAX_COST low enough that one page takes several operations (create-catalog-export.ts, slices).
  const config: Partial<GatewayConfig> & { catalogExport: Partial<CatalogExportSettings> } = {
    catalogExport: { publicBaseUrl: BASE, pageSize: PAGE_SIZE, cacheSeconds: 0 },
    maxCost: 20_000,
  };
  federation = await startDemoFederation({}, config);
  origin = new URL(federation.gatewayUrl).origin;
});
afterAll(async () => {
  await federation?.close();
});

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

async function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(origin + path, { headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A page read back into a graph: Turtle with n3, JSON-LD with jsonld. */
async function graphOf(answer: Answer, format: 'turtle' | 'json-ld'): Promise<Store> {
  if (format === 'turtle') return new Store(new Parser().parse(answer.text));
  const nquads = (await jsonld.toRDF(JSON.parse(answer.text), { format: 'application/n-quads' })) as unknown as string;
  return new Store(new Parser({ format: 'N-Quads' }).parse(nquads));
}

/** Every page of a path, from the first, by hydra:next, as the pages' answers and graphs. */
async function harvest(path: string, format: 'turtle' | 'json-ld'): Promise<{ answers: Answer[]; graphs: Store[] }> {
  const answers: Answer[] = [];
  const graphs: Store[] = [];
  let next: string | undefined = `${BASE}${path}`;
  while (next && answers.length < 20) {
    const answer = await get(next.slice(BASE.length));
    expect(answer.status, answer.text).toBe(200);
    const graph = await graphOf(answer, format);
    answers.push(answer);
    graphs.push(graph);
    next = graph.getObjects(null, iri(`${HYDRA}next`), null)[0]?.value;
  }
  return { answers, graphs };
}

function one(graph: Store, subject: Term | null, predicate: string): Term[] {
  return graph.getObjects(subject, iri(predicate), null);
}

function datasetIds(graphs: Store[]): string[] {
  return graphs.flatMap((g) => one(g, CATALOG, `${DCAT}dataset`).flatMap((d) => one(g, d, `${DCT}identifier`).map((t) => t.value)));
}

async function graphqlIds(): Promise<{ totalCount: number; ids: string[] }> {
  const response = await postGraphQL<{ datasets: { totalCount: number; edges: { node: { id: string } }[] } }>(
    federation.gatewayUrl, '{ datasets(first: 1000) { totalCount edges { node { id } } } }',
  );
  expect(response.body.errors).toBeUndefined();
  const datasets = response.body.data!.datasets;
  return { totalCount: datasets.totalCount, ids: datasets.edges.map((e) => e.node.id) };
}

describe.each([['/catalog.ttl', 'turtle'], ['/catalog.jsonld', 'json-ld']] as const)('GET %s, every page', (path, format) => {
  let pages: { answers: Answer[]; graphs: Store[] };
  beforeAll(async () => {
    pages = await harvest(path, format);
  });

  it('lists every dataset of the index once, across pages of the configured size', async () => {
    const { totalCount, ids } = await graphqlIds();
    const exported = datasetIds(pages.graphs);
    expect(exported).toHaveLength(totalCount);
    expect(new Set(exported)).toEqual(new Set(ids));
    expect(pages.graphs).toHaveLength(Math.ceil(totalCount / PAGE_SIZE));
    for (const graph of pages.graphs.slice(0, -1)) expect(one(graph, CATALOG, `${DCAT}dataset`)).toHaveLength(PAGE_SIZE);
  });

  it('links the pages with a Hydra PartialCollectionView and states the catalog\'s size', async () => {
    const { totalCount } = await graphqlIds();
    const last = pages.graphs.length;
    pages.graphs.forEach((graph, index) => {
      const page = index + 1;
      const view = iri(`${BASE}${path}?page=${page}`);
      const at = (n: number) => [iri(`${BASE}${path}?page=${n}`)];
      expect(one(graph, CATALOG, `${HYDRA}view`)).toEqual([view]);
      expect(one(graph, CATALOG, `${HYDRA}totalItems`)).toEqual([DataFactory.literal(String(totalCount), iri(`${XSD}nonNegativeInteger`))]);
      expect(one(graph, view, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type')).toEqual([iri(`${HYDRA}PartialCollectionView`)]);
      expect(one(graph, view, `${HYDRA}first`)).toEqual(at(1));
      expect(one(graph, view, `${HYDRA}last`)).toEqual(at(last));
      expect(one(graph, view, `${HYDRA}previous`)).toEqual(page > 1 ? at(page - 1) : []);
      expect(one(graph, view, `${HYDRA}next`)).toEqual(page < last ? at(page + 1) : []);
    });
  });

  it('answers with its media type, an ETag and the cache settings', () => {
    const [first] = pages.answers;
    expect(first!.headers.get('content-type')).toBe(format === 'turtle' ? 'text/turtle; charset=utf-8' : 'application/ld+json');
    expect(first!.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(first!.headers.get('cache-control')).toBe('no-cache');
  });

  it('states what the gateway answers an anonymous GraphQL caller', async () => {
    const graph = new Store(pages.graphs.flatMap((g) => g.getQuads(null, null, null, null)));
    let after: string | null = null;
    let checked = 0;
    do {
      const response: GraphQLPage = await postGraphQL<GraphQLPage['body']['data']>(federation.gatewayUrl, `query ($after: String) {
        datasets(first: 40, after: $after) { pageInfo { hasNextPage endCursor } edges { node {
          id language title modified dataClass publisher { name } licence { id }
          translations { language title }
          distributions { id mediaType byteSize licence { id } }
        } } }
      }`, { after }) as GraphQLPage;
      expect(response.body.errors).toBeUndefined();
      const { edges, pageInfo } = response.body.data!.datasets;
      for (const { node } of edges) expectDataset(graph, node);
      checked += edges.length;
      after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
    } while (after);
    expect(checked).toBe(datasetIds(pages.graphs).length);
  });
});

interface GraphQLPage {
  body: {
    data?: { datasets: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: GraphQLDataset }[] } } | null;
    errors?: unknown[];
  };
}

interface GraphQLDataset {
  id: string;
  language: string;
  title: string;
  modified: string;
  dataClass: string;
  publisher: { name: string };
  licence: { id: string };
  translations: { language: string; title: string | null }[];
  distributions: { id: string; mediaType: string | null; byteSize: number | null; licence: { id: string } }[];
}

const ACCESS_RIGHTS: Record<string, string> = { PUBLIC: 'PUBLIC', PARTNER_SHARED: 'RESTRICTED', ANONYMIZED: 'RESTRICTED', PROPRIETARY: 'NON_PUBLIC' };

function expectDataset(graph: Store, dataset: GraphQLDataset): void {
  const node = iri(`${BASE}/datasets/${encodeURIComponent(dataset.id)}`);
  const titles = [dataset, ...dataset.translations].filter((t) => t.title).map((t) => DataFactory.literal(t.title!, t.language));
  expect(new Set(one(graph, node, `${DCT}title`).map((t) => t.id)), dataset.id).toEqual(new Set(titles.map((t) => t.id)));
  expect(one(graph, node, `${DCT}modified`)).toEqual([DataFactory.literal(dataset.modified, iri(`${XSD}dateTime`))]);
  expect(one(graph, node, `${DCT}accessRights`)).toEqual([iri(EU_ACCESS + ACCESS_RIGHTS[dataset.dataClass])]);
  expect(one(graph, one(graph, node, `${DCT}publisher`)[0]!, `${FOAF}name`).map((t) => t.value)).toEqual([dataset.publisher.name]);
  expect(one(graph, one(graph, node, `${DCT}license`)[0]!, `${DCT}identifier`).map((t) => t.value)).toEqual([dataset.licence.id]);
  const distributions = one(graph, node, `${DCAT}distribution`);
  expect(distributions).toHaveLength(dataset.distributions.length);
  for (const distribution of dataset.distributions) {
    const at = iri(`${BASE}/distributions/${encodeURIComponent(distribution.id)}`);
    expect(distributions).toContainEqual(at);
    expect(one(graph, at, `${DCAT}byteSize`).map((t) => Number(t.value))).toEqual(distribution.byteSize === null ? [] : [distribution.byteSize]);
    expect(one(graph, at, `${DCAT}mediaType`).map((t) => t.value)).toEqual(distribution.mediaType ? [`http://www.iana.org/assignments/media-types/${distribution.mediaType}`] : []);
    expect(one(graph, one(graph, at, `${DCT}license`)[0]!, `${DCT}identifier`).map((t) => t.value)).toEqual([distribution.licence.id]);
  }
}

/**
 * Every distinctive value below a field the contract guards, in every demo catalog: the guarded
 * paths are read from the contract's SDL (as the partner kit reads them), not listed here. Distinctive
 * as the partner kit's public text check counts it (subgraphs/partner-kit/public-text-check.ts): 8
 * characters or more holding a digit, an "@" or "://" (addresses, URLs, record identifiers, values),
 * and also any text of 30 characters or more (notes, descriptions, bases). Column names, units and
 * calendar dates are left out: "latitude" or a quality report's 2025-03-16 are also, by coincidence,
 * a public keyword or a dataset's date of issue.
 */
function guardedValues(): string[] {
  const paths = guardedFieldPaths(parse(contractSource()), CONTRACT_ENTITY_TYPE);
  const leaves = (value: unknown): unknown[] => (Array.isArray(value) ? value.flatMap(leaves)
    : value !== null && typeof value === 'object' ? Object.values(value).flatMap(leaves) : [value]);
  const at = (value: unknown, segments: readonly string[]): unknown[] => {
    if (segments.length === 0) return [value];
    if (Array.isArray(value)) return value.flatMap((item) => at(item, segments));
    return value !== null && typeof value === 'object' ? at((value as Record<string, unknown>)[segments[0]!], segments.slice(1)) : [];
  };
  const values = new Set<string>();
  for (const { catalog } of manifestCatalogs()) {
    for (const dataset of catalog.datasets) {
      for (const path of paths) {
        for (const leaf of at(dataset, path.split('.')).flatMap(leaves)) {
          const text = leaf === undefined || leaf === null ? '' : String(leaf);
          const distinctive = text.length >= 30 || (text.length >= 8 && /\d|@|:\/\//.test(text) && !/^\d{4}-\d{2}-\d{2}$/.test(text));
          if (distinctive) values.add(text);
        }
      }
    }
  }
  return [...values];
}

describe('the two formats', () => {
  it('carry the same graph for a page, links aside: JSON-LD read by jsonld is Turtle read by n3', async () => {
    const turtle = await graphOf(await get('/catalog.ttl?page=3'), 'turtle');
    const jsonLd = await graphOf(await get('/catalog.jsonld?page=3'), 'json-ld');
    const onTurtlePath = (term: Term) => (term.termType === 'NamedNode' ? iri(term.value.replace('/catalog.jsonld?page=', '/catalog.ttl?page=')) : term);
    const relinked = jsonLd.getQuads(null, null, null, null).map((q) => DataFactory.quad(onTurtlePath(q.subject) as Quad['subject'], q.predicate, onTurtlePath(q.object) as Quad['object']));
    const canonical = (quads: Quad[]) => jsonld.canonize(new Writer({ format: 'N-Quads' }).quadsToString(quads) as unknown as jsonld.JsonLdDocument, { algorithm: 'URDNA2015', inputFormat: 'application/n-quads' });
    expect(relinked.length).toBe(turtle.size);
    expect(await canonical(relinked)).toBe(await canonical(turtle.getQuads(null, null, null, null)));
  });
});

describe('what the export never publishes', () => {
  it('holds no guarded value of the demo catalogs on any page, in either format', async () => {
    const texts = [...(await harvest('/catalog.ttl', 'turtle')).answers, ...(await harvest('/catalog.jsonld', 'json-ld')).answers].map((a) => a.text);
    const values = guardedValues();
    expect(values.length).toBeGreaterThan(500);
    // A contact's address, an access and a download URL, a data service's endpoint, a retention basis.
    expect(values).toEqual(expect.arrayContaining([
      'hannah.lewis@northbridge-hospital.nhs.uk',
      'https://data.northbridge-hospital.nhs.uk/datasets/ds-001',
      'https://data.northbridge-hospital.nhs.uk/download/ds-001/dist-1.vcf.gz',
      'https://api.boreal-climate.fi/ogcapi',
      'NHS England Records Management Code of Practice 2023',
    ]));
    expect(values.filter((value) => texts.some((text) => text.includes(value)))).toEqual([]);
  });
});

describe('GET /catalog: content negotiation', () => {
  it.each<[string, Record<string, string>, string]>([
    ['Turtle asked for', { accept: 'text/turtle' }, 'text/turtle; charset=utf-8'],
    ['JSON-LD asked for', { accept: 'application/ld+json' }, 'application/ld+json'],
    ['JSON-LD preferred', { accept: 'text/turtle;q=0.4, application/ld+json' }, 'application/ld+json'],
    ['a browser: Turtle', { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }, 'text/turtle; charset=utf-8'],
    ['no preference: Turtle', { accept: '*/*' }, 'text/turtle; charset=utf-8'],
  ])('%s', async (_name, headers, contentType) => {
    const answer = await get('/catalog', headers);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(contentType);
    expect(answer.headers.get('vary')).toBe('Accept');
    const graph = await graphOf(answer, contentType.startsWith('text/turtle') ? 'turtle' : 'json-ld');
    // The links stay on the negotiated address, so the next page is negotiated the same way.
    expect(one(graph, iri(`${BASE}/catalog?page=1`), `${HYDRA}next`)).toEqual([iri(`${BASE}/catalog?page=2`)]);
  });

  it('answers 406 naming what it has when the Accept header allows neither', async () => {
    const answer = await get('/catalog', { accept: 'application/json, text/html' });
    expect(answer.status).toBe(406);
    expect(answer.headers.get('vary')).toBe('Accept');
    expect(JSON.parse(answer.text)).toEqual({ errors: [{
      message: 'The catalog is available as text/turtle (also at /catalog.ttl) and as application/ld+json (also at /catalog.jsonld); the Accept header allows neither',
      extensions: { code: 'BAD_REQUEST', available: ['text/turtle', 'application/ld+json'] },
    }] });
  });

  it('serves each format at its own address whatever the Accept header says', async () => {
    expect((await get('/catalog.jsonld', { accept: 'text/turtle' })).headers.get('content-type')).toBe('application/ld+json');
    expect((await get('/catalog.ttl', { accept: 'application/json' })).status).toBe(200);
  });
});

describe('paging and request errors', () => {
  it.each<[string, number, RegExp]>([
    ['/catalog.ttl?page=0', 400, /^Bad catalog request: "page" must be a whole number from 1 to 999999999, got "0"$/],
    ['/catalog.ttl?page=two', 400, /got "two"/],
    ['/catalog.jsonld?page=1&page=2', 400, /"page" is given 2 times/],
    ['/catalog?pageSize=1000', 400, /unknown query parameter "pageSize"/],
    ['/catalog.ttl?page=4', 404, /^Page 4 is past the end of the catalog: it has \d+ datasets on 3 page\(s\) of 50$/],
    ['/catalog.ttl?page=999999999', 404, /^Page 999999999 is past the end/],
  ])('%s: %i', async (path, status, message) => {
    const answer = await get(path);
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = JSON.parse(answer.text) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.message).toMatch(message);
    expect(body.errors[0]!.extensions.code).toBe(status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST');
  });

  it('reads a page far past the end with one operation, not one per thousand datasets it would skip', async () => {
    const before = federation.indexRecorder.requests.length;
    expect((await get('/catalog.ttl?page=999999999')).status).toBe(404);
    expect(federation.indexRecorder.requests.length - before).toBe(1);
  });
});

describe('HTTP details', () => {
  it('answers a matching If-None-Match with 304 and the same ETag', async () => {
    const first = await get('/catalog.ttl?page=2');
    const etag = first.headers.get('etag')!;
    const again = await get('/catalog.ttl?page=2', { 'if-none-match': `"other", ${etag}` });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect((await get('/catalog.ttl?page=2', { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const response = await fetch(`${origin}/catalog.ttl`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/turtle; charset=utf-8');
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(0);
    expect(await response.text()).toBe('');
  });

  it('names its resources after PUBLIC_BASE_URL, never after the Host a caller sends', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const request = http.get(`${origin}/catalog.ttl`, { headers: { host: 'attacker.example', 'x-forwarded-host': 'attacker.example' } }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => { body += chunk; });
        response.on('end', () => resolve(body));
      });
      request.on('error', reject);
    });
    expect(text).toContain(`<${BASE}/catalog>`);
    expect(text).not.toContain('attacker.example');
  });
});
