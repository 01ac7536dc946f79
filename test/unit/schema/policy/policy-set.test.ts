import { describe, expect, it } from 'vitest';
import { CATALOG_POLICIES } from '../../../../schema/policy/catalog-policies.js';
import { parsePolicySet, POLICY_SET } from '../../../../schema/policy/policy-set.js';

const entry = (version: string, date: string) => ({ version, date, changes: [`release ${version}`] });

describe('POLICY_SET (schema/policy/policy-set.json)', () => {
  it('is version 1.1.1, the newest changelog entry', () => {
    expect(POLICY_SET.version).toBe('1.1.1');
    expect(POLICY_SET.changelog[0]).toMatchObject({ version: '1.1.1', date: '2026-11-29' });
  });

  it.each(Object.keys(CATALOG_POLICIES))('the first version has one change line for %s', (name) => {
    const lines = POLICY_SET.changelog.at(-1)!.changes.filter((line) => line.startsWith(`${name}:`));
    expect(lines).toHaveLength(1);
  });
});

describe('parsePolicySet', () => {
  it('accepts a changelog newest first', () => {
    const set = { version: '1.1.0', changelog: [entry('1.1.0', '2027-02-01'), entry('1.0.0', '2026-11-24')] };
    expect(parsePolicySet(set)).toEqual(set);
  });

  it.each([
    { name: 'a version that is not semver', set: { version: '1.0', changelog: [entry('1.0', '2026-11-24')] }, problem: 'version' },
    { name: 'a pre-release version', set: { version: '1.0.0-rc.1', changelog: [entry('1.0.0-rc.1', '2026-11-24')] }, problem: 'version' },
    { name: 'a top entry for another version', set: { version: '1.1.0', changelog: [entry('1.0.0', '2026-11-24')] }, problem: 'changelog.0.version' },
    {
      name: 'the oldest entry first',
      set: { version: '1.0.0', changelog: [entry('1.0.0', '2026-11-24'), entry('1.1.0', '2027-02-01')] }, problem: 'changelog.1',
    },
    {
      name: 'a newer version dated earlier',
      set: { version: '1.1.0', changelog: [entry('1.1.0', '2026-01-01'), entry('1.0.0', '2026-11-24')] }, problem: 'changelog.1',
    },
    {
      name: 'the same version twice',
      set: { version: '1.0.0', changelog: [entry('1.0.0', '2026-11-24'), entry('1.0.0', '2026-11-24')] }, problem: 'changelog.1',
    },
    { name: 'an empty changelog', set: { version: '1.0.0', changelog: [] }, problem: 'changelog' },
    { name: 'a date that is not ISO', set: { version: '1.0.0', changelog: [entry('1.0.0', '24.11.2026')] }, problem: 'changelog.0.date' },
    { name: 'an entry with no changes', set: { version: '1.0.0', changelog: [{ ...entry('1.0.0', '2026-11-24'), changes: [] }] }, problem: 'changelog.0.changes' },
    { name: 'a blank change line', set: { version: '1.0.0', changelog: [{ ...entry('1.0.0', '2026-11-24'), changes: [' '] }] }, problem: 'changelog.0.changes.0' },
  ])('rejects $name, naming $problem', ({ set, problem }) => {
    expect(() => parsePolicySet(set)).toThrow(new RegExp(`- ${problem.replace(/\./g, '\\.')}:`));
  });
});
