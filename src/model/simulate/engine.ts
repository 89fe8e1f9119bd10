// A deterministic discrete-event model of CPython's GIL (no clock, no randomness).
// One thread per interpreter holds the GIL and runs bytecode. A thread that wants it waits; when the switch interval
// passes with no switch, it sets a drop request and the holder hands the GIL over at once (FORCE_SWITCHING: the old
// holder then queues like anyone else). Sleeps, blocking I/O, lock/queue/event waits and joins release the GIL at
// once; native work releases it but still needs a core; cores are shared evenly when there are more runners than
// cores. A thread back from I/O must win the GIL again (the convoy effect). Interpreters in other processes have
// their own GIL; a free-threaded interpreter has none.

import { Cancelled, type CancelCheck } from '../cancel';

/** The simulation asks its `cancelled` check once every this many events plus one (a mask: a power of two less one). */
const CANCEL_CHECK_EVENTS = 4095;

/** What a simulated thread does, in order. Times in nanoseconds; lines are 1-based source lines (0: unknown). */
export type Step =
  /** `handOff`: a pool's work to pass one task to a worker and its result back, which a direct call does not do. */
  | { readonly kind: 'cpu'; readonly ns: number; readonly line: number; readonly locked?: boolean; readonly handOff?: true }
  /**
   * `interval`: a Timer's wait before its function, which cancelling it ends at once. `poll`: a server's wait for its
   * next request, in a loop that ends once this event is set (`serve_forever` until `shutdown()`): while it is not,
   * the poll does not keep a program whose other threads all wait for each other going. `wakesOn`: a timed wait for
   * an event (`stop.wait(0.5)`), which ends at once when the event is set, or was already.
   */
  | { readonly kind: 'io'; readonly ns: number; readonly line: number; readonly interval?: true; readonly poll?: string; readonly wakesOn?: string }
  | { readonly kind: 'native'; readonly ns: number; readonly line: number }
  /**
   * `costNs`: what making all of `threads` costs the starter (OS threads made, holding the GIL), charged for those
   * not yet started. `handshake`: `Thread.start()`, which waits until the new thread runs: the starter lets the GIL
   * go to it, one thread after another, and must win the GIL back each time.
   */
  | { readonly kind: 'start'; readonly threads: readonly number[]; readonly line: number; readonly costNs?: number; readonly handshake?: true }
  /** A list of threads is joined in its order (`for t in threads: t.join()`): woken by each, the joiner wins the GIL back. */
  | { readonly kind: 'join'; readonly threads: readonly number[] | 'all'; readonly line: number }
  /** `cancel`: these Timer threads stop at their next `unless-cancelled` step (the end of their interval). */
  | { readonly kind: 'cancel'; readonly threads: readonly number[]; readonly line: number }
  | { readonly kind: 'unless-cancelled'; readonly line: number }
  | { readonly kind: 'task_done' | 'queue-join' | 'close' | 'set' | 'wait'; readonly object: string; readonly line: number }
  /**
   * `refeedCap`: a put into the queue its own loop reads (a crawler's frontier), whose items come round to that loop
   * again: all such puts of the program together add at most this many items; later ones add none.
   */
  | { readonly kind: 'put'; readonly object: string; readonly line: number; readonly refeedCap?: number }
  /**
   * `timeoutNs`: `q.get(timeout=0.3)`, which raises queue.Empty when no item comes in that time. `leaves`: the loop
   * around it then ends (`except queue.Empty: return`); otherwise it tries again (`continue`), and its loop ends only
   * once its `until` event is set, so a wait that tries again is a poll (see the `io` step). `stream`: a read of a
   * socketpair end, whose peer sends the items. A read that finds none while the peer waits on something itself (its
   * own read of the answer, a join) read part of what was sent (a header, then its body) and goes on: the model
   * counts sends, not bytes.
   */
  | { readonly kind: 'get'; readonly object: string; readonly line: number; readonly timeoutNs?: number; readonly leaves?: boolean; readonly stream?: true }
  /**
   * Takes `amount` of a list's items (`initial` at first); with none left, the loop around it ends, after `timeoutNs`
   * (a queue's timed get, which waits that long for an item before it gives up).
   */
  | { readonly kind: 'take'; readonly object: string; readonly amount: number; readonly initial: number; readonly line: number; readonly timeoutNs?: number }
  /** Takes (`hold`) or gives back (`drop`) a mutex: an asyncio task holds its event loop while it runs. */
  /**
   * `lock`: a lock of the program, whose waiters are blocked (a task waiting for its event loop is runnable).
   * `permits`: how many threads may hold it at once (a `Semaphore(3)`); one when absent.
   */
  | { readonly kind: 'hold' | 'drop'; readonly object: string; readonly line: number; readonly lock?: true; readonly permits?: number }
  /**
   * `until`: an event another thread sets (`while not stop.is_set():`): the loop runs until then, ending at the end
   * of a round, and `times` (the guessed rounds) serves only counts made without simulating (the sequential what-if).
   */
  | { readonly kind: 'repeat'; readonly times: number; readonly body: readonly Step[]; readonly line: number; readonly until?: string };

export interface SimThread {
  readonly id: number;
  readonly name: string;
  readonly program: readonly Step[];
  /** Interpreter it runs in: threads of one interpreter share its GIL. */
  readonly interpreter: number;
  readonly daemon: boolean;
  /** Started at time 0 (the main thread) rather than by another thread's `start` step. */
  readonly startsAtZero: boolean;
}

export type SegmentState = 'running' | 'waiting' | 'io' | 'native';

export interface TimelineSegment {
  readonly thread: number;
  readonly state: SegmentState;
  readonly startMs: number;
  readonly endMs: number;
  readonly line: number;
}

