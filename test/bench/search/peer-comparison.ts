import { round } from './latency.js';

// Search is judged against a peer measured in the same run, not against fixed milliseconds: the same
// machine gave a p95 of 34 ms one day and 53 ms another. The rule: Concord's p95 at most PostgreSQL's.

export interface Percentiles {
  p50: number;
  p95: number;
}

export type Verdict = 'met' | 'missed';

export interface PeerComparison {
  /** Concord's figure divided by PostgreSQL's: below 1, Concord answered faster. */
  p50Ratio: number;
  p95Ratio: number;
  verdict: Verdict;
}

export function comparePeer(concord: Percentiles, peer: Percentiles): PeerComparison {
  for (const [name, value] of Object.entries({ 'Concord p50': concord.p50, 'Concord p95': concord.p95, 'PostgreSQL p50': peer.p50, 'PostgreSQL p95': peer.p95 })) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} is not a latency: ${value}`);
  }
  const ratio = (mine: number, theirs: number) => (theirs === 0 ? (mine === 0 ? 1 : Infinity) : round(mine / theirs, 2));
  return { p50Ratio: ratio(concord.p50, peer.p50), p95Ratio: ratio(concord.p95, peer.p95), verdict: concord.p95 <= peer.p95 ? 'met' : 'missed' };
}

/** "0.52x" (Concord takes about half PostgreSQL's time); "-" when there is no ratio. */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return '-';
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : 'inf';
}

/** One query asked of both: how many each matched and how far their answers overlap. */
export interface AgreementSample {
  typo: boolean;
  concordTotal: number;
  peerTotal: number;
  /** PostgreSQL's matches that Concord matched too. */
  peerAlsoInConcord: number;
  /** Ids on both first pages. */
  samePageIds: number;
  pageSize: number;
  /** Whether the facets agree; null when not compared (PostgreSQL matched something Concord did not). */
  facetsEqual: boolean | null;
}

export interface Agreement {
  queries: number;
  /** Without a typo: the question both can answer. */
  exact: {
    queries: number;
    sameTotal: number;
    /** Median of PostgreSQL's total over Concord's, over the queries Concord matched something for. */
    medianTotalRatio: number | null;
    /** The share of all PostgreSQL matches that Concord also returned (1: none missing). */
    peerMatchesFoundByConcord: number | null;
    /** Median share of the first page both put first (ids in common over the longer page). */
    medianPageOverlap: number | null;
    facetsCompared: number;
    facetsEqual: number;
  };
  /** With one letter dropped: Concord's typo tolerance, which PostgreSQL's full-text search lacks. */
  typo: {
    queries: number;
    peerFoundNothing: number;
    concordFoundSomething: number;
  };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function summariseAgreement(samples: readonly AgreementSample[]): Agreement {
  const exact = samples.filter((s) => !s.typo);
  const typo = samples.filter((s) => s.typo);
  const peerTotal = exact.reduce((n, s) => n + s.peerTotal, 0);
  const pages = exact.filter((s) => s.concordTotal > 0 || s.peerTotal > 0)
    .map((s) => s.samePageIds / Math.max(1, Math.min(s.pageSize, Math.max(s.concordTotal, s.peerTotal))));
  const ratios = exact.filter((s) => s.concordTotal > 0).map((s) => s.peerTotal / s.concordTotal);
  const compared = exact.filter((s) => s.facetsEqual !== null);
  const rounded = (value: number | null) => (value === null ? null : round(value, 3));
  return {
    queries: samples.length,
    exact: {
      queries: exact.length,
      sameTotal: exact.filter((s) => s.concordTotal === s.peerTotal).length,
      medianTotalRatio: rounded(median(ratios)),
      peerMatchesFoundByConcord: peerTotal === 0 ? null : rounded(exact.reduce((n, s) => n + s.peerAlsoInConcord, 0) / peerTotal),
      medianPageOverlap: rounded(median(pages)),
      facetsCompared: compared.length,
      facetsEqual: compared.filter((s) => s.facetsEqual).length,
    },
    typo: {
      queries: typo.length,
      peerFoundNothing: typo.filter((s) => s.peerTotal === 0).length,
      concordFoundSomething: typo.filter((s) => s.concordTotal > 0).length,
    },
  };
}
