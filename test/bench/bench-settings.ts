import { parseArgs } from 'node:util';

// How long and how hard the benchmark runs. The defaults keep `npm run bench` under ten minutes on
// a 2-core machine; --quick is a smoke test of the whole pipeline in about two.

export interface BenchSettings {
  connections: number;
  /** Length of one measured load run. */
  seconds: number;
  warmUpSeconds: number;
  /** Contenders take turns within each round, so slow drift of the machine hits all of them alike. */
  rounds: number;
  scalingSeconds: number;
  scalingWarmUpSeconds: number;
  resultSizes: readonly number[];
  partnerCounts: readonly number[];
  /** Page size of the partner-scaling runs. */
  partnerScalingPageSize: number;
  workloads: readonly string[];
  scaling: boolean;
  /** Profile Concord's process with --cpu-prof. */
  cpuProfile: boolean;
}

const FULL: BenchSettings = {
  connections: 10,
  seconds: 3,
  warmUpSeconds: 2,
  rounds: 4,
  scalingSeconds: 2,
  scalingWarmUpSeconds: 1,
  resultSizes: [10, 50, 100, 250, 500, 1000],
  partnerCounts: [3, 6, 9, 12],
  partnerScalingPageSize: 50,
  workloads: ['a', 'b', 'c', 'd'],
  scaling: true,
  cpuProfile: false,
};

const QUICK: Partial<BenchSettings> = { seconds: 1, warmUpSeconds: 1, rounds: 2, scalingSeconds: 1, scalingWarmUpSeconds: 1 };

const USAGE = 'usage: npm run bench -- [--quick] [--workloads a,b,c,d] [--no-scaling] [--cpu-prof]';

export function readBenchSettings(argv: readonly string[]): BenchSettings {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      workloads: { type: 'string' },
      'no-scaling': { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const workloads = values.workloads?.split(',').map((w) => w.trim()).filter(Boolean) ?? FULL.workloads;
  const unknown = workloads.filter((w) => !FULL.workloads.includes(w));
  if (unknown.length > 0) throw new Error(`unknown workload ${unknown.join(', ')}; ${USAGE}`);
  return {
    ...FULL,
    ...(values.quick ? QUICK : {}),
    workloads,
    scaling: !values['no-scaling'],
    cpuProfile: values['cpu-prof'],
  };
}
