import type { Literal, Term } from 'n3';
import type { SourcePeriod, SourceProblem } from '../source-dataset.js';
import { XSD } from './namespaces.js';

// Small readings of values as written, shared by the readers.

const URL_SCHEMES = new Set(['http:', 'https:', 'urn:', 'ftp:']);

/** True for a text that is an absolute http(s), urn or ftp IRI (a licence URL rather than an id). */
export function isAbsoluteIri(text: string): boolean {
  if (!URL.canParse(text)) return false;
  return URL_SCHEMES.has(new URL(text).protocol);
}

/** An e-mail address from a mailto: IRI or a plain address. */
export function mailAddress(text: string): string {
  if (!text.toLowerCase().startsWith('mailto:')) return text;
  const address = text.slice('mailto:'.length);
  try {
    return decodeURIComponent(address);
  } catch {
    return address;
  }
}

const NUMERIC_DATATYPES = new Set(['decimal', 'integer', 'nonNegativeInteger', 'positiveInteger', 'long', 'int', 'unsignedLong', 'unsignedInt', 'double', 'float'].map(XSD));

/** A size typed as a number is a number; anything else ("117743 B", "1.2 MB") stays as written. */
export function sizeAsWritten(term: Term, written: string): number | string {
  if (term.termType !== 'Literal' || !NUMERIC_DATATYPES.has((term as Literal).datatype.value)) return written;
  const number = Number(written);
  return Number.isSafeInteger(number) && number >= 0 ? number : written;
}

/**
 * The first of several values where the record holds one, with a problem naming the others: the
 * file says two things and the report should show which one was kept.
 */
export function firstOf(values: readonly string[], where: string, property: string, problems: SourceProblem[]): string | undefined {
  if (values.length > 1) {
    problems.push({ where, message: `${property} has ${values.length} values (${values.map((v) => `"${v}"`).join(', ')}); the first is read` });
  }
  return values[0];
}

/**
 * A period written as text: an ISO 8601 interval "start/end" (either side may be ".." or empty when
 * open, ISO 8601-2), or one date or year, which is then both start and end ("2019" covers 2019).
 */
export function periodOfText(text: string): SourcePeriod | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  const slash = value.indexOf('/');
  if (slash === -1) return { start: value, end: value };
  const open = (side: string) => (side === '' || side === '..' ? undefined : side);
  const start = open(value.slice(0, slash).trim());
  const end = open(value.slice(slash + 1).trim());
  if (start === undefined && end === undefined) return undefined;
  return { ...(start !== undefined && { start }), ...(end !== undefined && { end }) };
}