export interface EngineOptions {
  readonly cores: number;
  readonly switchIntervalNs: number;
  /** False for a free-threaded interpreter: every thread runs at once, up to the cores. */
  readonly gil: boolean;
  /** CPU work runs this much slower while other threads of the interpreter contend for its GIL. */
  readonly contentionSlowdown: number;
  /** CPU work that takes a lock every round runs this much slower while other threads contend for it. */
  readonly lockContentionSlowdown: number;
  /** Fraction of the switch interval a thread back from I/O waits, at most, next to a CPU-bound holder. */
  readonly wakeupWaitFraction: number;
  /** Stop after this much simulated time (a program that never ends). */
  readonly horizonNs: number;
  /** Keep at most this many timeline segments; later ones are dropped and `truncated` is set. */
  readonly maxSegments: number;
  /** Stop after this many events (5 million when absent): the answer must come in time for an editor. */
  readonly maxEvents?: number;
  /** Asked every few thousand events: when it says so, the simulation stops by throwing `Cancelled`. */
  readonly cancelled?: CancelCheck;
}

export interface ThreadResult {
  readonly id: number;
  readonly startNs: number;
  readonly endNs: number;
  readonly runningNs: number;
  readonly waitingNs: number;
  readonly ioNs: number;
  readonly nativeNs: number;
  /** Of `ioNs`, the time spent blocked on another thread (a join, a queue's `get`, a lock), not in I/O of its own. */
  readonly blockedNs: number;
  readonly finished: boolean;
  /** Unfinished at the end: the state it was in and how long it had been in it (a sleep the exit cut short). */
  readonly cutOff?: { readonly state: 'run' | 'io' | 'native' | 'other'; readonly ns: number };
}

export interface EngineResult {
  /** From the main thread's first step to the program's exit (non-daemon threads joined). */
  readonly wallNs: number;
  readonly threads: ThreadResult[];
  readonly segments: TimelineSegment[];
  readonly truncated: boolean;
  /** True when the program did not end before the horizon (a thread waits forever, or it never stops). */
  readonly unfinished: boolean;
  /**
   * True when it was still running at the horizon (a loop without end). An unfinished program that stopped earlier
   * has every thread left waiting for something that never happens in the model: a real hang (a `get()` nobody
   * answers), or a wake-up the model does not see (a timeout, a condition variable's notify), so its wall is where
   * it stopped.
   */
  readonly endless: boolean;
  /** True when it stopped at its event budget (`maxEvents`), the program not over: the times cover it up to there. */
  readonly cutShort: boolean;
  /** Loops run until an event (`until`) that ended: the most rounds a thread ran of each. */
  readonly roundsRun: ReadonlyMap<Step, number>;
}

type State = 'new' | 'want' | 'run' | 'io' | 'native' | 'blocked' | 'done';

/** A cursor over a program that unrolls `repeat` steps as it goes. */
class Cursor {
  private readonly frames: Array<{ steps: readonly Step[]; index: number; left: number; loop?: Extract<Step, { kind: 'repeat' }>; rounds: number }>;

  /** `roundsRun`: the rounds each loop run until an event ran, the most of any thread, filled in as loops end. */
  constructor(
    program: readonly Step[], private readonly isSet: (event: string) => boolean, private readonly roundsRun: Map<Step, number>,
  ) {
    this.frames = [{ steps: program, index: 0, left: 1, rounds: 0 }];
  }

  /**
   * Just after a round of a loop whose body only spends time (CPU, I/O, native work, and loops of those): the rounds
   * still to run and what one round spends; undefined anywhere else.
   */
  pureRounds(): ({ rounds: number } & RoundCost) | undefined {
    const frame = this.frames[this.frames.length - 1];
    if (!frame?.loop || frame.loop.until || frame.index < frame.steps.length || !Number.isFinite(frame.left) || frame.left < 2) return undefined;
    const cost = roundCost(frame.steps);
    return cost && { rounds: frame.left - 1, ...cost };
  }

  /** Counts that many more rounds of the innermost loop as run (see pureRounds): next() goes on after them. */
  skipRounds(rounds: number): void {
    const frame = this.frames[this.frames.length - 1];
    frame.left -= rounds;
    frame.rounds += rounds;
  }

  /** Whether the innermost loop being repeated runs until an event that is now set. */
  loopEventSet(): boolean {
    const until = this.frames[this.frames.length - 1]?.loop?.until;
    return until !== undefined && this.isSet(until);
  }

  /** Leaves the innermost loop being repeated (a read that found the end of its input). */
  breakLoop(): void {
    if (this.frames.length > 1) this.frames.pop();
  }

  next(): Exclude<Step, { kind: 'repeat' }> | undefined {
    for (;;) {
      const frame = this.frames[this.frames.length - 1];
      if (!frame) return undefined;
      if (frame.index >= frame.steps.length) {
        frame.left--;
        frame.rounds++;
        const until = frame.loop?.until;
        if (frame.left > 0 && frame.steps.length > 0 && !(until && this.isSet(until))) {
          frame.index = 0;
          continue;
        }
        if (until) this.roundsRun.set(frame.loop!, Math.max(this.roundsRun.get(frame.loop!) ?? 0, frame.rounds));
        this.frames.pop();
        continue;
      }
      const step = frame.steps[frame.index++];
      if (step.kind === 'repeat') {
        if (step.until && this.isSet(step.until)) this.roundsRun.set(step, this.roundsRun.get(step) ?? 0);
        else if (step.times >= 1 && step.body.length > 0) {
          const endless = step.until !== undefined || endsByTimeout(step);
          this.frames.push({ steps: step.body, index: 0, left: endless ? Number.POSITIVE_INFINITY : Math.floor(step.times), loop: step, rounds: 0 });
        }
        continue;
      }
      return step;
    }
  }
}

/**
 * A loop whose own `get` leaves it when no item comes in time (`except queue.Empty: return`): it runs until then,
 * however many rounds were guessed, as a worker draining its queue does.
 */
function endsByTimeout(loop: Extract<Step, { kind: 'repeat' }>): boolean {
  return loop.body.some((step) => step.kind === 'get' && step.timeoutNs !== undefined && step.leaves);
}

/** What one round of a loop spends, by kind; nanoseconds at full speed. */
interface RoundCost {
  readonly cpu: number;
  readonly io: number;
  readonly native: number;
}

const roundCosts = new WeakMap<readonly Step[], RoundCost | null>();

/** The time a loop body spends, when it does nothing else (no start, no synchronization, no loop until an event). */
function roundCost(steps: readonly Step[]): RoundCost | undefined {
  const known = roundCosts.get(steps);
  if (known !== undefined) return known ?? undefined;
  const cost = sumOfSteps(steps);
  roundCosts.set(steps, cost ?? null);
  return cost;
}

