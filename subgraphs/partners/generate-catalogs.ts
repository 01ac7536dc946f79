// Deterministic demo catalogs for the consortium's three demo partners.
//
// The catalog.json files beside this script are generated output, never edited by hand: the unit
// test regenerates them in memory and fails on any difference, so demos and authorization tests
// always see the same data. After changing a profile or the generator, run `npm run generate-catalogs`.
//
// Everything random comes from one seeded PRNG and every date from AS_OF or a literal, so two runs
// give byte-identical files on any machine and on any day. Profiles are plain data so a benchmark can
// derive more partners and far larger catalogs from them without touching the generator.
//
// Edge cases the authorization work relies on (fixed dataset numbers, see each profile's edgeCases;
// the unit test pins these ids):
//   northbridge-hospital:ds-006 (ANONYMIZED)      embargoUntil 2027-09-30, in the future
//   northbridge-hospital:ds-025 (PUBLIC)          embargoUntil 2028-03-31, in the future
//   northbridge-hospital:ds-009 (PUBLIC)          embargoUntil 2024-12-31, already passed
//   northbridge-hospital:ds-027 (PARTNER_SHARED)  embargoUntil 2025-04-30, already passed
//   northbridge-hospital:ds-014 (PARTNER_SHARED)  retention.deletionDue 2025-03-31: past its deletion date
//   helix-therapeutics:ds-009 (PARTNER_SHARED)    retention.deletionDue 2025-06-30: past its deletion date
// No other dataset has an embargo; every other deletionDue is after 2030, or there is none.

import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type {
  CatalogFile,
  DatasetRecord,
  DistributionRecord,
  LicenceRecord,
  PartnerRecord,
} from '../partner-kit/catalog-file.js';
import { CatalogLoadError, parseCatalog } from '../partner-kit/load-catalog.js';
import { repositoryPath } from '../../schema/repository-files.js';

// ---------------------------------------------------------------------------------------------
// Profile vocabulary

type DataClass = DatasetRecord['dataClass'];
type UseCondition = DatasetRecord['useConditions'][number];
type Location = NonNullable<DatasetRecord['spatialCoverage']>;
type DictionaryColumn = NonNullable<DatasetRecord['dataDictionary']>[number];
type Retention = NonNullable<DatasetRecord['retention']>;
type SampleValue = string | number | boolean;

/** Items with relative weights: a weight of 3 is drawn three times as often as a weight of 1. */
export type Weighted<T> = readonly (readonly [item: T, weight: number])[];
type Range = readonly [min: number, max: number];

/** How to invent a plausible value for a data dictionary column in the sample records. */
export type SampleSpec =
  | { readonly kind: 'integer'; readonly min: number; readonly max: number }
  | { readonly kind: 'decimal'; readonly min: number; readonly max: number; readonly digits: number }
  | { readonly kind: 'choice'; readonly values: readonly string[] }
  | { readonly kind: 'code'; readonly prefix: string; readonly digits: number }
  /** A day within the dataset's temporal coverage. */
  | { readonly kind: 'date' }
  /** A coordinate inside the dataset's spatial bounding box. */
  | { readonly kind: 'latitude' | 'longitude' }
  | { readonly kind: 'flag' };

export interface ColumnSpec {
  readonly name: string;
  readonly type: string;
  readonly unit?: string;
  readonly description: string;
  readonly sample: SampleSpec;
}

export interface MediaType {
  readonly type: string;
  readonly title: string;
  readonly extension: string;
  /** Rough size of one record in this format, to give byte sizes the right order of magnitude. */
  readonly bytesPerRecord: number;
}

/** What a dataset is about: a disease, a drug programme, a region. Drives title, keywords, DS, place. */
export interface Focus {
  readonly name: string;
  /** Ways to say it in a title, e.g. "in asthma", "for patients with asthma". */
  readonly phrases: readonly string[];
  readonly keywords: readonly string[];
  /** MONDO id, so a DS (disease-specific) permission names the disease the dataset is about. */
  readonly diseaseId?: string;
  readonly location?: Location;
}

export interface UseConditionPolicy {
  /** Exactly one is drawn; empty when the partner states no DUO permission at all. */
  readonly permissions: Weighted<UseCondition>;
  readonly modifiers: Weighted<UseCondition>;
  readonly modifierCount: Range;
  /** Codes that say nearly the same thing: at most one code of each group per dataset. */
  readonly exclusive?: readonly (readonly string[])[];
}

/** One family of datasets a partner publishes (e.g. cohorts, HTS screens, snow cover). */
export interface DatasetKind {
  readonly name: string;
  readonly weight: number;
  readonly qualifiers: readonly string[];
  readonly nouns: readonly string[];
  /** Overrides the partner's focuses where only some make sense (no sea ice over Lapland). */
  readonly focuses?: readonly Focus[];
  readonly locations?: readonly Location[];
  /** Sentences with {noun}, {phrase}, {subject}, {place}, {records}, {period} placeholders. */
  readonly descriptions: readonly string[];
  readonly provenance: readonly string[];
  readonly keywords: readonly string[];
  /** The first theme always applies; the others are drawn. */
  readonly themes: readonly string[];
  readonly conformsTo: readonly string[];
  readonly mediaTypes: readonly MediaType[];
  /** The first column identifies a record and is always in the dictionary. */
  readonly columns: readonly ColumnSpec[];
  readonly recordCount: Range;
  readonly coverageYears: Range;
  readonly dataClasses?: Weighted<DataClass>;
  readonly useConditions?: UseConditionPolicy;
}

export interface LicenceOption {
  readonly licence: LicenceRecord;
  readonly weight: number;
  /** A partner licenses open and restricted data differently. */
  readonly dataClasses: readonly DataClass[];
}

/** A fixed condition on one dataset number, so authorization tests can rely on it. */
export interface EdgeCase {
  readonly dataset: number;
  readonly reason: string;
  readonly embargoUntil?: string;
  readonly retention?: Retention;
}

export interface PartnerProfile {
  readonly partner: PartnerRecord;
  readonly emailDomain: string;
  /** Host of the partner's data service, for access and download URLs. */
  readonly dataHost: string;
  readonly contacts: readonly string[];
  readonly kinds: readonly DatasetKind[];
  readonly focuses: readonly Focus[];
  readonly locations: readonly Location[];
  readonly dataClasses: Weighted<DataClass>;
  readonly licences: readonly LicenceOption[];
  readonly useConditions: UseConditionPolicy;
  readonly issuedBetween: readonly [from: string, to: string];
  readonly versionScheme: 'semver' | 'calver';
  readonly completeness: Range;
  readonly qualityNotes: readonly string[];
  readonly retention: {
    readonly years: Range;
    /** Share of datasets with a scheduled deletion date. */
    readonly deletionShare: number;
    readonly deletionAfterYears: Range;
    readonly bases: readonly string[];
  };
  readonly edgeCases: readonly EdgeCase[];
}

// ---------------------------------------------------------------------------------------------
// Randomness and dates

/** The demo's "today": catalogs describe the world as of this day, whatever the clock says. */
export const AS_OF = '2025-09-30';
/** Any fixed number works; this one happens to give each demo partner a representative mix of classes. */
export const DEMO_SEED = 1;

