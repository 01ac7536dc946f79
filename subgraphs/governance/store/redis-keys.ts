import { granteeId, grantsKey, suspensionKey, type Grantee } from '../../../runtime/governance/grant-keys.js';
import type { PartStatus } from './governance-store.js';

/**
 * Every key the Redis governance store touches. Its own records and indexes live under
 * `<prefix>governance:`; the grant hashes and suspension keys every gateway replica reads are
 * the shared layout of runtime/governance/grant-keys.ts under the same prefix. Listings are sorted
 * sets whose members are the sort keys of ./order.ts, all with score 0 and read BYLEX.
 */
export class GovernanceKeys {
  readonly root: string;

  constructor(readonly prefix: string) {
    this.root = `${prefix}governance:`;
  }

  /** String: the request as JSON. */
  request(id: string): string {
    return `${this.root}request:${id}`;
  }

  /** Sorted set: request sort keys of one requester. */
  requestsOf(subject: string): string {
    return `${this.root}requests-of:${subject}`;
  }

  /** Hash: dataset id -> id of the requester's pending request naming it (the duplicate check). */
  pendingDatasets(subject: string): string {
    return `${this.root}pending-datasets:${subject}`;
  }

  /** Sorted set: part sort keys (by request creation) of one partner's parts in one status. */
  parts(partnerId: string, status: PartStatus): string {
    return `${this.root}parts:${status}:${partnerId}`;
  }

  /** Sorted set: part sort keys (by request creation) of every pending part: the overdue listing. */
  pending(): string {
    return `${this.root}pending-parts`;
  }

  /** Sorted set: part sort keys (by appeal time) of appeals the board has not decided. */
  appeals(): string {
    return `${this.root}pending-appeals`;
  }

  /** SCAN pattern of every request record (and nothing else: `requests-of:` does not match). */
  requestRecords(): string {
    return `${globEscape(this.root)}request:*`;
  }

  /** Sorted set: request sort keys of every request, for the reports (ARCHITECTURE.md "Audit"). */
  allRequests(): string {
    return `${this.root}all-requests`;
  }

  /** String: the grant as JSON. */
  grant(id: string): string {
    return `${this.root}grant:${id}`;
  }

  /** Sorted set: grant sort keys of one grantee's grants. */
  grantsOf(grantee: Grantee): string {
    return `${this.root}grants-of:${granteeId(grantee)}`;
  }

  /** SCAN pattern of every grant record (and nothing else: `grants-of:` and `grants-version:` do not match). */
  grantRecords(): string {
    return `${globEscape(this.root)}grant:*`;
  }

  /** Sorted set: grant sort keys of every grant, revoked and expired ones included, for the reports. */
  allGrants(): string {
    return `${this.root}all-grants`;
  }

  /**
   * String: present once every request and grant written before the two listings above existed has
   * been added to them (RedisGovernanceStore fills them in once, by SCAN).
   */
  allListed(): string {
    return `${this.root}all-listed`;
  }

  /** String: a counter raised by every change to a grantee's grants, which a revocation checks. */
  grantsVersion(grantee: Grantee): string {
    return `${this.root}grants-version:${granteeId(grantee)}`;
  }

  /** Hash: organisation NUL data class -> the trust mark as JSON. */
  trust(partnerId: string): string {
    return `${this.root}trust:${partnerId}`;
  }

  /** The gateway-read hash of a grantee's grants (runtime/governance/grant-keys.ts). */
  gatewayGrants(grantee: Grantee): string {
    return grantsKey(this.prefix, grantee);
  }

  /** The gateway-read suspension of a grantee (runtime/governance/grant-keys.ts). */
  suspension(grantee: Grantee): string {
    return suspensionKey(this.prefix, grantee);
  }
}

/** The trust hash's field of an organisation and data class. */
export function trustField(organisation: string, dataClass: string): string {
  return `${organisation}\u0000${dataClass}`;
}

/** A key prefix as a SCAN MATCH pattern matching only itself: the prefix may hold glob characters. */
export function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