function sumOfSteps(steps: readonly Step[]): RoundCost | undefined {
  let cpu = 0;
  let io = 0;
  let native = 0;
  for (const step of steps) {
    if (step.kind === 'cpu') cpu += Math.max(0, step.ns);
    else if (step.kind === 'io') io += Math.max(0, step.ns);
    else if (step.kind === 'native') native += Math.max(0, step.ns);
    else if (step.kind !== 'repeat' || step.until) return undefined;
    else if (step.times >= 1 && step.body.length > 0) {
      // As the cursor runs it: whole rounds only.
      const inner = roundCost(step.body);
      if (!inner) return undefined;
      const times = Math.floor(step.times);
      cpu += times * inner.cpu;
      io += times * inner.io;
      native += times * inner.native;
    }
  }
  return { cpu, io, native };
}

interface Runner {
  readonly thread: SimThread;
  readonly cursor: Cursor;
  state: State;
  /** Work left in the current step: CPU or native nanoseconds at full speed, or the end time of an I/O wait. */
  left: number;
  ioEnd: number;
  line: number;
  locked: boolean;
  /** In the middle of a CPU step (it was made to hand the GIL over before finishing it). */
  inCpu: boolean;
  /** A read found the end of its input: the loop around it ends. */
  endOfInput: boolean;
  /** A Timer cancelled: it ends at its `unless-cancelled` step. */
  cancelled?: true;
  /** In its Timer interval (an `io` step marked `interval`). */
  inInterval?: boolean;
  /** In a server's poll (an `io` step marked `poll`): the event that ends its loop. */
  polling?: string;
  /** In a timed wait for this event (an `io` step marked `wakesOn`). */
  wakesOn?: string;
  /** In a timed `get` (see the `get` step), waiting for an item until its `ioEnd`. */
  timedGet?: Extract<Step, { kind: 'get' }>;
  /** New threads it still has to start one by one, each waiting until the one before runs (a `start` step's `handshake`). */
  handshakes?: Runner[];
  /** The thread waiting in `start()` until this one runs. */
  startedBy?: Runner;
  /** In a join of a list (see the `join` step): the threads of it already joined, in its order, and the step. */
  joined?: { readonly step: Extract<Step, { kind: 'join' }>; count: number };
  /** Woken by one thread of the join it is in: it joins the rest once it has the GIL again. */
  rejoin?: Extract<Step, { kind: 'join' }>;
  /** When it started waiting for the GIL, and whether it came back from I/O. */
  wantSince: number;
  fromIo: boolean;
  blockedOn?: Exclude<Step, { kind: 'cpu' | 'io' | 'native' | 'repeat' | 'start' }>;
  startNs: number;
  endNs: number;
  runningNs: number;
  waitingNs: number;
  ioNs: number;
  blockedNs: number;
  nativeNs: number;
  /** When the current state began (time in it is added to the totals when it ends). */
  stateSince: number;
  /** The interpreter whose GIL it needs. */
  interpreter: Interpreter;
  // The open timeline segment.
  segmentState?: SegmentState;
  segmentStart: number;
  segmentLine: number;
}

/** A queue (or a list threads drain, or a pipe) between threads: items in it, and who put them. */
interface SimQueue {
  items: number;
  /** Items put and not yet marked done (`task_done`), for `queue-join`. */
  unfinished: number;
  closed: boolean;
  putters: Set<Runner>;
  /** Puts with a `refeedCap` made so far. */
  refed: number;
}

interface Interpreter {
  holder: Runner | undefined;
  waiters: Runner[];
  lastSwitch: number;
}

/** Waits on other threads' progress: a socketpair sender in one cannot send until they move (see streamRead). */
const STALLING: ReadonlySet<Step['kind']> = new Set(['get', 'join', 'wait', 'queue-join']);

/** Every step of a program, loops' bodies included. */
function* stepsIn(program: readonly Step[]): Generator<Step> {
  const pending = [...program];
  while (pending.length > 0) {
    const step = pending.pop()!;
    if (step.kind === 'repeat') pending.push(...step.body);
    yield step;
  }
}

/** The events a program's loops run until (`until`), or the events it sets (`set`). */
function eventsIn(program: readonly Step[], kind: 'until' | 'set'): Set<string> {
  const found = new Set<string>();
  const pending = [...program];
  while (pending.length > 0) {
    const step = pending.pop()!;
    if (step.kind === 'repeat') {
      if (kind === 'until' && step.until) found.add(step.until);
      pending.push(...step.body);
    } else if (kind === 'set' && step.kind === 'set') {
      found.add(step.object);
    } else if (kind === 'set' && step.kind === 'cancel') {
      // A Timer the joiner cancels later ends then: a join of everything does not wait out its interval.
      for (const id of step.threads) found.add(`cancel:${id}`);
    }
  }
  return found;
}

export function simulate(threads: readonly SimThread[], options: EngineOptions): EngineResult {
  return new Engine(threads, options).run();
}

class Engine {
  private now = 0;
  private readonly runners: Runner[];
  private readonly byId = new Map<number, Runner>();
  private readonly interpreters = new Map<number, Interpreter>();
  private readonly queues = new Map<string, SimQueue>();
  private readonly events = new Set<string>();
  private readonly roundsRun = new Map<Step, number>();
  /** The threads holding each lock (and the event loop), more than one for a semaphore with permits. */
  private readonly holders = new Map<string, Runner[]>();
  private readonly segments: TimelineSegment[] = [];
  private truncated = false;

