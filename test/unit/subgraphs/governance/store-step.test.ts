import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Step, STEP_SCRIPT, STEP_SCRIPT_SHA } from '../../../../subgraphs/governance/store/redis-step.js';

// The program one Redis step runs (ARCHITECTURE.md "Stores"); the script itself runs against Redis
// in test/integration/subgraphs/governance/governance-store.test.ts.

describe('a Redis step', () => {
  it('declares each key once, in first use order, and refers to keys by their place', () => {
    const step = new Step()
      .expect('k:request', '{"v":1}')
      .expectField('k:hash', 'ds-1', null)
      .set('k:request', '{"v":2}')
      .hset('k:hash', 'ds-1', 'entry')
      .zadd('k:list', 'm\u00001')
      .incr('k:version');
    expect(step.keys).toEqual(['k:request', 'k:hash', 'k:list', 'k:version']);
    expect(JSON.parse(step.program())).toEqual({
      g: [{ k: 1, v: '{"v":1}' }, { k: 2, f: 'ds-1' }],
      o: [
        { op: 'set', k: 1, v: '{"v":2}' },
        { op: 'hset', k: 2, f: 'ds-1', v: 'entry' },
        { op: 'zadd', k: 3, m: 'm\u00001' },
        { op: 'incr', k: 4 },
      ],
    });
  });

  it('encodes "must not exist" as a guard without a value, and "must hold the empty string" with one', () => {
    expect(JSON.parse(new Step().expect('a', null).expect('b', '').program()).g).toEqual([{ k: 1 }, { k: 2, v: '' }]);
  });

  it('is addressed by the SHA-1 of its script', () => {
    expect(STEP_SCRIPT_SHA).toBe(createHash('sha1').update(STEP_SCRIPT).digest('hex'));
  });
});
