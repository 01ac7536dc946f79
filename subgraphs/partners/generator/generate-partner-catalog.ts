import type { CatalogFile, DatasetRecord, DistributionRecord, LicenceRecord } from '../../partner-kit/catalog-file.js';
import { numbersIn, PUBLIC_TEXT_FIELDS } from '../../partner-kit/public-text-check.js';
import type { DataClass } from '../../../schema/vocabulary.js';
import { Dice, partnerSeed } from './dice.js';
import type {
  ColumnSpec, DatasetKind, EdgeCase, Focus, Location, PartnerProfile, SampleSpec, UseConditionPolicy,
  UseConditionTemplate, Weighted,
} from './partner-profile.js';
import { clockTime, drawTimeline, isoDay, years, yearOf, yearSpan, type Timeline } from './timeline.js';
import { TitleRegistry, type Subject } from './title-registry.js';

// The generic catalog generator: a partner's profile (its vocabulary) and a seed in, a catalog out.
// Nothing here knows any partner; every partner-specific word is in its profile.json.

type UseCondition = DatasetRecord['useConditions'][number];
type DictionaryColumn = NonNullable<DatasetRecord['dataDictionary']>[number];
type Retention = NonNullable<DatasetRecord['retention']>;
type SampleValue = string | number | boolean;

/**
 * Vocabulary objects (licences, locations, use-condition templates) are shared between datasets
 * rather than copied, which keeps benchmark-sized catalogs small in memory: treat results as read-only.
 */
export function generatePartnerCatalog(profile: PartnerProfile, count: number, seed: number): CatalogFile {
  const dice = new Dice(partnerSeed(seed, profile.partner.id));
  const kinds: Weighted<DatasetKind> = profile.kinds.map((kind) => [kind, kind.weight]);
  const edgeCases = new Map(profile.edgeCases.map((edge) => [edge.dataset, edge]));
  const titles = new TitleRegistry();
  const datasets: DatasetRecord[] = [];
  for (let n = 1; n <= count; n++) {
    datasets.push(generateDataset(profile, dice.weighted(kinds), n, edgeCases.get(n), dice, titles));
  }
  return { partner: profile.partner, datasets };
}

function generateDataset(
  profile: PartnerProfile, kind: DatasetKind, n: number, edge: EdgeCase | undefined, dice: Dice, titles: TitleRegistry,
): DatasetRecord {
  const id = `${profile.partner.id}:ds-${String(n).padStart(3, '0')}`;
  const timeline = drawTimeline(profile, kind, edge, dice);
  const subject = titles.drawSubject(profile, kind, dice);
  const location = subject.focus.location ?? dice.pick(kind.locations ?? profile.locations);
  const title = titles.claim(subject, timeline, dice);
  const drawnRecordCount = dice.int(kind.recordCount);
  const dataClass = dice.weighted(kind.dataClasses ?? profile.dataClasses);
  const licence = drawLicence(profile, dataClass, dice);
  const columns = drawColumns(kind, dice);
  // No record count among the words: it is qualityReport.recordCount, member-only (schema/partner.graphql).
  const words = placeholders(subject, location, timeline);
  const modifiedAt = `${isoDay(timeline.modified)}T${clockTime(timeline.modifiedSecond)}Z`;

  const dataset: DatasetRecord = {
    id,
    title,
    description: fill(dice.pick(kind.descriptions), words),
    keywords: drawKeywords(kind, subject.focus, dice),
    themes: [kind.themes[0] ?? 'Science and technology', ...dice.some(kind.themes.slice(1), dice.int([0, 2]))],
    contactPoint: drawContact(profile, dice),
    version: drawVersion(profile, timeline, dice),
    issued: isoDay(timeline.issued),
    modified: modifiedAt,
    temporalCoverage: { start: isoDay(timeline.coverageStart), end: isoDay(timeline.coverageEnd) },
    spatialCoverage: location,
    conformsTo: dice.some(kind.conformsTo, dice.int([1, kind.conformsTo.length])),
    provenance: fill(dice.pick(kind.provenance), words),
    dataClass,
    licence,
    useConditions: drawUseConditions(kind.useConditions ?? profile.useConditions, subject.focus, dice),
    distributions: [],
  };
  const recordCount = countAbsentFromText(drawnRecordCount, dataset);
  dataset.distributions = drawDistributions(profile, kind, id, recordCount, dice);
  if (edge?.embargoUntil) dataset.embargoUntil = edge.embargoUntil;
  dataset.dataDictionary = columns.map(toDictionaryColumn);
  dataset.qualityReport = drawQualityReport(profile, recordCount, timeline, dice);
  dataset.sampleRecords = drawSampleRecords(columns, timeline, location, dice);
  // Drawn even when an edge case overrides it, so moving an edge case leaves other datasets unchanged.
  const retention = drawRetention(profile, timeline, dice);
  dataset.retention = edge?.retention ?? retention;
  return dataset;
}

