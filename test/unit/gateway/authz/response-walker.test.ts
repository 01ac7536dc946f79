import { describe, expect, it } from 'vitest';
import {
  at, expectAsPlanned, keyOrder, plannedText, rowName, sortedErrors, walkToy, type ExpectedError, type WalkRow,
} from './walk-harness.js';

// The response walk (ARCHITECTURE.md "Per-entity decisions"): withheld fields answer null with an
// error at their path; a null where the schema forbids one moves up to the nearest nullable
// position (GraphQL spec section 6.4.4, "Handling Field Errors"); the keys the gateway adds for
// itself never leave; everything off the guarded paths is passed on as fetched. Each row's fetched
// data is checked to be exactly what a planner returns for the planned document (expectAsPlanned).

const T = '__concord_typename: __typename';
const F = '__concord_fact_id: id __concord_fact_dataClass: dataClass';
const UNAUTHORIZED = 'UNAUTHORIZED_FIELD_OR_TYPE';

function denied(path: (string | number)[], reason: string): ExpectedError {
  return { path, code: UNAUTHORIZED, reason };
}

function nonNull(path: (string | number)[], coordinate: string): ExpectedError {
  return { path, message: `Cannot return null for non-nullable field ${coordinate}.` };
}

/** A fetched Asset's facts, under the reserved aliases the planned document gives them. */
function facts(id: string, dataClass: string): Record<string, unknown> {
  return { __concord_fact_id: id, __concord_fact_dataClass: dataClass };
}

