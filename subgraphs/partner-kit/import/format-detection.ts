import { asRecord, asRecords, asText, type JsonRecord } from './readers/json-fields.js';
import { isPackage } from './readers/ckan/ckan-packages.js';
import type { SourceReading } from './source-dataset.js';

// `--format auto`: which reader a file is for, decided by its content, never by its name. Each
// answer says why, so a partner whose file was misread knows which --format to give instead.

export type SourceFormat = SourceReading['format'];
export const SOURCE_FORMATS: readonly SourceFormat[] = ['dcat', 'ckan', 'datajson', 'schemaorg', 'beacon'];

export type Detection = { format: SourceFormat; reason: string } | { format: undefined; reason: string };

const DCAT_NAMESPACE = 'http://www.w3.org/ns/dcat#';
const POD_OR_DCAT_US = /project-open-data|dcat-us|resources\.data\.gov\/schemas/i;

/** `json` is the parsed text when it parsed as JSON, undefined when it is not JSON. */
export function detectFormat(text: string, json: unknown): Detection {
  if (json === undefined) return detectText(text);
  const top = asRecord(json);
  const first = Array.isArray(json) ? asRecord(json[0]) : undefined;
  return (top && (dataJson(top) ?? ckan(top) ?? ega(top) ?? beacon(top) ?? jsonLd(top) ?? dataJsonDataset(top)))
    ?? (first && listOf(first))
    ?? { format: undefined, reason: 'JSON that is none of the formats the importer reads (DCAT or schema.org JSON-LD, CKAN package_show, data.json, Beacon v2 or EGA); give --format to read it as one' };
}

function detectText(text: string): Detection {
  const start = text.trimStart();
  if (start.startsWith('<?xml') || start.startsWith('<rdf:RDF')) {
    return { format: undefined, reason: 'RDF/XML or another XML format, which the importer does not read; convert it to Turtle or JSON-LD' };
  }
  if (/^<!doctype html|^<html/i.test(start)) return { format: undefined, reason: 'an HTML page, not a catalog file' };
  if (start === '') return { format: undefined, reason: 'an empty file' };
  if (looksLikeTurtle(start)) return { format: 'dcat', reason: 'Turtle (read as DCAT)' };
  return { format: undefined, reason: 'neither JSON nor Turtle' };
}

