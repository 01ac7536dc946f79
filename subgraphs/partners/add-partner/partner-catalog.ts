import { readFileSync } from 'node:fs';
import { CatalogLoadError, parseCatalog } from '../../partner-kit/load-catalog.js';
import { AddPartnerError, EXIT_CODES } from './add-partner-error.js';

// The catalog a partner joins with is checked by the partner kit's own loader, the one that will
// serve it (subgraphs/partner-kit/load-catalog.ts), so it is refused here for exactly what would
// stop the partner's subgraph at start-up, and for being another partner's.

export interface CheckedCatalog {
  /** The file's bytes, copied unchanged into the repository. */
  bytes: Buffer;
  partnerName: string;
  datasetCount: number;
}

/** Reads and validates the catalog of partner `id`; every problem is in the error, naming the dataset and field. */
export function checkedCatalog(file: string, id: string, shown: string): CheckedCatalog {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw refused(shown, [`cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw refused(shown, [`is not valid JSON: ${(error as Error).message}`]);
  }
  const owner = (json as { partner?: { id?: unknown } } | null)?.partner?.id;
  // Dataset ids are checked against the catalog's own partner id, so another partner's catalog
  // would pass the loader: it is refused first, with what to change.
  if (owner !== id) {
    const found = typeof owner === 'string' ? `"${owner}"` : 'missing';
    throw refused(shown, [`field "partner.id": is ${found}, but the partner being added is "${id}" (--id); its dataset ids must start with "${id}:"`]);
  }
  try {
    const catalog = parseCatalog(json, shown);
    return { bytes, partnerName: catalog.partner.name, datasetCount: (json as { datasets: unknown[] }).datasets.length };
  } catch (error) {
    if (error instanceof CatalogLoadError) throw refused(shown, [...error.problems]);
    throw error;
  }
}

function refused(shown: string, problems: string[]): AddPartnerError {
  return new AddPartnerError(`catalog ${shown} is refused:`, EXIT_CODES.refused, problems);
}
