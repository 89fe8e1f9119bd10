// A measured run as a timeline like the predicted one: a lane per thread, stretches of running, waiting for the GIL
// and blocked. Between two samples a thread ran for the CPU time it gained; the rest of that stretch it waited,
// for the GIL when the second sample found it in the GIL's futex (or ready to run but off the CPU), blocked on
// something else (sleep, I/O, a lock, a queue, a join) otherwise. Within a stretch the order is not known: the
// running part is drawn first.

import type { SegmentState, TimelineSegment } from '../simulate/engine';
import type { Lane } from '../timeline/mermaid';
import type { MeasuredThreadRecord, TracerReport } from './report';

export interface MeasuredThread {
  /** The lane's id: the main thread is 0, the others follow in start order. */
  readonly id: number;
  readonly kind: MeasuredThreadRecord['kind'];
  readonly name: string;
  /** The target, or for a pool worker what it ran (`fib_mod ×2`). */
  readonly target: string;
  readonly line: number;
  /** The lines of the program where it was made and started (see MeasuredThreadRecord.lines). */
  readonly lines: readonly number[];
  readonly role: MeasuredThreadRecord['role'];
  readonly daemon: boolean;
  readonly startMs: number;
  readonly endMs: number;
  readonly cpuMs: number;
  /** Off the CPU waiting for the GIL (or for a core), from the samples. */
  readonly waitingMs: number;
  /** Off the CPU for anything else: sleep, I/O, locks, queues, joins. */
  readonly blockedMs: number;
}

export interface MeasuredTimeline {
  readonly threads: readonly MeasuredThread[];
  readonly segments: readonly TimelineSegment[];
  /** The standard library's own helper threads (a multiprocessing queue's feeder, ...): measured, not drawn. */
  readonly hiddenThreads: number;
  /** What the samples tell apart (see TracerReport.states). */
  readonly states: TracerReport['states'];
  /**
   * The median time between samples (about 1 ms on an idle machine); undefined without samples. On a busy machine
   * the sampler runs late: a stretch's CPU time stays exact, but what it waited for is read at fewer moments.
   */
  readonly sampleIntervalMs?: number;
}

/** Above this median interval between samples, the views say that waits were told apart coarsely. */
export const COARSE_SAMPLES_MS = 10;

export function measuredTimeline(report: TracerReport): MeasuredTimeline {
  const shown = report.threads.filter((thread) => thread.role !== 'internal');
  const threads: MeasuredThread[] = [];
  const segments: TimelineSegment[] = [];
  for (const record of shown) {
    const id = threads.length;
    const own = stretchesOf(record, report);
    let waitingMs = 0;
    let blockedMs = 0;
    for (const stretch of own) {
      if (stretch.state === 'waiting') waitingMs += stretch.endMs - stretch.startMs;
      else if (stretch.state === 'io') blockedMs += stretch.endMs - stretch.startMs;
    }
    segments.push(...merged(own.map((stretch) => ({ ...stretch, thread: id, line: record.line }))));
    threads.push({
      id, kind: record.kind, name: record.name, target: targetOf(record), line: record.line, lines: record.lines, role: record.role, daemon: record.daemon,
      startMs: record.startMs, endMs: record.endMs, cpuMs: record.cpuMs, waitingMs, blockedMs,
    });
  }
  segments.sort((a, b) => a.startMs - b.startMs || a.thread - b.thread);
  const gaps = report.sampleTimesMs.slice(1).map((atMs, i) => atMs - report.sampleTimesMs[i]).filter((gap) => gap > 0).sort((a, b) => a - b);
  const sampleIntervalMs = gaps.length > 0 ? gaps[Math.floor(gaps.length / 2)] : undefined;
  return { threads, segments, hiddenThreads: report.threads.length - shown.length, states: report.states, ...(sampleIntervalMs !== undefined ? { sampleIntervalMs } : {}) };
}

/** A chart draws this many lanes at most (the first threads started): Mermaid takes milliseconds per bar. */
export const MAX_DRAWN_LANES = 64;

/** A lane per measured thread, named like the predicted ones (`Thread-3 (crunch)` already names its target). */
export function measuredLanes(timeline: MeasuredTimeline, max = Number.POSITIVE_INFINITY): Lane[] {
  return timeline.threads.slice(0, max).map((thread) => {
    const target = thread.id === 0 || thread.name.includes(`(${thread.target})`) ? '' : ` ${thread.target}`;
    return { id: thread.id, name: `${thread.name}${target}${thread.daemon ? ' (daemon)' : ''}` };
  });
}

interface Stretch {
  readonly state: SegmentState;
  readonly startMs: number;
  readonly endMs: number;
}

