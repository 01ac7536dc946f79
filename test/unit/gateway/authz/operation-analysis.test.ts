import { describe, expect, it } from 'vitest';
import { parse, print, type FieldNode } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { readFileSync } from 'node:fs';
import { prepareSupergraph } from '../../../../gateway/authz/authorization-plan.js';
import { analyzeOperation, TYPENAME_KEY } from '../../../../gateway/authz/operation-analysis.js';
import type { EnforcementMode } from '../../../../gateway/authz/enforcement-mode.js';
import { NO_POLICIES, type AuthorizationPolicies } from '../../../../gateway/authz/authorization-policies.js';
import { catalogAuthorizationPolicies } from '../../../../gateway/authz/catalog-authorization-policies.js';
import { ANONYMOUS, type Principal } from '../../../../schema/policy/principal.js';
import { principalFromClaims } from '../../../../schema/identity-claims.js';
import { personaClaims } from '../../../../subgraphs/demo/demo-personas.js';
import { composeToySupergraph } from '../../../harness/toy-supergraph.js';
import { repositoryPath } from '../../../../schema/repository-files.js';

function setup(supergraph: string, policies: AuthorizationPolicies = NO_POLICIES) {
  const { plan, executableSupergraphSdl } = prepareSupergraph(supergraph);
  const schema = Supergraph.build(executableSupergraphSdl).apiSchema().toGraphQLJSSchema();
  return (query: string, options: { mode?: EnforcementMode; principal?: Principal } = {}) => {
    const document = parse(query);
    const result = analyzeOperation({ schema, document, plan, principal: options.principal ?? ANONYMOUS, policies, mode: options.mode ?? 'filter' });
    return { ...result, printed: print(result.planned?.document ?? document).replace(/\s+/g, ' ').trim() };
  };
}

const toy = setup(composeToySupergraph({ stations: 'http://s/graphql', readings: 'http://r/graphql' }));
const catalogSdl = readFileSync(repositoryPath('schema/supergraph.graphql'), 'utf8');
const catalog = setup(catalogSdl);
const governed = setup(catalogSdl, catalogAuthorizationPolicies());

function researcher(): Principal {
  const result = principalFromClaims(personaClaims('researcher'));
  if (!result.ok) throw new Error('the researcher persona has invalid claims');
  return result.principal;
}

describe('operation analysis: what the planner receives (anonymous principal)', () => {
  it.each([
    { name: 'public fields pass untouched', query: '{ stations { code name latest { celsius } } }', planned: '{ stations { code name latest { celsius } } }', denied: [] },
    { name: 'scoped field removed', query: '{ stations { code operatorNote } }', planned: '{ stations { code } }', denied: ['operatorNote'] },
    { name: 'aliased field removed by its alias', query: '{ stations { n: operatorNote code } }', planned: '{ stations { code } }', denied: ['operatorNote'] },
    { name: 'emptied selection asks for __typename', query: '{ station(code: "OSL") { operatorNote calibration { at } } }', planned: '{ station(code: "OSL") { __typename } }', denied: ['operatorNote', 'calibration'] },
    { name: 'guarded root field removed', query: '{ operators { name } stations { code } }', planned: '{ stations { code } }', denied: ['operators'] },
    { name: 'type-level @authenticated via a field returning it', query: '{ stations { operator { name } } }', planned: '{ stations { __typename } }', denied: ['operator'] },
    { name: 'inside a named fragment', query: 'query { stations { ...S } } fragment S on Station { code operatorNote }', planned: '{ stations { ...S } } fragment S on Station { code }', denied: ['operatorNote'] },
    { name: 'inside an inline fragment with @include', query: 'query($i: Boolean!) { stations { ... on Station @include(if: $i) { operatorNote } code } }', planned: 'query ($i: Boolean!) { stations { ... on Station @include(if: $i) { __typename } code } }', denied: ['operatorNote'] },
    { name: 'a sibling off the guarded path is left as it is', query: '{ a: stations { code latest { celsius } } b: stations { operatorNote code } }', planned: '{ a: stations { code latest { celsius } } b: stations { code } }', denied: ['operatorNote'] },
  ])('$name', ({ query, planned, denied }) => {
    const result = toy(query);
    expect(result.printed).toBe(planned);
    expect([...result.denials.keys()].map((n: FieldNode) => n.name.value)).toEqual(denied);
  });

  it('plans the client\'s own document when nothing is guarded, so no second pass runs', () => {
    const result = toy('{ stations { code } }');
    expect(result.planned).toBeNull();
    expect(result.walked.size).toBe(0);
  });

  it('asks for the runtime type of interface selections on a guarded path only', () => {
    const result = catalog('{ datasets(first: 2) { edges { node { id contactPoint { name } } } } other: datasets(first: 1) { edges { node { id } } } }');
    expect(result.printed).toBe(`{ datasets(first: 2) { edges { node { id ${TYPENAME_KEY}: __typename } } } other: datasets(first: 1) { edges { node { id } } } }`);
  });

  it('denies every catalog field guarded by a policy until policies exist', () => {
    const result = catalog('{ dataset(id: "x") { sampleRecords retention { basis } distributions { mediaType accessUrl downloadUrl } licence { id royalty { ratePercent } } } }');
    expect([...result.denials.values()].map((d) => d.policy).sort()).toEqual([
      'dataset:access', 'dataset:access', 'dataset:retention-schedule', 'dataset:sample-records', 'licence:royalty-terms',
    ]);
    expect(result.printed).not.toMatch(/sampleRecords|retention|accessUrl|downloadUrl|royalty/);
  });

  it('lists the variables that @skip and @include read', () => {
    const result = toy('query($a: Boolean!, $b: Boolean = true) { stations { code @skip(if: $a) ...S @include(if: $b) } } fragment S on Station { name @include(if: $a) }');
    expect(result.conditionVariables).toEqual(['a', 'b']);
  });
});

