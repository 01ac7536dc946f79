import { describe, expect, it } from 'vitest';
import { jsonReport } from '../../../../../subgraphs/partner-kit/contract-check/report-json.js';
import { textResult, textSummary } from '../../../../../subgraphs/partner-kit/contract-check/report-text.js';
import type { CheckReport } from '../../../../../subgraphs/partner-kit/contract-check/run-checks.js';
import { shownUrl } from '../../../../../subgraphs/partner-kit/contract-check/shown-url.js';

const FAILURE = { severity: 'failure' as const, where: 'AcmeLabsDataset.sampleRecords', expected: '@policy(...)', found: 'no @policy', fix: 'add it' };
const REPORT: CheckReport = {
  url: 'https://user:password@partner.example.org/graphql?token=abc',
  partnerId: 'acme-labs',
  entityType: 'AcmeLabsDataset',
  results: [
    { id: 'signed-sdl', title: 'the SDL is served', status: 'passed', findings: [] },
    { id: 'guard-directives', title: 'guards', status: 'failed', findings: [FAILURE, { ...FAILURE, severity: 'warning', where: 'Partner' }] },
    { id: 'replay-refused', title: 'replays', status: 'skipped', findings: [], skipped: 'the first was refused' },
  ],
};

describe('the reports', () => {
  it('print each check on one line, each finding under it with where, expected, found and the fix', () => {
    expect(REPORT.results.map(textResult).join('')).toBe([
      'PASS  signed-sdl              the SDL is served',
      'FAIL  guard-directives        guards',
      '  x AcmeLabsDataset.sampleRecords',
      '      expected: @policy(...)',
      '      found:    no @policy',
      '      fix:      add it',
      '  ! Partner (warning)',
      '      expected: @policy(...)',
      '      found:    no @policy',
      '      fix:      add it',
      'SKIP  replay-refused          replays',
      '      not checked: the first was refused',
      '',
    ].join('\n'));
  });

  it('sum up with the verdict and the exit code', () => {
    expect(textSummary(REPORT, 1)).toBe('\nFAILED: partner "acme-labs" (entity type AcmeLabsDataset) fails 1 of 3 checks; 1 not made (exit 1)\n');
  });

  it('give scripts the same in JSON, with the URL shown without credentials or query', () => {
    expect(JSON.parse(jsonReport(REPORT, 1))).toMatchObject({
      result: 'failed', exitCode: 1, url: 'https://partner.example.org/graphql', partner: 'acme-labs',
      counts: { checks: 3, failed: 1, warnings: 0, skipped: 1 }, checks: [{ id: 'signed-sdl' }, { id: 'guard-directives', findings: [FAILURE, {}] }, { id: 'replay-refused' }],
    });
    expect(shownUrl('not a url')).toBe('(the given URL)');
  });
});
