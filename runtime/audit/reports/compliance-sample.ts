import { DAY_MS, median } from './period.js';
import { allowedRead, grantActiveAt, readBy, type ReportGrant, type ReportGrantee, type ReportRecord, type ReportRequest } from './report-inputs.js';
import { seededRandom } from './seeded-random.js';

// The board's compliance sample (ARCHITECTURE.md "Audit"): which active grants to review this
// round. Every active grant may be drawn, but those whose misuse would cost most, or which show
// signs of misuse, are drawn more often. The weights multiply; each is listed with the grant as a
// reason, so a reviewer knows why it was picked. The draw is deterministic for a seed: the board
// publishes the seed and anyone can check that the sample was not chosen by hand.

/**
 * Data class: a breach of PROPRIETARY data harms the partner who contributed it commercially and
 * breaks the terms it was contributed under, so it weighs most; PARTNER_SHARED data is restricted to
 * the consortium and its leak is a breach of the consortium agreement; ANONYMIZED and PUBLIC data
 * leave only a residual re-identification risk. A dataset whose class is unknown is weighed as the
 * strictest, so that missing facts never lower the chance of review.
 */
export const DATA_CLASS_WEIGHTS: Readonly<Record<string, number>> = { PROPRIETARY: 4, PARTNER_SHARED: 2, ANONYMIZED: 1, PUBLIC: 1 };
export const UNKNOWN_DATA_CLASS_WEIGHT = 4;

/**
 * Access volume: reads well beyond what grants for the same purpose category see suggest bulk
 * extraction or use beyond the declared purpose. 1 up to the median, then 1 + log2(reads / median),
 * so twice the median weighs 2 and four times 3, where it stops: one heavy reader must not crowd
 * every other grant out of the sample. The median is over active grants in use (at least one read)
 * with the same purpose category, or over all grants in use when fewer than MIN_PEERS share it.
 */
export const MAX_VOLUME_WEIGHT = 3;
export const MIN_PEERS = 3;

/**
 * Near expiry: a grant reviewed in its last 30 days can still inform its renewal, and the duties
 * that fall due at its end (deletion, return of results, publication) are checked while the grantee
 * still answers to the grant.
 */
export const NEAR_EXPIRY_DAYS = 30;
export const NEAR_EXPIRY_WEIGHT = 1.5;

/**
 * New organisation: an organisation first seen in the consortium in the last 90 days has no track
 * record yet, and misunderstandings of the terms show in the first months. An organisation never
 * seen counts as new.
 */
export const NEW_ORGANISATION_DAYS = 90;
export const NEW_ORGANISATION_WEIGHT = 2;

export interface ComplianceSampleInput {
  grants: readonly ReportGrant[];
  /** The audit trail's records, at least those since the oldest active grant was given. */
  records: readonly ReportRecord[];
  /** Each dataset's data class (schema/vocabulary.ts DATA_CLASSES). */
  dataClasses: ReadonlyMap<string, string>;
  /** When each organisation was first seen in the consortium (ISO 8601). */
  organisationsFirstSeen: ReadonlyMap<string, string>;
  /** The grants' requests: a grant's purpose category and a person grantee's organisation. */
  requests?: readonly ReportRequest[];
  now: Date;
  size: number;
  seed: string;
}

export interface SampledGrant {
  grantId: string;
  datasetId: string;
  partnerId: string;
  grantee: ReportGrantee;
  /** ISO 8601. */
  expiresAt: string;
  /** The product of the factors below. */
  weight: number;
  reasons: string[];
}

export interface ComplianceSample {
  seed: string;
  /** ISO 8601. */
  at: string;
  /** Active grants the sample was drawn from. */
  population: number;
  grants: SampledGrant[];
}

interface Weighed {
  grant: ReportGrant;
  weight: number;
  reasons: string[];
}

