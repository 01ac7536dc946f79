import { DEFAULT_LANGUAGE } from '../../../schema/vocabulary.js';
import type { CatalogFileInput, DatasetRecordInput, PartnerRecord, SeriesRecord } from '../catalog-file.js';
import { IRI_PATTERN } from '../catalog-values.js';
import { datasetNamedBy, datasetProblems, loaderProblems, seriesProblems, type CatalogFrame } from './catalog-validation.js';
import type { PartnerDefaults } from './defaults-file.js';
import { Findings, type Finding } from './findings.js';
import { datasetRecord } from './mapping/dataset-record.js';
import { RecordIds } from './mapping/record-ids.js';
import { seriesRecord } from './mapping/series-record.js';
import type { SourceDataset, SourcePolicy, SourceReading, SourceUseCondition } from './source-dataset.js';

// Every reading of an import to one catalog file. Series first (datasets name them), then datasets,
// each checked by the partner kit's loader; then the links between records are resolved among the
// records that passed, and the whole catalog is checked once more, as the partner kit will load it.

export interface SourceFile {
  file: string;
  reading: SourceReading;
}

export type RecordStatus = 'imported' | 'imported-with-warnings' | 'refused';

export interface RecordOutcome {
  file: string;
  kind: 'dataset' | 'series';
  sourceId: string;
  id?: string;
  title?: string;
  status: RecordStatus;
  warnings: Finding[];
  refusals: Finding[];
}

export interface CatalogMapping {
  /** Undefined when the defaults file gives no partner record: nothing can be written. */
  catalog?: CatalogFileInput;
  outcomes: RecordOutcome[];
  /** Problems of the catalog as a whole that name no record (none is expected). */
  catalogProblems: string[];
}

export interface MappingOptions {
  partnerId: string;
  defaults?: PartnerDefaults;
  /** Called after each dataset, with how many of how many are done. */
  onProgress?: (done: number, total: number) => void;
}

interface Candidate<T> {
  outcome: RecordOutcome;
  findings: Findings;
  source: SourceDataset;
  record?: T;
}

export function mapToCatalog(files: readonly SourceFile[], options: MappingOptions): CatalogMapping {
  const { partnerId, defaults } = options;
  const catalogLanguage = defaults?.language ?? DEFAULT_LANGUAGE;
  const partner: PartnerRecord | undefined = defaults?.partner ? { id: partnerId, ...defaults.partner } : undefined;
  // Records are checked in a catalog of this partner; without a partner record a stand-in lets the
  // datasets be checked and reported, though no catalog can be written.
  const frame: CatalogFrame = {
    partner: partner ?? { id: partnerId, name: partnerId, kind: 'NONPROFIT', country: 'NL' },
    ...(defaults?.language ? { language: defaults.language } : {}),
    series: [],
  };
  const ids = new RecordIds(partnerId);
  const policies = files.flatMap(({ reading }) => reading.policies ?? []);

  const series = mapSeries(files, ids, { catalogLanguage, defaults, frame });
  frame.series = series.filter((c) => c.record).map((c) => c.record!);
  const seriesIds = new Map(series.filter((c) => c.record).map((c) => [c.source.sourceId, c.record!.id]));

  const total = files.reduce((n, { reading }) => n + reading.datasets.filter((d) => !d.isSeries).length, 0);
  const datasets: Candidate<DatasetRecordInput>[] = [];
  for (const { file, reading } of files) {
    for (const source of reading.datasets) {
      if (source.isSeries) continue;
      const candidate = newCandidate<DatasetRecordInput>(file, 'dataset', source);
      datasets.push(candidate);
      const assigned = assignId(candidate, ids);
      if (assigned !== undefined) {
        const record = guarded(candidate.findings, () => datasetRecord(source, {
          id: assigned, catalogLanguage, defaults, catalog: reading.catalog, policyTerms: policyTermsOf(source, policies),
        }, candidate.findings));
        if (record) {
          const inSeries = seriesLinks(source, seriesIds, candidate.findings);
          const linked = inSeries.length > 0 ? { ...record, inSeries } : record;
          for (const problem of datasetProblems(frame, linked)) candidate.findings.refuse(problem.field, problem.message);
          if (!candidate.findings.refused) candidate.record = linked;
        }
        if (candidate.record === undefined) ids.release(source.sourceId);
      }
      options.onProgress?.(datasets.length, total);
    }
  }

  resolveVersionLinks(datasets, ids);
  const catalogProblems = checkWhole(frame, datasets);
  const outcomes = [...series, ...datasets].map(finish);
  if (partner === undefined) return { outcomes, catalogProblems };
  const catalog: CatalogFileInput = {
    partner,
    ...(defaults?.language ? { language: defaults.language } : {}),
    ...(frame.series.length > 0 ? { series: frame.series } : {}),
    datasets: datasets.filter((c) => c.record).map((c) => c.record!),
  };
  return { catalog, outcomes, catalogProblems };
}

