// Keeps the CLI clear of a deadlock in Node's exit (nodejs/node#54918, open; seen here with Node 20.20.2).
//
// When the event loop has nothing left to wait for, the main thread waits for every background task
// (NodePlatform::DrainTasks) and only then runs the tasks posted to it. An optimizing-compiler job on a background
// thread that needs a garbage collection waits for the main thread to run it: neither moves, for ever. Two habits
// of the CLI made that likely (`gil-lens predict` on examples/convoy_pipe_latency.py, two processes at a time, hung
// in 9 runs of 100):
// - WebAssembly compiles in the background, so awaiting the parser empties the loop and everything after that
//   await ran inside the drain; every compiler job the analysis started was then waited for the same way;
// - the process ended the moment its output was written, with compiler jobs still running.
// So the CLI resumes on the event loop after loading the parser, and before exiting waits, with the loop free to
// run the collections those jobs ask for, until the background threads go quiet: the process's CPU time stops
// growing while the main thread sleeps. No JavaScript runs after that, so no new job starts.
// (Turning concurrent compilation off, `--no-concurrent-recompilation`, also cures it, but made `check` up to a third
// slower here, and a flag in the shebang, `env -S`, breaks on busybox and in npm's Windows shims.)
// On a loaded machine "quiet" can be a compiler thread starved of CPU rather than done (the run-after-run test hung
// once in 24 under `.ci/run`, once in 80 here beside two vitest runs), so index.ts then exits explicitly, once stdout
// and stderr have taken everything, instead of letting the loop empty into the drain (0 hangs in 280 runs so).


import { type Analyzer, createAnalyzer } from '../model';
import { readParserWasm } from '../node/wasm';

/** Sleep slices while the process still burns CPU, at most this long in all. */
const SLICE_MS = 4;
const MAX_WAIT_MS = 250;
/** Below this share of one core during a slice, the background threads are idle. */
const QUIET_SHARE = 0.1;

/** The analyzer, with the caller resumed from the event loop rather than from inside Node's task drain. */
export async function loadAnalyzer(): Promise<Analyzer> {
  const analyzer = await createAnalyzer(readParserWasm());
  await new Promise((resolve) => setImmediate(resolve));
  return analyzer;
}

/** Resolves once the background threads have gone quiet (or after MAX_WAIT_MS). */
export async function backgroundWorkSettled(): Promise<void> {
  const began = performance.now();
  while (performance.now() - began < MAX_WAIT_MS) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await new Promise((resolve) => setTimeout(resolve, SLICE_MS));
    const used = process.cpuUsage(cpu);
    if ((used.user + used.system) / 1000 < QUIET_SHARE * (performance.now() - start)) return;
  }
}