const nullingRows: WalkRow[] = [
  {
    name: 'a withheld field is null with its error at its path, list indices and aliases included',
    query: '{ shelf: boxes { label d: detail { n: note h: hidden } } }',
    planned: '{ shelf: boxes { label d: detail { n: note } } }',
    fetched: { shelf: [{ label: 'A', d: { n: 'a' } }, null, { label: 'C', d: { n: 'c' } }] },
    data: { shelf: [{ label: 'A', d: { n: 'a', h: null } }, null, { label: 'C', d: { n: 'c', h: null } }] },
    errors: [denied(['shelf', 0, 'd', 'h'], 'AUTHENTICATION_REQUIRED'), denied(['shelf', 2, 'd', 'h'], 'AUTHENTICATION_REQUIRED')],
  },
  {
    name: 'a withheld non-null field nulls its parent, and the non-null parent the nullable list item',
    query: '{ boxes { label detail { secret } } }',
    planned: '{ boxes { label detail { __typename } } }',
    fetched: { boxes: [{ label: 'A', detail: { __typename: 'Detail' } }, { label: 'B', detail: { __typename: 'Detail' } }] },
    data: { boxes: [null, null] },
    errors: [denied(['boxes', 0, 'detail', 'secret'], 'MISSING_SCOPES'), denied(['boxes', 1, 'detail', 'secret'], 'MISSING_SCOPES')],
  },
  {
    name: 'a withheld non-null field nulls its parent up to the nearest nullable field',
    query: '{ box { label detail { note secret } } tags }',
    planned: '{ box { label detail { note } } tags }',
    fetched: { box: { label: 'A', detail: { note: 'n' } }, tags: ['x'] },
    data: { box: null, tags: ['x'] },
    errors: [denied(['box', 'detail', 'secret'], 'MISSING_SCOPES')],
  },
  {
    name: 'everything non-null up to the root: data is null',
    query: '{ requiredBox { detail { secret } } tags }',
    planned: '{ requiredBox { detail { __typename } } tags }',
    fetched: { requiredBox: { detail: { __typename: 'Detail' } }, tags: null },
    data: null,
    errors: [denied(['requiredBox', 'detail', 'secret'], 'MISSING_SCOPES')],
  },
  {
    name: 'a non-null item of a non-null list, up to the root: data is null',
    query: '{ strictBoxes { detail { secret } } tags }',
    planned: '{ strictBoxes { detail { __typename } } tags }',
    fetched: { strictBoxes: [{ detail: { __typename: 'Detail' } }], tags: ['x'] },
    data: null,
    errors: [denied(['strictBoxes', 0, 'detail', 'secret'], 'MISSING_SCOPES')],
  },
  {
    name: 'a withheld non-null root field: data is null',
    query: '{ tags motto }',
    planned: '{ tags }',
    fetched: { tags: ['x'] },
    data: null,
    errors: [denied(['motto'], 'MISSING_SCOPES')],
  },
  {
    name: 'a non-null item nulls its whole nullable list, with one error: the first item stops the list',
    query: '{ box { details { note secret } } }',
    planned: '{ box { details { note } } }',
    fetched: { box: { details: [{ note: 'a' }, { note: 'b' }] } },
    data: { box: { details: null } },
    errors: [denied(['box', 'details', 0, 'secret'], 'MISSING_SCOPES')],
  },
  {
    name: 'nullable items of a list are nulled one by one',
    query: '{ box { maybeDetails { note secret } } }',
    planned: '{ box { maybeDetails { note } } }',
    fetched: { box: { maybeDetails: [{ note: 'a' }, null, { note: 'c' }] } },
    data: { box: { maybeDetails: [null, null, null] } },
    errors: [denied(['box', 'maybeDetails', 0, 'secret'], 'MISSING_SCOPES'), denied(['box', 'maybeDetails', 2, 'secret'], 'MISSING_SCOPES')],
  },
  {
    name: 'lists of lists of nullable items: each item nulled at its two indices',
    query: '{ grid { name secret } }',
    planned: '{ grid { name } }',
    fetched: { grid: [[{ name: 'a' }, null], null, [{ name: 'c' }]] },
    data: { grid: [[null, null], null, [null]] },
    errors: [denied(['grid', 0, 0, 'secret'], 'MISSING_SCOPES'), denied(['grid', 2, 0, 'secret'], 'MISSING_SCOPES')],
  },
  {
    name: 'lists of non-null lists of non-null items: the null reaches the nullable field',
    query: '{ strictGrid { name secret } tags }',
    planned: '{ strictGrid { name } tags }',
    fetched: { strictGrid: [[{ name: 'a' }, { name: 'b' }], [{ name: 'c' }]], tags: [] },
    data: { strictGrid: null, tags: [] },
    errors: [denied(['strictGrid', 0, 0, 'secret'], 'MISSING_SCOPES')],
  },
  {
    name: 'lists of lists allowed in full are rebuilt unchanged',
    query: '{ grid { name code } box { detail { hidden } } }',
    planned: '{ grid { name code } box { detail { __typename } } }',
    fetched: { grid: [[{ name: 'a', code: '1' }], []], box: { detail: { __typename: 'Detail' } } },
    data: { grid: [[{ name: 'a', code: '1' }], []], box: { detail: { hidden: null } } },
    errors: [denied(['box', 'detail', 'hidden'], 'AUTHENTICATION_REQUIRED')],
    identical: [['grid']],
  },
  {
    name: 'a withheld nullable field before a withheld non-null one keeps its error',
    query: '{ box { detail { hidden secret } } }',
    planned: '{ box { detail { __typename } } }',
    fetched: { box: { detail: { __typename: 'Detail' } } },
    data: { box: null },
    errors: [denied(['box', 'detail', 'hidden'], 'AUTHENTICATION_REQUIRED'), denied(['box', 'detail', 'secret'], 'MISSING_SCOPES')],
  },
  {
    name: 'fields after a withheld non-null field in the nulled object are not decided (as graphql-js stops there)',
    query: '{ box { detail { secret hidden } } }',
    planned: '{ box { detail { __typename } } }',
    fetched: { box: { detail: { __typename: 'Detail' } } },
    data: { box: null },
    errors: [denied(['box', 'detail', 'secret'], 'MISSING_SCOPES')],
  },
  {
    name: 'a per-entity denial of a non-null field nulls the nullable list item',
    query: '{ assets { title ... on Report { secret } } }',
    planned: `{ assets { title ... on Report { secret ${F} } ${T} } }`,
    fetched: {
      assets: [
        { title: 'R1', secret: 's1', ...facts('r1', 'PUBLIC'), __concord_typename: 'Report' },
        { title: 'C1', __concord_typename: 'Chart' },
        { title: 'R2', secret: 's2', ...facts('r2', 'PROPRIETARY'), __concord_typename: 'Report' },
      ],
    },
    data: { assets: [{ title: 'R1', secret: 's1' }, { title: 'C1' }, null] },
    errors: [denied(['assets', 2, 'secret'], 'NO_ACTIVE_GRANT')],
  },
  {
    name: 'a per-entity denial of a non-null field on a non-null root entity: data is null',
    query: '{ requiredAsset { ... on Report { secret } } tags }',
    planned: `{ requiredAsset { ... on Report { secret ${F} } ${T} } tags }`,
    fetched: { requiredAsset: { secret: 's', ...facts('r2', 'PROPRIETARY'), __concord_typename: 'Report' }, tags: ['x'] },
    data: null,
    errors: [denied(['requiredAsset', 'secret'], 'NO_ACTIVE_GRANT')],
  },
  {
    name: 'a non-null entity in a non-null list: the null reaches the root',
    query: '{ strictAssets { ... on Report { secret } } }',
    planned: `{ strictAssets { ... on Report { secret ${F} } ${T} } }`,
    fetched: {
      strictAssets: [
        { secret: 's1', ...facts('r1', 'PUBLIC'), __concord_typename: 'Report' },
        { secret: 's2', ...facts('r2', 'PROPRIETARY'), __concord_typename: 'Report' },
      ],
    },
    data: null,
    errors: [denied(['strictAssets', 1, 'secret'], 'NO_ACTIVE_GRANT')],
  },
  {
    name: 'a null the planner let through where the schema forbids one moves up, with its own error',
    query: '{ box { label detail { hidden } } }',
    planned: '{ box { label detail { __typename } } }',
    fetched: { box: { label: 'L', detail: null } },
    notAsPlanned: 'a subgraph answered null for a non-null field',
    data: { box: null },
    errors: [nonNull(['box', 'detail'], 'Box.detail')],
  },
];

