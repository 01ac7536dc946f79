import { isIP } from 'node:net';
import { ConfigError, readEnum, readPositiveInt, type Env } from '../../runtime/env.js';

// The rate limits' settings (issue 12, item 3) with their defaults in one place; gateway/config.ts
// reads them from the environment. Every quota is in units a minute: a request takes one unit, and an
// operation whose estimated cost (gateway/limits/cost-estimate.ts) is over `costPerUnit` takes one
// unit per `costPerUnit`, rounded up.

export interface RateLimitSettings {
  /** RATE_LIMITS=off turns them off (a gateway behind a proxy that limits on its own). */
  enabled: boolean;
  /** Callers without a token, per client address (an IPv6 address counts by its /64 network). */
  anonymousPerMinute: number;
  /** Each signed-in person, by the token's subject. */
  principalPerMinute: number;
  /** Each verified organisation (schema/policy/verified-organisation.ts), shared by its members. */
  organisationPerMinute: number;
  /** Estimated cost that one unit pays for. */
  costPerUnit: number;
}

/** The quotas' window: every quota is per minute, and a full bucket refills in one. */
export const WINDOW_SECONDS = 60;

/**
 * Defaults for a small deployment. Anonymous: 600 units a minute per address (issue 12). A unit pays
 * for an estimated cost of 100, so that what people ask one at a time (a dataset, the policy, a page
 * of up to about eight datasets with their public fields) takes one unit and 600 such requests a
 * minute pass, while a page of 50 datasets' public fields (cost about 1,550) takes 16, so 37 a minute,
 * and a minute of an address's quota pays for an estimated cost of 60,000 in all: an operation near
 * the cost ceiling (MAX_COST) waits for a full bucket and empties it. A signed-in person is
 * accountable and gets twice as much; an organisation's quota bounds all its members and tools
 * together, about five people at their full rate.
 */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  enabled: true,
  anonymousPerMinute: 600,
  principalPerMinute: 1_200,
  organisationPerMinute: 6_000,
  costPerUnit: 100,
};

/** The settings from the environment; a bad value stops start-up naming its variable. */
export function readRateLimitSettings(env: Env): RateLimitSettings {
  const d = DEFAULT_RATE_LIMITS;
  return {
    enabled: readEnum(env, 'RATE_LIMITS', ['on', 'off'], 'on') === 'on',
    anonymousPerMinute: readPositiveInt(env, 'RATE_LIMIT_ANONYMOUS_PER_MINUTE', d.anonymousPerMinute),
    principalPerMinute: readPositiveInt(env, 'RATE_LIMIT_PRINCIPAL_PER_MINUTE', d.principalPerMinute),
    organisationPerMinute: readPositiveInt(env, 'RATE_LIMIT_ORGANISATION_PER_MINUTE', d.organisationPerMinute),
    costPerUnit: readPositiveInt(env, 'RATE_LIMIT_COST_UNIT', d.costPerUnit),
  };
}

/** Units an operation of this estimated cost takes: at least one, then one per costPerUnit, rounded up. */
export function unitsForCost(cost: number, costPerUnit: number): number {
  if (cost <= costPerUnit) return 1;
  return Math.min(Number.MAX_SAFE_INTEGER, Math.ceil(cost / costPerUnit));
}

/**
 * TRUSTED_PROXIES: the addresses and networks (CIDR) of the reverse proxies in front of the gateway,
 * whose X-Forwarded-For entries are believed. Unset: none, and the client is the socket's peer.
 */
export function readTrustedProxies(env: Env, name = 'TRUSTED_PROXIES'): string[] {
  const raw = env[name];
  if (!raw) return [];
  const entries = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of entries) {
    if (!isAddressOrNetwork(entry)) {
      throw new ConfigError(`${name} must be a comma-separated list of IP addresses or CIDR networks (10.0.0.0/8, fd00::/8), got "${entry}"`);
    }
  }
  return entries;
}

export function isAddressOrNetwork(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
