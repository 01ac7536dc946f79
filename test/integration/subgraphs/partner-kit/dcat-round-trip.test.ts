import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsonld from 'jsonld';
import { DataFactory, Parser, Store, Writer, type Quad, type Term } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogExportSettings } from '../../../../gateway/catalog-export/catalog-export-settings.js';
import type { GatewayConfig } from '../../../../gateway/config.js';
import { isPastDeletion } from '../../../../schema/policy/rules/retention-rule.js';
import type { CatalogFile, DatasetRecord } from '../../../../subgraphs/partner-kit/catalog-file.js';
import { importInProcess } from '../../../harness/import-command.js';
import { parseCatalog } from '../../../../subgraphs/partner-kit/load-catalog.js';
import { manifestCatalogs } from '../../../harness/catalog-fixtures.js';
import { startDemoFederation, startFederationOf, type DemoFederation } from '../../../harness/demo-federation.js';
import { removeFolder } from '../../../harness/temporary-folder.js';

// Issue 13's round trip: the demo federation exports its catalog as DCAT-AP 3 (/catalog.ttl, every
// page), one partner's datasets are taken from it and imported with `npm run import`, and the
// imported catalog's public metadata is compared with the partner's own catalog file. Only fields
// without a directive in schema/partner.graphql are exported, so only those are compared. The
// imported catalog is then served by a federation of its own, exported again and imported again.
// The JSON-LD export is read back the same way.
//
// What does not come from the export, and why:
// - the guarded fields (contactPoint, dataDictionary, qualityReport, sampleRecords, retention,
//   a distribution's accessUrl and downloadUrl, a data service's endpointUrl, a licence's royalty):
//   never exported, so not compared (royalty comes back only because the defaults file gives it);
// - the partner record (name, kind, country, homepage): the defaults file's, since DCAT has no
//   partner kind;
// - a LicenseRef licence's terms (commercialUse, attributionRequired, fieldsOfUse, maxDurationMonths):
//   the defaults file's licenceTerms, keyed by the id the export states; its id, name and URL come back;
// - datasets past their deletion date: the partner kit does not serve them, so they are not exported;
// - the order of a property's values (keywords, themes, countries, DUO modifiers, checksums...):
//   RDF keeps none, so they are compared as sets.

const BASE = 'https://concord.example.org';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const HYDRA = 'http://www.w3.org/ns/hydra/core#';
const iri = DataFactory.namedNode;

let federation: DemoFederation;
let folder: string;

beforeAll(async () => {
  const config: Partial<GatewayConfig> & { catalogExport: Partial<CatalogExportSettings> } = {
    catalogExport: { publicBaseUrl: BASE, pageSize: 50, cacheSeconds: 0 },
  };
  federation = await startDemoFederation({}, config);
  folder = mkdtempSync(join(tmpdir(), 'concord-dcat-round-trip-'));
});
afterAll(async () => {
  await federation?.close();
  removeFolder(folder);
});

/** Every page of the Turtle (or JSON-LD) export, by hydra:next, in one graph. */
async function harvestTurtle(from: DemoFederation, path = '/catalog.ttl'): Promise<Store> {
  const origin = new URL(from.gatewayUrl).origin;
  const store = new Store();
  let next: string | undefined = `${BASE}${path}`;
  for (let pages = 0; next && pages < 20; pages++) {
    const response: Response = await fetch(origin + next.slice(BASE.length));
    expect(response.status).toBe(200);
    const text = await response.text();
    const page: Store = new Store(path.endsWith('.jsonld')
      ? new Parser({ format: 'N-Quads' }).parse((await jsonld.toRDF(JSON.parse(text) as object, { format: 'application/n-quads' })) as unknown as string)
      : new Parser().parse(text));
    store.addQuads(page.getQuads(null, null, null, null));
    next = page.getObjects(null, iri(`${HYDRA}next`), null).find((t: Term) => t.value !== next)?.value;
  }
  return store;
}

