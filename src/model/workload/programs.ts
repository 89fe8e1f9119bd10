// Turns the facts into what the simulator runs: one program per thread, from the main thread's and each started
// thread's trace, with counted work turned into time by a profile. A start that makes many threads becomes as
// many simulated threads (at most MAX_INSTANCES; beyond that each carries a share of the rest), and a pool becomes
// its workers, each running its share of the tasks one after another.

import type { Facts } from '../facts';
import type { Execution } from '../facts/execution';
import type { Syntax } from '../parse/syntax';
import { FILE_IO, THREAD_CONSTRUCTORS } from '../facts/library';
import { ASSUMED_ITERATIONS } from '../facts/values';
import type { ThreadStart } from '../facts/threads';
import { type Segment, totalOps } from '../facts/work';
import type { SimThread, Step } from '../simulate/engine';
import { pickleNs, processTaskTraffic } from './pickling';
import { cpuNs, nativeNs } from './profile';
import type { VersionProfile } from './profiles';

export const MAX_INSTANCES = 64;
/** The event loop asyncio tasks take turns on (one per program: a loop per thread is rare). */
const EVENT_LOOP = 'event-loop';
/** A CPU segment taking a lock at least once per this many operations is lock-bound. */
const LOCKED_EVERY = 20;

export interface WorkloadThread {
  readonly id: number;
  readonly name: string;
  /** What it runs, as written at the start (`calculate_squares`, `self.crunch`); `<module>` for the main thread. */
  readonly target: string;
  /** Line of the start (or 1 for the main thread). */
  readonly line: number;
  readonly start: ThreadStart | undefined;
  readonly daemon: boolean;
  readonly isProcess: boolean;
  /** An asyncio task: it runs only while it holds its event loop, which it hands on at each await. */
  readonly isTask: boolean;
  /**
   * Unpickling its arguments and pickling its result, per task, were it a process (for the processes what-if); for
   * a process pool's task, also the pool's own work in the worker (see processPoolTasks).
   */
  readonly picklingNs: number;
  readonly program: Step[];
  /** Totals of the program at full speed, in milliseconds. */
  readonly cpuMs: number;
  readonly ioMs: number;
  readonly nativeMs: number;
  /**
   * How much it does depends on other threads: it pops items of a list they pop too, or loops until one sets an
   * event. Its totals assume it gets every item and runs every round; the simulation says what it did.
   */
  readonly drains: boolean;
}

export interface Workload {
  readonly threads: WorkloadThread[];
  /** Guesses the estimate rests on, in words. */
  readonly assumptions: string[];
}

