import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AddPartnerError, EXIT_CODES } from './add-partner-error.js';

// `npm run add-partner -- --id ID --catalog FILE [--url URL | --port N] [--force] [--dry-run] [--root DIR]`

export const USAGE = 'usage: npm run add-partner -- --id ID --catalog FILE [--url URL | --port N] [--force] [--dry-run] [--root DIR]';

export interface AddPartnerCommand {
  id: string;
  /** Absolute, and as given. */
  catalog: string;
  catalogShown: string;
  url?: string;
  port?: number;
  force: boolean;
  dryRun: boolean;
  /** Absolute: the repository whose files change. */
  root: string;
  help: boolean;
}

/**
 * The command line, with paths resolved against `cwd`: the folder the person ran npm from, which
 * npm passes as INIT_CWD while it runs the script from the repository root.
 */
export function readAddPartnerCommand(argv: readonly string[], cwd: string, defaultRoot: string): AddPartnerCommand {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        id: { type: 'string' },
        catalog: { type: 'string' },
        url: { type: 'string' },
        port: { type: 'string' },
        force: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw usage((error as Error).message);
  }
  const help = values.help === true;
  const root = values.root === undefined ? defaultRoot : resolve(cwd, values.root);
  const base = { force: values.force === true, dryRun: values['dry-run'] === true, root, help };
  if (help) return { ...base, id: '', catalog: '', catalogShown: '' };
  if (!values.id) throw usage('--id is required');
  if (!values.catalog) throw usage('--catalog is required');
  if (values.url !== undefined && values.port !== undefined) throw usage('give --url or --port, not both (the port is part of the URL)');
  return {
    ...base,
    id: values.id,
    catalog: resolve(cwd, values.catalog),
    catalogShown: values.catalog,
    ...(values.url !== undefined ? { url: readUrl(values.url) } : {}),
    ...(values.port !== undefined ? { port: readPort(values.port) } : {}),
  };
}

function readUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usage(`--url must be an absolute http(s) URL such as http://127.0.0.1:4104/graphql, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usage(`--url must be an http(s) URL, got "${raw}"`);
  return raw;
}

function readPort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65_535) throw usage(`--port must be a whole number from 1 to 65535, got "${raw}"`);
  return port;
}

function usage(message: string): AddPartnerError {
  return new AddPartnerError(`${message}\n${USAGE}`, EXIT_CODES.usage);
}
