import { CATALOG_POLICIES } from '../../schema/policy/catalog-policies.js';
import {
  FACTS_SELECTION, GOVERNED_INTERFACE, NESTED_FACTS, readCatalogFacts, refineCatalogFacts,
} from '../../schema/policy/catalog-facts.js';
import { POLICY_SET } from '../../schema/policy/policy-set.js';
import type { AuthorizationPolicies } from './authorization-policies.js';

/** The consortium's named policies (schema/policy), as the gateway enforces them. */
export function catalogAuthorizationPolicies(): AuthorizationPolicies {
  return {
    version: POLICY_SET.version,
    named: CATALOG_POLICIES,
    facts: {
      interfaceName: GOVERNED_INTERFACE,
      selection: FACTS_SELECTION,
      read: readCatalogFacts,
      nested: NESTED_FACTS,
      refine: refineCatalogFacts,
    },
  };
}
