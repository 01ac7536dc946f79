import type { Grant, Principal } from '../../schema/policy/principal.js';
import { granteeKey, granteeKeysOf, type GrantStore } from './grant-store.js';

/** The embedded default: one process, nothing kept across restarts. */
export class InMemoryGrantStore implements GrantStore {
  readonly #byGrantee = new Map<string, Map<string, Grant>>();

  async grantsFor(principal: Principal): Promise<Grant[]> {
    if (!principal.authenticated) return [];
    return granteeKeysOf(principal).flatMap((key) => [...(this.#byGrantee.get(key)?.values() ?? [])]);
  }

  async put(grant: Grant): Promise<void> {
    const key = granteeKey(grant.grantee);
    let grants = this.#byGrantee.get(key);
    if (!grants) this.#byGrantee.set(key, (grants = new Map()));
    grants.set(grant.datasetId, { ...grant, source: 'store' });
  }

  async revoke(datasetId: string, grantee: Grant['grantee']): Promise<void> {
    this.#byGrantee.get(granteeKey(grantee))?.delete(datasetId);
  }
}
