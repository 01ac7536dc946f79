import type { SourceDataset } from '../../source-dataset.js';
import { asRecord, asText, firstText, type JsonRecord } from '../json-fields.js';
import { emptyDataset, untagged } from '../source-records.js';
import { duoUseConditions } from './duo-data-use.js';

// A Beacon v2 dataset (default model, datasets entry type): id, name, description, create and update
// date-times, version, externalUrl, and dataUseConditions with DUO terms. Beacon says nothing about a
// licence, distributions or who may access the records.

export function beaconDataset(record: JsonRecord): SourceDataset | undefined {
  const id = asText(record.id);
  if (id === undefined) return undefined;
  const dataset = emptyDataset(id);
  dataset.titles = untagged([asText(record.name)]);
  dataset.descriptions = untagged([asText(record.description)]);
  const created = asText(record.createDateTime);
  if (created !== undefined) dataset.issued = created;
  const updated = asText(record.updateDateTime);
  if (updated !== undefined) dataset.modified = updated;
  const version = asText(record.version);
  if (version !== undefined) dataset.version = version;
  const landing = firstText(record, 'externalUrl', 'url');
  if (landing !== undefined) dataset.landingPages = [landing];
  dataset.useConditions = duoUseConditions(asRecord(record.dataUseConditions)?.duoDataUse);
  return dataset;
}
