import type { Finding } from './findings.js';
import { importCounts, type ImportReport } from './import-report.js';
import type { RecordOutcome } from './map-to-catalog.js';

// The report as people read it: file by file, each record with its outcome and, indented below it,
// what was refused and what to look at, then the totals and what was written.

const STATUS: Record<RecordOutcome['status'], string> = {
  'imported': 'imported',
  'imported-with-warnings': 'imported with warnings',
  'refused': 'refused',
};

export function reportText(report: ImportReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    const how = file.format ? `${file.format}: ${file.detectedBy ?? ''}` : 'not read';
    lines.push(`${file.file} (${how})`);
    for (const problem of file.problems) lines.push(`    file: ${problem.where === file.file ? '' : `${problem.where}: `}${problem.message}`);
    for (const record of report.records.filter((r) => r.file === file.file)) {
      const name = record.id ?? record.sourceId;
      const kind = record.kind === 'series' ? 'series ' : '';
      lines.push(`  ${STATUS[record.status]}: ${kind}${name}${record.title ? ` "${shorten(record.title)}"` : ''}${record.id && record.id !== record.sourceId ? ` (from ${record.sourceId})` : ''}`);
      for (const refusal of record.refusals) lines.push(`      refused, ${findingText(refusal)}`);
      for (const warning of record.warnings) lines.push(`      warning, ${findingText(warning)}`);
    }
    if (file.read && file.datasets + file.series === 0 && file.problems.length === 0) lines.push('    file: holds no dataset');
  }
  for (const problem of report.catalogProblems) lines.push(`catalog: ${problem}`);
  lines.push('', summaryText(report));
  return `${lines.join('\n')}\n`;
}

export function summaryText(report: ImportReport): string {
  const counts = importCounts(report);
  const d = counts.datasets;
  const total = d.imported + d['imported-with-warnings'] + d.refused;
  const s = counts.series;
  const seriesTotal = s.imported + s['imported-with-warnings'] + s.refused;
  const parts = [
    `${report.files.length} file${report.files.length === 1 ? '' : 's'}${counts.unreadFiles > 0 ? ` (${counts.unreadFiles} not read)` : ''}`,
    `${total} dataset${total === 1 ? '' : 's'}: ${d.imported} imported, ${d['imported-with-warnings']} imported with warnings, ${d.refused} refused`,
    ...(seriesTotal > 0 ? [`${seriesTotal} series: ${s.imported + s['imported-with-warnings']} imported, ${s.refused} refused`] : []),
  ];
  const written = report.catalog.written
    ? `catalog written to ${report.catalog.path} (${report.catalog.datasets} dataset${report.catalog.datasets === 1 ? '' : 's'}${report.catalog.series > 0 ? `, ${report.catalog.series} series` : ''})`
    : `no catalog written: ${report.catalog.reason}`;
  return `${parts.join('; ')}.\n${written}; exit code ${report.exitCode}.`;
}

function findingText(finding: Finding): string {
  return finding.field ? `${finding.field}: ${finding.message}` : finding.message;
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length <= 80 ? line : `${line.slice(0, 77)}...`;
}