  constructor(threads: readonly SimThread[], private readonly options: EngineOptions) {
    this.runners = threads.map((thread) => ({
      thread, cursor: new Cursor(thread.program, (event) => this.events.has(event), this.roundsRun), state: 'new', left: 0, ioEnd: 0, line: 0, locked: false, inCpu: false, endOfInput: false, wantSince: 0,
      fromIo: false, startNs: 0, endNs: 0, runningNs: 0, waitingNs: 0, ioNs: 0, blockedNs: 0, nativeNs: 0, segmentStart: 0, segmentLine: 0,
      stateSince: 0, interpreter: this.interpreter(thread.interpreter),
    }));
    for (const runner of this.runners) this.byId.set(runner.thread.id, runner);
    for (const runner of this.runners) {
      this.awaits.set(runner, [...eventsIn(runner.thread.program, 'until')]);
      this.sets.set(runner, eventsIn(runner.thread.program, 'set'));
    }
    const streams = new Set<string>();
    const noteIn = <K>(map: Map<K, Set<Runner>>, key: K, runner: Runner) => map.set(key, (map.get(key) ?? new Set()).add(runner));
    for (const runner of this.runners) {
      for (const step of stepsIn(runner.thread.program)) {
        if (step.kind === 'get' && step.stream) streams.add(step.object);
        else if (step.kind === 'put') noteIn(this.putsInto, step.object, runner);
        else if (step.kind === 'start') for (const id of step.threads) if (this.byId.has(id)) noteIn(this.startersOf, this.byId.get(id)!, runner);
      }
    }
    for (const object of streams) {
      const writers = this.putsInto.get(object);
      if (writers) this.streamWriters.set(object, [...writers]);
    }
  }

  /** New threads a starter will start one by one (see the start step's handshake): no other start counts them. */
  private readonly handedOver = new Set<Runner>();

  /**
   * A thread that puts into this queue is yet to start, and a thread that starts it still runs: the putters so far
   * being done does not end the queue's input (producers started one by one, each start() waiting until its thread
   * runs, the first done before the last starts).
   */
  private putterStarting(object: string): boolean {
    for (const putter of this.putsInto.get(object) ?? []) {
      if (putter.state === 'new' && [...this.startersOf.get(putter) ?? []].some((starter) => starter.state !== 'done')) return true;
    }
    return false;
  }

  /** The threads whose programs put into each queue, and those whose programs start each thread. */
  private readonly putsInto = new Map<string, Set<Runner>>();
  private readonly startersOf = new Map<Runner, Set<Runner>>();

  /** The threads whose programs send to each socketpair stream some thread reads (see streamRead). */
  private readonly streamWriters = new Map<string, Runner[]>();

  /** Events each thread's loops run until, and events each thread's program sets (see satisfy's join). */
  private readonly awaits = new Map<Runner, string[]>();
  private readonly sets = new Map<Runner, Set<string>>();

  run(): EngineResult {
    for (const runner of this.runners) if (runner.thread.startsAtZero) this.begin(runner);
    const maxEvents = this.options.maxEvents ?? 5_000_000;
    let events = 0;
    while (!this.finished() && this.now < this.options.horizonNs && events < maxEvents) {
      if ((++events & CANCEL_CHECK_EVENTS) === 0 && this.options.cancelled?.()) throw new Cancelled();
      if (!this.advance()) break;
    }
    const cutShort = !this.finished() && events >= maxEvents;
    const cutOff = new Map<Runner, NonNullable<ThreadResult['cutOff']>>();
    for (const runner of this.runners) {
      const { state } = runner;
      if (state !== 'done') cutOff.set(runner, { state: state === 'run' || state === 'io' || state === 'native' ? state : 'other', ns: Math.max(0, this.now - runner.stateSince) });
      // Add the time spent in the state each thread is still in.
      this.setState(runner, runner.state);
      this.closeSegment(runner);
    }
    const unfinished = !this.finished();
    const mains = this.runners.filter((r) => r.thread.startsAtZero || !r.thread.daemon);
    const endless = unfinished && this.now >= this.options.horizonNs;
    const wallNs = Math.max(0, ...mains.filter((r) => r.state === 'done').map((r) => r.endNs), unfinished ? this.now : 0);
    return {
      wallNs,
      threads: this.runners.map((r) => ({
        id: r.thread.id, startNs: r.startNs, endNs: r.state === 'done' ? r.endNs : this.now, runningNs: r.runningNs,
        waitingNs: r.waitingNs, ioNs: r.ioNs, nativeNs: r.nativeNs, blockedNs: r.blockedNs, finished: r.state === 'done',
        ...(cutOff.has(r) ? { cutOff: cutOff.get(r) } : {}),
      })),
      segments: this.segments,
      truncated: this.truncated,
      unfinished,
      endless,
      cutShort,
      roundsRun: this.roundsRun,
    };
  }

  /** The program ends when every non-daemon thread that started has finished (daemons die with it). */
  private finished(): boolean {
    return this.alive === 0;
  }

  /** Started threads the program waits for at exit (the main thread and non-daemons) that have not finished. */
  private alive = 0;

  private keepsProgramAlive(runner: Runner): boolean {
    return runner.thread.startsAtZero || !runner.thread.daemon;
  }

  private interpreter(id: number): Interpreter {
    let interpreter = this.interpreters.get(id);
    if (!interpreter) {
      interpreter = { holder: undefined, waiters: [], lastSwitch: 0 };
      this.interpreters.set(id, interpreter);
    }
    return interpreter;
  }

  private begin(runner: Runner): void {
    if (runner.state !== 'new') return;
    runner.startNs = this.now;
    if (this.keepsProgramAlive(runner)) this.alive++;
    this.want(runner, false);
  }

  /** The runner needs the GIL to go on: take it if free, else queue for it. */
  private want(runner: Runner, fromIo: boolean): void {
    if (!this.options.gil) {
      this.proceed(runner);
      return;
    }
    const interpreter = runner.interpreter;
    if (!interpreter.holder) {
      interpreter.holder = runner;
      interpreter.lastSwitch = this.now;
      this.proceed(runner);
      return;
    }
    this.setState(runner, 'want');
    runner.wantSince = this.now;
    runner.fromIo = fromIo;
    interpreter.waiters.push(runner);
    this.openSegment(runner, 'waiting', runner.line);
  }

  /** Hands the GIL to the next waiter, if any. */
  private release(runner: Runner): void {
    if (!this.options.gil) return;
    const interpreter = runner.interpreter;
    if (interpreter.holder !== runner) return;
    interpreter.holder = undefined;
    const next = interpreter.waiters.shift();
    if (next) {
      interpreter.holder = next;
      interpreter.lastSwitch = this.now;
      this.proceed(next);
    }
  }

