// The GIL simulator's semantics on workloads small enough to compute by hand.

import { describe, expect, it } from 'vitest';
import { type EngineOptions, type SimThread, type Step, simulate } from '../src/model/simulate/engine';

const MS = 1e6;
const OPTIONS: EngineOptions = {
  cores: 2, switchIntervalNs: 5 * MS, gil: true, contentionSlowdown: 1, lockContentionSlowdown: 1, wakeupWaitFraction: 1,
  horizonNs: 60_000 * MS, maxSegments: 100_000,
};

function main(program: Step[]): SimThread {
  return { id: 0, name: 'MainThread', program, interpreter: 0, daemon: false, startsAtZero: true };
}

function worker(id: number, program: Step[], interpreter = 0): SimThread {
  return { id, name: `Thread-${id}`, program, interpreter, daemon: false, startsAtZero: false };
}

const cpu = (ms: number, line = 1): Step => ({ kind: 'cpu', ns: ms * MS, line });
const io = (ms: number, line = 1): Step => ({ kind: 'io', ns: ms * MS, line });
const native = (ms: number, line = 1): Step => ({ kind: 'native', ns: ms * MS, line });
const start = (...threads: number[]): Step => ({ kind: 'start', threads, line: 1 });
const join = (...threads: number[]): Step => ({ kind: 'join', threads, line: 1 });

function runningSpans(result: ReturnType<typeof simulate>, thread: number): Array<[number, number]> {
  return result.segments.filter((s) => s.thread === thread && s.state === 'running').map((s) => [s.startMs, s.endMs]);
}

