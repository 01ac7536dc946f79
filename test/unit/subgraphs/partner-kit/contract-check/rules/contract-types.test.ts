import { describe, expect, it } from 'vitest';
import { contractTypes } from '../../../../../../subgraphs/partner-kit/contract-check/rules/contract-types.js';
import { addSdl, asServedByApolloSubgraph, dropEnumValue, ENTITY, findingsOf, fixesOf, onType, unchanged, type Edit } from '../sdl-rule-harness.js';

const ROWS: [string, Edit, ReturnType<typeof findingsOf>][] = [
  ['the contract itself', unchanged, []],
  ['the contract as @apollo/subgraph serves it (federation\'s own types are not extras)', asServedByApolloSubgraph, []],
  ['a type missing', onType('Checksum', () => null), [['failure', 'Checksum', 'type Checksum', 'no such type']]],
  ['a scalar missing', onType('Date', () => null), [['failure', 'Date', 'scalar Date', 'no such type']]],
  ['an object type served as an interface', onType('Location', (node) => ({ ...node, kind: 'InterfaceTypeDefinition' })),
    [['failure', 'Location', 'type Location', 'interface Location']]],
  ['an enum value missing', dropEnumValue('DataClass', 'ANONYMIZED'),
    [['failure', 'DataClass.ANONYMIZED', 'enum value ANONYMIZED', 'no such value']]],
  ['an enum value added', (d) => addSdl('extend enum DataClass { SECRET }')(d),
    [['failure', 'DataClass.SECRET', 'only the values PUBLIC, PARTNER_SHARED, ANONYMIZED, PROPRIETARY', 'enum value SECRET']]],
  ['a type of the partner\'s own', addSdl('type AcmeExtra { note: String }'),
    [['warning', 'AcmeExtra', 'only the types of schema/partner.graphql', 'type AcmeExtra']]],
  ['an interface added to a value type', addSdl('interface Named { name: String! } extend type Partner implements Named'),
    [['warning', 'Partner', 'implements no interface', 'Partner implements Named'], ['warning', 'Named', 'only the types of schema/partner.graphql', 'interface Named']]],
  ['the entity type missing is the entity-type rule\'s concern', onType(ENTITY, () => null), []],
];

describe('contract-types', () => {
  it.each(ROWS)('%s', (_name, edit, expected) => {
    expect(findingsOf(contractTypes, edit)).toEqual(expected);
  });

  it('says which definition to add', () => {
    expect(fixesOf(contractTypes, onType('Checksum', () => null))).toEqual(['add `type Checksum` as schema/partner.graphql defines it']);
  });
});
