// The Measure path's cost to the program it runs: each of a few examples run plainly and under the tracer, runs
// alternating (scripts/tracer-overhead.py), quoted as the ratio of their median wall times.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Short examples of each kind: CPU-bound threads, a pool, GIL-releasing native work, processes. */
const PROGRAMS = ['counter_four_threads.py', 'threadpool_fib_map.py', 'password_hash_pbkdf2_threads.py', 'squares_multiprocessing.py'];
const RUNS = 3;

export function benchTracer(print: (line: string) => void): { medianRatio: number; programs: number; runs: number } | undefined {
  print('\n== Measure: what the tracer costs a program ==');
  const root = join(__dirname, '..');
  let output: string;
  try {
    output = execFileSync(process.platform === 'win32' ? 'python' : 'python3',
      [join(root, 'scripts', 'tracer-overhead.py'), '--runs', String(RUNS), ...PROGRAMS.map((name) => join(root, 'examples', name))],
      { encoding: 'utf8', timeout: 600_000, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (error) {
    print(`python3 could not run the examples: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}; skipped.`);
    return undefined;
  }
  for (const line of output.trimEnd().split('\n')) print(`  ${line}`);
  const ratio = /median ratio ([\d.]+)/.exec(output);
  return ratio ? { medianRatio: Number(ratio[1]), programs: PROGRAMS.length, runs: RUNS } : undefined;
}
