import { DEFAULT_LANGUAGE, sameLanguageTag } from '../../../../schema/vocabulary.js';
import type { DatasetRecordInput } from '../../catalog-file.js';
import type { PartnerDefaults } from '../defaults-file.js';
import type { Findings } from '../findings.js';
import type { SourceCatalog, SourceDataset, SourceUseCondition } from '../source-dataset.js';
import { attributionRecords, contactRecord, creatorRecords, inLanguage } from './agents.js';
import { spatialCoverageOf, temporalCoverageOf } from './coverage.js';
import { dataClassOf } from './data-class.js';
import { issuedDate, modifiedDateTime } from './dates.js';
import { distributionRecords } from './distributions.js';
import { identifierRecords } from './identifiers.js';
import { languageTag } from './languages.js';
import { datasetLicence } from './licences.js';
import { accrualPeriodicityOf, temporalResolutionOf } from './periodicity.js';
import { recordTexts } from './texts.js';
import { completedUseConditions, statedUseConditions } from './use-conditions.js';

// One source dataset to the contract's DatasetRecord, field by field, each concern in its own
// file. Links to other records (series, versions) are resolved once every record of the import has
// been mapped and validated (map-to-catalog.ts), so they only ever name records that are written.

export interface DatasetContext {
  id: string;
  catalogLanguage: string;
  defaults: PartnerDefaults | undefined;
  catalog: SourceCatalog | undefined;
  /** DUO terms of policies that govern this dataset (EGA), for when it states none of its own. */
  policyTerms: readonly SourceUseCondition[];
}

