// Fits the shipped profiles to the reference machine: the one the examples' ground truth was measured on
// (examples/ground_truth.json, real CPython runs), which is not the machine calibrate ran on. Two figures per
// version, each the value that keeps the worst relative error over the programs that show it smallest:
// - scale: how much longer CPU work takes there, from the programs whose sequential time is mostly bytecode
//   (measured ÷ predicted sequential wall time with the profile as measured);
// - contentionSlowdown: how much slower CPU-bound threads run while they contend for the GIL, from the programs
//   whose threads are CPU-bound (their threads ÷ sequential wall time ratio).
// `--write` stores them in src/model/workload/measured/ (the `reference` field), where profiles.ts applies them.
//
// Usage: npm run fit-reference [-- --write]

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Analyzer, createAnalyzer } from '../src/model';
import type { Prediction } from '../src/model/predict';
import { AS_MEASURED, type VersionProfile } from '../src/model/workload/profiles';
import { readParserWasm } from '../src/node/wasm';

/** Programs whose predicted sequential time is at least this share of CPU work, and this long, take part. */
const CPU_SHARE = 0.8;
const MIN_MS = 20;
/** A program whose threads take at least this share of the sequential time is serialized by the GIL. */
const SERIALIZED = 0.95;

interface Measurement { readonly wall_s?: { readonly median: number } }
type Truth = Record<string, Record<string, { threaded?: Measurement; sequential?: Measurement }>>;

interface Program { readonly file: string; readonly text: string; readonly threadsMs: number; readonly sequentialMs: number }

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  const examples = join(root, 'examples');
  const truth = (JSON.parse(readFileSync(join(examples, 'ground_truth.json'), 'utf8')) as { cases: Truth }).cases;
  const analyzer = await createAnalyzer(readParserWasm());
  const write = process.argv.includes('--write');
  const files = readdirSync(examples).filter((f) => f.endsWith('.py') && f !== 'measure.py').sort();

  for (const [python, measured] of AS_MEASURED) {
    const programs: Program[] = [];
    for (const file of files) {
      const byVersion = truth[file] ?? {};
      const version = Object.keys(byVersion).find((v) => v.startsWith(`${python}.`));
      const run = version ? byVersion[version] : undefined;
      const threads = run?.threaded?.wall_s?.median;
      const sequential = run?.sequential?.wall_s?.median;
      if (threads === undefined || sequential === undefined) continue;
      programs.push({ file, text: readFileSync(join(examples, file), 'utf8'), threadsMs: threads * 1000, sequentialMs: sequential * 1000 });
    }
    console.log(`\nCPython ${python}: ${programs.length} programs with a threads and a sequential measurement`);

    // 1. The machine: sequential time of the CPU-bound programs.
    const cpuBound: Array<{ program: Program; ratio: number }> = [];
    for (const program of programs) {
      const prediction = predict(analyzer, program, measured);
      const predictedMs = prediction.scenarios.sequential.wallMs;
      const cpu = prediction.threads.reduce((sum, t) => sum + t.cpuMs, 0);
      const share = predictedMs > 0 ? Math.min(1, cpu / predictedMs) : 0;
      const counted = share >= CPU_SHARE && predictedMs >= MIN_MS;
      const ratio = program.sequentialMs / predictedMs;
      if (counted) cpuBound.push({ program, ratio });
      console.log(`  ${program.file.padEnd(36)} sequential measured ${ms(program.sequentialMs)} predicted ${ms(predictedMs)}  CPU ${(share * 100).toFixed(0).padStart(3)}%`
        + (counted ? `  ×${ratio.toFixed(2)}` : '  (not counted)'));
    }
    if (cpuBound.length === 0) continue;
    const scale = round(minimaxFactor(cpuBound.map((c) => c.ratio)));
    const worst = Math.max(...cpuBound.map((c) => Math.abs(scale / c.ratio - 1)));
    console.log(`  scale ×${scale} (${cpuBound.length} programs; worst error ${(worst * 100).toFixed(0)}%)`);

    // 2. Contention: the threads ÷ sequential ratio of the programs the GIL serializes, for candidate slowdowns.
    const scaled = (slowdown: number): VersionProfile => ({ ...measured, opNs: times(measured.opNs, scale), cStepNs: measured.cStepNs * scale, contentionSlowdown: slowdown });
    const serialized = cpuBound.map((c) => c.program).filter((program) => {
      const p = predict(analyzer, program, scaled(1));
      return p.scenarios.threads.wallMs >= SERIALIZED * p.scenarios.sequential.wallMs && p.threads.filter((t) => t.id !== 0 && t.kind === 'cpu').length >= 2;
    });
    let best = { slowdown: 1, worst: Number.POSITIVE_INFINITY };
    for (let slowdown = 1; slowdown <= 1.5 + 1e-9; slowdown += 0.005) {
      const errors = serialized.map((program) => {
        const p = predict(analyzer, program, scaled(slowdown));
        return Math.abs(p.scenarios.threads.wallMs / p.scenarios.sequential.wallMs / (program.threadsMs / program.sequentialMs) - 1);
      });
      const worstError = Math.max(...errors);
      if (worstError < best.worst - 1e-9) best = { slowdown: round(slowdown, 3), worst: worstError };
    }
    for (const program of serialized) {
      const p = predict(analyzer, program, scaled(best.slowdown));
      console.log(`  ${program.file.padEnd(36)} threads÷sequential measured ${(program.threadsMs / program.sequentialMs).toFixed(2)} predicted ${(p.scenarios.threads.wallMs / p.scenarios.sequential.wallMs).toFixed(2)}`);
    }
    console.log(`  contention slowdown ×${best.slowdown} (${serialized.length} programs; worst error ${(best.worst * 100).toFixed(0)}%; calibrate measured ×${measured.contentionSlowdown} here)`);

    if (write) {
      const path = join(root, 'src', 'model', 'workload', 'measured', `cpython-${python}.json`);
      const json = JSON.parse(readFileSync(path, 'utf8'));
      json.reference = {
        scale,
        contentionSlowdown: best.slowdown,
        source: `fitted to the reference machine by npm run fit-reference: CPU costs ×${scale} (${cpuBound.length} example programs' sequential times), `
          + `contention slowdown ×${best.slowdown} (${serialized.length} programs' threads ÷ sequential ratios)`,
      };
      writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
      console.log(`  wrote ${path}`);
    }
  }
}

function predict(analyzer: Analyzer, program: Program, profile: VersionProfile): Prediction {
  const { prediction } = analyzer.predict(program.text, { profile });
  if (!prediction) throw new Error(`no prediction for ${program.file}`);
  return prediction;
}

/** The factor f that minimizes the largest |f / r − 1| over the ratios r: the harmonic midpoint of the extremes. */
function minimaxFactor(ratios: readonly number[]): number {
  const low = Math.min(...ratios);
  const high = Math.max(...ratios);
  return 2 / (1 / low + 1 / high);
}

function times<T extends object>(costs: T, scale: number): T {
  return Object.fromEntries(Object.entries(costs).map(([k, v]) => [k, v * scale])) as T;
}

function round(value: number, digits = 2): number {
  const unit = 10 ** digits;
  return Math.round(value * unit) / unit;
}

function ms(value: number): string {
  return `${value.toFixed(0).padStart(6)} ms`;
}

main().catch((error: unknown) => {
  process.stderr.write(`fit-reference failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
