// What a hover adds at a thread start once the file has been measured (the Measure command): what the threads made
// or started on that line really did, beside the prediction the hover already gives.

import { durationText } from '../format';
import type { MeasuredTimeline } from '../measure/timeline';

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

/** `30.1 ms`, or `28.7–30.1 ms` when the values differ. */
function range(values: readonly number[]): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return durationText(low) === durationText(high) ? durationText(low) : `${durationText(low)}–${durationText(high)}`;
}
