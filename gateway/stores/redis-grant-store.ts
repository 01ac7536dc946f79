import type { Grant, Principal } from '../../schema/policy/principal.js';
import { granteeKey, granteeKeysOf, type GrantStore } from './grant-store.js';
import type { RedisClient } from './redis-connection.js';

/**
 * One hash per grantee: field = dataset id, value = expiry in epoch ms. Two lookups per request
 * (person and organisation), pipelined; no key scans on the request path.
 */
export class RedisGrantStore implements GrantStore {
  constructor(private readonly client: RedisClient, private readonly prefix = 'concord:grants:') {}

  async grantsFor(principal: Principal): Promise<Grant[]> {
    if (!principal.authenticated) return [];
    const keys = granteeKeysOf(principal);
    const hashes = await Promise.all(keys.map((key) => this.client.hGetAll(this.prefix + key)));
    return keys.flatMap((key, i) => Object.entries(hashes[i] ?? {}).map(([datasetId, expiresAt]) => ({
      datasetId,
      grantee: parseGrantee(key),
      expiresAt: Number(expiresAt),
      source: 'store' as const,
    })));
  }

  async put(grant: Grant): Promise<void> {
    await this.client.hSet(this.prefix + granteeKey(grant.grantee), grant.datasetId, String(grant.expiresAt));
  }

  async revoke(datasetId: string, grantee: Grant['grantee']): Promise<void> {
    await this.client.hDel(this.prefix + granteeKey(grantee), datasetId);
  }
}

function parseGrantee(key: string): Grant['grantee'] {
  const separator = key.indexOf(':');
  const kind = key.slice(0, separator);
  const id = key.slice(separator + 1);
  return kind === 'person' ? { kind: 'person', subject: id } : { kind: 'organisation', organisation: id };
}
