import { granteeId, type Grantee } from '../../runtime/governance/grant-keys.js';
import type { Grant, Principal } from '../../schema/policy/principal.js';
import { granteesOf, NO_STORED_GRANTS, type GrantStore, type StoredGrants } from './grant-store.js';

/**
 * Grants held in this process. The gateway falls back to it, empty, when there is neither Redis nor
 * a governance subgraph to read grants from (only the tokens' grants then count); tests fill it
 * directly.
 */
export class InMemoryGrantStore implements GrantStore {
  readonly #byGrantee = new Map<string, Map<string, Grant>>();
  readonly #suspended = new Set<string>();

  async grantsFor(principal: Principal): Promise<StoredGrants> {
    const grantees = granteesOf(principal);
    if (grantees.length === 0) return NO_STORED_GRANTS;
    const ids = grantees.map(granteeId);
    if (ids.some((id) => this.#suspended.has(id))) return { grants: [], suspended: true };
    return { grants: ids.flatMap((id) => [...(this.#byGrantee.get(id)?.values() ?? [])]), suspended: false };
  }

  /** One grant per grantee and dataset: a later one replaces the earlier. */
  put(grant: Grant): void {
    const id = granteeId(grant.grantee);
    let grants = this.#byGrantee.get(id);
    if (!grants) this.#byGrantee.set(id, (grants = new Map()));
    grants.set(grant.datasetId, { ...grant, source: 'store' });
  }

  revoke(datasetId: string, grantee: Grantee): void {
    this.#byGrantee.get(granteeId(grantee))?.delete(datasetId);
  }

  suspend(grantee: Grantee): void {
    this.#suspended.add(granteeId(grantee));
  }

  reinstate(grantee: Grantee): void {
    this.#suspended.delete(granteeId(grantee));
  }
}