/** mulberry32: tiny, fast, and the same sequence on every platform, which is all demo data needs. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Each partner gets its own stream, so resizing one partner leaves the others' data unchanged. */
function partnerSeed(seed: number, partnerId: string): number {
  let hash = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < partnerId.length; i++) hash = Math.imul(hash ^ partnerId.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

class Dice {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  int([min, max]: Range): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  decimal([min, max]: Range, digits: number): number {
    return roundTo(min + this.next() * (max - min), digits);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('cannot pick from an empty list');
    return item;
  }

  weighted<T>(items: Weighted<T>): T {
    let total = 0;
    for (const [, weight] of items) total += weight;
    let ticket = this.next() * total;
    for (const [item, weight] of items) {
      ticket -= weight;
      if (ticket < 0) return item;
    }
    const last = items[items.length - 1];
    if (last === undefined) throw new Error('cannot draw from an empty weighted list');
    return last[0];
  }

  /** `count` distinct items, in their original order so columns and distributions read naturally. */
  some<T>(items: readonly T[], count: number): T[] {
    const indices = items.map((_, i) => i);
    const wanted = Math.min(count, items.length);
    for (let i = 0; i < wanted; i++) {
      const j = i + Math.floor(this.next() * (indices.length - i));
      [indices[i], indices[j]] = [indices[j]!, indices[i]!];
    }
    return indices.slice(0, wanted).sort((a, b) => a - b).map((i) => items[i]!);
  }

  /** Hex digits, two per byte; benchmark catalogs need millions of checksums, hence the table. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) {
      const word = Math.floor(this.next() * 0x1_0000_0000);
      out += HEX_BYTES[word >>> 24]! + HEX_BYTES[(word >>> 16) & 0xff]! + HEX_BYTES[(word >>> 8) & 0xff]! + HEX_BYTES[word & 0xff]!;
    }
    return out.slice(0, length);
  }
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

const DAY_MS = 86_400_000;
const dayOf = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;
const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const yearOf = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();
const years = ([min, max]: Range): Range => [Math.round(min * 365), Math.round(max * 365)];
const yearSpan = (start: number, end: number): string =>
  yearOf(start) === yearOf(end) ? String(yearOf(start)) : `${yearOf(start)}–${yearOf(end)}`;

// ---------------------------------------------------------------------------------------------
// Generation

/** All the dates of one dataset, drawn together so they stay in a sensible order. */
interface Timeline {
  issued: number;
  modified: number;
  modifiedSecond: number;
  validated: number;
  coverageStart: number;
  coverageEnd: number;
}

interface Subject {
  focus: Focus;
  phrase: string;
  noun: string;
  qualifier: string;
}

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
  const recordCount = dice.int(kind.recordCount);
  const dataClass = dice.weighted(kind.dataClasses ?? profile.dataClasses);
  const licence = drawLicence(profile, dataClass, dice);
  const columns = drawColumns(kind, dice);
  const words = { ...placeholders(subject, location, timeline), records: formatCount(recordCount) };
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
    distributions: drawDistributions(profile, kind, id, recordCount, dice),
  };
  if (edge?.embargoUntil) dataset.embargoUntil = edge.embargoUntil;
  dataset.dataDictionary = columns.map(toDictionaryColumn);
  dataset.qualityReport = drawQualityReport(profile, recordCount, timeline, dice);
  dataset.sampleRecords = drawSampleRecords(columns, timeline, location, dice);
  // Drawn even when an edge case overrides it, so moving an edge case leaves other datasets unchanged.
  const retention = drawRetention(profile, timeline, dice);
  dataset.retention = edge?.retention ?? retention;
  return dataset;
}

function drawTimeline(profile: PartnerProfile, kind: DatasetKind, edge: EdgeCase | undefined, dice: Dice): Timeline {
  // A dataset past its deletion date was issued well before its retention ended and last touched
  // before deletion; an embargo runs for the first few years after issue. Both keep the edge-case
  // datasets' dates believable.
  const retention = edge?.retention;
  const latest = Math.min(dayOf(AS_OF), retention?.deletionDue ? dayOf(retention.deletionDue) - 60 : Infinity);
  const retainedFrom = retention ? dayOf(retention.retainUntil) - 2 * 365 : Infinity;
  const embargoEnd = edge?.embargoUntil ? dayOf(edge.embargoUntil) : Infinity;
  const issuedBy = Math.min(dayOf(profile.issuedBetween[1]), latest - 90, retainedFrom, embargoEnd - 120);
  const embargoStart = Number.isFinite(embargoEnd) ? embargoEnd - 3 * 365 : -Infinity;
  const issuedFrom = Math.max(dayOf(profile.issuedBetween[0]), embargoStart);
  const issued = dice.int([Math.min(issuedFrom, issuedBy), issuedBy]);
  const modified = dice.int([issued, latest]);
  const coverageEnd = issued - dice.int([14, 400]);
  return {
    issued,
    modified,
    modifiedSecond: dice.int([7 * 3600, 19 * 3600]),
    validated: dice.int([issued, modified]),
    coverageStart: coverageEnd - dice.int(years(kind.coverageYears)),
    coverageEnd,
  };
}

/** Keeps titles unique within a partner: no two datasets share qualifier, noun and focus. */
class TitleRegistry {
  private readonly subjects = new Set<string>();
  private readonly titles = new Map<string, number>();

  drawSubject(profile: PartnerProfile, kind: DatasetKind, dice: Dice): Subject {
    let subject = this.roll(profile, kind, dice);
    // Small vocabularies run out of combinations in large benchmark catalogs; claim() then
    // numbers the releases instead of retrying forever.
    for (let attempt = 0; attempt < 4 && this.subjects.has(subjectKey(subject)); attempt++) {
      subject = this.roll(profile, kind, dice);
    }
    this.subjects.add(subjectKey(subject));
    return subject;
  }

  claim(subject: Subject, timeline: Timeline, dice: Dice): string {
    const period = dice.chance(0.3) ? `, ${yearSpan(timeline.coverageStart, timeline.coverageEnd)}` : '';
    const base = `${subject.qualifier} ${subject.noun} ${subject.phrase}${period}`;
    const seen = this.titles.get(base) ?? 0;
    this.titles.set(base, seen + 1);
    return seen === 0 ? base : `${base} (release ${seen + 1})`;
  }

  private roll(profile: PartnerProfile, kind: DatasetKind, dice: Dice): Subject {
    const focus = dice.pick(kind.focuses ?? profile.focuses);
    return { focus, phrase: dice.pick(focus.phrases), noun: dice.pick(kind.nouns), qualifier: dice.pick(kind.qualifiers) };
  }
}

const subjectKey = (s: Subject): string => `${s.qualifier}|${s.noun}|${s.focus.name}`;

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