function mapSeries(
  files: readonly SourceFile[], ids: RecordIds,
  context: { catalogLanguage: string; defaults: PartnerDefaults | undefined; frame: CatalogFrame },
): Candidate<SeriesRecord>[] {
  const candidates: Candidate<SeriesRecord>[] = [];
  for (const { file, reading } of files) {
    for (const source of reading.datasets.filter((d) => d.isSeries)) {
      const candidate = newCandidate<SeriesRecord>(file, 'series', source);
      candidates.push(candidate);
      const id = assignId(candidate, ids);
      if (id === undefined) continue;
      const record = guarded(candidate.findings, () => seriesRecord(source, { id, catalogLanguage: context.catalogLanguage, defaults: context.defaults, catalog: reading.catalog }, candidate.findings));
      if (record) candidate.record = record;
    }
  }
  // The loader checks series against each other (ids unique): a refused one is taken out and the rest checked again.
  for (let round = 0; round < candidates.length; round++) {
    const accepted = candidates.filter((c) => c.record);
    const problems = seriesProblems({ ...context.frame, series: accepted.map((c) => c.record!) });
    if (problems.size === 0) break;
    for (const [index, findings] of problems) {
      const candidate = accepted[index] ?? accepted[0];
      if (candidate === undefined) break;
      for (const f of findings) candidate.findings.refuse(f.field, f.message);
      delete candidate.record;
    }
  }
  return candidates;
}

/**
 * A record the mapping fails on (a bug, or a source shape no reader foresaw) is refused with the
 * error's message; the other records of the import go on.
 */
function guarded<T>(findings: Findings, map: () => T | undefined): T | undefined {
  try {
    return map();
  } catch (error) {
    findings.refuse('', `could not be mapped: ${(error as Error)?.message ?? String(error)} (please report this with the source file)`);
    return undefined;
  }
}

function newCandidate<T>(file: string, kind: 'dataset' | 'series', source: SourceDataset): Candidate<T> {
  const findings = new Findings();
  const first = source.titles[0]?.value;
  const title = typeof first === 'string' ? first.trim() : undefined;
  return {
    outcome: { file, kind, sourceId: source.sourceId, ...(title ? { title } : {}), status: 'refused', warnings: [], refusals: [] },
    findings,
    source,
  };
}

function assignId(candidate: Candidate<unknown>, ids: RecordIds): string | undefined {
  const assigned = ids.assign(candidate.source.sourceId, candidate.outcome.file, candidate.outcome.title);
  if ('repeatOf' in assigned) {
    candidate.findings.refuse('id', `the source id "${candidate.source.sourceId}" was already imported from ${assigned.repeatOf}; a record is imported once`);
    return undefined;
  }
  candidate.outcome.id = assigned.id;
  if (assigned.note) candidate.findings.warn('id', assigned.note);
  return assigned.id;
}

/** The DUO terms of the policies that govern a dataset: named by the dataset, or naming it. */
function policyTermsOf(source: SourceDataset, policies: readonly SourcePolicy[]): SourceUseCondition[] {
  const names = (a: string, b: string) => a === b || a.endsWith(`:${b}`) || b.endsWith(`:${a}`);
  return policies
    .filter((p) => (source.policyRefs ?? []).some((ref) => names(p.sourceId, ref)) || p.datasets.some((d) => names(source.sourceId, d)))
    .flatMap((p) => p.useConditions);
}

function seriesLinks(source: SourceDataset, seriesIds: ReadonlyMap<string, string>, findings: Findings): string[] {
  const links: string[] = [];
  for (const sourceSeries of source.inSeries) {
    const id = seriesIds.get(sourceSeries);
    if (id === undefined) findings.warn('inSeries', `names series "${sourceSeries}", which is not imported (the source does not describe it, or it was refused); left out`);
    else if (!links.includes(id)) links.push(id);
  }
  return links;
}

/** isVersionOf and previousVersion: the id of an imported dataset, else the source's IRI, else left out. */
function resolveVersionLinks(datasets: Candidate<DatasetRecordInput>[], ids: RecordIds): void {
  const written = new Set(datasets.filter((c) => c.record).map((c) => c.record!.id));
  for (const candidate of datasets) {
    const record = candidate.record;
    if (record === undefined) continue;
    for (const field of ['isVersionOf', 'previousVersion'] as const) {
      const link = candidate.source[field]?.trim();
      if (!link) continue;
      const id = ids.idOf(link);
      if (id !== undefined && written.has(id) && id !== record.id) record[field] = id;
      else if (IRI_PATTERN.test(link)) record[field] = link;
      else candidate.findings.warn(field, `"${link}" is neither a dataset of this import nor an IRI; left out`);
    }
  }
}

/** The whole catalog through the loader; a dataset it still refuses is taken out, with the loader's message. */
function checkWhole(frame: CatalogFrame, datasets: Candidate<DatasetRecordInput>[]): string[] {
  for (let round = 0; round < 10; round++) {
    const accepted = datasets.filter((c) => c.record);
    const problems = loaderProblems({ partner: frame.partner, ...(frame.language ? { language: frame.language } : {}), ...(frame.series.length > 0 ? { series: frame.series } : {}), datasets: accepted.map((c) => c.record!) });
    if (problems.length === 0) return [];
    const unnamed: string[] = [];
    for (const problem of problems) {
      const id = datasetNamedBy(problem);
      const candidate = id === undefined ? undefined : accepted.find((c) => c.record!.id === id);
      if (candidate === undefined) unnamed.push(problem);
      else {
        candidate.findings.refuse('', problem.replace(/^dataset "[^"]*" \(datasets\[\d+\]\), /, ''));
        delete candidate.record;
      }
    }
    if (unnamed.length === problems.length) return unnamed;
  }
  return ['the catalog still does not load after ten rounds of taking out refused datasets'];
}

function finish(candidate: Candidate<unknown>): RecordOutcome {
  const { warnings, refusals } = candidate.findings;
  const status: RecordStatus = candidate.record === undefined || refusals.length > 0 ? 'refused' : warnings.length > 0 ? 'imported-with-warnings' : 'imported';
  return { ...candidate.outcome, status, warnings: [...warnings], refusals: [...refusals] };
}
