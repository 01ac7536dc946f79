import type { IdentifierRecord } from '../../catalog-file.js';
import { DOI_PATTERN } from '../../catalog-values.js';

// Identifiers other than the dataset id. A DOI is recognised however the source writes it (a
// doi.org or dx.doi.org URL, "doi:10...", or the bare "10..." name) and kept as the bare name with
// scheme "DOI", the form the contract requires.

const DOI_FORMS = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)?(10\.\d{4,9}\/\S+)$/i;

export function doiOf(value: string): string | undefined {
  const match = DOI_FORMS.exec(value.trim());
  if (!match) return undefined;
  let doi = match[1]!;
  try {
    doi = decodeURIComponent(doi);
  } catch {
    // Kept as written: not every "%" in a DOI suffix is an escape.
  }
  return DOI_PATTERN.test(doi) ? doi : undefined;
}

export function identifierRecords(identifiers: ReadonlyArray<{ value: string; scheme?: string }>): IdentifierRecord[] {
  const records: IdentifierRecord[] = [];
  const seen = new Set<string>();
  for (const { value, scheme } of identifiers) {
    const text = value.trim();
    if (text === '') continue;
    const doi = doiOf(text);
    const declaredDoi = scheme !== undefined && /doi/i.test(scheme);
    const record: IdentifierRecord = doi !== undefined
      ? { value: doi, scheme: 'DOI' }
      : { value: text, ...(scheme?.trim() && !declaredDoi ? { scheme: scheme.trim() } : {}) };
    const key = `${record.scheme ?? ''}\n${record.scheme === 'DOI' ? record.value.toLowerCase() : record.value}`;
    if (!seen.has(key)) records.push(record);
    seen.add(key);
  }
  return records;
}
