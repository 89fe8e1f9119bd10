// What the views say of a measured run (the Measure command): at a thread start, what the threads made or started on
// that line really did, beside the prediction the hover already gives; in the panel, a row per thread beside its
// predicted figures, and the notes that tell how to read them.

import { durationText, signedPercent } from '../format';
import type { Comparison } from '../measure/compare';
import type { TracerReport } from '../measure/report';
import { COARSE_SAMPLES_MS, type MeasuredTimeline } from '../measure/timeline';
import type { Lane } from '../timeline/mermaid';

/** Markdown for the measured threads and processes made or started on this line (1-based), or undefined. */
export function measuredAtLine(timeline: MeasuredTimeline, line: number, python: string, stale: boolean): string | undefined {
  const here = timeline.threads.filter((thread) => thread.id !== 0 && thread.lines.includes(line));
  if (here.length === 0) return undefined;
  const processes = here.every((thread) => thread.kind === 'process');
  const noun = processes ? (here.length === 1 ? 'process' : 'processes') : here.length === 1 ? 'thread' : 'threads';
  const lives = here.reduce((sum, thread) => sum + (thread.endMs - thread.startMs), 0);
  const waiting = here.reduce((sum, thread) => sum + thread.waitingMs, 0);
  const blocked = here.reduce((sum, thread) => sum + thread.blockedMs, 0);
  const share = (ms: number) => (lives > 0 ? ` (${Math.round((ms / lives) * 100)}% of their time)` : '');
  const each = here.length === 1 ? '' : ' each';
  const parts = [`${here.length === 1 ? 'The' : here.length} ${noun} made or started here ran ${range(here.map((thread) => thread.cpuMs))} on a CPU${each}`];
  if (timeline.states === 'kernel') {
    parts.push(`waited ${range(here.map((thread) => thread.waitingMs))}${each} ${processes ? 'for a free core' : 'for the GIL'}${share(waiting)}`);
  }
  parts.push(`and were blocked (sleep, I/O, locks, joins) ${range(here.map((thread) => thread.blockedMs))}${each}${share(blocked)}`);
  const when = stale ? 'in the last Measure run (the file has changed since)' : 'in the last Measure run';
  return `**Measured** on CPython ${python} ${when}: ${parts.join(', ')}.`;
}

/** The CodeLens words for the measured threads made or started on this line, or undefined. */
export function measuredLensTitle(timeline: MeasuredTimeline, line: number): string | undefined {
  const here = timeline.threads.filter((thread) => thread.id !== 0 && thread.lines.includes(line));
  if (here.length === 0) return undefined;
  const processes = here.every((thread) => thread.kind === 'process');
  const noun = processes ? (here.length === 1 ? 'process' : 'processes') : here.length === 1 ? 'thread' : 'threads';
  const parts = [`measured: ${here.length} ${noun}`, `${range(here.map((thread) => thread.cpuMs))} CPU${here.length === 1 ? '' : ' each'}`];
  const lives = here.reduce((sum, thread) => sum + (thread.endMs - thread.startMs), 0);
  if (timeline.states === 'kernel' && lives > 0) {
    const waiting = here.reduce((sum, thread) => sum + thread.waitingMs, 0);
    parts.push(`${Math.round((waiting / lives) * 100)}% waiting for ${processes ? 'a core' : 'the GIL'}`);
  }
  return parts.join(' · ');
}

/** `30.1 ms`, or `28.7–30.1 ms` when the values differ. */
function range(values: readonly number[]): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return durationText(low) === durationText(high) ? durationText(low) : `${durationText(low)}–${durationText(high)}`;
}

export interface MeasuredRow {
  readonly name: string;
  /** The line that started the thread (its predicted start's when paired); 0 for the main thread. */
  readonly line: number;
  readonly cpuMs: number;
  /** Undefined when the system does not tell waits for the GIL from other waits. */
  readonly waitingMs?: number;
  readonly blockedMs: number;
  readonly predicted?: { readonly cpuMs: number; readonly waitingMs: number };
}

export interface MeasuredSummary {
  readonly rows: readonly MeasuredRow[];
  readonly notes: readonly string[];
}

