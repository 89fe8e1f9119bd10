// Runs a Python program under the bundled tracer (tracer.py) and reads its report: used by `gil-lens measure` and by
// the editor's Measure command. The program runs as `python tracer.py REPORT SCRIPT ARGS` in its own process group,
// so a timeout or a cancel stops it and every process it started.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readTracerReport, type TracerReport } from '../model/measure/report';

export interface TraceOptions {
  /** The interpreter to run, a path or a command on PATH. */
  readonly python: string;
  readonly script: string;
  readonly args?: readonly string[];
  /** The program's working directory: the script's own folder when absent. */
  readonly cwd?: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** The program's output as it comes. */
  readonly onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
}

export type TraceResult =
  | { readonly report: TracerReport }
  | { readonly problem: string };

export function traceProgram(options: TraceOptions): Promise<TraceResult> {
  const folder = mkdtempSync(join(tmpdir(), 'gil-lens-measure-'));
  const reportPath = join(folder, 'report.json');
  const cleanUp = () => rmSync(folder, { recursive: true, force: true });
  return new Promise<TraceResult>((resolve) => {
    let settled = false;
    const finish = (result: TraceResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      cleanUp();
      resolve(result);
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(options.python, [tracerScript(), reportPath, options.script, ...(options.args ?? [])], {
        cwd: options.cwd ?? dirname(options.script),
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: process.platform !== 'win32',
        // Unbuffered, so the program's output arrives as it prints.
        env: { ...process.env, PYTHONUNBUFFERED: '1' },
      });
    } catch (error) {
      cleanUp();
      resolve({ problem: `could not start ${options.python}: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    const stop = () => {
      try {
        if (child.pid === undefined) return;
        // The whole tree: the tracer, the interpreter running the program, and whatever processes that started.
        if (process.platform === 'win32') spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' }).on('error', () => child.kill());
        else process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      stop();
      finish({ problem: `the program ran longer than ${Math.round(options.timeoutMs / 1000)} s and was stopped` });
    }, options.timeoutMs);
    const abort = () => {
      stop();
      finish({ problem: 'cancelled' });
    };
    if (options.signal?.aborted) abort();
    options.signal?.addEventListener('abort', abort);
    child.stdout?.setEncoding('utf8').on('data', (text: string) => options.onOutput?.(text, 'stdout'));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => options.onOutput?.(text, 'stderr'));
    child.on('error', (error: NodeJS.ErrnoException) => finish({
      problem: error.code === 'ENOENT' ? `could not run ${options.python}: no such interpreter` : `could not run ${options.python}: ${error.message}`,
    }));
    child.on('close', (code) => {
      if (settled) return;
      if (!existsSync(reportPath)) {
        finish({ problem: `${options.python} ended (exit status ${code ?? 'unknown'}) without the tracer's report; is it Python 3.8 or newer?` });
        return;
      }
      const read = readTracerReport(readFileSync(reportPath, 'utf8'));
      finish('problem' in read ? { problem: read.problem } : read);
    });
  });
}

/** tracer.py: next to the bundle in an installed package (dist/), or in the sources (tests). */
export function tracerScript(): string {
  const here = typeof __dirname === 'string' ? __dirname : dirname(new URL(import.meta.url).pathname);
  for (const candidate of [join(here, 'tracer.py'), join(here, '..', 'measure', 'tracer.py'), join(here, '..', 'src', 'measure', 'tracer.py')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('tracer.py is missing from this installation');
}

/** The shipped profile closest to a measured interpreter: `3.11.7` → `3.11`, a free-threaded `3.13.1` → `3.13t`. */
export function profileVersionOf(report: TracerReport): string {
  const [major, minor] = report.python.split('.');
  return `${major}.${minor}${report.gil ? '' : 't'}`;
}
