import type { ComplianceReport, PartnerFindings } from './compliance-report.js';
import type { ProviderReport } from './provider-report.js';
import { groupedBarChartSvg, lineChartSvg } from './render-svg.js';

// The reports as Markdown with one SVG chart each. The caller writes both files side by side: the
// Markdown links the chart by its bare file name. Everything printed comes from the report's
// figures, which hold no personal data (compliance-report.ts), so neither file can.

export interface RenderedReport {
  markdown: string;
  /** File name of the chart, as the Markdown links it. */
  svgFileName: string;
  svg: string;
}

export function renderComplianceReport(report: ComplianceReport, svgFileName = `compliance-${report.period.label}.svg`): RenderedReport {
  const rows = [...report.partners.map((p) => ({ name: p.partnerId, figures: p as Omit<PartnerFindings, 'partnerId'> })), { name: '**all partners**', figures: report.total }];
  const lines = [
    `# Compliance report ${report.period.label}`,
    '',
    `Period: ${day(report.period.from)} to ${day(report.period.to)} (end excluded). A part is overdue when it was neither decided nor withdrawn within ${report.deadlineDays} days of its request; it is counted in the period its deadline fell in.`,
    '',
    `![Access requests received, decided and overdue per partner](${svgFileName})`,
    '',
    '## Requests and decisions',
    '',
    table(
      ['partner', 'received', 'decided', 'approved', 'of which by trust mark', 'denied', 'needs changes', 'withdrawn', 'overdue', 'median days to decision'],
      rows.map(({ name, figures: f }) => [name, f.received, f.decided, f.approved, f.approvedByTrust, f.denied, f.needsChanges, f.withdrawn, f.overdue, f.medianDecisionDays ?? '-']),
    ),
    '',
    '## Denials by reason',
    '',
    'Access requests denied by partners, by the category their reason was given under:',
    '',
    countsTable(rows.map(({ name, figures }) => [name, figures.denialsByReason])),
    '',
    'Reads denied at the gateway, by reason code (one per operation and reason):',
    '',
    countsTable(rows.map(({ name, figures }) => [name, figures.accessDenialsByReason])),
    '',
    '## Appeals',
    '',
    table(
      ['partner', 'lodged', 'approved on appeal', 'denial upheld', 'needs changes', 'pending at end'],
      rows.map(({ name, figures: { appeals: a } }) => [name, a.lodged, a.approved, a.denied, a.needsChanges, a.pendingAtEnd]),
    ),
    '',
    '## Grants',
    '',
    table(
      ['partner', 'revoked in period', 'active at end', 'organisations holding them'],
      rows.map(({ name, figures: f }) => [name, f.revocations, f.activeGrantsAtEnd, f.organisationsWithActiveGrants]),
    ),
    '',
  ];
  const svg = groupedBarChartSvg({
    title: `Access requests per partner, ${report.period.label}`,
    yLabel: 'parts of requests',
    seriesNames: ['received', 'decided', 'overdue'],
    groups: report.partners.map((p) => ({ label: p.partnerId, values: [p.received, p.decided, p.overdue] })),
  });
  return { markdown: lines.join('\n'), svgFileName, svg };
}

export function renderProviderReport(report: ProviderReport, svgFileName = `provider-${report.partnerId}-${report.period.label}.svg`): RenderedReport {
  const duties = Object.entries(report.dutiesAccepted).sort(([a], [b]) => (a < b ? -1 : 1));
  const lines = [
    `# Use of the data of ${report.partnerId}, ${report.period.label}`,
    '',
    `Period: ${day(report.period.from)} to ${day(report.period.to)} (end excluded). A read is one operation that was given at least one guarded field of the dataset.`,
    '',
    `![Reads of the datasets of ${report.partnerId} per ${report.bucket}](${svgFileName})`,
    '',
    '## Datasets',
    '',
    report.datasets.length === 0
      ? 'No dataset was read or held under a grant in this period.'
      : table(
        ['dataset', 'reads', 'organisations', 'licences accepted (grants)', 'purpose categories (reads)'],
        report.datasets.map((d) => [d.datasetId, d.reads, d.organisations, counts(d.licences), counts(d.purposeCategories)]),
      ),
    '',
    `## Reads per ${report.bucket}`,
    '',
    table(
      [report.bucket === 'week' ? 'week from' : 'month', 'all datasets', ...report.datasets.map((d) => d.datasetId)],
      report.buckets.map((start, index) => [start, report.readsOverTime[index] ?? 0, ...report.datasets.map((d) => d.readsOverTime[index] ?? 0)]),
    ),
    '',
    '## Attribution and publication duties accepted',
    '',
    `${report.grantsGiven} grants were given in the period, to ${report.organisationsGranted} organisations.`,
    '',
    duties.length === 0 ? 'No duty was accepted with them.' : table(['duty', 'grants'], duties.map(([duty, n]) => [duty, n])),
    '',
  ];
  const svg = lineChartSvg({
    title: `Reads of the datasets of ${report.partnerId}, ${report.period.label}`,
    yLabel: 'reads',
    xLabel: report.bucket === 'week' ? 'week from' : 'month',
    xLabels: report.buckets,
    series: [{ name: 'all datasets', values: report.readsOverTime }, ...report.datasets.map((d) => ({ name: d.datasetId, values: d.readsOverTime }))],
  });
  return { markdown: lines.join('\n'), svgFileName, svg };
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

/** A Markdown table; a pipe in a cell is escaped so it cannot open a column. */
function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cell = (value: string | number) => String(value).replace(/\|/g, '\\|');
  return [
    `| ${headers.map(cell).join(' | ')} |`,
    // Figures right-aligned, words left.
    `| ${headers.map((_, i) => (rows.length > 0 && rows.every((row) => typeof row[i] === 'number' || row[i] === '-') ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** One column per key seen in any row, keys sorted; '-' for none at all. */
function countsTable(rows: readonly [string, Record<string, number>][]): string {
  const keys = [...new Set(rows.flatMap(([, c]) => Object.keys(c)))].sort();
  if (keys.length === 0) return 'None.';
  return table(['partner', ...keys], rows.map(([name, c]) => [name, ...keys.map((k) => c[k] ?? 0)]));
}

function counts(values: Record<string, number>): string {
  const entries = Object.entries(values).sort(([a], [b]) => (a < b ? -1 : 1));
  return entries.length === 0 ? '-' : entries.map(([key, n]) => `${key} (${n})`).join(', ');
}
