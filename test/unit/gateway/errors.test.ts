import { describe, expect, it } from 'vitest';
import { formatClientError } from '../../../gateway/errors.js';
import { ErrorCode } from '../../../schema/error-codes.js';

// The last gate before the wire (ARCHITECTURE.md, "Errors"): whatever reaches formatClientError,
// the client gets a listed code, a message that says nothing internal, and only listed extensions.

const STACK = ['Error: boom', '    at resolve (gateway/authz/shaping-schema.ts:40:11)'];

const cases: { name: string; input: Parameters<typeof formatClientError>[0]; expected: ReturnType<typeof formatClientError> }[] = [
  {
    name: 'a denial keeps its message and its policy, reason and hint, and loses a stack trace',
    input: {
      message: 'Not authorized to read Distribution.accessUrl',
      path: ['dataset', 'distributions', 0, 'accessUrl'],
      extensions: { code: ErrorCode.UnauthorizedFieldOrType, policy: 'dataset:access', reason: 'NO_ACTIVE_GRANT', obtainAccess: 'Request access', stacktrace: STACK },
    },
    expected: {
      message: 'Not authorized to read Distribution.accessUrl',
      path: ['dataset', 'distributions', 0, 'accessUrl'],
      extensions: { code: ErrorCode.UnauthorizedFieldOrType, policy: 'dataset:access', reason: 'NO_ACTIVE_GRANT', obtainAccess: 'Request access' },
    },
  },
  {
    name: 'a denial a grant would lift keeps what to request',
    input: {
      message: 'Not authorized to read Dataset.sampleRecords',
      path: ['dataset', 'sampleRecords'],
      extensions: {
        code: ErrorCode.UnauthorizedFieldOrType, policy: 'dataset:sample-records', reason: 'NO_ACTIVE_GRANT', stacktrace: STACK,
        requestAccess: { datasetId: 'p:ds-1', partnerId: 'p', requiredDuties: ['PUB'], requiredTerms: [], maxGrantDays: 364 },
      },
    },
    expected: {
      message: 'Not authorized to read Dataset.sampleRecords',
      path: ['dataset', 'sampleRecords'],
      extensions: {
        code: ErrorCode.UnauthorizedFieldOrType, policy: 'dataset:sample-records', reason: 'NO_ACTIVE_GRANT',
        requestAccess: { datasetId: 'p:ds-1', partnerId: 'p', requiredDuties: ['PUB'], requiredTerms: [], maxGrantDays: 364 },
      },
    },
  },
  {
    name: 'a validation error keeps its message and location, and loses a stack trace',
    input: { message: 'Cannot query field "x" on type "Query".', locations: [{ line: 1, column: 3 }], extensions: { code: ErrorCode.GraphQLValidationFailed, stacktrace: STACK } },
    expected: { message: 'Cannot query field "x" on type "Query".', locations: [{ line: 1, column: 3 }], extensions: { code: ErrorCode.GraphQLValidationFailed } },
  },
  {
    name: 'a subgraph error keeps the subgraph name, never its URL or its own extensions',
    input: { message: 'Subgraph "helix-therapeutics" answered with an error', extensions: { code: ErrorCode.SubgraphError, serviceName: 'helix-therapeutics', url: 'http://10.0.0.7:4102/graphql', exception: { stacktrace: STACK } } },
    expected: { message: 'Subgraph "helix-therapeutics" answered with an error', extensions: { code: ErrorCode.SubgraphError, serviceName: 'helix-therapeutics' } },
  },
  {
    name: 'an unknown code becomes INTERNAL_SERVER_ERROR with a fixed message and no extensions',
    input: { message: 'connect ECONNREFUSED 10.0.0.7:6379', extensions: { code: 'ECONNREFUSED', stacktrace: STACK, serviceName: 'x' } },
    expected: { message: 'Internal server error', extensions: { code: ErrorCode.InternalServerError } },
  },
  {
    name: 'an error without a code is internal',
    input: { message: 'Cannot read properties of undefined (reading \'id\')' },
    expected: { message: 'Internal server error', extensions: { code: ErrorCode.InternalServerError } },
  },
  {
    name: 'INTERNAL_SERVER_ERROR itself never carries its original message',
    input: { message: 'secret detail', extensions: { code: ErrorCode.InternalServerError, stacktrace: STACK } },
    expected: { message: 'Internal server error', extensions: { code: ErrorCode.InternalServerError } },
  },
];

describe('formatClientError', () => {
  it.each(cases)('$name', ({ input, expected }) => {
    expect(formatClientError(input)).toEqual(expected);
  });
});
