// AUTHZ_MODE, decided in one place (ARCHITECTURE.md "Enforcement modes"): what the gateway does with
// a denial, by the stage that made it. Static requirements (@authenticated, @requiresScopes, and a
// @policy no gateway can evaluate) hold in every mode: dry-run pilots @policy decisions only, and
// must not open member-only fields to anonymous callers while it does.

export const ENFORCEMENT_MODES = ['filter', 'reject', 'dry-run'] as const;
export type EnforcementMode = (typeof ENFORCEMENT_MODES)[number];

/** Where a denial was made: from the principal alone before planning, or per entity in the second pass. */
export type DenialStage = 'static' | 'per-entity';

/**
 * withhold: the field answers null with an error at its path; reject-operation: the whole operation
 * fails (data null, the denials as errors); log-only: the field is served and the denial logged as
 * "would deny".
 */
export type DenialHandling = 'withhold' | 'reject-operation' | 'log-only';

export function denialHandling(mode: EnforcementMode, stage: DenialStage): DenialHandling {
  switch (mode) {
    case 'filter':
      return 'withhold';
    case 'reject':
      return 'reject-operation';
    case 'dry-run':
      return stage === 'static' ? 'withhold' : 'log-only';
  }
}
