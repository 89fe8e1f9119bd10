// The Measure path: real programs run under the bundled tracer by the interpreter on this machine (python3), what the
// samples say about their threads, how a run is paired with the prediction, and bad reports and runs.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';
import { coarseSamplesNote, measuredAtLine, measuredLensTitle, measuredSummary } from '../src/model/assist/measured';
import { compareRun } from '../src/model/measure/compare';
import { readTracerReport, type TracerReport } from '../src/model/measure/report';
import { COARSE_SAMPLES_MS, MAX_DRAWN_LANES, measuredLanes, measuredTimeline } from '../src/model/measure/timeline';
import { traceProgram } from '../src/node/tracer';
import { cpuThreadsProgram, getAnalyzer, py } from './helpers';

const PYTHON = process.platform === 'win32' ? 'python' : 'python3';
const LINUX = process.platform === 'linux';
const folder = mkdtempSync(join(tmpdir(), 'gil-lens-measure-test-'));

function program(name: string, source: string): string {
  const path = join(folder, name);
  writeFileSync(path, source);
  return path;
}

async function trace(path: string, timeoutMs = 30_000): Promise<TracerReport> {
  const result = await traceProgram({ python: PYTHON, script: path, timeoutMs });
  if ('problem' in result) throw new Error(result.problem);
  return result.report;
}

/** Runs the program under the tracer and compares the run with the file's prediction. */
async function measureAndCompare(path: string) {
  const report = await trace(path);
  const timeline = measuredTimeline(report);
  const prediction = (await getAnalyzer()).predict(readFileSync(path, 'utf8')).prediction!;
  return { report, timeline, prediction, comparison: compareRun(prediction, timeline, report.wallMs) };
}

const CPU_THREADS = cpuThreadsProgram('1_500_000', 2);

