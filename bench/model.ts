// Bench of the GIL model: how long the simulator takes on a large synthetic workload, and how long `predict`
// takes on each example program. Figures are also given as ratios to a reference measured in the same process.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Analyzer } from '../src/model';
import { type EngineOptions, type SimThread, type Step, simulate } from '../src/model/simulate/engine';

const THREADS = 64;
const CPU_SECONDS = 10;
const SIMULATION_TARGET_MS = 50;
/** The accuracy targets against the measured 3.11 runs. */
const RATIO_TARGET = 0.15;
const WALL_TARGET = 0.35;

export interface ModelBench {
  readonly simulation: { threads: number; cpuSecondsEach: number; ms: number; segments: number; switchesPerMs: number };
  readonly predict: Array<{
    file: string; ms: number; parseMs: number; predictedWallMs: number; predictedRatio: number;
    measuredWallMs?: number; measuredRatio?: number;
  }>;
}

/** 64 CPU-bound threads of 10 s each, started by the main thread and joined: 128,000 switches at 5 ms. */
export function benchSimulation(print: (line: string) => void): ModelBench['simulation'] {
  const cpu = (seconds: number): Step => ({ kind: 'cpu', ns: seconds * 1e9, line: 1 });
  const ids = Array.from({ length: THREADS }, (_, i) => i + 1);
  const threads: SimThread[] = [
    { id: 0, name: 'MainThread', interpreter: 0, daemon: false, startsAtZero: true, program: [{ kind: 'start', threads: ids, line: 1 }, { kind: 'join', threads: ids, line: 1 }] },
    ...ids.map((id): SimThread => ({ id, name: `Thread-${id}`, interpreter: 0, daemon: false, startsAtZero: false, program: [cpu(CPU_SECONDS)] })),
  ];
  const options: EngineOptions = {
    cores: 2, switchIntervalNs: 5e6, gil: true, contentionSlowdown: 1, lockContentionSlowdown: 1, wakeupWaitFraction: 1,
    horizonNs: 1e15, maxSegments: 20_000,
  };
  simulate(threads, { ...options, horizonNs: 1e10 }); // warm up
  const runs: number[] = [];
  let segments = 0;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const result = simulate(threads, options);
    runs.push(performance.now() - start);
    segments = result.segments.length;
  }
  const ms = median(runs);
  const switches = (THREADS * CPU_SECONDS * 1000) / 5;
  print(`\n== GIL simulator ==`);
  print(`${THREADS} CPU-bound threads × ${CPU_SECONDS} s at a 5 ms interval (${switches.toLocaleString('en-US')} switches, ${THREADS * CPU_SECONDS} s simulated):`);
  print(`  median of 5 runs ${ms.toFixed(1)} ms (${(switches / ms).toFixed(0)} switches per ms; target ≤ ${SIMULATION_TARGET_MS} ms) ${ms <= SIMULATION_TARGET_MS ? 'met' : 'MISSED'}`);
  return { threads: THREADS, cpuSecondsEach: CPU_SECONDS, ms, segments, switchesPerMs: switches / ms };
}

/** `predict` on every example, with the raw parse of the same file as the reference. */
export function benchPredict(analyzer: Analyzer, examples: string, print: (line: string) => void): ModelBench['predict'] {
  const files = readdirSync(examples).filter((f) => f.endsWith('.py') && f !== 'measure.py').sort();
  const truth = JSON.parse(readFileSync(join(examples, 'ground_truth.json'), 'utf8')).cases as Record<string, Record<string, {
    threaded?: { wall_s: { median: number } }; sequential?: { wall_s: { median: number } };
  }>>;
  print(`\n== predict on each example (CPython 3.11 profile, 2 cores; latency: median of 5) ==`);
  print('  file                                 latency            threads wall: predicted / measured    threads÷sequential: predicted / measured');
  const rows: ModelBench['predict'] = [];
  for (const file of files) {
    const text = readFileSync(join(examples, file), 'utf8');
    analyzer.predict(text);
    const predictRuns: number[] = [];
    const parseRuns: number[] = [];
    for (let i = 0; i < 5; i++) {
      let start = performance.now();
      analyzer.predict(text, { python: '3.11' });
      predictRuns.push(performance.now() - start);
      start = performance.now();
      analyzer.parser.parse(text).delete();
      parseRuns.push(performance.now() - start);
    }
    const ms = median(predictRuns);
    const parseMs = median(parseRuns);
    const prediction = analyzer.predict(text, { python: '3.11', cores: 2 }).prediction!;
    const predictedWallMs = prediction.scenarios.threads.wallMs;
    const predictedRatio = predictedWallMs / prediction.scenarios.sequential.wallMs;
    const run = truth[file]?.['3.11.7'];
    const measuredWallMs = run?.threaded ? run.threaded.wall_s.median * 1000 : undefined;
    const measuredRatio = run?.threaded && run.sequential ? run.threaded.wall_s.median / run.sequential.wall_s.median : undefined;
    rows.push({ file, ms, parseMs, predictedWallMs, predictedRatio, measuredWallMs, measuredRatio });
    const wall = measuredWallMs === undefined ? `${predictedWallMs.toFixed(0).padStart(7)} ms / -`
      : `${predictedWallMs.toFixed(0).padStart(7)} ms / ${measuredWallMs.toFixed(0)} ms (${signed(predictedWallMs / measuredWallMs - 1)})`;
    const ratio = measuredRatio === undefined ? `${predictedRatio.toFixed(2)} / -`
      : `${predictedRatio.toFixed(2)} / ${measuredRatio.toFixed(2)} (${signed(predictedRatio / measuredRatio - 1)})`;
    print(`  ${file.padEnd(36)} ${ms.toFixed(1).padStart(6)} ms (${(ms / parseMs).toFixed(0).padStart(3)}× parse)  ${wall.padEnd(34)} ${ratio}`);
  }
  const walls = rows.filter((r) => r.measuredWallMs !== undefined);
  const ratios = rows.filter((r) => r.measuredRatio !== undefined);
  const wallsWithin = walls.filter((r) => Math.abs(r.predictedWallMs / r.measuredWallMs! - 1) <= WALL_TARGET).length;
  const ratiosWithin = ratios.filter((r) => Math.abs(r.predictedRatio / r.measuredRatio! - 1) <= RATIO_TARGET).length;
  print(`  threads÷sequential within ±${RATIO_TARGET * 100}%: ${ratiosWithin} of ${ratios.length} ${ratiosWithin === ratios.length ? 'met' : 'MISSED'}; `
    + `threads wall within ±${WALL_TARGET * 100}%: ${wallsWithin} of ${walls.length} ${wallsWithin === walls.length ? 'met' : 'MISSED'}`);
  return rows;
}

function signed(fraction: number): string {
  return `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(0)}%`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
