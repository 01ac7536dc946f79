import { detectFormat, type SourceFormat } from './format-detection.js';
import { parseJsonText } from './json-text.js';
import { readBeaconJson } from './readers/beacon/index.js';
import { readCkanJson } from './readers/ckan/index.js';
import { readDataJsonValue } from './readers/datajson/index.js';
import type { SourceProblem, SourceReading } from './source-dataset.js';

// One file to one SourceReading: the format detected (or given with --format), then the reader for
// it. JSON is parsed once here and handed to the JSON readers; the RDF readers (DCAT in JSON-LD or
// Turtle, schema.org and Croissant JSON-LD) take the text, since they parse it with an RDF library.

export type RdfReader = (text: string, fileName: string) => Promise<SourceReading>;

/** Where the RDF readers are, each exporting its read function under this name. */
const RDF_READERS: Partial<Record<SourceFormat, { module: string; exportName: string }>> = {
  dcat: { module: './readers/dcat/index.js', exportName: 'readDcat' },
  schemaorg: { module: './readers/schemaorg/index.js', exportName: 'readSchemaOrg' },
};

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
    if (reading === undefined) {
      return { ok: false, format: chosen, reason: detection.reason, problem: { where: fileName, message: `format "${chosen}" is not yet supported by this importer` } };
    }
    return { ok: true, format: chosen, reason: detection.reason, reading };
  } catch (error) {
    // A reader that throws on a file is a bug in the reader; the partner gets its message, not a stack.
    return { ok: false, format: chosen, reason: detection.reason, problem: { where: fileName, message: `could not be read as ${chosen}: ${(error as Error).message ?? String(error)}` } };
  }
}

async function readWith(format: SourceFormat, text: string, json: unknown, fileName: string): Promise<SourceReading | undefined> {
  switch (format) {
    case 'ckan':
      return readCkanJson(json);
    case 'datajson':
      return readDataJsonValue(json);
    case 'beacon':
      return readBeaconJson(json);
    case 'dcat':
    case 'schemaorg': {
      const reader = await rdfReader(format);
      return reader ? reader(text, fileName) : undefined;
    }
  }
}

// The RDF readers are loaded when a file needs them: jsonld and n3 are large, and a run over CKAN or
// data.json files alone never loads them.
async function rdfReader(format: SourceFormat): Promise<RdfReader | undefined> {
  const entry = RDF_READERS[format];
  if (entry === undefined) return undefined;
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(new URL(entry.module, import.meta.url).href)) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
  const read = loaded[entry.exportName];
  return typeof read === 'function' ? (read as RdfReader) : undefined;
}
