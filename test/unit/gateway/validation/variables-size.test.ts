import { describe, expect, it } from 'vitest';
import { checkVariablesSize } from '../../../../gateway/validation/variables-size.js';

describe('checkVariablesSize (at most 16 bytes)', () => {
  it.each([
    ['no variables', undefined, null],
    ['null', null, null],
    ['an object of 16 bytes', { q: '12345678' }, null],
    ['an object of 17 bytes', { q: '123456789' }, 'The variables take 17 bytes; at most 16 are allowed.'],
    ['bytes, not characters', { q: 'ééééé' }, 'The variables take 18 bytes; at most 16 are allowed.'],
    ['a GET request\'s string, as sent', '{"q":"123456789"}', 'The variables take 17 bytes; at most 16 are allowed.'],
  ])('%s', (_name, variables, message) => {
    expect(checkVariablesSize(variables, 16)?.message ?? null).toBe(message);
  });
});
