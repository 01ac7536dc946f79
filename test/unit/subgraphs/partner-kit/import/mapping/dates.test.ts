import { describe, expect, it } from 'vitest';
import { Findings } from '../../../../../../subgraphs/partner-kit/import/findings.js';
import { issuedDate, modifiedDateTime, parseSourceDate, periodBound } from '../../../../../../subgraphs/partner-kit/import/mapping/dates.js';

describe('source dates to the contract\'s', () => {
  it.each([
    // written, issued, modified, warned about modified
    ['2011-12-05', '2011-12-05', '2011-12-05T00:00:00Z', true],
    ['2018-03-02T00:00:02.345747-03:00', '2018-03-02', '2018-03-02T00:00:02.345747-03:00', false],
    ['2011-11-19T12:00:00Z', '2011-11-19', '2011-11-19T12:00:00Z', false],
    ['2017-07-05T19:29:07.136124', '2017-07-05', '2017-07-05T19:29:07.136124Z', true],
    ['2017-07-05 19:29:07', '2017-07-05', '2017-07-05T19:29:07Z', true],
    ['2020-01-01T10:15+0200', '2020-01-01', '2020-01-01T10:15:00+02:00', false],
    ['2011-12-15+01:00', '2011-12-15', '2011-12-15T00:00:00Z', true],
    ['1939', '1939-01-01', '1939-01-01T00:00:00Z', true],
    ['2024-02', '2024-02-01', '2024-02-01T00:00:00Z', true],
  ])('%s: issued %s, modified %s', (written, issued, modified, warned) => {
    const onIssued = new Findings();
    const onModified = new Findings();
    expect(issuedDate(written, 'issued', onIssued)).toBe(issued);
    expect(modifiedDateTime(written, 'modified', onModified)).toBe(modified);
    expect(onModified.warnings.length > 0).toBe(warned);
    expect(onModified.refusals).toEqual([]);
  });

  it.each(['2025-02-30', '2024-13', 'June 2011', '2011-11-19T25:00:00Z', '', '11/19/2011'])('%j is not a date: left out, with a warning naming the field', (written) => {
    const findings = new Findings();
    expect(issuedDate(written, 'issued', findings)).toBeUndefined();
    expect(findings.warnings).toEqual([{ field: 'issued', message: `"${written}" is not a date; left out` }]);
  });

  it.each([
    ['1914', 'start', '1914-01-01'], ['1939', 'end', '1939-12-31'], ['2024-02', 'end', '2024-02-29'], ['2023-02', 'end', '2023-02-28'],
    ['2009-09-01T12:00:00Z', 'start', '2009-09-01'], ['2016-03-04', 'end', '2016-03-04'], ['soon', 'end', undefined],
  ] as const)('a period bound %s as its %s is %s', (written, bound, date) => {
    expect(periodBound(written, bound)).toBe(date);
  });

  it('tells a date-time with an offset from a naive one', () => {
    expect(parseSourceDate('2011-11-19T12:00:00Z')?.kind).toBe('date-time');
    expect(parseSourceDate('2011-11-19T12:00:00')?.kind).toBe('naive-date-time');
  });
});
