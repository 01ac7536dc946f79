import { describe, expect, it } from 'vitest';
import { federationDirectives } from '../../../../../../subgraphs/partner-kit/contract-check/rules/federation-directives.js';
import {
  addDirective, asServedByApolloSubgraph, chain, dropDirective, ENTITY, findingsOf, fixesOf, relink, unchanged, type Edit,
} from '../sdl-rule-harness.js';

/** @shareable moved from the type onto each of its fields. */
function shareableOnFields(typeName: string, fields: string[]): Edit {
  return chain(dropDirective(typeName, 'shareable'), ...fields.map((field) => addDirective(`${typeName}.${field}`, '@shareable')));
}

const ROWS: [string, Edit, ReturnType<typeof findingsOf>][] = [
  ['the contract itself', unchanged, []],
  ['the contract as @apollo/subgraph serves it', asServedByApolloSubgraph, []],
  ['@shareable on every field instead of on the type', shareableOnFields('Checksum', ['algorithm', 'value']), []],
  ['the federation link renamed, directives written with its prefix', chain(
    relink({ imports: '[]', as: 'fed' }),
    (d) => JSON.parse(JSON.stringify(d).replace(/"value":"(key|shareable|inaccessible|requiresScopes|policy)"/g, '"value":"fed__$1"')),
  ), []],
  ['@shareable missing on a value type', dropDirective('Checksum', 'shareable'), [
    ['failure', 'Checksum.algorithm', '@shareable', 'no @shareable'],
    ['failure', 'Checksum.value', '@shareable', 'no @shareable'],
  ]],
  ['@inaccessible missing on the harvest', dropDirective('Query._catalogHarvest', 'inaccessible'),
    [['failure', 'Query._catalogHarvest', '@inaccessible', 'no @inaccessible']]],
  ['@inaccessible on a contract field', addDirective('Licence.name', '@inaccessible'),
    [['failure', 'Licence.name', 'no @inaccessible', '@inaccessible']]],
  ['@override on a contract field', chain(relink({ imports: '["@key", "@shareable", "@inaccessible", "@requiresScopes", "@policy", "@override"]' }), addDirective(`${ENTITY}.title`, '@override(from: "northbridge-hospital")')),
    [['failure', `${ENTITY}.title`, 'no @override', '@override(from: "northbridge-hospital")']]],
  ['@tag, harmless but not in the contract', addDirective('Licence.name', '@federation__tag(name: "public")'),
    [['warning', 'Licence.name', 'no @tag', '@tag(name: "public")']]],
  ['a directive outside federation is not compared', addDirective('Licence.name', '@deprecated'), []],
  ['the entity\'s key is the entity-type rule\'s concern', dropDirective(ENTITY, 'key'), []],
];

describe('federation-directives', () => {
  it.each(ROWS)('%s', (_name, edit, expected) => {
    expect(findingsOf(federationDirectives, edit)).toEqual(expected);
  });

  it.each([
    ['@inaccessible missing', dropDirective('Query._catalogHarvest', 'inaccessible'),
      'write `@inaccessible` on Query._catalogHarvest: the contract keeps it out of the federated API, for Concord\'s own signed calls only'],
    ['@shareable missing and not imported', chain(relink({ imports: '["@key", "@inaccessible", "@requiresScopes", "@policy"]' }), dropDirective('Checksum', 'shareable')),
      'write `@shareable` on Checksum.algorithm (and add "@shareable" to the import list of your federation @link): every partner serves it, and composition refuses a field several subgraphs resolve unless each marks it shareable'],
  ])('says how to fix it: %s', (_name, edit, fix) => {
    expect(fixesOf(federationDirectives, edit)).toContain(fix);
  });
});
