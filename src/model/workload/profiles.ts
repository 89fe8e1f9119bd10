// Per-version profiles: operation costs plus the scheduler figures the simulator needs. The shipped defaults were
// measured with src/calibrate/calibrate.py (`gil-lens calibrate`) on a 2-core x86-64 Linux machine; versions not
// installed there (3.14, the free-threaded builds) are derived from the nearest measured one, as noted in `source`.

import type { OpCounts } from '../facts/work';
import type { CostProfile } from './profile';

export type StartMethod = 'fork' | 'forkserver' | 'spawn';

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
  /** Starting one worker process, by start method. */
  readonly processStartMs: Readonly<Record<StartMethod, number>>;
  readonly defaultStartMethod: StartMethod;
  /** Pickling arguments and results to and from a process, per byte. */
  readonly pickleNsPerByte: number;
  /** How much slower one thread runs on this version's free-threaded build (for the free-threaded what-if). */
  readonly freeThreadedSlowdown: number;
  /** How the figures were obtained. */
  readonly source: string;
}

const NATIVE = { 'pbkdf2-iteration': 470, 'hash-byte': 1.6, 'compress-byte': 12, 'native-call': 1_000_000 };

function measured(
  python: string, opNs: OpCounts, rest: Partial<VersionProfile> & Pick<VersionProfile, 'contentionSlowdown' | 'lockContentionSlowdown' | 'wakeupWaitFraction'>,
): VersionProfile {
  return {
    python, freeThreaded: false, switchIntervalMs: 5, opNs, cStepNs: 8, nativeNs: NATIVE, blockMs: 5, threadStartUs: 80,
    processStartMs: { fork: 6, forkserver: 25, spawn: 45 }, defaultStartMethod: 'fork', pickleNsPerByte: 2,
    freeThreadedSlowdown: 1.4, source: `measured with calibrate.py on CPython ${python}`,
    ...rest,
  };
}

/** The shipped profiles, by version name. */
export const PROFILES: ReadonlyMap<string, VersionProfile> = (() => {
  const p310 = measured('3.10', {
    iter: 22, local: 2, global: 14, attr: 16, tlattr: 55, item: 20, arith: 9, pycall: 65, ccall: 28, build: 26, lock: 200,
  }, { contentionSlowdown: 1.15, lockContentionSlowdown: 1.8, wakeupWaitFraction: 0.62 });
  const p311 = measured('3.11', {
    iter: 14, local: 2, global: 11, attr: 9, tlattr: 40, item: 14, arith: 8, pycall: 30, ccall: 20, build: 22, lock: 180,
  }, { contentionSlowdown: 1.08, lockContentionSlowdown: 1.4, wakeupWaitFraction: 0.64 });
  const p312 = measured('3.12', {
    iter: 15, local: 2, global: 11, attr: 9, tlattr: 42, item: 15, arith: 9, pycall: 30, ccall: 21, build: 24, lock: 190,
  }, { contentionSlowdown: 1.06, lockContentionSlowdown: 1.5, wakeupWaitFraction: 1.06 });
  const p313 = measured('3.13', {
    iter: 15, local: 2, global: 11, attr: 9, tlattr: 42, item: 15, arith: 9, pycall: 30, ccall: 21, build: 24, lock: 190,
  }, { contentionSlowdown: 1.02, lockContentionSlowdown: 1.6, wakeupWaitFraction: 0.96 });
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
