import { buildSchema, parse, validate, type ValidationRule } from 'graphql';
import { expect } from 'vitest';

// A small schema for the gateway's validation rules, in the manner of graphql-js's
// src/validation/__tests__/harness.ts.
export const testSchema = buildSchema(`
  type Query { dataset(id: ID!): Dataset datasets: [Dataset!]! }
  type Dataset { id: ID! title: String! publisher: Partner! related: [Dataset!]! }
  type Partner { id: ID! name: String! datasets: [Dataset!]! }
`);

export function expectErrors(rule: ValidationRule, query: string): string[] {
  return validate(testSchema, parse(query), [rule]).map((e) => e.message);
}

export function expectValid(rule: ValidationRule, query: string): void {
  expect(expectErrors(rule, query)).toEqual([]);
}