/** Builds every thread's program under `profile`. */
export function buildWorkload(facts: Facts, profile: VersionProfile): Workload {
  const main = facts.executions.find((execution) => execution.kind === 'main');
  const executionByStart = new Map<ThreadStart, Execution>();
  for (const execution of facts.executions) if (execution.start) executionByStart.set(execution.start, execution);

  // Ids: 0 is the main thread; each start gets as many ids as it has simulated threads.
  const idsByStart = new Map<number, number[]>();
  const threads: WorkloadThread[] = [];
  const assumptions = new Set<string>();
  // Items put in each queue by the whole program: a reading loop with no bound of its own runs at most that many rounds.
  // A stage of a pipeline puts what it reads: its loop's rounds are its share of its own queue's items, so the counts
  // are taken again until they settle (a pipeline a few stages deep).
  let puts = new Map<string, number>();
  // Events some thread sets: a loop waiting for one to be set ends when it is.
  const setEvents = new Set<string>();
  const traced = facts.executions.flatMap((execution) => {
    if (execution.kind !== 'main' && !(execution.start && executionByStart.get(execution.start) === execution)) return [];
    const instances = execution.start ? Math.max(1, Math.round(execution.start.count.value)) : 1;
    return execution.root ? [{ trace: execution.root.work.trace, instances }] : [];
  });
  const readers = new Map<string, number>();
  for (const { trace, instances } of traced) countReaders(trace, instances, readers, 0);
  for (let pass = 0; pass < PIPELINE_PASSES; pass++) {
    const counted = new Map<string, number>();
    for (const { trace, instances } of traced) countPutsAndSets(trace, instances, counted, 0, setEvents, { puts, readers });
    const settled = counted.size === puts.size && [...counted].every(([queue, items]) => puts.get(queue) === items);
    puts = counted;
    if (settled) break;
  }
  const startCostNs = new Map<number, number>();
  // Which threads' code sets each event, in any branch: a timed wait for one another thread sets waits for that
  // thread (see Converter).
  const setters = new Map<string, Set<ThreadStart | undefined>>();
  for (const execution of facts.executions) {
    for (const event of execution.eventsSet ?? []) {
      const threads = setters.get(event) ?? new Set();
      threads.add(execution.kind === 'main' ? undefined : execution.start);
      setters.set(event, threads);
    }
  }
  // Starts whose start() waits until each new thread runs (see the start step's handshake), filled once all are known.
  const handshakes = new Set<number>();
  const converter = new Converter(profile, idsByStart, startCostNs, handshakes, puts, setEvents, setters);
  let nextId = 1;
  let threadNumber = 1;
  const plans: Array<{ start: ThreadStart; ids: number[]; shares: number[]; picklingNs: number }> = [];
  // With an event loop followed, its tasks make the threads coroutines start; a coroutine's own walk found them too.
  const loopFollowed = facts.starts.some((start) => start.isTask);
  const initializers = poolInitializers(facts.starts, executionByStart);
  const initialized = new Set(facts.starts.flatMap((start) => (start.poolMadeAt ? initializers.get(start.poolMadeAt) ?? [] : [])));
  for (const start of facts.starts) {
    // A request handler's setup and finish run in the thread its handle runs in (their work is small beside it); a
    // pool's initializer, on the workers that run the pool's tasks (below).
    if (!executionByStart.has(start) || (loopFollowed && start.madeIn === 'async') || start.aroundRequest || initialized.has(start)) continue;
    const tasks = Math.max(1, Math.round(start.count.value));
    const lanes = Math.max(1, Math.min(tasks, Number.isFinite(start.concurrency) ? start.concurrency : tasks, MAX_INSTANCES));
    const ids = Array.from({ length: lanes }, () => nextId++);
    // Each lane runs its share of the tasks one after another.
    const shares = ids.map((_, i) => Math.floor(tasks / lanes) + (i < tasks % lanes ? 1 : 0));
    idsByStart.set(start.id, ids);
    // Making an OS thread holds the starter a while (the profile's start-and-join of an empty thread): one per task
    // for threads made one by one, one per worker for a pool, which runs its tasks on the workers it made.
    // A count the code does not give is a guess: its threads are costed as the lanes simulated, not as guessed.
    const osThreads = start.isTask || start.isProcess ? 0 : threadPerTask(start) && start.count.known ? tasks : POOLED.test(start.via) || threadPerTask(start) ? lanes : 0;
    if (osThreads > 0) startCostNs.set(start.id, osThreads * profile.threadStartUs * 1e3);
    // Arguments and results of a process task are pickled on one side and unpickled on the other.
    const traffic = start.isTask ? undefined : processTaskTraffic(start, facts.evaluator, profile.defaultStartMethod);
    // pickleNs is a round trip (dumps and loads): arguments go there, the result comes back.
    const picklingNs = traffic ? pickleNs(traffic.args, profile) + pickleNs(traffic.result, profile) : 0;
    // A process pool's own work for each task it sends: the parent's, charged to the thread that hands them over
    // (its submits, and the pool's threads beside it, share its interpreter), and each worker's.
    const sent = processPoolTasks(start, tasks, lanes, profile);
    if (sent) startCostNs.set(start.id, sent.parentNs);
    plans.push({ start, ids, shares, picklingNs: picklingNs + (sent?.workerNsPerTask ?? 0) });
    if (start.count.assumption) assumptions.add(start.count.assumption);
  }

  // Tasks several calls hand to one pool share its workers: each holds one of them while it runs.
  const callsByPool = new Map<string, number>();
  for (const { start } of plans) if (start.pool && Number.isFinite(start.concurrency)) callsByPool.set(start.pool, (callsByPool.get(start.pool) ?? 0) + 1);
  // Threads made one by one, and a pool's workers, each made by the submit that finds none idle. The lanes of a pool
  // several calls share stand for fewer workers than they are: those are made without the wait. (A start made by
  // several threads has all its lanes begun by the first of them, which waits for each: about as long in all as each
  // waiting for its own; see the test of twelve CPU-bound agents each starting a Timer.)
  for (const { start } of plans) if (!start.isProcess && startCostNs.has(start.id) && !(start.pool && (callsByPool.get(start.pool) ?? 0) > 1)) handshakes.add(start.id);
  const mainProgram = [...importSteps(facts, profile), ...(main?.root ? converter.program(main.root.work.trace, undefined) : [])];
  threads.push(summarize({
    id: 0, name: 'MainThread', target: '<module>', line: 1, start: undefined, daemon: false, isProcess: false, isTask: false,
    picklingNs: 0, program: mainProgram,
  }));
  let taskNumber = 1;
  for (const assumption of main?.root?.work.assumptions ?? []) assumptions.add(assumption);

  // Each worker a pool makes runs its initializer once, before its first task: the first lanes of the pool's tasks do.
  const initializerRuns = new Map<ThreadStart, number>();
  for (const { start, ids, shares, picklingNs } of plans) {
    const execution = executionByStart.get(start)!;
    const line = facts.module.lines.lineAt(start.call.start) + 1;
    const link = execution.root ? converter.program(execution.root.work.trace, start, start.isTask) : [];
    // A Timer chain: the links after the first, each waiting its interval, until the guard stops them.
    const chain = execution.rearms;
    const trace: Step[] = chain && chain.times > 1 && link.length > 0
      ? [...link, { kind: 'repeat', times: chain.times - 1, body: [{ kind: 'io', ns: chain.delayMs * 1e6, line }, ...link], line, ...(chain.until ? { until: chain.until } : {}) }]
      : link;
    // A task takes the event loop to begin and gives it back when it ends; a process task unpickles its arguments
    // first and pickles its result last. The parent's halves (pickling the arguments, unpickling the result) are
    // counted here too: the parent's share of that work is small beside the child's run, whose lane shows it.
    const pickling: Step = { kind: 'cpu', ns: picklingNs, line };
    // A pool's worker takes each task from the pool's queue and sets its future, which the submitter reads.
    const handOff: Step = { kind: 'cpu', ns: profile.poolTaskUs * 1e3, line, handOff: true };
    const task = start.isTask ? [{ kind: 'hold', object: EVENT_LOOP, line } as Step, ...trace, { kind: 'drop', object: EVENT_LOOP, line } as Step]
      : start.isProcess ? (picklingNs > 0 ? [pickling, ...trace] : trace)
      : POOLED.test(start.via) ? [handOff, ...trace] : trace;
    const worker = start.pool && (callsByPool.get(start.pool) ?? 0) > 1 ? `pool:${start.pool}` : undefined;
    const body: Step[] = worker
      ? [{ kind: 'hold', object: worker, line, permits: start.concurrency }, ...task, { kind: 'drop', object: worker, line, permits: start.concurrency }]
      : task;
    for (const assumption of execution.root?.work.assumptions ?? []) assumptions.add(assumption);
    const initializer = start.poolMadeAt ? initializers.get(start.poolMadeAt) : undefined;
    const initialize: Step[] = [];
    if (initializer) {
      const root = executionByStart.get(initializer)!.root;
      initialize.push(...(root ? converter.program(root.work.trace, initializer) : []));
      for (const assumption of root?.work.assumptions ?? []) assumptions.add(assumption);
    }
    ids.forEach((id, lane) => {
      // A Timer's thread sleeps through its interval first, and runs its function unless cancelled by then. One
      // cancelled where the walk could not say (`timers[i].cancel()` of a list it cannot index) may never get past
      // its interval, and is taken to run at once.
      const delayMs = start.delayMs !== undefined && (!start.cancelled || start.cancelledInTrace) ? start.delayMs + lane * (start.staggerMs ?? 0) : 0;
      const delayed: Step[] = delayMs > 0 ? [{ kind: 'io', ns: delayMs * 1e6, line, interval: true }, { kind: 'unless-cancelled', line }, ...body]
        : start.cancelled ? [{ kind: 'unless-cancelled', line }, ...body] : body;
      const tasks: Step[] = shares[lane] === 1 ? delayed : [{ kind: 'repeat', times: shares[lane], body: delayed, line: 0 }];
      const runs = initializer ? initializerRuns.get(initializer) ?? 0 : 0;
      const workers = initializer ? Math.max(1, Math.round(initializer.count.value)) : 0;
      let program = tasks;
      if (initializer && runs < workers && initialize.length > 0) {
        initializerRuns.set(initializer, runs + 1);
        program = worker
          ? [{ kind: 'hold', object: worker, line, permits: start.concurrency }, ...initialize, { kind: 'drop', object: worker, line, permits: start.concurrency }, ...tasks]
          : [...initialize, ...tasks];
      }
      const name = start.isTask ? `Task-${taskNumber++}` : start.isProcess ? `Process-${threadNumber++}` : `Thread-${threadNumber++}`;
      threads.push(summarize({
        id, name, target: start.targetText, line, start, daemon: start.daemon, isProcess: start.isProcess, isTask: start.isTask,
        picklingNs, program,
      }));
    });
  }
  // A loop sized by its queue no longer rests on the assumed rounds: say what it rests on instead.
  for (const [line, rounds] of converter.sized) {
    const guessed = `rounds of the loop at line ${line}`;
    for (const assumption of [...assumptions]) {
      // The guess may carry its damping (`…, counted as 32 inside another loop of guessed size`).
      if (assumption.endsWith(guessed) || assumption.includes(`${guessed},`)) assumptions.delete(assumption);
    }
    assumptions.add(`the loop at line ${line} reads until its queue's producers are done (${rounds.toLocaleString('en-US')} items put)`);
  }
  for (const line of converter.refeeds) {
    assumptions.add(`assumed the put at line ${line} adds ${REFEED_CAP.toLocaleString('en-US')} items at most to the queue its own loop reads (how many come round again depends on data the file does not show)`);
  }
  for (const [line, seconds] of converter.polls) {
    assumptions.add(`the server at line ${line} waits for requests in polls of ${seconds.toLocaleString('en-US')} s (serve_forever's poll_interval): its shutdown() returns when the poll under way ends`);
  }
  for (const line of converter.untilEvent) {
    assumptions.add(`the loop at line ${line} runs until another thread sets the event or flag it tests; run sequentially, it runs as many rounds as it did in the threads' run`);
  }
  return { threads, assumptions: [...assumptions] };
}

