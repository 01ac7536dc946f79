import { buildSchema, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../../../gateway/limits/cost-estimate.js';

const schema = buildSchema(`
  type Query {
    datasets(first: Int = 20, after: String): DatasetConnection!
    search(query: String!, first: Int = 20): DatasetConnection!
    dataset(id: ID!): Dataset
    recent(last: Int): [Dataset!]!
  }
  type DatasetConnection { totalCount: Int! edges: [Edge!]! nodes: [Dataset!]! }
  type Edge { cursor: String! node: Dataset! }
  type Dataset { id: ID! title: String! keywords: [String!]! distributions: [Distribution!]! }
  type Distribution { url: String! }
`);
const settings = { fieldCosts: new Map([['Query.search', 10]]), defaultListSize: 10 };
const cost = (query: string, variables?: Record<string, unknown>) => {
  const document = parse(query);
  return estimateCost(schema, document, getOperationAST(document)!, variables, settings);
};
const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe('estimateCost (fields cost 1, Query.search 10, unsized lists 10 items)', () => {
  it.each<[string, string, Record<string, unknown> | undefined, number]>([
    ['one field', '{ dataset(id: "x") { id } }', undefined, 1 + 1],
    ['__typename is free', '{ dataset(id: "x") { __typename id } }', undefined, 2],
    ['a connection\'s first sizes its edges', '{ datasets(first: 5) { edges { node { id title } } } }', undefined, 1 + 5 * (1 + (1 + 2))],
    ['and its nodes', '{ datasets(first: 5) { nodes { id } } }', undefined, 1 + 5 * 2],
    ['totalCount is one field, not a list', '{ datasets(first: 1000) { totalCount } }', undefined, 2],
    ['the argument\'s default when first is not given', '{ datasets { nodes { id } } }', undefined, 1 + 20 * 2],
    ['first from a variable', 'query($n: Int) { datasets(first: $n) { nodes { id } } }', { n: 3 }, 1 + 3 * 2],
    ['first from the variable\'s default', 'query($n: Int = 4) { datasets(first: $n) { nodes { id } } }', undefined, 1 + 4 * 2],
    ['a list field sized by its own last', '{ recent(last: 7) { id } }', undefined, 7 * 2],
    ['an unsized list counts 10 items', '{ dataset(id: "x") { keywords distributions { url } } }', undefined, 1 + 10 + 10 * 2],
    ['lists multiply', '{ datasets(first: 2) { nodes { distributions { url } } } }', undefined, 1 + 2 * (1 + 10 * 2)],
    ['a field\'s own price', '{ search(query: "x", first: 1) { totalCount } }', undefined, 10 + 1],
    ['every alias counts', aliases(30, 'datasets(first: 1000) { edges { node { id title } } }'), undefined, 30 * (1 + 1000 * 4)],
    ['forty aliased searches', aliases(40, 'search(query: "x") { totalCount }'), undefined, 40 * 11],
    ['fragments count where they are spread, sized there', '{ datasets(first: 3) { ...C } } fragment C on DatasetConnection { edges { node { id } } }', undefined, 1 + 3 * 3],
    ['both branches of @include count', '{ dataset(id: "x") { id @include(if: false) title @skip(if: true) } }', undefined, 3],
    ['inline fragments count', '{ dataset(id: "x") { ... on Dataset { id } } }', undefined, 2],
  ])('%s', (_name, query, variables, expected) => {
    expect(cost(query, variables)).toBe(expected);
  });

  it('grows without overflowing into nonsense for lists nested deep', () => {
    const deep = `{ ${'datasets(first: 1000) { nodes { distributions { url } } } '} }`;
    expect(cost(deep)).toBe(1 + 1000 * (1 + 10 * 2));
    expect(cost('query($n: Int) { datasets(first: $n) { nodes { id } } }', { n: 1e300 })).toBeGreaterThan(1e300);
  });
});
