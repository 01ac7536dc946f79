import { parseJsonText } from '../../json-text.js';
import type { SourceDataset, SourcePolicy, SourceProblem, SourceReading } from '../../source-dataset.js';
import { asRecord, asRecords, asText, type JsonRecord } from '../json-fields.js';
import { beaconDataset } from './beacon-dataset.js';
import { egaDataset, egaObjectType, egaPolicy } from './ega-objects.js';

// Datasets that carry GA4GH Data Use Ontology terms: Beacon v2 dataset records (the `datasets`
// entry type of the Beacon v2 default model, alone, in a list, or in a Beacon response's
// collections) and EGA metadata objects (a dataset, or a policy whose DUO codes govern the datasets
// it names).

export async function readBeacon(text: string, fileName: string): Promise<SourceReading> {
  const json = parseJsonText(text, fileName);
  if (!json.ok) return { format: 'beacon', datasets: [], problems: [json.problem] };
  return readBeaconJson(json.value);
}

export function readBeaconJson(json: unknown): SourceReading {
  const problems: SourceProblem[] = [];
  const datasets: SourceDataset[] = [];
  const policies: SourcePolicy[] = [];
  for (const { record, where } of beaconRecords(json)) {
    const egaType = egaObjectType(record);
    if (egaType === 'dataset') {
      const dataset = egaDataset(record);
      if (dataset) datasets.push(dataset);
      else problems.push({ where, message: 'an EGA dataset without an accession or alias is not read' });
    } else if (egaType === 'policy') {
      const policy = egaPolicy(record);
      if (policy) policies.push(policy);
      else problems.push({ where, message: 'an EGA policy without an accession or alias is not read' });
    } else if (egaType !== undefined) {
      problems.push({ where, message: `an EGA ${egaType} object is not a dataset or a policy; it is not read` });
    } else {
      const dataset = beaconDataset(record);
      if (dataset) datasets.push(dataset);
      else problems.push({ where, message: 'a Beacon dataset without "id" is not read' });
    }
  }
  if (datasets.length === 0 && policies.length === 0 && problems.length === 0) {
    problems.push({ where: '$', message: 'no Beacon v2 dataset or EGA dataset or policy object found' });
  }
  return { format: 'beacon', datasets, problems, ...(policies.length > 0 ? { policies } : {}) };
}

/** Every record of the file: one object, a list, a Beacon response's collections, or an EGA object set. */
function beaconRecords(json: unknown): { record: JsonRecord; where: string }[] {
  if (Array.isArray(json)) return asRecords(json).map((record, i) => ({ record, where: `$[${i}]` }));
  const top = asRecord(json);
  if (top === undefined) return [];
  const response = asRecord(top.response);
  if (response) {
    const collections = asRecords(response.collections).map((record, i) => ({ record, where: `$.response.collections[${i}]` }));
    const results = asRecords(response.resultSets).flatMap((set, s) =>
      asRecords(set.results).map((record, i) => ({ record, where: `$.response.resultSets[${s}].results[${i}]` })));
    return [...collections, ...results];
  }
  if (Array.isArray(top.data)) return asRecords(top.data).map((record, i) => ({ record: { data: record }, where: `$.data[${i}]` }));
  return asText(top.id) !== undefined || asRecord(top.data) !== undefined || egaObjectType(top) !== undefined ? [{ record: top, where: '$' }] : [];
}
