import type { DatasetFacts } from '../../schema/policy/facts.js';
import { decideAlternatives, type Alternatives } from '../../schema/policy/policy-alternatives.js';
import type { Grant, Principal } from '../../schema/policy/principal.js';
import type { Logger } from '../../runtime/logger.js';
import type { AuthorizationPolicies } from './authorization-policies.js';
import type { DenialHandling } from './enforcement-mode.js';
import type { Denial } from './field-decision.js';

/**
 * Grants could not be read: the field is denied (fail closed) under the name of the policy that
 * would have decided it, like every other denial, so a client sees which policy it is about.
 */
function grantsUnavailable(alternatives: Alternatives): Denial {
  return {
    policy: policyNamed(alternatives),
    reason: 'GRANTS_UNAVAILABLE',
    obtainAccess: 'Grants could not be read just now; try again shortly.',
  };
}

/**
 * The policy a denial that no rule made is named after: the first policy of the first alternative,
 * the one decideAlternatives would report first (schema/policy/policy-alternatives.ts). "policy"
 * only when the field has no alternative at all.
 */
export function policyNamed(alternatives: Alternatives): string {
  return alternatives[0]?.[0] ?? 'policy';
}

/** One per-entity decision, as logged (with the policy version) and counted. */
export interface EntityDecision {
  coordinate: string;
  datasetId: string | null;
  outcome: 'allow' | 'deny' | 'would-deny';
  reason?: string;
  /** The policy that denied; for an allow, the field's first policy (policyNamed), for metrics. */
  policy?: string;
}

export interface EntityDecisionsInput {
  principal: Principal;
  policies: AuthorizationPolicies;
  /** What the mode does with a per-entity denial (enforcement-mode.ts). */
  entityDenials: DenialHandling;
  now: Date;
  /** The principal's grants (token and store), or why they could not be read. */
  grants: { ok: true; grants: readonly Grant[] } | { ok: false; error: unknown };
  logger: Logger;
  /** Withhold every field with this denial instead of deciding (the audit trail cannot be written). */
  withhold?: Denial;
}

/**
 * The per-entity decisions of one request (ARCHITECTURE.md "Per-entity decisions"): each (facts,
 * alternatives) pair is decided once, however many fields and aliases ask for it; every field asking
 * is recorded for the decision log. Created per request, never shared.
 */
export class EntityDecisions {
  readonly decisions: EntityDecision[] = [];
  /** The partner of each dataset decided, for the audit trail. */
  readonly partnerOf = new Map<string, string>();
  readonly #decided = new Map<DatasetFacts, Map<Alternatives, Denial | null>>();
  #grantFailureLogged = false;

  constructor(private readonly input: EntityDecisionsInput) {}

  get entityDenials(): DenialHandling {
    return this.input.entityDenials;
  }

  /** The denial to apply to the field, or null to serve it (allowed, or log-only in dry-run). */
  decide(coordinate: string, alternatives: Alternatives, facts: DatasetFacts | null): Denial | null {
    if (this.input.withhold) {
      this.decisions.push({ coordinate, datasetId: facts?.datasetId ?? null, outcome: 'deny', reason: this.input.withhold.reason, policy: this.input.withhold.policy });
      return this.input.withhold;
    }
    if (alternatives.length === 0) {
      // No alternative this gateway can evaluate: the field can never be allowed (fail closed).
      this.decisions.push({ coordinate, datasetId: facts?.datasetId ?? null, outcome: 'deny', reason: 'POLICY_NOT_ENFORCEABLE', policy: 'policy' });
      return { policy: 'policy', reason: 'POLICY_NOT_ENFORCEABLE' };
    }
    if (!facts) {
      // No governed ancestor, or facts that cannot be read: nothing to decide on, so deny.
      this.decisions.push({ coordinate, datasetId: null, outcome: 'deny', reason: 'NO_GOVERNANCE_FACTS', policy: policyNamed(alternatives) });
      return { policy: policyNamed(alternatives), reason: 'NO_GOVERNANCE_FACTS' };
    }
    this.partnerOf.set(facts.datasetId, facts.partnerId);
    let byAlternatives = this.#decided.get(facts);
    if (!byAlternatives) {
      byAlternatives = new Map();
      this.#decided.set(facts, byAlternatives);
    }
    let denial = byAlternatives.get(alternatives);
    if (denial === undefined) {
      denial = this.#evaluate(coordinate, alternatives, facts);
      byAlternatives.set(alternatives, denial);
    }
    if (denial === null) {
      this.decisions.push({ coordinate, datasetId: facts.datasetId, outcome: 'allow', policy: policyNamed(alternatives) });
      return null;
    }
    // Faults withhold even in dry-run: a decision that could not be made is no decision to log as allowed.
    if (this.input.entityDenials === 'log-only' && denial.reason !== 'POLICY_ERROR' && denial.reason !== 'GRANTS_UNAVAILABLE') {
      this.decisions.push({ coordinate, datasetId: facts.datasetId, outcome: 'would-deny', reason: denial.reason, policy: denial.policy });
      return null;
    }
    this.decisions.push({ coordinate, datasetId: facts.datasetId, outcome: 'deny', reason: denial.reason, policy: denial.policy });
    return denial;
  }

  #evaluate(coordinate: string, alternatives: Alternatives, facts: DatasetFacts): Denial | null {
    const { grants, principal, now, policies, logger } = this.input;
    if (!grants.ok) {
      if (!this.#grantFailureLogged) {
        this.#grantFailureLogged = true;
        logger.error({ err: grants.error, field: coordinate, policyVersion: policies.version }, 'grants could not be read; guarded fields denied');
      }
      // Fail closed, and say why: the store may answer again on the next request.
      return grantsUnavailable(alternatives);
    }
    try {
      const result = decideAlternatives(alternatives, { principal, facts, grants: grants.grants, now }, policies.named);
      if (result.allow) return null;
      const { policy, decision } = result;
      return {
        policy,
        reason: decision.reason,
        ...(decision.obtainAccess ? { obtainAccess: decision.obtainAccess } : {}),
        ...(decision.requestAccess ? { requestAccess: decision.requestAccess } : {}),
      };
    } catch (error) {
      // A rule that throws denies the field and is logged; it never allows (ARCHITECTURE.md "Per-entity decisions").
      logger.error({ err: error, field: coordinate, policyVersion: policies.version }, 'policy rule failed; field denied');
      return { policy: policyNamed(alternatives), reason: 'POLICY_ERROR' };
    }
  }
}
