// The predicted timeline as a Mermaid gantt chart: one lane per thread (`displayMode: compact`), a bar per stretch
// of one state. Mermaid draws a few milliseconds per bar and gives up past 50,000 characters, so a chart holds about
// a hundred bars: runs of one state are merged, a lane with more stretches than its share is summarised in equal
// windows ("alternating: 50% running, 50% waiting"), and `fromMs`/`toMs` zoom into part of the run.

import type { PredictedThread } from '../predict';
import type { SegmentState, TimelineSegment } from '../simulate/engine';

export interface MermaidOptions {
  readonly title?: string;
  readonly fromMs?: number;
  readonly toMs?: number;
  /** Upper bound on bars for the whole chart. */
  readonly maxBars?: number;
}

export interface Lane {
  readonly id: number;
  readonly name: string;
}

/** A lane per predicted thread, named by thread and target (`Thread-2 crunch`); a daemon says so. */
export function lanesOf(threads: readonly PredictedThread[]): Lane[] {
  return threads.map((thread) => ({
    id: thread.id, name: thread.id === 0 ? 'MainThread' : `${thread.name} ${thread.target}${thread.daemon ? ' (daemon)' : ''}`,
  }));
}

export interface Bar {
  readonly thread: number;
  readonly state: SegmentState;
  readonly startMs: number;
  readonly endMs: number;
  readonly line: number;
  /** For a summarised window: the share of each state in it. */
  readonly mix?: Readonly<Partial<Record<SegmentState, number>>>;
}

/** Mermaid's task tags, which its themes colour apart: running stands out, waiting is critical, waits are done. */
const TAG: Record<SegmentState, string> = { running: 'active, ', waiting: 'crit, ', io: 'done, ', native: '' };

export function toMermaid(segments: readonly TimelineSegment[], lanes: readonly Lane[], options: MermaidOptions = {}): string {
  return chartOf(segments, lanes, options).text;
}

/** The chart and its bars, each with the task id Mermaid gives its rectangle (so a view can tie clicks to lines). */
export function chartOf(segments: readonly TimelineSegment[], lanes: readonly Lane[], options: MermaidOptions = {}): { text: string; bars: Array<Bar & { id: string }> } {
  const bars = layoutBars(segments, lanes, options);
  const placed: Array<Bar & { id: string }> = [];
  const lines = ['---', 'displayMode: compact', '---', 'gantt'];
  if (options.title) lines.push(`  title ${safe(options.title)}`);
  // About eight ticks over the run, at a round step (Mermaid draws one per millisecond step otherwise, overlapping).
  const spanMs = Math.max(1, ...bars.map((bar) => bar.endMs)) - Math.min(0, ...bars.map((bar) => bar.startMs));
  const step = roundStep(spanMs / 8);
  lines.push('  dateFormat x', spanMs < 1000 ? '  axisFormat %L ms' : '  axisFormat %M:%S.%L', `  tickInterval ${step.value}${step.unit}`);
  let id = 0;
  for (const lane of lanes) {
    const own = bars.filter((bar) => bar.thread === lane.id);
    if (own.length === 0) continue;
    lines.push(`  section ${safe(lane.name)}`);
    let laneEnd = Number.NEGATIVE_INFINITY;
    for (const bar of own) {
      // Mermaid's `x` format takes whole milliseconds (it rejects fractions): a bar is at least one long, and starts
      // where the one before it ended at the earliest (overlapping bars would take a row of their own). A bar of a
      // fraction of a millisecond that rounding puts inside the one before it is not drawn.
      const start = Math.max(Math.round(bar.startMs), laneEnd);
      const end = Math.max(Math.round(bar.endMs), start + 1);
      if (start > Math.round(bar.startMs) && Math.round(bar.endMs) <= laneEnd) continue;
      laneEnd = end;
      const label = bar.mix ? mixLabel(bar.mix) : `${bar.state}${bar.line ? ` L${bar.line}` : ''}`;
      const taskId = `b${id++}`;
      placed.push({ ...bar, id: taskId });
      lines.push(`  ${label} :${TAG[bar.state]}${taskId}, ${start}, ${end}`);
    }
  }
  return { text: `${lines.join('\n')}\n`, bars: placed };
}

