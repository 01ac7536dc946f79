import { Supergraph } from '@apollo/federation-internals';
import type { Logger } from '../../runtime/logger.js';
import { prepareSupergraph, type AuthorizationPlan } from '../authz/authorization-plan.js';

export interface LoadedSupergraph {
  plan: AuthorizationPlan;
  /** The supergraph without its security features: what @apollo/gateway plans over. */
  executableSupergraphSdl: string;
  /** Each subgraph's name and routing URL, in the supergraph's order. */
  subgraphs: readonly { name: string; url: string }[];
}

/**
 * Splits the supergraph into the authorization plan and what @apollo/gateway may see; throws when
 * the plan cannot be built or a security feature is unknown, so the gateway fails closed
 * (ARCHITECTURE.md, "Authorization plan").
 */
export function loadSupergraph(supergraphSdl: string, path: string, logger: Logger): LoadedSupergraph {
  const { plan, executableSupergraphSdl } = prepareSupergraph(supergraphSdl);
  const subgraphs = [...Supergraph.build(executableSupergraphSdl).subgraphs()].map((s) => ({ name: s.name, url: s.url }));
  logger.info({ supergraph: path, guardedFields: plan.guardedFieldCount, subgraphs: subgraphs.map((s) => s.name) }, 'supergraph prepared');
  return { plan, executableSupergraphSdl, subgraphs };
}
