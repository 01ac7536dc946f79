import { describe, expect, it } from 'vitest';
import { contractFields } from '../../../../../../subgraphs/partner-kit/contract-check/rules/contract-fields.js';
import {
  addSdl, asServedByApolloSubgraph, ENTITY, findingsOf, fixesOf, onField, setFieldType, unchanged, type Edit,
} from '../sdl-rule-harness.js';
import { parse } from 'graphql';

function withArguments(coordinate: string, args: string): Edit {
  const [definition] = parse(`type Placeholder { f${args}: Int }`).definitions;
  const argumentNodes = (definition as unknown as { fields: [{ arguments: unknown }] }).fields[0].arguments;
  return onField(coordinate, (field) => ({ ...field, arguments: argumentNodes as typeof field.arguments }));
}

const HARVEST = 'Query._catalogHarvest';

const ROWS: [string, Edit, ReturnType<typeof findingsOf>][] = [
  ['the contract itself', unchanged, []],
  ['the contract as @apollo/subgraph serves it (_service and _entities are not extras)', asServedByApolloSubgraph, []],
  ['a field missing', onField(`${ENTITY}.keywords`, () => null), [['failure', `${ENTITY}.keywords`, 'keywords: [String!]!', 'no such field']]],
  ['a field missing on a shared type', onField('Licence.commercialUse', () => null), [['failure', 'Licence.commercialUse', 'commercialUse: Boolean!', 'no such field']]],
  ['a list of nullable items', setFieldType(`${ENTITY}.keywords`, '[String]!'), [['failure', `${ENTITY}.keywords`, 'keywords: [String!]!', 'keywords: [String]!']]],
  ['a nullable field made non-null', setFieldType(`${ENTITY}.version`, 'String!'), [['failure', `${ENTITY}.version`, 'version: String', 'version: String!']]],
  ['another type', setFieldType('QualityReport.recordCount', 'Float!'), [['failure', 'QualityReport.recordCount', 'recordCount: Int!', 'recordCount: Float!']]],
  ['an argument missing', withArguments(HARVEST, '(modifiedSince: DateTime, offset: Int = 0)'),
    [['failure', 'Query._catalogHarvest(limit:)', 'limit: Int = 1000', 'no such argument']]],
  ['an argument with another default', withArguments(HARVEST, '(modifiedSince: DateTime, offset: Int = 0, limit: Int = 50)'),
    [['failure', 'Query._catalogHarvest(limit:)', 'limit: Int = 1000', 'limit: Int = 50']]],
  ['an argument of another type', withArguments(HARVEST, '(modifiedSince: String, offset: Int = 0, limit: Int = 1000)'),
    [['failure', 'Query._catalogHarvest(modifiedSince:)', 'modifiedSince: DateTime', 'modifiedSince: String']]],
  ['an optional argument added', withArguments(HARVEST, '(modifiedSince: DateTime, offset: Int = 0, limit: Int = 1000, lang: String)'),
    [['warning', 'Query._catalogHarvest(lang:)', 'only the arguments of the contract(modifiedSince: DateTime, offset: Int = 0, limit: Int = 1000)', 'lang: String']]],
  ['a required argument added', withArguments(HARVEST, '(modifiedSince: DateTime, offset: Int = 0, limit: Int = 1000, token: String!)'),
    [['failure', 'Query._catalogHarvest(token:)', 'only the arguments of the contract(modifiedSince: DateTime, offset: Int = 0, limit: Int = 1000)', 'token: String!']]],
  ['a field of the partner\'s own', addSdl(`extend type ${ENTITY} { internalNote: String }`),
    [['warning', `${ENTITY}.internalNote`, `only the fields of ${ENTITY} in schema/partner.graphql`, 'internalNote: String']]],
  ['fields written in an extension of the type count as its own', (d) => addSdl('extend type Partner { homepage: String }')(onField('Partner.homepage', () => null)(d)), []],
];

describe('contract-fields', () => {
  it.each(ROWS)('%s', (_name, edit, expected) => {
    expect(findingsOf(contractFields, edit)).toEqual(expected);
  });

  it.each([
    ['a missing field with its arguments', onField(HARVEST, () => null),
      'add `_catalogHarvest(modifiedSince: DateTime, offset: Int = 0, limit: Int = 1000): CatalogHarvest!` to Query, with the directives schema/partner.graphql gives it'],
    ['nullability alone', setFieldType(`${ENTITY}.keywords`, '[String]!'),
      `declare ${ENTITY}.keywords as \`[String!]!\`: only nullability differs, but the other partners, the index and the gateway read the field as the contract types it`],
  ])('says how to fix it: %s', (_name, edit, fix) => {
    expect(fixesOf(contractFields, edit)).toEqual([fix]);
  });
});
