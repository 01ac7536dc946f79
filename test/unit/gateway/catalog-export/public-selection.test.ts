import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { describe, expect, it } from 'vitest';
import { prepareSupergraph } from '../../../../gateway/authz/authorization-plan.js';
import {
  assertPublicSelection, CatalogExportSelectionError, guardedCoordinates, hasCatalogListing, selectedCoordinates,
} from '../../../../gateway/catalog-export/public-selection.js';
import { CATALOG_PAGE_OPERATION, CATALOG_POSITION_OPERATION } from '../../../../gateway/catalog-export/export-operation.js';
import { CATALOG_SUPERGRAPH } from '../../../harness/demo-federation.js';
import { composeInterfaceToySupergraph } from '../../../harness/toy-interface-supergraph.js';
import { composeToySupergraph } from '../../../harness/toy-supergraph.js';

const SUPERGRAPH = readFileSync(CATALOG_SUPERGRAPH, 'utf8');

function prepared(supergraphSdl: string) {
  const { plan, executableSupergraphSdl } = prepareSupergraph(supergraphSdl);
  return { plan, schema: Supergraph.build(executableSupergraphSdl).apiSchema().toGraphQLJSSchema() };
}

const { plan, schema } = prepared(SUPERGRAPH);

describe('the export\'s operations on the committed supergraph', () => {
  it.each([['CatalogExportPage', CATALOG_PAGE_OPERATION], ['CatalogExportPosition', CATALOG_POSITION_OPERATION]])('%s selects public fields only', (_name, operation) => {
    const coordinates = selectedCoordinates(schema, operation);
    expect(coordinates.length).toBeGreaterThan(0);
    expect(guardedCoordinates(plan, coordinates)).toEqual([]);
    expect(() => assertPublicSelection(plan, coordinates)).not.toThrow();
  });

  it.each<[string, boolean]>([
    ['Query.datasets', true],
    ['Dataset.title', true],
    ['Dataset.dataClass', true],
    ['Distribution.mediaType', true],
    ['Licence.name', true],
    ['DataService.title', true],
    ['Dataset.contactPoint', false],
    ['Dataset.sampleRecords', false],
    ['Dataset.retention', false],
    ['Dataset.dataDictionary', false],
    ['Dataset.qualityReport', false],
    ['Distribution.accessUrl', false],
    ['Distribution.downloadUrl', false],
    ['DataService.endpointUrl', false],
    ['Licence.royalty', false],
  ])('the page operation selects %s: %s', (coordinate, selected) => {
    expect(selectedCoordinates(schema, CATALOG_PAGE_OPERATION).includes(coordinate)).toBe(selected);
  });
});

describe('a guarded field in the selection is refused, named with what it requires', () => {
  it.each<[string, string, RegExp]>([
    ['a member-only field', 'query { datasets { edges { node { id contactPoint { name } } } } }', /Dataset\.contactPoint \(requiresScopes:\[\["consortium:member"\]\]\)/],
    ['a field decided per dataset', 'query { datasets { edges { node { distributions { accessUrl } } } } }', /Distribution\.accessUrl \(policy:\[\["dataset:access"\]\]\)/],
    ['the access service\'s endpoint', 'query { datasets { edges { node { distributions { accessService { endpointUrl } } } } } }', /DataService\.endpointUrl/],
    ['a licence\'s royalty terms', 'query { datasets { edges { node { licence { royalty { basis } } } } } }', /Licence\.royalty/],
  ])('%s', (_name, operation, message) => {
    const coordinates = selectedCoordinates(schema, operation);
    expect(() => assertPublicSelection(plan, coordinates)).toThrow(CatalogExportSelectionError);
    expect(() => assertPublicSelection(plan, coordinates)).toThrow(message);
  });

  it('follows the gateway\'s plan: a guard one partner puts on its own type holds for the interface field the export selects', () => {
    const line = /^(\s+provenance: String @join__field\(graph: HELIX_THERAPEUTICS\))$/m;
    expect(SUPERGRAPH).toMatch(line);
    const guarded = prepared(SUPERGRAPH.replace(line, '$1 @requiresScopes(scopes: [["consortium:member"]])'));
    expect(() => assertPublicSelection(guarded.plan, selectedCoordinates(guarded.schema, CATALOG_PAGE_OPERATION)))
      .toThrow(/the catalog export selects fields the supergraph guards, which it must never publish: Dataset\.provenance \(requiresScopes/);
  });

  it('refuses an operation that does not fit the supergraph, saying why', () => {
    expect(() => selectedCoordinates(schema, 'query { datasets { edges { node { colour } } } }')).toThrow(/does not fit the supergraph: Cannot query field "colour"/);
    expect(() => selectedCoordinates(schema, 'query {')).toThrow(/does not parse/);
  });
});

describe('hasCatalogListing: only a supergraph with the catalog index\'s listing has a catalog to export', () => {
  it.each<[string, string, boolean]>([
    ['the demo federation', SUPERGRAPH, true],
    ['a supergraph whose datasets field is a plain list', composeInterfaceToySupergraph('http://127.0.0.1:9/graphql'), false],
    ['a supergraph with no datasets at all', composeToySupergraph({ stations: 'http://127.0.0.1:9/graphql', readings: 'http://127.0.0.1:9/graphql' }), false],
  ])('%s: %s', (_name, supergraphSdl, expected) => {
    expect(hasCatalogListing(prepared(supergraphSdl).schema)).toBe(expected);
  });
});
