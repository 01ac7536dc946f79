import { SignJWT } from 'jose';
import { CONSORTIUM_DUA, institutionScope, MEMBER_SCOPE, partnerScope, stewardScope } from '../../schema/policy/principal.js';
import type { TokenClaims } from '../../schema/identity-claims.js';
import { BOARD_SCOPE } from '../../schema/governance-contract.js';

// The people of the local demo, one per kind of access the catalog distinguishes. Typed as
// TokenClaims so that a persona the verifier would refuse does not compile. Each `org` comes with the
// scope the demo identity provider vouches for it with (schema/policy/verified-organisation.ts):
// without it the organisation would count for nothing.

export const PERSONA_NAMES = ['anonymous', 'researcher', 'analyst', 'steward', 'board'] as const;
export type PersonaName = (typeof PERSONA_NAMES)[number];

const DAY_SECONDS = 86_400;
export const DEMO_GRANT_DAYS = 180;

export function isPersonaName(name: string): name is PersonaName {
  return (PERSONA_NAMES as readonly string[]).includes(name);
}

/** A grant as a token carries it, valid for DEMO_GRANT_DAYS from `nowMs`. */
export function demoGrant(datasetId: string, nowMs = Date.now()): { dataset: string; expires: number } {
  return { dataset: datasetId, expires: Math.floor(nowMs / 1000) + DEMO_GRANT_DAYS * DAY_SECONDS };
}

/** The partner whose datasets the demo steward governs unless another is named. */
export const DEMO_STEWARD_PARTNER = 'northbridge-hospital';

/**
 * The persona's claims; null for anonymous, who sends no token at all. `stewardOf` names the partner the
 * steward persona works for, so that a partner added with `npm run add-partner` has a steward to try.
 */
export function personaClaims(name: PersonaName, nowMs = Date.now(), stewardOf = DEMO_STEWARD_PARTNER): TokenClaims | null {
  switch (name) {
    case 'anonymous':
      return null;
    case 'researcher':
      return researcher(nowMs);
    case 'analyst':
      return analyst();
    case 'steward':
      return steward(stewardOf);
    case 'board':
      return board();
  }
}

/** An outside academic with a health-research purpose and one controlled-access grant from a partner. */
function researcher(nowMs: number): TokenClaims {
  return {
    sub: 'demo-researcher',
    org: 'uni-leiden',
    scope: `${MEMBER_SCOPE} ${institutionScope('uni-leiden')}`,
    affiliation: 'academic',
    country: 'NL',
    accepted_terms: [CONSORTIUM_DUA, 'LicenseRef-NUH-DUA-2.1', 'DUO:0000019'],
    purpose: { category: 'health', commercial: false, ethics_approval: true },
    grants: [demoGrant('northbridge-hospital:ds-022', nowMs)],
  };
}

/** A commercial member: sees what commercial licences allow, nothing that forbids commercial use. */
function analyst(): TokenClaims {
  return {
    sub: 'demo-analyst',
    org: 'acme-analytics',
    scope: `${MEMBER_SCOPE} ${institutionScope('acme-analytics')}`,
    affiliation: 'commercial',
    country: 'DE',
    accepted_terms: [CONSORTIUM_DUA, 'LicenseRef-Helix-Commercial-1.0'],
    purpose: { category: 'general', commercial: true, ethics_approval: false },
  };
}

/** Stewards their own partner's datasets. */
function steward(partnerId: string): TokenClaims {
  return {
    sub: partnerId === DEMO_STEWARD_PARTNER ? 'demo-steward' : `demo-steward-${partnerId}`,
    org: partnerId,
    scope: `${MEMBER_SCOPE} ${partnerScope(partnerId)} ${stewardScope(partnerId)}`,
    affiliation: 'nonprofit',
    country: 'GB',
    accepted_terms: [CONSORTIUM_DUA],
    purpose: { category: 'health', commercial: false },
  };
}

/**
 * Sits on the consortium's governance board: sees overdue requests and appeals, decides appeals,
 * revokes any grant, suspends and reinstates access. A member of the consortium's own office, with
 * no organisation the identity provider vouches for, and a general research purpose of their own.
 */
function board(): TokenClaims {
  return {
    sub: 'demo-board',
    scope: `${MEMBER_SCOPE} ${BOARD_SCOPE}`,
    affiliation: 'nonprofit',
    country: 'BE',
    accepted_terms: [CONSORTIUM_DUA],
    purpose: { category: 'general', commercial: false },
  };
}

export interface MintTokenInput {
  claims: TokenClaims;
  secret: string;
  issuer: string;
  audience: string;
  expiresInSeconds: number;
}

/** An HS256 token the gateway accepts when it runs with JWT_HS256_SECRET; for the local demo and tests only. */
export async function mintToken({ claims, secret, issuer, audience, expiresInSeconds }: MintTokenInput): Promise<string> {
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds <= 0) {
    throw new RangeError(`expiresInSeconds must be a positive whole number, got ${expiresInSeconds}`);
  }
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setIssuer(issuer)
    .setAudience(audience)
    .setExpirationTime(now + expiresInSeconds)
    .sign(new TextEncoder().encode(secret));
}
