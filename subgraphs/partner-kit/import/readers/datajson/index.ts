import { parseJsonText } from '../../json-text.js';
import type { SourceCatalog, SourceDataset, SourceProblem, SourceReading } from '../../source-dataset.js';
import { asRecord, asRecords, asText, asTexts, firstText, type JsonRecord } from '../json-fields.js';
import { untagged } from '../source-records.js';
import { dataJsonDataset, type DatasetOfCatalog } from './datajson-dataset.js';
import { agentOf, licencesOf } from './datajson-values.js';

// data.json catalogs: the US Project Open Data metadata schema 1.1 (DCAT-US 1.1), DCAT-US 3.0 (a
// catalog, or one Dataset object on its own) and Argentina's profile of it (datos.gob.ar, which
// adds a catalog-level licence, publisher, language and spatial coverage). One `dataset` entry is
// one dataset; DCAT-US 3.0's object values (identifiers, agents, concepts, periods) are read
// beside 1.1's strings.

export async function readDataJson(text: string, fileName: string): Promise<SourceReading> {
  const json = parseJsonText(text, fileName);
  if (!json.ok) return { format: 'datajson', datasets: [], problems: [json.problem] };
  return readDataJsonValue(json.value);
}

export function readDataJsonValue(json: unknown): SourceReading {
  const problems: SourceProblem[] = [];
  const located = locateDatasets(json);
  if (located === undefined) {
    return { format: 'datajson', datasets: [], problems: [{ where: '$', message: 'no data.json catalog: expected an object with a "dataset" list, a list of datasets, or one Dataset object' }] };
  }
  const datasets: SourceDataset[] = [];
  const seriesSeen = new Set<string>();
  located.entries.forEach(({ record, where }) => {
    const read = dataJsonDataset(record);
    if (read === undefined) {
      problems.push({ where, message: 'a dataset without "@id", "identifier" or "title" is not read' });
      return;
    }
    datasets.push(read.dataset);
    for (const series of read.series) {
      if (!seriesSeen.has(series.sourceId)) datasets.push(series);
      seriesSeen.add(series.sourceId);
    }
    if (read.samplesLeftOut > 0) {
      problems.push({ where: `${where}.sample`, message: `${read.samplesLeftOut} sample distribution(s) of "${read.dataset.sourceId}" not read: the contract keeps sample records, not sample files` });
    }
  });
  return { format: 'datajson', ...(located.catalog ? { catalog: located.catalog } : {}), datasets, problems };
}

function locateDatasets(json: unknown): { entries: DatasetOfCatalog[]; catalog?: SourceCatalog } | undefined {
  if (Array.isArray(json)) return { entries: asRecords(json).map((record, i) => ({ record, where: `$[${i}]` })) };
  const top = asRecord(json);
  if (top === undefined) return undefined;
  if (Array.isArray(top.dataset)) {
    const entries = top.dataset.flatMap((item, i) => {
      const record = asRecord(item);
      return record ? [{ record, where: `$.dataset[${i}]` }] : [];
    });
    return { entries, catalog: catalogOf(top) };
  }
  return firstText(top, 'title', '@id', 'identifier') !== undefined ? { entries: [{ record: top, where: '$' }] } : undefined;
}

function catalogOf(top: JsonRecord): SourceCatalog {
  const publisher = agentOf(top.publisher, 'organization');
  const homepage = asText(top.homepage);
  return {
    titles: untagged([asText(top.title)]),
    licences: licencesOf(top.license),
    languages: asTexts(top.language),
    ...(publisher ? { publisher } : {}),
    ...(homepage ? { homepage } : {}),
  };
}
