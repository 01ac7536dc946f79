import { describe, expect, it } from 'vitest';
import { buildASTSchema, parse, print, type FieldNode } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { prepareSupergraph } from '../../../../gateway/authz/authorization-plan.js';
import { authorizeOperation, TYPENAME_KEY } from '../../../../gateway/authz/operation-authorizer.js';
import type { EnforcementMode } from '../../../../gateway/authz/enforcement-mode.js';
import { NO_POLICIES } from '../../../../gateway/authz/authorization-policies.js';
import { ANONYMOUS } from '../../../../schema/policy/principal.js';
import { composeToySupergraph } from '../../../harness/toy-supergraph.js';
import { readFileSync } from 'node:fs';
import { repositoryPath } from '../../../../schema/repository-files.js';

function setup(supergraph: string) {
  const { plan, executableSupergraphSdl } = prepareSupergraph(supergraph);
  const schema = Supergraph.build(executableSupergraphSdl).apiSchema().toGraphQLJSSchema();
  return (query: string, mode: EnforcementMode = 'filter') => {
    const result = authorizeOperation({ schema, document: parse(query), plan, principal: ANONYMOUS, policies: NO_POLICIES, mode });
    return { ...result, printed: print(result.document).replace(/\s+/g, ' ').trim() };
  };
}

const toy = setup(composeToySupergraph({ stations: 'http://s/graphql', readings: 'http://r/graphql' }));
const catalog = setup(readFileSync(repositoryPath('schema/supergraph.graphql'), 'utf8'));

describe('operation authorizer (anonymous principal)', () => {
  it.each([
    { name: 'public fields pass untouched', query: '{ stations { code name latest { celsius } } }', planned: '{ stations { code name latest { celsius } } }', denied: [] },
    { name: 'scoped field removed', query: '{ stations { code operatorNote } }', planned: '{ stations { code } }', denied: ['operatorNote'] },
    { name: 'aliased field removed by its alias', query: '{ stations { n: operatorNote code } }', planned: '{ stations { code } }', denied: ['operatorNote'] },
    { name: 'emptied selection asks for __typename', query: '{ station(code: "OSL") { operatorNote calibration { at } } }', planned: '{ station(code: "OSL") { __typename } }', denied: ['operatorNote', 'calibration'] },
    { name: 'guarded root field removed', query: '{ operators { name } stations { code } }', planned: '{ stations { code } }', denied: ['operators'] },
    { name: 'type-level @authenticated via a field returning it', query: '{ stations { operator { name } } }', planned: '{ stations { __typename } }', denied: ['operator'] },
    { name: 'inside a named fragment', query: 'query { stations { ...S } } fragment S on Station { code operatorNote }', planned: '{ stations { ...S } } fragment S on Station { code }', denied: ['operatorNote'] },
    { name: 'inside an inline fragment with @include', query: 'query($i: Boolean!) { stations { ... on Station @include(if: $i) { operatorNote } code } }', planned: 'query ($i: Boolean!) { stations { ... on Station @include(if: $i) { __typename } code } }', denied: ['operatorNote'] },
  ])('$name', ({ query, planned, denied }) => {
    const result = toy(query);
    expect(result.printed).toBe(planned);
    expect([...result.denials.keys()].map((n: FieldNode) => n.name.value)).toEqual(denied);
  });

  it('returns the very same document when nothing is guarded, so no second pass runs', () => {
    const document = parse('{ stations { code } }');
    const { plan, executableSupergraphSdl } = prepareSupergraph(composeToySupergraph({ stations: 'http://s/graphql', readings: 'http://r/graphql' }));
    const schema = Supergraph.build(executableSupergraphSdl).apiSchema().toGraphQLJSSchema();
    expect(authorizeOperation({ schema, document, plan, principal: ANONYMOUS, policies: NO_POLICIES, mode: 'filter' }).document).toBe(document);
  });

  it('asks for the runtime type of interface selections when it prunes', () => {
    const result = catalog('{ datasets(first: 2) { edges { node { id contactPoint { name } } } } }');
    expect(result.printed).toBe(`{ datasets(first: 2) { edges { node { id ${TYPENAME_KEY}: __typename } } } }`);
  });

  it('denies every catalog field guarded by a policy until policies exist', () => {
    const result = catalog('{ dataset(id: "x") { sampleRecords retention { basis } distributions { mediaType accessUrl downloadUrl } licence { id royalty { ratePercent } } } }');
    expect([...result.denials.values()].map((d) => d.policy).sort()).toEqual([
      'dataset:access', 'dataset:access', 'dataset:retention-schedule', 'dataset:sample-records', 'licence:royalty-terms',
    ]);
    expect(result.printed).not.toMatch(/sampleRecords|retention|accessUrl|downloadUrl|royalty/);
  });
});

// AUTHZ_MODE at the static stage (gateway/authz/enforcement-mode.ts): a static denial is pruned in
// every mode, dry-run included (@authenticated and @requiresScopes hold in every mode), and only
// reject also rejects the operation, which the gateway then does before planning.
describe('operation authorizer, by mode', () => {
  it.each<{ mode: EnforcementMode; query: string; planned: string; rejectOperation: boolean }>([
    { mode: 'filter', query: '{ stations { code operatorNote } }', planned: '{ stations { code } }', rejectOperation: false },
    { mode: 'dry-run', query: '{ stations { code operatorNote } }', planned: '{ stations { code } }', rejectOperation: false },
    { mode: 'reject', query: '{ stations { code operatorNote } }', planned: '{ stations { code } }', rejectOperation: true },
    { mode: 'reject', query: '{ stations { code } }', planned: '{ stations { code } }', rejectOperation: false },
  ])('$mode, $query -> planned $planned, rejectOperation: $rejectOperation', ({ mode, query, planned, rejectOperation }) => {
    const result = toy(query, mode);
    expect(result.printed).toBe(planned);
    expect(result.rejectOperation).toBe(rejectOperation);
  });
});

void buildASTSchema;
