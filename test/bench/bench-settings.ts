import { parseArgs } from 'node:util';

// How long and how hard the benchmark runs. The defaults keep `npm run bench` near ten minutes on
// a 2-core machine; --quick is a smoke test of the whole pipeline, and --sizes, --partners and
// --rounds cut it down further to check that the report renders.

export interface BenchSettings {
  connections: number;
  /** Length of one measured load run. */
  seconds: number;
  warmUpSeconds: number;
  /** Contenders take turns within each round, so slow drift of the machine hits all of them alike. */
  rounds: number;
  scalingSeconds: number;
  scalingWarmUpSeconds: number;
  /**
   * Rounds of each result-size point: the first measures every contender, the others only Concord
   * and stock @apollo/gateway, whose p50 ratio is a target at every size.
   */
  scalingRounds: number;
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
  scalingRounds: 3,
  resultSizes: [10, 50, 100, 250, 500, 1000],
  partnerCounts: [3, 6, 9, 12],
  partnerScalingPageSize: 50,
  workloads: ['a', 'b', 'c', 'd'],
  scaling: true,
  cpuProfile: false,
};

const QUICK: Partial<BenchSettings> = {
  seconds: 1, warmUpSeconds: 1, rounds: 2, scalingSeconds: 1, scalingWarmUpSeconds: 1, scalingRounds: 1,
};

export const USAGE = `usage: npm run bench -- [options]
  --quick              shorter runs and fewer rounds: a smoke test of the whole pipeline
  --rounds N           rounds of the main workloads (default ${FULL.rounds}; ${QUICK.rounds} with --quick)
  --workloads a,b,c,d  which main workloads to run
  --sizes 10,50,...    result sizes of the scaling phase (default ${FULL.resultSizes.join(',')})
  --partners 3,6,...   partner counts of the partner-scaling phase (default ${FULL.partnerCounts.join(',')})
  --no-scaling         main workloads only
  --cpu-prof           profile Concord and stock @apollo/gateway; writes profile.md instead of results.md
  --help               this text`;

const MAX_RESULT_SIZE = Math.max(...FULL.resultSizes);

function positiveIntegers(raw: string, option: string, max = Number.MAX_SAFE_INTEGER): number[] {
  const values = raw.split(',').map((v) => v.trim()).filter(Boolean).map(Number);
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 1 || v > max)) {
    throw new Error(`${option} takes whole numbers from 1 to ${max}, separated by commas, got "${raw}"\n${USAGE}`);
  }
  return [...new Set(values)].sort((a, b) => a - b);
}

/** The settings of one run; null when --help asked for the usage text only. */
export function readBenchSettings(argv: readonly string[]): BenchSettings | null {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      workloads: { type: 'string' },
      sizes: { type: 'string' },
      partners: { type: 'string' },
      'no-scaling': { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return null;
  const workloads = values.workloads?.split(',').map((w) => w.trim()).filter(Boolean) ?? FULL.workloads;
  const unknown = workloads.filter((w) => !FULL.workloads.includes(w));
  if (unknown.length > 0) throw new Error(`unknown workload ${unknown.join(', ')}\n${USAGE}`);
  const base = { ...FULL, ...(values.quick ? QUICK : {}) };
  return {
    ...base,
    ...(values.rounds === undefined ? {} : { rounds: positiveIntegers(values.rounds, '--rounds', 20)[0]! }),
    // The fixture tags pages up to the largest default size; partners hold no more than that.
    ...(values.sizes === undefined ? {} : { resultSizes: positiveIntegers(values.sizes, '--sizes', MAX_RESULT_SIZE) }),
    ...(values.partners === undefined ? {} : { partnerCounts: positiveIntegers(values.partners, '--partners', 24) }),
    workloads,
    scaling: !values['no-scaling'],
    cpuProfile: values['cpu-prof'],
  };
}
