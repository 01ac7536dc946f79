import type { SourceDataset, SourcePolicy } from '../../source-dataset.js';
import { asRecord, asRecords, asText, firstText, type JsonRecord } from '../json-fields.js';
import { emptyDataset, untagged } from '../source-records.js';
import { duoUseConditions } from './duo-data-use.js';

// EGA metadata objects (EbiEga/ega-metadata-schema): `{ data: {...}, schema: {$ref} }`, the object
// type in data.schemaDescriptor.objectType. A dataset names no DUO terms of its own: they are on the
// policy object that governs it, linked from either side by accession or alias
// (datasetRelationships / policyRelationships).

export function egaObjectType(record: JsonRecord): string | undefined {
  const data = asRecord(record.data) ?? record;
  const descriptor = asRecord(data.schemaDescriptor);
  const declared = descriptor ? asText(descriptor.objectType) : undefined;
  if (declared !== undefined) return declared;
  const schema = asText(asRecord(record.schema)?.$ref) ?? '';
  return /EGA\.(\w+)\.json$/.exec(schema)?.[1];
}

export function egaDataset(record: JsonRecord): SourceDataset | undefined {
  const data = asRecord(record.data) ?? record;
  const id = objectIdOf(data);
  if (id === undefined) return undefined;
  const dataset = emptyDataset(id.key);
  if (id.accession) dataset.identifiers = [{ value: id.accession, scheme: 'EGA' }];
  dataset.titles = untagged([asText(data.objectTitle)]);
  dataset.descriptions = untagged([asText(data.objectDescription)]);
  dataset.themes = [asText(data.datasetType)].filter((t): t is string => t !== undefined);
  if (id.center) dataset.publisher = { names: [{ value: id.center }], kind: 'organization' };
  // Every EGA dataset is released only through its data access committee (EGA's access model).
  dataset.accessRights = 'non-public';
  dataset.policyRefs = relatedIds(data.datasetRelationships, 'policy');
  return dataset;
}

export function egaPolicy(record: JsonRecord): SourcePolicy | undefined {
  const data = asRecord(record.data) ?? record;
  const id = objectIdOf(data);
  if (id === undefined) return undefined;
  return { sourceId: id.key, useConditions: duoUseConditions(data.duoCodes), datasets: relatedIds(data.policyRelationships, 'dataset') };
}

interface EgaObjectId {
  /** The accession when the object has one, else "centerName:alias". */
  key: string;
  accession?: string;
  center?: string;
}

function objectIdOf(data: JsonRecord): EgaObjectId | undefined {
  const objectId = asRecord(data.objectId);
  if (objectId === undefined) return undefined;
  const accession = asText(objectId.egaAccession);
  const alias = asText(objectId.alias);
  const center = asText(objectId.centerName);
  const key = accession ?? (alias ? (center ? `${center}:${alias}` : alias) : undefined);
  if (key === undefined) return undefined;
  return { key, ...(accession ? { accession } : {}), ...(center ? { center } : {}) };
}

/** The ids of the objects of one type a relationship list names, on either end of the relationship. */
function relatedIds(relationships: unknown, objectType: string): string[] {
  return asRecords(relationships).flatMap((relationship) => {
    const end = [asRecord(relationship.rSource), asRecord(relationship.rTarget)]
      .find((side) => side !== undefined && asText(side.objectType) === objectType);
    const objectId = end ? asRecord(end.objectId) : undefined;
    if (objectId === undefined) return [];
    const accession = asText(objectId.egaAccession);
    const alias = firstText(objectId, 'alias');
    const center = asText(objectId.centerName);
    return [accession ?? (alias ? (center ? `${center}:${alias}` : alias) : undefined)].filter((v): v is string => v !== undefined);
  });
}
