import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { circuitOpenError, countsAsFailure, isNeutralForCircuit } from '../../../../gateway/subgraph-client/subgraph-failure.js';

// What counts against a subgraph's circuit (issue 12): no answer or a 5xx does; a 4xx does not.
const httpError = (status: number, body: unknown = '') => new GraphQLError(`${status}: x`, { extensions: { response: { status, url: 'http://x', body } } });
const refusal = (...codes: unknown[]) => ({ errors: codes.map((code) => ({ message: 'Request refused', extensions: { code } })) });

describe('countsAsFailure', () => {
  it.each<[string, unknown, boolean]>([
    ['a refused connection', Object.assign(new TypeError('fetch failed'), { code: 'ECONNREFUSED' }), true],
    ['a timeout', new DOMException('The operation was aborted due to timeout', 'TimeoutError'), true],
    ['an answer that is not JSON', new Error('Expected JSON response body, but received: <html>'), true],
    ['HTTP 500', httpError(500), true],
    ['HTTP 502', httpError(502), true],
    ['HTTP 503', httpError(503), true],
    ['HTTP 400: the subgraph answered', httpError(400), false],
    ['HTTP 401 (a bad signature)', httpError(401), false],
    ['HTTP 431 (a header too large)', httpError(431), false],
    ['a GraphQL error without an HTTP status', new GraphQLError('x'), true],
    ['an HTTP 404 error built by another copy of graphql (any object of that shape)', { message: '404: Not Found', extensions: { response: { status: 404 } } }, false],
    ['a status that is not a number', { extensions: { response: { status: '404' } } }, true],
    ['not an object', 'ECONNRESET', true],
  ])('%s', (_name, error, expected) => {
    expect(countsAsFailure(error)).toBe(expected);
  });
});

describe('isNeutralForCircuit', () => {
  // A quick 503 naming the subgraph's own store (the nonces of signed requests): it is up, but cannot serve.
  it.each<[string, unknown, number, boolean]>([
    ['HTTP 503 STORE_UNAVAILABLE within half the timeout', httpError(503, refusal('STORE_UNAVAILABLE')), 40, true],
    ['the same, at half the timeout: waiting on it is what the circuit spares', httpError(503, refusal('STORE_UNAVAILABLE')), 5_000, false],
    ['HTTP 503 with another code', httpError(503, refusal('INTERNAL_SERVER_ERROR')), 40, false],
    ['HTTP 503 with STORE_UNAVAILABLE and another code', httpError(503, refusal('STORE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR')), 40, false],
    ['HTTP 503 with no errors', httpError(503, { errors: [] }), 40, false],
    ['HTTP 503 with a body that is text', httpError(503, 'STORE_UNAVAILABLE'), 40, false],
    ['HTTP 500 STORE_UNAVAILABLE', httpError(500, refusal('STORE_UNAVAILABLE')), 40, false],
    ['a refused connection', Object.assign(new TypeError('fetch failed'), { code: 'ECONNREFUSED' }), 1, false],
  ])('%s', (_name, error, elapsedMs, expected) => {
    expect(isNeutralForCircuit(error, elapsedMs, 10_000)).toBe(expected);
  });
});

describe('circuitOpenError', () => {
  it.each<[string, Parameters<typeof circuitOpenError>[1], string]>([
    ['open', { admitted: false, state: 'open', failures: 5, retryInMs: 11_200 },
      'northbridge-hospital is unavailable (circuit open after 5 failures; next try in 12 s)'],
    ['open, under a second to go', { admitted: false, state: 'open', failures: 6, retryInMs: 1 },
      'northbridge-hospital is unavailable (circuit open after 6 failures; next try in 1 s)'],
    ['half-open', { admitted: false, state: 'half-open', failures: 5, retryInMs: 29_000 },
      'northbridge-hospital is unavailable (circuit half-open after 5 failures; a trial request is under way)'],
  ])('%s', (_name, refusal, message) => {
    const error = circuitOpenError('northbridge-hospital', refusal);
    expect(error.message).toBe(message);
    expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'northbridge-hospital' });
  });
});