/** A tick step of 1, 2 or 5 times a power of ten, in Mermaid's units. */
function roundStep(ms: number): { value: number; unit: 'millisecond' | 'second' | 'minute' } {
  const candidates = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 30_000, 60_000, 120_000, 300_000, 600_000];
  const chosen = candidates.find((candidate) => candidate >= ms) ?? 600_000;
  if (chosen >= 60_000) return { value: chosen / 60_000, unit: 'minute' };
  if (chosen >= 1000) return { value: chosen / 1000, unit: 'second' };
  return { value: chosen, unit: 'millisecond' };
}

/** The bars a chart shows: merged, clipped to the window, and summarised where a lane has too many. */
export function layoutBars(segments: readonly TimelineSegment[], lanes: readonly Lane[], options: MermaidOptions = {}): Bar[] {
  const from = options.fromMs ?? 0;
  const to = options.toMs ?? Math.max(0, ...segments.map((s) => s.endMs));
  const perLane = Math.max(4, Math.floor((options.maxBars ?? 100) / Math.max(1, lanes.length)));
  const bars: Bar[] = [];
  for (const lane of lanes) {
    const own = merge(segments
      .filter((s) => s.thread === lane.id && s.endMs > from && s.startMs < to)
      .map((s) => ({ ...s, startMs: Math.max(s.startMs, from), endMs: Math.min(s.endMs, to) })));
    bars.push(...(own.length <= perLane ? own : summarise(own, lane.id, from, to, perLane)));
  }
  return bars;
}

function merge(segments: TimelineSegment[]): Bar[] {
  const merged: Bar[] = [];
  for (const segment of segments) {
    const last = merged[merged.length - 1];
    if (last && last.state === segment.state && Math.abs(last.endMs - segment.startMs) < 1e-9) {
      merged[merged.length - 1] = { ...last, endMs: segment.endMs, line: last.line === segment.line ? last.line : 0 };
    } else {
      merged.push({ thread: segment.thread, state: segment.state, startMs: segment.startMs, endMs: segment.endMs, line: segment.line });
    }
  }
  return merged;
}

/** Equal windows, each shown as its dominant state with the mix when no state has 90% of it. */
function summarise(bars: Bar[], thread: number, from: number, to: number, windows: number): Bar[] {
  const width = (to - from) / windows;
  const out: Bar[] = [];
  for (let i = 0; i < windows; i++) {
    const start = from + i * width;
    const end = i === windows - 1 ? to : start + width;
    const share: Partial<Record<SegmentState, number>> = {};
    let covered = 0;
    const lines = new Map<number, number>();
    for (const bar of bars) {
      const overlap = Math.min(end, bar.endMs) - Math.max(start, bar.startMs);
      if (overlap <= 0) continue;
      share[bar.state] = (share[bar.state] ?? 0) + overlap;
      covered += overlap;
      lines.set(bar.line, (lines.get(bar.line) ?? 0) + overlap);
    }
    if (covered <= 0) continue;
    const [state, most] = (Object.entries(share) as Array<[SegmentState, number]>).sort((a, b) => b[1] - a[1])[0];
    const line = [...lines].sort((a, b) => b[1] - a[1])[0][0];
    const mix = most / covered >= 0.9 ? undefined
      : Object.fromEntries(Object.entries(share).map(([k, v]) => [k, Math.round((v / covered) * 100)]));
    const previous = out[out.length - 1];
    if (previous && !mix && !previous.mix && previous.state === state && Math.abs(previous.endMs - start) < 1e-9) {
      out[out.length - 1] = { ...previous, endMs: end };
    } else {
      out.push({ thread, state, startMs: start, endMs: end, line, mix });
    }
  }
  return out;
}

function mixLabel(mix: Readonly<Partial<Record<SegmentState, number>>>): string {
  const parts = (Object.entries(mix) as Array<[SegmentState, number]>).sort((a, b) => b[1] - a[1]).map(([state, pct]) => `${pct}% ${state}`);
  return `alternating ${parts.join(' ')}`;
}

/** Mermaid syntax characters and anything from user code become plain text. */
function safe(text: string): string {
  return text.replace(/[^A-Za-z0-9 _.()\-]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60) || 'thread';
}