const keyRows: WalkRow[] = [
  {
    name: 'the facts and the runtime type fetched for the walk never appear in the output',
    query: '{ asset(id: "r1") { title ... on Report { secret } } }',
    planned: `{ asset(id: "r1") { title ... on Report { secret ${F} } ${T} } }`,
    fetched: { asset: { title: 'R1', secret: 's', ...facts('r1', 'PUBLIC'), __concord_typename: 'Report' } },
    data: { asset: { title: 'R1', secret: 's' } },
  },
  {
    name: '__typename asked by the client is answered; the gateway\'s own type name is not',
    query: '{ assets { __typename ... on Report { secret } } }',
    planned: `{ assets { __typename ... on Report { secret ${F} } ${T} } }`,
    fetched: {
      assets: [
        { __typename: 'Report', secret: 's', ...facts('r1', 'PUBLIC'), __concord_typename: 'Report' },
        { __typename: 'Chart', __concord_typename: 'Chart' },
      ],
    },
    data: { assets: [{ __typename: 'Report', secret: 's' }, { __typename: 'Chart' }] },
  },
  {
    name: '__typename under an alias answers the runtime type',
    query: '{ asset(id: "r1") { kind: __typename ... on Report { secret } } }',
    planned: `{ asset(id: "r1") { kind: __typename ... on Report { secret ${F} } ${T} } }`,
    fetched: { asset: { kind: 'Report', secret: 's', ...facts('r1', 'PUBLIC'), __concord_typename: 'Report' } },
    data: { asset: { kind: 'Report', secret: 's' } },
  },
  {
    name: '__typename on the root answers the root type',
    query: '{ __typename box { detail { hidden } } }',
    planned: '{ __typename box { detail { __typename } } }',
    fetched: { __typename: 'Query', box: { detail: { __typename: 'Detail' } } },
    data: { __typename: 'Query', box: { detail: { hidden: null } } },
    errors: [denied(['box', 'detail', 'hidden'], 'AUTHENTICATION_REQUIRED')],
  },
  {
    name: 'the __typename that fills a selection set emptied by pruning does not appear',
    query: '{ box { detail { hidden } } }',
    planned: '{ box { detail { __typename } } }',
    fetched: { box: { detail: { __typename: 'Detail' } } },
    data: { box: { detail: { hidden: null } } },
    errors: [denied(['box', 'detail', 'hidden'], 'AUTHENTICATION_REQUIRED')],
  },
  {
    name: 'unless the client asked for __typename there too',
    query: '{ box { detail { hidden __typename } } }',
    planned: '{ box { detail { __typename } } }',
    fetched: { box: { detail: { __typename: 'Detail' } } },
    data: { box: { detail: { hidden: null, __typename: 'Detail' } } },
    errors: [denied(['box', 'detail', 'hidden'], 'AUTHENTICATION_REQUIRED')],
  },
  {
    name: 'a root emptied by pruning answers each withheld field, never the __typename asked in their place',
    query: '{ auditLog }',
    planned: '{ __typename }',
    fetched: { __typename: 'Query' },
    data: { auditLog: null },
    errors: [denied(['auditLog'], 'MISSING_SCOPES')],
  },
  {
    name: 'an emptied union member answers its withheld field and not the __typename asked in its place',
    query: '{ search { ... on Report { secret } ... on Person { email } ... on Chart { title } } }',
    planned: `{ search { ... on Report { secret ${F} } ... on Person { __typename } ... on Chart { title } ${T} } }`,
    fetched: {
      search: [
        { secret: 's', ...facts('r1', 'PUBLIC'), __concord_typename: 'Report' },
        { __typename: 'Person', __concord_typename: 'Person' },
        { title: 'C', __concord_typename: 'Chart' },
      ],
    },
    data: { search: [{ secret: 's' }, { email: null }, { title: 'C' }] },
    errors: [denied(['search', 1, 'email'], 'MISSING_SCOPES')],
  },
  {
    name: 'key order follows the client\'s operation, not the planned document\'s',
    query: '{ asset(id: "r1") { ... on Report { secret } title id } }',
    planned: `{ asset(id: "r1") { ... on Report { secret ${F} } title id ${T} } }`,
    fetched: { asset: { secret: 's', ...facts('r1', 'PUBLIC'), title: 'R1', id: 'r1', __concord_typename: 'Report' } },
    data: { asset: { secret: 's', title: 'R1', id: 'r1' } },
  },
  {
    name: 'key order of fields merged from fragments is the order CollectFields first meets them',
    query: 'query { box { ...A label ...B } } fragment A on Box { detail { note } } fragment B on Box { label item { name } detail { hidden } }',
    planned: '{ box { ...A label ...B } } fragment A on Box { detail { note } } fragment B on Box { label item { name } detail { __typename } }',
    fetched: { box: { detail: { note: 'n', __typename: 'Detail' }, label: 'L', item: { name: 'i' } } },
    data: { box: { detail: { note: 'n', hidden: null }, label: 'L', item: { name: 'i' } } },
    errors: [denied(['box', 'detail', 'hidden'], 'AUTHENTICATION_REQUIRED')],
    identical: [['box', 'item']],
  },
  {
    name: 'a static denial inside an otherwise unguarded object takes its place in the order',
    query: '{ people { name email phone } }',
    planned: '{ people { name phone } }',
    fetched: { people: [{ name: 'Ann', phone: '1' }, null] },
    data: { people: [{ name: 'Ann', email: null, phone: '1' }, null] },
    errors: [denied(['people', 0, 'email'], 'MISSING_SCOPES')],
  },
  {
    name: 'a withheld root field takes its place among the root fields',
    query: '{ tags auditLog people { name } }',
    planned: '{ tags people { name } }',
    fetched: { tags: ['x'], people: [] },
    data: { tags: ['x'], auditLog: null, people: [] },
    errors: [denied(['auditLog'], 'MISSING_SCOPES')],
    identical: [['tags'], ['people']],
  },
  {
    name: 'objects off the guarded path are the objects fetched',
    query: '{ box { label item { name code } detail { note hidden } details { note } } people { name } search { ... on Person { name } } }',
    planned: '{ box { label item { name code } detail { note } details { note } } people { name } search { ... on Person { name } } }',
    fetched: {
      box: { label: 'L', item: { name: 'i', code: '1' }, detail: { note: 'n' }, details: [{ note: 'a' }] },
      people: [{ name: 'Ann' }],
      search: [{ name: 'Bob' }],
    },
    data: {
      box: { label: 'L', item: { name: 'i', code: '1' }, detail: { note: 'n', hidden: null }, details: [{ note: 'a' }] },
      people: [{ name: 'Ann' }],
      search: [{ name: 'Bob' }],
    },
    errors: [denied(['box', 'detail', 'hidden'], 'AUTHENTICATION_REQUIRED')],
    identical: [['box', 'item'], ['box', 'details'], ['people'], ['search']],
  },
  {
    name: 'the same root field under two aliases: the unguarded one is the object fetched',
    query: '{ a: box { detail { hidden } } b: box { detail { note } } }',
    planned: '{ a: box { detail { __typename } } b: box { detail { note } } }',
    fetched: { a: { detail: { __typename: 'Detail' } }, b: { detail: { note: 'n' } } },
    data: { a: { detail: { hidden: null } }, b: { detail: { note: 'n' } } },
    errors: [denied(['a', 'detail', 'hidden'], 'AUTHENTICATION_REQUIRED')],
    identical: [['b']],
  },
];