/**
 * The main thread loading the standard modules the file imports that take milliseconds to load (see
 * VersionProfile.importMs), each at its first import, once; one that another of them loads with it costs nothing.
 */
function importSteps(facts: Facts, profile: VersionProfile): Step[] {
  const imported = new Map<string, number>();
  for (const module of Object.keys(profile.importMs).sort()) {
    const at = facts.module.importedModules.find(({ name }) => name === module || name.startsWith(`${module}.`));
    if (at) imported.set(module, at.node.start);
  }
  const steps: Step[] = [];
  for (const [module, offset] of imported) {
    if ([...imported.keys()].some((other) => profile.importLoads[other]?.includes(module))) continue;
    steps.push({ kind: 'cpu', ns: profile.importMs[module] * 1e6, line: facts.module.lines.lineAt(offset) + 1 });
  }
  return steps.sort((a, b) => a.line - b.line);
}

/**
 * The initializers of pools (`ThreadPoolExecutor(4, initializer=connect)`) by the call that made the pool: started
 * there as threads of their own, they run on the workers of the pool's tasks, so those lanes run them instead.
 */
function poolInitializers(starts: readonly ThreadStart[], executionByStart: ReadonlyMap<ThreadStart, Execution>): Map<Syntax, ThreadStart> {
  const byPool = new Map<Syntax, ThreadStart>();
  for (const start of starts) if (start.via.endsWith(' initializer') && executionByStart.has(start)) byPool.set(start.call, start);
  return byPool;
}