  /** Runs the runner's program from its current position until it needs time to pass or waits on something. */
  private proceed(runner: Runner): void {
    // Running at last, the new thread sets the event its starter waits on: the starter wants the GIL back.
    const starter = runner.startedBy;
    if (starter) {
      runner.startedBy = undefined;
      if (starter.state === 'blocked' && !starter.blockedOn) this.want(starter, true);
    }
    if (runner.inCpu && runner.left > 0) {
      this.setState(runner, 'run');
      this.openSegment(runner, 'running', runner.line);
      return;
    }
    runner.inCpu = false;
    for (let steps = 0; steps < 10_000; steps++) {
      if (runner.endOfInput) {
        runner.endOfInput = false;
        runner.cursor.breakLoop();
      }
      if (runner.handshakes) {
        if (this.startNext(runner)) return;
        continue;
      }
      const rejoin = runner.rejoin;
      if (rejoin) {
        runner.rejoin = undefined;
        if (this.satisfy(runner, rejoin)) continue;
        this.block(runner, rejoin);
        return;
      }
      this.skipLoneRounds(runner);
      const step = runner.cursor.next();
      if (!step) {
        this.finish(runner);
        return;
      }
      runner.line = step.line || runner.line;
      switch (step.kind) {
        case 'cpu':
          if (step.ns <= 0) continue;
          this.setState(runner, 'run');
          runner.inCpu = true;
          runner.left = step.ns;
          runner.locked = !!step.locked;
          this.openSegment(runner, 'running', runner.line);
          return;
        case 'io':
          // A Timer cancelled before its wait began does not wait.
          if (step.interval && runner.cancelled) continue;
          this.release(runner);
          this.setState(runner, 'io');
          runner.wakesOn = step.wakesOn;
          runner.ioEnd = step.wakesOn !== undefined && this.events.has(step.wakesOn) ? this.now : this.now + Math.max(0, step.ns);
          runner.inInterval = !!step.interval;
          runner.polling = step.poll;
          this.openSegment(runner, 'io', runner.line);
          return;
        case 'native':
          this.release(runner);
          this.setState(runner, 'native');
          runner.left = Math.max(0, step.ns);
          this.openSegment(runner, 'native', runner.line);
          return;
        case 'start': {
          let fresh = 0;
          const handshakes: Runner[] = [];
          for (const id of step.threads) {
            const child = this.byId.get(id);
            if (!child || child.state !== 'new' || this.handedOver.has(child)) continue;
            fresh++;
            if (step.handshake && this.options.gil && child.interpreter === runner.interpreter) {
              handshakes.push(child);
              this.handedOver.add(child);
            } else {
              this.begin(child);
            }
          }
          if (handshakes.length > 0) runner.handshakes = handshakes;
          const cost = step.costNs && step.threads.length > 0 ? step.costNs * fresh / step.threads.length : 0;
          if (cost <= 0) continue;
          this.setState(runner, 'run');
          runner.inCpu = true;
          runner.left = cost;
          runner.locked = false;
          this.openSegment(runner, 'running', runner.line);
          return;
        }
        case 'unless-cancelled':
          if (!runner.cancelled) continue;
          this.finish(runner);
          return;
        default:
          if (this.satisfy(runner, step)) {
            // None left for a timed get: it waits out its time first.
            if (step.kind === 'take' && runner.endOfInput && step.timeoutNs) {
              this.waitAlone(runner, step.timeoutNs);
              return;
            }
            continue;
          }
          if (step.kind === 'get' && step.timeoutNs !== undefined) {
            this.awaitItem(runner, step);
            return;
          }
          this.block(runner, step);
          return;
      }
    }
    // A program that loops through many empty steps without spending time: let others run first.
    this.setState(runner, 'run');
    runner.inCpu = true;
    runner.left = 1;
  }

  /** Waits on another thread: the GIL is released while it waits. */
  private block(runner: Runner, step: Exclude<Step, { kind: 'cpu' | 'io' | 'native' | 'repeat' | 'start' }>): void {
    // It is marked blocked first: the thread the GIL goes to may at once do what it waits for (end, set the event),
    // and wakes only blocked threads.
    this.setState(runner, 'blocked');
    runner.blockedOn = step;
    // A task waiting for its event loop waits like a thread for the GIL; other waits are on something else.
    this.openSegment(runner, step.kind === 'hold' && !step.lock ? 'waiting' : 'io', runner.line);
    this.release(runner);
    // A socketpair read may have waited for this thread to send: now it waits too, the read goes on.
    if (this.streamWriters.size > 0 && STALLING.has(step.kind)) this.wake();
  }

  /**
   * Starts the next thread of a `start` step's handshake: the starter waits, GIL released, until it runs (see
   * proceed). False when it goes on at once (the thread had started already).
   */
  private startNext(runner: Runner): boolean {
    const child = runner.handshakes!.shift()!;
    if (runner.handshakes!.length === 0) runner.handshakes = undefined;
    if (child.state !== 'new') return false;
    child.startedBy = runner;
    this.begin(child);
    if (!child.startedBy) return false;
    this.setState(runner, 'blocked');
    runner.blockedOn = undefined;
    this.openSegment(runner, 'io', runner.line);
    this.release(runner);
    return true;
  }

  /**
   * A thread alone (nobody else running, in I/O or native code, or waiting for a GIL) at the end of a round of a loop
   * that only spends time goes through the other rounds at once, once the timeline is full: alone, each round takes
   * exactly what its steps say, and the timeline would record none of it. Without this a long single-threaded loop
   * of short steps (a million reads) would spend the event budget one step at a time and be cut short.
   */
  private skipLoneRounds(runner: Runner): void {
    if (this.segments.length < this.options.maxSegments) return;
    for (const other of this.busy) if (other !== runner) return;
    for (const interpreter of this.interpreters.values()) if (interpreter.waiters.length > 0) return;
    const pure = runner.cursor.pureRounds();
    if (!pure) return;
    const roundNs = pure.cpu + pure.io + pure.native;
    if (!(roundNs > 0)) return;
    const rounds = Math.min(pure.rounds, Math.floor((this.options.horizonNs - this.now) / roundNs));
    if (!(rounds >= 1)) return;
    // Time so far in the current state is counted first; the skipped rounds' time goes to each kind's total.
    this.setState(runner, runner.state);
    runner.runningNs += rounds * pure.cpu;
    runner.ioNs += rounds * pure.io;
    runner.nativeNs += rounds * pure.native;
    this.now += rounds * roundNs;
    runner.stateSince = this.now;
    runner.cursor.skipRounds(rounds);
    this.truncated = true;
  }

