// Reporting periods (ARCHITECTURE.md "Audit"): a calendar year, quarter or month, in UTC, written
// as 2026, 2026-Q4 or 2026-11. Every figure of a report counts what happened from the first instant
// of the period up to, but not including, the first instant of the next one.

export type PeriodKind = 'year' | 'quarter' | 'month';

export interface Period {
  /** As written: 2026, 2026-Q4, 2026-11. */
  label: string;
  kind: PeriodKind;
  /** Epoch milliseconds, inclusive. */
  from: number;
  /** Epoch milliseconds, exclusive. */
  to: number;
}

export class PeriodError extends Error {
  override readonly name = 'PeriodError';
}

const PERIOD_PATTERN = /^(\d{4})(?:-Q([1-4])|-(\d{2}))?$/;

/** Parses 2026, 2026-Q4 or 2026-11; anything else throws a PeriodError that says what is accepted. */
export function parsePeriod(text: string): Period {
  const label = text.trim();
  const match = PERIOD_PATTERN.exec(label);
  if (!match) {
    throw new PeriodError(`period "${text}" is not a year (2026), a quarter (2026-Q4) or a month (2026-11)`);
  }
  const year = Number(match[1]);
  if (year < 1970) throw new PeriodError(`period "${text}": the year must be 1970 or later`);
  if (match[2] !== undefined) {
    const firstMonth = (Number(match[2]) - 1) * 3;
    return { label, kind: 'quarter', from: Date.UTC(year, firstMonth, 1), to: Date.UTC(year, firstMonth + 3, 1) };
  }
  if (match[3] !== undefined) {
    const month = Number(match[3]);
    if (month < 1 || month > 12) throw new PeriodError(`period "${text}": the month must be 01 to 12`);
    return { label, kind: 'month', from: Date.UTC(year, month - 1, 1), to: Date.UTC(year, month, 1) };
  }
  return { label, kind: 'year', from: Date.UTC(year, 0, 1), to: Date.UTC(year + 1, 0, 1) };
}

export function inPeriod(period: Period, at: number): boolean {
  return at >= period.from && at < period.to;
}

export const DAY_MS = 86_400_000;

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A dataset id starts with its partner's id (schema/vocabulary.ts PARTNER_ID_PATTERN): "northbridge-hospital:ds-003". */
export function partnerOfDataset(datasetId: string): string | null {
  const colon = datasetId.indexOf(':');
  return colon > 0 ? datasetId.slice(0, colon) : null;
}
