import { PURPOSE_CATEGORIES } from '../../../schema/vocabulary.js';
import { DAY_MS, inPeriod, parsePeriod, partnerOfDataset, type Period } from './period.js';
import { type ReportGrant, type ReportRecord, type ReportRequest } from './report-inputs.js';

// Recognition for a partner who contributes data (ARCHITECTURE.md "Audit"): for its stewards, how
// its datasets were used in a period. Like the compliance report it names no person and no
// organisation: organisations are counted, licences, purpose categories and duties are the
// contract's own vocabulary.

export type Bucket = 'week' | 'month';

export interface DatasetUse {
  datasetId: string;
  /** Operations that were allowed at least one guarded field of the dataset. */
  reads: number;
  /** Distinct organisations those reads came from (readers without a verified organisation not counted). */
  organisations: number;
  /** Licences accepted in the grants of the dataset active at some point of the period: how many grants each. */
  licences: Record<string, number>;
  /** Reads by the purpose category the reader declared ('undeclared' when none was recorded). */
  purposeCategories: Record<string, number>;
  /** Reads per bucket, aligned with ProviderReport.buckets. */
  readsOverTime: number[];
}

export interface ProviderReport {
  partnerId: string;
  period: { label: string; from: string; to: string };
  bucket: Bucket;
  /** The first day (YYYY-MM-DD) of each bucket; weeks start on Monday and are cut to the period. */
  buckets: string[];
  /** Every dataset of the partner that was read or held under a grant in the period, most read first. */
  datasets: DatasetUse[];
  /** All the partner's datasets together, per bucket. */
  readsOverTime: number[];
  /** Duties (DUO PUB, COL, RTN, MOR...) accepted in the grants given in the period: how many grants each. */
  dutiesAccepted: Record<string, number>;
  /** Grants given in the period, and organisations they went to (counted). */
  grantsGiven: number;
  organisationsGranted: number;
}

export interface ProviderReportInput {
  partnerId: string;
  requests: readonly ReportRequest[];
  records: readonly ReportRecord[];
  grants: readonly ReportGrant[];
  period: string | Period;
  /** Default: weeks for a month or a quarter, months for a year. */
  bucket?: Bucket;
}

export function providerReport(input: ProviderReportInput): ProviderReport {
  const { partnerId } = input;
  const period = typeof input.period === 'string' ? parsePeriod(input.period) : input.period;
  const bucket = input.bucket ?? (period.kind === 'year' ? 'month' : 'week');
  const starts = bucketStarts(period, bucket);
  const bucketOf = (at: number) => {
    let index = 0;
    while (index + 1 < starts.length && starts[index + 1]! <= at) index += 1;
    return index;
  };
  const ownGrants = input.grants.filter((g) => g.partnerId === partnerId);
  const requestsById = new Map(input.requests.map((r) => [r.id, r]));

  const uses = new Map<string, DatasetUse & { organisationSet: Set<string> }>();
  const use = (datasetId: string) => {
    let found = uses.get(datasetId);
    if (!found) {
      found = { datasetId, reads: 0, organisations: 0, licences: {}, purposeCategories: {}, readsOverTime: starts.map(() => 0), organisationSet: new Set() };
      uses.set(datasetId, found);
    }
    return found;
  };
  const total = starts.map(() => 0);

  for (const record of input.records) {
    const when = Date.parse(record.at);
    if (record.action !== 'read' || !inPeriod(period, when)) continue;
    const datasets = new Set(record.fields.flatMap((f) => (f.outcome === 'allow' ? f.datasetIds.filter((id) => partnerOfDataset(id) === partnerId) : [])));
    for (const datasetId of datasets) {
      const entry = use(datasetId);
      entry.reads += 1;
      entry.readsOverTime[bucketOf(when)]! += 1;
      total[bucketOf(when)]! += 1;
      if (record.organisation !== null) entry.organisationSet.add(record.organisation);
      const category = purposeCategory(record.purpose);
      entry.purposeCategories[category] = (entry.purposeCategories[category] ?? 0) + 1;
    }
  }

  const dutiesAccepted: Record<string, number> = {};
  const organisationsGranted = new Set<string>();
  let grantsGiven = 0;
  for (const grant of ownGrants) {
    // Held at some point of the period: given before its end, not ended before its start.
    const ended = Math.min(grant.expiresAt, grant.revoked ? Date.parse(grant.revoked.at) : Infinity);
    if (Date.parse(grant.grantedAt) < period.to && ended > period.from) {
      const entry = use(grant.datasetId);
      for (const licence of new Set(grant.acceptedTerms)) entry.licences[licence] = (entry.licences[licence] ?? 0) + 1;
    }
    if (inPeriod(period, Date.parse(grant.grantedAt))) {
      grantsGiven += 1;
      for (const duty of new Set(grant.acceptedDuties)) dutiesAccepted[duty] = (dutiesAccepted[duty] ?? 0) + 1;
      const organisation = grant.grantee.kind === 'organisation' ? grant.grantee.organisation : requestsById.get(grant.requestId)?.requester.organisation ?? null;
      if (organisation !== null) organisationsGranted.add(organisation);
    }
  }

  const datasets = [...uses.values()]
    .map(({ organisationSet, ...rest }) => ({ ...rest, organisations: organisationSet.size }))
    .sort((a, b) => b.reads - a.reads || (a.datasetId < b.datasetId ? -1 : 1));
  return {
    partnerId,
    period: { label: period.label, from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString() },
    bucket,
    buckets: starts.map((start) => new Date(start).toISOString().slice(0, 10)),
    datasets,
    readsOverTime: total,
    dutiesAccepted,
    grantsGiven,
    organisationsGranted: organisationsGranted.size,
  };
}

/** A recorded purpose's category ("disease:MONDO:0005148" is disease); 'undeclared' for anything else. */
function purposeCategory(purpose: string | null): string {
  const category = purpose?.split(/[:\s/]/)[0] ?? '';
  return (PURPOSE_CATEGORIES as readonly string[]).includes(category) ? category : 'undeclared';
}

/** The first instant of each bucket inside the period: months, or weeks from Monday 00:00 UTC. */
function bucketStarts(period: Period, bucket: Bucket): number[] {
  const starts = [period.from];
  if (bucket === 'month') {
    const first = new Date(period.from);
    for (let month = 1; ; month += 1) {
      const next = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + month, 1);
      if (next >= period.to) break;
      starts.push(next);
    }
  } else {
    const weekday = (new Date(period.from).getUTCDay() + 6) % 7;
    for (let next = period.from + (7 - weekday) * DAY_MS; next < period.to; next += 7 * DAY_MS) starts.push(next);
  }
  return starts;
}
