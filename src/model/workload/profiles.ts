// Per-version profiles: operation costs plus the scheduler figures the simulator needs. The shipped ones in
// measured/ were written by `gil-lens calibrate` on a 2-core x86-64 Linux machine; versions not installed there
// (3.14, the free-threaded builds) are derived from the nearest measured one, as noted in `source`.

import type { OpCounts } from '../facts/work';
import cpython310 from './measured/cpython-3.10.json';
import cpython311 from './measured/cpython-3.11.json';
import cpython312 from './measured/cpython-3.12.json';
import cpython313 from './measured/cpython-3.13.json';
import type { CostProfile } from './profile';

export type StartMethod = 'fork' | 'forkserver' | 'spawn';

export type ProcessPoolKind = 'executor' | 'pool';

export interface ProcessTaskCost {
  readonly parent: number;
  readonly worker: number;
}

export interface VersionProfile extends CostProfile {
  /** `3.11`, or `3.13t` for a free-threaded build. */
  readonly python: string;
  readonly freeThreaded: boolean;
  readonly switchIntervalMs: number;
  /** CPU work runs this much slower while other threads contend for the GIL (handoffs, cache traffic). */
  readonly contentionSlowdown: number;
  /** CPU work that takes a contended `threading.Lock` every round runs this much slower. */
  readonly lockContentionSlowdown: number;
  /** Fraction of the switch interval a thread back from I/O waits for the GIL next to a CPU-bound thread. */
  readonly wakeupWaitFraction: number;
  /** Creating and starting one thread. */
  readonly threadStartUs: number;
  /** What a thread pool adds to each task (submitting it, a worker taking it, its result set and read), in CPU. */
  readonly poolTaskUs: number;
  /**
   * What a process pool adds to each task it sends a worker (a call, or a chunk of mapped items), in CPU: in the
   * parent (the submitting thread and the pool's own threads pickling the call, reading the result, setting the
   * future) and in the worker (taking the call off its pipe, sending the result back); beyond pickling the arguments
   * and result themselves. For `ProcessPoolExecutor` and for `multiprocessing.Pool`, whose machinery is lighter.
   */
  readonly processTaskUs: Readonly<Record<ProcessPoolKind, ProcessTaskCost>>;
  /** Starting one worker process, by start method. */
  readonly processStartMs: Readonly<Record<StartMethod, number>>;
  readonly defaultStartMethod: StartMethod;
  /** Pickling and unpickling what is sent to and from a process: per object, and per byte of str/bytes data. */
  readonly pickleNsPerItem: number;
  readonly pickleNsPerByte: number;
  /**
   * Importing a standard module that takes milliseconds to load (asyncio, urllib.request), by module name, beyond
   * what a threaded program has loaded already (threading, concurrent.futures, json...): time the main thread spends
   * at its import. Not scaled to the reference machine (onSlowerMachine): loading is file system work as much as
   * bytecode, and the examples' asyncio programs there spend 31 to 65 ms (3.10 to 3.13) beyond what their own
   * timers report, against 36 to 57 ms measured here for `import asyncio`.
   */
  readonly importMs: Readonly<Record<string, number>>;
  /** The modules of `importMs` that each of them loads with it (asyncio loads ssl): imported beside it, they cost nothing. */
  readonly importLoads: Readonly<Record<string, readonly string[]>>;
  /**
   * Running this Python as a child process (`subprocess.run([sys.executable, "-c", "pass"])`), start to end. The
   * shipped figures are the machine calibrate ran on: 27 ms on 3.10, 3.12 and 3.13; 70 ms on 3.11, whose
   * site-packages there hold a `.pth` file that imports certifi at every start.
   */
  readonly childPythonMs: number;
  /** How much slower one thread runs on this version's free-threaded build (for the free-threaded what-if). */
  readonly freeThreadedSlowdown: number;
  /** How the figures were obtained. */
  readonly source: string;
}

/** What calibrate measures for one interpreter (the rest of a profile comes from defaults below). */
type Measured = Pick<VersionProfile,
  'python' | 'opNs' | 'cStepNs' | 'threadStartUs' | 'poolTaskUs' | 'contentionSlowdown' | 'lockContentionSlowdown' | 'wakeupWaitFraction'
  | 'processStartMs' | 'processTaskUs' | 'defaultStartMethod' | 'source'> & Partial<Pick<VersionProfile, 'pickleNsPerByte' | 'pickleNsPerItem' | 'importMs' | 'importLoads' | 'childPythonMs'>> & {
  /** GIL-free native work measured by calibrate (the rest of NATIVE stays). */
  readonly nativeNs?: Readonly<Record<string, number>>;
  /**
   * How much slower the reference machine runs the same code: the machine the examples' ground truth was measured
   * on, as `npm run fit-reference` finds it (the measured programs' times against this profile's predictions).
   */
  readonly reference?: { readonly scale: number; readonly contentionSlowdown?: number; readonly source: string };
};

/**
 * A local file system call, measured with python3.11 on the 2-core machine calibrate ran on (page cache, ext4):
 * open, read and close of a small file 21 us, os.stat 5, os.remove 10, os.listdir of 2,000 names 42, creating and
 * writing a 2 kB file 153, os.makedirs 72; most programs do the cheap ones most often.
 */
