// What the bundled tracer (src/measure/tracer.py) writes after running a program: its threads and, on Linux, samples
// of each thread's CPU time and of what it was blocked in. The report comes from another process and the user's
// program may have written over it, so it is read field by field: a malformed report gives a problem, never a throw.

/** One thread's samples, aligned with the run's sample times from `first` on. */
export interface ThreadSamples {
  readonly first: number;
  /** CPU time the thread had used by each sample, in ms. */
  readonly cpuMs: readonly number[];
  /** By sample: `r` on a CPU or ready to run, `g` waiting for the GIL, `b` blocked on something else; empty when unknown. */
  readonly states: string;
}

export interface MeasuredThreadRecord {
  readonly id: number;
  /** A thread of the program's interpreter, or a child process it started (timed by its main thread). */
  readonly kind: 'thread' | 'process';
  readonly name: string;
  readonly target: string;
  /** `user`, `pool-worker` (an executor's worker: `work` says what it ran) or `internal` (the standard library's helpers). */
  readonly role: 'user' | 'pool-worker' | 'internal';
  readonly daemon: boolean;
  /** The line of the program that started the thread; 0 for the main thread and when none of its lines did. */
  readonly line: number;
  /** Every line of the program on the stack where the thread was made and where it was started, innermost first. */
  readonly lines: readonly number[];
  readonly startMs: number;
  /** When the thread ended; the run's end for a daemon still running then. */
  readonly endMs: number;
  readonly cpuMs: number;
  /** The thread's CPU clock when it started (the main thread's counts the interpreter's start-up), when known. */
  readonly cpuAtStartMs?: number;
  /** For a pool worker: the functions it ran, and how many times. */
  readonly work: Readonly<Record<string, number>>;
  readonly samples: ThreadSamples;
}

export interface TracerReport {
  readonly version: 1;
  readonly python: string;
  readonly implementation: string;
  /** False on a free-threaded build running without the GIL. */
  readonly gil: boolean;
  /** `kernel`: waits for the GIL told from other waits; `cpu`: only on-CPU time sampled; `none`: no samples. */
  readonly states: 'kernel' | 'cpu' | 'none';
  readonly switchIntervalMs: number;
  readonly cpus: number;
  readonly wallMs: number;
  readonly exitCode: number;
  /** The exception the program ended with, in one line. */
  readonly error?: string;
  readonly sampleTimesMs: readonly number[];
  readonly threads: readonly MeasuredThreadRecord[];
}

export type ReadReport = { readonly report: TracerReport } | { readonly problem: string };

/** Reads the tracer's JSON text. */
export function readTracerReport(text: string): ReadReport {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { problem: 'the tracer\'s report is not JSON' };
  }
  if (!isObject(raw) || raw.version !== 1) return { problem: 'the tracer\'s report has an unknown format' };
  if (!Array.isArray(raw.threads) || raw.threads.length === 0) {
    return { problem: typeof raw.error === 'string' ? raw.error : 'the tracer recorded no threads' };
  }
  const sampleTimesMs = numbers(raw.sampleTimes);
  const wallMs = finite(raw.wallMs, 0);
  const threads: MeasuredThreadRecord[] = [];
  for (const entry of raw.threads) {
    if (!isObject(entry)) continue;
    const startMs = finite(entry.startMs, 0);
    const samples = isObject(entry.samples) ? entry.samples : {};
    const role = entry.role === 'pool-worker' || entry.role === 'internal' ? entry.role : 'user';
    threads.push({
      id: threads.length,
      kind: entry.kind === 'process' ? 'process' : 'thread',
      name: text64(entry.name, `Thread ${threads.length}`),
      target: text64(entry.target, '?'),
      role,
      daemon: entry.daemon === true,
      line: Math.max(0, Math.floor(finite(entry.line, 0))),
      lines: [...new Set(numbers(entry.lines).map(Math.floor).filter((line) => line > 0))].slice(0, 16),
      startMs,
      // A daemon thread still running at exit has no end: it ran until the run ended.
      endMs: Math.max(startMs, finite(entry.endMs, wallMs)),
      cpuMs: Math.max(0, finite(entry.cpuMs, 0)),
      ...(typeof entry.cpuAtStartMs === 'number' && Number.isFinite(entry.cpuAtStartMs) ? { cpuAtStartMs: Math.max(0, entry.cpuAtStartMs) } : {}),
      work: workOf(entry.work),
      samples: {
        first: Math.max(0, Math.floor(finite(samples.first, 0))),
        cpuMs: series(samples.cpu),
        states: typeof samples.state === 'string' ? samples.state.replace(/[^rgb]/g, '?') : '',
      },
    });
  }
  const states = raw.states === 'kernel' || raw.states === 'cpu' ? raw.states : 'none';
  return {
    report: {
      version: 1,
      python: text64(raw.python, '?'),
      implementation: text64(raw.implementation, 'cpython'),
      gil: raw.gil !== false,
      states,
      switchIntervalMs: finite(raw.switchIntervalMs, 5),
      cpus: Math.max(1, Math.floor(finite(raw.cpus, 1))),
      wallMs,
      exitCode: Math.floor(finite(raw.exitCode, 0)),
      ...(typeof raw.error === 'string' ? { error: raw.error.slice(0, 500) } : {}),
      sampleTimesMs,
      threads,
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finite(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function numbers(value: unknown): number[] {
  return Array.isArray(value) ? value.map((item) => finite(item, Number.NaN)).filter((item) => !Number.isNaN(item)) : [];
}

/** A name from the program (a thread's, a function's): text, and not a page of it. */
/** A running total: a missing reading keeps the one before, so the readings stay aligned with the sample times. */
function series(value: unknown): number[] {
  if (!Array.isArray(value)) return [];
  let last = 0;
  return value.map((item) => (last = Math.max(last, finite(item, last))));
}

function text64(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, 64) : fallback;
}

function workOf(value: unknown): Record<string, number> {
  if (!isObject(value)) return {};
  const work: Record<string, number> = {};
  for (const [name, count] of Object.entries(value).slice(0, 20)) {
    if (typeof count === 'number' && count > 0) work[name.slice(0, 64)] = Math.floor(count);
  }
  return work;
}
