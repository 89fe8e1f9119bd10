// The prediction beside a measured run: the wall time's error, and each thread's CPU time and waits, predicted and
// measured. Threads are paired by the line that made or started them, in start order (a pool's workers by the line
// that handed them work), processes with processes; the main thread with the main thread. A predicted lane may
// stand for several threads (a prediction simulates 64 at most, each running its share of the rest in turn): the
// measured threads left over share the lanes of their line, each with its part of the lane's figures.

import type { PredictedThread, Prediction } from '../predict';
import { DEFAULT_PYTHON, type VersionProfile, onSlowerMachine, profileFor } from '../workload/profiles';
import type { MeasuredThread, MeasuredTimeline } from './timeline';

export interface ThreadComparison {
  readonly measured: MeasuredThread;
  /** The predicted lane this thread is paired with, and this thread's part of its CPU time and waits for the GIL. */
  readonly predicted?: PredictedThread;
  readonly predictedCpuMs?: number;
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
  // An asyncio task runs on its loop's thread: no measured thread is one.
  const pairs = (thread: MeasuredThread, candidate: PredictedThread) => (thread.id === 0 ? candidate.id === 0
    : candidate.id !== 0 && candidate.runsAs !== 'task' && (candidate.runsAs === 'process') === (thread.kind === 'process') && thread.lines.includes(candidate.line));
  const unpaired = [...prediction.threads];
  const pairedWith = new Map<MeasuredThread, PredictedThread>();
  const count = new Map<PredictedThread, number>();
  const pair = (thread: MeasuredThread, predicted: PredictedThread) => {
    pairedWith.set(thread, predicted);
    count.set(predicted, (count.get(predicted) ?? 0) + 1);
  };
  for (const thread of measured.threads) {
    const index = unpaired.findIndex((candidate) => pairs(thread, candidate));
    if (index >= 0) pair(thread, unpaired.splice(index, 1)[0]);
  }
  // Threads none of the program's lines started (a threading server's request threads, started by its serve loop),
  // and a pool's workers made where the pool was (multiprocessing.Pool makes them before any work is handed over),
  // take the predicted threads or processes left over, in order.
  const leftOver = (thread: MeasuredThread) => thread.id !== 0 && (thread.lines.length === 0 || thread.role === 'pool-worker');
  const sameKind = (thread: MeasuredThread, candidate: PredictedThread) => candidate.id !== 0
    && (thread.kind === 'process' ? candidate.runsAs === 'process' : !candidate.runsAs);
  const takenLeftOver = new Set<PredictedThread>();
  for (const thread of measured.threads) {
    if (pairedWith.has(thread) || !leftOver(thread)) continue;
    const index = unpaired.findIndex((candidate) => sameKind(thread, candidate));
    if (index < 0) continue;
    const [predicted] = unpaired.splice(index, 1);
    takenLeftOver.add(predicted);
    pair(thread, predicted);
  }
  for (const thread of measured.threads) {
    if (pairedWith.has(thread) || thread.id === 0) continue;
    const lanes = prediction.threads.filter((candidate) => count.has(candidate)
      && (pairs(thread, candidate) || (leftOver(thread) && takenLeftOver.has(candidate) && sameKind(thread, candidate))));
    if (lanes.length > 0) pair(thread, lanes.reduce((fewest, lane) => (count.get(lane)! < count.get(fewest)! ? lane : fewest)));
  }
  const threads = measured.threads.map((thread): ThreadComparison => {
    const predicted = pairedWith.get(thread);
    if (!predicted) return { measured: thread };
    const part = 1 / count.get(predicted)!;
    return {
      measured: thread, predicted, predictedCpuMs: (predicted.cpuMs + predicted.nativeMs) * part, predictedWaitingMs: (waiting.get(predicted.id) ?? 0) * part,
    };
  });
  // The machine's speed is read from the threads the program starts: the main thread's measured time also holds the
  // interpreter's own start-up and imports, which predictions leave out. A program of one thread has only that one.
  const cpuOf = (entries: readonly ThreadComparison[]) => entries.reduce(
    (sum, { measured: thread, predictedCpuMs }) => (predictedCpuMs !== undefined ? { predicted: sum.predicted + predictedCpuMs, measured: sum.measured + thread.cpuMs } : sum),
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
