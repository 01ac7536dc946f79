import { describe, expect, it } from 'vitest';
import type { GraphQLObjectType } from 'graphql';
import {
  compileToy, plannedText, renderSteps, rowName, toySchema, walkedLabels, type PrincipalShape,
} from './walk-harness.js';

// The path compiler: which response keys the walk builds for each runtime type (GraphQL spec
// section 6.3.2, CollectFields; section 3.13, @skip and @include), which selection sets lie on a
// guarded path, and what the planner is asked for. The notation of `steps` is described with
// renderSteps in walk-harness.ts: `key { ... }` is rebuilt, a bare `key` is passed on as fetched.

const T = '__concord_typename: __typename';
const F = '__concord_fact_id: id __concord_fact_dataClass: dataClass';

interface PathRow {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  principal?: PrincipalShape;
  /** The root's steps, for these variables. */
  steps: string;
  /** The planned document on one line; null when the client's own is planned. */
  planned?: string | null;
  /** The selection sets on a guarded path (walkedLabels). */
  walked?: string[];
  discrepancy?: string;
}

const SKIP_INCLUDE = 'query ($s: Boolean!, $i: Boolean!) { box { detail { hidden @skip(if: $s) note @include(if: $i) } } }';
const DEFAULTS = 'query ($s: Boolean = true, $i: Boolean = false) { box { detail { hidden @skip(if: $s) note @include(if: $i) n: note } } }';
const BOTH = 'query ($a: Boolean!, $b: Boolean!) { box { detail { hidden @skip(if: $a) @include(if: $b) note } } }';

