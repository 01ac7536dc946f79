import { sameLanguageTag } from '../../../../schema/vocabulary.js';
import type { SeriesRecord } from '../../catalog-file.js';
import type { Findings } from '../findings.js';
import type { SourceDataset } from '../source-dataset.js';
import { untaggedTextLanguage, type DatasetContext } from './dataset-record.js';
import { issuedDate, modifiedDateTime } from './dates.js';
import { recordTexts } from './texts.js';

// A dcat:DatasetSeries: a title (required), a description and dates when the source gives them.
// The defaults file's dates are not used for series: the contract does not require them.

export function seriesRecord(source: SourceDataset, context: Pick<DatasetContext, 'id' | 'catalogLanguage' | 'defaults' | 'catalog'>, findings: Findings): SeriesRecord | undefined {
  const untaggedLanguage = untaggedTextLanguage(source, context, findings);
  const texts = recordTexts(source, { catalogLanguage: context.catalogLanguage, untaggedLanguage, descriptionRequired: false }, findings);
  if (texts === undefined) return undefined;
  const issued = source.issued === undefined ? undefined : issuedDate(source.issued, 'issued', findings);
  const modified = source.modified === undefined ? undefined : modifiedDateTime(source.modified, 'modified', findings);
  // A series' own texts are in the catalog's language, so no translation may be in it.
  const translations = texts.translations
    .filter((t) => (t.title !== undefined || t.description !== undefined) && !sameLanguageTag(t.language, context.catalogLanguage))
    .map(({ keywords: _keywords, ...rest }) => rest);
  if (!sameLanguageTag(texts.language, context.catalogLanguage)) {
    findings.warn('title', `the series' texts are in "${texts.language}", not the catalog's "${context.catalogLanguage}"; a series has no language of its own in the contract`);
  }
  return {
    id: context.id,
    title: texts.title,
    ...(texts.description ? { description: texts.description } : {}),
    ...(translations.length > 0 ? { translations } : {}),
    ...(issued ? { issued } : {}),
    ...(modified ? { modified } : {}),
  };
}