function placeholders(subject: Subject, location: Location, timeline: Timeline): Record<string, string> {
  return {
    noun: subject.noun,
    phrase: subject.phrase,
    subject: subject.focus.name,
    place: location.name,
    period: yearSpan(timeline.coverageStart, timeline.coverageEnd),
  };
}

function fill(template: string, words: Record<string, string>): string {
  const text = template.replace(/\{(\w+)\}/g, (whole, key: string) => words[key] ?? whole);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function drawKeywords(kind: DatasetKind, focus: Focus, dice: Dice): string[] {
  const wanted = dice.int([3, 6]);
  const keywords = dice.some(focus.keywords, dice.int([1, 2]));
  // One spare, in case the focus and the kind share a keyword.
  for (const keyword of dice.some(kind.keywords, wanted - keywords.length + 1)) {
    if (keywords.length < wanted && !keywords.includes(keyword)) keywords.push(keyword);
  }
  return keywords;
}

function drawContact(profile: PartnerProfile, dice: Dice): { name: string; email: string } {
  const name = dice.pick(profile.contacts);
  return { name, email: `${mailbox(name)}@${profile.emailDomain}` };
}

/** "Dr. Aino Virtanen" -> "aino.virtanen": titles dropped and accents folded, as mail systems do. */
function mailbox(name: string): string {
  return name
    .replace(/^(Dr|Prof)\.?\s+/, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

function drawVersion(profile: PartnerProfile, timeline: Timeline, dice: Dice): string {
  if (profile.versionScheme === 'calver') return `${yearOf(timeline.modified)}.${dice.int([1, 4])}`;
  return `${dice.int([1, 4])}.${dice.int([0, 9])}.${dice.int([0, 4])}`;
}

function drawLicence(profile: PartnerProfile, dataClass: DataClass, dice: Dice): LicenceRecord {
  const options = profile.licences.filter((option) => option.dataClasses.includes(dataClass));
  if (options.length === 0) throw new Error(`${profile.partner.id}: no licence offered for ${dataClass} data`);
  return dice.weighted(options.map((option) => [option.licence, option.weight] as const));
}

function drawUseConditions(policy: UseConditionPolicy, focus: Focus, dice: Dice): UseCondition[] {
  const permission = policy.permissions.length > 0 ? resolvePermission(dice.weighted(policy.permissions), focus) : undefined;
  const modifiers: UseConditionTemplate[] = [];
  const taken = new Set<string>();
  const wanted = dice.int(policy.modifierCount);
  while (modifiers.length < wanted) {
    const open = policy.modifiers.filter(([modifier]) => !taken.has(modifier.code));
    if (open.length === 0) break;
    const modifier = dice.weighted(open);
    modifiers.push(modifier);
    const group = policy.exclusive?.find((codes) => codes.includes(modifier.code)) ?? [modifier.code];
    for (const sibling of group) taken.add(sibling);
  }
  return permission ? [permission, ...modifiers] : modifiers;
}

/** A bare DS template means "this dataset's disease"; without one, HMB is the nearest broader permission. */
function resolvePermission(permission: UseConditionTemplate, focus: Focus): UseCondition {
  if (permission.code !== 'DS' || permission.diseaseId) return permission;
  return focus.diseaseId ? { code: 'DS', diseaseId: focus.diseaseId } : { code: 'HMB' };
}

/**
 * The drawn record count, moved up past any number the dataset's public text states (a year range
 * "2016–2020" against a count of 2016): the partner kit refuses a public text that repeats a
 * member-only count at any size (subgraphs/partner-kit/public-text-check.ts). Moving it draws no
 * dice, so the other datasets of a catalog stay as they were.
 */
function countAbsentFromText(drawn: number, dataset: DatasetRecord): number {
  const stated = new Set(PUBLIC_TEXT_FIELDS.flatMap((field) => [dataset[field]].flat())
    .flatMap((text) => (typeof text === 'string' ? numbersIn(text).map((n) => n.value) : [])));
  let count = drawn;
  while (stated.has(count)) count += 1;
  return count;
}

function drawDistributions(
  profile: PartnerProfile, kind: DatasetKind, datasetId: string, recordCount: number, dice: Dice,
): DistributionRecord[] {
  const localId = datasetId.slice(profile.partner.id.length + 1);
  const formats = dice.some(kind.mediaTypes, dice.int([1, Math.min(3, kind.mediaTypes.length)]));
  return formats.map((format, i) => ({
    id: `${datasetId}/dist-${i + 1}`,
    title: format.title,
    mediaType: format.type,
    byteSize: Math.round(recordCount * format.bytesPerRecord * (0.8 + dice.decimal([0, 0.45], 3))),
    checksum: { algorithm: 'sha256' as const, value: dice.hex(64) },
    accessUrl: `https://${profile.dataHost}/datasets/${localId}`,
    downloadUrl: `https://${profile.dataHost}/download/${localId}/dist-${i + 1}.${format.extension}`,
  }));
}

function drawColumns(kind: DatasetKind, dice: Dice): ColumnSpec[] {
  const [key, ...rest] = kind.columns;
  if (!key) throw new Error(`dataset kind ${kind.name} has no columns`);
  const wanted = dice.int([3, Math.min(8, kind.columns.length)]);
  return [key, ...dice.some(rest, wanted - 1)];
}

function toDictionaryColumn(column: ColumnSpec): DictionaryColumn {
  const entry: DictionaryColumn = { name: column.name, type: column.type };
  if (column.unit) entry.unit = column.unit;
  entry.description = column.description;
  return entry;
}

function drawQualityReport(
  profile: PartnerProfile, recordCount: number, timeline: Timeline, dice: Dice,
): NonNullable<DatasetRecord['qualityReport']> {
  const report: NonNullable<DatasetRecord['qualityReport']> = {
    completeness: dice.decimal(profile.completeness, 3),
    recordCount,
    validatedAt: isoDay(timeline.validated),
  };
  if (dice.chance(0.7)) report.notes = dice.pick(profile.qualityNotes);
  return report;
}

function drawSampleRecords(
  columns: readonly ColumnSpec[], timeline: Timeline, location: Location, dice: Dice,
): Record<string, SampleValue>[] {
  const records: Record<string, SampleValue>[] = [];
  const count = dice.int([2, 3]);
  for (let i = 0; i < count; i++) {
    const record: Record<string, SampleValue> = {};
    for (const column of columns) record[column.name] = sampleValue(column.sample, timeline, location, dice);
    records.push(record);
  }
  return records;
}

function sampleValue(spec: SampleSpec, timeline: Timeline, location: Location, dice: Dice): SampleValue {
  const [west, south, east, north] = location.boundingBox ?? [-180, -90, 180, 90];
  switch (spec.kind) {
    case 'integer': return dice.int([spec.min, spec.max]);
    case 'decimal': return dice.decimal([spec.min, spec.max], spec.digits);
    case 'choice': return dice.pick(spec.values);
    case 'code': return `${spec.prefix}${String(dice.int([0, 10 ** spec.digits - 1])).padStart(spec.digits, '0')}`;
    case 'date': return isoDay(dice.int([timeline.coverageStart, timeline.coverageEnd]));
    case 'latitude': return dice.decimal([south, north], 3);
    case 'longitude': return dice.decimal([west, east], 3);
    case 'flag': return dice.chance(0.5);
  }
}

function drawRetention(profile: PartnerProfile, timeline: Timeline, dice: Dice): Retention {
  const { retention } = profile;
  const retainUntil = timeline.issued + dice.int(years(retention.years));
  const basis = dice.pick(retention.bases);
  if (!dice.chance(retention.deletionShare)) return { retainUntil: isoDay(retainUntil), basis };
  const deletionDue = retainUntil + dice.int(years(retention.deletionAfterYears));
  return { retainUntil: isoDay(retainUntil), deletionDue: isoDay(deletionDue), basis };
}
