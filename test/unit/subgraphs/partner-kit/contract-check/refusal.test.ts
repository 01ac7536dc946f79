import { describe, expect, it } from 'vitest';
import { judgeRefusal, servedSdl } from '../../../../../subgraphs/partner-kit/contract-check/refusal.js';
import { judgeReplay } from '../../../../../subgraphs/partner-kit/contract-check/rules/replay-refused.js';
import { REFUSED, response, SERVED_SDL } from './live-rule-harness.js';

const PROBE = { where: 'POST without signature headers', remedy: 'verify signatures', danger: 'otherwise anyone can read' };

describe('a refusal', () => {
  it.each([
    ['the SDL served', SERVED_SDL, [['failure', 'HTTP 200 with the SDL: the request was served', 'verify signatures: otherwise anyone can read']]],
    ['401 with an error', REFUSED, []],
    ['403 without a body', response(403), []],
    ['200 with errors and no data (refused by a plugin)', response(200, { data: null, errors: [{ message: 'not signed' }] }), []],
    ['an SDL in a 4xx answer is not served', response(400, { data: { _service: { sdl: 'x' } } }), []],
    ['503 while the replay memory cannot be asked', response(503, { errors: [{ message: 'try again' }] }), []],
    ['500, still refused but without saying why', response(500, { errors: [{ message: 'boom' }] }),
      [['warning', 'HTTP 500: boom', 'refuse the request before executing it, with HTTP 401 (runtime/http-server.ts does): a server error hides why it was refused']]],
    ['a crash page', response(502, undefined, '<html>\u001b[31mbad gateway</html>'),
      [['warning', 'HTTP 502: <html> [31mbad gateway</html>', 'refuse the request before executing it, with HTTP 401 (runtime/http-server.ts does): a server error hides why it was refused']]],
  ])('%s', (_name, answer, expected) => {
    expect(judgeRefusal(PROBE, answer).map((f) => [f.severity, f.found, f.fix])).toEqual(expected);
  });

  it('counts the SDL as served only in a 2xx answer that holds it', () => {
    expect([SERVED_SDL, REFUSED, response(200, { data: { _service: null } })].map(servedSdl)).toEqual([true, false, false]);
  });
});

describe('a replay', () => {
  it.each([
    ['served once, refused the second time', SERVED_SDL, REFUSED, []],
    ['served twice', SERVED_SDL, SERVED_SDL, ['failure']],
    ['the first refused: nothing to tell', REFUSED, REFUSED, 'skipped'],
  ])('%s', (_name, first, second, expected) => {
    const outcome = judgeReplay(first, second);
    expect(Array.isArray(outcome) ? outcome.map((f) => f.severity) : 'skipped').toEqual(expected);
  });
});