/** Starts run by a pool's workers (an executor's, or asyncio's default one); callbacks run on threads already there. */
const POOLED = /\.(submit|map|imap|imap_unordered|map_async|starmap|starmap_async|apply|apply_async)$|^loop\.run_in_executor$|^asyncio\.to_thread$/;

/** Threads made one per task (`Thread(...)`, a Thread subclass, a server's thread per request), not a pool's workers. */
function threadPerTask(start: ThreadStart): boolean {
  return (THREAD_CONSTRUCTORS.has(start.via) && !POOLED.test(start.via)) || start.via.endsWith(' subclass)') || start.via.endsWith('(ThreadingMixIn) request');
}

/**
 * What a process pool's own machinery costs for the tasks of one start (see VersionProfile.processTaskUs): the
 * parent's part in all, and a worker's for each task, beside its run. A map sends its items in chunks (see
 * ThreadStart.chunksize); `multiprocessing.Pool.map` makes about four chunks for each worker. Undefined for starts
 * no process pool runs.
 */
function processPoolTasks(start: ThreadStart, tasks: number, lanes: number, profile: VersionProfile): { parentNs: number; workerNsPerTask: number } | undefined {
  if (!start.isProcess || !POOLED.test(start.via)) return undefined;
  const cost = profile.processTaskUs[start.via.startsWith('Pool.') ? 'pool' : 'executor'];
  const workers = Math.max(1, start.poolWorkers ?? lanes);
  const chunk = start.chunksize === 'auto' ? Math.max(1, Math.ceil(tasks / (workers * 4))) : start.chunksize ?? 1;
  const sent = Math.ceil(tasks / chunk);
  return { parentNs: sent * cost.parent * 1e3, workerNsPerTask: (sent * cost.worker * 1e3) / tasks };
}

