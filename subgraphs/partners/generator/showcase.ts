import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CHECKSUM_ALGORITHMS } from '../../../schema/vocabulary.js';
import { DatasetRecord, DistributionRecord, SeriesRecord, type CatalogFile } from '../../partner-kit/catalog-file.js';
import { iri, languageTag } from '../../partner-kit/catalog-values.js';

// A profile's showcase: the contract's optional metadata (translations, identifiers, creators,
// series and versions, several checksums, a distribution with its own licence, rights and data
// service) written by hand onto a few fixed datasets of the demo catalog. Nothing is drawn, so the
// rest of the catalog is exactly what the dice gave; datasets are named by number, series and
// distributions by a local key that gets the partner's or dataset's prefix.

const localKey = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lower-case key such as "temperature-reanalysis"');
const datasetNumber = z.number().int().positive();
const shape = DatasetRecord.shape;
// The records' own fields but the id, which the key and the prefix make. The checks across fields
// (a media type or a format) are the loader's, which the generator runs on every catalog it writes.
const { id: _distributionId, ...distributionFields } = DistributionRecord.shape;
const { id: _seriesId, ...seriesFields } = SeriesRecord.shape;

const ShowcaseDataset = z.strictObject({
  dataset: datasetNumber,
  language: shape.language,
  translations: shape.translations,
  landingPage: shape.landingPage,
  identifiers: shape.identifiers,
  creators: shape.creators,
  qualifiedAttributions: shape.qualifiedAttributions,
  accrualPeriodicity: shape.accrualPeriodicity,
  temporalResolution: shape.temporalResolution,
  versionNotes: shape.versionNotes,
  isVersionOf: iri.optional(),
  /** Keys of the showcase's series. */
  inSeries: z.array(localKey).optional(),
  /** The number of the dataset this one follows. */
  previousVersion: datasetNumber.optional(),
  /** Checksums added to each drawn distribution: the digest of the distribution's id, so they are stable. */
  checksums: z.array(z.enum(CHECKSUM_ALGORITHMS)).optional(),
  /** Distributions added after the drawn ones; each id is the dataset id, "/" and the key. */
  distributions: z.array(z.strictObject({ key: localKey, ...distributionFields })).optional(),
});

export const Showcase = z.strictObject({
  language: languageTag.optional(),
  series: z.array(z.strictObject({ key: localKey, ...seriesFields })).optional(),
  datasets: z.array(ShowcaseDataset),
});

export type Showcase = z.infer<typeof Showcase>;

/**
 * The catalog with the showcase written onto it. A dataset number past the catalog's size is
 * skipped (with anything that names it), so a smaller catalog drawn from the same profile still loads.
 */
export function applyShowcase(catalog: CatalogFile, showcase: Showcase): CatalogFile {
  const partner = catalog.partner.id;
  const idOf = (n: number) => catalog.datasets[n - 1]?.id;
  const seriesId = (key: string) => `${partner}:series-${key}`;
  const changes = new Map(showcase.datasets.filter((s) => idOf(s.dataset)).map((s) => [s.dataset, s]));
  const datasets = catalog.datasets.map((dataset, i) => {
    const change = changes.get(i + 1);
    if (!change) return dataset;
    const { dataset: _n, inSeries, previousVersion, checksums, distributions, ...fields } = change;
    const drawn = dataset.distributions.map((d) => (checksums ? { ...d, checksums: checksums.map((algorithm) => digestOf(d.id, algorithm)) } : d));
    const added = (distributions ?? []).map(({ key, ...d }) => ({ id: `${dataset.id}/${key}`, ...definedOnly(d) }));
    const previous = previousVersion === undefined ? undefined : idOf(previousVersion);
    return {
      ...dataset,
      ...definedOnly(fields),
      ...(inSeries ? { inSeries: inSeries.map(seriesId) } : {}),
      ...(previous ? { previousVersion: previous } : {}),
      distributions: [...drawn, ...added],
    };
  });
  const series = (showcase.series ?? []).map(({ key, ...s }) => ({ id: seriesId(key), ...definedOnly(s) }));
  return {
    partner: catalog.partner,
    ...(showcase.language ? { language: showcase.language } : {}),
    ...(series.length > 0 ? { series } : {}),
    datasets,
  };
}

function digestOf(text: string, algorithm: (typeof CHECKSUM_ALGORITHMS)[number]) {
  return { algorithm, value: createHash(algorithm).update(text).digest('hex') };
}

// Fields zod read as absent stay absent in the written file.
function definedOnly<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}