describe('a measured run', () => {
  it('shows CPU-bound threads taking turns for the GIL', async () => {
    const path = program('cpu_threads.py', CPU_THREADS);
    const report = await trace(path);
    const timeline = measuredTimeline(report);
    expect(report.exitCode).toBe(0);
    expect(timeline.threads.map((thread) => [thread.name, thread.target, thread.line])).toEqual([
      ['MainThread', '<module>', 0], [expect.stringMatching(/^Thread-/), 'crunch', 9], [expect.stringMatching(/^Thread-/), 'crunch', 9],
    ]);
    const [, first, second] = timeline.threads;
    // With the GIL one thread runs bytecode at a time: together they used no more CPU than the time they overlapped
    // plus the time one ran alone (a little slack for the interpreter's own work between samples).
    const together = Math.min(first.endMs, second.endMs) - Math.max(first.startMs, second.startMs);
    const alone = first.endMs - first.startMs + second.endMs - second.startMs - 2 * together;
    expect(first.cpuMs + second.cpuMs).toBeLessThan((together + alone) * 1.25);
    if (LINUX && report.gil) expect(report.states).toBe('kernel');
    // What a thread waited for is read at each sample: when this suite's other files keep the machine busy, the
    // sampler runs late and the views say the picture is coarse (COARSE_SAMPLES_MS). The waits are checked when not.
    if (LINUX && report.gil && timeline.sampleIntervalMs! <= COARSE_SAMPLES_MS) {
      // Each waited for the GIL while the other held it.
      expect(first.waitingMs).toBeGreaterThan(first.cpuMs * 0.2);
      expect(second.waitingMs).toBeGreaterThan(second.cpuMs * 0.2);
      expect(timeline.segments.some((segment) => segment.thread === 1 && segment.state === 'waiting')).toBe(true);
    }
    // Every stretch lies within its thread's life, and a lane's stretches do not overlap.
    for (const thread of timeline.threads) {
      const own = timeline.segments.filter((segment) => segment.thread === thread.id);
      expect(own.length).toBeGreaterThan(0);
      for (let i = 0; i < own.length; i++) {
        expect(own[i].startMs).toBeGreaterThanOrEqual(thread.startMs - 1e-6);
        expect(own[i].endMs).toBeLessThanOrEqual(thread.endMs + 1e-6);
        if (i > 0) expect(own[i].startMs).toBeGreaterThanOrEqual(own[i - 1].endMs - 1e-6);
      }
    }
  });

  it('shows sleeping threads overlapping, blocked rather than waiting for the GIL', async () => {
    const path = program('sleepers.py', py`
      import threading
      import time

      threads = [threading.Thread(target=time.sleep, args=(0.3,)) for _ in range(3)]
      for t in threads:
          t.start()
      for t in threads:
          t.join()
    `);
    const report = await trace(path);
    const timeline = measuredTimeline(report);
    expect(report.wallMs).toBeLessThan(700);
    const sleepers = timeline.threads.filter((thread) => thread.id > 0);
    expect(sleepers).toHaveLength(3);
    for (const sleeper of sleepers) {
      expect(sleeper.target).toBe('time.sleep');
      expect(sleeper.cpuMs).toBeLessThan(50);
      if (LINUX) {
        expect(sleeper.blockedMs).toBeGreaterThan(250);
        expect(sleeper.waitingMs).toBeLessThan(50);
      }
    }
  });

  it('names what a pool worker ran and pairs it with the predicted thread', async () => {
    const path = program('pool.py', py`
      from concurrent.futures import ThreadPoolExecutor

      def fib_mod(n):
          a, b = 0, 1
          for _ in range(n):
              a, b = b, (a + b) % 1_000_003
          return a

      with ThreadPoolExecutor(max_workers=2) as pool:
          print(list(pool.map(fib_mod, [200_000, 200_000])))
    `);
    const { report, timeline, comparison } = await measureAndCompare(path);
    const workers = timeline.threads.filter((thread) => thread.role === 'pool-worker');
    expect(workers.length).toBeGreaterThanOrEqual(1);
    expect(workers.map((worker) => worker.target).join(', ')).toMatch(/fib_mod/);
    expect(comparison.threads.find((entry) => entry.measured.id === 0)?.predicted?.id).toBe(0);
    expect(comparison.threads.filter((entry) => entry.measured.role === 'pool-worker' && entry.predicted?.line === 10).length).toBe(workers.length);
    expect(comparison.wall.measuredMs).toBe(report.wallMs);
    expect(comparison.cpu.measuredMs).toBeGreaterThan(0);
  });

  it('pairs a Thread subclass made on one line and started on another', async () => {
    const path = program('subclass.py', py`
      import threading

      class Ticker(threading.Thread):
          def __init__(self):
              super().__init__(daemon=False)

          def run(self):
              sum(range(10_000))

      ticker = Ticker()
      ticker.start()
      ticker.join()
    `);
    const report = await trace(path);
    const [, ticker] = report.threads;
    expect(ticker.target).toBe('Ticker.run');
    expect(ticker.lines).toEqual(expect.arrayContaining([5, 10, 11]));
    const { prediction } = (await getAnalyzer()).predict(readFileSync(path, 'utf8'));
    const comparison = compareRun(prediction!, measuredTimeline(report), report.wallMs);
    expect(comparison.threads[1].predicted).toBeDefined();
    expect(comparison.unpaired).toEqual([]);
  });

  // Real processes on a busy 2-core machine: it failed three times in two sessions' full runs (the suite's other
  // files running meanwhile), never alone nor beside CPU hogs. Its lives are twice as long now, it is tried once more
  // on a failure, and its assertions print what was measured, to tell next time which part did not hold.
  it.runIf(LINUX)('follows the processes a program starts', { retry: 1 }, async () => {
    const path = program('processes.py', py`
      import multiprocessing

      def crunch(n):
          total = 0
          for i in range(n):
              total += i * i

      if __name__ == "__main__":
          workers = [multiprocessing.Process(target=crunch, args=(3_000_000,)) for _ in range(2)]
          for w in workers:
              w.start()
          for w in workers:
              w.join()
    `);
    const { timeline, comparison } = await measureAndCompare(path);
    const processes = timeline.threads.filter((thread) => thread.kind === 'process');
    const seen = JSON.stringify(processes.map((p) => ({ target: p.target, startMs: p.startMs, endMs: p.endMs, cpuMs: p.cpuMs })));
    expect(processes.map((p) => [p.target, p.line]), seen).toEqual([['crunch', 9], ['crunch', 9]]);
    // Their CPU time is sampled from outside, so a busy machine (this suite's other files run meanwhile) may leave
    // the last part of it unseen: some of it, and lives that overlap, are what holds however busy it is.
    for (const process of processes) expect(process.cpuMs, seen).toBeGreaterThan(1);
    expect(processes[1].startMs, seen).toBeLessThan(processes[0].endMs);
    expect(comparison.threads.filter((entry) => entry.predicted?.runsAs === 'process')).toHaveLength(2);
  });

  it('shares a predicted lane among the threads it stands for', async () => {
    // A prediction simulates 64 threads at most; the 100 measured ones share those lanes, each with its part.
    const path = program('hundred.py', py`
      import threading

      def work():
          sum(range(20_000))

      threads = [threading.Thread(target=work) for _ in range(100)]
      for t in threads:
          t.start()
      for t in threads:
          t.join()
    `);
    const { timeline, prediction, comparison } = await measureAndCompare(path);
    const workers = comparison.threads.filter((entry) => entry.measured.id !== 0);
    expect(workers).toHaveLength(100);
    expect(workers.every((entry) => entry.predicted?.line === 6)).toBe(true);
    const lanes = prediction.threads.filter((thread) => thread.id !== 0);
    expect(lanes.length).toBeLessThan(100);
    const predictedTotal = lanes.reduce((sum, lane) => sum + lane.cpuMs + lane.nativeMs, 0);
    expect(workers.reduce((sum, entry) => sum + entry.predictedCpuMs!, 0)).toBeCloseTo(predictedTotal, 6);
    expect(measuredLanes(timeline, MAX_DRAWN_LANES)).toHaveLength(MAX_DRAWN_LANES);
  });

  it('records threads started with _thread, and pairs a server\'s request threads', async () => {
    const raw = await trace(program('raw.py', py`
      import _thread
      import time

      def tick(n):
          sum(range(n))

      _thread.start_new_thread(tick, (10_000,))
      time.sleep(0.2)
    `));
    expect(raw.threads.map((thread) => [thread.target, thread.lines, thread.daemon])).toEqual([['<module>', [], false], ['tick', [7], true]]);
    const path = program('echo_server.py', py`
      import socket
      import socketserver
      import threading

      class Echo(socketserver.BaseRequestHandler):
          def handle(self):
              self.request.sendall(self.request.recv(64))

      server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Echo)
      serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
      serving.start()
      for _ in range(3):
          with socket.create_connection(server.server_address) as client:
              client.sendall(b"hi")
              client.recv(64)
      server.shutdown()
      serving.join()
    `);
    const { timeline, comparison } = await measureAndCompare(path);
    // The request threads are started by the server's loop: no line of the program is on their stack.
    const requests = timeline.threads.filter((thread) => thread.id !== 0 && thread.lines.length === 0);
    expect(requests).toHaveLength(3);
    expect(comparison.threads.every((entry) => entry.predicted)).toBe(true);
  });

  it.runIf(LINUX)('pairs a multiprocessing pool\'s workers, made where the pool is, with the predicted processes', async () => {
    const path = program('pool_processes.py', py`
      import multiprocessing

      def crunch(n):
          return sum(i * i for i in range(n))

      if __name__ == "__main__":
          with multiprocessing.Pool(2) as pool:
              print(pool.map(crunch, [200_000, 200_000]))
    `);
    const { timeline, comparison } = await measureAndCompare(path);
    const workers = timeline.threads.filter((thread) => thread.kind === 'process');
    expect(workers).toHaveLength(2);
    expect(workers.every((worker) => worker.role === 'pool-worker' && worker.lines.includes(7))).toBe(true);
    expect(comparison.threads.filter((entry) => entry.measured.kind === 'process').map((entry) => entry.predicted?.runsAs)).toEqual(['process', 'process']);
  });

  it('reports the exception a program ended with', async () => {
    const path = program('raises.py', 'import threading\nraise ValueError("no config")\n');
    let output = '';
    const result = await traceProgram({ python: PYTHON, script: path, timeoutMs: 30_000, onOutput: (text) => { output += text; } });
    expect('report' in result && result.report).toMatchObject({ exitCode: 1, error: 'ValueError: no config' });
    // Printed as Python prints it: from the program's own frame, not the tracer's.
    expect(output).toMatch(/^Traceback \(most recent call last\):\n {2}File ".*raises\.py", line 2, in <module>/);
    expect(output).not.toMatch(/tracer\.py|runpy/);
    const syntax = await traceProgram({ python: PYTHON, script: program('syntax.py', 'def f(:\n    pass\n'), timeoutMs: 30_000 });
    expect('report' in syntax && syntax.report.error).toMatch(/^SyntaxError: .* at line 1$/);
  });

  it('says so when the program leaves without the report, or runs too long', async () => {
    const exits = await traceProgram({ python: PYTHON, script: program('exits.py', 'import os\nos._exit(3)\n'), timeoutMs: 30_000 });
    expect(exits).toEqual({ problem: expect.stringMatching(/exit status 3\).*os\._exit/) });
    const began = Date.now();
    const endless = await traceProgram({ python: PYTHON, script: program('endless.py', 'while True:\n    pass\n'), timeoutMs: 1500 });
    expect(endless).toEqual({ problem: 'the program ran longer than 2 s and was stopped' });
    expect(Date.now() - began).toBeLessThan(10_000);
    const missing = await traceProgram({ python: '/nonexistent/python', script: path0(), timeoutMs: 5000 });
    expect(missing).toEqual({ problem: 'could not run /nonexistent/python: no such interpreter' });
  });

  it('stops the program when cancelled', async () => {
    const controller = new AbortController();
    const running = traceProgram({ python: PYTHON, script: program('spins.py', 'while True:\n    pass\n'), timeoutMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    expect(await running).toEqual({ problem: 'cancelled' });
  });
});

function path0(): string {
  return program('empty.py', '');
}

describe('gil-lens measure', () => {
  it('prints the measured threads beside the prediction, and JSON', async () => {
    const path = program('cli_threads.py', CPU_THREADS);
    let out = '';
    let err = '';
    const code = await main(['measure', '--format', 'json', '--runs', '2', path], (text) => { out += text; }, (text) => { err += text; });
    expect(err).toMatch(/under the tracer \(run 2 of 2\)/);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    // Of two runs, the shorter stands for them (the lower median).
    expect(json.runs).toHaveLength(2);
    expect(json.measured.wallMs).toBe(Math.min(...json.runs));
    expect(json.measured.threads.map((thread: { target: string }) => thread.target)).toEqual(['<module>', 'crunch', 'crunch']);
    expect(json.comparison.threads.map((thread: { predicted: number | null }) => thread.predicted)).toEqual([0, expect.any(Number), expect.any(Number)]);
    expect(json.comparison.wall.measuredMs).toBeGreaterThan(0);
    // Scaled to this machine by the run's CPU time, the prediction's CPU time is the measured one.
    const scaled = json.scaledToThisMachine;
    expect(scaled.cpuScale).toBeGreaterThan(0);
    expect(scaled.comparison.cpu.predictedMs / scaled.comparison.cpu.measuredMs).toBeGreaterThan(0.85);
    expect(scaled.comparison.cpu.predictedMs / scaled.comparison.cpu.measuredMs).toBeLessThan(1.15);
    let text = '';
    expect(await main(['measure', path], (chunk) => { text += chunk; }, () => {})).toBe(0);
    expect(text).toMatch(/wall time\s+measured [\d.]+ m?s\s+predicted/);
    expect(await main(['measure', join(folder, 'nope.py')], () => {}, () => {})).toBe(2);
    expect(await main(['measure', '--timeout', '0', path], () => {}, () => {})).toBe(2);
    expect(await main(['measure', '--runs', '0', path], () => {}, () => {})).toBe(2);
  });
});

describe('reading a tracer report', () => {
  it('turns anything malformed into a problem, never a throw', () => {
    for (const text of ['', 'not json', '[]', '{"version": 2}', '{"version": 1, "threads": []}', '{"version": 1, "threads": [null, 3, "x"]}',
      '{"version": 1, "threads": [{"samples": {"first": -4, "cpu": ["a", null, 1e309], "state": "zzz"}}], "sampleTimes": "x"}']) {
      const read = readTracerReport(text);
      if ('report' in read) expect(() => measuredTimeline(read.report)).not.toThrow();
      else expect(read.problem).toEqual(expect.any(String));
    }
  });

  it('never throws on reports of random threads and samples', () => {
    let seed = 47;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const number = () => (random() < 0.1 ? -random() * 10 : random() * 50);
    for (let round = 0; round < 300; round++) {
      const sampleTimes = Array.from({ length: Math.floor(random() * 12) }, number);
      const threads = Array.from({ length: 1 + Math.floor(random() * 4) }, () => ({
        name: 'T', startMs: number(), endMs: random() < 0.2 ? null : number(), cpuMs: number(), kind: random() < 0.3 ? 'process' : 'thread',
        samples: { first: Math.floor(random() * 14) - 2, cpu: Array.from({ length: Math.floor(random() * 10) }, number), state: 'rgb?x'.slice(0, Math.floor(random() * 5)) },
      }));
      const read = readTracerReport(JSON.stringify({ version: 1, states: random() < 0.5 ? 'kernel' : 'cpu', wallMs: number(), sampleTimes, threads }));
      if (!('report' in read)) continue;
      const timeline = measuredTimeline(read.report);
      for (const segment of timeline.segments) {
        expect(segment.endMs).toBeGreaterThanOrEqual(segment.startMs);
        expect(Number.isFinite(segment.startMs) && Number.isFinite(segment.endMs)).toBe(true);
      }
    }
  });

  it('draws a thread whose samples all fall just outside its life from its totals', () => {
    const read = readTracerReport(JSON.stringify({
      version: 1, states: 'kernel', wallMs: 20, sampleTimes: [0, 5.6, 20],
      threads: [{ name: 'Thread-1', startMs: 5, endMs: 5.5, cpuMs: 0.3, samples: { first: 1, cpu: [0.4], state: 'r' } }],
    }));
    const timeline = measuredTimeline((read as { report: TracerReport }).report);
    expect(timeline.segments.map((s) => s.state)).toEqual(['running', 'io']);
  });

  it('says in a hover what the threads of a line did', () => {
    const read = readTracerReport(JSON.stringify({
      version: 1, python: '3.12.1', states: 'kernel', wallMs: 40, sampleTimes: [0, 20, 40],
      threads: [
        { name: 'MainThread', startMs: 0, endMs: 40, cpuMs: 1, samples: { first: 0, cpu: [0, 0.5, 1], state: 'rbb' } },
        { name: 'Thread-1', target: 'work', lines: [7, 9], startMs: 0, endMs: 40, cpuMs: 20, samples: { first: 0, cpu: [0, 10, 20], state: 'rgg' } },
        { name: 'Thread-2', target: 'work', lines: [7, 9], startMs: 0, endMs: 40, cpuMs: 20, samples: { first: 0, cpu: [0, 10, 20], state: 'rgg' } },
      ],
    }));
    const timeline = measuredTimeline((read as { report: TracerReport }).report);
    expect(measuredAtLine(timeline, 9, '3.12.1', true)).toBe('**Measured** on CPython 3.12.1 in the last Measure run (the file has changed since): '
      + '2 threads made or started here ran 20.0 ms on a CPU each, waited 20.0 ms each for the GIL (50% of their time), '
      + 'and were blocked (sleep, I/O, locks, joins) 0.0 ms each (0% of their time).');
    expect(measuredAtLine(timeline, 8, '3.12.1', false)).toBeUndefined();
    expect(measuredLensTitle(timeline, 7)).toBe('measured: 2 threads · 20.0 ms CPU each · 50% waiting for the GIL');
    expect(measuredLensTitle(timeline, 8)).toBeUndefined();
    // The panel's rows and notes for the same run, against a prediction of one of the two threads and a task.
    const thread = (id: number, extra = {}) => ({ id, name: `Thread-${id}`, target: 'work', line: 7, kind: 'cpu' as const, cpuMs: 15, ioMs: 0, nativeMs: 0, ...extra });
    const prediction = {
      version: 1 as const, python: '3.11', cores: 2, switchIntervalMs: 5, assumptions: [],
      threads: [{ ...thread(0), name: 'MainThread' }, thread(1), thread(2, { line: 30 }), thread(3, { runsAs: 'task' as const })],
      scenarios: { sequential: { wallMs: 30 }, threads: { wallMs: 50 }, processes: { wallMs: 20 }, freeThreaded: { wallMs: 20 } },
      timeline: { scenario: 'threads' as const, segments: [{ thread: 1, state: 'waiting' as const, startMs: 0, endMs: 10, line: 7 }], truncated: false },
    };
    const reference = compareRun(prediction, timeline, 40);
    const summary = measuredSummary({ report: (read as { report: TracerReport }).report, timeline, lanes: measuredLanes(timeline), drawn: 2, reference, referencePython: '3.11', stale: true });
    expect(summary.rows.map((row) => [row.name, row.line, row.predicted?.cpuMs, row.predicted?.waitingMs])).toEqual([
      ['MainThread', 0, 15, 0], ['Thread-1 work', 7, 7.5, 5], ['Thread-2 work', 7, 7.5, 5],
    ]);
    expect(summary.notes).toEqual([
      'The file has changed since this run: measure again to compare with the new prediction.',
      'Predicted for CPython 3.11 (the gilLens.python setting); measured with 3.12.1.',
      coarseSamplesNote(20),
      'The chart draws the first 2 threads of 3; the table lists them all.',
      '1 predicted asyncio task runs on the event loop\'s thread, and is measured as part of it.',
      'Thread-2 (line 30) was predicted but not seen in this run.',
    ]);
  });

  it('reads a thread\'s own clock at its start and end, however few samples fell in its life', () => {
    // The main thread's clock has run since the interpreter started: 100 ms by the program's start. One sample at
    // 30 ms found it blocked after 5 ms more; it ended at 60 ms having used 12 ms in all.
    const read = readTracerReport(JSON.stringify({
      version: 1, states: 'kernel', wallMs: 60, sampleTimes: [30],
      threads: [{ name: 'MainThread', startMs: 0, endMs: 60, cpuMs: 12, cpuAtStartMs: 100, samples: { first: 0, cpu: [105], state: 'b' } }],
    }));
    const timeline = measuredTimeline((read as { report: TracerReport }).report);
    expect(timeline.segments.map((s) => [s.state, s.startMs, s.endMs])).toEqual([['running', 0, 5], ['io', 5, 30], ['running', 30, 37], ['io', 37, 60]]);
  });

  it('splits each stretch between samples into running and what the thread was found doing', () => {
    const read = readTracerReport(JSON.stringify({
      version: 1, python: '3.12.1', gil: true, states: 'kernel', wallMs: 40, sampleTimes: [0, 10, 20, 30, 40],
      threads: [
        { name: 'MainThread', target: '<module>', startMs: 0, endMs: 40, cpuMs: 12, samples: { first: 0, cpu: [0, 10, 10, 10, 12], state: 'rgbbr' } },
        { name: 'Thread-1', target: 'work', line: 7, lines: [7], startMs: 10, endMs: 30, cpuMs: 8, samples: { first: 1, cpu: [0, 5, 8], state: 'rrg' } },
      ],
    }));
    expect('report' in read).toBe(true);
    const timeline = measuredTimeline((read as { report: TracerReport }).report);
    const lane = (id: number) => timeline.segments.filter((segment) => segment.thread === id).map((s) => [s.state, s.startMs, s.endMs]);
    expect(lane(0)).toEqual([['running', 0, 10], ['io', 10, 30], ['running', 30, 32], ['waiting', 32, 40]]);
    expect(lane(1)).toEqual([['running', 10, 15], ['waiting', 15, 20], ['running', 20, 23], ['waiting', 23, 30]]);
    expect(timeline.threads[1]).toMatchObject({ line: 7, cpuMs: 8, waitingMs: 12, blockedMs: 0 });
  });
});
