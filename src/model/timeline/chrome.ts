// The predicted timeline as Chrome trace-event JSON, which Perfetto (ui.perfetto.dev) and chrome://tracing open:
// one track per thread (small thread ids, named by `thread_name` metadata), one complete event per segment.

import type { TimelineSegment } from '../simulate/engine';
import type { Lane } from './mermaid';

interface TraceEvent {
  readonly name: string;
  readonly ph: 'X' | 'M';
  readonly pid: number;
  readonly tid: number;
  readonly ts?: number;
  readonly dur?: number;
  readonly cat?: string;
  readonly args?: Readonly<Record<string, string | number>>;
}

export function toChromeTrace(segments: readonly TimelineSegment[], lanes: readonly Lane[], processName = 'GIL Lens prediction'): string {
  const events: TraceEvent[] = [
    { name: 'process_name', ph: 'M', pid: 1, tid: 0, args: { name: processName } },
    ...lanes.map((lane): TraceEvent => ({ name: 'thread_name', ph: 'M', pid: 1, tid: lane.id, args: { name: lane.name } })),
    ...lanes.map((lane): TraceEvent => ({ name: 'thread_sort_index', ph: 'M', pid: 1, tid: lane.id, args: { sort_index: lane.id } })),
  ];
  for (const segment of segments) {
    events.push({
      name: segment.state, cat: 'gil', ph: 'X', pid: 1, tid: segment.thread,
      ts: Math.round(segment.startMs * 1000), dur: Math.max(1, Math.round((segment.endMs - segment.startMs) * 1000)),
      args: { line: segment.line },
    });
  }
  return `${JSON.stringify({ traceEvents: events, displayTimeUnit: 'ms' })}\n`;
}
