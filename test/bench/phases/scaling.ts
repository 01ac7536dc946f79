import type { BenchSettings } from '../bench-settings.js';
import type { ContenderId } from '../contenders/start-gateways.js';
import { measure, probe, warmUp, type Contender, type ProbeReport, type Question } from '../measure.js';
import { rotate, type Progress } from '../progress.js';
import type { Figures } from '../report.js';
import { describeFigures, failureNote } from './main-workloads.js';

/** One x value of a scaling chart (a result size, a number of partners), measured for each contender. */
export interface ScalingPoint {
  x: number;
  contender: ContenderId;
  name: string;
  figures: Figures;
  failures: number;
}

/**
 * Shorter than the main workloads (one round, a short warm-up): the charts show a trend over many
 * points, where the main table has to settle a ratio.
 */
export async function measureScalingPoint(
  x: number, label: string, question: Question, contenders: readonly Contender[], settings: BenchSettings, progress: Progress,
): Promise<ScalingPoint[]> {
  const probes = new Map<Contender, ProbeReport>();
  for (const contender of contenders) probes.set(contender, await probe(contender, question));
  const points: ScalingPoint[] = [];
  for (const contender of rotate(contenders, x)) {
    const seconds = scalingSeconds(probes.get(contender)!.latencyMs, settings);
    await warmUp(contender, question, { connections: settings.connections, seconds: settings.scalingWarmUpSeconds });
    const measured = await measure(contender, question, { connections: settings.connections, seconds });
    points.push({ x, contender: contender.id, name: contender.name, figures: measured.figures, failures: measured.failures });
    progress(`scaling ${label} · ${contender.name}: ${describeFigures(measured.figures)}${failureNote(measured)}`);
  }
  return points;
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
