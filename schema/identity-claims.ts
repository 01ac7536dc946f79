import { z } from 'zod';
import type { Grant, Principal, ResearchPurpose } from './policy/principal.js';
import { AFFILIATIONS, PURPOSE_CATEGORIES } from './vocabulary.js';

// The Concord claims of a verified token (ARCHITECTURE.md "Identity and organisation claims") and the Principal they describe. The
// signature and the registered claims (iss, aud, exp, nbf) are the verifier's business; this module
// only reads what the token says about the person. Authorization rests on these values, so a claim
// we know but cannot read rejects the token rather than being dropped: a dropped `purpose.commercial`
// must not look like "no declared purpose" to one policy and "non-commercial" to another.

/** The last second a JavaScript Date can represent, so that expiresAt stays a valid epoch-milliseconds value. */
const MAX_EPOCH_SECONDS = 8.64e12;

const nonEmptyString = () =>
  z.string({ error: 'expected a non-empty string' }).min(1, { error: 'expected a non-empty string' });
const flag = () => z.boolean({ error: 'expected true or false' });
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `expected one of ${values.join(', ')}` });

const purposeSchema = z
  .object(
    {
      category: oneOf(PURPOSE_CATEGORIES),
      disease_id: nonEmptyString().optional(),
      genetic: flag().default(false),
      // No default: guessing "non-commercial" for a token that does not say would open commercial-use-forbidden data.
      commercial: flag(),
      ethics_approval: flag().default(false),
      project: nonEmptyString().optional(),
    },
    { error: 'expected an object' },
  )
  .superRefine((purpose, ctx) => {
    if (purpose.category === 'disease' && purpose.disease_id === undefined) {
      ctx.addIssue({ code: 'custom', path: ['disease_id'], message: 'required when category is "disease"' });
    }
  });

const grantSchema = z.object(
  {
    dataset: nonEmptyString(),
    expires: z
      .number({ error: 'expected a whole number of seconds since the epoch' })
      .int({ error: 'expected a whole number of seconds since the epoch' })
      .positive({ error: 'expected a whole number of seconds since the epoch' })
      .max(MAX_EPOCH_SECONDS, { error: 'expected a whole number of seconds since the epoch' }),
  },
  { error: 'expected an object with "dataset" and "expires"' },
);

/** Unknown claims are stripped: issuers add their own, and only those below mean anything here. */
export const tokenClaimsSchema = z.object(
  {
    sub: nonEmptyString(),
    org: nonEmptyString().optional(),
    scope: z.string({ error: 'expected a space-separated string' }).optional(),
    affiliation: oneOf(AFFILIATIONS).optional(),
    country: z
      .string({ error: 'expected an ISO 3166-1 alpha-2 code in upper case, e.g. "NL"' })
      .regex(/^[A-Z]{2}$/, { error: 'expected an ISO 3166-1 alpha-2 code in upper case, e.g. "NL"' })
      .optional(),
    accepted_terms: z.array(nonEmptyString(), { error: 'expected an array of strings' }).optional(),
    purpose: purposeSchema.optional(),
    grants: z.array(grantSchema, { error: 'expected an array of grants' }).optional(),
  },
  { error: 'expected a JSON object' },
);

/** The claims as an issuer writes them (defaults not yet applied); what the demo personas are typed as. */
export type TokenClaims = z.input<typeof tokenClaimsSchema>;
type ParsedClaims = z.output<typeof tokenClaimsSchema>;

export type ClaimsResult = { ok: true; principal: Principal } | { ok: false; reason: string };

export function principalFromClaims(payload: unknown): ClaimsResult {
  const parsed = tokenClaimsSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: describeIssue(parsed.error.issues[0]) };
  return { ok: true, principal: toPrincipal(parsed.data) };
}

/** One issue is enough for the client to fix the token; the first keeps the reason stable. */
function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue || issue.path.length === 0) return `claims: ${issue?.message ?? 'expected a JSON object'}`;
  return `claim "${claimPath(issue.path)}": ${issue.message}`;
}

function claimPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index > 0 ? '.' : ''}${String(segment)}`))
    .join('');
}

function toPrincipal(claims: ParsedClaims): Principal {
  return Object.freeze({
    authenticated: true,
    subject: claims.sub,
    organisation: claims.org ?? null,
    // Space-delimited, as the OAuth "scope" claim is (RFC 8693 §4.2).
    scopes: new Set(claims.scope?.split(' ').filter(Boolean) ?? []),
    affiliation: claims.affiliation ?? null,
    country: claims.country ?? null,
    acceptedTerms: new Set(claims.accepted_terms ?? []),
    purpose: claims.purpose ? toPurpose(claims.purpose) : null,
    grants: Object.freeze((claims.grants ?? []).map((grant) => toGrant(grant, claims.sub))),
  });
}

function toPurpose(purpose: NonNullable<ParsedClaims['purpose']>): ResearchPurpose {
  return {
    category: purpose.category,
    // A disease id only qualifies disease research (DUO DS); elsewhere it would let a health purpose
    // match a disease-specific restriction.
    diseaseId: purpose.category === 'disease' ? purpose.disease_id ?? null : null,
    genetic: purpose.genetic,
    commercial: purpose.commercial,
    ethicsApproval: purpose.ethics_approval,
    project: purpose.project ?? null,
  };
}

function toGrant(grant: NonNullable<ParsedClaims['grants']>[number], subject: string): Grant {
  return {
    datasetId: grant.dataset,
    grantee: { kind: 'person', subject },
    expiresAt: grant.expires * 1000,
    source: 'token',
  };
}
