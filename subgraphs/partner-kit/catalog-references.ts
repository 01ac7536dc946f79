import { DEFAULT_LANGUAGE, sameLanguageTag } from '../../schema/vocabulary.js';
import type { DatasetRecord, SeriesRecord, TranslationRecord } from './catalog-file.js';
import { IRI_PATTERN } from './catalog-values.js';

// Rules between records of one catalog file that no single record can check: a translation is in a
// language other than its record's own, a dataset's series exist in the file, and a version link
// that names a dataset of this catalog names one that is there.

export interface ReferenceProblem {
  /** From the file's root, as zod paths are: ["datasets", 3, "inSeries", 0]. */
  path: (string | number)[];
  message: string;
}

interface CatalogShape {
  partner: { id: string };
  language?: string | undefined;
  series?: SeriesRecord[] | undefined;
  datasets: DatasetRecord[];
}

export function catalogReferenceProblems(file: CatalogShape): ReferenceProblem[] {
  const catalogLanguage = file.language ?? DEFAULT_LANGUAGE;
  const prefix = `${file.partner.id}:`;
  const datasetIds = new Set(file.datasets.map((d) => d.id));
  const problems: ReferenceProblem[] = [];
  const seriesIds = new Set<string>();
  (file.series ?? []).forEach((series, i) => {
    const at = ['series', i];
    if (!series.id.startsWith(prefix) || series.id.length === prefix.length) {
      problems.push({ path: [...at, 'id'], message: `must start with "${prefix}" (the partner id)` });
    }
    if (seriesIds.has(series.id)) problems.push({ path: [...at, 'id'], message: `repeats the series id "${series.id}"` });
    else if (datasetIds.has(series.id)) problems.push({ path: [...at, 'id'], message: `is also a dataset id; a series needs an id of its own` });
    seriesIds.add(series.id);
    problems.push(...translationProblems(series.translations, catalogLanguage, at));
  });
  file.datasets.forEach((dataset, i) => {
    const at = ['datasets', i];
    problems.push(...translationProblems(dataset.translations, dataset.language ?? catalogLanguage, at));
    const named = new Set<string>();
    (dataset.inSeries ?? []).forEach((id, j) => {
      if (!seriesIds.has(id)) problems.push({ path: [...at, 'inSeries', j], message: `names series "${id}", which is not in the file's "series"` });
      else if (named.has(id)) problems.push({ path: [...at, 'inSeries', j], message: `repeats series "${id}"` });
      named.add(id);
    });
    for (const field of ['isVersionOf', 'previousVersion'] as const) {
      const message = versionLinkProblem(dataset[field], dataset.id, prefix, datasetIds);
      if (message) problems.push({ path: [...at, field], message });
    }
  });
  return problems;
}

function translationProblems(
  translations: readonly TranslationRecord[] | undefined,
  ownLanguage: string,
  at: (string | number)[],
): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const seen: string[] = [];
  (translations ?? []).forEach((translation, j) => {
    const path = [...at, 'translations', j, 'language'];
    if (sameLanguageTag(translation.language, ownLanguage)) {
      problems.push({ path, message: `"${translation.language}" is the record's own language; its texts are the record's title, description and keywords` });
    } else if (seen.some((language) => sameLanguageTag(language, translation.language))) {
      problems.push({ path, message: `repeats the translation into "${translation.language}"` });
    }
    seen.push(translation.language);
  });
  return problems;
}

/** A version link is a dataset of this catalog (it must exist, and not be the dataset itself) or an IRI. */
function versionLinkProblem(link: string | undefined, self: string, prefix: string, datasetIds: ReadonlySet<string>): string | undefined {
  if (link === undefined) return undefined;
  if (link.startsWith(prefix)) {
    if (link === self) return 'names the dataset itself';
    return datasetIds.has(link) ? undefined : `names dataset "${link}", which is not in this catalog`;
  }
  return IRI_PATTERN.test(link) ? undefined : `expected a dataset id of this catalog ("${prefix}...") or an http(s) IRI or a URN, not "${link}"`;
}