const FILE_IO_MS = 0.02;

/**
 * A socketpair's round trip (a 64-byte `sendall`, then the `recv` of a thread's echo), measured with python3.11 on
 * the 2-core machine calibrate ran on: 24 us, half of it each call.
 */
const LOCAL_SOCKET_MS = 0.012;

/** A child Python's run, where calibrate did not measure it (a profile written before it did): 3.12's. */
const CHILD_PYTHON_MS = 27;

/**
 * Native work where calibrate did not measure it: PBKDF2-SHA256, hashing and zlib speeds of OpenSSL/zlib on x86-64.
 * Deflating random bytes takes about ten times as long a byte as calibrate's repetitive data (24.1 to 24.7 ns
 * against 2.4 to 2.5, measured with calibrate.py on 3.10 to 3.13), and log text about four times (8.8 to 9.4 ns).
 */
const NATIVE = {
  'pbkdf2-iteration': 470, 'hash-byte': 1.6, 'compress-byte': 12, 'compress-random-byte': 120, 'compress-text-byte': 45, 'native-call': 1_000_000,
};

function complete({ reference: _, nativeNs, ...measured }: Measured, freeThreadedSlowdown: number): VersionProfile {
  return {
    pickleNsPerItem: 60, pickleNsPerByte: 0.5, importMs: {}, importLoads: {}, childPythonMs: CHILD_PYTHON_MS, ...measured, freeThreaded: false, switchIntervalMs: 5, nativeNs: { ...NATIVE, ...nativeNs }, blockMs: 5, fileIoMs: FILE_IO_MS, localSocketMs: LOCAL_SOCKET_MS, freeThreadedSlowdown,
  };
}

/** Every figure that is time spent by the CPU, `scale` times longer (the same interpreter on a slower machine). */
export function onSlowerMachine(profile: VersionProfile, scale: number, note: string): VersionProfile {
  const times = <T extends object>(costs: T): T => Object.fromEntries(Object.entries(costs).map(([k, v]) => [k, v * scale])) as T;
  return {
    ...profile,
    opNs: times(profile.opNs), cStepNs: profile.cStepNs * scale, threadStartUs: profile.threadStartUs * scale,
    poolTaskUs: profile.poolTaskUs * scale,
    processTaskUs: {
      executor: times(profile.processTaskUs.executor), pool: times(profile.processTaskUs.pool),
    },
    processStartMs: times(profile.processStartMs), pickleNsPerByte: profile.pickleNsPerByte * scale,
    // Native work is the machine's too (the same C code, slower there); an unknown native call stays a guess.
    nativeNs: { ...times(profile.nativeNs), 'native-call': profile.nativeNs['native-call'] },
    pickleNsPerItem: profile.pickleNsPerItem * scale, source: `${profile.source}; ${note}`,
  };
}

const MEASURED = [cpython310, cpython311, cpython312, cpython313] as Measured[];

/** The measured versions' profiles as calibrate measured them, on the machine it ran on. */
export const AS_MEASURED: ReadonlyMap<string, VersionProfile> = new Map(MEASURED.map((m) => [m.python, complete(m, 1.4)]));

/** The shipped profiles, by version name. */
export const PROFILES: ReadonlyMap<string, VersionProfile> = (() => {
  const [p310, p311, p312, p313] = MEASURED.map((m) => {
    const measured = AS_MEASURED.get(m.python)!;
    if (!m.reference) return measured;
    const { scale, contentionSlowdown, source } = m.reference;
    return { ...onSlowerMachine(measured, scale, source), contentionSlowdown: contentionSlowdown ?? measured.contentionSlowdown };
  });
  const p314: VersionProfile = {
    ...p313, python: '3.14', defaultStartMethod: 'forkserver', freeThreadedSlowdown: 1.1,
    source: 'not measured here: CPython 3.13 figures, forkserver as the default start method on Linux',
  };
  const threadFree = (base: VersionProfile, python: string, slowdown: number, note: string): VersionProfile => ({
    ...base, python, freeThreaded: true, freeThreadedSlowdown: 1,
    opNs: Object.fromEntries(Object.entries(base.opNs).map(([kind, ns]) => [kind, ns * slowdown])) as unknown as OpCounts,
    source: note,
  });
  const p313t = threadFree(p313, '3.13t', 1.4, 'not measured here: CPython 3.13 figures with the published single-thread overhead of 3.13t (about 40%)');
  const p314t = threadFree(p314, '3.14t', 1.1, 'not measured here: CPython 3.13 figures with the published single-thread overhead of 3.14t (about 10%)');
  return new Map([p310, p311, p312, p313, p313t, p314, p314t].map((p) => [p.python, p]));
})();

export const PYTHON_VERSIONS = [...PROFILES.keys()];
export const DEFAULT_PYTHON = '3.11';

export function profileFor(python: string): VersionProfile | undefined {
  return PROFILES.get(python);
}

/** The profile the rules judge with when nothing else is said. */
export const DEFAULT_PROFILE: VersionProfile = PROFILES.get(DEFAULT_PYTHON)!;
