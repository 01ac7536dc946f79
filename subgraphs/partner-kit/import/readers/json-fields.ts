// Reading fields of a parsed JSON source that promises nothing about its shape: a field may be
// missing, null, a string where a list was meant, or a number where a string was meant. Each helper
// takes what it can and ignores the rest, so a reader never throws on an unexpected shape; what it
// cannot read simply does not reach the record, and the mapping reports what the contract misses.

export type JsonRecord = Record<string, unknown>;

export function asRecord(value: unknown): JsonRecord | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonRecord) : undefined;
}

/** A list whether the source wrote one value or several; null and absent are empty. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A non-empty trimmed string; a number or boolean is written as text (ids, versions, flags). */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function asTexts(value: unknown): string[] {
  return asList(value).map(asText).filter((text): text is string => text !== undefined);
}

export function asRecords(value: unknown): JsonRecord[] {
  return asList(value).map(asRecord).filter((record): record is JsonRecord => record !== undefined);
}

/** The first field of `record` among `names` that holds text. */
export function firstText(record: JsonRecord, ...names: string[]): string | undefined {
  for (const name of names) {
    const text = asText(record[name]);
    if (text !== undefined) return text;
  }
  return undefined;
}

/** An e-mail address without the mailto: scheme vCard and data.json put before it. */
export function emailAddress(value: unknown): string | undefined {
  const text = asText(value);
  return text?.replace(/^mailto:/i, '').trim() || undefined;
}
