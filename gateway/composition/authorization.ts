import type { GatewayInterface } from '@apollo/server-gateway-interface';
import type { Logger } from '../../runtime/logger.js';
import type { AuthorizationPlan } from '../authz/authorization-plan.js';
import { AuthorizingGateway } from '../authz/authorizing-gateway.js';
import { catalogAuthorizationPolicies } from '../authz/catalog-authorization-policies.js';
import type { EnforcementMode } from '../authz/enforcement-mode.js';
import type { GrantStore } from '../stores/grant-store.js';

export interface AuthorizationOptions {
  planner: GatewayInterface;
  plan: AuthorizationPlan;
  mode: EnforcementMode;
  grants: GrantStore;
  logger: Logger;
  onSecondPass?: () => void;
  now?: () => Date;
}

/**
 * Wraps the query planner: guarded fields are removed before planning and decided per entity in a
 * second pass with the named policies (ARCHITECTURE.md, "Authorization").
 */
export function createAuthorization(options: AuthorizationOptions): AuthorizingGateway {
  const policies = catalogAuthorizationPolicies();
  const gateway = new AuthorizingGateway({
    inner: options.planner, plan: options.plan, policies, mode: options.mode, logger: options.logger,
    grants: options.grants, onSecondPass: options.onSecondPass, now: options.now,
  });
  options.logger.info({ mode: options.mode, policyVersion: policies.version }, 'authorization ready');
  return gateway;
}
