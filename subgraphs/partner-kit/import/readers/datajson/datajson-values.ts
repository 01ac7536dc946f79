import type { SourceAgent, SourceLicence, SourcePeriod, SourceSpatial } from '../../source-dataset.js';
import { asList, asRecord, asText, emailAddress, firstText } from '../json-fields.js';
import { untagged } from '../source-records.js';

// The values data.json writes either as a string (POD 1.1) or as an object (DCAT-US 3.0): agents,
// licences, concepts, periods and places.

/** An IRI or an id: a string as written, or an object's "@id" (or the fields DCAT-US 3.0 puts the value in). */
export function referenceOf(value: unknown): string | undefined {
  const record = asRecord(value);
  return record ? firstText(record, '@id', 'identifier', 'notation', 'accessURL', 'url') : asText(value);
}

export function referencesOf(value: unknown): string[] {
  return asList(value).map(referenceOf).filter((v): v is string => v !== undefined);
}

/** A label: a string, or a concept's prefLabel (its @id when it has none). */
export function labelsOf(value: unknown): string[] {
  return asList(value).map((item) => {
    const record = asRecord(item);
    return record ? firstText(record, 'prefLabel', 'title', 'name', 'label', '@id') : asText(item);
  }).filter((v): v is string => v !== undefined);
}

/** publisher (name, subOrganizationOf, mbox), contactPoint (fn, hasEmail) or creator (name). */
export function agentOf(value: unknown, kind?: SourceAgent['kind']): SourceAgent | undefined {
  const record = asRecord(value);
  if (record === undefined) {
    const name = asText(value);
    return name === undefined ? undefined : { names: [{ value: name }], ...(kind ? { kind } : {}) };
  }
  const name = firstText(record, 'name', 'fn', 'prefLabel', 'organization-name');
  const email = emailAddress(record.hasEmail ?? record.mbox ?? record.email);
  if (name === undefined && email === undefined) return undefined;
  const identifier = asText(record['@id']);
  const homepage = asText(record.homepage ?? record.url);
  const type = (asText(record['@type']) ?? '').toLowerCase();
  const agentKind = type.endsWith('person') ? 'person' : type.endsWith('organization') ? 'organization' : kind;
  return {
    names: untagged([name]),
    ...(agentKind ? { kind: agentKind } : {}),
    ...(identifier && !identifier.startsWith('_:') ? { identifier } : {}),
    ...(email ? { email } : {}),
    ...(homepage ? { homepage } : {}),
  };
}

export function agentsOf(value: unknown, kind?: SourceAgent['kind']): SourceAgent[] {
  return asList(value).map((item) => agentOf(item, kind)).filter((a): a is SourceAgent => a !== undefined);
}

/** license: a URL, an id or a name as a string, or a LicenseDocument object. */
export function licencesOf(value: unknown): SourceLicence[] {
  return asList(value).flatMap((item): SourceLicence[] => {
    const record = asRecord(item);
    if (record) {
      const uri = asText(record['@id']) ?? asText(record.url);
      const name = firstText(record, 'title', 'name', 'prefLabel');
      return uri || name ? [{ ...(uri ? { uri } : {}), ...(name ? { name } : {}) }] : [];
    }
    const text = asText(item);
    if (text === undefined) return [];
    return [/^[a-z][a-z0-9+.-]*:/i.test(text) ? { uri: text } : text.includes(' ') ? { name: text } : { id: text }];
  });
}

/** temporal: an ISO 8601 interval "start/end" (POD 1.1), or PeriodOfTime objects (DCAT-US 3.0). */
export function periodsOf(value: unknown): SourcePeriod[] {
  return asList(value).flatMap((item): SourcePeriod[] => {
    const record = asRecord(item);
    if (record) {
      const start = firstText(record, 'startDate', 'start', 'hasBeginning');
      const end = firstText(record, 'endDate', 'end', 'hasEnd');
      return start || end ? [{ ...(start ? { start } : {}), ...(end ? { end } : {}) }] : [];
    }
    const text = asText(item);
    if (text === undefined) return [];
    const [start, end] = text.split('/');
    return [{ ...(start ? { start } : {}), ...(end ? { end } : {}) }];
  });
}

/**
 * spatial: a place name ("United States"), a country code ("ARG"), a bounding box "west,south,east,north"
 * (POD 1.1 allows all three), or Location objects (DCAT-US 3.0) with a geometry, bbox or @id.
 */
export function placesOf(value: unknown): SourceSpatial[] {
  return asList(value).flatMap((item): SourceSpatial[] => {
    const record = asRecord(item);
    if (record) {
      const iri = asText(record['@id']);
      const names = untagged([firstText(record, 'prefLabel', 'name', 'title')]);
      const box = boundingBoxOf(asText(record.bbox));
      const geometry = asText(record.geometry) ?? asText(record.bbox);
      return [{ names, ...(iri && !iri.startsWith('_:') ? { iri } : {}), ...(box ? { boundingBox: box } : geometry ? { geometry } : {}) }];
    }
    const text = asText(item);
    if (text === undefined) return [];
    const box = boundingBoxOf(text);
    if (box) return [{ names: [], boundingBox: box }];
    if (/^[A-Za-z]{2,3}$/.test(text) || /^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return [{ iri: text, names: [] }];
    return [{ names: [{ value: text }] }];
  });
}

function boundingBoxOf(text: string | undefined): [number, number, number, number] | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== 4 || parts.some((p) => p === '' || Number.isNaN(Number(p)))) return undefined;
  const [west, south, east, north] = parts.map(Number) as [number, number, number, number];
  return [west, south, east, north];
}