/** Simulator threads for the program as written: threads share the main interpreter, processes get their own. */
export function simThreads(workload: Workload, profile: VersionProfile): SimThread[] {
  return workload.threads.map((thread) => ({
    id: thread.id, name: thread.name, interpreter: thread.isProcess ? thread.id : 0, daemon: thread.daemon,
    startsAtZero: thread.id === 0,
    program: thread.isProcess ? [processStartup(profile, thread.line), ...thread.program] : thread.program,
  }));
}

/** A worker process boots its interpreter before running anything. */
export function processStartup(profile: VersionProfile, line: number): Step {
  return { kind: 'cpu', ns: profile.processStartMs[profile.defaultStartMethod] * 1e6, line };
}

class Converter {
  constructor(
    private readonly profile: VersionProfile,
    private readonly idsByStart: Map<number, number[]>,
    private readonly startCostNs: ReadonlyMap<number, number>,
    private readonly handshakes: ReadonlySet<number>,
    private readonly puts: ReadonlyMap<string, number>,
    private readonly setEvents: ReadonlySet<string>,
    private readonly setters: ReadonlyMap<string, ReadonlySet<ThreadStart | undefined>>,
  ) {}

  /** The start whose program is being converted (undefined: the main thread's). */
  private converting: ThreadStart | undefined;

  /** One thread's (or task's) whole trace, as steps. */
  program(trace: readonly Segment[], start: ThreadStart | undefined, inTask = false): Step[] {
    this.converting = start;
    return this.steps(trace, inTask);
  }

  /**
   * `done.wait(timeout=5)` for an event another thread sets waits for that thread: its timeout is a safety net, and
   * the wait a poll (see the `io` step) that does not keep the program going alone. So is one for an event that no
   * code the walk followed sets (`loop.call_soon(self.ready.set)`, an ExitStack callback): something the model does
   * not see sets it. One for an event only this thread sets (`stop.wait(0.4)`, then `stop.set()`) waits its time, and
   * so does one inside a loop that runs until that event (`while not shutdown.is_set(): ... shutdown.wait(travel)`):
   * a round's work or a backoff, which the event only cuts short.
   */
  private waitsForOthers(event: string): boolean {
    if (this.loopsUntil.includes(event)) return false;
    const threads = this.setters.get(event);
    return !threads || [...threads].some((start) => start !== this.converting);
  }

