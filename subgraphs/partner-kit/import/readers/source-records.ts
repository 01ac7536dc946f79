import type { LocalizedText, SourceDataset, SourceDistribution } from '../source-dataset.js';

// Empty source records for the JSON readers to fill: every list present, so the mapping never
// meets an undefined list.

export function emptyDataset(sourceId: string): SourceDataset {
  return {
    sourceId,
    isSeries: false,
    identifiers: [],
    titles: [],
    descriptions: [],
    keywords: [],
    themes: [],
    languages: [],
    landingPages: [],
    contactPoints: [],
    creators: [],
    qualifiedAttributions: [],
    versionNotes: [],
    temporal: [],
    spatial: [],
    conformsTo: [],
    provenance: [],
    licences: [],
    rights: [],
    useConditions: [],
    distributions: [],
    inSeries: [],
    hasVersion: [],
  };
}

export function emptyDistribution(sourceId?: string): SourceDistribution {
  return {
    ...(sourceId === undefined ? {} : { sourceId }),
    titles: [],
    descriptions: [],
    accessUrls: [],
    downloadUrls: [],
    checksums: [],
    licences: [],
    rights: [],
    conformsTo: [],
    accessServices: [],
  };
}

/** Untagged texts: JSON catalogs (CKAN, data.json, Beacon, EGA) give no language with their strings. */
export function untagged(values: readonly (string | undefined)[]): LocalizedText[] {
  return values.filter((value): value is string => value !== undefined).map((value) => ({ value }));
}