/** The partner's datasets and every node they lead to (distributions, series, licences, agents), as a harvester of one publisher would keep them. */
function partnerGraph(store: Store, partnerId: string): Quad[] {
  const datasets = store.getSubjects(iri(`${DCT}identifier`), null, null)
    .filter((s) => store.getObjects(s, iri(`${DCT}identifier`), null).some((id) => id.value.startsWith(`${partnerId}:`)))
    .filter((s) => store.getObjects(s, iri('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), null).some((t) => t.value === `${DCAT}Dataset` || t.value === `${DCAT}DatasetSeries`));
  const seen = new Set<string>();
  const quads: Quad[] = [];
  const visit = (node: Term) => {
    const key = `${node.termType}:${node.value}`;
    if (seen.has(key)) return;
    seen.add(key);
    for (const quad of store.getQuads(node, null, null, null)) {
      quads.push(quad);
      if (quad.object.termType !== 'Literal') visit(quad.object);
    }
  };
  datasets.forEach(visit);
  return quads;
}

/** `npm run import` of a DCAT file (Turtle or JSON-LD), in process; the catalog it writes. */
async function importFileOf(source: string, partnerId: string, defaults: string, out: string): Promise<CatalogFile> {
  const run = await importInProcess([source, '--partner', partnerId, '--defaults', defaults, '--out', out, '--format', 'dcat']);
  expect(run.code, run.stdout + run.stderr).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as CatalogFile;
}

function writeTurtle(quads: Quad[], file: string): void {
  const writer = new Writer({ format: 'Turtle' });
  writer.addQuads(quads);
  writer.end((error, text) => {
    if (error) throw error;
    writeFileSync(file, text);
  });
}

/** Guarded in schema/partner.graphql (@requiresScopes or @policy): the export leaves them out, so they do not come back. */
const GUARDED_DATASET_FIELDS = ['contactPoint', 'dataDictionary', 'qualityReport', 'sampleRecords', 'retention'];
const GUARDED_DISTRIBUTION_FIELDS = ['accessUrl', 'downloadUrl'];
// DataService.endpointUrl is guarded too (@policy dataset:access).

/**
 * The partner's own licences (LicenseRef-), keyed by the id the export states, with the terms DCAT cannot state (commercial use,
 * attribution, fields of use, duration, royalty), as the partner gives them in its defaults file.
 */
function licenceTermsOf(catalog: CatalogFile): Record<string, unknown> {
  const licences = [...catalog.datasets.flatMap((d) => [d.licence, ...d.distributions.flatMap((x) => (x.licence ? [x.licence] : []))])]
    .filter((licence) => licence.id.startsWith('LicenseRef-'));
  return Object.fromEntries(licences.map(({ id, name: _name, url: _url, ...terms }) => [id, terms]));
}

/** The datasets the partner kit serves, and so exports: a dataset past its deletion date is hidden (load-catalog.ts). */
function served(catalog: CatalogFile): DatasetRecord[] {
  return catalog.datasets.filter((d) => !isPastDeletion(d.retention?.deletionDue ?? null, new Date()));
}

/** A property's values as a set: RDF keeps no order among them. */
function unordered<T>(values: readonly T[] | undefined): T[] | undefined {
  return values === undefined ? undefined : [...values].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** The public part of a dataset record, in a form where the order RDF does not keep plays no part. */
function publicOf(dataset: DatasetRecord): Record<string, unknown> {
  const record = structuredClone(dataset) as unknown as Record<string, unknown>;
  for (const field of GUARDED_DATASET_FIELDS) delete record[field];
  for (const condition of (record.useConditions as Record<string, unknown>[])) {
    for (const field of ['regions', 'allowed']) if (condition[field] !== undefined) condition[field] = unordered(condition[field] as unknown[]);
  }
  for (const translation of (record.translations as { keywords?: string[] }[] | undefined) ?? []) {
    if (translation.keywords) translation.keywords = unordered(translation.keywords)!;
  }
  const spatial = record.spatialCoverage as { countries?: string[] } | undefined;
  if (spatial?.countries) spatial.countries = unordered(spatial.countries)!;
  for (const field of ['keywords', 'themes', 'conformsTo', 'useConditions', 'identifiers', 'creators', 'qualifiedAttributions', 'translations']) {
    if (record[field] !== undefined) record[field] = unordered(record[field] as unknown[]);
  }
  record.distributions = unordered((record.distributions as Record<string, unknown>[]).map((distribution) => {
    const { checksum, ...copy } = distribution;
    for (const field of GUARDED_DISTRIBUTION_FIELDS) delete copy[field];
    if (copy.accessService) {
      const { endpointUrl: _guarded, ...service } = copy.accessService as Record<string, unknown>;
      copy.accessService = service;
    }
    // The contract's single checksum is served as the first of its checksums (catalog-file.ts); the export states each once.
    const checksums = [...(checksum ? [checksum] : []), ...((copy.checksums as unknown[] | undefined) ?? [])];
    if (checksums.length > 0) copy.checksums = unordered(checksums);
    return copy;
  }));
  return record;
}

describe.each(manifestCatalogs().map((c) => c.id))('DCAT round trip of %s', (PARTNER) => {
  let original: CatalogFile;
  let imported: CatalogFile;
  let defaults: string;

  beforeAll(async () => {
    original = manifestCatalogs().find((c) => c.id === PARTNER)!.catalog;
    const source = join(folder, `${PARTNER}-export.ttl`);
    writeTurtle(partnerGraph(await harvestTurtle(federation), PARTNER), source);
    defaults = join(folder, `${PARTNER}-defaults.json`);
    const { id: _id, ...partner } = original.partner;
    writeFileSync(defaults, JSON.stringify({ partner, licenceTerms: licenceTermsOf(original) }));
    const out = join(folder, `${PARTNER}-catalog.json`);
    imported = await importFileOf(source, PARTNER, defaults, out);
  }, 120_000);

  it('serves the imported catalog, whose export imports again to the same catalog', async () => {
    const second = await startFederationOf([{ id: PARTNER, catalog: parseCatalog(imported, 'imported catalog') }], {}, {
      catalogExport: { publicBaseUrl: BASE, pageSize: 50, cacheSeconds: 0 },
    } as Partial<GatewayConfig>);
    try {
      const again = partnerGraph(await harvestTurtle(second), PARTNER);
      expect(again.length).toBeGreaterThan(0);
      const source = join(folder, `${PARTNER}-export-again.ttl`);
      writeTurtle(again, source);
      const reimported = await importFileOf(source, PARTNER, defaults, join(folder, `${PARTNER}-catalog-again.json`));
      expect(reimported.partner).toEqual(imported.partner);
      expect(unordered(reimported.series ?? [])).toEqual(unordered(imported.series ?? []));
      expect(unordered(reimported.datasets.map(publicOf))).toEqual(unordered(imported.datasets.map(publicOf)));
    } finally {
      await second.close();
    }
  }, 120_000);

  it('gives back the same public metadata from the JSON-LD export', async () => {
    const quads = partnerGraph(await harvestTurtle(federation, '/catalog.jsonld'), PARTNER);
    const nquads = new Writer({ format: 'N-Quads' }).quadsToString(quads);
    const document = await jsonld.fromRDF(nquads, { format: 'application/n-quads' });
    const source = join(folder, `${PARTNER}-export.jsonld`);
    writeFileSync(source, JSON.stringify(document));
    const fromJsonLd = await importFileOf(source, PARTNER, defaults, join(folder, `${PARTNER}-catalog-jsonld.json`));
    expect(unordered(fromJsonLd.datasets.map(publicOf))).toEqual(unordered(served(original).map(publicOf)));
    expect(unordered(fromJsonLd.series ?? [])).toEqual(unordered(original.series ?? []));
  }, 120_000);

  it('imports every dataset under its own id', () => {
    expect(imported.datasets.map((d) => d.id).sort()).toEqual(served(original).map((d) => d.id).sort());
  });

  it('gives back the partner\'s dataset series unchanged', () => {
    expect(unordered(imported.series ?? [])).toEqual(unordered(original.series ?? []));
  });

  it('gives back each dataset\'s public metadata unchanged', () => {
    const byId = new Map(imported.datasets.map((d) => [d.id, d]));
    const diffs: string[] = [];
    for (const dataset of served(original)) {
      const a = publicOf(dataset);
      const b = byId.get(dataset.id) ? publicOf(byId.get(dataset.id)!) : {};
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) diffs.push(`${dataset.id} ${key}: ${JSON.stringify(a[key])} -> ${JSON.stringify(b[key])}`);
      }
    }
    expect(diffs).toEqual([]);
  });
});
