// Costs that turn counted work into time, per Python version. The default profile is a first estimate for a 2-core
// x86-64 machine of the kind the examples were measured on; `gil-lens calibrate` will replace it with measurements.

import type { Work } from '../facts/work';

export interface CostProfile {
  readonly python: string;
  /** One Python operation (about one bytecode), in nanoseconds. */
  readonly opNs: number;
  /** One step of a loop run in C with the GIL held. */
  readonly cStepNs: number;
  /** GIL-free native work by unit kind. */
  readonly nativeNs: Readonly<Record<string, number>>;
  /** A blocking call whose length the code does not say (network, file, another thread): the default latency. */
  readonly blockMs: number;
}

export const DEFAULT_PROFILE: CostProfile = {
  python: '3.11',
  opNs: 12,
  cStepNs: 6,
  nativeNs: { 'pbkdf2-iteration': 450, 'hash-byte': 1.6, 'compress-byte': 12, 'native-call': 1_000_000 },
  blockMs: 5,
};

/** Time spent holding the GIL, in milliseconds. */
export function gilMs(work: Work, profile: CostProfile = DEFAULT_PROFILE): number {
  return (work.ops * profile.opNs + work.cSteps * profile.cStepNs) / 1e6;
}

/** Time spent waiting or in native code without the GIL, in milliseconds. */
export function releasedMs(work: Work, profile: CostProfile = DEFAULT_PROFILE): number {
  let native = 0;
  for (const [kind, units] of Object.entries(work.native)) native += units * (profile.nativeNs[kind] ?? 1000);
  return work.sleepSeconds * 1000 + work.blocks * profile.blockMs + native / 1e6;
}
