// `gil-lens calibrate --python PATH [--out FILE]`: runs the bundled micro-benchmarks (calibrate.py) on an
// interpreter and writes a profile that `gil-lens predict --profile FILE` uses instead of the shipped one.

import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { type VersionProfile, profileFor } from '../model/workload/profiles';
import { UsageError } from './predict';

export function calibrateCommand(args: readonly string[], out: (text: string) => void, err: (text: string) => void): number {
  const { values } = parseArgs({
    args: [...args],
    options: { python: { type: 'string' }, out: { type: 'string' } },
    allowPositionals: false,
  });
  if (!values.python) throw new UsageError('calibrate needs --python PATH (the interpreter to measure)');
  const script = findScript();
  err(`gil-lens: measuring ${values.python} (about ten seconds; keep the machine quiet)...\n`);
  const run = spawnSync(values.python, [script], { encoding: 'utf8', timeout: 120_000 });
  if (run.error || run.status !== 0) {
    err(`gil-lens: ${values.python} could not run the benchmarks: ${run.error?.message ?? run.stderr.trim()}\n`);
    return 2;
  }
  let measured: Measured;
  try {
    measured = JSON.parse(run.stdout) as Measured;
  } catch {
    err(`gil-lens: unexpected output from ${values.python}\n`);
    return 2;
  }
  const profile = toProfile(measured);
  const text = `${JSON.stringify(profile, null, 2)}\n`;
  if (values.out) {
    writeFileSync(values.out, text);
    err(`gil-lens: wrote ${values.out}\n`);
  } else {
    out(text);
  }
  return 0;
}

/** What calibrate.py prints. */
export interface Measured {
  readonly python: string;
  readonly version: string;
  readonly freeThreaded: boolean;
  readonly switchIntervalMs: number;
  readonly opNs: VersionProfile['opNs'];
  readonly cStepNs: number;
  readonly threadStartUs: number;
  readonly contentionSlowdown: number;
  readonly lockContentionSlowdown: number;
  readonly wakeupWaitFraction: number;
  readonly processStartMs: Partial<VersionProfile['processStartMs']>;
  readonly defaultStartMethod: VersionProfile['defaultStartMethod'];
}

/** Measurements over the shipped profile of the same version (for what is not measured: native costs, latency). */
export function toProfile(measured: Measured): VersionProfile {
  const base = profileFor(measured.python) ?? profileFor(measured.python.replace(/t$/, '')) ?? profileFor('3.11')!;
  return {
    ...base,
    python: measured.python,
    freeThreaded: measured.freeThreaded,
    switchIntervalMs: measured.switchIntervalMs,
    opNs: measured.opNs,
    cStepNs: measured.cStepNs,
    threadStartUs: measured.threadStartUs,
    contentionSlowdown: Math.max(1, measured.contentionSlowdown),
    lockContentionSlowdown: Math.max(1, measured.lockContentionSlowdown),
    wakeupWaitFraction: Math.min(2, measured.wakeupWaitFraction),
    processStartMs: { ...base.processStartMs, ...measured.processStartMs },
    defaultStartMethod: measured.defaultStartMethod,
    source: `measured with calibrate.py on CPython ${measured.version}`,
  };
}

function findScript(): string {
  const here = typeof __dirname === 'string' ? __dirname : dirname(new URL(import.meta.url).pathname);
  for (const candidate of [join(here, 'calibrate.py'), join(here, '..', 'calibrate', 'calibrate.py'), join(here, '..', 'src', 'calibrate', 'calibrate.py')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('calibrate.py is missing from this installation');
}
