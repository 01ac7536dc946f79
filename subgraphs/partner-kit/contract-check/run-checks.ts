import { CONTRACT_ENTITY_TYPE, contractSource, datasetTypeNameFor, partnerTypeDefs } from '../../../schema/partner-contract.js';
import type { FederationManifest } from '../../../schema/federation-manifest.js';
import { isSkipped, skip, type Finding, type Skipped } from './finding.js';
import { HARVEST_RULES, REFUSAL_RULES, SDL_RULES } from './check-order.js';
import { harvestQuery, readListing } from './harvest-listing.js';
import type { PartnerClient } from './partner-client.js';
import { identifyPartner, partnerIdentity } from './partner-identity.js';
import { publicSelection } from './public-selection.js';
import { SDL_QUERY } from './refusal.js';
import type { HarvestContext, RuleInfo, SdlContext } from './rule.js';
import { readSdlAnswer, signedSdl } from './rules/signed-sdl.js';
import { parseSdl, sdlModel } from './sdl-model.js';

// One run of the checker against one partner: read its SDL through a signed request, learn which
// partner it is, compare the SDL with the contract (read from schema/partner.graphql now, so a
// widened contract is checked with no change here), read its harvest, then try the requests it must
// refuse. Each check's result is handed to `onResult` as soon as it is known.

export type CheckStatus = 'passed' | 'failed' | 'warnings' | 'skipped';

export interface CheckResult extends RuleInfo {
  status: CheckStatus;
  findings: Finding[];
  /** Why the check could not be made. */
  skipped?: string;
}

export interface CheckReport {
  url: string;
  partnerId: string | null;
  entityType: string | null;
  results: CheckResult[];
}

export interface CheckRun {
  client: PartnerClient;
  partnerId: string | null;
  keySource: string;
  pageSize: number;
  manifest: FederationManifest;
  onResult?: (result: CheckResult) => void;
}

export async function runChecks(run: CheckRun): Promise<CheckReport> {
  const results: CheckResult[] = [];
  const record = (rule: RuleInfo, outcome: Finding[] | Skipped) => {
    const result = resultOf(rule, outcome);
    results.push(result);
    run.onResult?.(result);
  };
  const sdl = readSdlAnswer(await run.client.signed({ query: SDL_QUERY }), run.keySource);
  record(signedSdl, Array.isArray(sdl) ? sdl : []);
  const answer = Array.isArray(sdl) ? null : sdl;
  const partnerModel = answer ? sdlModel(answer.document) : null;

  const partnerId = run.partnerId ?? await identifyPartner(run.client, partnerModel, datasetInterface());
  if (typeof partnerId !== 'string') record(partnerIdentity, [partnerId]);
  const known = typeof partnerId === 'string' ? partnerId : null;
  const entityType = known ? datasetTypeNameFor(known) : null;
  const contract = known ? sdlModel(partnerTypeDefs(known)) : null;

  for (const rule of SDL_RULES) {
    if (!answer || !partnerModel || !contract || !known || !entityType) {
      record(rule, skip(answer ? 'the partner id is not known' : 'the SDL could not be read (see signed-sdl)'));
      continue;
    }
    const context: SdlContext = { partnerId: known, entityType, contract, partner: partnerModel, partnerDocument: answer.document, manifest: run.manifest };
    record(rule, rule.check(context));
  }

  if (known && entityType && contract) {
    const selection = publicSelection(contract, entityType);
    const listing = await readListing(run.client, harvestQuery(entityType, selection), run.pageSize);
    const context: HarvestContext = { partnerId: known, entityType, client: run.client, selection, listing, pageSize: run.pageSize };
    for (const rule of HARVEST_RULES) record(rule, await rule.run(context));
  } else {
    for (const rule of HARVEST_RULES) record(rule, skip('the partner id is not known'));
  }
  for (const rule of REFUSAL_RULES) record(rule, await rule.run({ client: run.client }));
  return { url: run.client.url, partnerId: known, entityType, results };
}

function resultOf(rule: RuleInfo, outcome: Finding[] | Skipped): CheckResult {
  const info = { id: rule.id, title: rule.title };
  if (isSkipped(outcome)) return { ...info, status: 'skipped', findings: [], skipped: outcome.skipped };
  const status = outcome.some((f) => f.severity === 'failure') ? 'failed' : outcome.length > 0 ? 'warnings' : 'passed';
  return { ...info, status, findings: outcome };
}

/** The interface the contract's entity type implements (Dataset), read from the contract itself. */
function datasetInterface(): string {
  return sdlModel(parseSdl(contractSource())).types.get(CONTRACT_ENTITY_TYPE)?.interfaces[0] ?? 'Dataset';
}