  /** Applies a synchronization step; false when it must wait. */
  private satisfy(runner: Runner, step: Exclude<Step, { kind: 'cpu' | 'io' | 'native' | 'repeat' | 'start' }>): boolean {
    switch (step.kind) {
      case 'join': {
        // A join of threads the model could not name waits for every running one, but not for one that loops until
        // an event the joiner itself sets: that join would never end, and the program does.
        // (Asked at every wake-up while the joiner waits: plain loops, nothing allocated.)
        if (step.threads === 'all') {
          for (const target of this.joinedByAll(runner)) if (target.state !== 'new' && target.state !== 'done') return false;
          return true;
        }
        // In order: the threads before the first one still running are joined (see wake).
        const joined = runner.joined?.step === step ? runner.joined : (runner.joined = { step, count: 0 });
        for (; joined.count < step.threads.length; joined.count++) {
          const target = this.byId.get(step.threads[joined.count]);
          if (target && target.state !== 'new' && target.state !== 'done') return false;
        }
        runner.joined = undefined;
        return true;
      }
      case 'put': {
        const queue = this.queue(step.object);
        if (step.refeedCap !== undefined && queue.refed++ >= step.refeedCap) return true;
        queue.putters.add(runner);
        queue.items++;
        queue.unfinished++;
        this.wake();
        for (const other of this.busy) {
          if (queue.items <= 0) break;
          if (other.timedGet?.object !== step.object) continue;
          queue.items--;
          this.endTimedGet(other);
        }
        return true;
      }
      case 'get': {
        const queue = this.queue(step.object);
        if (queue.items <= 0) {
          // Nobody left to put anything: the reader got its sentinel (`None`, a stop marker) and its loop ends. A
          // timed get waits out its time instead.
          const exhausted = step.timeoutNs === undefined && queue.putters.size > 0 && [...queue.putters].every((putter) => putter.state === 'done')
            && !this.putterStarting(step.object);
          if (!queue.closed && !exhausted) {
            const read = step.stream ? this.streamRead(step.object, runner) : 'wait';
            if (read === 'wait') return false;
            if (read === 'part') return true;
          }
          // End of file: the loop reading it ends.
          runner.endOfInput = true;
          return true;
        }
        queue.items--;
        return true;
      }
      case 'take': {
        // A list filled before the threads started: nothing is added later, so an empty one ends the draining loop.
        // Each process has a copy of its own.
        const key = `${runner.thread.interpreter}:${step.object}`;
        let queue = this.queues.get(key);
        if (!queue) {
          queue = { items: step.initial, unfinished: 0, closed: true, putters: new Set(), refed: 0 };
          this.queues.set(key, queue);
        }
        if (queue.items <= 0) runner.endOfInput = true;
        else queue.items = Math.max(0, queue.items - step.amount);
        return true;
      }
      case 'hold': {
        const holding = (this.holders.get(step.object) ?? []).filter((holder) => holder.state !== 'done');
        if (holding.includes(runner)) return true;
        if (holding.length >= (step.permits ?? 1)) return false;
        this.holders.set(step.object, [...holding, runner]);
        return true;
      }
      case 'drop': {
        const holding = this.holders.get(step.object);
        if (holding?.includes(runner)) this.holders.set(step.object, holding.filter((holder) => holder !== runner));
        this.wake();
        return true;
      }
      case 'close':
        this.queue(step.object).closed = true;
        this.wake();
        // Timed gets of it get the end of their input now.
        for (const other of this.busy) {
          if (other.timedGet?.object !== step.object) continue;
          this.endTimedGet(other);
          other.endOfInput = true;
        }
        return true;
      case 'task_done': {
        const queue = this.queue(step.object);
        queue.unfinished = Math.max(0, queue.unfinished - 1);
        this.wake();
        return true;
      }
      case 'queue-join':
        return this.queue(step.object).unfinished <= 0;
      case 'set':
        this.events.add(step.object);
        // Timed waits for it end now.
        for (const other of this.busy) if (other.state === 'io' && other.wakesOn === step.object) other.ioEnd = Math.min(other.ioEnd, this.now);
        this.wake();
        return true;
      case 'wait':
        return this.events.has(step.object);
      case 'cancel':
        for (const id of step.threads) {
          const timer = this.byId.get(id);
          if (!timer) continue;
          timer.cancelled = true;
          // Timer.cancel() sets the event its thread waits on: the wait ends now.
          if (timer.state === 'io' && timer.inInterval) timer.ioEnd = this.now;
        }
        return true;
      case 'unless-cancelled':
        return true;
    }
  }

  /**
   * What a socketpair read that finds no item does: waits while a sender of that stream may still send; goes on
   * (`part`: it read part of an earlier send) when every sender waits on something itself; or gets the end of the
   * stream when every sender is done. One with no sender in the program goes on, as a read the model cannot pair.
   */
  private streamRead(object: string, reader: Runner): 'wait' | 'part' | 'end' {
    let live = false;
    for (const writer of this.streamWriters.get(object) ?? []) {
      if (writer === reader || writer.state === 'done') continue;
      if (writer.state !== 'blocked' || !writer.blockedOn || !STALLING.has(writer.blockedOn.kind)) return 'wait';
      live = true;
    }
    return live || !this.streamWriters.has(object) ? 'part' : 'end';
  }

  private queue(object: string): SimQueue {
    let queue = this.queues.get(object);
    if (!queue) {
      queue = { items: 0, unfinished: 0, closed: false, putters: new Set(), refed: 0 };
      this.queues.set(object, queue);
    }
    return queue;
  }

  /** A timed `get` found no item: it waits for one, GIL released, until its time is up (handled in `advance`). */
  private awaitItem(runner: Runner, step: Extract<Step, { kind: 'get' }>): void {
    this.waitAlone(runner, step.timeoutNs ?? 0);
    runner.timedGet = step;
  }

