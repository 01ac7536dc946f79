import { writeFileAtomically } from './atomic-write.js';
import type { ImportArguments } from './cli-arguments.js';
import type { PartnerDefaults } from './defaults-file.js';
import { ExitCode } from './exit-codes.js';
import { importCounts, type FileOutcome, type ImportReport } from './import-report.js';
import { mapToCatalog, type SourceFile } from './map-to-catalog.js';
import { readSource } from './read-source.js';
import { readSourceText } from './source-file.js';

// One import, from files to a written catalog and a report. Progress goes to `progress` (stderr in
// the CLI): a line per file, and every `progressEvery` datasets while mapping a large import.

export interface ImportRun {
  args: ImportArguments;
  defaults?: PartnerDefaults;
  progress: (line: string) => void;
  /** Datasets between two progress lines while mapping (default 1,000). */
  progressEvery?: number;
}

export async function runImport(run: ImportRun): Promise<ImportReport> {
  const { args, defaults, progress } = run;
  const files: FileOutcome[] = [];
  const readings: SourceFile[] = [];
  for (const file of args.files) {
    const text = await readSourceText(file);
    if (!text.ok) {
      files.push({ file, read: false, datasets: 0, series: 0, problems: [{ where: file, message: text.message }] });
      progress(`import: ${file}: ${text.message}`);
      continue;
    }
    if (text.bytes > 10_000_000) progress(`import: reading ${file} (${(text.bytes / 1e6).toFixed(0)} MB)`);
    const read = await readSource(text.text, file, args.format);
    if (!read.ok) {
      files.push({ file, read: false, ...(read.format ? { format: read.format } : {}), ...(read.reason ? { detectedBy: read.reason } : {}), datasets: 0, series: 0, problems: [read.problem] });
      progress(`import: ${file}: ${read.problem.message}`);
      continue;
    }
    const series = read.reading.datasets.filter((d) => d.isSeries).length;
    const datasets = read.reading.datasets.length - series;
    files.push({ file, read: true, format: read.format, detectedBy: read.reason, datasets, series, problems: read.reading.problems });
    readings.push({ file, reading: read.reading });
    progress(`import: ${file}: ${datasets} dataset${datasets === 1 ? '' : 's'}${series > 0 ? `, ${series} series` : ''} (${read.format})`);
  }

  const every = run.progressEvery ?? 1000;
  const mapping = mapToCatalog(readings, {
    partnerId: args.partnerId,
    ...(defaults ? { defaults } : {}),
    onProgress: (done, total) => {
      if (done % every === 0 && done < total) progress(`import: mapped ${done} of ${total} datasets`);
    },
  });

  const report: ImportReport = {
    partner: args.partnerId,
    files,
    records: mapping.outcomes,
    catalogProblems: mapping.catalogProblems,
    catalog: { written: false, reason: '' },
    exitCode: ExitCode.NothingWritten,
  };
  const catalog = mapping.catalog;
  if (catalog === undefined) {
    report.catalog = { written: false, reason: 'the catalog needs the partner record (name, kind, country): give "partner" in the defaults file (--defaults)' };
  } else if (catalog.datasets.length === 0) {
    report.catalog = { written: false, reason: 'no dataset could be imported' };
  } else if (mapping.catalogProblems.length > 0) {
    report.catalog = { written: false, reason: 'the partner kit would not load the catalog (see "catalog:" above)' };
  } else {
    try {
      await writeFileAtomically(args.out, `${JSON.stringify(catalog, null, 2)}\n`);
      report.catalog = { written: true, path: args.out, datasets: catalog.datasets.length, series: catalog.series?.length ?? 0 };
    } catch (error) {
      report.catalog = { written: false, reason: `${args.out} cannot be written: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
    }
  }
  report.exitCode = exitCodeOf(report);
  return report;
}

function exitCodeOf(report: ImportReport): number {
  if (!report.catalog.written) return ExitCode.NothingWritten;
  const counts = importCounts(report);
  return counts.datasets.refused + counts.series.refused + counts.unreadFiles > 0 ? ExitCode.SomeRefused : ExitCode.AllImported;
}
