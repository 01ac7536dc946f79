import type { DatasetFacts } from './facts.js';
import type { Grant, Principal } from './principal.js';
import type { RequestAccess } from './request-access.js';

/**
 * The one list of stable reason codes of a denial, sent to clients as extensions.reason. The policies
 * give the first twelve; the gateway gives the last five itself (ARCHITECTURE.md "Authorization"): a
 * missing scope and an unknown policy before planning, facts it could not read, a rule that failed
 * and grants it could not read (the governance store or subgraph did not answer) during the second pass.
 */
export const DENIAL_REASONS = [
  'AUTHENTICATION_REQUIRED',
  'NOT_A_MEMBER',
  'DATA_USE_AGREEMENT_NOT_ACCEPTED',
  'LICENCE_NOT_ACCEPTED',
  'PURPOSE_NOT_DECLARED',
  'PURPOSE_INCOMPATIBLE',
  'DUTY_NOT_ACCEPTED',
  'NO_ACTIVE_GRANT',
  'EMBARGOED',
  'RETENTION_EXPIRED',
  'NOT_A_STEWARD',
  'UNKNOWN_USE_CONDITION',
  'MISSING_SCOPES',
  'POLICY_NOT_ENFORCEABLE',
  'NO_GOVERNANCE_FACTS',
  'POLICY_ERROR',
  'GRANTS_UNAVAILABLE',
  // The audit trail could not be written: no audit, no access (ARCHITECTURE.md "Audit").
  'AUDIT_UNAVAILABLE',
] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];

export type PolicyDecision =
  | { allow: true; /** DUO duties (PUB, COL, RTN, MOR) that come with the use. */ duties: readonly string[] }
  | {
    allow: false;
    reason: DenialReason;
    /** For people: what failed. */
    detail: string;
    /** How to obtain access. */
    obtainAccess?: string;
    /** For clients: what to ask the governance subgraph for, when a grant would lift this denial (request-access.ts). */
    requestAccess?: RequestAccess;
  };

export type PolicyDenial = Extract<PolicyDecision, { allow: false }>;

export interface PolicyInput {
  principal: Principal;
  facts: DatasetFacts;
  /** The principal's grants from every source (token and grant store), expired ones included. */
  grants: readonly Grant[];
  now: Date;
}

/** A named policy or one of its rules: pure, no I/O, same input same answer. */
export type Policy = (input: PolicyInput) => PolicyDecision;

/** Policies by the name a supergraph's @policy directives use. */
export type NamedPolicies = Readonly<Record<string, Policy>>;

export const ALLOW: PolicyDecision = Object.freeze({ allow: true, duties: [] });

export function deny(reason: DenialReason, detail: string, obtainAccess?: string): PolicyDecision {
  return obtainAccess ? { allow: false, reason, detail, obtainAccess } : { allow: false, reason, detail };
}