  /** Waits this long with the GIL released, for nothing another thread can end (but `awaitItem`'s put). */
  private waitAlone(runner: Runner, ns: number): void {
    this.release(runner);
    this.setState(runner, 'io');
    runner.wakesOn = undefined;
    runner.polling = undefined;
    runner.inInterval = false;
    runner.ioEnd = this.now + Math.max(0, ns);
    this.openSegment(runner, 'io', runner.line);
  }

  /** Ends a timed get's wait now (an item came, or the queue closed): the time it waited was spent blocked. */
  private endTimedGet(runner: Runner): void {
    runner.blockedNs += Math.max(0, this.now - runner.stateSince);
    runner.timedGet = undefined;
    runner.ioEnd = this.now;
  }

  /**
   * A timed get's time ran out with no item: its loop ends when the get leaves it, or when the event the loop runs
   * until is set; otherwise it waits again (true: it goes on now).
   */
  private timedOut(runner: Runner): boolean {
    const get = runner.timedGet!;
    runner.blockedNs += Math.max(0, this.now - runner.stateSince);
    if (!get.leaves && !runner.cursor.loopEventSet()) {
      this.setState(runner, 'io');
      runner.ioEnd = this.now + Math.max(1, get.timeoutNs ?? 0);
      return false;
    }
    runner.timedGet = undefined;
    runner.endOfInput = true;
    return true;
  }

  /** A timed get that will only try again when its time runs out: like a server's poll, it makes nothing happen. */
  private retriesOnly(runner: Runner): boolean {
    return !!runner.timedGet && !runner.timedGet.leaves && !runner.cursor.loopEventSet();
  }

  /** Whom a join of every thread waits for, once started (the runners never change: worked out once a joiner). */
  private joinedByAll(runner: Runner): readonly Runner[] {
    let targets = this.joinAllTargets.get(runner);
    if (!targets) {
      const sets = this.sets.get(runner)!;
      targets = this.runners.filter((r) => r !== runner && !r.thread.startsAtZero && !r.thread.daemon
        && !this.awaits.get(r)!.some((event) => sets.has(event)) && !sets.has(`cancel:${r.thread.id}`));
      this.joinAllTargets.set(runner, targets);
    }
    return targets;
  }

  private readonly joinAllTargets = new Map<Runner, readonly Runner[]>();

  /** Re-checks blocked threads after something they may wait for happened. */
  private wake(): void {
    for (const runner of this.runners) {
      if (runner.state !== 'blocked' || !runner.blockedOn) continue;
      const step = runner.blockedOn;
      const before = runner.joined?.count;
      if (this.satisfy(runner, step)) {
        runner.blockedOn = undefined;
        this.want(runner, true);
      } else if (step.kind === 'join' && before !== undefined && runner.joined && runner.joined.count > before) {
        // `t.join()` returned: the joiner needs the GIL again before it waits for the next thread of the list.
        runner.blockedOn = undefined;
        runner.rejoin = step;
        this.want(runner, true);
      }
    }
  }

  private finish(runner: Runner): void {
    this.release(runner);
    if (this.keepsProgramAlive(runner)) this.alive--;
    this.setState(runner, 'done');
    runner.endNs = this.now;
    this.closeSegment(runner);
    this.wake();
  }

  /** Moves time to the next event and handles it. False when nothing can ever happen again. */
  private advance(): boolean {
    this.fastForwardRounds();
    // Who uses a core now: GIL holders running bytecode and threads in native code share the cores evenly.
    let active = 0;
    for (const runner of this.busy) if (runner.state === 'native' || (runner.state === 'run' && this.isHolder(runner))) active++;
    const speed = active > this.options.cores ? this.options.cores / active : 1;
    let next = Number.POSITIVE_INFINITY;
    let nextPoll = Number.POSITIVE_INFINITY;
    for (const runner of this.busy) {
      if (runner.state === 'io' && ((runner.polling !== undefined && !this.events.has(runner.polling)) || this.retriesOnly(runner))) nextPoll = Math.min(nextPoll, runner.ioEnd);
      else if (runner.state === 'io') next = Math.min(next, runner.ioEnd);
      else if (runner.state === 'native') next = Math.min(next, this.now + runner.left / speed);
      else if (runner.state === 'run' && this.isHolder(runner)) next = Math.min(next, this.now + runner.left / (speed / this.slowdown(runner)));
    }
    next = Math.min(next, this.nextForcedSwitch());
    // Nothing but servers' polls can happen: nobody is left to send a request, or to ask them to stop.
    if (!Number.isFinite(next)) return false;
    next = Math.min(next, nextPoll);
    next = Math.min(next, this.options.horizonNs);
    const elapsed = Math.max(0, next - this.now);
    for (const runner of this.busy) {
      if (runner.state === 'native') runner.left = Math.max(0, runner.left - elapsed * speed);
      else if (runner.state === 'run' && this.isHolder(runner)) runner.left = Math.max(0, runner.left - elapsed * (speed / this.slowdown(runner)));
    }
    this.now = next;

    // Work that ends now ends before any switch due now: a thread that just finished has nothing to hand over.
    // What is left of a step after rounding counts as done: too small to move the clock, it would never end (at
    // 19 s, 1.5e-6 ns added to the time changes nothing, and a lone thread spun through its whole event budget).
    const leftover = Math.max(1e-6, this.now * 1e-12);
    const snapshot = this.snapshot;
    snapshot.length = 0;
    for (const runner of this.busy) snapshot.push(runner);
    for (const runner of snapshot) {
      if (runner.state === 'io' && runner.ioEnd <= this.now) {
        if (runner.timedGet && !this.timedOut(runner)) continue;
        this.closeSegment(runner);
        this.want(runner, true);
      } else if (runner.state === 'native' && runner.left <= leftover) {
        // Back from native code: it needs the GIL again to go on.
        this.closeSegment(runner);
        runner.left = 0;
        this.want(runner, true);
      } else if (runner.state === 'run' && this.isHolder(runner) && runner.left <= leftover) {
        runner.left = 0;
        this.proceed(runner);
      }
    }
    if (this.nextForcedSwitch() <= this.now && this.dueInterpreter) this.forceSwitch(this.dueInterpreter);
    return true;
  }

