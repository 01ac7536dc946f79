import type { CheckReport } from './run-checks.js';
import { shownUrl } from './shown-url.js';

// `--json`: one document on stdout for scripts and CI, with the same checks and findings as the text
// report. `result` and `exitCode` agree with the process's exit code (exit-codes.ts).

export type JsonResult = 'passed' | 'failed' | 'unreachable';

export interface JsonReport {
  result: JsonResult;
  exitCode: number;
  url: string;
  partner: string | null;
  entityType: string | null;
  counts: { checks: number; failed: number; warnings: number; skipped: number };
  checks: CheckReport['results'];
}

export function jsonReport(report: CheckReport, exitCode: number): string {
  const count = (status: string) => report.results.filter((r) => r.status === status).length;
  const document: JsonReport = {
    result: count('failed') > 0 ? 'failed' : 'passed',
    exitCode,
    url: shownUrl(report.url),
    partner: report.partnerId,
    entityType: report.entityType,
    counts: { checks: report.results.length, failed: count('failed'), warnings: count('warnings'), skipped: count('skipped') },
    checks: report.results,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function jsonUnreachable(url: string, message: string, exitCode: number): string {
  return `${JSON.stringify({ result: 'unreachable', exitCode, url: shownUrl(url), message }, null, 2)}\n`;
}
