// AUTHZ_MODE, decided in one place (ARCHITECTURE.md "Enforcement modes"): what the gateway does with
// a denial, by the stage that made it. Static requirements (@authenticated, @requiresScopes, and a
// @policy no gateway can evaluate) hold in every mode: dry-run pilots @policy decisions only, and
// must not open member-only fields to anonymous callers while it does. So a static denial is never
// log-only, and its handling type says so.

export const ENFORCEMENT_MODES = ['filter', 'reject', 'dry-run'] as const;
export type EnforcementMode = (typeof ENFORCEMENT_MODES)[number];

/** Where a denial was made: from the principal alone before planning, or per entity in the second pass. */
export type DenialStage = 'static' | 'per-entity';

/**
 * What the mode does with a static denial, read by the operation authorizer: withhold: the field
 * is pruned before planning and answers null with an error at its path; reject-operation: the whole
 * operation fails before any subgraph is called (data null, the denials as errors).
 */
export type StaticDenialHandling = 'withhold' | 'reject-operation';

/**
 * What the mode does with a per-entity denial, read by the second pass: withhold or
 * reject-operation as for a static denial, or log-only: the field is served and the denial logged
 * as "would deny".
 */
export type DenialHandling = StaticDenialHandling | 'log-only';

export function denialHandling(mode: EnforcementMode, stage: 'static'): StaticDenialHandling;
export function denialHandling(mode: EnforcementMode, stage: 'per-entity'): DenialHandling;
export function denialHandling(mode: EnforcementMode, stage: DenialStage): DenialHandling {
  if (mode === 'reject') return 'reject-operation';
  if (mode === 'dry-run' && stage === 'per-entity') return 'log-only';
  return 'withhold';
}
