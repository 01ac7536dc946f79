import { describe, expect, it } from 'vitest';
import { addUtcMonths, DAY_MS, DEFAULT_GRANT_DAYS, grantLength, MAX_GRANT_DAYS, maxGrantDays, type GrantDurationLimits } from '../../../../schema/policy/grant-length.js';
import type { UseConditionFact } from '../../../../schema/policy/facts.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const ts = (months: number | null): UseConditionFact => ({ code: 'TS', months });
const limits = (useConditions: UseConditionFact[], licenceMaxDurationMonths: number | null = null): GrantDurationLimits => ({ useConditions, licenceMaxDurationMonths });

describe('grantLength', () => {
  it.each<[string, number | null, GrantDurationLimits, Date, number, string]>([
    ['no caps, nothing requested: the default', null, limits([{ code: 'GRU' }]), NOW, DEFAULT_GRANT_DAYS, 'REQUESTED'],
    ['no caps, 30 days requested', 30, limits([{ code: 'GRU' }]), NOW, 30, 'REQUESTED'],
    ['more than the consortium allows', 5000, limits([]), NOW, MAX_GRANT_DAYS, 'CONSORTIUM'],
    // 24 Nov 2026 12:00 to 24 Nov 2027 00:00: 364.5 days.
    ['TS 12 months under a longer request', 1000, limits([{ code: 'GRU' }, ts(12)]), NOW, 364, 'DUO_TS'],
    ['TS 12 months over a shorter request', 90, limits([ts(12)]), NOW, 90, 'REQUESTED'],
    // 24 Nov 2026 12:00 to 24 Nov 2028 00:00 across the leap day: 730.5 days.
    ['licence 24 months', 1000, limits([], 24), NOW, 730, 'LICENCE'],
    ['licence 36 months and TS 12: the tighter', 1000, limits([ts(12)], 36), NOW, 364, 'DUO_TS'],
    ['TS 24 and licence 12: the tighter', 1000, limits([ts(24)], 12), NOW, 364, 'LICENCE'],
    ['two TS terms: the shorter', 1000, limits([ts(24), ts(6)]), NOW, 180, 'DUO_TS'],
    ['TS without months allows nothing', 30, limits([ts(null)]), NOW, 0, 'DUO_TS'],
    ['TS of zero months allows nothing', 30, limits([ts(0)]), NOW, 0, 'DUO_TS'],
    ['a licence of zero months allows nothing', 30, limits([], 0), NOW, 0, 'LICENCE'],
    // 31 Jan + 1 month is 28 Feb (clamped): 27.5 days from noon.
    ['one month from the 31st of January', 60, limits([ts(1)]), new Date('2027-01-31T12:00:00Z'), 27, 'DUO_TS'],
    ['one month from the 31st of January in a leap year', 60, limits([ts(1)]), new Date('2028-01-31T12:00:00Z'), 28, 'DUO_TS'],
    ['an exact day boundary', 60, limits([ts(1)]), new Date('2027-03-01T00:00:00Z'), 31, 'DUO_TS'],
  ])('%s', (_name, requested, given, now, days, limitedBy) => {
    const length = grantLength(requested, given, now);
    expect(length).toEqual({ days, expiresAt: now.getTime() + days * DAY_MS, limitedBy });
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %s requested days', (requested) => {
    expect(() => grantLength(requested, limits([]), NOW)).toThrow(RangeError);
  });

  it('never outlives DUO TS at any later check, whatever the time of day or the month lengths', () => {
    // DUO TS is checked from the moment of each request: a grant must hold under every later check.
    for (const months of [1, 2, 12]) {
      for (let start = Date.UTC(2027, 0, 25); start < Date.UTC(2028, 2, 5); start += 7 * 3_600_000) {
        const now = new Date(start);
        const { expiresAt } = grantLength(MAX_GRANT_DAYS, limits([ts(months)]), now);
        for (let later = start; later < start + 3 * DAY_MS; later += 3_600_000) {
          expect(expiresAt, `${months} months from ${now.toISOString()}, checked ${new Date(later).toISOString()}`)
            .toBeLessThanOrEqual(addUtcMonths(new Date(later), months).getTime());
        }
      }
    }
  });
});

describe('maxGrantDays', () => {
  it.each<[string, GrantDurationLimits, number]>([
    ['no caps: the consortium maximum', limits([{ code: 'HMB' }]), MAX_GRANT_DAYS],
    ['TS 12', limits([ts(12)]), 364],
    ['licence 36 and TS 12', limits([ts(12)], 36), 364],
    ['licence 36', limits([], 36), 1095],
    ['TS without months', limits([ts(null)]), 0],
  ])('%s', (_name, given, days) => {
    expect(maxGrantDays(given, NOW)).toBe(days);
  });
});

describe('addUtcMonths', () => {
  it.each([
    ['2027-01-31T10:00:00.000Z', 1, '2027-02-28T10:00:00.000Z'],
    ['2028-01-31T10:00:00.000Z', 1, '2028-02-29T10:00:00.000Z'],
    ['2026-11-24T12:00:00.000Z', 12, '2027-11-24T12:00:00.000Z'],
    ['2024-02-29T00:00:00.000Z', 12, '2025-02-28T00:00:00.000Z'],
    ['2026-12-15T00:00:00.000Z', 2, '2027-02-15T00:00:00.000Z'],
  ])('%s + %i months = %s', (from, months, to) => {
    expect(addUtcMonths(new Date(from), months).toISOString()).toBe(to);
  });
});
