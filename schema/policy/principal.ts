// Who is asking, as the gateway establishes it from a verified token (ARCHITECTURE.md "Identity and organisation claims"). Claims
// loosely follow GA4GH Passport visas: AffiliationAndRole, AcceptedTermsAndPolicies,
// ResearcherStatus, ControlledAccessGrants.

import type { Affiliation, PurposeCategory } from '../vocabulary.js';

/** The research purpose a person declares (the categories: schema/vocabulary.ts PURPOSE_CATEGORIES). */
export interface ResearchPurpose {
  category: PurposeCategory;
  /** For category disease: a MONDO or ICD-10 identifier, compared exactly. */
  diseaseId: string | null;
  /** A genetic study (DUO GSO allows genetic studies only). */
  genetic: boolean;
  commercial: boolean;
  /** Local ethics (IRB/ERB) approval held (DUO IRB). */
  ethicsApproval: boolean;
  /** The approved project, for DUO PS. */
  project: string | null;
}

/** Access to one dataset granted by its partner, to a person or to a whole organisation. */
export interface Grant {
  datasetId: string;
  grantee: { kind: 'person'; subject: string } | { kind: 'organisation'; organisation: string };
  /** Epoch milliseconds. */
  expiresAt: number;
  source: 'token' | 'store';
  /** The governance grant's id (revokeGrant names it); absent for a token's grants. */
  id?: string;
  /**
   * Licences the requester accepted in the request that was approved: accepted for this dataset
   * while the grant is active, as a token's accepted_terms are for every dataset.
   */
  acceptedTerms?: readonly string[];
}

export interface Principal {
  readonly authenticated: boolean;
  readonly subject: string | null;
  /**
   * The `org` claim as the token states it: a partner id or an outside institution. Unverified on
   * its own; rules read it only through verifiedOrganisation (schema/policy/verified-organisation.ts).
   */
  readonly organisation: string | null;
  readonly scopes: ReadonlySet<string>;
  readonly affiliation: Affiliation | null;
  /** ISO 3166-1 alpha-2. */
  readonly country: string | null;
  /** Licence ids and agreement versions the person accepted. */
  readonly acceptedTerms: ReadonlySet<string>;
  readonly purpose: ResearchPurpose | null;
  readonly grants: readonly Grant[];
}

export const ANONYMOUS: Principal = Object.freeze({
  authenticated: false,
  subject: null,
  organisation: null,
  scopes: new Set<string>(),
  affiliation: null,
  country: null,
  acceptedTerms: new Set<string>(),
  purpose: null,
  grants: [],
});

/** The scope every consortium member holds. */
export const MEMBER_SCOPE = 'consortium:member';

/** The consortium data use agreement, required for ANONYMIZED data; its id as it appears in accepted_terms. */
export const CONSORTIUM_DUA = 'concord-dua-1.0';

/** Held by the staff of a partner: with a matching `org`, makes them the owner of its datasets. */
export function partnerScope(partnerId: string): string {
  return `partner:${partnerId}`;
}

/** Held by the people of an outside institution: with a matching `org`, vouches for their affiliation. */
export function institutionScope(institutionId: string): string {
  return `institution:${institutionId}`;
}

export function stewardScope(partnerId: string): string {
  return `steward:${partnerId}`;
}
