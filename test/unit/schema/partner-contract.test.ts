import { describe, expect, it } from 'vitest';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { Kind, parse, visit, type ConstDirectiveNode } from 'graphql';
import { contractSource, datasetTypeNameFor, partnerTypeDefs } from '../../../schema/partner-contract.js';
import { HARVEST_QUERY } from '../../../subgraphs/catalog-index/harvester.js';
import { POLICY_DESCRIPTIONS } from '../../../schema/policies.js';

interface GuardedField { coordinate: string; directive: string; names: string[] }

// Reads the contract's security directives straight from its SDL.
function guardedFields(): GuardedField[] {
  const found: GuardedField[] = [];
  for (const definition of parse(contractSource()).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    for (const field of definition.fields ?? []) {
      for (const directive of field.directives ?? []) {
        if (!['requiresScopes', 'policy', 'authenticated'].includes(directive.name.value)) continue;
        found.push({ coordinate: `${definition.name.value}.${field.name.value}`, directive: directive.name.value, names: stringsIn(directive) });
      }
    }
  }
  return found;
}

function stringsIn(directive: ConstDirectiveNode): string[] {
  const names: string[] = [];
  visit(directive, { StringValue: (node) => { names.push(node.value); } });
  return names;
}

describe('partner contract', () => {
  it('builds as a Federation 2 subgraph for any partner id', () => {
    expect(() => buildSubgraphSchema({ typeDefs: partnerTypeDefs('northbridge-hospital') })).not.toThrow();
    const sdl = contractSource();
    expect(sdl).toMatch(/specs\.apollo\.dev\/federation\/v2\.(9|1\d)/);
  });

  it.each([
    ['northbridge-hospital', 'NorthbridgeHospitalDataset'],
    ['helix-therapeutics', 'HelixTherapeuticsDataset'],
    ['a1', 'A1Dataset'],
  ])('names the entity type of partner %s %s', (id, typeName) => {
    expect(datasetTypeNameFor(id)).toBe(typeName);
  });

  it('guards exactly the restricted fields the catalog policy names', () => {
    const byCoordinate = Object.fromEntries(guardedFields().map((g) => [g.coordinate, `${g.directive}:${g.names.join(',')}`]));
    expect(byCoordinate).toEqual({
      'PartnerDataset.contactPoint': 'requiresScopes:consortium:member',
      'PartnerDataset.dataDictionary': 'requiresScopes:consortium:member',
      'PartnerDataset.qualityReport': 'requiresScopes:consortium:member',
      'PartnerDataset.sampleRecords': 'policy:dataset:sample-records',
      'PartnerDataset.retention': 'policy:dataset:retention-schedule',
      'Distribution.accessUrl': 'policy:dataset:access',
      'Distribution.downloadUrl': 'policy:dataset:access',
      'DataService.endpointUrl': 'policy:dataset:access',
      'Licence.royalty': 'policy:licence:royalty-terms',
    });
  });

  it('documents every named policy it uses, and only those', () => {
    const used = new Set(guardedFields().filter((g) => g.directive === 'policy').flatMap((g) => g.names));
    expect(new Set(Object.keys(POLICY_DESCRIPTIONS))).toEqual(used);
    for (const { guards, checks } of Object.values(POLICY_DESCRIPTIONS)) {
      expect(guards.length).toBeGreaterThan(0);
      expect(checks.length).toBeGreaterThan(0);
    }
     // Each field a named policy guards is listed under it (the interface's name for the entity's fields).
    for (const g of guardedFields().filter((f) => f.directive === 'policy')) {
      const coordinate = g.coordinate.replace(/^PartnerDataset\./, 'Dataset.');
      for (const name of g.names) expect(POLICY_DESCRIPTIONS[name]!.guards).toContain(coordinate);
    }
  });

  it('harvests no guarded field, so the index holds public metadata only', () => {
    const guardedNames = new Set(guardedFields().map((g) => g.coordinate.split('.')[1]));
    const harvested: string[] = [];
    visit(parse(HARVEST_QUERY), { Field: (node) => { harvested.push(node.name.value); } });
    expect(harvested).toContain('translations');
    expect(harvested.filter((name) => guardedNames.has(name))).toEqual([]);
  });
});
