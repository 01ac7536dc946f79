import { failure, NO_LISTING, partnerText, skip, type Finding, type Skipped } from '../finding.js';
import { describePage, harvestQuery, readListing, type HarvestedDataset, type Listing } from '../harvest-listing.js';
import type { HarvestRule } from '../rule.js';
import { compareIds } from './dataset-ids.js';

// An incremental harvest: `_catalogHarvest(modifiedSince: T)` holds the datasets modified since T,
// totalCount counts them, and datasetIds still lists every dataset served. T is chosen a millisecond
// before one of the datasets' own `modified` times, so a partner reading "since" as after T or as
// from T onwards gives the same answer; a second call after the newest change must hold none.

export const modifiedSince: HarvestRule = {
  id: 'modified-since',
  title: 'modifiedSince keeps the datasets modified since then, and datasetIds still lists them all',
  async run({ client, listing, entityType, selection, pageSize }) {
    if (!listing.ok) return skip(NO_LISTING);
    const pivots = pivotsOf(listing.datasets);
    if (!pivots) return skip('the harvested datasets carry no modified time to filter by');
    const query = harvestQuery(entityType, selection);
    const middle = await readListing(client, query, pageSize, pivots.middle);
    const after = await readListing(client, query, pageSize, pivots.afterNewest);
    return judgeModifiedSince(listing, pivots, middle, after);
  },
};

export interface Pivots {
  /** A millisecond before the median modified time (or an earlier one, if that millisecond is a dataset's). */
  middle: string;
  /** A second after the newest modified time. */
  afterNewest: string;
}

export function pivotsOf(datasets: readonly HarvestedDataset[]): Pivots | null {
  const times = [...new Set(datasets.map(modifiedTime).filter((t): t is number => t !== null))].sort((a, b) => a - b);
  if (times.length === 0) return null;
  // A cut that is itself some dataset's time would be read differently as "after" and "from".
  let at = Math.floor(times.length / 2);
  while (at > 0 && times[at - 1] === times[at]! - 1) at--;
  return {
    middle: new Date(times[at]! - 1).toISOString(),
    afterNewest: new Date(times.at(-1)! + 1000).toISOString(),
  };
}

function modifiedTime(dataset: HarvestedDataset): number | null {
  const time = typeof dataset.modified === 'string' ? Date.parse(dataset.modified) : NaN;
  return Number.isNaN(time) ? null : time;
}

export function judgeModifiedSince(all: Listing, pivots: Pivots, middle: Listing, after: Listing): Finding[] | Skipped {
  if (!all.ok) return skip(NO_LISTING);
  const findings: Finding[] = [];
  for (const [since, listing] of [[pivots.middle, middle], [pivots.afterNewest, after]] as const) {
    if (!listing.ok) {
      findings.push(listing.finding);
      continue;
    }
    const cut = Date.parse(since);
    const expected = all.datasets.filter((d) => (modifiedTime(d) ?? -Infinity) > cut).map((d) => d.id);
    const found = listing.datasets.map((d) => d.id);
    const first = listing.pages[0]!;
    if ([...expected].sort().join('\n') !== [...found].sort().join('\n')) {
      findings.push(failure({
        where: describePage(first.request), expected: `the ${expected.length} datasets modified after ${since}`, found: `${found.length} datasets${difference(expected, found)}`,
        fix: 'return only the datasets whose modified time is after modifiedSince, all of them when it is not given',
      }));
    }
    if (first.answer.totalCount !== expected.length) {
      findings.push(failure({
        where: `${describePage(first.request)} { totalCount }`, expected: String(expected.length), found: String(first.answer.totalCount),
        fix: 'count in totalCount the datasets modified since modifiedSince, not every dataset',
      }));
    }
    findings.push(...compareIds(first, all.datasets.map((d) => d.id)));
  }
  return findings;
}

function difference(expected: readonly string[], found: readonly string[]): string {
  const wanted = new Set(expected);
  const got = new Set(found);
  const extra = found.filter((id) => !wanted.has(id));
  const missing = expected.filter((id) => !got.has(id));
  const parts = [
    ...(missing.length ? [`missing "${partnerText(missing[0]!, 120)}"${missing.length > 1 ? ` and ${missing.length - 1} more` : ''}`] : []),
    ...(extra.length ? [`with "${partnerText(extra[0]!, 120)}"${extra.length > 1 ? ` and ${extra.length - 1} more` : ''} not modified since`] : []),
  ];
  return parts.length ? ` (${parts.join('; ')})` : '';
}
