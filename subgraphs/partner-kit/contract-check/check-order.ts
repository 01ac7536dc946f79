import type { HarvestRule, ProbeRule, SdlRule } from './rule.js';
import { composition } from './rules/composition.js';
import { contractFields } from './rules/contract-fields.js';
import { contractTypes } from './rules/contract-types.js';
import { datasetIds } from './rules/dataset-ids.js';
import { entities } from './rules/entities.js';
import { entityType } from './rules/entity-type.js';
import { federationDirectives } from './rules/federation-directives.js';
import { federationLink } from './rules/federation-link.js';
import { guardDirectives } from './rules/guard-directives.js';
import { harvestAnswers } from './rules/harvest-answers.js';
import { modifiedSince } from './rules/modified-since.js';
import { pagination } from './rules/pagination.js';
import { replayRefused } from './rules/replay-refused.js';
import { staleSignatureRefused } from './rules/stale-signature-refused.js';
import { tamperedBodyRefused } from './rules/tampered-body-refused.js';
import { unsignedRefused } from './rules/unsigned-refused.js';
import { wrongKeyRefused } from './rules/wrong-key-refused.js';

// Every check, in the order it runs and is reported: the SDL against the contract, then the
// harvest and entities it serves, then the requests it must refuse.

export const SDL_RULES: readonly SdlRule[] = [
  federationLink, entityType, contractTypes, contractFields, guardDirectives, federationDirectives, composition,
];

/** On the harvest listing, which the runner reads first. */
export const HARVEST_RULES: readonly HarvestRule[] = [harvestAnswers, pagination, datasetIds, modifiedSince, entities];

export const REFUSAL_RULES: readonly ProbeRule[] = [
  unsignedRefused, wrongKeyRefused, tamperedBodyRefused, staleSignatureRefused, replayRefused,
];