// Turtle starts with a directive, a comment, an IRI or a prefixed name (RDF 1.1 Turtle, section 2).
function looksLikeTurtle(start: string): boolean {
  return /^(@prefix|@base|PREFIX\s|BASE\s|#|<|_:|[A-Za-z][\w.-]*:)/i.test(start);
}

function dataJson(top: JsonRecord): Detection | undefined {
  if (!Array.isArray(top.dataset)) return undefined;
  const conformsTo = asText(top.conformsTo) ?? '';
  if (POD_OR_DCAT_US.test(conformsTo)) return { format: 'datajson', reason: `a data.json catalog conforming to ${conformsTo}` };
  const datasets = asRecords(top.dataset);
  if ('themeTaxonomy' in top || 'superThemeTaxonomy' in top || datasets.some((d) => 'superTheme' in d)) {
    return { format: 'datajson', reason: 'a data.json catalog in Argentina\'s profile (themeTaxonomy, superTheme)' };
  }
  if (datasets.some((d) => 'accessLevel' in d || 'keyword' in d)) return { format: 'datajson', reason: 'a data.json catalog (dataset list with accessLevel or keyword)' };
  return undefined;
}

function dataJsonDataset(top: JsonRecord): Detection | undefined {
  const type = asText(top['@type']);
  const dataJsonKeys = ['accessLevel', 'keyword', 'contactPoint', 'distribution', 'publisher'].filter((k) => k in top);
  if ((type === 'Dataset' || type === 'dcat:Dataset' || type === undefined) && 'title' in top && !('@context' in top) && dataJsonKeys.length >= 2) {
    return { format: 'datajson', reason: `one data.json (DCAT-US) Dataset object (${dataJsonKeys.join(', ')})` };
  }
  return undefined;
}

function ckan(top: JsonRecord): Detection | undefined {
  if ('success' in top && ('result' in top || 'error' in top)) {
    const result = asRecord(top.result);
    if (result && Array.isArray(result.results)) return { format: 'ckan', reason: 'a CKAN package_search response' };
    return { format: 'ckan', reason: 'a CKAN action API response (package_show)' };
  }
  return isPackage(top) ? { format: 'ckan', reason: 'a CKAN package (resources, name, license_id ...)' } : undefined;
}

function ega(top: JsonRecord): Detection | undefined {
  const data = asRecord(top.data) ?? (Array.isArray(top.data) ? asRecord(top.data[0]) : undefined) ?? top;
  const descriptor = asRecord(data.schemaDescriptor);
  const reference = asText(asRecord(top.schema)?.$ref) ?? asText(descriptor?.describedBySchemaUri) ?? '';
  if (descriptor !== undefined || /ega-metadata-schema|EGA\.\w+\.json/.test(reference)) {
    return { format: 'beacon', reason: `an EGA metadata object (${asText(descriptor?.objectType) ?? 'schema EGA'})` };
  }
  return undefined;
}

function beacon(top: JsonRecord): Detection | undefined {
  const response = asRecord(top.response);
  if (response && (Array.isArray(response.collections) || Array.isArray(response.resultSets))) {
    return { format: 'beacon', reason: 'a Beacon v2 response' };
  }
  if (typeof top.id === 'string' && typeof top.name === 'string' && !('@context' in top) && !('title' in top) && !('resources' in top)) {
    return { format: 'beacon', reason: 'a Beacon v2 dataset (id and name' + ('dataUseConditions' in top ? ', dataUseConditions)' : ')') };
  }
  return undefined;
}

function jsonLd(top: JsonRecord): Detection | undefined {
  if (!('@context' in top) && !('@graph' in top)) return undefined;
  const contextIris = stringsIn(top['@context']);
  const types = typesIn(top);
  const dcatTyped = types.some((t) => t.startsWith('dcat:') || t.startsWith(DCAT_NAMESPACE));
  const schemaTyped = types.some((t) => /^(schema|sc|sdo):Dataset$/.test(t) || /^https?:\/\/schema\.org\/Dataset$/.test(t));
  const dcatContext = contextIris.some((iri) => iri.startsWith(DCAT_NAMESPACE) || iri.startsWith('https://www.w3.org/ns/dcat'));
  const schemaContext = contextIris.some((iri) => /^https?:\/\/schema\.org\/?$/.test(iri));
  if (dcatTyped) return { format: 'dcat', reason: 'JSON-LD with DCAT types' };
  if (schemaTyped || (schemaContext && (!dcatContext || types.includes('Dataset')))) {
    return { format: 'schemaorg', reason: 'JSON-LD whose @context is schema.org' };
  }
  if (dcatContext) return { format: 'dcat', reason: 'JSON-LD whose @context names DCAT' };
  return undefined;
}

function listOf(first: JsonRecord): Detection | undefined {
  if (isPackage(first)) return { format: 'ckan', reason: 'a list of CKAN packages' };
  if ('title' in first && ('accessLevel' in first || 'keyword' in first)) return { format: 'datajson', reason: 'a list of data.json datasets' };
  if (typeof first.id === 'string' && typeof first.name === 'string') return { format: 'beacon', reason: 'a list of Beacon v2 datasets' };
  if ('@context' in first || '@graph' in first) return jsonLd(first);
  return undefined;
}

/** Every string in a JSON-LD @context (IRIs of vocabularies, prefixes, remote contexts). */
function stringsIn(context: unknown): string[] {
  const found: string[] = [];
  const pending: unknown[] = [context];
  while (pending.length > 0 && found.length < 10_000) {
    const value = pending.pop();
    if (typeof value === 'string') found.push(value);
    // One at a time: spreading a list of hundreds of thousands of items would overflow the stack.
    else if (Array.isArray(value)) for (const item of value) pending.push(item);
    else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) pending.push(item);
  }
  return found;
}

/** The @type values of the top object and of the nodes of its @graph. */
function typesIn(top: JsonRecord): string[] {
  const nodes = [top, ...asRecords(top['@graph'])];
  return nodes.flatMap((node) => (Array.isArray(node['@type']) ? node['@type'] : [node['@type']]))
    .filter((t): t is string => typeof t === 'string');
}
