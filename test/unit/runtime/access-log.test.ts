import { describe, expect, it } from 'vitest';
import { requestIdFrom } from '../../../runtime/access-log.js';

// A caller's request id is kept only when it is a plain token (issue 12, "Operations").

describe('requestIdFrom', () => {
  const fresh = () => 'fresh-id';
  it.each([
    ['a UUID', '3f2b8c1e-8d4a-4c7e-9f0a-1b2c3d4e5f60', '3f2b8c1e-8d4a-4c7e-9f0a-1b2c3d4e5f60'],
    ['an nginx $request_id', '4a1c0b7f2e9d8c6b5a4f3e2d1c0b9a8f', '4a1c0b7f2e9d8c6b5a4f3e2d1c0b9a8f'],
    ['letters, digits and -_.:', 'svc:req_01.A-b', 'svc:req_01.A-b'],
    ['128 characters', 'a'.repeat(128), 'a'.repeat(128)],
    ['none', undefined, 'fresh-id'],
    ['empty', '', 'fresh-id'],
    ['129 characters', 'a'.repeat(129), 'fresh-id'],
    ['a space', 'a b', 'fresh-id'],
    ['markup', '<script>', 'fresh-id'],
    ['a line break (log injection)', 'abc\ninjected', 'fresh-id'],
    ['a quote', 'abc"def', 'fresh-id'],
    ['non-ASCII', 'idé', 'fresh-id'],
    ['one header repeated', ['one', 'two'], 'fresh-id'],
    ['one header in a list', ['only-one'], 'only-one'],
  ] as const)('%s', (_case, header, expected) => {
    expect(requestIdFrom(header, fresh)).toBe(expected);
  });
});