export interface MeasuredSummaryInput {
  readonly report: TracerReport;
  readonly timeline: MeasuredTimeline;
  readonly lanes: readonly Lane[];
  /** How many of the lanes the chart draws. */
  readonly drawn: number;
  /** Against the prediction the panel shows (the settings' version, the reference machine). */
  readonly reference: Comparison;
  readonly referencePython: string;
  /** Against the same prediction for the measured interpreter, scaled to this machine, when there is one. */
  readonly scaled?: { readonly comparison: Comparison; readonly python: string; readonly cpuScale: number };
  /** The file has changed since the run. */
  readonly stale: boolean;
}

export function measuredSummary(input: MeasuredSummaryInput): MeasuredSummary {
  const { report, timeline, lanes, reference, scaled } = input;
  const comparison = scaled?.comparison ?? reference;
  const notes: string[] = [];
  if (report.error) notes.push(`The program ended with ${report.error}.`);
  else if (report.exitCode !== 0) notes.push(`The program exited with status ${report.exitCode}.`);
  if (input.stale) notes.push('The file has changed since this run: measure again to compare with the new prediction.');
  if (scaled) {
    notes.push(`The prediction above is for CPython ${input.referencePython} on the profile's reference machine: ${durationText(reference.wall.predictedMs)} `
      + `(${signedPercent(reference.wall.error)}). Compared here: CPython ${scaled.python} with its CPU costs scaled by ${scaled.cpuScale.toFixed(2)}, from this run's CPU time.`);
  } else if (!report.python.startsWith(`${input.referencePython.replace(/t$/, '')}.`)) {
    notes.push(`Predicted for CPython ${input.referencePython} (the gilLens.python setting); measured with ${report.python}.`);
  }
  if (timeline.sampleIntervalMs !== undefined && timeline.sampleIntervalMs > COARSE_SAMPLES_MS) notes.push(coarseSamplesNote(timeline.sampleIntervalMs));
  if (timeline.states === 'cpu') notes.push('This system does not say what a thread waits for: waits for the GIL are counted as blocked.');
  if (timeline.states === 'none') notes.push('This system gives no samples: each lane shows its thread\'s CPU time first, then the rest.');
  if (lanes.length > input.drawn) notes.push(`The chart draws the first ${input.drawn} threads of ${lanes.length}; the table lists them all.`);
  if (timeline.hiddenThreads > 0) notes.push(`${timeline.hiddenThreads} helper thread${timeline.hiddenThreads === 1 ? '' : 's'} of the standard library not drawn.`);
  const tasks = comparison.unpaired.filter((thread) => thread.runsAs === 'task').length;
  if (tasks > 0) notes.push(`${tasks} predicted asyncio task${tasks === 1 ? ' runs' : 's run'} on the event loop's thread, and ${tasks === 1 ? 'is' : 'are'} measured as part of it.`);
  for (const thread of comparison.unpaired) {
    if (thread.runsAs !== 'task') notes.push(`${thread.name} (line ${thread.line}) was predicted but not seen in this run.`);
  }
  const rows = comparison.threads.map(({ measured, predicted, predictedCpuMs, predictedWaitingMs }): MeasuredRow => ({
    name: lanes[measured.id]?.name ?? measured.name,
    line: measured.id === 0 ? 0 : predicted?.line ?? measured.line,
    cpuMs: measured.cpuMs,
    ...(timeline.states === 'kernel' ? { waitingMs: measured.waitingMs } : {}),
    blockedMs: measured.blockedMs,
    ...(predicted ? { predicted: { cpuMs: predictedCpuMs ?? 0, waitingMs: predictedWaitingMs ?? 0 } } : {}),
  }));
  return { rows, notes };
}

/** Said when the machine was too busy for the sampler to keep its pace. */
export function coarseSamplesNote(intervalMs: number): string {
  return `The machine was busy: samples came every ${intervalMs.toFixed(0)} ms (about 1 ms when it is idle), so each thread's CPU time is exact `
    + 'but what it waited for was read at fewer moments. Measure again on a quieter machine for a finer picture.';
}
