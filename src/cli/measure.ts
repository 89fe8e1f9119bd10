// `gil-lens measure [--python PATH] [--runs N] [--timeout S] [--format text|json|mermaid] FILE [-- ARG...]`: runs the
// program under the bundled tracer and prints what its threads did, beside what the GIL model predicted for them.
// With several runs, the one of median wall time is shown. The program's own output goes to stderr, so stdout
// carries the report alone.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Analyzer, PredictedThread, Prediction } from '../model';
import { coarseSamplesNote } from '../model/assist/measured';
import { durationText as ms, signedPercent as percent } from '../model/format';
import { type Comparison, compareRun, machineScaleOf, profileForRun } from '../model/measure/compare';
import type { TracerReport } from '../model/measure/report';
import { COARSE_SAMPLES_MS, MAX_DRAWN_LANES, type MeasuredTimeline, measuredLanes, measuredTimeline } from '../model/measure/timeline';
import { toMermaid } from '../model/timeline/mermaid';
import { profileFor } from '../model/workload/profiles';
import { profileVersionOf, traceProgram } from '../node/tracer';
import { UsageError } from './predict';

const FORMATS = ['text', 'json', 'mermaid'];

export async function measureCommand(analyzer: Analyzer, args: readonly string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      python: { type: 'string', default: process.platform === 'win32' ? 'python' : 'python3' },
      timeout: { type: 'string', default: '60' },
      runs: { type: 'string', default: '1' },
      format: { type: 'string', default: 'text' },
    },
    allowPositionals: true,
  });
  const format = values.format ?? 'text';
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format ${JSON.stringify(format)} (one of ${FORMATS.join(', ')})`);
  const timeoutS = Number(values.timeout);
  if (!(timeoutS > 0 && timeoutS <= 86_400)) throw new UsageError('--timeout takes seconds, more than 0 and at most 86400');
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 100) throw new UsageError('--runs takes a whole number from 1 to 100');
  const [path, ...programArgs] = positionals;
  if (!path) throw new UsageError('measure needs the file to run');
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    err(`gil-lens: ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot read this file'}\n`);
    return 2;
  }
  const python = values.python!;
  const reports: TracerReport[] = [];
  for (let run = 1; run <= runs; run++) {
    err(`gil-lens: running ${path} with ${python} under the tracer${runs > 1 ? ` (run ${run} of ${runs})` : ''}...\n`);
    const traced = await traceProgram({
      python, script: resolve(path), args: programArgs, timeoutMs: timeoutS * 1000, onOutput: (text) => err(text),
    });
    if ('problem' in traced) {
      err(`gil-lens: ${path}: ${traced.problem}\n`);
      return 2;
    }
    reports.push(traced.report);
  }
  // A run's wall time varies by tens of percent here: the run of median wall time stands for them.
  const walls = reports.map((one) => one.wallMs);
  const report = [...reports].sort((a, b) => a.wallMs - b.wallMs)[Math.floor((reports.length - 1) / 2)];
  const timeline = measuredTimeline(report);
  const version = profileVersionOf(report);
  const { prediction, problems } = analyzer.predict(source, { python: profileFor(version) ? version : undefined, cores: report.cpus });
  for (const problem of problems) err(`gil-lens: ${path}: ${problem}\n`);
  const comparison = prediction ? compareRun(prediction, timeline, report.wallMs) : undefined;
  // The same prediction with the profile's CPU costs scaled to this machine, by the run's own CPU time.
  const scale = comparison && machineScaleOf(comparison);
  const scaledPrediction = scale ? analyzer.predict(source, { profile: profileForRun(version, scale), cores: report.cpus }).prediction : undefined;
  const scaled = scale && scaledPrediction ? { scale, comparison: compareRun(scaledPrediction, timeline, report.wallMs) } : undefined;
  switch (format) {
    case 'json':
      out(`${JSON.stringify({
        version: 1, path, runs: walls.map((wall) => round(wall)), measured: measuredJson(report, timeline), comparison: comparison && comparisonJson(comparison),
        scaledToThisMachine: scaled && { cpuScale: round(1 / scaled.scale, 3), comparison: comparisonJson(scaled.comparison) },
      }, null, 2)}\n`);
      break;
    case 'mermaid':
      out(toMermaid(timeline.segments, measuredLanes(timeline, MAX_DRAWN_LANES), { title: `Measured GIL timeline, CPython ${report.python}` }));
      break;
    default:
      out(formatMeasurement(path, report, timeline, comparison, prediction, scaled, walls));
  }
  return 0;
}

function measuredJson(report: TracerReport, timeline: MeasuredTimeline) {
  return {
    python: report.python, implementation: report.implementation, gil: report.gil, cores: report.cpus,
    switchIntervalMs: report.switchIntervalMs, wallMs: round(report.wallMs), exitCode: report.exitCode,
    ...(report.error ? { error: report.error } : {}), states: report.states, hiddenThreads: timeline.hiddenThreads,
    ...(timeline.sampleIntervalMs !== undefined ? { sampleIntervalMs: round(timeline.sampleIntervalMs) } : {}),
    threads: timeline.threads.map((thread) => ({
      id: thread.id, name: thread.name, target: thread.target, line: thread.line, role: thread.role, daemon: thread.daemon,
      startMs: round(thread.startMs), endMs: round(thread.endMs), cpuMs: round(thread.cpuMs),
      waitingMs: round(thread.waitingMs), blockedMs: round(thread.blockedMs),
    })),
    segments: timeline.segments.map((segment) => ({ ...segment, startMs: round(segment.startMs), endMs: round(segment.endMs) })),
  };
}

