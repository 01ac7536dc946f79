import type { PlannedFault } from './soak-plan.js';
import type { SoakFederation } from './soak-federation.js';
import type { FaultWindow } from './timeline.js';

// Makes the plan's faults happen on time, each on its own schedule, and records when each really began and ended: a partner
// killed with SIGKILL and started again (ended when its /ready answers), Redis stopped and started
// again on the same port and folder (ended when it answers PING).

/** The partner the soak kills: its datasets are in every workload, and the granted analyst's token grants are on them. */
export const PARTNER_KILLED = 'helix-therapeutics';

export interface FaultRun {
  /** Resolves with the windows once every fault is undone, or the run was cancelled. */
  done: Promise<FaultWindow[]>;
  /** Faults under way now, for progress lines. */
  current(): string[];
  cancel(): void;
}

export function runFaults(
  faults: readonly PlannedFault[], federation: SoakFederation, clock: () => number, say: (line: string) => void,
): FaultRun {
  let cancelled = false;
  const underWay = new Set<string>();
  const sleepUntil = async (atS: number) => {
    while (!cancelled && clock() < atS) await new Promise((resolve) => setTimeout(resolve, Math.min(250, Math.max(10, (atS - clock()) * 1000))));
  };
  const perform = async (fault: PlannedFault): Promise<FaultWindow | null> => {
    const target = fault.kind === 'partner-down' ? PARTNER_KILLED : 'Redis';
    await sleepUntil(fault.atS);
    if (cancelled) return null;
    // Redis's counts start afresh when it restarts: what it says of the run so far is read first.
    if (fault.kind === 'redis-down') await federation.readRedisDiagnostics('before the restart');
    const fromS = clock();
    underWay.add(target);
    if (fault.kind === 'partner-down') {
      await federation.killPartner(PARTNER_KILLED);
      say(`fault: ${PARTNER_KILLED} killed (SIGKILL)`);
    } else {
      await federation.stopRedis();
      say(`fault: Redis stopped (SIGTERM), ${(clock() - fromS).toFixed(1)} s to stop`);
    }
    await sleepUntil(fault.untilS);
    if (cancelled) return { kind: fault.kind, target, fromS, toS: clock() };
    if (fault.kind === 'partner-down') await federation.startPartner(PARTNER_KILLED);
    else await federation.startRedis();
    underWay.delete(target);
    const toS = clock();
    say(`fault undone: ${target} ${fault.kind === 'partner-down' ? 'restarted and ready' : 'started again on the same port and folder, answering'} (down ${(toS - fromS).toFixed(1)} s)`);
    return { kind: fault.kind, target, fromS, toS };
  };
  // A service that does not come back is reported, not thrown: the load and the checks go on.
  const attempt = async (fault: PlannedFault): Promise<FaultWindow | null> => {
    try {
      return await perform(fault);
    } catch (error) {
      underWay.clear();
      const message = (error as Error).message.split('\n')[0]!;
      if (!cancelled) say(`fault step failed: ${message}`);
      return { kind: fault.kind, target: fault.kind === 'partner-down' ? PARTNER_KILLED : 'Redis', fromS: fault.atS, toS: clock(), error: message };
    }
  };
  // Each fault keeps its own time: a partner slow to start again does not push Redis's restart back.
  const done = Promise.all(faults.map(attempt)).then((windows) => windows.filter((w): w is FaultWindow => w !== null).sort((a, b) => a.fromS - b.fromS));
  return { done, current: () => [...underWay], cancel: () => { cancelled = true; } };
}