export function complianceSample(input: ComplianceSampleInput): ComplianceSample {
  const { now, seed, size } = input;
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`sample size must be a whole number of 0 or more, not ${size}`);
  const at = now.getTime();
  // Sorted by id: the draw depends on the seed and the grants, never on the order they were read in.
  const active = input.grants.filter((g) => grantActiveAt(g, at)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const requests = new Map((input.requests ?? []).map((r) => [r.id, r]));
  const purposeOf = (grant: ReportGrant) => requests.get(grant.requestId)?.purpose.category ?? 'unknown';

  const reads = new Map(active.map((grant) => [grant.id, countReads(grant, input.records, at)]));
  const inUse = active.filter((g) => reads.get(g.id)! > 0);
  const allMedian = median(inUse.map((g) => reads.get(g.id)!));
  const medianFor = (grant: ReportGrant): number | null => {
    const peers = inUse.filter((g) => purposeOf(g) === purposeOf(grant));
    return peers.length >= MIN_PEERS ? median(peers.map((g) => reads.get(g.id)!)) : allMedian;
  };

  const weighed: Weighed[] = active.map((grant) => {
    const reasons: string[] = [];
    let weight = 1;
    const dataClass = input.dataClasses.get(grant.datasetId);
    const classWeight = dataClass === undefined ? UNKNOWN_DATA_CLASS_WEIGHT : DATA_CLASS_WEIGHTS[dataClass] ?? UNKNOWN_DATA_CLASS_WEIGHT;
    weight *= classWeight;
    reasons.push(`data class ${dataClass ?? 'unknown'} (x${classWeight})`);

    const count = reads.get(grant.id)!;
    const typical = medianFor(grant);
    if (typical !== null && count > typical) {
      const volumeWeight = Math.min(MAX_VOLUME_WEIGHT, 1 + Math.log2(count / typical));
      weight *= volumeWeight;
      reasons.push(`${count} reads against a median of ${typical} for ${purposeOf(grant)} purposes (x${round(volumeWeight)})`);
    }

    const daysLeft = (grant.expiresAt - at) / DAY_MS;
    if (daysLeft <= NEAR_EXPIRY_DAYS) {
      weight *= NEAR_EXPIRY_WEIGHT;
      reasons.push(`expires in ${Math.ceil(daysLeft)} days (x${NEAR_EXPIRY_WEIGHT})`);
    }

    const organisation = organisationOf(grant, requests, input.records);
    if (organisation !== null) {
      const firstSeen = input.organisationsFirstSeen.get(organisation);
      const since = firstSeen === undefined ? null : Date.parse(firstSeen);
      if (since === null || Number.isNaN(since) || at - since < NEW_ORGANISATION_DAYS * DAY_MS) {
        weight *= NEW_ORGANISATION_WEIGHT;
        reasons.push(`organisation ${since === null ? 'never seen before' : `first seen ${new Date(since).toISOString().slice(0, 10)}`} (x${NEW_ORGANISATION_WEIGHT})`);
      }
    }
    return { grant, weight, reasons };
  });

  return {
    seed,
    at: now.toISOString(),
    population: active.length,
    grants: drawWithoutReplacement(weighed, size, seed).map(({ grant, weight, reasons }) => ({
      grantId: grant.id,
      datasetId: grant.datasetId,
      partnerId: grant.partnerId,
      grantee: grant.grantee,
      expiresAt: new Date(grant.expiresAt).toISOString(),
      weight: round(weight),
      reasons,
    })),
  };
}

/**
 * Weighted sampling without replacement (Efraimidis and Spirakis, "Weighted random sampling with a
 * reservoir", 2006): each item gets the key u^(1/w) for a uniform u, and the `size` largest keys
 * win. Compared as ln(u)/w, the same order without underflow for large weights.
 */
function drawWithoutReplacement(items: readonly Weighed[], size: number, seed: string): Weighed[] {
  const random = seededRandom(seed);
  return items
    .map((item) => ({ item, key: Math.log(random()) / item.weight }))
    .sort((a, b) => b.key - a.key)
    .slice(0, size)
    .map(({ item }) => item);
}

/** Allowed reads of the grant's dataset by its grantee, from when it was given up to `at`. */
function countReads(grant: ReportGrant, records: readonly ReportRecord[], at: number): number {
  const from = Date.parse(grant.grantedAt);
  let count = 0;
  for (const record of records) {
    const when = Date.parse(record.at);
    if (when >= from && when <= at && readBy(record, grant.grantee) && allowedRead(record, grant.datasetId)) count += 1;
  }
  return count;
}

/** The organisation granted, or the one the person requested as, or the one their reads carry. */
function organisationOf(grant: ReportGrant, requests: ReadonlyMap<string, ReportRequest>, records: readonly ReportRecord[]): string | null {
  if (grant.grantee.kind === 'organisation') return grant.grantee.organisation;
  const requested = requests.get(grant.requestId)?.requester.organisation;
  if (requested) return requested;
  const subject = grant.grantee.subject;
  return records.find((r) => r.subject === subject && r.organisation !== null)?.organisation ?? null;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
