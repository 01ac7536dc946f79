import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENDER_NAMES } from './contenders/start-gateways.js';
import type { GatewayKind } from './contenders/gateway-messages.js';
import { summariseProfile, type CpuProfile, type ProfileWindow, type StageTime } from './profile-summary.js';

/** Stock @apollo/gateway is profiled with Concord: Concord's time is best read against the ceiling's. */
export const PROFILED_GATEWAYS: readonly GatewayKind[] = ['concord', 'apollo'];

/** The windows in which each gateway was measured on one workload. */
export interface ProfiledWorkload {
  workloadId: string;
  windowsOf(id: GatewayKind): ProfileWindow[];
}

/** The main thread's profile is the largest file; the others come from module-loader threads. */
function readMainThreadProfile(directory: string): CpuProfile | null {
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => name.endsWith('.cpuprofile'));
  } catch {
    return null;
  }
  const largest = names
    .map((name) => ({ path: join(directory, name), bytes: statSync(join(directory, name)).size }))
    .sort((a, b) => b.bytes - a.bytes)[0];
  return largest ? (JSON.parse(readFileSync(largest.path, 'utf8')) as CpuProfile) : null;
}

/** CPU time per request by stage, by gateway name, then by workload id; profiles live in <directory>/<gateway>/. */
export function profiledTimes(directory: string, workloads: readonly ProfiledWorkload[]): Record<string, Record<string, StageTime[]>> {
  const times: Record<string, Record<string, StageTime[]>> = {};
  for (const id of PROFILED_GATEWAYS) {
    const profile = readMainThreadProfile(join(directory, id));
    if (!profile) continue;
    times[CONTENDER_NAMES[id]] = Object.fromEntries(workloads.map((w) => [w.workloadId, summariseProfile(profile, w.windowsOf(id))]));
  }
  return times;
}