const rows: PathRow[] = [
  {
    name: 'aliases name the steps; each reads its own field',
    query: '{ a: asset(id: "1") { t: title ... on Report { s: secret } } }',
    steps: '{ a:asset { on Report { t:title s:secret?open } on Chart { t:title } } }',
    planned: `{ a: asset(id: "1") { t: title ... on Report { s: secret ${F} } ${T} } }`,
    walked: ['query', 'a', 'on Report'],
  },
  {
    name: 'the same field under two aliases is two steps',
    query: '{ asset(id: "1") { ... on Report { x: secret y: secret } } }',
    steps: '{ asset { on Report { x:secret?open y:secret?open } on Chart {} } }',
  },
  {
    name: 'the same root field under two aliases: only the one with a guarded field below is rebuilt',
    query: '{ a: box { detail { hidden } } b: box { detail { note } } }',
    steps: '{ a:box { detail { hidden!AUTHENTICATION_REQUIRED } } b:box }',
    planned: '{ a: box { detail { __typename } } b: box { detail { note } } }',
    walked: ['query', 'a', 'detail'],
  },
  {
    name: 'fields merged from two fragments: one step with both nodes and both selection sets below',
    query: 'query { box { ...A ...B } } fragment A on Box { detail { note } } fragment B on Box { label detail { hidden } }',
    steps: '{ box { detail*2 { note hidden!AUTHENTICATION_REQUIRED } label } }',
    planned: '{ box { ...A ...B } } fragment A on Box { detail { note } } fragment B on Box { label detail { __typename } }',
    walked: ['query', 'box', 'fragment B', 'detail'],
  },
  {
    name: 'a named fragment spread twice is collected once',
    query: 'query { asset(id: "1") { ...R ...R } } fragment R on Report { secret }',
    steps: '{ asset { on Report { secret?open } on Chart {} } }',
    planned: `{ asset(id: "1") { ...R ...R ${T} } } fragment R on Report { secret ${F} }`,
  },
  {
    name: 'a fragment skipped at its first spread is collected at its second (@skip is read before visitedFragments)',
    query: 'query { box { ...F @skip(if: true) ...F } } fragment F on Box { detail { hidden } }',
    steps: '{ box { detail { hidden!AUTHENTICATION_REQUIRED } } }',
  },
  {
    name: 'a fragment collected at its first spread is not collected again at a second, excluded one',
    query: 'query { box { ...F ...F @include(if: false) } } fragment F on Box { detail { hidden } }',
    steps: '{ box { detail { hidden!AUTHENTICATION_REQUIRED } } }',
  },
  {
    name: 'an inline fragment without a type condition applies to every runtime type',
    query: '{ asset(id: "1") { ... { detail { hidden } } } }',
    steps: '{ asset { on Report { detail { hidden!AUTHENTICATION_REQUIRED } } on Chart { detail { hidden!AUTHENTICATION_REQUIRED } } } }',
    walked: ['query', 'asset', '...', 'detail'],
  },
  {
    name: 'type conditions on the interface and on one implementation, inside a union',
    query: '{ search { ... on Asset { summary } ... on Chart { caption } } }',
    steps: '{ search { on Report { summary?open|owner } on Chart { summary?open|owner caption!MISSING_SCOPES } on Person {} } }',
    planned: `{ search { ... on Asset { summary ${T} ${F} } ... on Chart { __typename } ${T} } }`,
  },
  {
    name: 'union members: a member without a guarded field keeps its fields, passed on as fetched',
    query: '{ search { ... on Person { name email } ... on Report { title pages } } }',
    steps: '{ search { on Report { title pages } on Chart {} on Person { name email!MISSING_SCOPES } } }',
    planned: `{ search { ... on Person { name } ... on Report { title pages } ${T} } }`,
    walked: ['query', 'search', 'on Person'],
  },
  {
    name: 'a fragment on the interface spread into a union',
    query: 'query { search { ...A } } fragment A on Asset { summary detail { sealed } }',
    steps: '{ search { on Report { summary?open|owner detail { sealed?open } } on Chart { summary?open|owner detail { sealed?open } } on Person {} } }',
    planned: `{ search { ...A ${T} } } fragment A on Asset { summary detail { sealed } ${T} ${F} }`,
  },
  {
    name: 'a fragment on the union, with members\' inline fragments inside',
    query: 'query { search { ...S } } fragment S on SearchResult { ... on Person { email } ... on Report { pages } }',
    steps: '{ search { on Report { pages } on Chart {} on Person { email!MISSING_SCOPES } } }',
    planned: `{ search { ...S ${T} } } fragment S on SearchResult { ... on Person { __typename } ... on Report { pages } ${T} }`,
  },
  {
    name: 'an inline fragment on the union inside an interface field applies to the members that implement it',
    query: '{ asset(id: "1") { ... on SearchResult { ... on Report { secret } } } }',
    steps: '{ asset { on Report { secret?open } on Chart {} } }',
    planned: `{ asset(id: "1") { ... on SearchResult { ... on Report { secret ${F} } ${T} } ${T} } }`,
  },
  {
    name: '@skip and @include with literals',
    query: '{ box { detail { hidden @skip(if: true) note @include(if: false) secret @include(if: true) label: note @skip(if: false) } } }',
    steps: '{ box { detail { secret!MISSING_SCOPES label:note } } }',
    planned: '{ box { detail { note @include(if: false) label: note @skip(if: false) } } }',
  },
  {
    name: '@skip and @include with variables: skip false, include true',
    query: SKIP_INCLUDE,
    variables: { s: false, i: true },
    steps: '{ box { detail { hidden!AUTHENTICATION_REQUIRED note } } }',
  },
  {
    name: '@skip and @include with variables: skip true, include false',
    query: SKIP_INCLUDE,
    variables: { s: true, i: false },
    steps: '{ box { detail {} } }',
  },
  {
    name: 'variables omitted: their defaults decide (skip true, include false)',
    query: DEFAULTS,
    steps: '{ box { detail { n:note } } }',
  },
  {
    name: 'a variable given overrides its default; the other keeps its own',
    query: DEFAULTS,
    variables: { s: false },
    steps: '{ box { detail { hidden!AUTHENTICATION_REQUIRED n:note } } }',
  },
  {
    name: 'both variables given against their defaults',
    query: DEFAULTS,
    variables: { s: true, i: true },
    steps: '{ box { detail { note n:note } } }',
  },
  {
    name: '@skip(false) and @include(true) together: included',
    query: BOTH,
    variables: { a: false, b: true },
    steps: '{ box { detail { hidden!AUTHENTICATION_REQUIRED note } } }',
  },
  {
    name: '@skip(true) and @include(true) together: skip wins',
    query: BOTH,
    variables: { a: true, b: true },
    steps: '{ box { detail { note } } }',
  },
  {
    name: '@skip(false) and @include(false) together: not included',
    query: BOTH,
    variables: { a: false, b: false },
    steps: '{ box { detail { note } } }',
  },
  {
    name: '@skip(true) and @include(false) together: not included',
    query: BOTH,
    variables: { a: true, b: false },
    steps: '{ box { detail { note } } }',
  },
  {
    name: '@include with a variable on a named fragment\'s field',
    query: 'query ($i: Boolean!) { box { ...F } } fragment F on Box { detail { hidden @include(if: $i) } }',
    variables: { i: false },
    steps: '{ box { detail {} } }',
  },
  {
    name: '@include with a variable on an inline fragment with a type condition',
    query: 'query ($r: Boolean!) { asset(id: "1") { ... on Report @include(if: $r) { secret } id } }',
    variables: { r: false },
    steps: '{ asset { on Report { id } on Chart { id } } }',
  },
  {
    name: '@skip on a fragment spread',
    query: 'query ($s: Boolean!) { asset(id: "1") { ...R @skip(if: $s) id } } fragment R on Report { secret }',
    variables: { s: false },
    steps: '{ asset { on Report { secret?open id } on Chart { id } } }',
  },
  {
    name: 'lists of lists: one step for the field, whatever the depth of the list',
    query: '{ grid { name secret } strictGrid { code } }',
    steps: '{ grid { name secret!MISSING_SCOPES } strictGrid }',
    planned: '{ grid { name } strictGrid { code } }',
  },
  {
    name: '__typename is a step of its own',
    query: '{ asset(id: "1") { __typename ... on Report { secret } } }',
    steps: '{ asset { on Report { __typename secret?open } on Chart { __typename } } }',
    planned: `{ asset(id: "1") { __typename ... on Report { secret ${F} } ${T} } }`,
  },
  {
    name: 'steps off the guarded path have no selection below',
    query: '{ box { label item { name } detail { note hidden } details { note } } tags people { name } }',
    steps: '{ box { label item detail { note hidden!AUTHENTICATION_REQUIRED } details } tags people }',
    planned: '{ box { label item { name } detail { note } details { note } } tags people { name } }',
    walked: ['query', 'box', 'detail'],
  },
  {
    name: 'a fragment spread into two places is compiled in each',
    query: 'query { asset(id: "1") { ...R } search { ...R } } fragment R on Report { secret }',
    steps: '{ asset { on Report { secret?open } on Chart {} } search { on Report { secret?open } on Chart {} on Person {} } }',
    planned: `{ asset(id: "1") { ...R ${T} } search { ...R ${T} } } fragment R on Report { secret ${F} }`,
    walked: ['query', 'asset', 'search', 'fragment R'],
  },
  {
    name: 'a governed entity below another',
    query: '{ asset(id: "1") { related { ... on Report { secret } } } }',
    steps: '{ asset { on Report { related { on Report { secret?open } on Chart {} } } on Chart { related { on Report { secret?open } on Chart {} } } } }',
    planned: `{ asset(id: "1") { related { ... on Report { secret ${F} } ${T} } ${T} ${F} } }`,
  },
  {
    name: 'guarded root fields',
    query: '{ tags auditLog motto }',
    steps: '{ tags auditLog!MISSING_SCOPES motto!MISSING_SCOPES }',
    planned: '{ tags }',
    walked: ['query'],
  },
  {
    name: 'a policy the gateway does not know is denied before planning',
    query: '{ asset(id: "1") { ... on Report { notes title } } }',
    steps: '{ asset { on Report { notes!POLICY_NOT_ENFORCEABLE?none title } on Chart {} } }',
    planned: `{ asset(id: "1") { ... on Report { title } ${T} } }`,
  },
  {
    name: 'a principal holding the scopes has nothing walked, and the client\'s document is planned',
    query: '{ box { detail { secret hidden } } people { email } }',
    principal: 'staff',
    steps: '{ box people }',
    planned: null,
    walked: [],
  },
  {
    name: 'per-entity fields stay walked for a principal holding every scope',
    query: '{ box { detail { secret } } asset(id: "1") { summary } }',
    principal: 'staff',
    steps: '{ box asset { on Report { summary?open|owner } on Chart { summary?open|owner } } }',
    planned: `{ box { detail { secret } } asset(id: "1") { summary ${T} ${F} } }`,
  },
  {
    name: 'the operation named by operationName is the one walked',
    query: 'query A { box { detail { hidden } } } query B { people { name email } }',
    operationName: 'B',
    steps: '{ people { name email!MISSING_SCOPES } }',
  },
];

