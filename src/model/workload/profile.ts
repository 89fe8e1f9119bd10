// Costs that turn counted work into time. The shipped profiles, per Python version, are in profiles.ts.

import { OP_KINDS, type OpCounts, type Work } from '../facts/work';

export interface CostProfile {
  readonly python: string;
  /** Nanoseconds per operation of each kind. */
  readonly opNs: Readonly<OpCounts>;
  /** One step of a loop run in C with the GIL held. */
  readonly cStepNs: number;
  /** GIL-free native work by unit kind. */
  readonly nativeNs: Readonly<Record<string, number>>;
  /** A blocking call whose length the code does not say (network, another process): the default latency. */
  readonly blockMs: number;
  /**
   * A call into the file system on a local disk (open, read, stat, listdir, a write reaching the disk): far
   * shorter than an unknown wait. The rules still count it as a wait that releases the GIL (see releasedMs).
   */
  readonly fileIoMs: number;
  /** A send or receive on a `socket.socketpair()` end, whose peer is a thread of the same process. */
  readonly localSocketMs: number;
}

/** Nanoseconds of GIL-held work for these operation counts and C steps. */
export function cpuNs(ops: Readonly<OpCounts>, cSteps: number, profile: CostProfile): number {
  let total = cSteps * profile.cStepNs;
  for (const kind of OP_KINDS) total += ops[kind] * profile.opNs[kind];
  return total;
}

/** Time spent holding the GIL, in milliseconds. */
export function gilMs(work: Work, profile: CostProfile): number {
  return cpuNs(work.ops, work.cSteps, profile) / 1e6;
}

/** Nanoseconds of GIL-free native work for these units. */
export function nativeNs(units: Readonly<Record<string, number>>, profile: CostProfile): number {
  let total = 0;
  for (const [kind, amount] of Object.entries(units)) total += amount * (profile.nativeNs[kind] ?? 1000);
  return total;
}

/** Time spent waiting or in native code without the GIL, in milliseconds. */
export function releasedMs(work: Work, profile: CostProfile): number {
  return work.sleepSeconds * 1000 + work.blocks * profile.blockMs + nativeNs(work.native, profile) / 1e6;
}
