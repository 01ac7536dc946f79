import { describe, expect, it } from 'vitest';
import type { AccessRequest, StoredGrant } from '../../../../../subgraphs/governance/store/governance-store.js';
import type { AuditRecord } from '../../../../../runtime/audit/audit-record.js';
import { complianceReport } from '../../../../../runtime/audit/reports/compliance-report.js';
import { providerReport } from '../../../../../runtime/audit/reports/provider-report.js';
import type { ReportGrant, ReportRecord, ReportRequest } from '../../../../../runtime/audit/reports/report-inputs.js';
import { renderComplianceReport, renderProviderReport } from '../../../../../runtime/audit/reports/render-markdown.js';
import { axisTicks, escapeXml, groupedBarChartSvg, lineChartSvg } from '../../../../../runtime/audit/reports/render-svg.js';
import { FREE_TEXT, GRANTS, HELIX, NORTHBRIDGE, PEOPLE, RECORDS, REQUESTS, STEWARDS } from './seeded-history.js';

const input = { requests: REQUESTS, records: RECORDS, grants: GRANTS, period: '2026-Q4' };
const compliance = renderComplianceReport(complianceReport(input));
const providers = [HELIX, NORTHBRIDGE].map((partnerId) => renderProviderReport(providerReport({ ...input, partnerId })));

/** Everything personal in the history: subjects (one an e-mail address), requesters' organisations, stewards, free text. */
const PERSONAL = [
  ...Object.values(PEOPLE).flatMap((p) => [p.subject, p.organisation, p.subject.split(/[-@.]/)[0]!]),
  ...STEWARDS, ...FREE_TEXT, '@', 'grace', 'Grace',
];

describe('published reports hold no personal data', () => {
  const published = [
    ['compliance Markdown', compliance.markdown], ['compliance SVG', compliance.svg],
    ...providers.flatMap((p) => [[`${p.svgFileName} Markdown`, p.markdown], [p.svgFileName, p.svg]]),
  ] as const;

  it.each(published.flatMap(([name, text]) => [...new Set(PERSONAL)].map((word) => [name, word, text] as const)))('%s does not contain %j', (_name, word, text) => {
    expect(text).not.toContain(word);
  });

  it('the report itself, as data, holds none either (what the GraphQL field would serve)', () => {
    const data = JSON.stringify([complianceReport(input), ...[HELIX, NORTHBRIDGE].map((partnerId) => providerReport({ ...input, partnerId }))]);
    for (const word of new Set(PERSONAL)) expect(data).not.toContain(word);
  });
});

describe('renderComplianceReport', () => {
  it('links its chart by file name and shows the figures', () => {
    expect(compliance.svgFileName).toBe('compliance-2026-Q4.svg');
    expect(compliance.markdown).toContain('](compliance-2026-Q4.svg)');
    expect(compliance.markdown).toContain('# Compliance report 2026-Q4');
    expect(compliance.markdown).toContain(`| ${HELIX} | 3 | 3 | 1 | 0 | 2 | 0 | 0 | 1 | 20 |`);
    expect(compliance.markdown).toContain(`| ${NORTHBRIDGE} | 4 | 3 | 2 | 1 | 0 | 1 | 1 | 1 | 2 |`);
    expect(compliance.markdown).toContain('| **all partners** | 7 | 6 | 3 | 1 | 2 | 1 | 1 | 2 | 7 |');
    expect(compliance.markdown).toContain('| partner | PURPOSE_INCOMPATIBLE | UNCODED |');
  });

  it('draws one bar per partner and figure: received, decided, overdue', () => {
    expect(compliance.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(compliance.svg.match(/<rect x=/g)).toHaveLength(2 * 3 + 3); // bars, and the legend's swatches
    expect(compliance.svg).toContain(`<title>${HELIX}, received: 3</title>`);
    expect(compliance.svg).toContain(`<title>${NORTHBRIDGE}, overdue: 1</title>`);
  });
});

describe('renderProviderReport', () => {
  const helix = providers[0]!;

  it('links its chart and lists datasets, reads per week and duties', () => {
    expect(helix.svgFileName).toBe(`provider-${HELIX}-2026-Q4.svg`);
    expect(helix.markdown).toContain(`](provider-${HELIX}-2026-Q4.svg)`);
    expect(helix.markdown).toContain(`| ${HELIX}:ds-004 | 6 | 2 | HELIX-LIC-2 (2) | disease (1), health (5) |`);
    expect(helix.markdown).toContain('| 2026-10-26 | 2 | 2 |');
    expect(helix.markdown).toContain('| COL | 1 |');
    expect(helix.markdown).toContain('| PUB | 2 |');
  });

  it('draws reads over time as one line per dataset and one for all', () => {
    expect(helix.svg.match(/<polyline/g)).toHaveLength(2);
    expect(helix.svg.match(/<circle/g)).toHaveLength(2 * 14);
    expect(helix.svg).toContain('<title>all datasets, 2026-10-26: 2</title>');
  });
});

describe('SVG helpers', () => {
  it.each([
    [0, [0, 1]], [1, [0, 1]], [3, [0, 1, 2, 3]], [7, [0, 2, 4, 6, 8]], [65, [0, 20, 40, 60, 80]], [100, [0, 20, 40, 60, 80, 100]],
  ])('axis ticks up to %d: %j', (max, ticks) => {
    expect(axisTicks(max)).toEqual(ticks);
  });

  it('escapes text, so a label cannot break out of the markup', () => {
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    const svg = groupedBarChartSvg({ title: '<script>', yLabel: 'n', seriesNames: ['a'], groups: [{ label: '</svg>', values: [1] }] });
    expect(svg).not.toContain('<script>');
    expect(svg.match(/<\/svg>/g)).toHaveLength(1);
    expect(lineChartSvg({ title: 't', yLabel: 'y', xLabel: 'x', xLabels: ['a&b'], series: [{ name: '"q"', values: [1] }] })).toContain('a&amp;b');
  });
});

describe('the governance store\'s records and the audit trail\'s fit what the reports read', () => {
  it('as they are, without conversion', () => {
    const fits = (request: AccessRequest, grant: StoredGrant, record: AuditRecord): [ReportRequest, ReportGrant, ReportRecord] => [request, grant, record];
    expect(fits).toBeTypeOf('function');
  });
});
