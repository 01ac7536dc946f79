import { describe, expect, it } from 'vitest';
import { parsePeriod, PeriodError } from '../../../../../runtime/audit/reports/period.js';

describe('parsePeriod', () => {
  it.each([
    ['2026-Q4', 'quarter', '2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['2026-Q1', 'quarter', '2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
    ['2026-11', 'month', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
    ['2026-12', 'month', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['2028-02', 'month', '2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z'],
    ['2026', 'year', '2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    [' 2026-Q2 ', 'quarter', '2026-04-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z'],
  ])('%j is a %s from %s to %s', (text, kind, from, to) => {
    const period = parsePeriod(text);
    expect({ kind: period.kind, from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString(), label: period.label })
      .toEqual({ kind, from, to, label: text.trim() });
  });

  it.each([
    ['2026-Q5', /not a year \(2026\), a quarter \(2026-Q4\) or a month \(2026-11\)/],
    ['2026-Q0', /not a year/],
    ['2026-q4', /not a year/],
    ['2026-13', /month must be 01 to 12/],
    ['2026-00', /month must be 01 to 12/],
    ['2026-1', /not a year/],
    ['26', /not a year/],
    ['Q4-2026', /not a year/],
    ['2026-11-01', /not a year/],
    ['', /not a year/],
    ['1969', /1970 or later/],
  ])('%j is refused: %s', (text, message) => {
    expect(() => parsePeriod(text)).toThrow(PeriodError);
    expect(() => parsePeriod(text)).toThrow(message);
  });
});
