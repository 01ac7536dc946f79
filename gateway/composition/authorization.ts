import { AuthorizingGateway, type AuthorizingGatewayOptions } from '../authz/authorizing-gateway.js';
import { catalogAuthorizationPolicies } from '../authz/catalog-authorization-policies.js';

/** The authorizing gateway's options but the policies, which are the consortium's catalog policies. */
export type AuthorizationOptions = Omit<AuthorizingGatewayOptions, 'policies'>;

/**
 * Wraps the query planner: guarded fields are removed before planning and decided per entity in a
 * second pass with the named policies (ARCHITECTURE.md, "Authorization").
 */
export function createAuthorization(options: AuthorizationOptions): AuthorizingGateway {
  const policies = catalogAuthorizationPolicies();
  const gateway = new AuthorizingGateway({ ...options, policies });
  options.logger.info({ mode: options.mode, policyVersion: policies.version }, 'authorization ready');
  return gateway;
}
