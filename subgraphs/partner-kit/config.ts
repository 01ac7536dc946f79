import {
  ConfigError, readLogLevel, readPort, readSigningSecret, type LogLevel, readCommandLine, readRedisKeyPrefix, readRedisUrl, type Env,
} from '../../runtime/env.js';
import { DEFAULT_KEY_PREFIX } from '../../runtime/governance/grant-keys.js';
import { isPartnerId } from '../../schema/vocabulary.js';

export interface PartnerConfig {
  /** The partner this process serves: its subgraph name and the prefix of its dataset ids. */
  partner: string;
  /** Its catalog file; by default the demo partner's own, subgraphs/partners/<id>/catalog.json. */
  catalogPath: string;
  port: number;
  host: string;
  /** Verifies that requests come from the gateway or the index's harvester (fail closed: required). */
  signingSecret: string;
  /** Where the nonces of signed requests are remembered: Redis shared by this partner's replicas, or null for this process's memory. */
  redisUrl: string | null;
  redisKeyPrefix: string;
  logLevel: LogLevel;
}

const USAGE = 'npm run partner -- --partner ID [--catalog FILE]';

/** Reads and checks every setting once; the first bad one stops start-up, naming the variable. */
export function readPartnerConfig(env: Env, argv: readonly string[] = []): PartnerConfig {
  const args = readCommandLine(argv, ['partner', 'catalog'], USAGE);
  const partner = args.partner ?? env.PARTNER_ID ?? '';
  if (!isPartnerId(partner)) {
    throw new ConfigError(`PARTNER_ID (or --partner) must be a partner id such as northbridge-hospital, got "${partner}"`);
  }
  return {
    partner,
    catalogPath: args.catalog ?? (env.CATALOG_PATH || `subgraphs/partners/${partner}/catalog.json`),
    port: readPort(env, 'PORT', 4101),
    host: env.HOST || '127.0.0.1',
    signingSecret: readSigningSecret(env, true)!,
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readRedisKeyPrefix(env, DEFAULT_KEY_PREFIX),
    logLevel: readLogLevel(env),
  };
}
