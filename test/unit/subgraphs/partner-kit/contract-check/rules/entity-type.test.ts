import { describe, expect, it } from 'vitest';
import { entityType } from '../../../../../../subgraphs/partner-kit/contract-check/rules/entity-type.js';
import {
  addDirective, addSdl, asServedByApolloSubgraph, chain, dropDirective, ENTITY, findingsOf, fixesOf, onType, renameType, unchanged, type Edit,
} from '../sdl-rule-harness.js';

const KEY = '@key(fields: "id")';

const ROWS: [string, Edit, ReturnType<typeof findingsOf>][] = [
  ['the contract itself', unchanged, []],
  ['the contract as @apollo/subgraph serves it', asServedByApolloSubgraph, []],
  ['the key written with other white space and resolvable: true', chain(dropDirective(ENTITY, 'key'), addDirective(ENTITY, '@key(fields: " id ", resolvable: true)')), []],
  ['the entity type left as PartnerDataset', renameType(ENTITY, 'PartnerDataset'), [
    ['failure', ENTITY, `type ${ENTITY} implements Dataset ${KEY}`, 'no such type'],
    ['failure', 'PartnerDataset', `only ${ENTITY} implements Dataset`, 'type PartnerDataset implements Dataset'],
  ]],
  ['another partner\'s entity type beside its own', addSdl('type NorthbridgeHospitalDataset implements Dataset @key(fields: "id") { id: ID! }'),
    [['failure', 'NorthbridgeHospitalDataset', `only ${ENTITY} implements Dataset`, 'type NorthbridgeHospitalDataset implements Dataset']]],
  ['no @key', dropDirective(ENTITY, 'key'), [['failure', ENTITY, KEY, 'no @key']]],
  ['another key', chain(dropDirective(ENTITY, 'key'), addDirective(ENTITY, '@key(fields: "title")')), [['failure', ENTITY, KEY, '@key(fields: "title")']]],
  ['a key that is not resolvable', chain(dropDirective(ENTITY, 'key'), addDirective(ENTITY, '@key(fields: "id", resolvable: false)')),
    [['failure', ENTITY, KEY, '@key(fields: "id", resolvable: false)']]],
  ['a second key beside the contract\'s', addDirective(ENTITY, '@key(fields: "title")'), []],
  ['not implementing Dataset', onType(ENTITY, (node) => ({ ...node, interfaces: [] })),
    [['failure', ENTITY, `${ENTITY} implements Dataset`, 'implements no interface']]],
];

describe('entity-type', () => {
  it.each(ROWS)('%s', (_name, edit, expected) => {
    expect(findingsOf(entityType, edit)).toEqual(expected);
  });

  it('says to rename an entity type left under the contract\'s name', () => {
    expect(fixesOf(entityType, renameType(ENTITY, 'PartnerDataset'))[0])
      .toBe(`rename PartnerDataset to ${ENTITY}: it is datasetTypeNameFor("acme-labs"), the name the gateway and the index route this partner's datasets by`);
  });
});
