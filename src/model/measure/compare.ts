// The prediction beside a measured run: the wall time's error, and each thread's CPU time and waits, predicted and
// measured. Threads are paired by the line that made or started them, in start order (a pool's workers by the line
// that handed them work), processes with processes; the main thread with the main thread.

import type { PredictedThread, Prediction } from '../predict';
import { DEFAULT_PYTHON, type VersionProfile, onSlowerMachine, profileFor } from '../workload/profiles';
import type { MeasuredThread, MeasuredTimeline } from './timeline';

export interface ThreadComparison {
  readonly measured: MeasuredThread;
  readonly predicted?: PredictedThread;
  /** The predicted thread's time waiting for the GIL (from the predicted timeline). */
  readonly predictedWaitingMs?: number;
}

export interface Comparison {
  /** The program as written ("threads" scenario) against the measured run, start to exit. */
  readonly wall: { readonly predictedMs: number; readonly measuredMs: number; readonly error: number };
  readonly threads: readonly ThreadComparison[];
  /** Predicted threads no measured thread was paired with (the run took another path, or ended early). */
  readonly unpaired: readonly PredictedThread[];
  /**
   * CPU time of the paired threads the program started (with the main thread when they did too little), predicted
   * and measured: their ratio is mostly how fast this machine runs Python against the profile's reference machine.
   */
  readonly cpu: { readonly predictedMs: number; readonly measuredMs: number };
}

export function compareRun(prediction: Prediction, measured: MeasuredTimeline, measuredWallMs: number): Comparison {
  const waiting = new Map<number, number>();
  for (const segment of prediction.timeline.segments) {
    if (segment.state === 'waiting') waiting.set(segment.thread, (waiting.get(segment.thread) ?? 0) + segment.endMs - segment.startMs);
  }
  const unpaired = [...prediction.threads];
  const threads = measured.threads.map((thread): ThreadComparison => {
    const index = unpaired.findIndex((candidate) => (thread.id === 0 ? candidate.id === 0
      : candidate.id !== 0 && (candidate.runsAs === 'process') === (thread.kind === 'process') && thread.lines.includes(candidate.line)));
    if (index < 0) return { measured: thread };
    const [predicted] = unpaired.splice(index, 1);
    return { measured: thread, predicted, predictedWaitingMs: waiting.get(predicted.id) ?? 0 };
  });
  // The machine's speed is read from the threads the program starts: the main thread's measured time also holds the
  // interpreter's own start-up and imports, which predictions leave out. A program of one thread has only that one.
  const cpuOf = (entries: readonly ThreadComparison[]) => entries.reduce(
    (sum, { measured: thread, predicted }) => (predicted ? { predicted: sum.predicted + predicted.cpuMs + predicted.nativeMs, measured: sum.measured + thread.cpuMs } : sum),
    { predicted: 0, measured: 0 });
  const started = cpuOf(threads.filter((entry) => entry.measured.id !== 0));
  const { predicted: predictedCpu, measured: measuredCpu } = started.measured >= MIN_CPU_MS ? started : cpuOf(threads);
  const predictedMs = prediction.scenarios.threads.wallMs;
  return {
    wall: { predictedMs, measuredMs: measuredWallMs, error: measuredWallMs > 0 ? predictedMs / measuredWallMs - 1 : 0 },
    threads,
    unpaired,
    cpu: { predictedMs: predictedCpu, measuredMs: measuredCpu },
  };
}

/** Below this much CPU time a run says too little about the machine's speed. */
const MIN_CPU_MS = 20;

/**
 * How much longer the profile's reference machine takes than this one over the paired threads' CPU work (2 when this
 * machine ran it in half the predicted time); undefined when the run did too little CPU work to tell.
 */
export function machineScaleOf(comparison: Comparison): number | undefined {
  const { predictedMs, measuredMs } = comparison.cpu;
  if (measuredMs < MIN_CPU_MS || predictedMs < MIN_CPU_MS / 4) return undefined;
  const scale = predictedMs / measuredMs;
  return scale >= 0.1 && scale <= 10 ? scale : undefined;
}

/**
 * The profile of a measured interpreter's version with its CPU costs scaled to the machine that ran it: a prediction
 * with it leaves out the machine's speed, so what error remains is the model's own (waits, turns, I/O).
 */
export function profileForRun(version: string, scale: number): VersionProfile {
  const base = profileFor(version) ?? profileFor(version.replace(/t$/, '')) ?? profileFor(DEFAULT_PYTHON)!;
  return onSlowerMachine(base, 1 / scale, `CPU costs scaled by ${(1 / scale).toFixed(2)} to the measured run's CPU time`);
}
