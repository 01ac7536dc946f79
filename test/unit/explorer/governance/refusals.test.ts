import { describe, expect, it } from 'vitest';
import { placeRefusal, refusalText } from '../../../../explorer/src/graphql/refusals.js';

const gql = (message: string, argumentName?: string) => ({ message, extensions: argumentName ? { code: 'BAD_USER_INPUT', argumentName } : { code: 'FORBIDDEN' } });

describe('a refusal from the gateway', () => {
  it.each([
    { error: { message: '[GraphQL] Only stewards', graphQLErrors: [gql('Only stewards of x may trust organisations')] }, text: 'Only stewards of x may trust organisations' },
    { error: { message: '[GraphQL] a; b', graphQLErrors: [gql('a'), gql('b')] }, text: 'a; b' },
    { error: { message: '[Network] Failed to fetch', graphQLErrors: [] }, text: '[Network] Failed to fetch' },
  ])('reads $text', ({ error, text }) => {
    expect(refusalText(error)).toBe(text);
  });

  const fields = { organisation: 'organisation', dataClass: 'dataClass' } as const;
  it.each([
    { name: 'by its argument', errors: [gql('PUBLIC data needs no request', 'dataClass')], byField: { dataClass: 'PUBLIC data needs no request' }, rest: null },
    { name: 'an argument the form lacks', errors: [gql('"first" must be from 1 to 100', 'first')], byField: {}, rest: '"first" must be from 1 to 100' },
    { name: 'no argument', errors: [gql('Only stewards')], byField: {}, rest: 'Only stewards' },
    { name: 'both', errors: [gql('too long', 'organisation'), gql('Only stewards')], byField: { organisation: 'too long' }, rest: 'Only stewards' },
    { name: 'an inherited name', errors: [gql('odd', 'toString')], byField: {}, rest: 'odd' },
  ])('places it $name', ({ errors, byField, rest }) => {
    expect(placeRefusal({ message: 'x', graphQLErrors: errors }, fields)).toEqual({ byField, rest });
  });

  it('places a network failure on the form', () => {
    expect(placeRefusal({ message: '[Network] Failed to fetch', graphQLErrors: [] }, fields)).toEqual({ byField: {}, rest: '[Network] Failed to fetch' });
  });
});
