import type { CatalogFileInput, DatasetRecordInput, SeriesRecord } from '../catalog-file.js';
import { CatalogLoadError, parseCatalog } from '../load-catalog.js';
import type { Finding } from './findings.js';

// The partner kit's own loader decides what is written: every record the importer produces is
// checked by parseCatalog, the function the partner subgraph starts with, so a dataset the partner
// kit would refuse is reported with the loader's own message and never written.

export interface CatalogFrame {
  partner: CatalogFileInput['partner'];
  language?: string;
  series: SeriesRecord[];
}

/** The loader's problems with one dataset, in a catalog of its frame (partner, language, series) and that dataset. */
export function datasetProblems(frame: CatalogFrame, dataset: DatasetRecordInput): Finding[] {
  return loaderProblems({ ...frameOf(frame), datasets: [dataset] }).map(toFinding);
}

/** The loader's problems with the series alone, by index in `frame.series`. */
export function seriesProblems(frame: CatalogFrame): Map<number, Finding[]> {
  const byIndex = new Map<number, Finding[]>();
  for (const problem of loaderProblems({ ...frameOf(frame), datasets: [] })) {
    const match = /^field "series\[(\d+)\]\.?([^"]*)": ([\s\S]*)$/.exec(problem);
    const index = match ? Number(match[1]) : -1;
    byIndex.set(index, [...(byIndex.get(index) ?? []), match ? { field: match[2]!, message: match[3]! } : { field: '', message: problem }]);
  }
  return byIndex;
}

/** The loader's problems with a whole catalog, as it states them; empty when it loads. */
export function loaderProblems(catalog: CatalogFileInput): string[] {
  try {
    parseCatalog(catalog, 'imported catalog');
    return [];
  } catch (error) {
    if (error instanceof CatalogLoadError) return [...error.problems];
    throw error;
  }
}

/** The id of the dataset a loader problem names, if it names one. */
export function datasetNamedBy(problem: string): string | undefined {
  return /^dataset "([^"]*)" \(datasets\[\d+\]\)/.exec(problem)?.[1];
}

function frameOf(frame: CatalogFrame): Omit<CatalogFileInput, 'datasets'> {
  return {
    partner: frame.partner,
    ...(frame.language ? { language: frame.language } : {}),
    ...(frame.series.length > 0 ? { series: frame.series } : {}),
  };
}

// 'dataset "x" (datasets[0]), field "licence.id": message' -> { field: "licence.id", message }.
function toFinding(problem: string): Finding {
  const match = /^dataset "[^"]*" \(datasets\[\d+\]\)(?:, field "([^"]*)")?: ([\s\S]*)$/.exec(problem);
  return match ? { field: match[1] ?? '', message: match[2]! } : { field: '', message: problem };
}
