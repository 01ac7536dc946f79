import type { BlankNode, NamedNode } from 'n3';
import { agentNode, attributionNode, partnerNode } from './agent-triples.js';
import { accessRightsIri, countryIri, dataThemeIri, dataThemeLabel } from './authority-terms.js';
import { distributionNode } from './distribution-triples.js';
import { absoluteIri } from './export-addresses.js';
import type { ExportedDataset, ExportedTranslation } from './export-operation.js';
import { licenceNode } from './licence-triples.js';
import type { MappingContext } from './mapping-context.js';
import { adms, dcat, dct, gsp, prov, rdf, skos, xsd } from './rdf-vocabulary.js';
import { seriesNode } from './series-triples.js';
import { provenanceStatement, standardNode } from './statement-triples.js';
import { calendarDate, dateTime, duration, plain, text, typed, type Subject } from './triple-sink.js';
import { dataClassNode, useConditionNode } from './use-condition-triples.js';

/** One dcat:Dataset with everything public the contract says about it (DCAT-AP 3, Dataset). */
export function datasetNode(context: MappingContext, dataset: ExportedDataset): NamedNode {
  const { sink, addresses } = context;
  const node = addresses.dataset(dataset.id);
  const language = dataset.language;
  sink.add(node, rdf.type, dcat.Dataset);
  sink.add(node, dct.identifier, plain(dataset.id));
  addTexts(context, node, { language, title: dataset.title, description: dataset.description, keywords: dataset.keywords });
  for (const translation of dataset.translations) addTexts(context, node, translation);
  for (const theme of dataset.themes) sink.add(node, dcat.theme, themeNode(context, theme, language));
  sink.add(node, dct.publisher, partnerNode(context, dataset.publisher));
  for (const creator of dataset.creators) sink.add(node, dct.creator, agentNode(context, creator));
  for (const attribution of dataset.qualifiedAttributions) sink.add(node, prov.qualifiedAttribution, attributionNode(context, attribution));
  sink.add(node, dcat.landingPage, absoluteIri(dataset.landingPage));
  for (const identifier of dataset.identifiers) sink.add(node, adms.identifier, identifierNode(context, identifier));
  addVersion(context, node, dataset);
  for (const series of dataset.inSeries) sink.add(node, dcat.inSeries, seriesNode(context, series));
  sink.add(node, dct.issued, calendarDate(dataset.issued));
  sink.add(node, dct.modified, dateTime(dataset.modified));
  if (dataset.accrualPeriodicity) sink.add(node, dct.accrualPeriodicity, frequencyNode(context, dataset.accrualPeriodicity));
  if (dataset.temporalResolution) sink.add(node, dcat.temporalResolution, duration(dataset.temporalResolution));
  if (dataset.temporalCoverage) sink.add(node, dct.temporal, periodNode(context, dataset.temporalCoverage));
  addSpatial(context, node, dataset.spatialCoverage, language);
  for (const standard of dataset.conformsTo) sink.add(node, dct.conformsTo, standardNode(context, standard, language));
  if (dataset.provenance) sink.add(node, dct.provenance, provenanceStatement(context, dataset.provenance, language));
  sink.add(node, dct.accessRights, accessRightsIri(dataset.dataClass));
  sink.add(node, dct.rights, dataClassNode(context, dataset.dataClass));
  // An embargo is the date the content becomes available (DCMI, dct:available).
  sink.add(node, dct.available, calendarDate(dataset.embargoUntil));
  sink.add(node, dct.license, licenceNode(context, dataset.licence));
  for (const condition of dataset.useConditions) sink.add(node, dct.rights, useConditionNode(context, condition));
  for (const distribution of dataset.distributions) sink.add(node, dcat.distribution, distributionNode(context, distribution, language));
  return node;
}

/** Title, description and keywords in one language; a translation may give only some of them. */
export function addTexts(
  { sink }: MappingContext, node: Subject, texts: Pick<ExportedTranslation, 'language' | 'keywords'> & { title?: string | null; description?: string | null },
): void {
  if (texts.title) sink.add(node, dct.title, text(texts.title, texts.language));
  if (texts.description) sink.add(node, dct.description, text(texts.description, texts.language));
  for (const keyword of texts.keywords) sink.add(node, dcat.keyword, text(keyword, texts.language));
}

