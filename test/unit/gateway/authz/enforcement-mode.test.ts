import { describe, expect, it } from 'vitest';
import { denialHandling, ENFORCEMENT_MODES, type DenialHandling, type DenialStage, type EnforcementMode } from '../../../../gateway/authz/enforcement-mode.js';

// AUTHZ_MODE in one table: static requirements hold in every mode; dry-run only logs @policy denials.
const TABLE: Record<EnforcementMode, Record<DenialStage, DenialHandling>> = {
  filter: { static: 'withhold', 'per-entity': 'withhold' },
  reject: { static: 'reject-operation', 'per-entity': 'reject-operation' },
  'dry-run': { static: 'withhold', 'per-entity': 'log-only' },
};

describe('denialHandling', () => {
  it('covers every mode AUTHZ_MODE accepts', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...ENFORCEMENT_MODES].sort());
  });

  it.each(ENFORCEMENT_MODES.flatMap((mode) => (['static', 'per-entity'] as const).map((stage) => ({ mode, stage, handling: TABLE[mode][stage] }))))(
    '$mode, $stage denial -> $handling', ({ mode, stage, handling }) => {
      expect(denialHandling(mode, stage)).toBe(handling);
    },
  );
});
