import type { BenchSettings } from '../bench-settings.js';
import { AUDIT_OFF_KIND } from '../contenders/gateway-messages.js';
import { CONTENDER_NAMES, type RunningGatewayProcess } from '../contenders/start-gateways.js';
import { floorContender, gatewayContender, type Contender } from '../measure.js';
import type { Progress } from '../progress.js';

/** What every phase of one run shares. */
export interface RunContext {
  settings: BenchSettings;
  progress: Progress;
  /** Fresh per run: partners accept only requests signed with it. */
  signingSecret: string;
  jwt: { secret: string; issuer: string; audience: string };
  maxTokenBytes: number;
  seed: number;
  /** Supergraph files and profiles of this run; outside the repository. */
  scratchDirectory: string;
}

/** The demo hospital: the richest records (sample records, dictionaries, several distributions). */
export const FLOOR_PARTNER = 'northbridge-hospital';

/** Workload (b) is where the audit trail writes the most: Concord without it is measured there only. */
export const AUDIT_COST_WORKLOAD = 'b';

/** Concord (and Concord with its audit trail off, on (b) only), stock Apollo, Hive, then the floor: one subgraph called directly, signed. */
export function benchContenders(gateways: readonly RunningGatewayProcess[], floorPartnerUrl: string, signingSecret: string): Contender[] {
  return [
    ...gateways.map((g) => ({
      ...gatewayContender(g.id, CONTENDER_NAMES[g.id], g.url, g.child),
      ...(g.id === AUDIT_OFF_KIND ? { onlyOn: [AUDIT_COST_WORKLOAD] } : {}),
    })),
    floorContender(CONTENDER_NAMES.floor, floorPartnerUrl, signingSecret),
  ];
}
