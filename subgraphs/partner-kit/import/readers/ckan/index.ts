import { parseJsonText } from '../../json-text.js';
import type { SourceAgent, SourceDataset, SourceDistribution, SourceProblem, SourceReading } from '../../source-dataset.js';
import { asList, asRecord, asRecords, asText, asTexts, emailAddress, firstText, type JsonRecord } from '../json-fields.js';
import { emptyDataset, emptyDistribution, untagged } from '../source-records.js';
import { ckanPackages } from './ckan-packages.js';

// CKAN's action API (package_show, or package_search's results): one package per dataset, one
// resource per distribution. Fields are read as the DCAT extension for CKAN (ckanext-dcat, "CKAN
// to DCAT" mapping) reads them: notes is dct:description, url the landing page, author the creator,
// maintainer the contact point, metadata_created and metadata_modified dct:issued and dct:modified
// unless the extras `issued` and `modified` say otherwise, and the extras that extension writes
// (language, access_rights, identifier, frequency, temporal_start, ...) are read where present.

export async function readCkan(text: string, fileName: string): Promise<SourceReading> {
  const json = parseJsonText(text, fileName);
  if (!json.ok) return { format: 'ckan', datasets: [], problems: [json.problem] };
  return readCkanJson(json.value);
}

export function readCkanJson(json: unknown): SourceReading {
  const problems: SourceProblem[] = [];
  const found = ckanPackages(json);
  if (found === undefined) {
    return { format: 'ckan', datasets: [], problems: [{ where: '$', message: 'no CKAN package: expected a package_show or package_search response, or a package object with "resources"' }] };
  }
  if (found.error) problems.push({ where: '$', message: `the CKAN API answered with an error: ${found.error}` });
  const datasets: SourceDataset[] = [];
  found.packages.forEach(({ record, where }) => {
    const id = firstText(record, 'id', 'name');
    if (id === undefined) {
      problems.push({ where, message: 'a package without "id" or "name" is not read' });
      return;
    }
    const state = asText(record.state);
    if (state !== undefined && state !== 'active') {
      problems.push({ where, message: `package "${id}" is ${state}, not active; it is not read` });
      return;
    }
    datasets.push(ckanDataset(id, record));
  });
  return { format: 'ckan', datasets, problems };
}

function ckanDataset(id: string, pkg: JsonRecord): SourceDataset {
  const extras = extrasOf(pkg);
  const field = (name: string): unknown => pkg[name] ?? extras.get(name);
  const dataset = emptyDataset(id);
  dataset.titles = untagged([asText(pkg.title) ?? asText(pkg.name)]);
  dataset.descriptions = untagged([asText(pkg.notes)]);
  dataset.keywords = untagged(asRecords(pkg.tags).map((tag) => firstText(tag, 'display_name', 'name')));
  dataset.themes = [...asRecords(pkg.groups).map((g) => firstText(g, 'title', 'display_name', 'name')), ...listField(field('theme'))]
    .filter((t): t is string => t !== undefined);
  dataset.languages = listField(field('language'));
  dataset.landingPages = asTexts(pkg.url);
  dataset.identifiers = [...listField(field('identifier')), ...listField(field('alternate_identifier'))].map((value) => ({ value }));
  const version = asText(pkg.version);
  if (version !== undefined) dataset.version = version;
  dataset.versionNotes = untagged([asText(field('version_notes'))]);
  const publisher = publisherOf(pkg, extras);
  if (publisher) dataset.publisher = publisher;
  dataset.contactPoints = [
    agent(asText(field('contact_name')), emailAddress(field('contact_email'))),
    agent(asText(pkg.maintainer), emailAddress(pkg.maintainer_email)),
  ].filter((a): a is SourceAgent => a !== undefined);
  const author = agent(asText(pkg.author), emailAddress(pkg.author_email));
  if (author) dataset.creators = [author];
  setText(dataset, 'issued', asText(extras.get('issued')) ?? asText(pkg.metadata_created));
  setText(dataset, 'modified', asText(extras.get('modified')) ?? asText(pkg.metadata_modified));
  const start = asText(field('temporal_start'));
  const end = asText(field('temporal_end'));
  if (start !== undefined || end !== undefined) dataset.temporal = [{ ...(start ? { start } : {}), ...(end ? { end } : {}) }];
  const spatialUri = asText(field('spatial_uri'));
  if (spatialUri !== undefined) dataset.spatial = [{ iri: spatialUri, names: [] }];
  setText(dataset, 'accrualPeriodicity', asText(field('frequency')));
  dataset.conformsTo = listField(field('conforms_to'));
  dataset.provenance = untagged([asText(field('provenance'))]);
  // A package that is not private is shown, with its resources, to anyone (CKAN's authorization:
  // package_show on a public package needs no login); access_rights, when the extension wrote one, says more.
  const accessRights = asText(field('access_rights'));
  if (accessRights !== undefined) dataset.accessRights = accessRights;
  else if (typeof pkg.private === 'boolean') dataset.accessRights = pkg.private ? 'non-public' : 'public';
  const licence = {
    ...(asText(pkg.license_id) ? { id: asText(pkg.license_id) } : {}),
    ...(asText(pkg.license_title) ? { name: asText(pkg.license_title) } : {}),
    ...(asText(pkg.license_url) ? { uri: asText(pkg.license_url) } : {}),
  };
  if (Object.keys(licence).length > 0) dataset.licences = [licence];
  dataset.distributions = asRecords(pkg.resources)
    .filter((resource) => (asText(resource.state) ?? 'active') === 'active')
    .map(ckanDistribution);
  return dataset;
}

