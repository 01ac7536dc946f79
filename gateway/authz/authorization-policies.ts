import type { DatasetFacts } from '../../schema/policy/facts.js';
import type { NamedPolicies } from '../../schema/policy/decision.js';

/** How the gateway finds a governed entity's facts in what it fetched. */
export interface GovernanceFacts {
  /** The interface whose implementations carry the facts, e.g. Dataset. */
  interfaceName: string;
  /** Fields (with reserved aliases) added to every selection set on such an entity. */
  selection: string;
  read(record: Record<string, unknown>): DatasetFacts | null;
  /** Types below a governed entity that carry facts of their own, and the fields that hold them. */
  nested: readonly { typeName: string; selection: string }[];
  /** The facts for an object below a governed entity; null denies everything below it. */
  refine(inherited: DatasetFacts, record: Record<string, unknown>): DatasetFacts | null;
}

/**
 * The named policies the gateway can decide, with their version and the facts they decide on. A
 * policy not among them is denied before planning (fail closed); those among them are decided per
 * entity by decideAlternatives (schema/policy/policy-alternatives.ts).
 */
export interface AuthorizationPolicies {
  version: string;
  named: NamedPolicies;
  facts: GovernanceFacts | null;
}

/** A gateway that knows no policy: every @policy field is denied before planning. */
export const NO_POLICIES: AuthorizationPolicies = Object.freeze({ version: 'none', named: Object.freeze({}), facts: null });