export function datasetRecord(source: SourceDataset, context: DatasetContext, findings: Findings): DatasetRecordInput | undefined {
  const { defaults } = context;
  const untaggedLanguage = untaggedTextLanguage(source, context, findings);
  const texts = recordTexts(source, { catalogLanguage: context.catalogLanguage, untaggedLanguage, descriptionRequired: true }, findings);
  const language = texts?.language ?? untaggedLanguage;

  const issued = dateOrDefault(source.issued, 'issued', defaults?.dates?.issued, findings, issuedDate);
  const modified = dateOrDefault(source.modified, 'modified', defaults?.dates?.modified, findings, modifiedDateTime);

  const stated = statedUseConditions(source.useConditions.length > 0 ? source.useConditions : context.policyTerms, findings);
  const dataClass = stated ? dataClassOf(source.accessRights, stated.restricting, defaults, findings, source.dataClass) : undefined;
  const useConditions = stated && dataClass ? completedUseConditions(stated.conditions, dataClass, defaults, findings) : undefined;

  const landingPage = source.landingPages.find((url) => /^https?:\/\/[^\s/?#]+\S*$/i.test(url));
  if (landingPage === undefined && source.landingPages.length > 0) findings.warn('landingPage', `"${source.landingPages[0]}" is not an absolute http(s) URL; left out`);
  const licence = datasetLicence(source, context.catalog, defaults, findings);
  const distributions = licence
    ? distributionRecords(source.distributions, { datasetId: context.id, language, datasetLicence: licence, defaults, landingPage }, findings)
    : undefined;

  const contactPoint = contactRecord(source.contactPoints, language, findings) ?? defaultContact(defaults, findings);
  if (findings.refused || !texts || !issued || !modified || !dataClass || !useConditions || !licence || !distributions) return undefined;

  // The record's own id is its id, not another identifier (Concord's export states it as dct:identifier).
  const embargoUntil = source.available === undefined ? undefined : issuedDate(source.available, 'embargoUntil', findings);
  const identifiers = identifierRecords(source.identifiers.filter((i) => i.value.trim() !== context.id));
  const creators = creatorRecords(source.creators, language, findings);
  const attributions = attributionRecords(source.qualifiedAttributions, language, findings);
  const temporalCoverage = temporalCoverageOf(source.temporal, findings);
  const spatialCoverage = spatialCoverageOf(source.spatial, language, findings);
  const accrualPeriodicity = source.accrualPeriodicity ? accrualPeriodicityOf(source.accrualPeriodicity, findings) : undefined;
  const temporalResolution = source.temporalResolution ? temporalResolutionOf(source.temporalResolution, findings) : undefined;
  const provenance = inLanguage(source.provenance, language);
  const versionNotes = inLanguage(source.versionNotes, language);

  return {
    id: context.id,
    title: texts.title,
    description: texts.description!,
    keywords: texts.keywords,
    themes: [...new Set(source.themes.map((t) => t.trim()).filter((t) => t !== ''))],
    ...(contactPoint ? { contactPoint } : {}),
    ...(source.version?.trim() ? { version: source.version.trim() } : {}),
    issued,
    modified,
    ...(temporalCoverage ? { temporalCoverage } : {}),
    ...(spatialCoverage ? { spatialCoverage } : {}),
    conformsTo: [...new Set(source.conformsTo.filter((c) => c.trim() !== ''))],
    ...(provenance ? { provenance } : {}),
    dataClass,
    licence,
    useConditions,
    distributions,
    ...(sameLanguageTag(texts.language, context.catalogLanguage) ? {} : { language: texts.language }),
    ...(texts.translations.length > 0 ? { translations: texts.translations } : {}),
    ...(landingPage ? { landingPage } : {}),
    ...(identifiers.length > 0 ? { identifiers } : {}),
    ...(creators.length > 0 ? { creators } : {}),
    ...(attributions.length > 0 ? { qualifiedAttributions: attributions } : {}),
    ...(accrualPeriodicity ? { accrualPeriodicity } : {}),
    ...(temporalResolution ? { temporalResolution } : {}),
    ...(versionNotes ? { versionNotes } : {}),
    ...(embargoUntil ? { embargoUntil } : {}),
  };
}

/**
 * The language of texts the source gives without one: the dataset's own dct:language when it names
 * exactly one, else the defaults file's, else the catalog's, else the contract's default, reported.
 */
export function untaggedTextLanguage(
  source: Pick<SourceDataset, 'languages' | 'titles' | 'descriptions' | 'keywords'>,
  context: Pick<DatasetContext, 'defaults' | 'catalog'>,
  findings: Findings,
): string {
  const own = [...new Set(source.languages.map(languageTag).filter((t): t is string => t !== undefined))];
  if (own.length === 1) return own[0]!;
  if (context.defaults?.language) return context.defaults.language;
  const catalogs = [...new Set((context.catalog?.languages ?? []).map(languageTag).filter((t): t is string => t !== undefined))];
  if (catalogs.length === 1) return catalogs[0]!;
  const untagged = [...source.titles, ...source.descriptions, ...source.keywords].some((t) => t.language === undefined);
  if (untagged) findings.warn('language', `the source gives its texts no language; they are taken as "${DEFAULT_LANGUAGE}" (set "language" in the defaults file)`);
  return DEFAULT_LANGUAGE;
}

function dateOrDefault(
  written: string | undefined, field: 'issued' | 'modified', fallback: string | undefined, findings: Findings,
  convert: (text: string, field: string, findings: Findings) => string | undefined,
): string | undefined {
  const converted = written === undefined ? undefined : convert(written, field, findings);
  if (converted !== undefined) return converted;
  if (fallback !== undefined) {
    findings.warn(field, `the source gives no ${field === 'issued' ? 'issue' : 'modification'} date${written === undefined ? '' : ' the contract can hold'}; the defaults file's (${fallback}) is taken`);
    return fallback;
  }
  findings.refuse(field, `the source gives no ${field === 'issued' ? 'issue date (dct:issued)' : 'modification date (dct:modified)'}${written === undefined ? '' : ' the contract can hold'}; give dates.${field} in the defaults file`);
  return undefined;
}

function defaultContact(defaults: PartnerDefaults | undefined, findings: Findings): { name: string; email: string } | undefined {
  if (defaults?.contactPoint === undefined) return undefined;
  findings.warn('contactPoint', `taken from the defaults file (${defaults.contactPoint.name})`);
  return defaults.contactPoint;
}