const conditionRows: WalkRow[] = [
  {
    name: '@include(if: $v) false: the guarded field is not in the response at all',
    query: 'query ($v: Boolean!) { box { detail { note secret @include(if: $v) } } }',
    variables: { v: false },
    planned: 'query ($v: Boolean!) { box { detail { note } } }',
    fetched: { box: { detail: { note: 'n' } } },
    data: { box: { detail: { note: 'n' } } },
  },
  {
    name: '@include(if: $v) true: the guarded non-null field nulls its parent',
    query: 'query ($v: Boolean!) { box { detail { note secret @include(if: $v) } } }',
    variables: { v: true },
    fetched: { box: { detail: { note: 'n' } } },
    data: { box: null },
    errors: [denied(['box', 'detail', 'secret'], 'MISSING_SCOPES')],
  },
  {
    name: 'a variable omitted takes its default: @skip(if: $v = true) leaves the field out',
    query: 'query ($v: Boolean = true) { box { detail { note secret @skip(if: $v) } } }',
    fetched: { box: { detail: { note: 'n' } } },
    data: { box: { detail: { note: 'n' } } },
  },
  {
    name: 'a variable given overrides its default: @skip(if: $v = true) with v false',
    query: 'query ($v: Boolean = true) { box { detail { note secret @skip(if: $v) } } }',
    variables: { v: false },
    fetched: { box: { detail: { note: 'n' } } },
    data: { box: null },
    errors: [denied(['box', 'detail', 'secret'], 'MISSING_SCOPES')],
  },
  {
    name: '@skip and @include together on one field, skip true: left out',
    query: 'query ($s: Boolean!, $i: Boolean!) { box { detail { hidden @skip(if: $s) @include(if: $i) note } } }',
    variables: { s: true, i: true },
    fetched: { box: { detail: { note: 'n' } } },
    data: { box: { detail: { note: 'n' } } },
  },
  {
    name: '@skip on a fragment spread with per-entity fields, skip false',
    query: 'query ($s: Boolean!) { asset(id: "r1") { ...R @skip(if: $s) id } } fragment R on Report { secret }',
    variables: { s: false },
    planned: `query ($s: Boolean!) { asset(id: "r1") { ...R @skip(if: $s) id ${T} } } fragment R on Report { secret ${F} }`,
    fetched: { asset: { secret: 's', ...facts('r1', 'PUBLIC'), id: 'r1', __concord_typename: 'Report' } },
    data: { asset: { secret: 's', id: 'r1' } },
    calls: { open: 1 },
  },
  {
    name: 'the operation named by operationName is the one walked',
    query: 'query A { box { detail { hidden } } } query B { people { name email } }',
    operationName: 'B',
    fetched: { people: [{ name: 'Ann' }] },
    data: { people: [{ name: 'Ann', email: null }] },
    errors: [denied(['people', 0, 'email'], 'MISSING_SCOPES')],
  },
];

