import { resolve } from 'node:path';
import { isPartnerId } from '../../../schema/vocabulary.js';
import { SOURCE_FORMATS, type SourceFormat } from './format-detection.js';

// The command line of `npm run import`: checked whole before any file is read, each mistake named.

export const USAGE = `usage: npm run import -- FILE... --partner ID --out CATALOG.json [options]

  FILE...             source catalogs: DCAT or DCAT-AP (Turtle or JSON-LD), schema.org or
                      Croissant JSON-LD, CKAN package_show or package_search responses,
                      data.json (Project Open Data 1.1, DCAT-US 3.0, Argentina's profile),
                      Beacon v2 datasets, EGA dataset and policy objects
  --partner ID        the partner id: the prefix of every dataset id ("northbridge-hospital")
  --out FILE          the catalog file to write (replaced whole, never half-written)
  --format FORMAT     auto (default: by content), dcat, ckan, datajson, schemaorg or beacon
  --defaults FILE     the partner's defaults file: the partner record, and what the sources lack
                      (see subgraphs/partner-kit/import/example-defaults.json)
  --report FILE       also write the report as JSON
  --help              this text

Exit codes: 0 all imported, 1 catalog written with some records refused, 2 nothing written,
64 usage or defaults file error, 70 internal error.`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ImportArguments {
  files: string[];
  partnerId: string;
  out: string;
  /** Undefined: detect each file's format from its content. */
  format?: SourceFormat;
  defaultsFile?: string;
  reportFile?: string;
}

export type ParsedArguments = { help: true } | ({ help: false } & ImportArguments);

const VALUE_OPTIONS = new Set(['--partner', '--out', '--format', '--defaults', '--report']);

export function parseImportArguments(argv: readonly string[]): ParsedArguments {
  const values = new Map<string, string>();
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('-') && arg !== '-') {
      const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
      if (!VALUE_OPTIONS.has(name)) throw new UsageError(`unknown option ${name}`);
      if (values.has(name)) throw new UsageError(`${name} is given twice`);
      const value = inline ?? argv[++i];
      if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${name} needs a value`);
      values.set(name, value);
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) throw new UsageError('no source file given');
  const partnerId = values.get('--partner');
  if (partnerId === undefined) throw new UsageError('--partner is required');
  if (!isPartnerId(partnerId)) throw new UsageError(`--partner "${partnerId}" is not a partner id: lower-case words joined by hyphens, such as "northbridge-hospital"`);
  const out = values.get('--out');
  if (out === undefined) throw new UsageError('--out is required');
  const format = values.get('--format') ?? 'auto';
  if (format !== 'auto' && !SOURCE_FORMATS.includes(format as SourceFormat)) {
    throw new UsageError(`--format "${format}" is not one of auto, ${SOURCE_FORMATS.join(', ')}`);
  }
  const reportFile = values.get('--report');
  const defaultsFile = values.get('--defaults');
  const inputs = new Set([...files, ...(defaultsFile ? [defaultsFile] : [])].map((f) => resolve(f)));
  if (inputs.has(resolve(out))) throw new UsageError(`--out ${out} is also an input; the importer never overwrites what it reads`);
  if (reportFile !== undefined && (inputs.has(resolve(reportFile)) || resolve(reportFile) === resolve(out))) {
    throw new UsageError(`--report ${reportFile} is also an input or the --out file`);
  }
  return {
    help: false,
    files,
    partnerId,
    out,
    ...(format === 'auto' ? {} : { format: format as SourceFormat }),
    ...(defaultsFile ? { defaultsFile } : {}),
    ...(reportFile ? { reportFile } : {}),
  };
}
