// The reference second pass: the gateway's former graphql-js execute pass, kept as it was so that
// test/unit/gateway/authz/second-pass-equivalence.test.ts can hold the walk of gateway/authz to its
// results. Not used by the gateway; change it only to keep it the reference.

import type { FieldNode } from 'graphql';
import type { DatasetFacts } from '../../../schema/policy/facts.js';
import type { Grant, Principal } from '../../../schema/policy/principal.js';
import type { Logger } from '../../../runtime/logger.js';
import type { AuthorizationPolicies } from '../../../gateway/authz/authorization-policies.js';
import type { Denial } from '../../../gateway/authz/field-decision.js';
import type { DenialHandling } from '../../../gateway/authz/enforcement-mode.js';

/** One per-entity decision, as logged (with the policy version) and counted. */
export interface EntityDecision {
  coordinate: string;
  datasetId: string | null;
  outcome: 'allow' | 'deny' | 'would-deny';
  reason?: string;
  policy?: string;
}

/** Everything the second pass needs for one request; created per request, never shared. */
export interface ShapingContext {
  principal: Principal;
  policies: AuthorizationPolicies;
  /** What the mode does with a per-entity denial (enforcement-mode.ts). */
  entityDenials: DenialHandling;
  now: Date;
  /** Static denials, by field node of the client's document. */
  denials: ReadonlyMap<FieldNode, Denial>;
  /** The governance facts that apply to each fetched object: its own or its nearest governed ancestor's. */
  factsOf: WeakMap<object, DatasetFacts>;
  /** Objects whose own facts could not be read: nothing below them is allowed. */
  unreadable: WeakSet<object>;
  /** The principal's grants from the token and the grant store, read once per request. */
  grants(): Promise<readonly Grant[]>;
  decisions: EntityDecision[];
  logger: Logger;
}
