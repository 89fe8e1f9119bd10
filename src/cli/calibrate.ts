// `gil-lens calibrate --python PATH [--out FILE]`: runs the bundled micro-benchmarks (calibrate.py) on an
// interpreter and writes a profile that `gil-lens predict --profile FILE` uses instead of the shipped one.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Analyzer } from '../model';
import { lowerModule } from '../model/parse/lower';
import { ModuleTree } from '../model/parse/segments';
import { type FittedCosts, countSnippets, fitCosts } from '../model/workload/calibration';
import { type VersionProfile, profileFor } from '../model/workload/profiles';
import { UsageError } from './predict';

export function calibrateCommand(analyzer: Analyzer, args: readonly string[], out: (text: string) => void, err: (text: string) => void): number {
  const { values } = parseArgs({
    args: [...args],
    options: { python: { type: 'string' }, out: { type: 'string' } },
    allowPositionals: false,
  });
  if (!values.python) throw new UsageError('calibrate needs --python PATH (the interpreter to measure)');
  const script = findScript('calibrate.py');
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
  const fitted = fitSnippets(analyzer, measured);
  err(`gil-lens: operation costs fitted to ${Object.keys(measured.snippetNs).length} loops, median error ${(fitted.medianError * 100).toFixed(1)}%\n`);
  const profile = toProfile(measured, fitted);
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
  /** Nanoseconds per round of each loop in snippets.py. */
  readonly snippetNs: Readonly<Record<string, number>>;
  readonly threadStartUs: number;
  readonly poolTaskUs?: number;
  readonly contentionSlowdown: number;
  readonly lockContentionSlowdown: number;
  readonly wakeupWaitFraction: number;
  readonly processStartMs: Partial<VersionProfile['processStartMs']>;
  /** Null where calibrate.py cannot count a child's CPU time (no `resource` module: Windows). */
  readonly processTaskUs?: VersionProfile['processTaskUs'] | null;
  readonly pickleNsPerByte?: number;
  readonly pickleNsPerItem?: number;
  readonly queueOpNs?: number;
  readonly nativeNs?: Readonly<Record<string, number>>;
  readonly importMs?: { readonly ms: Readonly<Record<string, number>>; readonly loads: Readonly<Record<string, readonly string[]>> };
  readonly childPythonMs?: number;
  readonly defaultStartMethod: VersionProfile['defaultStartMethod'];
}

/** Counts the operations of each snippet loop the way user code is counted, and fits costs to the timings. */
function fitSnippets(analyzer: Analyzer, measured: Measured): FittedCosts {
  const source = readFileSync(findScript('snippets.py'), 'utf8');
  const tree = new ModuleTree(analyzer.parser, source);
  try {
    return fitCosts(countSnippets(lowerModule(tree, source).root, source), measured.snippetNs);
  } finally {
    tree.delete();
  }
}

/** Measurements over the shipped profile of the same version (for what is not measured: native costs, latency). */
export function toProfile(measured: Measured, fitted: FittedCosts): VersionProfile {
  const base = profileFor(measured.python) ?? profileFor(measured.python.replace(/t$/, '')) ?? profileFor('3.11')!;
  return {
    ...base,
    python: measured.python,
    freeThreaded: measured.freeThreaded,
    switchIntervalMs: measured.switchIntervalMs,
    // A queue operation is measured on its own: no snippet loop isolates it for the fit.
    opNs: { ...fitted.opNs, queue: measured.queueOpNs ?? base.opNs.queue },
    nativeNs: { ...base.nativeNs, ...measured.nativeNs },
    cStepNs: fitted.cStepNs,
    threadStartUs: measured.threadStartUs,
    poolTaskUs: measured.poolTaskUs ?? base.poolTaskUs,
    contentionSlowdown: Math.max(1, measured.contentionSlowdown),
    lockContentionSlowdown: Math.max(1, measured.lockContentionSlowdown),
    wakeupWaitFraction: Math.min(2, measured.wakeupWaitFraction),
    processStartMs: { ...base.processStartMs, ...measured.processStartMs },
    processTaskUs: measured.processTaskUs ?? base.processTaskUs,
    defaultStartMethod: measured.defaultStartMethod,
    pickleNsPerByte: measured.pickleNsPerByte ?? base.pickleNsPerByte,
    pickleNsPerItem: measured.pickleNsPerItem ?? base.pickleNsPerItem,
    importMs: measured.importMs?.ms ?? base.importMs,
    importLoads: measured.importMs?.loads ?? base.importLoads,
    childPythonMs: measured.childPythonMs ?? base.childPythonMs,
    source: `measured with calibrate.py on CPython ${measured.version}`,
  };
}

function findScript(name: string): string {
  const here = typeof __dirname === 'string' ? __dirname : dirname(new URL(import.meta.url).pathname);
  for (const candidate of [join(here, name), join(here, '..', 'calibrate', name), join(here, '..', 'src', 'calibrate', name)]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${name} is missing from this installation`);
}
