// The few words shown above each thread start (a CodeLens) and in the status bar, from the prediction.

import type { Facts } from '../facts';
import type { ThreadStart } from '../facts/threads';
import type { LineIndex } from '../parse/syntax';
import type { PredictedThread, Prediction } from '../predict';

export interface Lens {
  /** Where the start is (UTF-16 offset of its call). */
  readonly offset: number;
  readonly title: string;
}

export function startLenses(facts: Facts, prediction: Prediction): Lens[] {
  const speedUp = speedUpOf(prediction);
  const lenses: Lens[] = [];
  // Starts on one line (a comprehension over a literal, unrolled) share one lens.
  const seen = new Set<string>();
  for (const start of facts.starts) {
    if (start.isTask) continue;
    const line = facts.module.lines.lineAt(start.call.start) + 1;
    const key = `${line}:${start.targetText}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const threads = predictedThreadsOf(start, facts.module.lines, prediction);
    if (threads.length === 0) continue;
    const siblings = facts.starts.filter((s) => !s.isTask && s.targetText === start.targetText && facts.module.lines.lineAt(s.call.start) + 1 === line);
    const count = Math.round(siblings.reduce((sum, s) => sum + s.count.value, 0));
    const noun = start.isProcess ? (count === 1 ? 'process' : 'processes') : count === 1 ? 'thread' : 'threads';
    const kinds = new Set(threads.map((t) => t.kind));
    const behaviour = start.isProcess ? 'in parallel'
      : kinds.size === 1 && kinds.has('cpu') ? (count > 1 ? 'serialized by the GIL' : 'holds the GIL')
      : kinds.size === 1 && kinds.has('io') ? 'waits overlap'
      : 'part serialized';
    lenses.push({ offset: start.call.start, title: `${siblings.every((s) => s.count.known) ? '' : '~'}${count} ${noun} · ${behaviour} · ${speedUp} vs sequential` });
  }
  return lenses;
}

/** The predicted threads a start made: those of its line running its target. */
export function predictedThreadsOf(start: ThreadStart, lines: LineIndex, prediction: Prediction): PredictedThread[] {
  const line = lines.lineAt(start.call.start) + 1;
  return prediction.threads.filter((t) => t.id !== 0 && t.line === line && t.target === start.targetText);
}

/** The status bar's words for the file. */
export function fileSummary(findings: number, prediction: Prediction | undefined): string {
  const found = findings === 0 ? 'no findings' : findings === 1 ? '1 finding' : `${findings} findings`;
  if (!prediction || prediction.threads.length <= 1) return `GIL: ${found}`;
  return `GIL: ${found} · threads ${speedUpOf(prediction)}`;
}

function speedUpOf(prediction: Prediction): string {
  const { sequential, threads } = prediction.scenarios;
  if (threads.endless) return 'never end';
  if (threads.cutShort || !(threads.wallMs > 0) || !(sequential.wallMs > 0)) return '–';
  return `${(sequential.wallMs / threads.wallMs).toFixed(2)}×`;
}
