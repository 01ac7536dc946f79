import { describe, expect, it } from 'vitest';
import { summariseLog } from '../../../bench/soak/service-logs.js';

describe('summariseLog', () => {
  it('counts lines by level and message, most frequent first, and keeps lines that are not pino JSON', () => {
    const summary = summariseLog('gateway-1', [
      JSON.stringify({ level: 40, msg: 'Redis at redis://host cannot be reached' }),
      JSON.stringify({ level: 50, msg: 'audit log could not be written' }),
      JSON.stringify({ level: 40, msg: 'Redis at redis://host cannot be reached' }),
      JSON.stringify({ level: 40, msg: 'circuit opened', subgraph: 'catalog-index' }),
      '[77:0x1f2e3d0]    31011 ms: Mark-Compact 240.6 (262.1) -> 81.3 (95.4) MB, 121.43 / 0.00 ms  (average mu = 1.000) allocation failure',
      '',
      '(node:123) Warning: something from Node itself',
      'x'.repeat(200),
    ]);
    expect(summary.service).toBe('gateway-1');
    expect(summary.lines).toBe(6);
    expect(summary.levels).toEqual([['warn', 3], ['other', 2], ['error', 1]]);
    expect(summary.messages.map(([m]) => m)).toContain('circuit opened [catalog-index]');
    expect(summary.messages[0]).toEqual(['Redis at redis://host cannot be reached', 2]);
    expect(summary.messages.map(([m]) => m)).toContain('(node:123) Warning: something from Node itself');
    expect(summary.messages.some(([m]) => m.length === 160 && m.endsWith('...'))).toBe(true);
  });

  it('says nothing of an empty log', () => {
    expect(summariseLog('partner', [])).toEqual({ service: 'partner', lines: 0, levels: [], messages: [] });
  });
});
