import { CONTRACT_ENTITY_TYPE, datasetTypeNameFor } from '../../../schema/partner-contract.js';
import { isPartnerId } from '../../../schema/vocabulary.js';
import { failure, partnerText, type Finding } from './finding.js';
import type { PartnerClient } from './partner-client.js';
import type { SdlModel } from './sdl-model.js';
import type { RuleInfo } from './rule.js';

// Which partner is being checked, when --partner does not say: the one its harvest names
// (`_catalogHarvest { partner { id } }`), else the one whose entity type its SDL serves
// (datasetTypeNameFor run backwards, accepted only if it runs forwards to the same name).

export const partnerIdentity: RuleInfo = {
  id: 'partner-identity',
  title: 'the partner id is known (--partner, the harvest\'s partner { id }, or the SDL\'s entity type)',
};

const WHO_QUERY = '{ _catalogHarvest(offset: 0, limit: 1) { partner { id } } }';

export async function identifyPartner(client: PartnerClient, partnerSdl: SdlModel | null, datasetInterface: string): Promise<string | Finding> {
  const response = await client.signed({ query: WHO_QUERY });
  const named = ((response.body?.data?._catalogHarvest as { partner?: { id?: unknown } } | null | undefined)?.partner)?.id;
  if (typeof named === 'string' && isPartnerId(named)) return named;
  const fromSdl = partnerSdl ? partnersOfEntityTypes(partnerSdl, datasetInterface) : [];
  if (fromSdl.length === 1) return fromSdl[0]!;
  return failure({
    where: `signed POST ${WHO_QUERY}`,
    expected: 'a partner id such as acme-labs',
    found: typeof named === 'string' ? `"${partnerText(named, 80)}"` : `no partner id${fromSdl.length > 1 ? `, and several entity types (${fromSdl.join(', ')})` : ''}`,
    fix: 'pass --partner ID: the checks of the SDL, the harvest and _entities need to know which partner this is',
  });
}

/** Partner ids whose entity type the SDL serves, implementing the dataset interface (the contract's own name is no partner's). */
export function partnersOfEntityTypes(model: SdlModel, datasetInterface: string): string[] {
  return [...model.types.values()]
    .filter((t) => t.kind === 'object' && t.interfaces.includes(datasetInterface) && t.name.endsWith('Dataset') && t.name !== CONTRACT_ENTITY_TYPE)
    .map((t) => idOfTypeName(t.name))
    .filter((id): id is string => id !== null);
}

function idOfTypeName(typeName: string): string | null {
  const id = typeName.slice(0, -'Dataset'.length).replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return isPartnerId(id) && datasetTypeNameFor(id) === typeName ? id : null;
}
