import { isCalendarDate } from '../../../../schema/vocabulary.js';
import type { Findings } from '../findings.js';

// Source dates to the contract's: `issued` is a calendar date (YYYY-MM-DD), `modified` a date-time
// with an offset. Sources write xsd:date, xsd:dateTime with or without an offset and with any
// number of fractional digits, xsd:gYear and xsd:gYearMonth (XML Schema 1.1 part 2, 3.3.7-3.3.14),
// and sometimes a space for the "T". A value the contract's form cannot hold exactly is converted
// and the conversion reported; a value that is not a date at all is reported and left out.

export type SourceDate =
  | { kind: 'date-time'; date: string; dateTime: string }
  | { kind: 'naive-date-time'; date: string; dateTime: string }
  | { kind: 'date'; date: string }
  | { kind: 'year-month'; year: string; month: string }
  | { kind: 'year'; year: string };

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const DATE = /^(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})?$/;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;
const YEAR = /^(\d{4})$/;

export function parseSourceDate(text: string): SourceDate | undefined {
  const value = text.trim();
  const dateTime = DATE_TIME.exec(value);
  if (dateTime) {
    const [, date, hours, minutes, seconds = '00', fraction = '', zone] = dateTime as unknown as [string, string, string, string, string?, string?, string?];
    if (!isCalendarDate(date) || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return undefined;
    const offset = zone === undefined ? undefined : zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
    const written = `${date}T${hours}:${minutes}:${seconds}${fraction}`;
    return offset === undefined ? { kind: 'naive-date-time', date, dateTime: `${written}Z` } : { kind: 'date-time', date, dateTime: `${written}${offset}` };
  }
  const date = DATE.exec(value);
  if (date) return isCalendarDate(date[1]!) ? { kind: 'date', date: date[1]! } : undefined;
  const yearMonth = YEAR_MONTH.exec(value);
  if (yearMonth) return Number(yearMonth[2]) >= 1 && Number(yearMonth[2]) <= 12 ? { kind: 'year-month', year: yearMonth[1]!, month: yearMonth[2]! } : undefined;
  const year = YEAR.exec(value);
  return year ? { kind: 'year', year: year[1]! } : undefined;
}

/** The contract's `issued`: the calendar date as the source wrote it. */
export function issuedDate(text: string, field: string, findings: Findings): string | undefined {
  const parsed = parseSourceDate(text);
  switch (parsed?.kind) {
    case 'date':
    case 'date-time':
    case 'naive-date-time':
      return parsed.date;
    case 'year-month':
      findings.warn(field, `"${text}" gives only a year and month; taken as ${parsed.year}-${parsed.month}-01`);
      return `${parsed.year}-${parsed.month}-01`;
    case 'year':
      findings.warn(field, `"${text}" gives only a year; taken as ${parsed.year}-01-01`);
      return `${parsed.year}-01-01`;
    default:
      findings.warn(field, `"${text}" is not a date; left out`);
      return undefined;
  }
}

/** The contract's `modified`: a date-time with its offset, as the source wrote it where it gave one. */
export function modifiedDateTime(text: string, field: string, findings: Findings): string | undefined {
  const parsed = parseSourceDate(text);
  switch (parsed?.kind) {
    case 'date-time':
      return parsed.dateTime;
    case 'naive-date-time':
      findings.warn(field, `"${text}" has no time zone; taken as UTC`);
      return parsed.dateTime;
    case 'date':
      findings.warn(field, `"${text}" is a date without a time; taken as ${parsed.date}T00:00:00Z`);
      return `${parsed.date}T00:00:00Z`;
    case 'year-month':
      findings.warn(field, `"${text}" gives only a year and month; taken as ${parsed.year}-${parsed.month}-01T00:00:00Z`);
      return `${parsed.year}-${parsed.month}-01T00:00:00Z`;
    case 'year':
      findings.warn(field, `"${text}" gives only a year; taken as ${parsed.year}-01-01T00:00:00Z`);
      return `${parsed.year}-01-01T00:00:00Z`;
    default:
      findings.warn(field, `"${text}" is not a date; left out`);
      return undefined;
  }
}

/** A bound of a coverage period: a year or month covers all of it, so an end is its last day. */
export function periodBound(text: string, bound: 'start' | 'end'): string | undefined {
  const parsed = parseSourceDate(text);
  switch (parsed?.kind) {
    case 'date':
    case 'date-time':
    case 'naive-date-time':
      return parsed.date;
    case 'year-month': {
      if (bound === 'start') return `${parsed.year}-${parsed.month}-01`;
      const lastDay = new Date(Date.UTC(Number(parsed.year), Number(parsed.month), 0)).getUTCDate();
      return `${parsed.year}-${parsed.month}-${String(lastDay).padStart(2, '0')}`;
    }
    case 'year':
      return bound === 'start' ? `${parsed.year}-01-01` : `${parsed.year}-12-31`;
    default:
      return undefined;
  }
}
