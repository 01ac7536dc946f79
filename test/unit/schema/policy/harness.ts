// Shared harness of the policy rule tests (in the manner of graphql-js's validation harness): builders
// with realistic defaults that each row overrides, a fixed clock, and one assertion helper.

import { expect } from 'vitest';
import type { DenialReason, Policy, PolicyDecision, PolicyInput } from '../../../../schema/policy/decision.js';
import type { DatasetFacts } from '../../../../schema/policy/facts.js';
import { ANONYMOUS, institutionScope, partnerScope, type Grant, type Principal, type ResearchPurpose } from '../../../../schema/policy/principal.js';

export const NOW = new Date('2026-11-24T12:00:00Z');
export const DAY = 86_400_000;

/** The owning partner of the default dataset, and an outside institution the default researcher belongs to. */
export const OWNER = 'northbridge-hospital';
export const OUTSIDER_ORG = 'university-of-tartu';
export const RESEARCHER = 'https://orcid.org/0000-0002-1825-0097';
export const DATASET = 'northbridge-hospital:ds-001';
/** The scopes by which the consortium IdP vouches for OUTSIDER_ORG and for OWNER's staff. */
export const OUTSIDER_SCOPE = institutionScope(OUTSIDER_ORG);
export const OWNER_SCOPE = partnerScope(OWNER);

export type PrincipalOverrides = Partial<Omit<Principal, 'scopes' | 'acceptedTerms' | 'purpose'>> & {
  scopes?: readonly string[];
  acceptedTerms?: readonly string[];
  purpose?: Partial<ResearchPurpose> | null;
};

export function purpose(overrides: Partial<ResearchPurpose> = {}): ResearchPurpose {
  return {
    category: 'general',
    diseaseId: null,
    genetic: false,
    commercial: false,
    ethicsApproval: false,
    project: null,
    ...overrides,
  };
}

/**
 * An authenticated academic researcher whose token claims an outside institution (unverified: no
 * scopes), with no terms or purpose.
 */
export function principal(overrides: PrincipalOverrides = {}): Principal {
  const { scopes = [], acceptedTerms = [], purpose: declared = null, ...rest } = overrides;
  return {
    authenticated: true,
    subject: RESEARCHER,
    organisation: OUTSIDER_ORG,
    affiliation: 'academic',
    country: 'GB',
    grants: [],
    ...rest,
    scopes: new Set(scopes),
    acceptedTerms: new Set(acceptedTerms),
    purpose: declared === null ? null : purpose(declared),
  };
}

export const anonymous = (): Principal => ANONYMOUS;

/** A PUBLIC, openly licensed dataset of OWNER with no use conditions, embargo or deletion date. */
export function facts(overrides: Partial<DatasetFacts> = {}): DatasetFacts {
  return {
    datasetId: DATASET,
    partnerId: OWNER,
    dataClass: 'PUBLIC',
    licenceId: 'CC-BY-4.0',
    useConditions: [],
    embargoUntil: null,
    deletionDue: null,
    ...overrides,
  };
}

/** A grant of DATASET to RESEARCHER from the grant store, 30 days from expiry. */
export function grant(overrides: Partial<Grant> & { expiresInDays?: number } = {}): Grant {
  const { expiresInDays = 30, ...rest } = overrides;
  return {
    datasetId: DATASET,
    grantee: { kind: 'person', subject: RESEARCHER },
    expiresAt: NOW.getTime() + expiresInDays * DAY,
    source: 'store',
    ...rest,
  };
}

export const organisationGrant = (organisation: string, overrides: Partial<Grant> & { expiresInDays?: number } = {}) =>
  grant({ grantee: { kind: 'organisation', organisation }, ...overrides });

/** Fills what a row leaves out: the default principal and facts, the principal's own grants, NOW. */
export function input(parts: Partial<PolicyInput> = {}): PolicyInput {
  const who = parts.principal ?? principal();
  return { principal: who, facts: parts.facts ?? facts(), grants: parts.grants ?? who.grants, now: parts.now ?? NOW };
}

export type Expected = 'allow' | DenialReason;

export function outcome(decision: PolicyDecision): Expected {
  return decision.allow ? 'allow' : decision.reason;
}

/** Asserts the outcome (the detail is shown when it differs) and returns the decision for further checks. */
export function expectDecision(policy: Policy, parts: Partial<PolicyInput>, expected: Expected): PolicyDecision {
  const decision = policy(input(parts));
  expect(outcome(decision), decision.allow ? 'allowed' : decision.detail).toBe(expected);
  return decision;
}