const decisionRows: WalkRow[] = [
  {
    name: 'a per-entity decision is made once per entity and alternatives, however many aliases ask, and recorded for each',
    query: '{ asset(id: "r1") { ... on Report { a: secret b: secret c: secret } } }',
    planned: `{ asset(id: "r1") { ... on Report { a: secret b: secret c: secret ${F} } ${T} } }`,
    fetched: { asset: { a: 's', b: 's', c: 's', ...facts('r1', 'PUBLIC'), __concord_typename: 'Report' } },
    data: { asset: { a: 's', b: 's', c: 's' } },
    calls: { open: 1 },
    decisions: [
      { coordinate: 'Report.secret', outcome: 'allow' },
      { coordinate: 'Report.secret', outcome: 'allow' },
      { coordinate: 'Report.secret', outcome: 'allow' },
    ],
  },
  {
    name: 'two fields demanding the same alternatives share one decision per entity',
    query: '{ asset(id: "r1") { ... on Report { secret detail { sealed } } } }',
    planned: `{ asset(id: "r1") { ... on Report { secret detail { sealed } ${F} } ${T} } }`,
    fetched: { asset: { secret: 's', detail: { sealed: 'x' }, ...facts('r1', 'PUBLIC'), __concord_typename: 'Report' } },
    data: { asset: { secret: 's', detail: { sealed: 'x' } } },
    calls: { open: 1 },
    decisions: [{ coordinate: 'Report.secret', outcome: 'allow' }, { coordinate: 'Detail.sealed', outcome: 'allow' }],
  },
  {
    name: 'the same field of two entities is decided once for each',
    query: '{ assets { ... on Report { secret } } }',
    fetched: {
      assets: [
        { secret: 's1', ...facts('r1', 'PUBLIC'), __concord_typename: 'Report' },
        { secret: 's3', ...facts('r3', 'PUBLIC'), __concord_typename: 'Report' },
      ],
    },
    data: { assets: [{ secret: 's1' }, { secret: 's3' }] },
    calls: { open: 2 },
  },
  {
    name: 'a denial asked under three aliases stops at the first, as the field is non-null',
    query: '{ asset(id: "r2") { ... on Report { a: secret b: secret c: secret } } }',
    fetched: { asset: { a: 's', b: 's', c: 's', ...facts('r2', 'PROPRIETARY'), __concord_typename: 'Report' } },
    data: { asset: null },
    errors: [denied(['asset', 'a'], 'NO_ACTIVE_GRANT')],
    decisions: [{ coordinate: 'Report.secret', outcome: 'deny', reason: 'NO_ACTIVE_GRANT' }],
  },
  {
    name: 'a field below an entity is decided with the entity\'s facts',
    query: '{ assets { detail { sealed } } }',
    planned: `{ assets { detail { sealed } ${T} ${F} } }`,
    fetched: {
      assets: [
        { detail: { sealed: 'x' }, __concord_typename: 'Chart', ...facts('c1', 'PUBLIC') },
        { detail: { sealed: 'y' }, __concord_typename: 'Report', ...facts('r2', 'PROPRIETARY') },
      ],
    },
    data: { assets: [{ detail: { sealed: 'x' } }, { detail: { sealed: null } }] },
    errors: [denied(['assets', 1, 'detail', 'sealed'], 'NO_ACTIVE_GRANT')],
    calls: { open: 2 },
  },
  {
    name: 'the first alternative denies, the second allows: served',
    query: '{ asset(id: "r2") { summary } }',
    principal: 'owner',
    fetched: { asset: { summary: 'S', __concord_typename: 'Report', ...facts('r2', 'PROPRIETARY') } },
    data: { asset: { summary: 'S' } },
    calls: { open: 1, owner: 1 },
  },
  {
    name: 'an entity whose facts cannot be read denies with NO_GOVERNANCE_FACTS, and no policy runs',
    query: '{ asset(id: "x") { title summary } }',
    planned: `{ asset(id: "x") { title summary ${T} ${F} } }`,
    fetched: { asset: { title: 'X', summary: 'S', __concord_typename: 'Chart', ...facts('x', 'MYSTERY') } },
    data: { asset: { title: 'X', summary: null } },
    errors: [denied(['asset', 'summary'], 'NO_GOVERNANCE_FACTS')],
    calls: { open: 0, owner: 0 },
    decisions: [{ coordinate: 'Chart.summary', outcome: 'deny', reason: 'NO_GOVERNANCE_FACTS' }],
  },
  {
    name: 'a per-entity field with no governed entity above it denies with NO_GOVERNANCE_FACTS',
    query: '{ box { detail { note sealed } } }',
    planned: '{ box { detail { note sealed } } }',
    fetched: { box: { detail: { note: 'n', sealed: 'x' } } },
    data: { box: { detail: { note: 'n', sealed: null } } },
    errors: [denied(['box', 'detail', 'sealed'], 'NO_GOVERNANCE_FACTS')],
    calls: { open: 0 },
  },
  {
    name: 'a governed entity whose own facts cannot be read, below one whose facts can, denies with NO_GOVERNANCE_FACTS',
    query: '{ asset(id: "r1") { related { ... on Report { secret } } } }',
    planned: `{ asset(id: "r1") { related { ... on Report { secret ${F} } ${T} } ${T} ${F} } }`,
    fetched: {
      asset: {
        related: { secret: 's9', ...facts('r9', 'MYSTERY'), __concord_typename: 'Report' },
        __concord_typename: 'Report', ...facts('r1', 'PUBLIC'),
      },
    },
    data: { asset: { related: null } },
    errors: [denied(['asset', 'related', 'secret'], 'NO_GOVERNANCE_FACTS')],
  },
  {
    name: 'grants that could not be read deny with GRANTS_UNAVAILABLE, and no policy runs',
    query: '{ asset(id: "r1") { summary title } }',
    grantsUnreadable: true,
    fetched: { asset: { summary: 'S', title: 'R1', __concord_typename: 'Report', ...facts('r1', 'PUBLIC') } },
    data: { asset: { summary: null, title: 'R1' } },
    errors: [denied(['asset', 'summary'], 'GRANTS_UNAVAILABLE')],
    calls: { open: 0, owner: 0 },
  },
  {
    name: 'a policy that throws denies with POLICY_ERROR',
    query: '{ asset(id: "r1") { ... on Report { audit pages } } }',
    planned: `{ asset(id: "r1") { ... on Report { audit pages ${F} } ${T} } }`,
    fetched: { asset: { audit: 'A', pages: 3, ...facts('r1', 'PUBLIC'), __concord_typename: 'Report' } },
    data: { asset: { audit: null, pages: 3 } },
    errors: [denied(['asset', 'audit'], 'POLICY_ERROR')],
    calls: { explosive: 1 },
  },
  {
    name: 'a policy unknown to the gateway is denied before planning, and stays denied in the walk',
    query: '{ asset(id: "r1") { ... on Report { notes title } } }',
    planned: `{ asset(id: "r1") { ... on Report { title } ${T} } }`,
    fetched: { asset: { title: 'R1', __concord_typename: 'Report' } },
    data: { asset: { notes: null, title: 'R1' } },
    errors: [denied(['asset', 'notes'], 'POLICY_NOT_ENFORCEABLE')],
  },
  {
    name: 'dry-run serves what a policy denies and records would-deny',
    query: '{ asset(id: "r2") { ... on Report { secret } summary } }',
    principal: 'member',
    mode: 'dry-run',
    fetched: { asset: { secret: 's', ...facts('r2', 'PROPRIETARY'), summary: 'S', __concord_typename: 'Report' } },
    data: { asset: { secret: 's', summary: 'S' } },
    errors: [],
    decisions: [
      { coordinate: 'Report.secret', outcome: 'would-deny', reason: 'NO_ACTIVE_GRANT' },
      { coordinate: 'Report.summary', outcome: 'would-deny', reason: 'NO_ACTIVE_GRANT' },
    ],
  },
  {
    name: 'dry-run still withholds what a scope or authentication guards',
    query: '{ box { detail { hidden note } } }',
    mode: 'dry-run',
    fetched: { box: { detail: { note: 'n' } } },
    data: { box: { detail: { hidden: null, note: 'n' } } },
    errors: [denied(['box', 'detail', 'hidden'], 'AUTHENTICATION_REQUIRED')],
  },
  {
    name: 'dry-run still withholds a field whose policy threw (a fault, not a decision)',
    query: '{ asset(id: "r1") { ... on Report { audit } } }',
    mode: 'dry-run',
    fetched: { asset: { audit: 'A', ...facts('r1', 'PUBLIC'), __concord_typename: 'Report' } },
    data: { asset: { audit: null } },
    errors: [denied(['asset', 'audit'], 'POLICY_ERROR')],
  },
  {
    name: 'dry-run still withholds a field whose grants could not be read',
    query: '{ asset(id: "r1") { summary title } }',
    mode: 'dry-run',
    grantsUnreadable: true,
    fetched: { asset: { summary: 'S', title: 'R1', __concord_typename: 'Report', ...facts('r1', 'PUBLIC') } },
    data: { asset: { summary: null, title: 'R1' } },
    errors: [denied(['asset', 'summary'], 'GRANTS_UNAVAILABLE')],
  },
  {
    name: 'dry-run still withholds a field of an entity whose facts cannot be read',
    query: '{ asset(id: "x") { summary } }',
    mode: 'dry-run',
    fetched: { asset: { summary: 'S', __concord_typename: 'Chart', ...facts('x', 'MYSTERY') } },
    data: { asset: { summary: null } },
    errors: [denied(['asset', 'summary'], 'NO_GOVERNANCE_FACTS')],
  },
];