/** A thread's life in stretches, from its samples; without samples, its CPU time first and then the rest. */
function stretchesOf(record: MeasuredThreadRecord, report: TracerReport): Stretch[] {
  const { first, cpuMs, states } = record.samples;
  // Samples within the thread's life (the tracer keeps those up to a millisecond around it).
  const times = report.sampleTimesMs.slice(first, first + cpuMs.length);
  if (!times.some((atMs) => atMs >= record.startMs && atMs <= record.endMs)) {
    const running = Math.min(record.cpuMs, record.endMs - record.startMs);
    return [
      { state: 'running', startMs: record.startMs, endMs: record.startMs + running },
      { state: 'io', startMs: record.startMs + running, endMs: record.endMs },
    ].filter((stretch) => stretch.endMs > stretch.startMs) as Stretch[];
  }
  // Points where the thread's CPU time is known: its start and its end (read inside the thread, so exact however few
  // samples fell in its life) and each sample in between. Without the clock at its start, it is taken to have run
  // from its start to its first sample as much as that sample allows (its clock counts from its creation).
  const atStart = record.cpuAtStartMs;
  const sampled = times.map((atMs, i) => ({ atMs, cpuMs: cpuMs[i], state: states[i] ?? '?' }));
  const inside = sampled.filter((point) => point.atMs > record.startMs && point.atMs < record.endMs);
  const atStartSample = sampled.find((point) => point.atMs === record.startMs);
  const atEndSample = sampled.find((point) => point.atMs === record.endMs);
  const earliest = inside[0] ?? atEndSample ?? sampled[0];
  const points: Array<{ atMs: number; cpuMs: number; state: string }> = [{
    atMs: record.startMs,
    cpuMs: atStart ?? atStartSample?.cpuMs ?? Math.max(0, earliest.cpuMs - Math.max(0, earliest.atMs - record.startMs)),
    state: earliest.state,
  }, ...inside];
  const last = points[points.length - 1];
  const before = points[points.length - 2];
  const rate = before && last.atMs > before.atMs ? (last.cpuMs - before.cpuMs) / (last.atMs - before.atMs) : 0;
  points.push({
    atMs: record.endMs,
    cpuMs: atStart !== undefined ? atStart + record.cpuMs : atEndSample?.cpuMs ?? last.cpuMs + Math.max(0, rate) * (record.endMs - last.atMs),
    state: atEndSample?.state ?? (inside.length > 0 ? last.state : earliest.state),
  });
  // The kernel adds a running thread's CPU time to its total at each scheduler tick (every 4 ms at 250 Hz) and when
  // it leaves the CPU: a reading may carry time spent over the few samples before it. Time beyond a stretch's length
  // goes back to the stretches before it, where it was spent.
  const ran: number[] = [];
  let carried = 0;
  for (let i = points.length - 1; i >= 1; i--) {
    const wallMs = Math.max(0, points[i].atMs - points[i - 1].atMs);
    const gained = Math.max(0, points[i].cpuMs - points[i - 1].cpuMs) + carried;
    ran[i] = Math.min(wallMs, gained);
    carried = gained - ran[i];
  }
  const stretches: Stretch[] = [];
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1];
    const to = points[i];
    const wallMs = to.atMs - from.atMs;
    if (wallMs <= 0) continue;
    if (ran[i] > 0) stretches.push({ state: 'running', startMs: from.atMs, endMs: from.atMs + ran[i] });
    if (ran[i] < wallMs) stretches.push({ state: offCpuState(to.state, report.states), startMs: from.atMs + ran[i], endMs: to.atMs });
  }
  return stretches;
}

/**
 * Off the CPU: waiting for the GIL in its futex, or ready to run but not running (a thread cannot run bytecode
 * without the GIL, so that is the GIL too, or a busy core); blocked on anything else. Without kernel states, blocked.
 */
function offCpuState(sampled: string, states: TracerReport['states']): SegmentState {
  if (states !== 'kernel') return 'io';
  return sampled === 'g' || sampled === 'r' ? 'waiting' : 'io';
}

/** Adjacent stretches of one state become one. */
function merged(segments: readonly TimelineSegment[]): TimelineSegment[] {
  const out: TimelineSegment[] = [];
  for (const segment of segments) {
    const previous = out[out.length - 1];
    if (previous && previous.state === segment.state && segment.startMs - previous.endMs < 1e-6) {
      out[out.length - 1] = { ...previous, endMs: segment.endMs };
    } else {
      out.push(segment);
    }
  }
  return out;
}

function targetOf(record: MeasuredThreadRecord): string {
  const work = Object.entries(record.work);
  if (record.role !== 'pool-worker' || work.length === 0) return record.target;
  return work.map(([name, count]) => (count > 1 ? `${name} ×${count}` : name)).join(', ');
}
