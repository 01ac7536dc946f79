import type { SourceFormat } from './format-detection.js';
import type { RecordOutcome } from './map-to-catalog.js';
import type { SourceProblem } from './source-dataset.js';

// The report of one import: per file, how it was read; per record (dataset or series), whether it
// was imported, imported with warnings or refused, naming the field and the reason. Printed for
// people (report-text.ts) and, with --report, written as this JSON.

export interface FileOutcome {
  file: string;
  /** Undefined when the format could not be told. */
  format?: SourceFormat;
  /** Why the format was chosen ("a CKAN package_search response", "given with --format"). */
  detectedBy?: string;
  /** False when the file could not be read at all; its problems say why. */
  read: boolean;
  datasets: number;
  series: number;
  problems: SourceProblem[];
}

export interface ImportReport {
  partner: string;
  files: FileOutcome[];
  records: RecordOutcome[];
  /** Problems of the catalog as a whole (none expected). */
  catalogProblems: string[];
  /** The catalog written, or why none was. */
  catalog: { written: true; path: string; datasets: number; series: number } | { written: false; reason: string };
  exitCode: number;
}

export interface ImportCounts {
  datasets: Record<RecordOutcome['status'], number>;
  series: Record<RecordOutcome['status'], number>;
  unreadFiles: number;
}

export function importCounts(report: Pick<ImportReport, 'records' | 'files'>): ImportCounts {
  const empty = (): Record<RecordOutcome['status'], number> => ({ 'imported': 0, 'imported-with-warnings': 0, 'refused': 0 });
  const counts: ImportCounts = { datasets: empty(), series: empty(), unreadFiles: report.files.filter((f) => !f.read).length };
  for (const record of report.records) counts[record.kind === 'series' ? 'series' : 'datasets'][record.status]++;
  return counts;
}