function ckanDistribution(resource: JsonRecord): SourceDistribution {
  const distribution = emptyDistribution(asText(resource.id));
  distribution.titles = untagged([asText(resource.name)]);
  distribution.descriptions = untagged([asText(resource.description)]);
  const url = asText(resource.url);
  // An uploaded file's url is the file itself; any other url is where the data can be reached.
  if (url !== undefined) (asText(resource.url_type) === 'upload' ? distribution.downloadUrls : distribution.accessUrls).push(url);
  distribution.accessUrls.push(...asTexts(resource.access_url));
  distribution.downloadUrls.push(...asTexts(resource.download_url));
  const mediaType = asText(resource.mimetype);
  if (mediaType !== undefined) distribution.mediaType = mediaType;
  const format = asText(resource.format);
  if (format !== undefined) distribution.format = format;
  const size = resource.size;
  if (typeof size === 'number' || typeof size === 'string') distribution.byteSize = size;
  // CKAN's hash names no algorithm; ckanext-dcat keeps it in hash_algorithm.
  const hash = asText(resource.hash);
  const algorithm = asText(resource.hash_algorithm);
  if (hash !== undefined && algorithm !== undefined) distribution.checksums = [{ algorithm, value: hash }];
  const licence = asText(resource.license);
  if (licence !== undefined) distribution.licences = [licence.includes(':') ? { uri: licence } : { id: licence }];
  distribution.rights = untagged([asText(resource.rights)]);
  distribution.conformsTo = listField(resource.conforms_to);
  const issued = asText(resource.issued) ?? asText(resource.created);
  if (issued !== undefined) distribution.issued = issued;
  const modified = asText(resource.modified) ?? asText(resource.last_modified);
  if (modified !== undefined) distribution.modified = modified;
  return distribution;
}

function publisherOf(pkg: JsonRecord, extras: ReadonlyMap<string, unknown>): SourceAgent | undefined {
  const organization = asRecord(pkg.organization);
  const name = asText(extras.get('publisher_name')) ?? (organization ? firstText(organization, 'title', 'name') : undefined);
  if (name === undefined) return undefined;
  const homepage = asText(extras.get('publisher_url'));
  const identifier = asText(extras.get('publisher_uri'));
  return { names: [{ value: name }], kind: 'organization', ...(homepage ? { homepage } : {}), ...(identifier ? { identifier } : {}) };
}

function agent(name: string | undefined, email: string | undefined): SourceAgent | undefined {
  if (name === undefined && email === undefined) return undefined;
  return { names: untagged([name]), ...(email ? { email } : {}) };
}

/** CKAN's extras as a map; ckanext-dcat writes list values as JSON arrays in a string. */
function extrasOf(pkg: JsonRecord): Map<string, unknown> {
  const extras = new Map<string, unknown>();
  for (const extra of asRecords(pkg.extras)) {
    const key = asText(extra.key);
    if (key !== undefined && !extras.has(key)) extras.set(key, extra.value);
  }
  return extras;
}

function listField(value: unknown): string[] {
  const text = typeof value === 'string' ? value.trim() : undefined;
  if (text?.startsWith('[')) {
    try {
      return asTexts(JSON.parse(text));
    } catch {
      return [text];
    }
  }
  return asList(value).flatMap((v) => asTexts(v));
}

function setText<K extends 'issued' | 'modified' | 'accrualPeriodicity'>(dataset: SourceDataset, key: K, value: string | undefined): void {
  if (value !== undefined) dataset[key] = value;
}