  /** The events the loops around the step being converted run until. */
  private readonly loopsUntil: string[] = [];
  /** The queues the loops around the step being converted read (see readQueue). */
  private readonly reading: string[] = [];
  /** Lines of puts into the queue their own loop reads, capped (see REFEED_CAP). */
  readonly refeeds = new Set<number>();

  /** Loops sized by the items put in the queue they read: their line, and the rounds. */
  readonly sized = new Map<number, number>();
  /** Lines of loops that run until an event is set. */
  readonly untilEvent = new Set<number>();
  /** Lines of servers' `serve_forever` loops (see servingLoop), and their poll intervals in seconds. */
  readonly polls = new Map<number, number>();

  /** `inTask`: the trace of an asyncio task, which gives its event loop back while it awaits. */
  steps(trace: readonly Segment[], inTask = false): Step[] {
    const steps: Step[] = [];
    for (const segment of trace) {
      const step = this.step(segment, inTask);
      if (!step) continue;
      const yields = inTask && ((segment.kind === 'sleep' && segment.yields) || (segment.kind === 'sync' && 'yields' in segment.sync && segment.sync.yields));
      if (yields) steps.push({ kind: 'drop', object: EVENT_LOOP, line: segment.line }, step, { kind: 'hold', object: EVENT_LOOP, line: segment.line });
      else steps.push(step);
    }
    return steps;
  }

  private step(segment: Segment, inTask: boolean): Step | undefined {
    const line = segment.line;
    switch (segment.kind) {
      case 'cpu':
        // Contended-lock overhead applies to work that takes a lock all the time, not to a long burst with one `with lock:`.
        return { kind: 'cpu', ns: cpuNs(segment.ops, segment.cSteps, this.profile), line, locked: segment.ops.lock * LOCKED_EVERY >= totalOps(segment.ops) };
      case 'sleep':
        if (segment.wakesOn !== undefined) {
          const poll = segment.poll ?? (this.waitsForOthers(segment.wakesOn) ? segment.wakesOn : undefined);
          return { kind: 'io', ns: segment.seconds * 1e9, line, wakesOn: segment.wakesOn, ...(poll ? { poll } : {}) };
        }
        return { kind: 'io', ns: segment.seconds * 1e9, line, ...(segment.poll ? { poll: segment.poll } : {}) };
      case 'block':
        // A call into the local file system, or to a socketpair's other end, takes microseconds; other waits the code
        // does not size, the latency set.
        return {
          kind: 'io', line,
          ns: (segment.local ? this.profile.localSocketMs : segment.python ? this.profile.childPythonMs : segment.what === FILE_IO ? this.profile.fileIoMs : this.profile.blockMs) * 1e6 * (segment.share ?? 1),
        };
      case 'native':
        return { kind: 'native', ns: nativeNs(segment.units, this.profile), line };
      case 'repeat': {
        // `while True: item = q.get()`: as many rounds as the program puts items (the reader ends when its
        // producers have, see the simulator's sentinel rule), not the rounds assumed for an unbounded loop.
        const queue = readQueue(segment);
        const put = queue !== undefined ? this.puts.get(queue) : undefined;
        const fed = put !== undefined ? Math.round(put) : undefined;
        const times = fed !== undefined ? fed : segment.times;
        if (times !== segment.times) this.sized.set(segment.line, times);
        // An event nobody sets does not end the loop (see below).
        const until = segment.until !== undefined && this.setEvents.has(segment.until) ? segment.until : undefined;
        if (until) this.loopsUntil.push(until);
        if (queue !== undefined) this.reading.push(queue);
        const body = this.steps(segment.body, inTask);
        if (queue !== undefined) this.reading.pop();
        if (until) this.loopsUntil.pop();
        const poll = segment.body.length === 1 && segment.body[0].kind === 'sleep' && segment.body[0].poll ? segment.body[0] : undefined;
        if (poll) this.polls.set(segment.line, poll.seconds);
        if (until) {
          if (!poll) this.untilEvent.add(segment.line);
          return coarsenSpin({ kind: 'repeat', times, body: pollsFor(body, until, line), line, until });
        }
        return coarsenDrain({ kind: 'repeat', times, body, line });
      }
      case 'sync': {
        const sync = segment.sync;
        switch (sync.op) {
          case 'start': {
            const costNs = this.startCostNs.get(sync.start);
            return {
              kind: 'start', threads: this.idsByStart.get(sync.start) ?? [], line, ...(costNs ? { costNs } : {}),
              ...(this.handshakes.has(sync.start) ? { handshake: true as const } : {}),
            };
          }
          case 'join':
            return {
              kind: 'join', line,
              threads: sync.starts === 'all' ? 'all' : sync.starts.flatMap((id) => this.idsByStart.get(id) ?? []),
            };
          case 'put':
            // A crawler's frontier: how many items come round again depends on data the code does not show (pages
            // not yet seen), and uncounted they would grow without end.
            if (this.reading.includes(sync.object)) {
              this.refeeds.add(line);
              return { kind: 'put', object: sync.object, line, refeedCap: REFEED_CAP };
            }
            return { kind: 'put', object: sync.object, line };
          case 'take':
            return { kind: 'take', object: sync.object, amount: 1, initial: sync.initial, line, ...(sync.timeout ? { timeoutNs: sync.timeout.seconds * 1e9 } : {}) };
          case 'cancel':
            return { kind: 'cancel', threads: sync.starts.flatMap((id) => this.idsByStart.get(id) ?? []), line };
          case 'get':
            if (sync.stream) return { kind: 'get', object: sync.object, line, stream: true };
            return sync.timeout ? { kind: 'get', object: sync.object, line, timeoutNs: sync.timeout.seconds * 1e9, leaves: sync.timeout.leaves } : { kind: 'get', object: sync.object, line };
          case 'hold':
          case 'drop':
            return { kind: sync.op, object: sync.object, line, lock: true, ...(sync.permits ? { permits: sync.permits } : {}) };
          default:
            return { kind: sync.op, object: sync.object, line };
        }
      }
    }
  }
}

