// Costs that turn counted work into time, per Python version. `gil-lens calibrate` measures them on an interpreter
// (src/calibrate/calibrate.py); the shipped defaults were measured that way on a 2-core x86-64 machine.

import { OP_KINDS, type OpCounts, type Work } from '../facts/work';

export interface CostProfile {
  readonly python: string;
  /** Nanoseconds per operation of each kind. */
  readonly opNs: Readonly<OpCounts>;
  /** One step of a loop run in C with the GIL held. */
  readonly cStepNs: number;
  /** GIL-free native work by unit kind. */
  readonly nativeNs: Readonly<Record<string, number>>;
  /** A blocking call whose length the code does not say (network, file, another process): the default latency. */
  readonly blockMs: number;
}

export const DEFAULT_PROFILE: CostProfile = {
  python: '3.11',
  opNs: { iter: 14, local: 2, global: 9, attr: 10, tlattr: 45, item: 12, arith: 9, pycall: 45, ccall: 20, build: 20, lock: 120 },
  cStepNs: 6,
  nativeNs: { 'pbkdf2-iteration': 450, 'hash-byte': 1.6, 'compress-byte': 12, 'native-call': 1_000_000 },
  blockMs: 5,
};

/** Nanoseconds of GIL-held work for these operation counts and C steps. */
export function cpuNs(ops: Readonly<OpCounts>, cSteps: number, profile: CostProfile = DEFAULT_PROFILE): number {
  let total = cSteps * profile.cStepNs;
  for (const kind of OP_KINDS) total += ops[kind] * profile.opNs[kind];
  return total;
}

/** Time spent holding the GIL, in milliseconds. */
export function gilMs(work: Work, profile: CostProfile = DEFAULT_PROFILE): number {
  return cpuNs(work.ops, work.cSteps, profile) / 1e6;
}

/** Nanoseconds of GIL-free native work for these units. */
export function nativeNs(units: Readonly<Record<string, number>>, profile: CostProfile = DEFAULT_PROFILE): number {
  let total = 0;
  for (const [kind, amount] of Object.entries(units)) total += amount * (profile.nativeNs[kind] ?? 1000);
  return total;
}

/** Time spent waiting or in native code without the GIL, in milliseconds. */
export function releasedMs(work: Work, profile: CostProfile = DEFAULT_PROFILE): number {
  return work.sleepSeconds * 1000 + work.blocks * profile.blockMs + nativeNs(work.native, profile) / 1e6;
}