function check(row: WalkRow): void {
  const outcome = walkToy(row);
  if (row.planned !== undefined) expect(plannedText(outcome.compiled)).toBe(row.planned);
  if (!row.notAsPlanned) expectAsPlanned(row, outcome.compiled);
  expect(outcome.data).toEqual(row.data);
  expect(keyOrder(outcome.data)).toEqual(keyOrder(row.data));
  const expectedErrors = sortedErrors(row.errors ?? []).map((e) => (e.message ? { ...e, message: expect.stringContaining(e.message) } : e));
  expect(sortedErrors(outcome.errors)).toEqual(expectedErrors);
  expect(outcome.denied).toBe(outcome.errors.filter((e) => e.code === UNAUTHORIZED).length);
  for (const path of row.identical ?? []) expect(at(outcome.data, path), `data.${path.join('.')}`).toBe(at(row.fetched, path));
  if (row.calls) expect(outcome.calls).toMatchObject(row.calls);
  if (row.decisions) {
    expect(outcome.decisions.map((d) => ({ coordinate: d.coordinate, outcome: d.outcome, ...(d.reason ? { reason: d.reason } : {}) })))
      .toEqual(row.decisions);
  }
}

function table(rows: readonly WalkRow[]) {
  return rows.map((row) => ({ ...row, label: rowName(row) }));
}

describe('response walk: nulls and their propagation', () => {
  it.each(table(nullingRows))('$label', check);
});

describe('response walk: response keys', () => {
  it.each(table(keyRows))('$label', check);
});

describe('response walk: @skip, @include and the selected operation', () => {
  it.each(table(conditionRows))('$label', check);
});

describe('response walk: per-entity decisions', () => {
  it.each(table(decisionRows))('$label', check);
});