/** Items the puts back into a loop's own queue add, all together, at most: as many as the rounds of an unsized loop. */
const REFEED_CAP = ASSUMED_ITERATIONS;

/** Passes over the traces counting puts, at most: each settles one more stage of a pipeline. */
const PIPELINE_PASSES = 4;

/** The queue an open loop reads (`while True: item = q.get()`), if any. */
function readQueue(segment: Extract<Segment, { kind: 'repeat' }>): string | undefined {
  const read = segment.open ? segment.body.find((s) => s.kind === 'sync' && s.sync.op === 'get') : undefined;
  return read?.kind === 'sync' && read.sync.op === 'get' ? read.sync.object : undefined;
}

/** Threads reading each queue in an open loop. */
function countReaders(trace: readonly Segment[], times: number, into: Map<string, number>, depth: number): void {
  for (const segment of trace) {
    if (segment.kind !== 'repeat' || depth >= 64) continue;
    const queue = readQueue(segment);
    if (queue) into.set(queue, (into.get(queue) ?? 0) + times);
    countReaders(segment.body, times, into, depth + 1);
  }
}

/**
 * Adds the items each queue is put and the events set. An open loop reading a queue whose items the last pass
 * counted runs its share of them (`known`), not its guessed rounds.
 */
function countPutsAndSets(
  trace: readonly Segment[], times: number, into: Map<string, number>, depth: number, sets: Set<string>,
  known: { puts: ReadonlyMap<string, number>; readers: ReadonlyMap<string, number> }, reading: readonly string[] = [],
): void {
  for (const segment of trace) {
    if (segment.kind === 'sync' && segment.sync.op === 'put') {
      // A crawler's frontier: items a loop puts back into the queue it reads come round to it again. Counted, they
      // would size its own rounds, pass after pass, without end (how many there are depends on data the code does not
      // show); the items put from outside the loop size it.
      if (!reading.includes(segment.sync.object)) into.set(segment.sync.object, (into.get(segment.sync.object) ?? 0) + times / (segment.sync.every ?? 1));
    } else if (segment.kind === 'sync' && segment.sync.op === 'set') sets.add(segment.sync.object);
    else if (segment.kind === 'repeat' && depth < 64) {
      const queue = readQueue(segment);
      const fed = queue !== undefined ? known.puts.get(queue) : undefined;
      const rounds = fed !== undefined ? fed / Math.max(1, known.readers.get(queue!) ?? 1) : segment.times;
      countPutsAndSets(segment.body, times * rounds, into, depth + 1, sets, known, queue !== undefined ? [...reading, queue] : reading);
    }
  }
}

