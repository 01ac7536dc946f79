import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { repositoryPath } from '../../../../schema/repository-files.js';
import { prepareSupergraph } from '../../../../gateway/authz/authorization-plan.js';
import { UnenforceableSupergraphError } from '../../../../gateway/supergraph/security-features.js';
import { composeToySupergraph } from '../../../harness/toy-supergraph.js';

const toy = composeToySupergraph({ stations: 'http://stations.test/graphql', readings: 'http://readings.test/graphql' });
const catalog = readFileSync(repositoryPath('schema/supergraph.graphql'), 'utf8');

describe('authorization plan', () => {
  it.each([
    ['Station.operatorNote', [{ kind: 'requiresScopes', anyOf: [['stations:admin'], ['stations:ops', 'stations:read']] }]],
    ['Station.calibration', [{ kind: 'policy', anyOf: [['station:calibration']] }]],
    ['Query.operators', [{ kind: 'authenticated' }]],
    // Operator is @authenticated as a type: every field returning it inherits the requirement.
    ['Station.operator', [{ kind: 'authenticated' }]],
    ['Station.name', undefined],
    ['Station.latest', undefined],
  ])('reads %s', (coordinate, expected) => {
    const { plan } = prepareSupergraph(toy);
    const [type, field] = coordinate.split('.') as [string, string];
    expect(plan.requirementsFor(type, field)).toEqual(expected);
  });

  it('strips every security feature from what @apollo/gateway receives', () => {
    const { executableSupergraphSdl } = prepareSupergraph(toy);
    expect(toy).toMatch(/@requiresScopes|@policy|@authenticated/);
    expect(executableSupergraphSdl).not.toMatch(/requiresScopes|@policy|policy__|authenticated/);
    expect(executableSupergraphSdl).toMatch(/inaccessible|join__/);
  });

  it('guards the catalog contract fields on every partner type and on the Dataset interface', () => {
    const { plan } = prepareSupergraph(catalog);
    for (const type of ['NorthbridgeHospitalDataset', 'HelixTherapeuticsDataset', 'BorealClimateInstituteDataset', 'Dataset']) {
      expect(plan.requirementsFor(type, 'contactPoint')).toEqual([{ kind: 'requiresScopes', anyOf: [['consortium:member']] }]);
      expect(plan.requirementsFor(type, 'retention')).toEqual([{ kind: 'policy', anyOf: [['dataset:retention-schedule']] }]);
      expect(plan.requirementsFor(type, 'title')).toBeUndefined();
    }
    expect(plan.requirementsFor('Distribution', 'accessUrl')).toEqual([{ kind: 'policy', anyOf: [['dataset:access']] }]);
    expect([...plan.policyNames].sort()).toEqual(['dataset:access', 'dataset:retention-schedule', 'dataset:sample-records', 'licence:royalty-terms']);
  });

  // Fails closed: each row is a supergraph that cannot be enforced, and loading it must stop.
  it.each([
    ['an unknown security feature', (s: string) => s.replace('@link(url: "https://specs.apollo.dev/link/v1.0")',
      '@link(url: "https://specs.apollo.dev/link/v1.0")\n  @link(url: "https://example.org/geofence/v1.0", for: SECURITY)'),
      /links the security feature https:\/\/example.org\/geofence\/v1.0, which Concord does not enforce/],
    ['an unknown version of a known one', (s: string) => s.replace('https://specs.apollo.dev/policy/v0.1', 'https://specs.apollo.dev/policy/v0.9'),
      /policy\/v0.9, which Concord does not enforce/],
    ['a malformed @requiresScopes argument', (s: string) => s.replace('@requiresScopes(scopes: [["stations:admin"], ["stations:ops", "stations:read"]])', '@requiresScopes(scopes: [])'),
      /cannot read @requiresScopes\(scopes: \.\.\.\) on Station.operatorNote/],
    ['text that is not SDL', () => 'type {', /the supergraph is not valid SDL/],
  ])('refuses %s', (_name, mutate, message) => {
    expect(() => prepareSupergraph(mutate(toy))).toThrow(UnenforceableSupergraphError);
    expect(() => prepareSupergraph(mutate(toy))).toThrow(message);
  });
});

describe('authorization plan: type-level requirements', () => {
  it('guards the fields of a guarded union member, which no field returns by name', async () => {
    const { composeServices } = await import('@apollo/composition');
    const { parse } = await import('graphql');
    const result = composeServices([{ name: 'vault', url: 'http://v/graphql', typeDefs: parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@authenticated", "@requiresScopes"])
      union Item = Pub | Secret | Vault
      type Pub { text: String }
      type Secret @authenticated { data: String }
      type Vault @requiresScopes(scopes: [["admin"]]) { combination: String }
      type Query { search: [Item!]! }
    `) }]);
    const { plan } = prepareSupergraph(result.supergraphSdl!);
    expect(plan.requirementsFor('Secret', 'data')).toEqual([{ kind: 'authenticated' }]);
    expect(plan.requirementsFor('Vault', 'combination')).toEqual([{ kind: 'requiresScopes', anyOf: [['admin']] }]);
    expect(plan.requirementsFor('Pub', 'text')).toBeUndefined();
  });
});
