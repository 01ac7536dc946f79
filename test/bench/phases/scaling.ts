import type { BenchSettings } from '../bench-settings.js';
import type { ContenderId } from '../contenders/start-gateways.js';
import { measure, probe, warmUp, type Contender, type ProbeReport, type Question } from '../measure.js';
import { rotate, type Progress } from '../progress.js';
import { medianFigures, type Figures } from '../report.js';
import { describeFigures, failureNote } from './main-workloads.js';

/** One x value of a scaling chart (a result size, a number of partners), measured for each contender. */
export interface ScalingPoint {
  x: number;
  contender: ContenderId;
  name: string;
  /** The median of the rounds (see medianFigures). */
  figures: Figures;
  /** Each round's figures, in round order: Concord's and stock's line up round by round. */
  rounds: Figures[];
  failures: number;
  /** Fields withheld in the answer checked before the load: with grants on half the page, Concord withholds the other half's. */
  withheld: number;
}

/** The contenders whose ratio is a target at every size, measured in every round of a point. */
export const REPEATED_CONTENDERS: readonly ContenderId[] = ['concord', 'apollo'];

/**
 * Shorter than the main workloads (a short warm-up, short runs): the charts show a trend over many
 * points. The first round measures every contender; further rounds only REPEATED_CONTENDERS, taking
 * turns, so that their ratio at each point is a median of paired rounds like the main table's.
 */
export async function measureScalingPoint(
  x: number, label: string, question: Question, contenders: readonly Contender[], settings: BenchSettings, progress: Progress,
  rounds = 1,
): Promise<ScalingPoint[]> {
  const probes = new Map<Contender, ProbeReport>();
  for (const contender of contenders) probes.set(contender, await probe(contender, question));
  const measured = new Map<Contender, { figures: Figures[]; failures: number }>(contenders.map((c) => [c, { figures: [], failures: 0 }]));
  for (let round = 0; round < rounds; round++) {
    const taking = round === 0 ? contenders : contenders.filter((c) => REPEATED_CONTENDERS.includes(c.id));
    for (const contender of rotate(taking, x + round)) {
      const seconds = scalingSeconds(probes.get(contender)!.latencyMs, settings);
      if (round === 0) await warmUp(contender, question, { connections: settings.connections, seconds: settings.scalingWarmUpSeconds });
      const measurement = await measure(contender, question, { connections: settings.connections, seconds });
      const record = measured.get(contender)!;
      record.figures.push(measurement.figures);
      record.failures += measurement.failures;
      const roundNote = rounds > 1 ? ` round ${round + 1}/${rounds}` : '';
      progress(`scaling ${label}${roundNote} · ${contender.name}: ${describeFigures(measurement.figures)}${failureNote(measurement)}`);
    }
  }
  return contenders.map((c) => {
    const { figures, failures } = measured.get(c)!;
    return { x, contender: c.id, name: c.name, figures: medianFigures(figures), rounds: figures, failures, withheld: probes.get(c)!.withheld };
  });
}

/** Requests a scaling point should complete at least, for its median latency to mean something. */
const MIN_SCALING_REQUESTS = 20;
const MAX_SCALING_SECONDS = 10;

/**
 * Long enough for MIN_SCALING_REQUESTS at the contender's pace: under load, each of the two cores
 * finishes about one request per idle latency, so that takes MIN / 2 idle latencies. The fast points
 * keep the configured length; only the slow ones (1,000 guarded datasets) get longer.
 */
export function scalingSeconds(idleLatencyMs: number, settings: Pick<BenchSettings, 'scalingSeconds'>): number {
  const needed = Math.ceil((MIN_SCALING_REQUESTS / 2) * (idleLatencyMs / 1000));
  return Math.min(MAX_SCALING_SECONDS, Math.max(settings.scalingSeconds, needed));
}
