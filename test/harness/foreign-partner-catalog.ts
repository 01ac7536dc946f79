import { buildSubgraphSchema } from '@apollo/subgraph';
import { visit, type DocumentNode } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { datasetTypeNameFor, partnerTypeDefs } from '../../schema/partner-contract.js';

// The schema of a partner on another stack, for the contract checker's tests: the real contract SDL
// (schema/partner.graphql, renamed for the partner) served by hand-written resolvers over a few
// datasets, with no partner kit. One deliberate defect at a time can be put in its SDL or its harvest.

export type ForeignSchemaDefect =
  /** `@policy` left off the entity type's sampleRecords. */
  | 'missing-policy'
  /** `_catalogHarvest` ignores offset: every page starts at the first dataset. */
  | 'ignores-offset';

export const FOREIGN_DATASET_COUNT = 9;

const licence = {
  id: 'LicenseRef-Foreign-1.0', name: 'Foreign partner terms', url: 'https://partner.example.org/terms', commercialUse: false,
  attributionRequired: true, fieldsOfUse: ['research'], maxDurationMonths: 24,
  royalty: { ratePercent: 1.5, basis: 'net sales', minimumAnnualFee: null, currency: 'EUR' },
};

function partnerRecord(partnerId: string) {
  return { id: partnerId, name: 'Foreign Partner', kind: 'NONPROFIT', country: 'NO', homepage: 'https://partner.example.org' };
}

/** The datasets, in id order, each modified on a day of its own. */
export function foreignDatasets(partnerId: string) {
  return Array.from({ length: FOREIGN_DATASET_COUNT }, (_, i) => {
    const id = `${partnerId}:ds-${String(i + 1).padStart(2, '0')}`;
    return {
      id, title: `Coastal cohort ${i + 1}`, description: 'Blood samples from a coastal cohort.', keywords: ['cohort', `wave ${i + 1}`],
      themes: ['Health'], contactPoint: { name: 'Data office', email: 'data@partner.example.org' }, version: '1.0',
      issued: '2020-01-01', modified: `2024-0${1 + (i % 9)}-1${i % 10}T08:00:00Z`,
      temporalCoverage: { start: '2019-01-01', end: null }, spatialCoverage: { name: 'Norway', countries: ['NO'], boundingBox: null },
      conformsTo: [], provenance: null, dataClass: i % 2 === 0 ? 'PARTNER_SHARED' : 'PUBLIC', licence,
      useConditions: [{ code: 'GRU', termId: 'DUO:0000042', label: 'general research use', diseaseId: null, regions: null, allowed: null, months: null, until: null }],
      distributions: [{ id: `${id}/csv`, title: null, mediaType: 'text/csv', byteSize: 1024 * (i + 1), checksum: null, licence, accessUrl: `https://partner.example.org/${i + 1}`, downloadUrl: null }],
      embargoUntil: null, dataDictionary: [{ name: 'age', type: 'integer', unit: 'years', description: null }],
      qualityReport: { completeness: 0.9, recordCount: 100 + i, validatedAt: null, notes: null },
      sampleRecords: ['{"age":41}'], retention: { retainUntil: '2030-12-31', deletionDue: null, basis: 'consent form v2' },
      language: 'en', translations: [{ language: 'nb', title: `Kystkohort ${i + 1}`, description: null, keywords: ['kohort'] }],
      landingPage: `https://partner.example.org/datasets/${i + 1}`, identifiers: [{ value: `10.5555/acme.${i + 1}`, scheme: 'DOI' }],
      creators: [{ name: 'Coastal cohort study', kind: 'ORGANIZATION', identifier: null, homepage: null }],
    };
  });
}

/** The contract SDL for the partner, with the defect written into it when it is an SDL defect. */
export function foreignTypeDefs(partnerId: string, defect?: ForeignSchemaDefect): DocumentNode {
  const typeDefs = partnerTypeDefs(partnerId);
  if (defect !== 'missing-policy') return typeDefs;
  const entityType = datasetTypeNameFor(partnerId);
  return visit(typeDefs, {
    ObjectTypeDefinition(node) {
      if (node.name.value !== entityType) return undefined;
      return {
        ...node,
        fields: node.fields?.map((field) => field.name.value !== 'sampleRecords' ? field
          : { ...field, directives: field.directives?.filter((d) => d.name.value !== 'policy') }),
      };
    },
  });
}

export function foreignSchema(partnerId: string, defect?: ForeignSchemaDefect): GraphQLSchema {
  const datasets = foreignDatasets(partnerId);
  const byId = new Map(datasets.map((d) => [d.id, d]));
  const entityType = datasetTypeNameFor(partnerId);
  return buildSubgraphSchema({
    typeDefs: foreignTypeDefs(partnerId, defect),
    resolvers: {
      Query: {
        _catalogHarvest: (_root: unknown, args: { modifiedSince?: string | null; offset?: number | null; limit?: number | null }) => {
          const since = args.modifiedSince ? Date.parse(args.modifiedSince) : -Infinity;
          const modified = datasets.filter((d) => Date.parse(d.modified) > since);
          const offset = defect === 'ignores-offset' ? 0 : args.offset ?? 0;
          return {
            partner: partnerRecord(partnerId), generatedAt: new Date().toISOString(), totalCount: modified.length,
            datasets: modified.slice(offset, offset + (args.limit ?? 1000)), datasetIds: datasets.map((d) => d.id),
          };
        },
      },
      Dataset: { __resolveType: () => entityType },
      [entityType]: {
        __resolveReference: (reference: { id: string }) => byId.get(reference.id) ?? null,
        publisher: () => partnerRecord(partnerId),
      },
    },
  });
}
