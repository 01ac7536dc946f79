import { describe, expect, it } from 'vitest';
import { readSdlAnswer } from '../../../../../../subgraphs/partner-kit/contract-check/rules/signed-sdl.js';
import type { PartnerResponse } from '../../../../../../subgraphs/partner-kit/contract-check/partner-client.js';
import { REFUSED, response, SERVED_SDL } from '../live-rule-harness.js';

const KEY_SOURCE = 'SUBGRAPH_SIGNING_SECRETS (entry "acme-labs")';

const ROWS: [string, PartnerResponse, string | [string, RegExp]][] = [
  ['an SDL', SERVED_SDL, 'read'],
  ['a refused signature', REFUSED, ['HTTP 401: Request refused: not signed by the gateway', /^give the partner the key in SUBGRAPH_SIGNING_SECRETS \(entry "acme-labs"\), or give the checker the partner's/]],
  ['an HTML page', response(404, undefined, '<html>Not found</html>'), ['HTTP 404, not JSON (text/html)', /^give --url the partner's GraphQL endpoint itself/]],
  ['no _service field', response(400, { errors: [{ message: 'Cannot query field "_service" on type "Query".' }] }),
    ['HTTP 400: Cannot query field "_service" on type "Query".', /^serve Federation's `_service \{ sdl \}` to signed requests/]],
  ['an SDL that does not parse', response(200, { data: { _service: { sdl: 'type Query {' } } }), ['Syntax Error: Expected Name, found <EOF>.', /^serve the SDL your server runs/]],
];

describe('signed-sdl', () => {
  it.each(ROWS)('%s', (_name, answer, expected) => {
    const read = readSdlAnswer(answer, KEY_SOURCE);
    if (expected === 'read') {
      expect(Array.isArray(read)).toBe(false);
      return;
    }
    expect(Array.isArray(read) && read.map((f) => f.found)).toEqual([expected[0]]);
    expect(Array.isArray(read) && read[0]!.fix).toMatch(expected[1]);
  });
});
