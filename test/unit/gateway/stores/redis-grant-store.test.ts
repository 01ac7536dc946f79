import { describe, expect, it } from 'vitest';
import { encodeGrantEntry, type Grantee } from '../../../../runtime/governance/grant-keys.js';
import { storedGrantsOf } from '../../../../gateway/stores/redis-grant-store.js';
import type { Grant } from '../../../../schema/policy/principal.js';

// What the gateway makes of the keys the governance store writes (runtime/governance/grant-keys.ts):
// one hash per grantee, field = dataset id, value = a grant entry or a bare expiry written before
// grants had ids; any suspension key of the person or their organisation stops every grant.

const ADA: Grantee = { kind: 'person', subject: 'ada' };
const LEIDEN: Grantee = { kind: 'organisation', organisation: 'uni-leiden' };
const store = (grantee: Grantee, datasetId: string, more: Partial<Grant> = {}): Grant =>
  ({ datasetId, grantee, expiresAt: 2_000_000_000_000, source: 'store', ...more });

describe('storedGrantsOf', () => {
  it.each<{ name: string; hashes: Record<string, string>[]; suspended?: number; grants: Grant[] | 'suspended' }>([
    { name: 'no grants', hashes: [{}, {}], grants: [] },
    { name: 'a bare expiry (the layout before grant ids)', hashes: [{ 'p:ds-1': '2000000000000' }, {}], grants: [store(ADA, 'p:ds-1')] },
    {
      name: 'an entry with id, accepted terms and partner',
      hashes: [{ 'p:ds-1': encodeGrantEntry({ id: 'g-1', expiresAt: 2_000_000_000_000, acceptedTerms: ['LicenseRef-X'], partnerId: 'p' }) }, {}],
      grants: [store(ADA, 'p:ds-1', { id: 'g-1', acceptedTerms: ['LicenseRef-X'] })],
    },
    {
      name: 'an entry with only an expiry',
      hashes: [{}, { 'p:ds-2': encodeGrantEntry({ expiresAt: 1_000 }) }],
      grants: [store(LEIDEN, 'p:ds-2', { expiresAt: 1_000 })],
    },
    {
      name: 'the person\'s and the organisation\'s, each with its grantee',
      hashes: [{ 'p:ds-1': '2000000000000' }, { 'p:ds-1': encodeGrantEntry({ id: 'g-2', expiresAt: 2_000_000_000_000 }) }],
      grants: [store(ADA, 'p:ds-1'), store(LEIDEN, 'p:ds-1', { id: 'g-2' })],
    },
    {
      name: 'values that are not entries grant nothing',
      hashes: [{ 'p:ds-1': 'soon', 'p:ds-2': '{"id":"g-3"}', 'p:ds-3': '-5', 'p:ds-4': '2000000000000' }, {}],
      grants: [store(ADA, 'p:ds-4')],
    },
    { name: 'a suspended grantee has no grants', hashes: [{ 'p:ds-1': '2000000000000' }, {}], suspended: 1, grants: 'suspended' },
    { name: 'both suspended', hashes: [{ 'p:ds-1': '2000000000000' }, {}], suspended: 2, grants: 'suspended' },
    { name: 'a count that cannot be read is taken as suspended', hashes: [{ 'p:ds-1': '2000000000000' }, {}], suspended: NaN, grants: 'suspended' },
  ])('$name', ({ hashes, suspended = 0, grants }) => {
    expect(storedGrantsOf([ADA, LEIDEN], hashes, suspended)).toEqual(
      grants === 'suspended' ? { grants: [], suspended: true } : { grants, suspended: false },
    );
  });
});
