// Checking the files of `gil-lens check`: in this thread when there are few, or spread over worker threads (one per
// core, each running the bundled dist/cli-worker.js) when there are many. Either way the reports come back in the
// order of the paths, so the output does not depend on how the work was shared out.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Analyzer } from '../model';
import { readPythonFile } from './files';
import type { FileReport } from './formats';
import { loadAnalyzer } from './settle';

/**
 * Below this many files a run stays in one thread: starting a worker (loading the bundle and compiling the parser's
 * WASM) costs about 100 ms, as much as checking a few dozen typical files.
 */
export const PARALLEL_THRESHOLD = 64;

/** The main thread asks a worker to check one file; `index` is its place in the output. */
export interface CheckRequest {
  readonly type: 'check';
  readonly index: number;
  readonly path: string;
}

/** A worker says it has loaded the parser, or answers a request. */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'report'; readonly index: number; readonly report: FileReport };

export function defaultJobs(): number {
  return availableParallelism();
}

/**
 * Checks every file, using up to `jobs` threads when there are enough files to make that worth it. `script` is the
 * worker to start; tests pass one, since run from the TypeScript sources there is no bundled worker next to this file.
 */
export async function checkFiles(paths: readonly string[], jobs: number, script = bundledWorker()): Promise<FileReport[]> {
  // Every worker should get enough files to pay for its start-up: half the threshold each, at the least.
  const workers = Math.min(jobs, Math.floor(paths.length / (PARALLEL_THRESHOLD / 2)));
  if (script === undefined || workers < 2 || paths.length < PARALLEL_THRESHOLD) {
    const analyzer = await loadAnalyzer();
    return paths.map((path) => checkFile(analyzer, path));
  }
  return checkInWorkers(script, paths, workers);
}

/** Reads and analyzes one file. Nothing in it may throw: one broken file must not cost the others their reports. */
export function checkFile(analyzer: Analyzer, path: string): FileReport {
  const read = readPythonFile(path);
  if ('problem' in read) return { path, problems: [read.problem], diagnostics: [], unreadable: read.unreadable };
  try {
    const result = analyzer.analyze(read.text);
    return { path, problems: result.problems, diagnostics: result.diagnostics };
  } catch (error) {
    return { path, problems: [`internal error: ${error instanceof Error ? error.message : String(error)}`], diagnostics: [] };
  }
}

/**
 * The worker bundle sits next to the running bundle. Run from the TypeScript sources (as the unit tests do) there is
 * none, since Node cannot start a worker on a .ts file, and checking stays in this thread.
 */
function bundledWorker(): string | undefined {
  const script = join(__dirname, 'cli-worker.js');
  return existsSync(script) ? script : undefined;
}

/**
 * Hands out one file at a time to each worker, so a slow file holds up only its own worker and a crash can be
 * pinned on the one file that caused it. A worker that dies mid-file (out of memory, say) leaves that file a
 * problem and is replaced; one that dies before loading the parser fails the run, as loading would here.
 */
function checkInWorkers(script: string, paths: readonly string[], count: number): Promise<FileReport[]> {
  return new Promise((resolve, reject) => {
    const reports: FileReport[] = new Array(paths.length);
    const workers = new Set<Worker>();
    let next = 0;
    let done = 0;
    let settled = false;

    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve(reports);
    };

    const start = () => {
      const worker = new Worker(script);
      workers.add(worker);
      let ready = false;
      let current: number | undefined;
      const feed = () => {
        if (next < paths.length) {
          current = next++;
          const request: CheckRequest = { type: 'check', index: current, path: paths[current] };
          worker.postMessage(request);
        } else {
          current = undefined;
          workers.delete(worker);
          void worker.terminate();
        }
      };
      const stopped = (reason: string) => {
        if (!workers.delete(worker) || settled) return;
        if (!ready) return finish(new Error(`a worker thread failed to start: ${reason}`));
        if (current !== undefined) {
          reports[current] = { path: paths[current], problems: [`internal error: the analysis stopped (${reason})`], diagnostics: [] };
          current = undefined;
          if (++done === paths.length) return finish();
        }
        if (next < paths.length) start();
      };
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          ready = true;
        } else {
          reports[message.index] = message.report;
          if (++done === paths.length) return finish();
        }
        feed();
      });
      worker.on('error', (error) => stopped(error.message));
      worker.on('exit', (code) => stopped(`exit code ${code}`));
    };

    for (let i = 0; i < count; i++) start();
  });
}
