import type { Finding } from './finding.js';
import type { CheckReport, CheckResult, CheckStatus } from './run-checks.js';
import { shownUrl } from './shown-url.js';

// The report a partner's developer reads: one line per check as it finishes, each failure and
// warning under it with where, expected, found and the fix, then a summary with the exit code.

const LABEL: Record<CheckStatus, string> = { passed: 'PASS', failed: 'FAIL', warnings: 'WARN', skipped: 'SKIP' };

export function textHeader(url: string): string {
  return `check-partner: checking ${shownUrl(url)} against the contract in schema/partner.graphql\n\n`;
}

export function textResult(result: CheckResult): string {
  const lines = [`${LABEL[result.status]}  ${result.id.padEnd(24)}${result.title}`];
  if (result.skipped) lines.push(`      not checked: ${result.skipped}`);
  for (const finding of result.findings) lines.push(...textFinding(finding));
  return `${lines.join('\n')}\n`;
}

function textFinding(finding: Finding): string[] {
  return [
    `  ${finding.severity === 'failure' ? 'x' : '!'} ${finding.where}${finding.severity === 'warning' ? ' (warning)' : ''}`,
    `      expected: ${finding.expected}`,
    `      found:    ${finding.found}`,
    `      fix:      ${finding.fix}`,
  ];
}

export function textSummary(report: CheckReport, exitCode: number): string {
  const count = (status: CheckStatus) => report.results.filter((r) => r.status === status).length;
  const who = report.partnerId ? `partner "${report.partnerId}" (entity type ${report.entityType})` : 'the partner';
  const verdict = count('failed') > 0 ? `FAILED: ${who} fails ${count('failed')} of ${report.results.length} checks` : `PASSED: ${who} passes every check made`;
  const more = [
    count('warnings') > 0 ? `${count('warnings')} with warnings` : '',
    count('skipped') > 0 ? `${count('skipped')} not made` : '',
  ].filter(Boolean);
  return `\n${verdict}${more.length ? `; ${more.join(', ')}` : ''} (exit ${exitCode})\n`;
}