describe('operation analysis: per-entity fields (researcher, catalog policies)', () => {
  it('adds the governance facts where a field is decided per entity, and nowhere else', () => {
    const result = governed('{ a: datasets(first: 1) { edges { node { id sampleRecords } } } b: datasets(first: 1) { edges { node { title } } } }', { principal: researcher() });
    expect(result.perEntity.size).toBe(1);
    expect(result.printed).toMatch(/^\{ a: datasets\(first: 1\) \{ edges \{ node \{ id sampleRecords __concord_typename: __typename __concord_fact_id: id/);
    expect(result.printed).toContain('b: datasets(first: 1) { edges { node { title } } }');
  });

  it('adds a distribution\'s own licence where its URLs are decided', () => {
    const result = governed('{ dataset(id: "x") { distributions { accessUrl } } }', { principal: researcher() });
    expect(result.printed).toContain('distributions { accessUrl __concord_fact_licence: licence { id } }');
  });

  // The licence's maximum duration only sizes the grant a denial offers to request: a supergraph
  // whose Licence lacks it still plans a valid operation.
  it.each([
    { name: 'the catalog, whose Licence has a maximum duration', analyse: () => governed, licence: 'licence { id maxDurationMonths }' },
    { name: 'a supergraph whose Licence has none', analyse: () => withoutMaxDuration, licence: 'licence { id }' },
  ])('asks for the facts the supergraph defines: $name', ({ analyse, licence }) => {
    const result = analyse()('{ dataset(id: "x") { sampleRecords } }', { principal: researcher() });
    expect(result.printed).toContain(`__concord_fact_licence: ${licence} __concord_fact_publisher`);
  });
});

const withoutMaxDuration = setup(catalogSdl.replace(/^\s*maxDurationMonths: Int.*$/gm, ''), catalogAuthorizationPolicies());

// AUTHZ_MODE at the static stage (gateway/authz/enforcement-mode.ts): a static denial is pruned in
// every mode, dry-run included (@authenticated and @requiresScopes hold in every mode), and only
// reject also rejects the operation, which the gateway then does before planning.
describe('operation analysis, by mode', () => {
  it.each<{ mode: EnforcementMode; query: string; planned: string; rejectOperation: boolean }>([
    { mode: 'filter', query: '{ stations { code operatorNote } }', planned: '{ stations { code } }', rejectOperation: false },
    { mode: 'dry-run', query: '{ stations { code operatorNote } }', planned: '{ stations { code } }', rejectOperation: false },
    { mode: 'reject', query: '{ stations { code operatorNote } }', planned: '{ stations { code } }', rejectOperation: true },
    { mode: 'reject', query: '{ stations { code } }', planned: '{ stations { code } }', rejectOperation: false },
  ])('$mode, $query -> planned $planned, rejectOperation: $rejectOperation', ({ mode, query, planned, rejectOperation }) => {
    const result = toy(query, { mode });
    expect(result.printed).toBe(planned);
    expect(result.rejectOperation).toBe(rejectOperation);
  });
});
