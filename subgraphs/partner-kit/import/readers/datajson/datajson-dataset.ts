import type { SourceDataService, SourceDataset, SourceDistribution } from '../../source-dataset.js';
import { asList, asRecord, asRecords, asText, asTexts, firstText, type JsonRecord } from '../json-fields.js';
import { emptyDataset, emptyDistribution, untagged } from '../source-records.js';
import { agentOf, agentsOf, labelsOf, licencesOf, periodsOf, placesOf, referenceOf, referencesOf } from './datajson-values.js';

export interface DatasetOfCatalog {
  record: JsonRecord;
  where: string;
}

export interface DataJsonDataset {
  dataset: SourceDataset;
  /** The series the dataset names with a title of their own (DCAT-US 3.0 inSeries objects). */
  series: SourceDataset[];
  samplesLeftOut: number;
}

export function dataJsonDataset(record: JsonRecord): DataJsonDataset | undefined {
  const identifier = record.identifier;
  const sourceId = asText(record['@id']) ?? referenceOf(identifier) ?? asText(record.title);
  if (sourceId === undefined) return undefined;
  const dataset = emptyDataset(sourceId);
  dataset.identifiers = [identifier, ...asList(record.otherIdentifier)].flatMap(identifierOf);
  dataset.titles = untagged([asText(record.title)]);
  dataset.descriptions = untagged([asText(record.description)]);
  dataset.keywords = untagged(asTexts(record.keyword));
  dataset.themes = [...labelsOf(record.theme), ...labelsOf(record.superTheme)];
  dataset.languages = asTexts(record.language);
  dataset.landingPages = referencesOf(record.landingPage);
  const publisher = agentOf(record.publisher, 'organization');
  if (publisher) dataset.publisher = publisher;
  dataset.contactPoints = agentsOf(record.contactPoint);
  dataset.creators = agentsOf(record.creator);
  dataset.qualifiedAttributions = asRecords(record.qualifiedAttribution).flatMap((attribution) => {
    const agent = agentOf(attribution.agent);
    const role = referenceOf(attribution.hadRole);
    return agent ? [{ agent, ...(role ? { role } : {}) }] : [];
  });
  setText(dataset, 'version', asText(record.version));
  dataset.versionNotes = untagged([asText(record.versionNotes)]);
  setText(dataset, 'issued', asText(record.issued));
  setText(dataset, 'modified', asText(record.modified));
  dataset.temporal = periodsOf(record.temporal);
  dataset.spatial = placesOf(record.spatial);
  setText(dataset, 'accrualPeriodicity', referenceOf(record.accrualPeriodicity));
  setText(dataset, 'temporalResolution', asText(record.temporalResolution));
  dataset.conformsTo = referencesOf(record.conformsTo);
  dataset.provenance = untagged(asTexts(record.provenance));
  // POD 1.1's accessLevel is the statement of access; DCAT-US 3.0 has dct:accessRights instead.
  setText(dataset, 'accessRights', asText(record.accessLevel) ?? referenceOf(record.accessRights));
  dataset.licences = licencesOf(record.license);
  dataset.rights = untagged(asTexts(record.rights));
  dataset.distributions = asRecords(record.distribution).map(distributionOf);
  const seriesRecords = asList(record.inSeries);
  dataset.inSeries = referencesOf(seriesRecords);
  setText(dataset, 'isVersionOf', referenceOf(record.isVersionOf));
  setText(dataset, 'previousVersion', referenceOf(record.previousVersion));
  dataset.hasVersion = referencesOf(record.hasVersion);
  const series = seriesRecords.flatMap((item) => {
    const seriesRecord = asRecord(item);
    const id = seriesRecord ? referenceOf(seriesRecord) : undefined;
    if (seriesRecord === undefined || id === undefined || asText(seriesRecord.title) === undefined) return [];
    const described = emptyDataset(id);
    described.isSeries = true;
    described.titles = untagged([asText(seriesRecord.title)]);
    described.descriptions = untagged([asText(seriesRecord.description)]);
    setText(described, 'issued', asText(seriesRecord.issued));
    setText(described, 'modified', asText(seriesRecord.modified));
    return [described];
  });
  return { dataset, series, samplesLeftOut: asList(record.sample).length };
}

/** identifier: a string (POD 1.1) or an Identifier object with notation and schemaAgency (DCAT-US 3.0). */
function identifierOf(value: unknown): Array<{ value: string; scheme?: string }> {
  const record = asRecord(value);
  if (record) {
    const notation = firstText(record, 'notation', '@id');
    const scheme = firstText(record, 'schemaAgency', 'creator');
    return notation ? [{ value: notation, ...(scheme ? { scheme } : {}) }] : [];
  }
  const text = asText(value);
  return text ? [{ value: text }] : [];
}

function distributionOf(record: JsonRecord): SourceDistribution {
  const distribution = emptyDistribution(asText(record['@id']) ?? asText(record.identifier));
  distribution.titles = untagged([asText(record.title)]);
  distribution.descriptions = untagged([asText(record.description)]);
  distribution.accessUrls = asTexts(record.accessURL);
  distribution.downloadUrls = asTexts(record.downloadURL);
  setText(distribution, 'mediaType', asText(record.mediaType));
  setText(distribution, 'format', asText(record.format));
  setText(distribution, 'compressFormat', asText(record.compressFormat));
  setText(distribution, 'packageFormat', asText(record.packageFormat));
  const size = record.byteSize;
  if (typeof size === 'number' || typeof size === 'string') distribution.byteSize = size;
  distribution.checksums = asRecords(record.checksum).flatMap((checksum) => {
    const algorithm = referenceOf(checksum.algorithm);
    const value = firstText(checksum, 'checksumValue', 'value');
    return algorithm && value ? [{ algorithm, value }] : [];
  });
  distribution.licences = licencesOf(record.license);
  distribution.rights = untagged(asTexts(record.rights));
  distribution.conformsTo = referencesOf(record.conformsTo);
  distribution.accessServices = asRecords(record.accessService).map(serviceOf);
  setText(distribution, 'issued', asText(record.issued));
  setText(distribution, 'modified', asText(record.modified));
  return distribution;
}

function serviceOf(record: JsonRecord): SourceDataService {
  return {
    titles: untagged([asText(record.title)]),
    endpointUrls: referencesOf(record.endpointURL),
    endpointDescriptions: referencesOf(record.endpointDescription),
    conformsTo: referencesOf(record.conformsTo),
  };
}

function setText<T extends object, K extends keyof T>(target: T, key: K, value: string | undefined): void {
  if (value !== undefined) (target as Record<K, string>)[key] = value;
}
