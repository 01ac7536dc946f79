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

// Composition refuses these directives on interfaces, but a hand-written supergraph may carry them,
// and the plan must then guard every way of reaching the field (ARCHITECTURE.md "Authorization plan").
function handWritten(types: string): string {
  return `
    schema
      @link(url: "https://specs.apollo.dev/link/v1.0")
      @link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY)
      @link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY)
      @link(url: "https://specs.apollo.dev/policy/v0.1", for: SECURITY)
    { query: Query }
    ${types}`;
}

const scopes = (...names: string[]) => ({ kind: 'requiresScopes', anyOf: [names] });
const policy = (name: string) => ({ kind: 'policy', anyOf: [[name]] });
const authenticated = { kind: 'authenticated' };

describe('authorization plan: interfaces', () => {
  it.each([
    ['an interface field guards the same field of every implementation', `
      interface Sensor { id: ID! reading: Float @requiresScopes(scopes: [["sensors:read"]]) }
      type Probe implements Sensor { id: ID! reading: Float }
      type Buoy implements Sensor { id: ID! reading: Float depth: Float }
      type Query { sensors: [Sensor!]! probe: Probe }`, {
      'Sensor.reading': [scopes('sensors:read')],
      'Probe.reading': [scopes('sensors:read')],
      'Buoy.reading': [scopes('sensors:read')],
      'Probe.id': undefined,
      'Buoy.depth': undefined,
      'Query.probe': undefined,
    }],
    ['an interface field and an implementation field both hold, once each', `
      interface Sensor { reading: Float @requiresScopes(scopes: [["sensors:read"]]) }
      type Probe implements Sensor { reading: Float @requiresScopes(scopes: [["sensors:read"]]) @policy(policies: [["probe:calibrated"]]) }
      type Buoy implements Sensor { reading: Float }
      type Query { sensors: [Sensor!]! }`, {
      'Probe.reading': [scopes('sensors:read'), policy('probe:calibrated')],
      'Buoy.reading': [scopes('sensors:read')],
      'Sensor.reading': [scopes('sensors:read'), policy('probe:calibrated')],
    }],
    ['a guarded interface guards its implementations, their own fields and fields returning them', `
      interface Sensor @authenticated { id: ID! }
      type Probe implements Sensor { id: ID! serial: String }
      type Station { id: ID! }
      type Query { sensors: [Sensor!]! probe: Probe station: Station }`, {
      'Sensor.id': [authenticated],
      'Probe.id': [authenticated],
      'Probe.serial': [authenticated],
      'Query.sensors': [authenticated],
      'Query.probe': [authenticated],
      'Station.id': undefined,
      'Query.station': undefined,
    }],
    ['an interface implementing an interface passes its guards down, declared or not', `
      interface Node @requiresScopes(scopes: [["nodes:read"]]) { id: ID! }
      interface Sensor implements Node { id: ID! reading: Float @authenticated }
      type Probe implements Sensor & Node { id: ID! reading: Float }
      type Buoy implements Sensor { id: ID! reading: Float serial: String }
      type Query { nodes: [Node!]! }`, {
      'Node.id': [scopes('nodes:read')],
      'Sensor.id': [scopes('nodes:read')],
      'Sensor.reading': [scopes('nodes:read'), authenticated],
      'Probe.id': [scopes('nodes:read')],
      'Probe.reading': [scopes('nodes:read'), authenticated],
      'Buoy.id': [scopes('nodes:read')],
      'Buoy.reading': [scopes('nodes:read'), authenticated],
      'Buoy.serial': [scopes('nodes:read')],
      'Query.nodes': [scopes('nodes:read')],
    }],
    ['a field deeper in the interface chain guards the same field up and down it', `
      interface Node { id: ID! @policy(policies: [["node:visible"]]) }
      interface Sensor implements Node { id: ID! }
      type Probe implements Sensor & Node { id: ID! }
      type Query { nodes: [Node!]! }`, {
      'Node.id': [policy('node:visible')],
      'Sensor.id': [policy('node:visible')],
      'Probe.id': [policy('node:visible')],
    }],
    ['an implementation field still guards the interface field, and no other implementation', `
      interface Sensor { reading: Float }
      type Probe implements Sensor { reading: Float @policy(policies: [["probe:calibrated"]]) }
      type Buoy implements Sensor { reading: Float }
      type Query { sensors: [Sensor!]! }`, {
      'Sensor.reading': [policy('probe:calibrated')],
      'Probe.reading': [policy('probe:calibrated')],
      'Buoy.reading': undefined,
    }],
    ['members of one union share nothing: a union is not an interface', `
      interface Sensor { reading: Float @requiresScopes(scopes: [["sensors:read"]]) }
      type Probe implements Sensor { reading: Float }
      type Note { reading: Float text: String }
      type Flag { reading: Float @authenticated }
      union Finding = Probe | Note | Flag
      type Query { findings: [Finding!]! }`, {
      'Probe.reading': [scopes('sensors:read')],
      'Flag.reading': [authenticated],
      'Note.reading': undefined,
      'Note.text': undefined,
      'Query.findings': undefined,
    }],
  ])('%s', (_name, types, expected) => {
    const { plan } = prepareSupergraph(handWritten(types));
    for (const [coordinate, requirements] of Object.entries(expected)) {
      const [type, field] = coordinate.split('.') as [string, string];
      expect(plan.requirementsFor(type, field), coordinate).toEqual(requirements);
    }
  });

  it('counts a policy only an interface names among the policies the plan needs', () => {
    const { plan } = prepareSupergraph(handWritten(`
      interface Sensor { reading: Float @policy(policies: [["sensors:calibrated"]]) }
      type Probe implements Sensor { reading: Float }
      type Query { sensors: [Sensor!]! }`));
    expect([...plan.policyNames]).toEqual(['sensors:calibrated']);
    expect(plan.coordinates()).toEqual(['Probe.reading', 'Sensor.reading']);
  });
});
