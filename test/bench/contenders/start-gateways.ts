import { forkTsChild, type BenchChild } from '../child-process.js';
import { CONTENDER_KINDS, type GatewayKind, type GatewayOptions, type GatewayReady, type StartGateway } from './gateway-messages.js';

export const CONTENDER_NAMES = {
  concord: 'Concord',
  'concord-audit-off': 'Concord, audit off',
  apollo: 'stock @apollo/gateway',
  hive: 'Hive Gateway',
  floor: 'floor (one subgraph, direct)',
} as const;

export type ContenderId = keyof typeof CONTENDER_NAMES;

export interface RunningGatewayProcess {
  id: GatewayKind;
  url: string;
  child: BenchChild;
}

export interface GatewayStartFlags {
  /** Node flags for one gateway's process, e.g. --cpu-prof to see where its time goes. */
  nodeFlags?: (id: GatewayKind) => readonly string[];
}

const GATEWAY_CHILD = new URL('./gateway-child.ts', import.meta.url);

export async function startGateway(id: GatewayKind, options: GatewayOptions, flags: GatewayStartFlags = {}): Promise<RunningGatewayProcess> {
  const nodeFlags = flags.nodeFlags?.(id) ?? [];
  const child = forkTsChild(GATEWAY_CHILD, { args: [id], nodeFlags, label: CONTENDER_NAMES[id] });
  try {
    const start: StartGateway = { type: 'start-gateway', options };
    const ready = await child.request<GatewayReady>(start, 'gateway-ready');
    return { id, url: ready.url, child };
  } catch (error) {
    await child.stop();
    throw error;
  }
}

/** All three gateways on one supergraph, each in its own process; one at a time, so none starts on a busy CPU. */
export async function startGateways(options: GatewayOptions, flags: GatewayStartFlags = {}): Promise<RunningGatewayProcess[]> {
  const started: RunningGatewayProcess[] = [];
  try {
    for (const id of CONTENDER_KINDS) started.push(await startGateway(id, options, flags));
    return started;
  } catch (error) {
    await stopGateways(started);
    throw error;
  }
}

export async function stopGateways(gateways: readonly RunningGatewayProcess[]): Promise<void> {
  await Promise.all(gateways.map((g) => g.child.stop()));
}
