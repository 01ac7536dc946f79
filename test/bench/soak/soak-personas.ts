import type { TokenClaims } from '../../../schema/identity-claims.js';
import type { CatalogFile } from '../../../subgraphs/partner-kit/catalog-file.js';
import { demoGrant, personaClaims } from '../../../subgraphs/demo/demo-personas.js';

// Who the soak's clients are: the demo personas (subgraphs/demo/demo-personas.ts), the researcher
// standing for a consortium member, and one more, an analyst holding grants: some in the token, one
// approved by a steward through the governance subgraph and read by the gateways from Redis.

export interface SoakPersona {
  name: string;
  /** Null: anonymous, no token at all. */
  claims: TokenClaims | null;
  /** Share of the requests this persona sends, relative to the others. */
  weight: number;
  /** Datasets the persona's dataset pages favour (its grants, its partner's data); may be empty. */
  focus: readonly string[];
}

/** The analyst with grants: a person of their own, so that their grants are theirs alone. */
export const GRANTED_ANALYST_SUBJECT = 'soak-analyst-granted';
/** Token grants the granted analyst carries: proprietary datasets of this partner. */
const TOKEN_GRANT_PARTNER = 'helix-therapeutics';
const TOKEN_GRANTS = 4;
/**
 * The dataset the granted analyst is approved for through the governance subgraph: README
 * "Governance: request, approve, read, revoke" walks the same request for the demo analyst.
 */
export const STORED_GRANT_DATASET = 'northbridge-hospital:ds-022';
/** The partner whose steward the demo steward persona is. */
const STEWARD_PARTNER = 'northbridge-hospital';

/**
 * Proprietary datasets of the partner with no use condition beyond general research use: a token
 * grant on them is what decides, so the analyst's reads of them are allowed ones.
 */
function tokenGrantDatasets(catalogs: readonly CatalogFile[], nowMs: number): string[] {
  const today = new Date(nowMs).toISOString().slice(0, 10);
  const catalog = catalogs.find((c) => c.partner.id === TOKEN_GRANT_PARTNER);
  if (!catalog) throw new Error(`the soak's token grants are on ${TOKEN_GRANT_PARTNER}'s datasets, which the manifest does not list`);
  const ids = catalog.datasets
    .filter((d) => d.dataClass === 'PROPRIETARY' && d.useConditions.length === 1 && d.useConditions[0]!.code === 'GRU' && (d.retention?.deletionDue ?? '9999-12-31') > today)
    .map((d) => d.id)
    .slice(0, TOKEN_GRANTS);
  if (ids.length < TOKEN_GRANTS) throw new Error(`${TOKEN_GRANT_PARTNER} has ${ids.length} proprietary GRU datasets, the soak grants ${TOKEN_GRANTS}`);
  return ids;
}

export function soakPersonas(catalogs: readonly CatalogFile[], nowMs = Date.now()): SoakPersona[] {
  const claimsOf = (name: Parameters<typeof personaClaims>[0]) => personaClaims(name, nowMs);
  const member = claimsOf('researcher')!;
  const analyst = claimsOf('analyst')!;
  const granted = tokenGrantDatasets(catalogs, nowMs);
  const stewardDatasets = catalogs.find((c) => c.partner.id === STEWARD_PARTNER)?.datasets.map((d) => d.id) ?? [];
  return [
    { name: 'anonymous', claims: null, weight: 25, focus: [] },
    { name: 'member', claims: member, weight: 15, focus: (member.grants ?? []).map((g) => g.dataset) },
    { name: 'analyst', claims: analyst, weight: 15, focus: [] },
    {
      name: 'analyst with grants',
      claims: { ...analyst, sub: GRANTED_ANALYST_SUBJECT, grants: granted.map((id) => demoGrant(id, nowMs)) },
      weight: 20,
      focus: [...granted, STORED_GRANT_DATASET],
    },
    { name: 'steward', claims: claimsOf('steward')!, weight: 15, focus: stewardDatasets },
    { name: 'board', claims: claimsOf('board')!, weight: 10, focus: [] },
  ];
}
