import type { BenchSettings } from '../bench-settings.js';
import type { ContenderId } from '../contenders/start-gateways.js';
import { measure, probe, warmUp, type Contender, type Measurement, type ProbeReport, type Question } from '../measure.js';
import { rotate, type Progress } from '../progress.js';
import { formatNumber, medianFigures, pairedRatio, type Figures } from '../report.js';
import type { Workload } from '../workloads.js';

export interface ContenderOutcome {
  contender: ContenderId;
  name: string;
  probe: ProbeReport;
  rounds: Measurement[];
  median: Figures;
  /** Requests per second relative to stock @apollo/gateway: the median of the ratios within each round. */
  ratioToStock: number | null;
}

export interface WorkloadOutcome {
  workload: Workload;
  outcomes: ContenderOutcome[];
}

export interface PlannedWorkload {
  workload: Workload;
  question: Question;
}

export function describeFigures(f: Figures): string {
  const cpu = f.cpuPercent === null ? '' : `, CPU ${formatNumber(f.cpuPercent, 0)}%, ${formatNumber(f.peakRssMb, 0)} MB`;
  return `${formatNumber(f.rps)} req/s, p50 ${formatNumber(f.p50Ms)} ms, p99 ${formatNumber(f.p99Ms)} ms${cpu}`;
}

/**
 * Issue 5, points 2 and 3: every answer checked once, a warm-up per contender and workload, then
 * rounds in which the contenders take turns on each workload (A B A B), medians of the rounds.
 */
export async function runMainWorkloads(
  planned: readonly PlannedWorkload[], contenders: readonly Contender[], settings: BenchSettings, progress: Progress,
): Promise<WorkloadOutcome[]> {
  const probes = new Map<string, ProbeReport>();
  const key = (w: Workload, c: Contender) => `${w.id}/${c.id}`;
  const on = (w: Workload) => contenders.filter((c) => !c.onlyOn || c.onlyOn.includes(w.id));
  for (const { workload, question } of planned) {
    for (const contender of on(workload)) probes.set(key(workload, contender), await probe(contender, question));
    progress(`checked ${workload.label}: ${on(workload).map((c) => `${c.name} ${describeProbe(probes.get(key(workload, c))!)}`).join('; ')}`);
  }
  for (const { workload, question } of planned) {
    for (const contender of on(workload)) {
      progress(`warm-up ${workload.label} · ${contender.name}`);
      await warmUp(contender, question, { connections: settings.connections, seconds: settings.warmUpSeconds });
    }
  }
  const rounds = new Map<string, Measurement[]>();
  for (let round = 0; round < settings.rounds; round++) {
    for (const { workload, question } of planned) {
      for (const contender of rotate(on(workload), round)) {
        const measured = await measure(contender, question, { connections: settings.connections, seconds: settings.seconds });
        rounds.set(key(workload, contender), [...(rounds.get(key(workload, contender)) ?? []), measured]);
        progress(`round ${round + 1}/${settings.rounds} ${workload.label} · ${contender.name}: ${describeFigures(measured.figures)}${failureNote(measured)}`);
      }
    }
  }
  return planned.map(({ workload }) => summarise(workload, on(workload), (c) => rounds.get(key(workload, c))!, (c) => probes.get(key(workload, c))!));
}

function summarise(
  workload: Workload, contenders: readonly Contender[], roundsOf: (c: Contender) => Measurement[], probeOf: (c: Contender) => ProbeReport,
): WorkloadOutcome {
  const medians = new Map(contenders.map((c) => [c.id, medianFigures(roundsOf(c).map((m) => m.figures))]));
  const rpsOf = (id: ContenderId): number[] => {
    const contender = contenders.find((c) => c.id === id);
    return contender ? roundsOf(contender).map((m) => m.figures.rps) : [];
  };
  return {
    workload,
    outcomes: contenders.map((c) => ({
      contender: c.id,
      name: c.name,
      probe: probeOf(c),
      rounds: roundsOf(c),
      median: medians.get(c.id)!,
      ratioToStock: pairedRatio(rpsOf(c.id), rpsOf('apollo')),
    })),
  };
}

export function describeProbe(p: ProbeReport): string {
  return `${p.nodes} datasets, ${p.withheld} withheld, ${Math.round(p.responseBytes / 1024)} KB`;
}

export function failureNote(m: Measurement): string {
  return m.failures > 0 ? ` (!) ${m.failures} of ${m.requests} requests failed` : '';
}
