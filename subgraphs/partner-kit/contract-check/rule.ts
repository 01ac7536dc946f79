import type { DocumentNode } from 'graphql';
import type { FederationManifest } from '../../../schema/federation-manifest.js';
import type { Finding, Skipped } from './finding.js';
import type { Listing } from './harvest-listing.js';
import type { PartnerClient } from './partner-client.js';
import type { SdlModel } from './sdl-model.js';

// A check is a small rule, as graphql-js's validation rules are: one concern, one file, named by a
// stable id that the text and JSON reports and the exit code are built from.

export interface RuleInfo {
  /** Stable, kebab-case: shown in reports and used by scripts reading --json. */
  id: string;
  /** What the rule checks, in one line. */
  title: string;
}

/** What the SDL rules compare: the contract for this partner against the SDL it serves. */
export interface SdlContext {
  partnerId: string;
  /** datasetTypeNameFor(partnerId): the contract's PartnerDataset under the partner's name. */
  entityType: string;
  contract: SdlModel;
  partner: SdlModel;
  /** The partner's SDL as served, for the rules that hand it to Federation's own tools. */
  partnerDocument: DocumentNode;
  /** The federation the partner would join (schema/subgraphs.json): the composition rule composes with it. */
  manifest: FederationManifest;
}

export interface SdlRule extends RuleInfo {
  check(context: SdlContext): Finding[] | Skipped;
}

/** What the rules that send requests of their own use. */
export interface ProbeContext {
  client: PartnerClient;
}

/** A check made with requests of its own, whatever the SDL and the harvest said (the refusals). */
export interface ProbeRule extends RuleInfo {
  run(context: ProbeContext): Promise<Finding[] | Skipped>;
}

/** What the rules on the harvest use: the whole harvest, read once before they run. */
export interface HarvestContext extends ProbeContext {
  partnerId: string;
  entityType: string;
  /** The contract's public fields of the entity type, as a selection (public-selection.ts). */
  selection: string;
  listing: Listing;
  /** Datasets per harvest page when reading the whole harvest. */
  pageSize: number;
}

export interface HarvestRule extends RuleInfo {
  run(context: HarvestContext): Promise<Finding[] | Skipped>;
}

/** A schema coordinate, `Type.field` or `Type.field(arg:)`, as the authorization plan names elements (ARCHITECTURE.md). */
export function coordinate(typeName: string, field?: string, argument?: string): string {
  if (!field) return typeName;
  return argument ? `${typeName}.${field}(${argument}:)` : `${typeName}.${field}`;
}
