import { DUO_BY_CODE } from '../../schema/duo-terms.js';
import type { ChecksumRecord, DatasetRecord, DistributionRecord, LicenceRecord, SeriesRecord, TranslationRecord } from './catalog-file.js';
import type { PartnerCatalog } from './load-catalog.js';

// How the catalog file's records become the contract's fields (schema/partner.graphql) where the
// two differ: values derived from the file (DUO labels, the language a record inherits), lists that
// the file may leave out served as empty lists, and a distribution's licence, which is its own or
// else its dataset's.

/** The resolvers of a partner's dataset type for the fields that are not read as stored. */
export function datasetFieldResolvers(catalog: PartnerCatalog) {
  return {
    publisher: () => catalog.partner,
    useConditions: (dataset: DatasetRecord) => dataset.useConditions.map((condition) => {
      const term = DUO_BY_CODE.get(condition.code)!;
      return { ...condition, termId: term.id, label: term.label };
    }),
    distributions: (dataset: DatasetRecord) => dataset.distributions.map((d) => servedDistribution(d, dataset.licence)),
    sampleRecords: (dataset: DatasetRecord) => dataset.sampleRecords?.map((record) => JSON.stringify(record)) ?? null,
    language: (dataset: DatasetRecord) => dataset.language ?? catalog.language,
    translations: (dataset: DatasetRecord) => servedTranslations(dataset.translations),
    identifiers: (dataset: DatasetRecord) => dataset.identifiers ?? [],
    creators: (dataset: DatasetRecord) => dataset.creators ?? [],
    qualifiedAttributions: (dataset: DatasetRecord) => dataset.qualifiedAttributions ?? [],
    // Every id was checked against the file's series at load (catalog-references.ts).
    inSeries: (dataset: DatasetRecord) => (dataset.inSeries ?? []).map((id) => servedSeries(catalog.series.get(id)!, catalog.language)),
  };
}

/**
 * A distribution as the contract serves it. DCAT 3 puts dct:license on both the dataset and the
 * distribution: a distribution without its own is under the dataset's, and the gateway decides its
 * URLs and its service's endpoint under the licence served here (schema/policy/catalog-facts.ts).
 */
export function servedDistribution(distribution: DistributionRecord, datasetLicence: LicenceRecord) {
  const { accessService } = distribution;
  const checksums = servedChecksums(distribution);
  return {
    ...distribution,
    licence: distribution.licence ?? datasetLicence,
    checksum: checksums[0] ?? null,
    checksums,
    accessService: accessService ? { ...accessService, conformsTo: accessService.conformsTo ?? [] } : null,
  };
}

/** The first version's single `checksum` first, then `checksums`, each value once. */
function servedChecksums(distribution: DistributionRecord): ChecksumRecord[] {
  const all = [...(distribution.checksum ? [distribution.checksum] : []), ...(distribution.checksums ?? [])];
  return all.filter((c, i) => all.findIndex((o) => o.algorithm === c.algorithm && o.value === c.value) === i);
}

function servedTranslations(translations: readonly TranslationRecord[] | undefined) {
  return (translations ?? []).map((t) => ({ ...t, keywords: t.keywords ?? [] }));
}

function servedSeries(series: SeriesRecord, language: string) {
  return { ...series, language, translations: servedTranslations(series.translations) };
}