describe('GIL simulator', () => {
  it('alternates two CPU-bound threads at the switch interval', () => {
    const result = simulate([main([start(1, 2), join(1, 2)]), worker(1, [cpu(20, 10)]), worker(2, [cpu(20, 20)])], OPTIONS);
    expect(result.wallNs / MS).toBeCloseTo(40, 5);
    expect(runningSpans(result, 1)).toEqual([[0, 5], [10, 15], [20, 25], [30, 35]]);
    expect(runningSpans(result, 2)).toEqual([[5, 10], [15, 20], [25, 30], [35, 40]]);
    // While one runs, the other waits: nothing overlaps, the second core stays idle.
    const t1 = result.threads.find((t) => t.id === 1)!;
    expect(t1.runningNs / MS).toBeCloseTo(20, 5);
    expect(t1.waitingNs / MS).toBeCloseTo(15, 5);
  });

  it('charges the starter for making threads, once each, and only for those not started yet', () => {
    // Making a thread holds the starter (costNs for all of them); `for t in threads: t.start()` repeats the step
    // with threads already running: no charge for those.
    const starts: Step = { kind: 'start', threads: [1, 2], line: 1, costNs: 0.2 * MS };
    const result = simulate([main([starts, starts, join(1, 2)]), worker(1, [io(1)]), worker(2, [io(1)])], OPTIONS);
    const mainRunning = result.threads.find((t) => t.id === 0)!.runningNs / MS;
    expect(mainRunning).toBeCloseTo(0.2, 5);
    expect(result.wallNs / MS).toBeCloseTo(1.2, 5);
  });

  it('makes start() wait until the new thread runs, then win the GIL back from it, one thread after another', () => {
    // Thread.start() waits on an event the new thread sets once it runs: the starter lets the GIL go, and next to a
    // CPU-bound thread wins it back only when that one is asked to drop it, a switch interval later.
    const starts = (id: number): Step => ({ kind: 'start', threads: [id], line: 1, handshake: true });
    const result = simulate([main([starts(1), starts(2), cpu(1, 3), join(1, 2)]), worker(1, [cpu(20)]), worker(2, [cpu(20)])], OPTIONS);
    const mainSegments = result.segments.filter((s) => s.thread === 0).map((s) => [s.state, s.startMs, s.endMs]);
    // The first thread runs at once and main gets the GIL back at 5 ms; the second waits behind the first (it
    // runs at 10 ms), and main behind both (20 ms).
    expect(mainSegments.slice(0, 4)).toEqual([['waiting', 0, 5], ['io', 5, 10], ['waiting', 10, 20], ['running', 20, 21]]);
    expect(runningSpans(result, 2)[0]).toEqual([10, 15]);
    // 15 ms waiting in the starts, 5 more when thread 1 ends while thread 2 runs (see the join test below).
    expect(result.threads.find((t) => t.id === 0)!.waitingNs / MS).toBeCloseTo(20, 5);
    // Without the handshake (a process, a task), the starter goes on holding the GIL.
    const at = simulate([main([start(1), start(2), cpu(1, 3), join(1, 2)]), worker(1, [cpu(20)]), worker(2, [cpu(20)])], OPTIONS);
    expect(runningSpans(at, 0)[0]).toEqual([0, 1]);
  });

  it('starts each new thread of a handshake once, charging its making once, whichever starter reaches it first', () => {
    // Two threads run the same start step (the lanes of one start made by several threads): the first takes them all.
    const starts: Step = { kind: 'start', threads: [3, 4], line: 1, costNs: 0.2 * MS, handshake: true };
    const result = simulate([
      main([start(1, 2), join(1, 2, 3, 4)]), worker(1, [starts]), worker(2, [starts]), worker(3, [io(10)]), worker(4, [io(10)]),
    ], OPTIONS);
    const running = (id: number) => result.threads.find((t) => t.id === id)!.runningNs / MS;
    expect(running(1) + running(2)).toBeCloseTo(0.2, 5);
    expect(result.threads.filter((t) => t.id >= 3).map((t) => t.ioNs / MS)).toEqual([10, 10]);
  });

  it('keeps a queue open while a thread that puts into it is still to be started by one that runs', () => {
    // Producers started one by one: the first is done before main, back from a sleep, starts the second. The reader
    // must not take the first's end for the end of the input (with nobody else putting yet, it stopped at 5 items).
    // (A producer begun and still computing its first item is another matter: counting it changed 5 corpus
    // predictions, 3 closer to measured and 2 further, so it is left as it was.)
    const get: Step = { kind: 'get', object: 'q', line: 1 };
    const put: Step = { kind: 'put', object: 'q', line: 1 };
    const starts = (id: number): Step => ({ kind: 'start', threads: [id], line: 1, handshake: true });
    const result = simulate([
      main([start(1), starts(2), io(10), starts(3), join(1, 2, 3)]),
      worker(1, [{ kind: 'repeat', times: 10, body: [get, cpu(1)], line: 1 }]),
      worker(2, [{ kind: 'repeat', times: 5, body: [cpu(0.1), put], line: 1 }]),
      worker(3, [{ kind: 'repeat', times: 5, body: [cpu(0.1), put], line: 1 }]),
    ], OPTIONS);
    expect(result.threads.find((t) => t.id === 1)!.runningNs / MS).toBeCloseTo(10, 5);
  });

  it('joins a list of threads in its order: woken by each, the joiner wins the GIL back before it waits for the next', () => {
    const result = simulate([main([start(1, 2), join(1, 2), cpu(1, 3)]), worker(1, [cpu(10)]), worker(2, [cpu(30)])], OPTIONS);
    // Thread 1 ends at 15 ms; main, woken, waits for the GIL while thread 2 runs (to 20 ms), then waits for thread 2.
    const mainThread = result.threads.find((t) => t.id === 0)!;
    expect(mainThread.waitingNs / MS).toBeCloseTo(5, 5);
    expect(result.wallNs / MS).toBeCloseTo(41, 5);
  });

  it('alternates at the interval the program sets', () => {
    const result = simulate(
      [main([start(1, 2), join(1, 2)]), worker(1, [cpu(4)]), worker(2, [cpu(4)])],
      { ...OPTIONS, switchIntervalNs: 1 * MS },
    );
    expect(runningSpans(result, 1)).toEqual([[0, 1], [2, 3], [4, 5], [6, 7]]);
    expect(result.wallNs / MS).toBeCloseTo(8, 5);
  });

  it('makes a thread back from I/O wait up to one interval next to a CPU-bound thread (convoy)', () => {
    const rounds: Step = { kind: 'repeat', times: 5, body: [io(2, 30), cpu(0.01, 31)], line: 30 };
    const result = simulate([main([start(1, 2), join(1, 2)]), worker(1, [cpu(100, 10)]), worker(2, [rounds])], OPTIONS);
    const ioThread = result.threads.find((t) => t.id === 2)!;
    // Each round: 2 ms of I/O, then up to 5 ms waiting for the GIL, then a little CPU.
    expect((ioThread.endNs - ioThread.startNs) / MS).toBeGreaterThan(5 * 6.5);
    expect(ioThread.waitingNs / MS).toBeGreaterThan(5 * 4.5);
    const alone = simulate([main([start(2), join(2)]), worker(2, [rounds])], OPTIONS);
    const aloneThread = alone.threads.find((t) => t.id === 2)!;
    expect((aloneThread.endNs - aloneThread.startNs) / MS).toBeCloseTo(5 * 2.01, 3);
  });

  it('overlaps native work that released the GIL, up to the cores', () => {
    const program = [main([start(1, 2), join(1, 2)]), worker(1, [native(50)]), worker(2, [native(50)])];
    expect(simulate(program, OPTIONS).wallNs / MS).toBeCloseTo(50, 5);
    expect(simulate(program, { ...OPTIONS, cores: 1 }).wallNs / MS).toBeCloseTo(100, 5);
  });

  it('overlaps sleeping threads completely', () => {
    const result = simulate([main([start(1, 2, 3), join(1, 2, 3)]), worker(1, [io(2000)]), worker(2, [io(2000)]), worker(3, [io(2000)])], OPTIONS);
    expect(result.wallNs / MS).toBeCloseTo(2000, 3);
  });

  it('resumes a joining thread when the joined thread ends', () => {
    const result = simulate([main([start(1), join(1), cpu(5, 99)]), worker(1, [cpu(10)])], OPTIONS);
    expect(result.wallNs / MS).toBeCloseTo(15, 5);
    const mainRuns = result.segments.filter((s) => s.thread === 0 && s.line === 99);
    expect(mainRuns.map((s) => [s.startMs, s.endMs])).toEqual([[10, 15]]);
  });

  it('runs threads of other interpreters (processes) in parallel, and everything without a GIL in parallel', () => {
    const processes = simulate([main([start(1, 2), join(1, 2)]), worker(1, [cpu(30)], 1), worker(2, [cpu(30)], 2)], OPTIONS);
    expect(processes.wallNs / MS).toBeCloseTo(30, 5);
    const freeThreaded = simulate([main([start(1, 2), join(1, 2)]), worker(1, [cpu(30)]), worker(2, [cpu(30)])], { ...OPTIONS, gil: false });
    expect(freeThreaded.wallNs / MS).toBeCloseTo(30, 5);
    const threeOnTwoCores = simulate(
      [main([start(1, 2, 3), join(1, 2, 3)]), worker(1, [cpu(30)]), worker(2, [cpu(30)]), worker(3, [cpu(30)])],
      { ...OPTIONS, gil: false },
    );
    expect(threeOnTwoCores.wallNs / MS).toBeCloseTo(45, 5);
  });

  it('hands items over a queue: a consumer waits for the producer', () => {
    const put: Step = { kind: 'put', object: 'q', line: 1 };
    const get: Step = { kind: 'get', object: 'q', line: 2 };
    const result = simulate([
      main([start(1, 2), join(1, 2)]),
      worker(1, [{ kind: 'repeat', times: 3, body: [io(10), put], line: 1 }]),
      worker(2, [{ kind: 'repeat', times: 3, body: [get, cpu(1)], line: 2 }]),
    ], OPTIONS);
    expect(result.unfinished).toBe(false);
    expect(result.wallNs / MS).toBeCloseTo(31, 3);
  });

  it('ends a timed wait for an event when the event is set, or at once when it already was', () => {
    const wait = (ms: number): Step => ({ kind: 'io', ns: ms * MS, line: 2, wakesOn: 'done' });
    const set: Step = { kind: 'set', object: 'done', line: 3 };
    // `done.wait(timeout=5)` for a worker that sets it after 10 ms, then again once it is set.
    const result = simulate([main([start(1), wait(5000), wait(5000), join(1)]), worker(1, [io(10), set])], OPTIONS);
    expect(result.wallNs / MS).toBeCloseTo(10, 3);
    // Nobody sets it: the wait takes its time.
    expect(simulate([main([wait(400)])], OPTIONS).wallNs / MS).toBeCloseTo(400, 3);
  });

  it('ends a timed get when an item comes, and leaves its loop or tries again when none comes in time', () => {
    const put: Step = { kind: 'put', object: 'q', line: 1 };
    const leaving: Step = { kind: 'get', object: 'q', line: 2, timeoutNs: 300 * MS, leaves: true };
    // `while True: try: item = q.get(timeout=0.3) except queue.Empty: return`, two workers sharing three items put
    // 10 ms apart: each goes on as its item comes, and leaves 300 ms after the last one.
    const drained = simulate([
      main([start(1, 2), io(10), put, io(10), put, io(10), put, join(1, 2)]),
      worker(1, [{ kind: 'repeat', times: 1, body: [leaving, cpu(1)], line: 2 }]),
      worker(2, [{ kind: 'repeat', times: 1, body: [leaving, cpu(1)], line: 2 }]),
    ], OPTIONS);
    expect(drained.unfinished).toBe(false);
    expect(drained.wallNs / MS).toBeCloseTo(331, 3);
    // `while not stop.is_set(): try: q.get(timeout=0.1) except queue.Empty: continue`: it tries again until the
    // event is set, and leaves at the end of the wait under way then.
    const retrying: Step = { kind: 'get', object: 'q', line: 2, timeoutNs: 100 * MS, leaves: false };
    const stopped = simulate([
      main([start(1), io(250), { kind: 'set', object: 'stop', line: 3 }, join(1)]),
      worker(1, [{ kind: 'repeat', times: 1, body: [retrying, cpu(1)], line: 2, until: 'stop' }]),
    ], OPTIONS);
    expect(stopped.wallNs / MS).toBeCloseTo(300, 3);
    // Nobody sets it: trying again makes nothing happen, and does not keep the program going alone.
    const stuck = simulate([
      main([start(1), join(1)]),
      worker(1, [{ kind: 'repeat', times: 1, body: [retrying, cpu(1)], line: 2, until: 'stop' }]),
    ], OPTIONS);
    expect(stuck.unfinished).toBe(true);
    expect(stuck.endless).toBe(false);
  });

  it('ends the program without waiting for daemon threads', () => {
    const daemon: SimThread = { id: 1, name: 'daemon', program: [io(10_000)], interpreter: 0, daemon: true, startsAtZero: false };
    const result = simulate([main([start(1), cpu(3)]), daemon], OPTIONS);
    expect(result.wallNs / MS).toBeCloseTo(3, 5);
  });

  it('skips whole rounds of CPU-bound threads only when that changes nothing but the recorded timeline', () => {
    const ids = [1, 2, 3, 4, 5];
    const program = [main([{ kind: 'start', threads: ids, line: 1 }, { kind: 'join', threads: ids, line: 1 }]),
      ...ids.map((id) => worker(id, [cpu(97 + id * 13, id)]))];
    const options = { ...OPTIONS, contentionSlowdown: 1.1 };
    const full = simulate(program, options);
    const skipping = simulate(program, { ...options, maxSegments: 8 });
    expect(skipping.truncated).toBe(true);
    expect(skipping.wallNs).toBeCloseTo(full.wallNs, 0);
    for (const thread of full.threads) {
      const other = skipping.threads.find((t) => t.id === thread.id)!;
      expect(other.endNs).toBeCloseTo(thread.endNs, 0);
      expect(other.runningNs).toBeCloseTo(thread.runningNs, 0);
      expect(other.waitingNs).toBeCloseTo(thread.waitingNs, 0);
    }
  });

  it('runs a thread left alone through the rest of its loop at once, once the timeline is full, to the same times', () => {
    // Two threads take turns for 30 ms; then thread 1 runs alone for 200,000 rounds of 1 µs of bytecode and a 2 µs read.
    const loop: Step = { kind: 'repeat', times: 200_000, body: [cpu(0.001, 5), io(0.002, 6)], line: 4 };
    const threads = [main([start(1, 2), join(1, 2)]), worker(1, [cpu(15, 2), loop]), worker(2, [cpu(15, 3)])];
    const options = { ...OPTIONS, maxEvents: 20_000 };
    const skipping = simulate(threads, { ...options, maxSegments: 50 });
    expect(skipping).toMatchObject({ cutShort: false, unfinished: false, truncated: true });
    expect(skipping.wallNs / MS).toBeCloseTo(30 + 600, 3);
    const alone = skipping.threads.find((t) => t.id === 1)!;
    expect(alone.runningNs / MS).toBeCloseTo(15 + 200, 3);
    expect(alone.ioNs / MS).toBeCloseTo(400, 3);
    // Step by step (a timeline with room for every step), the times are the same.
    const full = simulate(threads, { ...options, maxEvents: 1_000_000, maxSegments: 1_000_000 });
    expect(full.cutShort).toBe(false);
    expect(full.wallNs / MS).toBeCloseTo(skipping.wallNs / MS, 3);
    expect(full.threads.find((t) => t.id === 1)!.waitingNs / MS).toBeCloseTo(alone.waitingNs / MS, 3);
  });

  it('ends a step whose remainder is too small to move the clock (it used to spin through the event budget)', () => {
    // After 30 s, rounding leaves slivers of these CPU steps that adding to the time no longer changes.
    const loop: Step = { kind: 'repeat', times: 1000, body: [{ kind: 'cpu', ns: 10627.2168, line: 2 }, io(5, 3)], line: 2 };
    const result = simulate([main([io(30_000, 1), loop])], { ...OPTIONS, maxEvents: 10_000 });
    expect(result.cutShort).toBe(false);
    expect(result.wallNs / MS).toBeCloseTo(30_000 + 1000 * (0.0106272168 + 5), 3);
  });

  it('ends a reading loop at end of input when the writer closes its end', () => {
    const put: Step = { kind: 'put', object: 'pipe', line: 1 };
    const get: Step = { kind: 'get', object: 'pipe', line: 2 };
    const result = simulate([
      main([start(1, 2), join(1, 2)]),
      worker(1, [{ kind: 'repeat', times: 3, body: [io(10), put], line: 1 }, { kind: 'close', object: 'pipe', line: 3 }]),
      // The reader's loop has no bound of its own: only the end of the pipe stops it.
      worker(2, [{ kind: 'repeat', times: 1000, body: [get, cpu(1)], line: 2 }, cpu(5, 9)]),
    ], OPTIONS);
    expect(result.unfinished).toBe(false);
    expect(result.wallNs / MS).toBeCloseTo(36, 3);
    expect(result.segments.filter((s) => s.thread === 2 && s.line === 9).map((s) => [s.startMs, s.endMs])).toEqual([[31, 36]]);
  });

  it('shares a list that threads pop between them, and ends each loop when it is empty', () => {
    // Ten items, 1 ms of work each; each worker's loop could run 1,000 rounds but the list runs out.
    const take: Step = { kind: 'take', object: 'tasks', amount: 1, initial: 10, line: 2 };
    const drain: Step = { kind: 'repeat', times: 1000, body: [take, cpu(1, 3)], line: 2 };
    const result = simulate([main([start(1, 2), join(1, 2)]), worker(1, [drain]), worker(2, [drain])], OPTIONS);
    expect(result.unfinished).toBe(false);
    const running = result.threads.filter((t) => t.id !== 0).map((t) => t.runningNs / MS);
    expect(running[0] + running[1]).toBeCloseTo(10, 5);
    // Serialized under the GIL: one core's worth of work.
    expect(result.wallNs / MS).toBeCloseTo(10, 5);
    // Processes each pop a copy of their own.
    const apart = simulate([main([start(1, 2), join(1, 2)]), worker(1, [drain], 1), worker(2, [drain], 2)], OPTIONS);
    expect(apart.wallNs / MS).toBeCloseTo(10, 5);
    expect(apart.threads.filter((t) => t.id !== 0).map((t) => t.runningNs / MS)).toEqual([10, 10]);
  });

  it('runs tasks of one event loop one at a time, handing the loop on at awaits only', () => {
    const hold: Step = { kind: 'hold', object: 'loop', line: 1 };
    const drop: Step = { kind: 'drop', object: 'loop', line: 1 };
    // Each task: 2 ms of CPU, an awaited 10 ms sleep (the loop is free), then 1 ms of blocking I/O (it is not).
    const task = (id: number) => worker(id, [hold, cpu(2), drop, io(10), hold, io(1), drop]);
    const result = simulate([main([start(1, 2), join(1, 2)]), task(1), task(2)], OPTIONS);
    // 0–2 task 1 runs; 2–4 task 2; task 1 back at 12 blocks the loop until 13; task 2, back at 14, until 15.
    expect(result.wallNs / MS).toBeCloseTo(15, 5);
    const waited = result.segments.filter((s) => s.thread === 2 && s.state === 'waiting').map((s) => [s.startMs, s.endMs]);
    expect(waited[0]).toEqual([0, 2]);
  });

  it('runs a loop until another thread sets its event, and wakes a join the GIL hand-over ends at once', () => {
    const set: Step = { kind: 'set', object: 'stop', line: 2 };
    const wait: Step = { kind: 'wait', object: 'stop', line: 6 };
    // `while not stop.is_set(): stop.wait()`: its guessed 1,000 rounds do not bound it, the event does.
    const monitor: Step = { kind: 'repeat', times: 1000, body: [cpu(0.001, 5), wait], line: 5, until: 'stop' };
    const result = simulate([main([start(1), io(50), cpu(0.01, 2), set, join(1)]), worker(1, [monitor])], OPTIONS);
    // Main blocks on the join and hands the GIL to the monitor, which ends its loop and finishes on the spot:
    // that finish wakes main's join.
    expect(result.unfinished).toBe(false);
    expect(result.wallNs / MS).toBeCloseTo(50.012, 2);
    // A spinning loop (no wait) runs past its 10 guessed rounds until the set: main, back from its sleep at 100 ms,
    // waits an interval for the GIL (105), sets the event, and joins; the spinner finishes its round (106).
    const spinner: Step = { kind: 'repeat', times: 10, body: [cpu(1, 5)], line: 5, until: 'stop' };
    const spun = simulate([main([start(1), io(100), set, join(1)]), worker(1, [spinner])], OPTIONS);
    expect(spun.threads.find((t) => t.id === 1)!.runningNs / MS).toBeCloseTo(106, 5);
    expect(spun.wallNs / MS).toBeCloseTo(106, 5);
  });

  it('stops at its budget of events and says so, apart from a hang or a program without end', () => {
    const sleeper: Step = { kind: 'repeat', times: 10_000, body: [cpu(0.001), io(1)], line: 3 };
    const threads = [main([start(1, 2, 3), join(1, 2, 3)]), worker(1, [sleeper]), worker(2, [sleeper]), worker(3, [sleeper])];
    const whole = simulate(threads, OPTIONS);
    expect(whole.cutShort).toBe(false);
    expect(whole.wallNs / MS).toBeCloseTo(10_010, -1);
    const cut = simulate(threads, { ...OPTIONS, maxEvents: 1000 });
    expect(cut).toMatchObject({ cutShort: true, unfinished: true, endless: false });
    expect(cut.wallNs).toBeLessThan(whole.wallNs);
  });
});