function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function clockTime(second: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(second / 3600))}:${pad(Math.floor(second / 60) % 60)}:${pad(second % 60)}`;
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
  const modifiers: UseCondition[] = [];
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
function resolvePermission(permission: UseCondition, focus: Focus): UseCondition {
  if (permission.code !== 'DS' || permission.diseaseId) return permission;
  return focus.diseaseId ? { code: 'DS', diseaseId: focus.diseaseId } : { code: 'HMB' };
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

// ---------------------------------------------------------------------------------------------
// Shared vocabulary

const integer = (min: number, max: number): SampleSpec => ({ kind: 'integer', min, max });
const decimal = (min: number, max: number, digits: number): SampleSpec => ({ kind: 'decimal', min, max, digits });
const choice = (...values: string[]): SampleSpec => ({ kind: 'choice', values });
const serial = (prefix: string, digits: number): SampleSpec => ({ kind: 'code', prefix, digits });
const date: SampleSpec = { kind: 'date' };
const flag: SampleSpec = { kind: 'flag' };
const TYPE_OF: Record<SampleSpec['kind'], string> = {
  integer: 'integer', decimal: 'decimal', choice: 'string', code: 'string', date: 'date',
  latitude: 'decimal', longitude: 'decimal', flag: 'boolean',
};

function column(name: string, description: string, sample: SampleSpec, unit?: string): ColumnSpec {
  return unit ? { name, type: TYPE_OF[sample.kind], unit, description, sample } : { name, type: TYPE_OF[sample.kind], description, sample };
}

const LATITUDE = column('latitude', 'Latitude (WGS 84)', { kind: 'latitude' }, 'degrees_north');
const LONGITUDE = column('longitude', 'Longitude (WGS 84)', { kind: 'longitude' }, 'degrees_east');

const media = (type: string, title: string, extension: string, bytesPerRecord: number): MediaType =>
  ({ type, title, extension, bytesPerRecord });

const CSV = media('text/csv', 'CSV export', 'csv', 120);
const TSV = media('text/tab-separated-values', 'Tab-separated sample manifest', 'tsv', 90);
const PARQUET = media('application/vnd.apache.parquet', 'Parquet export', 'parquet', 45);
const XLSX = media('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Excel workbook', 'xlsx', 70);
const JSON_EXPORT = media('application/json', 'JSON export', 'json', 260);
const PDF = media('application/pdf', 'Summary report (PDF)', 'pdf', 40_000);
const FHIR = media('application/fhir+json', 'FHIR R4 bulk export', 'ndjson', 1_800);
const DICOM = media('application/dicom', 'DICOM image archive', 'zip', 520_000);
const DICOM_JSON = media('application/dicom+json', 'DICOMweb study metadata', 'json', 4_000);
const VCF = media('application/gzip', 'Joint-called VCF (bgzip)', 'vcf.gz', 60);
const HTSGET = media('application/vnd.ga4gh.htsget.v1.3.0+json', 'htsget ticket service', 'json', 2);
const SDF = media('chemical/x-mdl-sdfile', 'Structure-data file', 'sdf', 2_200);
const NETCDF = media('application/x-netcdf', 'NetCDF-4 grid', 'nc', 16);
const GEOJSON = media('application/geo+json', 'Station locations (GeoJSON)', 'geojson', 20);

const CC_BY_4: LicenceRecord = {
  id: 'CC-BY-4.0',
  name: 'Creative Commons Attribution 4.0 International',
  url: 'https://creativecommons.org/licenses/by/4.0/',
  commercialUse: true,
  attributionRequired: true,
  fieldsOfUse: [],
};

const ODBL_1: LicenceRecord = {
  id: 'ODbL-1.0',
  name: 'Open Data Commons Open Database License v1.0',
  url: 'https://opendatacommons.org/licenses/odbl/1-0/',
  commercialUse: true,
  attributionRequired: true,
  fieldsOfUse: [],
};

const term = (code: string, qualifiers: Omit<UseCondition, 'code'> = {}): UseCondition => ({ code, ...qualifiers });
const DS_OF_FOCUS = term('DS');

// ---------------------------------------------------------------------------------------------
// Northbridge University Hospital: clinical and genomic research data

const disease = (name: string, diseaseId: string, keywords: string[]): Focus =>
  ({ name, phrases: [`in ${name}`, `for patients with ${name}`], keywords, diseaseId });

const NORTHBRIDGE_USE: UseConditionPolicy = {
  permissions: [[term('HMB'), 4], [DS_OF_FOCUS, 4], [term('GRU'), 1]],
  modifiers: [
    [term('IRB'), 6],
    [term('NCU'), 2],
    [term('NPU'), 1],
    [term('NPUNCU'), 2],
    [term('GS', { regions: ['GB'] }), 2],
    [term('GS', { regions: ['GB', 'IE', 'NL', 'DE', 'CH', 'FI'] }), 1],
    [term('TS', { months: 36 }), 2],
    [term('TS', { months: 12 }), 1],
    [term('PUB'), 2],
    [term('COL'), 2],
    [term('RTN'), 1],
    [term('MOR', { until: '2026-12-31' }), 1],
    // DUO IS names institutions by the organisation id a token's `org` claim carries.
    [term('IS', { allowed: ['northbridge-hospital'] }), 1],
    [term('IS', { allowed: ['northbridge-hospital', 'helix-therapeutics'] }), 1],
    [term('US', { allowed: ['https://orcid.org/0000-0002-1825-0097'] }), 1],
    [term('PS', { allowed: ['CONCORD-WP3 cardiometabolic risk prediction'] }), 1],
    [term('NMDS'), 1],
  ],
  modifierCount: [1, 4],
  exclusive: [['NCU', 'NPU', 'NPUNCU']],
};

const NORTHBRIDGE_AGE = column('age_years', 'Age at the event', integer(18, 92), 'years');

const NORTHBRIDGE_KINDS: readonly DatasetKind[] = [
  {
    name: 'cohort',
    weight: 3,
    qualifiers: ['Prospective', 'Retrospective', 'Longitudinal', 'Population-based'],
    nouns: ['cohort follow-up data', 'cohort baseline assessments', 'cohort outcomes registry'],
    descriptions: [
      'Visit-level clinical measurements for {records} participants with {subject}, recruited at Northbridge in {period}. Outcomes are linked to hospital episode data.',
      'Baseline and annual follow-up assessments of the Northbridge {subject} cohort ({records} visit records, {period}). Variables are harmonised to the OMOP common data model.',
    ],
    provenance: [
      'Collected by the Northbridge Clinical Research Facility under REC approval 17/NE/0231; pseudonymised by the Trust honest-broker service.',
      'Recruited through Northbridge outpatient clinics; follow-up visits at 12-month intervals, entered in REDCap and exported nightly.',
    ],
    keywords: ['cohort study', 'longitudinal', 'follow-up', 'phenotyping', 'clinical outcomes'],
    themes: ['Health', 'Science and technology'],
    conformsTo: ['OMOP CDM 5.4', 'https://www.cdisc.org/standards/foundational/cdash'],
    mediaTypes: [CSV, PARQUET, JSON_EXPORT],
    columns: [
      column('participant_id', 'Pseudonymous participant identifier', serial('NBC-', 6)),
      column('visit_date', 'Date of the study visit', date),
      NORTHBRIDGE_AGE,
      column('sex', 'Sex recorded at enrolment', choice('female', 'male')),
      column('bmi', 'Body mass index', decimal(17, 45, 1), 'kg/m2'),
      column('systolic_bp', 'Seated systolic blood pressure', integer(95, 185), 'mmHg'),
      column('hba1c', 'Glycated haemoglobin', integer(31, 97), 'mmol/mol'),
      column('egfr', 'Estimated glomerular filtration rate (CKD-EPI)', integer(15, 120), 'mL/min/1.73m2'),
      column('smoking_status', 'Self-reported smoking status', choice('never', 'former', 'current')),
    ],
    recordCount: [800, 25_000],
    coverageYears: [3, 15],
  },
  {
    name: 'ehr-extract',
    weight: 3,
    qualifiers: ['Pseudonymised', 'Linked', 'Curated', 'De-identified'],
    nouns: ['EHR extract', 'inpatient episode extract', 'electronic health record extract'],
    descriptions: [
      'Encounters, laboratory results and prescriptions of {records} hospital episodes of patients with {subject}, {period}. Free text is removed; diagnoses are coded in ICD-10 and SNOMED CT.',
      'A structured extract of the Northbridge electronic health record for patients with {subject}, covering {period}. Provided as FHIR resources and as flat tables.',
    ],
    provenance: [
      'Extracted from the Trust clinical data warehouse (Epic Caboodle) and pseudonymised before release.',
      'Linked primary and secondary care records via the regional shared care record, de-identified at source.',
    ],
    keywords: ['electronic health records', 'real-world data', 'hospital episodes', 'laboratory results', 'prescriptions'],
    themes: ['Health'],
    conformsTo: ['https://www.hl7.org/fhir/', 'OMOP CDM 5.4'],
    mediaTypes: [FHIR, CSV, PARQUET],
    columns: [
      column('person_id', 'Pseudonymous patient identifier', serial('NBP-', 7)),
      column('admission_date', 'Date of admission', date),
      column('encounter_type', 'Type of encounter', choice('inpatient', 'day case', 'emergency', 'outpatient')),
      column('length_of_stay', 'Length of stay', integer(0, 42), 'days'),
      NORTHBRIDGE_AGE,
      column('creatinine', 'Serum creatinine at admission', integer(45, 300), 'umol/L'),
      column('haemoglobin', 'Haemoglobin at admission', integer(85, 170), 'g/L'),
      column('medication_count', 'Distinct medicines on discharge', integer(0, 18), 'count'),
      column('discharge_destination', 'Where the patient went on discharge', choice('usual residence', 'care home', 'transfer')),
    ],
    recordCount: [5_000, 400_000],
    coverageYears: [2, 12],
  },
  {
    name: 'whole-genome-sequencing',
    weight: 2,
    qualifiers: ['30x', 'Joint-called', 'Research-grade', 'Germline'],
    nouns: ['whole-genome sequencing', 'WGS variant calls', 'whole-genome sequences'],
    descriptions: [
      'Germline whole-genome sequencing of participants with {subject}, aligned to GRCh38 and joint-called ({records} variant records, samples collected {period}).',
      'Variant calls from {noun} of the Northbridge {subject} cohort. Served through htsget so analysts can stream regions instead of whole files.',
    ],
    provenance: [
      'Sequenced on Illumina NovaSeq 6000 at the Northbridge Genomics Facility; DRAGEN 4.2 alignment and GATK joint calling.',
      'Samples from the Northbridge biobank, sequenced by a contracted provider; processed with the nf-core/sarek pipeline.',
    ],
    keywords: ['whole-genome sequencing', 'genomics', 'germline variants', 'GRCh38', 'VCF'],
    themes: ['Health', 'Science and technology'],
    conformsTo: ['https://samtools.github.io/hts-specs/VCFv4.3.pdf', 'https://samtools.github.io/hts-specs/htsget.html'],
    mediaTypes: [VCF, HTSGET, TSV],
    columns: [
      column('sample_id', 'Pseudonymous sample identifier', serial('NBG-', 6)),
      column('chromosome', 'Chromosome (GRCh38)', choice('chr1', 'chr2', 'chr7', 'chr13', 'chr17', 'chr19', 'chrX')),
      column('position', 'Position on the chromosome', integer(10_000, 150_000_000), 'bp'),
      column('ref_alt', 'Reference and alternate allele', choice('A>G', 'C>T', 'G>A', 'T>C', 'CT>C', 'A>AT')),
      column('genotype', 'Called genotype', choice('0/1', '1/1')),
      column('read_depth', 'Reads covering the position', integer(18, 62), 'reads'),
      column('genotype_quality', 'Genotype quality', integer(20, 99), 'Phred'),
      column('gnomad_af', 'Allele frequency in gnomAD v4', decimal(0, 0.5, 4)),
    ],
    recordCount: [2_000_000, 90_000_000],
    coverageYears: [2, 8],
    useConditions: {
      ...NORTHBRIDGE_USE,
      permissions: [[DS_OF_FOCUS, 3], [term('HMB'), 2], [term('POA'), 1], [term('GRU'), 1]],
      modifiers: [...NORTHBRIDGE_USE.modifiers, [term('GSO'), 3]],
    },
  },
  {
    name: 'imaging',
    weight: 2,
    qualifiers: ['Annotated', 'Baseline', 'Follow-up', 'Curated'],
    nouns: ['radiology imaging studies', 'cross-sectional imaging archive', 'imaging series with radiology reports'],
    descriptions: [
      'MR and CT studies of {records} images from patients with {subject}, acquired {period}, with structured radiology reports. DICOM headers are de-identified to the PS3.15 basic profile.',
      'Imaging archive of patients with {subject} ({period}); studies are retrievable through DICOMweb and summarised per series.',
    ],
    provenance: [
      'Exported from the Northbridge PACS; de-identified with the Trust imaging anonymisation gateway.',
      'Acquired on clinical scanners at Northbridge and two satellite sites; annotations by consultant radiologists.',
    ],
    keywords: ['medical imaging', 'DICOM', 'MRI', 'CT', 'radiology'],
    themes: ['Health', 'Science and technology'],
    conformsTo: ['https://www.dicomstandard.org/current', 'https://www.hl7.org/fhir/imagingstudy.html'],
    mediaTypes: [DICOM, DICOM_JSON, CSV],
    columns: [
      column('study_uid', 'De-identified study instance UID', serial('1.2.826.0.1.3680043.10.', 8)),
      column('acquisition_date', 'Date of acquisition', date),
      column('modality', 'DICOM modality', choice('MR', 'CT')),
      column('slice_thickness', 'Slice thickness', decimal(0.6, 5, 1), 'mm'),
      column('pixel_spacing', 'In-plane pixel spacing', decimal(0.3, 1.2, 2), 'mm'),
      column('series_count', 'Series in the study', integer(1, 12), 'series'),
      column('manufacturer', 'Scanner manufacturer', choice('Siemens Healthineers', 'GE HealthCare', 'Philips')),
      NORTHBRIDGE_AGE,
    ],
    recordCount: [5_000, 400_000],
    coverageYears: [2, 10],
  },
  {
    name: 'biobank',
    weight: 2,
    qualifiers: ['Consented', 'Annotated', 'Quality-controlled'],
    nouns: ['biobank sample inventory', 'serum biomarker panel', 'plasma biomarker measurements'],
    descriptions: [
      'Stored aliquots from {records} donor visits with {subject}, collected {period}, with storage history, consent version and routine biomarker results.',
      'Serum and plasma from the Northbridge {subject} collection ({period}), with aliquot inventory and biomarker measurements.',
    ],
    provenance: [
      'Northbridge Biobank (HTA licence 12345); samples processed within 2 hours and stored at -80 degC.',
      'Measured by the Northbridge Clinical Biochemistry research laboratory on residual biobank aliquots.',
    ],
    keywords: ['biobank', 'biospecimens', 'biomarkers', 'serum', 'plasma'],
    themes: ['Health', 'Science and technology'],
    conformsTo: ['MIABIS Core 3.0', 'ISO 20387:2018'],
    mediaTypes: [CSV, XLSX, JSON_EXPORT],
    columns: [
      column('sample_id', 'Biobank aliquot identifier', serial('NBB-', 7)),
      column('specimen_type', 'Specimen type', choice('serum', 'plasma', 'whole blood', 'buffy coat', 'urine')),
      column('collection_date', 'Date of collection', date),
      column('aliquot_volume', 'Aliquot volume', integer(100, 1000), 'uL'),
      column('freeze_thaw_cycles', 'Freeze-thaw cycles so far', integer(0, 3), 'count'),
      column('consent_version', 'Consent form version signed', choice('v3.1', 'v4.0', 'v4.2')),
      column('crp', 'C-reactive protein', decimal(0.2, 40, 1), 'mg/L'),
      column('nt_probnp', 'NT-proBNP', integer(20, 5000), 'pg/mL'),
    ],
    recordCount: [1_000, 60_000],
    coverageYears: [3, 15],
  },
  {
    name: 'aggregate-statistics',
    weight: 2,
    qualifiers: ['Annual', 'Quarterly', 'Published'],
    nouns: ['admission statistics', 'activity and outcome statistics', 'summary statistics'],
    descriptions: [
      'Counts and rates of hospital admissions for {subject} by age band and sex, {period}. Counts below 10 are suppressed to prevent re-identification.',
      'Aggregate activity, length of stay and 30-day readmission for {subject} at Northbridge, {period}. Contains no record-level data.',
    ],
    provenance: [
      'Aggregated from Hospital Episode Statistics submissions by the Northbridge Information Team.',
      'Produced for the Trust annual report; small-number suppression applied by the Information Governance team.',
    ],
    keywords: ['statistics', 'open data', 'hospital activity', 'admissions', 'aggregate data'],
    themes: ['Health', 'Regions and cities'],
    conformsTo: ['https://www.w3.org/TR/vocab-data-cube/', 'SDMX 3.0'],
    mediaTypes: [CSV, JSON_EXPORT],
    columns: [
      column('period_start', 'First day of the reporting period', date),
      column('age_band', 'Age band', choice('18-39', '40-64', '65-79', '80+')),
      column('sex', 'Sex', choice('female', 'male', 'all')),
      column('patient_count', 'Distinct patients', integer(10, 4800), 'persons'),
      column('admissions_per_1000', 'Admissions per 1,000 catchment population', decimal(0.5, 48, 1), 'per 1000 population'),
      column('median_length_of_stay', 'Median length of stay', decimal(1, 14, 1), 'days'),
      column('readmission_rate_30d', 'Emergency readmissions within 30 days', decimal(2, 24, 1), '%'),
    ],
    recordCount: [200, 5_000],
    coverageYears: [1, 6],
    dataClasses: [['PUBLIC', 1]],
    useConditions: { permissions: [[term('GRU'), 1]], modifiers: [[term('PUB'), 1]], modifierCount: [0, 1] },
  },
];

export const NORTHBRIDGE_HOSPITAL: PartnerProfile = {
  partner: {
    id: 'northbridge-hospital',
    name: 'Northbridge University Hospital',
    kind: 'UNIVERSITY_HOSPITAL',
    country: 'GB',
    homepage: 'https://www.northbridge-hospital.nhs.uk',
  },
  emailDomain: 'northbridge-hospital.nhs.uk',
  dataHost: 'data.northbridge-hospital.nhs.uk',
  contacts: ['Dr Amara Okafor', 'Prof. Ian Whitfield', 'Dr Priya Raman', 'Dr Hannah Lewis', 'Research Data Office', 'Genomics Data Stewards'],
  kinds: NORTHBRIDGE_KINDS,
  focuses: [
    disease('type 2 diabetes', 'MONDO:0005148', ['type 2 diabetes', 'HbA1c', 'metabolic disease']),
    disease('breast cancer', 'MONDO:0007254', ['breast cancer', 'oncology']),
    disease('Alzheimer disease', 'MONDO:0004975', ['dementia', 'neurodegeneration']),
    disease('heart failure', 'MONDO:0005252', ['heart failure', 'cardiology']),
    disease('chronic kidney disease', 'MONDO:0005300', ['chronic kidney disease', 'nephrology']),
    disease('asthma', 'MONDO:0004979', ['asthma', 'respiratory medicine']),
    disease('colorectal cancer', 'MONDO:0005575', ['colorectal cancer', 'oncology']),
  ],
  locations: [
    { name: 'Northbridge catchment area, North East England', countries: ['GB'], boundingBox: [-2.69, 54.45, -1.05, 55.42] },
    { name: 'England', countries: ['GB'], boundingBox: [-5.72, 49.96, 1.77, 55.81] },
    { name: 'United Kingdom', countries: ['GB'], boundingBox: [-8.65, 49.86, 1.77, 60.86] },
  ],
  dataClasses: [['ANONYMIZED', 5], ['PARTNER_SHARED', 3], ['PROPRIETARY', 2]],
  licences: [
    {
      licence: {
        id: 'LicenseRef-NUH-DUA-2.1',
        name: 'Northbridge University Hospital Data Use Agreement 2.1',
        url: 'https://www.northbridge-hospital.nhs.uk/research/data-use-agreement/2.1',
        commercialUse: false,
        attributionRequired: true,
        fieldsOfUse: ['health research'],
        maxDurationMonths: 36,
      },
      weight: 1,
      dataClasses: ['ANONYMIZED', 'PARTNER_SHARED', 'PROPRIETARY'],
    },
    { licence: CC_BY_4, weight: 1, dataClasses: ['PUBLIC'] },
  ],
  useConditions: NORTHBRIDGE_USE,
  issuedBetween: ['2015-03-01', '2025-06-30'],
  versionScheme: 'semver',
  completeness: [0.82, 0.995],
  qualityNotes: [
    'Validated against the source record for a 5% random sample.',
    'Missing values are mostly optional fields left blank at source.',
    'Duplicate patients removed by NHS number before pseudonymisation.',
    'Free text removed; coded fields only.',
  ],
  retention: {
    years: [15, 25],
    deletionShare: 0.4,
    deletionAfterYears: [1, 5],
    bases: [
      'Biobank consent form NUH-BB-CF v4.2',
      'NHS England Records Management Code of Practice 2023',
      'REC approval 17/NE/0231, condition 9',
      'Data protection impact assessment NUH-DPIA-2022-031',
    ],
  },
  edgeCases: [
    { dataset: 6, reason: 'embargo in the future', embargoUntil: '2027-09-30' },
    { dataset: 25, reason: 'embargo in the future', embargoUntil: '2028-03-31' },
    { dataset: 9, reason: 'embargo already passed', embargoUntil: '2024-12-31' },
    { dataset: 27, reason: 'embargo already passed', embargoUntil: '2025-04-30' },
    {
      dataset: 14,
      reason: 'past its deletion date',
      retention: {
        retainUntil: '2024-09-30',
        deletionDue: '2025-03-31',
        basis: 'Study-specific consent NUH-CF-ST 2.0: data deleted six months after study close',
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Helix Therapeutics: proprietary drug-discovery data

// Every dataset carries one DUO permission term; without one, no purpose can be matched and the
// policies deny all but the owner (schema/policy/rules/purpose-match.ts).
const HELIX_USE: UseConditionPolicy = {
  permissions: [[term('GRU'), 3], [term('HMB'), 1]],
  modifiers: [
    [term('NMDS'), 3],
    [term('COL'), 3],
    [term('PS', { allowed: ['CONCORD-WP2 KRAS combination therapy'] }), 2],
    [term('PS', { allowed: ['CONCORD-WP4 predictive toxicology'] }), 1],
    [term('TS', { months: 24 }), 2],
    [term('TS', { months: 12 }), 1],
    [term('IS', { allowed: ['helix-therapeutics', 'northbridge-hospital'] }), 1],
    [term('RTN'), 1],
  ],
  modifierCount: [0, 3],
};

const HELIX_COMPOUND = column('compound_id', 'Helix compound registry number', serial('HX-', 7));

const programme = (name: string, phrases: string[], keywords: string[]): Focus => ({ name, phrases, keywords });
const KRAS = programme('the KRAS G12C programme', ['for KRAS G12C inhibitors', 'in the KRAS G12C programme'], ['KRAS G12C', 'oncology']);
const EGFR = programme('the EGFR exon 20 programme', ['for EGFR exon 20 insertion inhibitors', 'in the EGFR exon 20 programme'], ['EGFR', 'non-small cell lung cancer']);
const HX_3300 = programme('the HX-3300 HER2 antibody-drug conjugate', ['for the HX-3300 HER2 ADC'], ['antibody-drug conjugate', 'HER2']);

const HELIX_KINDS: readonly DatasetKind[] = [
  {
    name: 'hts-screen',
    weight: 3,
    qualifiers: ['Biochemical', 'Cell-based', 'Confirmatory', 'Primary'],
    nouns: ['high-throughput screen', 'dose-response screen', 'counter-screen'],
    descriptions: [
      '{records} wells from a {noun} of compounds for {subject}, run in 1536-well format in {period}. Includes per-plate Z-prime factors and hit calls.',
      'Per-well readouts and curve fits for compounds screened in {subject} ({period}). Hit thresholds follow screening SOP HX-SOP-114.',
    ],
    provenance: [
      'Generated on the Helix Basel automated screening platform (acoustic dispensing, multimode plate readers).',
      'Run by the Helix Lead Discovery group; raw reads normalised to plate controls in Genedata Screener.',
    ],
    keywords: ['high-throughput screening', 'hit identification', 'IC50', 'assay development', 'drug discovery'],
    themes: ['Science and technology', 'Health'],
    conformsTo: ['http://www.bioassayontology.org/', 'MIABE 1.0'],
    mediaTypes: [CSV, PARQUET, XLSX],
    columns: [
      HELIX_COMPOUND,
      column('plate_id', 'Assay plate barcode', serial('PL-', 5)),
      column('well', 'Well position', choice('A01', 'B07', 'D12', 'H18', 'K03', 'P24', 'AF44')),
      column('concentration', 'Compound concentration', decimal(0.001, 30, 3), 'uM'),
      column('percent_inhibition', 'Inhibition relative to plate controls', decimal(-5, 100, 1), '%'),
      column('ic50', 'Half-maximal inhibitory concentration', decimal(0.5, 10_000, 1), 'nM'),
      column('z_prime', 'Plate Z-prime factor', decimal(0.5, 0.85, 2)),
      column('hit', 'Meets the hit threshold', flag),
    ],
    recordCount: [20_000, 1_500_000],
    coverageYears: [0.1, 2],
  },
  {
    name: 'adme-tox',
    weight: 3,
    qualifiers: ['Tier 1', 'Tier 2', 'Lead-optimisation', 'Early'],
    nouns: ['in vitro ADME panel', 'ADME/Tox profiling panel', 'hERG and cytotoxicity panel', 'microsomal stability assays'],
    descriptions: [
      'In vitro absorption, metabolism and safety readouts for {records} compounds in {subject}, measured {period}. Assays run in duplicate with reference compounds on every plate.',
      'Physicochemical and early safety data ({noun}) supporting compound selection in {subject}.',
    ],
    provenance: [
      'Helix DMPK laboratory, Basel; run under GLP-like conditions, not GLP-certified.',
      'Outsourced to a contract research organisation under master service agreement HX-MSA-2019-03; QC-checked by Helix DMPK.',
    ],
    keywords: ['ADME', 'toxicology', 'DMPK', 'hERG', 'metabolic stability', 'permeability'],
    themes: ['Health', 'Science and technology'],
    conformsTo: ['OECD GLP Principles ENV/MC/CHEM(98)17', 'ICH S7B'],
    mediaTypes: [CSV, XLSX, PARQUET],
    columns: [
      HELIX_COMPOUND,
      column('microsomal_clint', 'Intrinsic clearance in human liver microsomes', decimal(2, 250, 1), 'uL/min/mg protein'),
      column('caco2_papp', 'Caco-2 apparent permeability (A to B)', decimal(0.2, 40, 1), '10^-6 cm/s'),
      column('herg_ic50', 'hERG inhibition IC50', decimal(0.1, 100, 1), 'uM'),
      column('kinetic_solubility', 'Kinetic solubility at pH 7.4', integer(1, 200), 'ug/mL'),
      column('plasma_protein_binding', 'Fraction bound in human plasma', decimal(60, 99.9, 1), '%'),
      column('cytotox_cc50', 'HepG2 cytotoxicity CC50', decimal(1, 100, 1), 'uM'),
    ],
    recordCount: [200, 12_000],
    coverageYears: [0.5, 4],
  },
  {
    name: 'pk-study',
    weight: 2,
    qualifiers: ['Single-dose', 'Repeat-dose', 'Oral', 'Intravenous'],
    nouns: ['rat pharmacokinetic study', 'mouse pharmacokinetic study', 'dog pharmacokinetic study'],
    descriptions: [
      'Plasma concentration-time profiles and non-compartmental PK parameters for lead compounds in {subject} ({records} samples, {period}).',
      'Exposure data from a {noun} supporting dose selection in {subject}. Bioanalysis by LC-MS/MS with a validated method.',
    ],
    provenance: [
      'In-life phase at an AAALAC-accredited contract research organisation; bioanalysis at Helix Basel.',
      'Conducted under animal licence BS-3211 of the cantonal veterinary office Basel-Stadt.',
    ],
    keywords: ['pharmacokinetics', 'bioavailability', 'plasma exposure', 'half-life', 'in vivo'],
    themes: ['Health', 'Science and technology'],
    conformsTo: ['CDISC SEND 3.1', 'OECD GLP Principles ENV/MC/CHEM(98)17'],
    mediaTypes: [CSV, XLSX, PDF],
    columns: [
      column('animal_id', 'Study animal identifier', serial('AN-', 5)),
      HELIX_COMPOUND,
      column('dose', 'Administered dose', decimal(0.5, 100, 1), 'mg/kg'),
      column('timepoint', 'Time after dosing', decimal(0.25, 24, 2), 'h'),
      column('plasma_concentration', 'Plasma concentration', decimal(1, 5000, 1), 'ng/mL'),
      column('cmax', 'Maximum plasma concentration', integer(50, 8000), 'ng/mL'),
      column('auc_0_24', 'Area under the curve, 0 to 24 h', integer(100, 60_000), 'ng*h/mL'),
      column('half_life', 'Terminal half-life', decimal(0.5, 18, 1), 'h'),
    ],
    recordCount: [120, 4_000],
    coverageYears: [0.1, 1],
  },
  {
    name: 'compound-library',
    weight: 2,
    qualifiers: ['Annotated', 'Focused', 'Curated', 'Diversity-oriented'],
    nouns: ['compound library', 'fragment library', 'analogue series'],
    descriptions: [
      'Structures, physicochemical descriptors and registration metadata for {records} compounds associated with {subject}, registered in {period}.',
      'A {noun} for {subject} with calculated properties and purity, ready for virtual screening.',
    ],
    provenance: [
      'Exported from the Helix compound registry; structures standardised with RDKit.',
      'Synthesised in-house and by partner chemistry CROs; purity determined by LC-MS.',
    ],
    keywords: ['compound library', 'cheminformatics', 'SMILES', 'medicinal chemistry', 'structure-activity relationship'],
    themes: ['Science and technology'],
    conformsTo: ['OpenSMILES', 'BIOVIA CTfile Formats 2020'],
    mediaTypes: [SDF, CSV],
    columns: [
      HELIX_COMPOUND,
      column('smiles', 'Canonical SMILES', choice(
        'CC(=O)Nc1ccc(O)cc1', 'O=C(Nc1ccccc1)c1ccncc1', 'CN1CCN(CC1)c1ccc(cc1)C(N)=O',
        'COc1cc2ncnc(Nc3ccc(F)c(Cl)c3)c2cc1OC', 'C=CC(=O)N1CCN(CC1)c1ncnc2ccccc12',
      )),
      column('molecular_weight', 'Molecular weight', decimal(180, 650, 2), 'g/mol'),
      column('clogp', 'Calculated logP', decimal(-1, 6, 2)),
      column('hbd', 'Hydrogen-bond donors', integer(0, 5), 'count'),
      column('hba', 'Hydrogen-bond acceptors', integer(1, 10), 'count'),
      column('tpsa', 'Topological polar surface area', decimal(20, 140, 1), 'A^2'),
      column('purity', 'Purity by LC-MS', decimal(90, 99.9, 1), '%'),
    ],
    recordCount: [500, 250_000],
    coverageYears: [1, 8],
  },
  {
    name: 'phase-1-summary',
    weight: 1,
    qualifiers: ['Interim', 'Final', 'Topline'],
    nouns: ['phase I trial summary', 'first-in-human study summary', 'phase Ib dose-escalation summary'],
    focuses: [KRAS, EGFR, HX_3300],
    locations: [{ name: 'Switzerland and Germany', countries: ['CH', 'DE'], boundingBox: [5.87, 45.82, 15.04, 55.06] }],
    descriptions: [
      'Cohort-level results from clinical studies in {subject}: dose levels, dose-limiting toxicities and pharmacokinetics, {period}. Contains no individual participant data.',
      '{noun} for {subject} ({period}), aggregated per dose cohort from the locked analysis datasets.',
    ],
    provenance: [
      'Summarised from the clinical study report; trial registered at ClinicalTrials.gov.',
      'Derived from the locked ADaM datasets of the study; sites in Switzerland and Germany.',
    ],
    keywords: ['phase I', 'first-in-human', 'dose escalation', 'safety', 'clinical pharmacology'],
    themes: ['Health'],
    conformsTo: ['CDISC ADaM 1.3', 'CDISC SDTM 2.0', 'ICH E3'],
    mediaTypes: [PDF, CSV],
    columns: [
      column('cohort', 'Dose cohort', choice('1', '2', '3', '4', 'expansion A')),
      column('dose_level', 'Dose level', integer(10, 800), 'mg'),
      column('participants', 'Participants dosed', integer(3, 18), 'persons'),
      column('dlt_count', 'Dose-limiting toxicities', integer(0, 2), 'events'),
      column('tmax_median', 'Median time to maximum concentration', decimal(0.5, 6, 1), 'h'),
      column('grade3_ae_rate', 'Participants with grade 3 or higher adverse events', decimal(0, 35, 1), '%'),
    ],
    recordCount: [4, 40],
    coverageYears: [1, 3],
    dataClasses: [['PROPRIETARY', 1], ['PARTNER_SHARED', 1]],
    useConditions: { ...HELIX_USE, permissions: [[term('HMB'), 1]], modifierCount: [1, 3] },
  },
];

export const HELIX_THERAPEUTICS: PartnerProfile = {
  partner: {
    id: 'helix-therapeutics',
    name: 'Helix Therapeutics AG',
    kind: 'COMPANY',
    country: 'CH',
    homepage: 'https://www.helix-therapeutics.ch',
  },
  emailDomain: 'helix-therapeutics.ch',
  dataHost: 'datahub.helix-therapeutics.ch',
  contacts: ['Dr. Lukas Meier', 'Dr. Sofia Bianchi', 'Dr. Martin Keller', 'Dr. Elena Rossi', 'Data Governance Office'],
  kinds: HELIX_KINDS,
  focuses: [
    KRAS,
    EGFR,
    HX_3300,
    programme('the HX-2100 BTK degrader series', ['for the HX-2100 BTK degrader series'], ['BTK', 'targeted protein degradation']),
    programme('the PI3K-alpha programme', ['for PI3K-alpha selective compounds', 'in the PI3K-alpha programme'], ['PI3K', 'breast cancer']),
    programme('the CDK4/6 programme', ['for CDK4/6 inhibitor analogues', 'in the CDK4/6 programme'], ['CDK4/6', 'cell cycle']),
  ],
  locations: [
    { name: 'Basel, Switzerland', countries: ['CH'], boundingBox: [7.55, 47.52, 7.65, 47.6] },
    { name: 'Switzerland', countries: ['CH'], boundingBox: [5.96, 45.82, 10.49, 47.81] },
  ],
  dataClasses: [['PROPRIETARY', 7], ['PARTNER_SHARED', 3]],
  licences: [
    {
      licence: {
        id: 'LicenseRef-Helix-Commercial-1.0',
        name: 'Helix Therapeutics Commercial Data Licence 1.0',
        url: 'https://www.helix-therapeutics.ch/legal/data-licence/commercial-1.0',
        commercialUse: true,
        attributionRequired: false,
        fieldsOfUse: ['oncology drug discovery', 'non-clinical research'],
        maxDurationMonths: 24,
        royalty: { ratePercent: 2.5, basis: 'net sales of derived products', minimumAnnualFee: 10_000, currency: 'CHF' },
      },
      weight: 3,
      dataClasses: ['PROPRIETARY', 'PARTNER_SHARED'],
    },
    {
      licence: {
        id: 'LicenseRef-Helix-Academic-1.0',
        name: 'Helix Therapeutics Academic Research Licence 1.0',
        url: 'https://www.helix-therapeutics.ch/legal/data-licence/academic-1.0',
        commercialUse: false,
        attributionRequired: true,
        fieldsOfUse: ['academic research'],
        maxDurationMonths: 12,
      },
      weight: 1,
      dataClasses: ['PARTNER_SHARED'],
    },
  ],
  useConditions: HELIX_USE,
  issuedBetween: ['2018-06-01', '2025-07-31'],
  versionScheme: 'semver',
  completeness: [0.9, 1],
  qualityNotes: [
    'Reviewed by the study director; outliers flagged, not removed.',
    'Reference compound values within historical control ranges.',
    'Values below the lower limit of quantification reported as missing.',
  ],
  retention: {
    years: [10, 15],
    deletionShare: 0.5,
    deletionAfterYears: [3, 6],
    bases: [
      'OECD GLP Principle 10 (storage and retention of records)',
      'Helix records retention policy RRP-04 v3',
      'Swiss Code of Obligations art. 958f',
    ],
  },
  edgeCases: [
    {
      dataset: 9,
      reason: 'past its deletion date',
      retention: {
        retainUntil: '2024-12-31',
        deletionDue: '2025-06-30',
        basis: 'Evaluation agreement HX-EVA-2018-07: partner data deleted six months after the evaluation ended',
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Boreal Climate Institute: open climate and environment data

const region = (location: Location, phrases: string[], keywords: string[]): Focus =>
  ({ name: location.name, phrases, keywords, location });

const FINLAND: Location = { name: 'Finland', countries: ['FI'], boundingBox: [19.08, 59.45, 31.59, 70.09] };
const LAPLAND: Location = { name: 'Finnish Lapland', countries: ['FI'], boundingBox: [20.55, 65.65, 29.99, 70.09] };
const FENNOSCANDIA: Location = { name: 'Fennoscandia', countries: ['FI', 'SE', 'NO'], boundingBox: [4.5, 55.3, 31.6, 71.2] };
const BALTIC_SEA: Location = {
  name: 'Baltic Sea', countries: ['FI', 'SE', 'EE', 'LV', 'LT', 'PL', 'DE', 'DK'], boundingBox: [9.4, 53.9, 30.3, 65.9],
};
const GULF_OF_BOTHNIA: Location = { name: 'Gulf of Bothnia', countries: ['FI', 'SE'], boundingBox: [16.8, 60.2, 25.6, 65.9] };
const BARENTS_SEA: Location = { name: 'Barents Sea', countries: ['NO', 'RU'], boundingBox: [16, 68, 60, 81] };
const SVALBARD: Location = { name: 'Svalbard', countries: ['SJ'], boundingBox: [10.5, 76.4, 33.6, 80.9] };
const KEMIJOKI: Location = { name: 'Kemijoki river basin', countries: ['FI'], boundingBox: [23.6, 65.7, 29.9, 68.9] };
const HELSINKI: Location = { name: 'Helsinki metropolitan area', countries: ['FI'], boundingBox: [24.5, 60.1, 25.3, 60.4] };
const OULU: Location = { name: 'Oulu region', countries: ['FI'], boundingBox: [25.1, 64.8, 26, 65.2] };

const IN_FINLAND = region(FINLAND, ['for Finland', 'across Finland'], ['Finland']);
const IN_LAPLAND = region(LAPLAND, ['for Finnish Lapland', 'in Finnish Lapland'], ['Lapland', 'Arctic']);
const IN_FENNOSCANDIA = region(FENNOSCANDIA, ['across Fennoscandia'], ['Fennoscandia', 'Nordic countries']);
const IN_SVALBARD = region(SVALBARD, ['for Svalbard', 'around Svalbard'], ['Svalbard', 'Arctic']);
const IN_KEMIJOKI = region(KEMIJOKI, ['in the Kemijoki river basin'], ['Kemijoki', 'river basin']);

const BOREAL_DATE = column('date', 'Observation day (UTC)', date);
const BOREAL_CELL = column('grid_cell_id', 'Grid cell identifier', serial('G', 6));

const BOREAL_KINDS: readonly DatasetKind[] = [
  {
    name: 'temperature-reanalysis',
    weight: 2,
    qualifiers: ['Daily', 'Monthly', 'Hourly', 'High-resolution'],
    nouns: ['2 m air temperature reanalysis', 'temperature anomaly grids', 'gridded temperature reanalysis'],
    focuses: [IN_FINLAND, IN_LAPLAND, IN_FENNOSCANDIA, IN_SVALBARD],
    descriptions: [
      'Gridded near-surface air temperature {phrase} over {period}, downscaled from ERA5 with station-based bias correction ({records} grid-cell time steps).',
      'Temperature fields {phrase} ({period}) on a regular latitude-longitude grid, with anomalies relative to the 1991–2020 climate normal.',
    ],
    provenance: [
      'Downscaled from Copernicus ERA5 reanalysis; bias-corrected against national weather station networks.',
      'Produced with the Boreal regional reanalysis chain BRR v3 from ERA5-Land and station observations.',
    ],
    keywords: ['air temperature', 'reanalysis', 'climate normal', 'gridded data', 'ERA5', 'climate change'],
    themes: ['Environment', 'Science and technology'],
    conformsTo: ['https://cfconventions.org/', 'ISO 19115-1:2014'],
    mediaTypes: [NETCDF, CSV],
    columns: [
      BOREAL_CELL,
      BOREAL_DATE,
      LATITUDE,
      LONGITUDE,
      column('t2m', 'Air temperature at 2 m', decimal(240, 300, 1), 'K'),
      column('t2m_anomaly', 'Anomaly relative to 1991-2020', decimal(-6, 6, 2), 'K'),
    ],
    recordCount: [5_000_000, 900_000_000],
    coverageYears: [20, 45],
  },
  {
    name: 'snow-cover',
    weight: 2,
    qualifiers: ['Daily', 'Weekly', 'Satellite-derived', 'Station-based'],
    nouns: ['snow cover extent', 'snow water equivalent', 'snow depth observations'],
    focuses: [IN_FINLAND, IN_LAPLAND, IN_FENNOSCANDIA, IN_KEMIJOKI],
    descriptions: [
      'Snow depth and snow water equivalent {phrase}, {period}, from {records} station and grid observations. Supports hydropower inflow forecasting and reindeer husbandry planning.',
      'Fractional snow cover {phrase} derived from AVHRR, MODIS and Sentinel-3 imagery, {period}; cloud gaps are filled by temporal interpolation.',
    ],
    provenance: [
      'Snow course and station data from the national observation network, quality-controlled by the institute.',
      'Satellite retrievals processed with the institute snow algorithm SnowFrac 2.1.',
    ],
    keywords: ['snow cover', 'snow water equivalent', 'cryosphere', 'remote sensing', 'hydrology'],
    themes: ['Environment', 'Agriculture', 'Energy'],
    conformsTo: ['https://cfconventions.org/', 'ISO 19115-1:2014'],
    mediaTypes: [NETCDF, CSV, GEOJSON],
    columns: [
      column('station_id', 'Snow station identifier', serial('SN', 4)),
      BOREAL_DATE,
      LATITUDE,
      LONGITUDE,
      column('snow_depth', 'Snow depth', integer(0, 180), 'cm'),
      column('swe', 'Snow water equivalent', integer(0, 450), 'mm'),
      column('snow_cover_fraction', 'Snow-covered fraction of the cell', decimal(0, 1, 2), '1'),
    ],
    recordCount: [50_000, 60_000_000],
    coverageYears: [10, 35],
  },
  {
    name: 'permafrost',
    weight: 1,
    qualifiers: ['Annual', 'Long-term', 'In situ', 'Monthly'],
    nouns: ['permafrost borehole temperatures', 'active layer thickness records', 'ground temperature monitoring'],
    focuses: [IN_LAPLAND, IN_SVALBARD, IN_FENNOSCANDIA],
    descriptions: [
      'Ground temperatures at depths from 0.5 to 20 m in monitoring boreholes {phrase}, {period} ({records} readings).',
      'Late-summer active layer thickness measured by probing and thaw tubes {phrase}, {period}. Contributed to the GTN-P network.',
    ],
    provenance: [
      'Boreholes maintained by the institute; loggers read twice a year and checked against manual readings.',
      'Field campaigns of the institute permafrost group with partner universities.',
    ],
    keywords: ['permafrost', 'ground temperature', 'active layer', 'cryosphere', 'GTN-P'],
    themes: ['Environment', 'Science and technology'],
    conformsTo: ['https://cfconventions.org/', 'ISO 19156:2023'],
    mediaTypes: [CSV, NETCDF, GEOJSON],
    columns: [
      column('borehole_id', 'Borehole identifier', serial('BH-', 3)),
      column('measurement_date', 'Date of the reading', date),
      column('depth', 'Sensor depth below surface', decimal(0.5, 20, 1), 'm'),
      column('ground_temperature', 'Ground temperature', decimal(-6, 2, 2), 'degC'),
      column('active_layer_thickness', 'Active layer thickness', integer(40, 220), 'cm'),
      LATITUDE,
      LONGITUDE,
    ],
    recordCount: [2_000, 900_000],
    coverageYears: [5, 30],
  },
  {
    name: 'river-discharge',
    weight: 1,
    qualifiers: ['Daily', 'Quality-controlled', 'Historical', 'Near-real-time'],
    nouns: ['river discharge series', 'discharge and water level records', 'hydrological gauging records'],
    focuses: [IN_KEMIJOKI, IN_FINLAND, IN_LAPLAND],
    descriptions: [
      'Daily mean discharge and water level at gauging stations {phrase}, {period}. Rating curves are updated after each measurement campaign.',
      '{records} gauge-day records {phrase} ({period}), used for flood frequency and hydropower studies.',
    ],
    provenance: [
      'Gauging stations operated with the national environment agency; hydrometric data harmonised by the institute.',
      'Digitised historical gauge books combined with automatic station data since 2005.',
    ],
    keywords: ['river discharge', 'hydrology', 'water level', 'floods', 'hydropower'],
    themes: ['Environment', 'Energy', 'Regions and cities'],
    conformsTo: ['OGC WaterML 2.0', 'https://cfconventions.org/'],
    mediaTypes: [CSV, NETCDF, GEOJSON],
    columns: [
      column('gauge_id', 'Gauging station identifier', serial('GAUGE-', 4)),
      BOREAL_DATE,
      column('discharge', 'Daily mean discharge', decimal(0.5, 2500, 1), 'm3/s'),
      column('water_level', 'Water level above gauge datum', integer(50, 900), 'cm'),
      column('water_temperature', 'Water temperature', decimal(0, 22, 1), 'degC'),
      LATITUDE,
      LONGITUDE,
    ],
    recordCount: [20_000, 4_000_000],
    coverageYears: [15, 60],
  },
  {
    name: 'air-quality',
    weight: 1,
    qualifiers: ['Hourly', 'Daily mean', 'Validated'],
    nouns: ['air quality station measurements', 'PM2.5 and NO2 monitoring', 'urban air quality observations'],
    focuses: [
      region(HELSINKI, ['in the Helsinki metropolitan area'], ['Helsinki', 'urban environment']),
      region(OULU, ['in the Oulu region'], ['Oulu', 'urban environment']),
      IN_FINLAND,
    ],
    descriptions: [
      'Concentrations of PM2.5, PM10, NO2 and O3 from monitoring stations {phrase}, {period}. Validated data meet the data quality objectives of the EU Ambient Air Quality Directive.',
      '{records} station-hour records {phrase} ({period}), with an hourly air quality index.',
    ],
    provenance: [
      'Municipal and institute-operated stations; validated by the institute air quality laboratory.',
      'Reference-method analysers, calibrated quarterly; reported to the European Environment Agency.',
    ],
    keywords: ['air quality', 'PM2.5', 'nitrogen dioxide', 'ozone', 'public health'],
    themes: ['Environment', 'Health', 'Regions and cities'],
    conformsTo: ['Directive 2008/50/EC', 'INSPIRE Air Quality e-Reporting'],
    mediaTypes: [CSV, GEOJSON],
    columns: [
      column('station_id', 'Monitoring station identifier', serial('AQ', 4)),
      column('measurement_date', 'Day of measurement', date),
      column('pm25', 'PM2.5 mass concentration', decimal(1, 14, 1), 'ug/m3'),
      column('pm10', 'PM10 mass concentration', decimal(15, 60, 1), 'ug/m3'),
      column('no2', 'Nitrogen dioxide', decimal(2, 90, 1), 'ug/m3'),
      column('o3', 'Ozone', decimal(10, 120, 1), 'ug/m3'),
      column('aqi', 'Air quality index (1 good to 5 very poor)', integer(1, 5), 'index'),
      LATITUDE,
      LONGITUDE,
    ],
    recordCount: [100_000, 5_000_000],
    coverageYears: [5, 25],
  },
  {
    name: 'sea-ice',
    weight: 1,
    qualifiers: ['Daily', 'Weekly', 'Satellite-derived'],
    nouns: ['sea ice concentration', 'sea ice thickness charts', 'ice extent'],
    focuses: [
      region(BALTIC_SEA, ['over the Baltic Sea'], ['Baltic Sea']),
      region(GULF_OF_BOTHNIA, ['in the Gulf of Bothnia'], ['Gulf of Bothnia', 'Baltic Sea']),
      region(BARENTS_SEA, ['in the Barents Sea'], ['Barents Sea', 'Arctic']),
      IN_SVALBARD,
    ],
    descriptions: [
      'Sea ice concentration and thickness {phrase} on a 1 km grid, {period}, from SAR imagery and ice charts.',
      'Daily ice charts and maximum ice extent {phrase}, {period}. Used for winter navigation and climate monitoring.',
    ],
    provenance: [
      'Derived from Sentinel-1 SAR and national ice service charts; classified with the institute ice chain.',
      'Passive-microwave concentrations (AMSR2) merged with ice service analyses.',
    ],
    keywords: ['sea ice', 'cryosphere', 'remote sensing', 'winter navigation', 'climate monitoring'],
    themes: ['Environment', 'Science and technology'],
    conformsTo: ['https://cfconventions.org/', 'WMO Sea-Ice Nomenclature (WMO-No. 259)'],
    mediaTypes: [NETCDF, GEOJSON, CSV],
    columns: [
      BOREAL_CELL,
      BOREAL_DATE,
      LATITUDE,
      LONGITUDE,
      column('ice_concentration', 'Sea ice concentration', integer(0, 100), '%'),
      column('ice_thickness', 'Sea ice thickness', integer(0, 120), 'cm'),
    ],
    recordCount: [1_000_000, 300_000_000],
    coverageYears: [10, 45],
  },
];

export const BOREAL_CLIMATE_INSTITUTE: PartnerProfile = {
  partner: {
    id: 'boreal-climate-institute',
    name: 'Boreal Climate Institute',
    kind: 'PUBLIC_INSTITUTE',
    country: 'FI',
    homepage: 'https://www.boreal-climate.fi',
  },
  emailDomain: 'boreal-climate.fi',
  dataHost: 'data.boreal-climate.fi',
  contacts: ['Dr. Aino Virtanen', 'Dr. Mikko Korhonen', 'Dr. Elina Lindqvist', 'Dr. Jussi Heikkinen', 'Open Data Service'],
  kinds: BOREAL_KINDS,
  focuses: [IN_FINLAND],
  locations: [FINLAND],
  dataClasses: [['PUBLIC', 1]],
  licences: [
    { licence: CC_BY_4, weight: 3, dataClasses: ['PUBLIC'] },
    { licence: ODBL_1, weight: 2, dataClasses: ['PUBLIC'] },
  ],
  useConditions: { permissions: [[term('NRES'), 1]], modifiers: [], modifierCount: [0, 0] },
  issuedBetween: ['2012-04-01', '2025-08-31'],
  versionScheme: 'calver',
  completeness: [0.9, 1],
  qualityNotes: [
    'Gaps longer than 10 days are flagged, not filled.',
    'Homogenised with the SNHT test; breakpoints are documented.',
    'Station metadata checked against the WMO OSCAR registry.',
  ],
  retention: {
    years: [25, 50],
    deletionShare: 0,
    deletionAfterYears: [1, 1],
    bases: ['Finnish Archives Act 831/1994 (permanent preservation)', 'Institute data management plan DMP-2022, section 4'],
  },
  edgeCases: [],
};

// ---------------------------------------------------------------------------------------------
// Demo catalogs, validation and files

export const DEMO_PARTNERS: readonly { readonly profile: PartnerProfile; readonly count: number }[] = [
  { profile: NORTHBRIDGE_HOSPITAL, count: 48 },
  { profile: HELIX_THERAPEUTICS, count: 44 },
  { profile: BOREAL_CLIMATE_INSTITUTE, count: 42 },
];

export function generateDemoCatalogs(): CatalogFile[] {
  return DEMO_PARTNERS.map(({ profile, count }) => generatePartnerCatalog(profile, count, DEMO_SEED));
}

export function serializeCatalog(catalog: CatalogFile): string {
  return `${JSON.stringify(catalog, null, 2)}\n`;
}

export function catalogFileUrl(partnerId: string): URL {
  return pathToFileURL(repositoryPath(`subgraphs/partners/${partnerId}/catalog.json`));
}

/**
 * Problems that would make the partner kit refuse the catalog, one line each naming the partner,
 * the dataset and the field. Uses the kit's own loader so the generator can never drift from it.
 */
export function findCatalogProblems(catalog: CatalogFile): string[] {
  try {
    parseCatalog(catalog, catalog.partner.id);
    return [];
  } catch (error) {
    if (!(error instanceof CatalogLoadError)) throw error;
    return error.problems.map((problem) => `${catalog.partner.id}: ${problem}`);
  }
}

function writeDemoCatalogs(): void {
  const catalogs = generateDemoCatalogs();
  const problems = catalogs.flatMap(findCatalogProblems);
  if (problems.length > 0) {
    // Validate everything before writing anything, so a bad profile never half-replaces the files.
    for (const problem of problems) console.error(problem);
    process.exit(1);
  }
  for (const catalog of catalogs) {
    const url = catalogFileUrl(catalog.partner.id);
    mkdirSync(new URL('.', url), { recursive: true });
    writeFileSync(url, serializeCatalog(catalog));
    console.log(`${catalog.partner.id}: ${catalog.datasets.length} datasets -> ${relative(process.cwd(), fileURLToPath(url))}`);
  }
}

function isRunDirectly(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return pathToFileURL(realpathSync(entry)).href === import.meta.url;
  } catch {
    return false;
  }
}

if (isRunDirectly()) writeDemoCatalogs();
