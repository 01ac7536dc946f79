import { describe, expect, it } from 'vitest';
import { guardDirectives, inWords } from '../../../../../../subgraphs/partner-kit/contract-check/rules/guard-directives.js';
import {
  addDirective, asServedByApolloSubgraph, chain, dropDirective, ENTITY, findingsOf, fixesOf, onField, relink, unchanged, type Edit,
} from '../sdl-rule-harness.js';

const SAMPLE_POLICY = '@policy(policies: [["dataset:sample-records"]])';
const MEMBER = '@requiresScopes(scopes: [["consortium:member"]])';

const ROWS: [string, Edit, ReturnType<typeof findingsOf>][] = [
  ['the contract itself', unchanged, []],
  ['the contract as @apollo/subgraph serves it', asServedByApolloSubgraph, []],
  ['@policy imported under another name', chain(
    relink({ imports: '["@key", "@shareable", "@inaccessible", "@requiresScopes", { name: "@policy", as: "@rule" }]' }),
    (d) => JSON.parse(JSON.stringify(d).replaceAll('"value":"policy"', '"value":"rule"')),
  ), []],
  ['@policy written @federation__policy without importing it', chain(
    relink({ imports: '["@key", "@shareable", "@inaccessible", "@requiresScopes"]' }),
    (d) => JSON.parse(JSON.stringify(d).replaceAll('"value":"policy"', '"value":"federation__policy"')),
  ), []],
  ['policies written in another order with a repeated requirement', chain(
    dropDirective(`${ENTITY}.sampleRecords`, 'policy'), addDirective(`${ENTITY}.sampleRecords`, '@policy(policies: [["dataset:sample-records", "dataset:sample-records"]])'),
  ), []],
  ['a single policy given without its lists (input coercion)', chain(
    dropDirective(`${ENTITY}.sampleRecords`, 'policy'), addDirective(`${ENTITY}.sampleRecords`, '@policy(policies: "dataset:sample-records")'),
  ), []],
  ['@policy missing on sampleRecords', dropDirective(`${ENTITY}.sampleRecords`, 'policy'),
    [['failure', `${ENTITY}.sampleRecords`, SAMPLE_POLICY, 'no @policy']]],
  ['@policy missing on a shared type\'s field', dropDirective('Distribution.accessUrl', 'policy'),
    [['failure', 'Distribution.accessUrl', '@policy(policies: [["dataset:access"]])', 'no @policy']]],
  ['@requiresScopes missing on contactPoint', dropDirective(`${ENTITY}.contactPoint`, 'requiresScopes'),
    [['failure', `${ENTITY}.contactPoint`, MEMBER, 'no @requiresScopes']]],
  ['a weaker policy: another alternative that the contract does not allow', chain(
    dropDirective(`${ENTITY}.sampleRecords`, 'policy'), addDirective(`${ENTITY}.sampleRecords`, '@policy(policies: [["dataset:sample-records"], ["dataset:public"]])'),
  ), [['failure', `${ENTITY}.sampleRecords`, SAMPLE_POLICY, '@policy(policies: [["dataset:public"], ["dataset:sample-records"]])']]],
  ['a weaker policy: another name', chain(
    dropDirective(`${ENTITY}.retention`, 'policy'), addDirective(`${ENTITY}.retention`, '@policy(policies: [["dataset:sample-records"]])'),
  ), [['failure', `${ENTITY}.retention`, '@policy(policies: [["dataset:retention-schedule"]])', SAMPLE_POLICY]]],
  ['an empty list of policies', chain(
    dropDirective(`${ENTITY}.sampleRecords`, 'policy'), addDirective(`${ENTITY}.sampleRecords`, '@policy(policies: [])'),
  ), [['failure', `${ENTITY}.sampleRecords`, SAMPLE_POLICY, '@policy(policies: [])']]],
  ['a stricter policy: one more requirement', chain(
    dropDirective(`${ENTITY}.sampleRecords`, 'policy'), addDirective(`${ENTITY}.sampleRecords`, '@policy(policies: [["dataset:sample-records", "partner:extra"]])'),
  ), [['warning', `${ENTITY}.sampleRecords`, SAMPLE_POLICY, '@policy(policies: [["dataset:sample-records", "partner:extra"]])']]],
  ['a guard the contract does not have', addDirective(`${ENTITY}.title`, MEMBER),
    [['warning', `${ENTITY}.title`, 'no @requiresScopes', MEMBER]]],
  ['@authenticated the link does not import is no guard at all (composition refuses it)', chain(
    relink({ imports: '["@key", "@shareable", "@inaccessible", "@requiresScopes", "@policy"]' }), addDirective(`${ENTITY}.title`, '@authenticated'),
  ), []],
  ['@authenticated imported and added', chain(
    relink({ imports: '["@key", "@shareable", "@inaccessible", "@requiresScopes", "@policy", "@authenticated"]' }), addDirective(`${ENTITY}.title`, '@authenticated'),
  ), [['warning', `${ENTITY}.title`, 'no @authenticated', '@authenticated']]],
  ['a type-level guard the contract does not have', addDirective('Partner', MEMBER),
    [['warning', 'Partner', 'no @requiresScopes', MEMBER]]],
  ['a field missing altogether is the contract-fields rule\'s concern', onField(`${ENTITY}.sampleRecords`, () => null), []],
];

describe('guard-directives', () => {
  it.each(ROWS)('%s', (_name, edit, expected) => {
    expect(findingsOf(guardDirectives, edit)).toEqual(expected);
  });

  it.each([
    ['no other guard on the field', dropDirective(`${ENTITY}.sampleRecords`, 'policy'),
      `add \`${SAMPLE_POLICY}\` to ${ENTITY}.sampleRecords: without it the gateway would serve sample records to everyone`],
    ['another guard left on the field', chain(dropDirective(`${ENTITY}.sampleRecords`, 'policy'), addDirective(`${ENTITY}.sampleRecords`, MEMBER)),
      `add \`${SAMPLE_POLICY}\` to ${ENTITY}.sampleRecords: without it the gateway would serve sample records without deciding the dataset:sample-records policies (schema/policies.ts)`],
    ['@requiresScopes missing', dropDirective(`${ENTITY}.contactPoint`, 'requiresScopes'),
      `add \`${MEMBER}\` to ${ENTITY}.contactPoint: without it the gateway would serve contact point to everyone`],
    ['@policy not imported by the link', chain(relink({ imports: '["@key", "@shareable", "@inaccessible", "@requiresScopes"]' }), dropDirective(`${ENTITY}.sampleRecords`, 'policy')),
      `add \`${SAMPLE_POLICY}\` to ${ENTITY}.sampleRecords (and add "@policy" to the import list of your federation @link): without it the gateway would serve sample records to everyone`],
    ['@policy imported under another name', chain(
      relink({ imports: '["@key", "@shareable", "@inaccessible", "@requiresScopes", { name: "@policy", as: "@rule" }]' }), dropDirective(`${ENTITY}.sampleRecords`, 'policy'),
    ), `add \`@rule(policies: [["dataset:sample-records"]])\` to ${ENTITY}.sampleRecords: without it the gateway would serve sample records to everyone`],
  ])('says how to fix it: %s', (_name, edit, fix) => {
    expect(fixesOf(guardDirectives, edit)).toContain(fix);
  });

  it.each([['sampleRecords', 'sample records'], ['accessUrl', 'access URL'], ['retention', 'retention'], ['endpointUrl', 'endpoint URL']])(
    'names %s in words as "%s"', (name, words) => expect(inWords(name)).toBe(words),
  );
});
