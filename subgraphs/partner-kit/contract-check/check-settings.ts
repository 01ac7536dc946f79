import { parseArgs } from 'node:util';
import { readSigningSecret, readSigningSecrets, type Env } from '../../../runtime/env.js';
import { isPartnerId } from '../../../schema/vocabulary.js';
import { EXIT_CODES } from './exit-codes.js';

// The checker's command line and environment, read once. The signing key comes from the variables
// the gateway reads (gateway/config.ts): SUBGRAPH_SIGNING_SECRETS' entry for the partner, else
// SUBGRAPH_SIGNING_SECRET; it is never printed, only where it came from.

export const USAGE = `usage: npm run check-partner -- --url URL [--partner ID] [--json] [--timeout-ms MS] [--page-size N]

Checks a partner subgraph on any stack against Concord's contract (schema/partner.graphql): its SDL
(types, fields, the entity type and its key, the security directives on guarded fields, composition
with the federation), its harvest and pagination, _entities, and that unsigned, wrongly signed,
tampered, stale and replayed requests are refused. Each failure is printed with how to fix it.

  --url URL         the partner's GraphQL endpoint, e.g. https://partner.example.org/graphql
  --partner ID      the partner id (e.g. acme-labs); by default the one the partner's harvest names
  --json            one JSON document on stdout instead of the text report
  --timeout-ms MS   how long one request may take (default 10000)
  --page-size N     datasets per harvest page when reading the whole harvest (default 500)

Environment: the key the partner verifies signed requests with, as the gateway takes it:
SUBGRAPH_SIGNING_SECRETS=<partner-id>=<key>,... (the partner's entry), or SUBGRAPH_SIGNING_SECRET.
Exit codes: ${EXIT_CODES.passed} every check passed (warnings allowed), ${EXIT_CODES.failed} the partner failed a check, ${EXIT_CODES.usage} bad usage,
${EXIT_CODES.unreachable} the partner cannot be reached.`;

export interface CheckSettings {
  url: string;
  /** The partner id given, or the one SUBGRAPH_SIGNING_SECRETS' only entry names; else learned from the partner. */
  partnerId: string | null;
  signingSecret: string;
  /** Where the key came from, for messages: "SUBGRAPH_SIGNING_SECRETS (entry acme-labs)". */
  keySource: string;
  json: boolean;
  timeoutMs: number;
  pageSize: number;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

const MAX_TIMEOUT_MS = 600_000;
const MAX_PAGE_SIZE = 5000;

/** The settings, or 'help'; a UsageError (or ConfigError) names what is wrong. */
export function readCheckSettings(argv: readonly string[], env: Env): CheckSettings | 'help' {
  const args = commandLine(argv);
  if (args.help) return 'help';
  if (!args.url) throw new UsageError('--url is required: the partner\'s GraphQL endpoint');
  if (!URL.canParse(args.url) || !/^https?:$/.test(new URL(args.url).protocol)) {
    throw new UsageError(`--url must be an http(s) URL, got "${args.url}"`);
  }
  if (args.partner !== undefined && !isPartnerId(args.partner)) {
    throw new UsageError(`--partner must be a partner id such as acme-labs, got "${args.partner}"`);
  }
  const key = signingKey(env, args.partner ?? null);
  return {
    url: args.url,
    partnerId: args.partner ?? key.partnerId,
    signingSecret: key.secret,
    keySource: key.source,
    json: args.json ?? false,
    timeoutMs: whole(args['timeout-ms'], '--timeout-ms', 10_000, MAX_TIMEOUT_MS),
    pageSize: whole(args['page-size'], '--page-size', 500, MAX_PAGE_SIZE),
  };
}

function commandLine(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        url: { type: 'string' }, partner: { type: 'string' }, json: { type: 'boolean' },
        'timeout-ms': { type: 'string' }, 'page-size': { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(`command line: ${(error as Error).message}`);
  }
}

function whole(raw: string | undefined, name: string, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new UsageError(`${name} must be a whole number from 1 to ${max}, got "${raw}"`);
  return value;
}

function signingKey(env: Env, partnerId: string | null): { secret: string; source: string; partnerId: string | null } {
  const perSubgraph = readSigningSecrets(env);
  if (partnerId !== null) {
    const own = perSubgraph.get(partnerId);
    if (own) return { secret: own, source: `SUBGRAPH_SIGNING_SECRETS (entry "${partnerId}")`, partnerId };
  }
  const shared = readSigningSecret(env, false);
  if (shared) return { secret: shared, source: 'SUBGRAPH_SIGNING_SECRET', partnerId };
  if (partnerId === null && perSubgraph.size === 1) {
    const [[name, secret]] = [...perSubgraph] as [[string, string]];
    return { secret, source: `SUBGRAPH_SIGNING_SECRETS (entry "${name}")`, partnerId: isPartnerId(name) ? name : null };
  }
  if (partnerId === null && perSubgraph.size > 1) {
    throw new UsageError(`--partner is needed to choose the key among SUBGRAPH_SIGNING_SECRETS' entries (${[...perSubgraph.keys()].join(', ')})`);
  }
  throw new UsageError(
    `no signing key${partnerId ? ` for partner "${partnerId}"` : ''}: set SUBGRAPH_SIGNING_SECRETS to ${partnerId ?? '<partner-id>'}=<key>, or SUBGRAPH_SIGNING_SECRET to <key>, `
    + 'with the key the partner verifies signed requests with (at least 32 characters)',
  );
}
