import { detectFormat, type SourceFormat } from './format-detection.js';
import { parseJsonText } from './json-text.js';
import { readBeaconJson } from './readers/beacon/index.js';
import { readCkanJson } from './readers/ckan/index.js';
import { readDataJsonValue } from './readers/datajson/index.js';
import type { SourceProblem, SourceReading } from './source-dataset.js';

// One file to one SourceReading: the format detected (or given with --format), then the reader for
// it. JSON is parsed once here and handed to the JSON readers; the RDF readers (DCAT in JSON-LD or
// Turtle, schema.org and Croissant JSON-LD) take the text, since they parse it with an RDF library.

export type FileReading =
  | { ok: true; format: SourceFormat; reason: string; reading: SourceReading }
  | { ok: false; format?: SourceFormat; reason?: string; problem: SourceProblem };

/** `format` undefined is --format auto. Never throws on the file's content: every failure is a problem. */
export async function readSource(text: string, fileName: string, format: SourceFormat | undefined): Promise<FileReading> {
  const looksJson = /^\s*[[{]/.test(text);
  let json: unknown;
  if (looksJson || (format !== undefined && format !== 'dcat')) {
    const parsed = parseJsonText(text, fileName);
    if (!parsed.ok) return { ok: false, ...(format ? { format } : {}), problem: parsed.problem };
    json = parsed.value;
  }
  const detection = format === undefined ? detectFormat(text, json) : { format, reason: 'given with --format' };
  if (detection.format === undefined) return { ok: false, problem: { where: fileName, message: `format not recognised: ${detection.reason}` } };
  const chosen = detection.format;
  try {
    const reading = await readWith(chosen, text, json, fileName);
    return { ok: true, format: chosen, reason: detection.reason, reading };
  } catch (error) {
    // A reader that throws on a file is a bug in the reader; the partner gets its message, not a stack.
    return { ok: false, format: chosen, reason: detection.reason, problem: { where: fileName, message: `could not be read as ${chosen}: ${(error as Error).message ?? String(error)}` } };
  }
}

async function readWith(format: SourceFormat, text: string, json: unknown, fileName: string): Promise<SourceReading> {
  switch (format) {
    case 'ckan':
      return readCkanJson(json);
    case 'datajson':
      return readDataJsonValue(json);
    case 'beacon':
      return readBeaconJson(json);
    case 'dcat':
      // The RDF readers are loaded when a file needs them: jsonld and n3 are large, and a run over
      // CKAN or data.json files alone never loads them.
      return (await import('./readers/dcat/index.js')).readDcat(text, fileName);
    case 'schemaorg':
      return (await import('./readers/schemaorg/index.js')).readSchemaOrg(text, fileName);
  }
}
