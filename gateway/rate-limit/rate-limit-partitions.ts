import type { Principal } from '../../schema/policy/principal.js';
import { verifiedOrganisation } from '../../schema/policy/verified-organisation.js';
import { addressPartition } from './client-address.js';
import { WINDOW_SECONDS, type RateLimitSettings } from './rate-limit-settings.js';
import type { BucketLimit } from './token-bucket.js';

// Whose buckets a request takes from (issue 12, item 3): a caller without a token, its address's; a
// signed-in person, their own and, when they have one, their verified organisation's (the `org`
// claim counts only with the scope that vouches for it: ARCHITECTURE.md "Identity and organisation
// claims"), so that one organisation's many members and tools cannot take the whole gateway.

export type PolicyName = 'anonymous' | 'principal' | 'organisation' | 'refused-token';

export interface Partition extends BucketLimit {
  policy: PolicyName;
  /** The bucket's key, below the store's prefix. */
  key: string;
  /** Units a minute: the RateLimit-Policy field's q. */
  quota: number;
  /** For the message of a refusal: the organisation's id. */
  organisation?: string;
}

export function partitionsFor(principal: Principal, clientAddress: string, settings: RateLimitSettings): Partition[] {
  if (!principal.authenticated || principal.subject === null) {
    return [partition('anonymous', `anonymous:${addressPartition(clientAddress)}`, settings.anonymousPerMinute)];
  }
  const own = partition('principal', `principal:${encodeURIComponent(principal.subject)}`, settings.principalPerMinute);
  const organisation = verifiedOrganisation(principal);
  if (!organisation) return [own];
  return [
    own,
    {
      ...partition('organisation', `organisation:${organisation.kind}:${encodeURIComponent(organisation.id)}`, settings.organisationPerMinute),
      organisation: organisation.id,
    },
  ];
}

/**
 * Requests whose token was refused, per address, in a bucket of their own, apart from the address's
 * anonymous bucket: forged tokens do not spend the quota of callers who send none.
 */
export function refusedTokenPartition(clientAddress: string, settings: RateLimitSettings): Partition {
  return partition('refused-token', `refused-token:${addressPartition(clientAddress)}`, settings.anonymousPerMinute);
}

function partition(policy: PolicyName, key: string, quota: number): Partition {
  return { policy, key, quota, capacity: quota, refillPerSecond: quota / WINDOW_SECONDS };
}
