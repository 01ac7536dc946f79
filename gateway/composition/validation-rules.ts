import type { ValidationRule } from 'graphql';
import type { GatewayConfig } from '../config.js';
import { createMaxAliasesRule } from '../validation/max-aliases-rule.js';
import { createMaxDepthRule } from '../validation/max-depth-rule.js';
import { ReservedNamesRule } from '../validation/reserved-names-rule.js';

/**
 * Checked before planning (ARCHITECTURE.md, "Request path", step 3): aliases in the gateway's own
 * reserved `__` names first, then the cost limits. A new limit is registered here.
 */
export function createValidationRules(config: Pick<GatewayConfig, 'maxQueryDepth' | 'maxAliases'>): ValidationRule[] {
  return [ReservedNamesRule, createMaxDepthRule(config.maxQueryDepth), createMaxAliasesRule(config.maxAliases)];
}
