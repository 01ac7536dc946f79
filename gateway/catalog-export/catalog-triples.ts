import { DataFactory, type NamedNode, type Quad } from 'n3';
import { pageAddress, type PageLinks } from './catalog-paging.js';
import { datasetNode } from './dataset-triples.js';
import { exportAddresses } from './export-addresses.js';
import type { ExportedDataset } from './export-operation.js';
import type { MappingContext } from './mapping-context.js';
import { dcat, dct, foaf, hydra, rdf, xsd } from './rdf-vocabulary.js';
import { plain, text, TripleSink, typed } from './triple-sink.js';

/** What the operator says about the catalog as a whole (catalog-export-settings.ts). */
export interface CatalogDescription {
  title: string;
  description: string;
  publisher: string;
}

/** One page of the catalog, as read through the gateway. */
export interface CatalogPage {
  datasets: readonly ExportedDataset[];
  /** Datasets in the whole catalog, on every page (the index's totalCount). */
  totalCount: number;
  links: PageLinks;
}

export interface CatalogDocumentInput {
  baseUrl: string;
  /** The path the page was asked for (/catalog, /catalog.ttl, /catalog.jsonld): the paging links stay on it. */
  path: string;
  description: CatalogDescription;
  page: CatalogPage;
}

/**
 * The RDF graph of one page: the dcat:Catalog (DCAT-AP 3, Catalogue) listing the page's datasets,
 * each described in full, and the Hydra view that links the pages together (Hydra Core,
 * PartialCollectionView; the catalog is the collection, its datasets the members).
 */
export function catalogPageQuads({ baseUrl, path, description, page }: CatalogDocumentInput): readonly Quad[] {
  const context: MappingContext = { sink: new TripleSink(), addresses: exportAddresses(baseUrl) };
  const { sink, addresses } = context;
  const catalog = addresses.catalog;
  sink.add(catalog, rdf.type, dcat.Catalog);
  sink.add(catalog, dct.title, text(description.title, 'en'));
  sink.add(catalog, dct.description, text(description.description, 'en'));
  sink.add(catalog, dct.publisher, addresses.catalogPublisher);
  sink.add(catalog, foaf.homepage, DataFactory.namedNode(`${addresses.base}/`));
  sink.add(addresses.catalogPublisher, rdf.type, foaf.Agent);
  sink.add(addresses.catalogPublisher, foaf.name, plain(description.publisher));
  addView(sink, catalog, addresses.base, path, page);
  for (const dataset of page.datasets) sink.add(catalog, dcat.dataset, datasetNode(context, dataset));
  return sink.quads();
}

function addView(sink: TripleSink, catalog: NamedNode, base: string, path: string, page: CatalogPage): void {
  const at = (n: number) => DataFactory.namedNode(pageAddress(base, path, n));
  const view = at(page.links.page);
  sink.add(catalog, hydra.totalItems, typed(String(page.totalCount), xsd.nonNegativeInteger));
  sink.add(catalog, hydra.view, view);
  sink.add(view, rdf.type, hydra.PartialCollectionView);
  sink.add(view, hydra.first, at(page.links.first));
  sink.add(view, hydra.last, at(page.links.last));
  if (page.links.previous !== undefined) sink.add(view, hydra.previous, at(page.links.previous));
  if (page.links.next !== undefined) sink.add(view, hydra.next, at(page.links.next));
}