/** Rounds of a draining loop simulated one by one, at most; more are grouped, each group taking as many items. */
const DRAIN_ROUNDS = 1000;

/** A loop popping a list of a million items is simulated as a thousand rounds that take a thousand items each. */
function coarsenDrain(step: Extract<Step, { kind: 'repeat' }>): Step {
  if (step.times <= DRAIN_ROUNDS || !step.body.some((s) => s.kind === 'take')) return step;
  if (!step.body.every((s) => s.kind === 'take' || s.kind === 'cpu' || s.kind === 'io' || s.kind === 'native')) return step;
  const group = Math.ceil(step.times / DRAIN_ROUNDS);
  const body = step.body.map((s): Step => (s.kind === 'take' ? { ...s, amount: s.amount * group } : s.kind === 'cpu' || s.kind === 'io' || s.kind === 'native' ? { ...s, ns: s.ns * group } : s));
  return { ...step, times: Math.ceil(step.times / group), body };
}

/** Time a round of a loop that runs until an event is set takes, at least, in the simulation (see coarsenSpin). */
const SPIN_ROUND_NS = 50_000;

/**
 * A loop's timed waits for the event that ends it, in its condition (`while not stop.wait(0.25):`, on the loop's
 * line), are polls (see the `io` step): they do not keep a program going whose other threads all wait for what never
 * comes. One in its body (`stop.wait(travel)` as a round's work) is time the round takes.
 */
function pollsFor(body: Step[], until: string, line: number): Step[] {
  return body.map((step) => (step.kind === 'io' && step.wakesOn === until && step.poll === undefined && step.line === line ? { ...step, poll: until } : step));
}

/**
 * `while not stop.is_set(): n += 1` spins rounds of a few hundred nanoseconds: they are simulated in groups of 50 µs
 * (the event is looked at once a group), not as a hundred thousand steps.
 */
function coarsenSpin(step: Extract<Step, { kind: 'repeat' }>): Step {
  if (!step.body.every((s) => s.kind === 'cpu')) return step;
  const roundNs = step.body.reduce((sum, s) => sum + (s.kind === 'cpu' ? s.ns : 0), 0);
  if (roundNs <= 0 || roundNs >= SPIN_ROUND_NS) return step;
  const group = Math.min(step.times, Math.ceil(SPIN_ROUND_NS / roundNs));
  const body = step.body.map((s): Step => (s.kind === 'cpu' ? { ...s, ns: s.ns * group } : s));
  return { ...step, times: Math.ceil(step.times / group), body };
}

function summarize(thread: Omit<WorkloadThread, 'cpuMs' | 'ioMs' | 'nativeMs' | 'drains'>): WorkloadThread {
  const totals = { cpu: 0, io: 0, native: 0 };
  let drains = false;
  const add = (steps: readonly Step[], times: number, depth: number) => {
    for (const step of steps) {
      if (step.kind === 'take' || (step.kind === 'repeat' && step.until)) drains = true;
      if (step.kind === 'cpu') totals.cpu += step.ns * times;
      else if (step.kind === 'io') totals.io += step.ns * times;
      else if (step.kind === 'native') totals.native += step.ns * times;
      else if (step.kind === 'repeat' && depth < 64) add(step.body, times * step.times, depth + 1);
    }
  };
  add(thread.program, 1, 0);
  return { ...thread, cpuMs: totals.cpu / 1e6, ioMs: totals.io / 1e6, nativeMs: totals.native / 1e6, drains };
}
