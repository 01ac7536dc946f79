import type { ValidationRule } from 'graphql';
import type { ApolloServerPlugin, BaseContext, ContextFunction } from '@apollo/server';
import type { ExpressContextFunctionArgument } from '@as-integrations/express5';
import type { GatewayConfig } from '../config.js';
import { withRequestChecks } from '../limits/request-checks.js';
import { fieldMergingLimits } from '../limits/field-merging-settings.js';
import { requestLimits } from '../limits/request-limits.js';
import { createMaxAliasesRule } from '../validation/max-aliases-rule.js';
import { createMaxCostPlugin } from '../validation/max-cost.js';
import { createMaxDepthRule } from '../validation/max-depth-rule.js';
import { createMaxDirectivesRule } from '../validation/max-directives-rule.js';
import { createMaxNestingRule } from '../validation/max-nesting-rule.js';
import { ReservedNamesRule } from '../validation/reserved-names-rule.js';

export interface RequestLimitChecks<TContext extends BaseContext> {
  /** Step 1: the raw request (variables' size, the text's tokens and nesting), before the token and the parser. */
  checkRequest(context: ContextFunction<[ExpressContextFunctionArgument], TContext>): ContextFunction<[ExpressContextFunctionArgument], TContext>;
  /** The parser stops past the token limit too, for a text that reaches it without passing step 1. */
  parseOptions: { maxTokens: number };
  validationRules: ValidationRule[];
  /** The cost estimate, once the operation is validated and before it is planned. */
  plugins: ApolloServerPlugin<TContext>[];
}

/**
 * Every limit, checked before planning (ARCHITECTURE.md, "Request path", steps 1 and 3): the raw
 * request first, then aliases in the gateway's own reserved `__` names, then directives, nesting,
 * depth and aliases, and last the estimated cost. A new limit is registered here.
 */
export function createRequestLimitChecks<TContext extends BaseContext>(config: Partial<GatewayConfig>): RequestLimitChecks<TContext> {
  const limits = requestLimits(config);
  return {
    checkRequest: (context) => withRequestChecks(context, { ...limits, ...fieldMergingLimits(config) }),
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [
      ReservedNamesRule,
      createMaxDirectivesRule(limits.maxDirectivesPerField, limits.maxDirectives),
      createMaxNestingRule(limits.maxNesting),
      createMaxDepthRule(limits.maxQueryDepth),
      createMaxAliasesRule(limits.maxAliases),
    ],
    plugins: [createMaxCostPlugin(limits.maxCost, limits)],
  };
}