describe('guarded paths: the steps of each runtime type', () => {
  it.each(rows.map((row) => ({ ...row, label: rowName(row) })))('$label', (row) => {
    const compiled = compileToy(row.query, { principal: row.principal, operationName: row.operationName });
    const walk = compiled.walkFor(row.variables);
    expect(walk?.type.name).toBe('Query');
    expect(renderSteps(walk!.selection, walk!.type)).toBe(row.steps);
    if (row.planned !== undefined) expect(plannedText(compiled)).toBe(row.planned);
    if (row.walked) expect(walkedLabels(compiled.analysis)).toEqual(row.walked);
  });
});

describe('guarded paths: compiled once, reused', () => {
  it('compiles each runtime type once per selection', () => {
    const compiled = compileToy('{ asset(id: "1") { ... on Report { secret } } }');
    const root = compiled.walkFor({})!;
    const [asset] = root.selection.stepsFor(root.type);
    const report = toySchema.getType('Report') as GraphQLObjectType;
    expect(asset!.below!.stepsFor(report)).toBe(asset!.below!.stepsFor(report));
    expect(root.selection.stepsFor(root.type)).toBe(root.selection.stepsFor(root.type));
  });

  it('keeps one walk per set of @skip/@include values, and tells them apart', () => {
    const compiled = compileToy(SKIP_INCLUDE);
    expect(compiled.analysis.conditionVariables).toEqual(['i', 's']);
    const first = compiled.walkFor({ s: false, i: true });
    expect(compiled.walkFor({ i: true, s: false })).toBe(first);
    expect(compiled.walkFor({ s: true, i: true })).not.toBe(first);
  });

  it('reads a variable left undefined as omitted, so its default applies', () => {
    const compiled = compileToy(DEFAULTS);
    const walk = compiled.walkFor({ s: undefined });
    expect(renderSteps(walk!.selection, walk!.type)).toBe('{ box { detail { n:note } } }');
  });
});
