import { describe, expect, it } from 'vitest';
import {
  denialHandling, ENFORCEMENT_MODES, type DenialHandling, type EnforcementMode, type StaticDenialHandling,
} from '../../../../gateway/authz/enforcement-mode.js';

// AUTHZ_MODE in one table, each column what the code acts on: the operation authorizer reads the
// static column (prune, or also reject before planning), the second pass the per-entity column.
// Static requirements hold in every mode, so no static cell is log-only.
const TABLE: Record<EnforcementMode, { static: StaticDenialHandling; perEntity: DenialHandling }> = {
  filter: { static: 'withhold', perEntity: 'withhold' },
  reject: { static: 'reject-operation', perEntity: 'reject-operation' },
  'dry-run': { static: 'withhold', perEntity: 'log-only' },
};

describe('denialHandling', () => {
  it('covers every mode AUTHZ_MODE accepts', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...ENFORCEMENT_MODES].sort());
  });

  it.each(ENFORCEMENT_MODES.map((mode) => ({ mode, ...TABLE[mode] })))(
    '$mode: static denial -> $static, per-entity denial -> $perEntity', ({ mode, static: staticHandling, perEntity }) => {
      expect(denialHandling(mode, 'static')).toBe(staticHandling);
      expect(denialHandling(mode, 'per-entity')).toBe(perEntity);
    },
  );
});
