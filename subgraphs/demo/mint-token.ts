import { parseArgs } from 'node:util';
import {
  demoGrant, isPersonaName, mintToken, personaClaims, PERSONA_NAMES,
} from './demo-personas.js';
import { DEMO_AUDIENCE, DEMO_ISSUER, demoSecret } from './demo-identity.js';
import { readFederationManifest } from '../../schema/federation-manifest.js';

// `npm run token -- --persona researcher [--expires-in SECONDS] [--grant DATASET_ID ...] [--partner ID]`
// Only the token goes to stdout, so that `TOKEN=$(npm run -s token -- --persona researcher)` works;
// everything meant for a person goes to stderr.

const USAGE = `usage: npm run token -- --persona ${PERSONA_NAMES.join('|')} [--expires-in SECONDS] [--grant DATASET_ID]... [--partner ID (steward only)]`;
/** A working day: long enough for a demo session, short enough that a pasted token goes stale. */
const DEFAULT_EXPIRES_IN_SECONDS = 8 * 3600;

function fail(message: string): never {
  process.stderr.write(`mint-token: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function readArgs(): { persona: string; expiresIn: number; grants: string[]; partner: string | undefined } {
  let values;
  try {
    values = parseArgs({
      options: {
        persona: { type: 'string' },
        'expires-in': { type: 'string' },
        grant: { type: 'string', multiple: true },
        partner: { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
  if (!values.persona) fail('--persona is required');
  return {
    persona: values.persona,
    expiresIn: readExpiresIn(values['expires-in']),
    grants: values.grant ?? [],
    partner: values.partner,
  };
}

/** Only a partner of the federation manifest can have a steward: any other id would govern nothing. */
function readStewardPartner(persona: string, partner: string | undefined): string | undefined {
  if (partner === undefined) return undefined;
  if (persona !== 'steward') fail(`--partner applies to the steward persona only, not "${persona}"`);
  const partners = readFederationManifest().partners.map((p) => p.id);
  if (!partners.includes(partner)) fail(`--partner "${partner}" is not in schema/subgraphs.json; partners: ${partners.join(', ')}`);
  return partner;
}

function readExpiresIn(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_EXPIRES_IN_SECONDS;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds <= 0) fail(`--expires-in must be a positive whole number of seconds, got "${raw}"`);
  return seconds;
}

async function main(): Promise<void> {
  const { persona, expiresIn, grants, partner } = readArgs();
  if (!isPersonaName(persona)) fail(`unknown persona "${persona}"; personas: ${PERSONA_NAMES.join(', ')}`);
  const claims = personaClaims(persona, Date.now(), readStewardPartner(persona, partner));
  if (claims === null) fail(`persona "${persona}" has no token: send the request without an Authorization header`);
  const token = await mintToken({
    claims: { ...claims, grants: [...(claims.grants ?? []), ...grants.map((id) => demoGrant(id))] },
    secret: process.env.JWT_HS256_SECRET || demoSecret(),
    issuer: process.env.JWT_ISSUER || DEMO_ISSUER,
    audience: process.env.JWT_AUDIENCE || DEMO_AUDIENCE,
    expiresInSeconds: expiresIn,
  });
  process.stdout.write(`${token}\n`);
  process.stderr.write(`mint-token: persona "${persona}" (sub ${claims.sub}), valid ${expiresIn} s; for the local demo only\n`);
}

await main();
