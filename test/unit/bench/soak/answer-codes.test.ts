import { describe, expect, it } from 'vitest';
import { answerErrorCodes, noAnswerCode } from '../../../bench/soak/answer-codes.js';

describe('answerErrorCodes', () => {
  it.each<[string, unknown, string[]]>([
    ['no errors', { data: { a: 1 } }, []],
    ['not an answer', null, []],
    ['a subgraph failure, named', { errors: [{ extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'helix-therapeutics' } }] }, ['SUBGRAPH_UNAVAILABLE@helix-therapeutics']],
    ['a subgraph its circuit keeps the gateway from asking', { errors: [{ message: 'catalog-index is unavailable (circuit open after 5 failures; next try in 12 s)', extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'catalog-index' } }] }, ['SUBGRAPH_UNAVAILABLE@catalog-index/circuit-open']],
    ['a denial, with its reason', { errors: [{ extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', reason: 'NO_ACTIVE_GRANT' } }] }, ['UNAUTHORIZED_FIELD_OR_TYPE:NO_ACTIVE_GRANT']],
    ['each distinct error once, sorted', {
      errors: [
        { extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', reason: 'EMBARGOED' } },
        { extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', reason: 'EMBARGOED' } },
        { extensions: { code: 'BAD_USER_INPUT' } },
      ],
    }, ['BAD_USER_INPUT', 'UNAUTHORIZED_FIELD_OR_TYPE:EMBARGOED']],
    ['an error without a code', { errors: [{ message: 'x' }] }, ['NO_CODE']],
  ])('%s', (_, body, expected) => {
    expect(answerErrorCodes(body)).toEqual(expected);
  });
});

describe('noAnswerCode', () => {
  it.each<[unknown, string]>([
    [Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), 'NO_ANSWER:ECONNREFUSED'],
    [Object.assign(new Error('slow'), { code: 'UND_ERR_HEADERS_TIMEOUT' }), 'NO_ANSWER:UND_ERR_HEADERS_TIMEOUT'],
    [new Error('no code'), 'NO_ANSWER:OTHER'],
    [{ code: 'not a code!' }, 'NO_ANSWER:OTHER'],
  ])('%s', (error, expected) => {
    expect(noAnswerCode(error)).toBe(expected);
  });
});