/** An EU data theme when the label is one, else a concept of the partner's own with its exact label. */
function themeNode({ sink }: MappingContext, label: string, language: string): NamedNode | BlankNode {
  const iri = dataThemeIri(label);
  const node = iri ?? sink.blank();
  sink.add(node, rdf.type, skos.Concept);
  sink.add(node, skos.prefLabel, iri ? text(dataThemeLabel(label), 'en') : text(label, language));
  return node;
}

function identifierNode({ sink }: MappingContext, identifier: { value: string; scheme: string | null }): BlankNode {
  const node = sink.blank();
  sink.add(node, rdf.type, adms.Identifier);
  sink.add(node, skos.notation, plain(identifier.value));
  if (identifier.scheme) sink.add(node, adms.schemaAgency, plain(identifier.scheme));
  return node;
}

/** dcat:version, adms:versionNotes, and the versions it derives from: a dataset id of the partner, or an IRI. */
function addVersion(context: MappingContext, node: NamedNode, dataset: ExportedDataset): void {
  const { sink, addresses } = context;
  if (dataset.version) sink.add(node, dcat.version, plain(dataset.version));
  if (dataset.versionNotes) sink.add(node, adms.versionNotes, text(dataset.versionNotes, dataset.language));
  const related = (reference: string | null) => {
    if (!reference) return undefined;
    return reference.startsWith(`${dataset.publisher.id}:`) ? addresses.dataset(reference) : absoluteIri(reference);
  };
  sink.add(node, dcat.isVersionOf, related(dataset.isVersionOf));
  sink.add(node, dcat.previousVersion, related(dataset.previousVersion));
}

/** dct:accrualPeriodicity: an EU frequency IRI, or an ISO 8601 duration or repeating interval as a dct:Frequency. */
function frequencyNode({ sink }: MappingContext, periodicity: string): NamedNode | BlankNode {
  const iri = absoluteIri(periodicity);
  if (iri) return iri;
  const node = sink.blank();
  sink.add(node, rdf.type, dct.Frequency);
  sink.add(node, rdf.value, plain(periodicity));
  return node;
}

function periodNode({ sink }: MappingContext, period: NonNullable<ExportedDataset['temporalCoverage']>): BlankNode {
  const node = sink.blank();
  sink.add(node, rdf.type, dct.PeriodOfTime);
  sink.add(node, dcat.startDate, calendarDate(period.start));
  sink.add(node, dcat.endDate, calendarDate(period.end));
  return node;
}

/**
 * dct:spatial: the named place as a dct:Location with its bounding box (dcat:bbox, a WKT polygon in
 * WGS 84 longitude/latitude, GeoSPARQL's default CRS), and each country as the EU authority's IRI.
 */
function addSpatial(context: MappingContext, node: NamedNode, coverage: ExportedDataset['spatialCoverage'], language: string): void {
  if (!coverage) return;
  const { sink } = context;
  const location = sink.blank();
  sink.add(node, dct.spatial, location);
  sink.add(location, rdf.type, dct.Location);
  sink.add(location, skos.prefLabel, text(coverage.name, language));
  const wkt = boundingBoxWkt(coverage.boundingBox);
  if (wkt) sink.add(location, dcat.bbox, typed(wkt, gsp.wktLiteral));
  for (const country of coverage.countries) {
    const iri = countryIri(country);
    if (iri) {
      sink.add(node, dct.spatial, iri);
    } else {
      const unknown = sink.blank();
      sink.add(unknown, rdf.type, dct.Location);
      sink.add(unknown, skos.notation, plain(country));
      sink.add(node, dct.spatial, unknown);
    }
  }
}

/** West, south, east, north as a closed WKT polygon, counter-clockwise from the south-west corner. */
export function boundingBoxWkt(box: readonly number[] | null): string | undefined {
  if (!box || box.length !== 4 || box.some((n) => !Number.isFinite(n))) return undefined;
  const [west, south, east, north] = box as [number, number, number, number];
  return `POLYGON((${west} ${south}, ${east} ${south}, ${east} ${north}, ${west} ${north}, ${west} ${south}))`;
}
