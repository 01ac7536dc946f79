import { describe, expect, it } from 'vitest';
import { summariseLog } from '../../../bench/soak/service-logs.js';

describe('summariseLog', () => {
  it('counts lines by level and message, most frequent first, and keeps lines that are not pino JSON', () => {
    const summary = summariseLog('gateway-1', [
      JSON.stringify({ level: 40, time: 1_000_071_000, msg: 'Redis at redis://host cannot be reached' }),
      JSON.stringify({ level: 50, time: 1_000_072_500, msg: 'audit log could not be written' }),
      JSON.stringify({ level: 40, time: 1_000_070_000, msg: 'Redis at redis://host cannot be reached' }),
      JSON.stringify({ level: 40, msg: 'circuit opened', subgraph: 'catalog-index' }),
      '[77:0x1f2e3d0]    31011 ms: Mark-Compact 240.6 (262.1) -> 81.3 (95.4) MB, 121.43 / 0.00 ms  (average mu = 1.000) allocation failure',
      '',
      '(node:123) Warning: something from Node itself',
      'x'.repeat(200),
    ], 1_000_000_000);
    expect(summary.service).toBe('gateway-1');
    expect(summary.lines).toBe(6);
    expect(summary.levels).toEqual([['warn', 3], ['other', 2], ['error', 1]]);
    // Said twice, between 70 and 71 s after the load started (the lines need not be in order).
    expect(summary.messages[0]).toEqual({ message: 'Redis at redis://host cannot be reached', count: 2, firstS: 70, lastS: 71 });
    expect(summary.messages).toContainEqual({ message: 'audit log could not be written', count: 1, firstS: 72.5, lastS: 72.5 });
    expect(summary.messages).toContainEqual({ message: 'circuit opened [catalog-index]', count: 1, firstS: null, lastS: null });
    expect(summary.messages).toContainEqual({ message: '(node:123) Warning: something from Node itself', count: 1, firstS: null, lastS: null });
    expect(summary.messages.some((m) => m.message.length === 160 && m.message.endsWith('...'))).toBe(true);
  });

  it('says nothing of an empty log', () => {
    expect(summariseLog('partner', [], 0)).toEqual({ service: 'partner', lines: 0, levels: [], messages: [] });
  });
});
