import { z } from 'zod';
import { AFFILIATIONS, PURPOSE_CATEGORIES } from '../../schema/vocabulary.js';
import { ANONYMOUS, type Grant, type Principal } from '../../schema/policy/principal.js';

// The caller's principal as the gateway forwards it to the catalog index, for usableBy: ME. It
// travels in a header covered by the request signature (request-signing.ts), so the index trusts
// it only when the gateway signed it: a client can never set it.

export const PRINCIPAL_HEADER = 'x-concord-principal';

const ForwardedPrincipal = z.strictObject({
  sub: z.string().nullable(),
  org: z.string().nullable(),
  scopes: z.array(z.string()),
  affiliation: z.enum(AFFILIATIONS).nullable(),
  country: z.string().nullable(),
  acceptedTerms: z.array(z.string()),
  purpose: z.strictObject({
    category: z.enum(PURPOSE_CATEGORIES),
    diseaseId: z.string().nullable(),
    genetic: z.boolean(),
    commercial: z.boolean(),
    ethicsApproval: z.boolean(),
    project: z.string().nullable(),
  }).nullable(),
  grants: z.array(z.strictObject({
    datasetId: z.string(),
    grantee: z.union([
      z.strictObject({ kind: z.literal('person'), subject: z.string() }),
      z.strictObject({ kind: z.literal('organisation'), organisation: z.string() }),
    ]),
    expiresAt: z.number(),
    source: z.enum(['token', 'store']),
    id: z.string().optional(),
    /** Licences the grant's request accepted: accepted for that dataset (the licence rule). */
    acceptedTerms: z.array(z.string()).optional(),
  })),
});

/** The principal with every grant that applies to it (token and grant store), as one header value. */
export function encodePrincipal(principal: Principal, grants: readonly Grant[]): string {
  const forwarded: z.infer<typeof ForwardedPrincipal> = {
    sub: principal.subject,
    org: principal.organisation,
    scopes: [...principal.scopes],
    affiliation: principal.affiliation,
    country: principal.country,
    acceptedTerms: [...principal.acceptedTerms],
    purpose: principal.purpose,
    grants: grants.map(({ acceptedTerms, ...grant }) => ({ ...grant, ...(acceptedTerms ? { acceptedTerms: [...acceptedTerms] } : {}) })),
  };
  return Buffer.from(JSON.stringify(forwarded), 'utf8').toString('base64url');
}

/** Undefined header: anonymous. A header that does not decode is an error, never anonymous. */
export function decodePrincipal(header: string | undefined): Principal {
  if (header === undefined) return ANONYMOUS;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
  } catch {
    throw new Error('forwarded principal is not base64url JSON');
  }
  const parsed = ForwardedPrincipal.parse(json);
  return Object.freeze({
    authenticated: parsed.sub !== null,
    subject: parsed.sub,
    organisation: parsed.org,
    scopes: new Set(parsed.scopes),
    affiliation: parsed.affiliation,
    country: parsed.country,
    acceptedTerms: new Set(parsed.acceptedTerms),
    purpose: parsed.purpose,
    grants: parsed.grants,
  });
}
