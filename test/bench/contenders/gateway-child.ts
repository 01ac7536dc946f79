import { serveParent } from '../child-process.js';
import { GATEWAY_KINDS, type AuditStorageReport, type GatewayKind, type GatewayOptions, type GatewayReady, type Measured, type RunningGateway, type StartGateway } from './gateway-messages.js';
import { ResourceSampler } from './resource-sampler.js';

// One gateway per process (argv[2] names which), so CPU time and memory are that gateway's alone.
// Only the chosen gateway's module is imported: the others' code would inflate its memory.

const kind = process.argv[2] as GatewayKind;
if (!GATEWAY_KINDS.includes(kind)) throw new Error(`usage: gateway-child.ts <${GATEWAY_KINDS.join('|')}>`);

async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  switch (kind) {
    case 'concord':
      return (await import('./concord.js')).startConcord(options, { audit: true });
    case 'concord-audit-off':
      return (await import('./concord.js')).startConcord(options, { audit: false });
    case 'apollo':
      return (await import('./stock-apollo.js')).startStockApollo(options);
    case 'hive':
      return (await import('./hive-gateway.js')).startHiveGateway(options);
  }
}

let gateway: RunningGateway | undefined;
const sampler = new ResourceSampler();

serveParent({
  'start-gateway': async (message: StartGateway): Promise<GatewayReady> => {
    gateway = await startGateway(message.options);
    return { type: 'gateway-ready', url: gateway.url };
  },
  'measure-start': async () => {
    sampler.start();
    return { type: 'measuring' };
  },
  'measure-stop': async (): Promise<Measured> => ({ type: 'measured', usage: sampler.stop() }),
  'audit-storage': async (): Promise<AuditStorageReport> => ({ type: 'audit-storage', storage: (await gateway?.auditStorage?.()) ?? null }),
}, async () => { await gateway?.close(); });
