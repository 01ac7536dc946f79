import { describe, expect, it } from 'vitest';
import { DEFAULT_KEY_PREFIX, grantsKey, suspensionKey } from '../../../../runtime/governance/grant-keys.js';
import { PART_STATUSES } from '../../../../subgraphs/governance/store/governance-store.js';
import { GovernanceKeys, globEscape, trustField } from '../../../../subgraphs/governance/store/redis-keys.js';

// The Redis governance store's key layout (ARCHITECTURE.md "Stores").

describe('governance store keys', () => {
  const keys = new GovernanceKeys('concord-test:abc:');
  const ada = { kind: 'person' as const, subject: 'ada' };
  const leiden = { kind: 'organisation' as const, organisation: 'uni-leiden' };

  it('put the store\'s own keys under <prefix>governance:', () => {
    const own = [
      keys.request('r-1'), keys.requestsOf('ada'), keys.pendingDatasets('ada'), keys.parts('helix', 'PENDING'), keys.pending(),
      keys.appeals(), keys.grant('g-1'), keys.grantsOf(ada), keys.grantsVersion(leiden), keys.trust('helix'),
      keys.allRequests(), keys.allGrants(), keys.allListed(),
    ];
    for (const key of own) expect(key.startsWith('concord-test:abc:governance:')).toBe(true);
    expect(new Set(own).size).toBe(own.length);
    expect(keys.request('r-1')).toBe('concord-test:abc:governance:request:r-1');
    expect(keys.grantsOf(leiden)).toBe('concord-test:abc:governance:grants-of:organisation:uni-leiden');
  });

  it('write the gateway\'s grants and suspensions exactly where the gateway reads them', () => {
    expect(keys.gatewayGrants(ada)).toBe(grantsKey('concord-test:abc:', ada));
    expect(keys.suspension(leiden)).toBe(suspensionKey('concord-test:abc:', leiden));
    expect(new GovernanceKeys(DEFAULT_KEY_PREFIX).gatewayGrants(ada)).toBe('concord:grants:person:ada');
    expect(new GovernanceKeys(DEFAULT_KEY_PREFIX).request('r-1')).toBe('concord:governance:request:r-1');
  });

  it('give every partner and status a listing of its own, even for partner ids that look like a status', () => {
    const listings = ['helix', 'PENDING', 'helix:PENDING'].flatMap((partner) => PART_STATUSES.map((status) => keys.parts(partner, status)));
    expect(new Set(listings).size).toBe(listings.length);
    expect(keys.grantsOf(ada)).not.toBe(keys.grantsOf({ kind: 'organisation', organisation: 'ada' }));
  });

  it('find request and grant records by SCAN pattern, and nothing else of the store\'s', () => {
    // Each pattern is a literal beginning and "*": it matches exactly the keys that begin so.
    expect(keys.requestRecords()).toBe('concord-test:abc:governance:request:*');
    expect(keys.grantRecords()).toBe('concord-test:abc:governance:grant:*');
    const begins = (pattern: string, key: string) => key.startsWith(pattern.slice(0, -1));
    const others = [
      keys.requestsOf('ada'), keys.pendingDatasets('ada'), keys.parts('helix', 'PENDING'), keys.pending(), keys.appeals(),
      keys.grantsOf(ada), keys.grantsVersion(leiden), keys.trust('helix'), keys.allRequests(), keys.allGrants(), keys.allListed(),
      keys.gatewayGrants(ada), keys.suspension(ada),
    ];
    expect(begins(keys.requestRecords(), keys.request('r-1'))).toBe(true);
    expect(begins(keys.grantRecords(), keys.grant('g-1'))).toBe(true);
    for (const key of [...others, keys.grant('g-1')]) expect(begins(keys.requestRecords(), key), key).toBe(false);
    for (const key of [...others, keys.request('r-1')]) expect(begins(keys.grantRecords(), key), key).toBe(false);
  });

  it.each([
    ['concord:', 'concord:'],
    ['team[1]*:', 'team\\[1\\]\\*:'],
    ['a?b\\c', 'a\\?b\\\\c'],
  ])('escape a prefix %s for a SCAN pattern', (prefix, escaped) => {
    expect(globEscape(prefix)).toBe(escaped);
  });

  it('tell trust marks apart by organisation and data class', () => {
    expect(trustField('a', 'b:c')).not.toBe(trustField('a:b', 'c'));
  });
});