  /**
   * CPU-bound threads taking turns, with nothing else going on and no timeline left to record: every round is the
   * same (each runs one switch interval, in the same order), so whole rounds are skipped at once, exactly.
   */
  private fastForwardRounds(): void {
    if (!this.options.gil || this.segments.length < this.options.maxSegments || this.busy.size !== 1) return;
    const [holder] = this.busy;
    const interpreter = holder.interpreter;
    if (holder.state !== 'run' || interpreter.holder !== holder || interpreter.waiters.length === 0) return;
    if (this.interpreters.size > 1) return;
    const waiters = interpreter.waiters;
    if (waiters.some((w) => !w.inCpu || w.fromIo || w.left <= 0)) return;
    // The holder is part-way into its slice: start from a switch boundary.
    if (Math.max(waiters[0].wantSince, interpreter.lastSwitch) !== this.now) return;
    const interval = this.options.switchIntervalNs;
    const slowdown = (runner: Runner) => (runner.locked ? this.options.lockContentionSlowdown : this.options.contentionSlowdown);
    const participants = [holder, ...waiters];
    let rounds = Number.POSITIVE_INFINITY;
    for (const runner of participants) rounds = Math.min(rounds, Math.floor(runner.left / (interval / slowdown(runner))) - 1);
    if (!(rounds >= 1) || !Number.isFinite(rounds)) return;
    const elapsed = rounds * participants.length * interval;
    const ran = rounds * interval;
    for (const runner of participants) runner.left -= ran / slowdown(runner);
    // Time in the current state is added on the next change: shift its start so only the right part is counted.
    holder.stateSince += elapsed - ran;
    holder.waitingNs += elapsed - ran;
    for (const waiter of waiters) {
      waiter.stateSince += ran;
      waiter.runningNs += ran;
      waiter.wantSince += elapsed;
    }
    this.now += elapsed;
    interpreter.lastSwitch += elapsed;
  }

  private isHolder(runner: Runner): boolean {
    return !this.options.gil || runner.interpreter.holder === runner;
  }

  private slowdown(runner: Runner): number {
    if (!this.options.gil || runner.interpreter.waiters.length === 0) return 1;
    return runner.locked ? this.options.lockContentionSlowdown : this.options.contentionSlowdown;
  }

  /** The interpreter of the last `nextForcedSwitch` answer. */
  private dueInterpreter: Interpreter | undefined;

  /** The earliest time a waiting thread's timed wait expires with no switch (its interpreter in `dueInterpreter`). */
  private nextForcedSwitch(): number {
    let best = Number.POSITIVE_INFINITY;
    this.dueInterpreter = undefined;
    if (!this.options.gil) return best;
    for (const interpreter of this.interpreters.values()) {
      if (!interpreter.holder || interpreter.holder.state !== 'run' || interpreter.waiters.length === 0) continue;
      const first = interpreter.waiters[0];
      const interval = this.options.switchIntervalNs * (first.fromIo ? this.options.wakeupWaitFraction : 1);
      const time = Math.max(first.wantSince, interpreter.lastSwitch) + interval;
      if (time < best) {
        best = time;
        this.dueInterpreter = interpreter;
      }
    }
    return best;
  }

  /** The drop request: the holder hands the GIL to the first waiter and queues behind the others. */
  private forceSwitch(interpreter: Interpreter): void {
    const holder = interpreter.holder;
    const next = interpreter.waiters.shift();
    if (!holder || !next) return;
    interpreter.holder = next;
    interpreter.lastSwitch = this.now;
    this.setState(holder, 'want');
    holder.wantSince = this.now;
    holder.fromIo = false;
    interpreter.waiters.push(holder);
    this.openSegment(holder, 'waiting', holder.line);
    this.proceed(next);
  }

  /** Moves a runner to a new state, adding the time it spent in the old one to its totals. */
  private setState(runner: Runner, state: State): void {
    const spent = this.now - runner.stateSince;
    if (spent > 0) {
      switch (runner.state) {
        case 'run':
          runner.runningNs += spent;
          break;
        case 'want':
          runner.waitingNs += spent;
          break;
        case 'io':
          runner.ioNs += spent;
          break;
        case 'blocked':
          runner.ioNs += spent;
          runner.blockedNs += spent;
          break;
        case 'native':
          runner.nativeNs += spent;
          break;
        default:
          break;
      }
    }
    runner.state = state;
    runner.stateSince = this.now;
    // Only these states can end by themselves; the rest wait for one of these to act.
    if (state === 'run' || state === 'io' || state === 'native') this.busy.add(runner);
    else this.busy.delete(runner);
  }

  /** Reused for iterating `busy` while it changes. */
  private readonly snapshot: Runner[] = [];

  /** Runners whose state can end by itself (running, in I/O, in native code): the only ones time moves. */
  private readonly busy = new Set<Runner>();

  private openSegment(runner: Runner, state: SegmentState, line: number): void {
    if (runner.segmentState === state && runner.segmentLine === line) return;
    this.closeSegment(runner);
    runner.segmentState = state;
    runner.segmentStart = this.now;
    runner.segmentLine = line;
  }

  private closeSegment(runner: Runner): void {
    const state = runner.segmentState;
    if (!state) return;
    runner.segmentState = undefined;
    if (this.now <= runner.segmentStart) return;
    if (this.segments.length >= this.options.maxSegments) {
      this.truncated = true;
      return;
    }
    const lastIndex = this.lastSegment.get(runner.thread.id);
    const last = lastIndex === undefined ? undefined : this.segments[lastIndex];
    if (last && last.state === state && last.line === runner.segmentLine && last.endMs === runner.segmentStart / 1e6) {
      // Same state and line continuing: extend instead of adding.
      this.segments[lastIndex!] = { ...last, endMs: this.now / 1e6 };
      return;
    }
    this.segments.push({
      thread: runner.thread.id, state, startMs: runner.segmentStart / 1e6, endMs: this.now / 1e6, line: runner.segmentLine,
    });
    this.lastSegment.set(runner.thread.id, this.segments.length - 1);
  }

  /** Index of each thread's latest segment. */
  private readonly lastSegment = new Map<number, number>();
}