function comparisonJson(comparison: Comparison) {
  return {
    wall: { predictedMs: round(comparison.wall.predictedMs), measuredMs: round(comparison.wall.measuredMs), error: round(comparison.wall.error, 3) },
    cpu: { predictedMs: round(comparison.cpu.predictedMs), measuredMs: round(comparison.cpu.measuredMs) },
    threads: comparison.threads.map(({ measured, predicted, predictedCpuMs, predictedWaitingMs }) => ({
      measured: measured.id, predicted: predicted?.id ?? null,
      ...(predicted ? { predictedCpuMs: round(predictedCpuMs ?? 0), predictedWaitingMs: round(predictedWaitingMs ?? 0) } : {}),
    })),
    unpaired: comparison.unpaired.map((thread) => thread.id),
  };
}

export function formatMeasurement(
  path: string, report: TracerReport, timeline: MeasuredTimeline, comparison?: Comparison, prediction?: Prediction,
  scaled?: { scale: number; comparison: Comparison }, walls: readonly number[] = [report.wallMs],
): string {
  const lines = [
    `${path}: measured on ${report.implementation === 'cpython' ? 'CPython' : report.implementation} ${report.python}${report.gil ? '' : ' without the GIL'}, `
      + `${report.cpus} core${report.cpus === 1 ? '' : 's'}, switch interval ${report.switchIntervalMs} ms; exit status ${report.exitCode}`,
  ];
  if (report.error) lines.push(`the program ended with ${report.error}`);
  lines.push('', `wall time      measured ${ms(report.wallMs)}${comparison ? `   predicted ${ms(comparison.wall.predictedMs)} (${percent(comparison.wall.error)})` : ''}`);
  if (walls.length > 1) lines.push(`               the median of ${walls.length} runs: ${walls.map(ms).join(', ')}`);
  if (scaled) {
    lines.push(`               predicted with CPU costs scaled to this machine (x${(1 / scaled.scale).toFixed(2)}, from this run's CPU time): `
      + `${ms(scaled.comparison.wall.predictedMs)} (${percent(scaled.comparison.wall.error)})`);
  }
  // The per-thread figures come from the scaled prediction when there is one: the machine's speed is not the model's.
  const shown = scaled?.comparison ?? comparison;
  lines.push('', 'threads and processes                     line   lifetime        cpu   waiting   blocked   predicted: cpu   waiting');
  const paired = new Map(shown?.threads.map((entry) => [entry.measured, entry]));
  const lanes = measuredLanes(timeline);
  for (const thread of timeline.threads) {
    const entry = paired.get(thread);
    const name = lanes[thread.id].name.slice(0, 40).padEnd(40);
    const predicted = entry?.predicted ? `${ms(entry.predictedCpuMs ?? 0).padStart(14)}${ms(entry.predictedWaitingMs ?? 0).padStart(10)}` : '               (not predicted)';
    lines.push(`  ${name}${(thread.line > 0 ? String(thread.line) : '-').padStart(6)}${ms(thread.endMs - thread.startMs).padStart(11)}`
      + `${ms(thread.cpuMs).padStart(11)}${(timeline.states === 'kernel' ? ms(thread.waitingMs) : '?').padStart(10)}${ms(thread.blockedMs).padStart(10)}${predicted}`);
  }
  for (const thread of shown?.unpaired ?? []) {
    lines.push(`  ${`${thread.name} ${thread.target}`.slice(0, 40).padEnd(40)}${String(thread.line).padStart(6)}  ${unpairedWhy(thread)}`);
  }
  if (timeline.hiddenThreads > 0) lines.push(`  and ${timeline.hiddenThreads} helper thread${timeline.hiddenThreads === 1 ? '' : 's'} of the standard library, not shown`);
  if (timeline.sampleIntervalMs !== undefined && timeline.sampleIntervalMs > COARSE_SAMPLES_MS) lines.push('', coarseSamplesNote(timeline.sampleIntervalMs));
  if (timeline.states === 'kernel') {
    lines.push('', 'waiting: ready to run but not running, for the GIL (or, for a process, for a free core); blocked: sleep, I/O, locks, joins');
  } else {
    lines.push('', timeline.states === 'cpu'
      ? 'this system does not say what a thread waits for: waits for the GIL are counted as blocked'
      : 'this system gives no samples: only each thread\'s start, end and CPU time');
  }
  if (comparison && comparison.cpu.measuredMs > 0 && comparison.cpu.predictedMs > 0) {
    const factor = comparison.cpu.predictedMs / comparison.cpu.measuredMs;
    lines.push('', `CPU time of the paired threads: measured ${ms(comparison.cpu.measuredMs)}, predicted ${ms(comparison.cpu.predictedMs)}`
      + ` (the profile${prediction ? ` for CPython ${prediction.python}` : ''} expects ${factor.toFixed(2)}x this machine's time; gil-lens calibrate fits a profile to it)`);
  }
  return `${lines.join('\n')}\n`;
}

function unpairedWhy(thread: PredictedThread): string {
  if (thread.runsAs === 'task') return '(predicted: an asyncio task, measured as part of its event loop\'s thread)';
  return '(predicted, not seen in this run)';
}



function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
