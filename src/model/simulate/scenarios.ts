// The four what-ifs for one workload: sequential (every thread's work run in the calling thread, as if start()
// ran the target), threads (the program as written, under the GIL), processes (each thread in its own interpreter,
// paying its start-up), free-threaded (no GIL, with the build's single-thread overhead).

import type { CancelCheck } from '../cancel';
import { type Workload, processStartup, simThreads } from '../workload/programs';
import type { VersionProfile } from '../workload/profiles';
import { type EngineOptions, type EngineResult, type SimThread, type Step, simulate } from './engine';

export interface ScenarioOptions {
  readonly cores: number;
  readonly switchIntervalMs: number;
  /** Simulated time after which a program that has not ended is cut off. */
  readonly horizonMs?: number;
  readonly maxSegments?: number;
  /** Asked now and then: when it says so, the simulations stop by throwing `Cancelled`. */
  readonly cancelled?: CancelCheck;
}

export interface Scenarios {
  readonly sequential: EngineResult;
  readonly threads: EngineResult;
  readonly processes: EngineResult;
  readonly freeThreaded: EngineResult;
}

const DEFAULT_HORIZON_MS = 600_000;
/**
 * Events simulated per scenario, at most, times the threads simulated (each event looks at every thread). The
 * examples and tests take at most 25 thousand events; 64 threads each waiting a millisecond at a time, 30 thousand
 * times, take millions, and would keep the panel waiting a minute. This budget answers within a second or so.
 */
const MAX_EVENT_VISITS = 3_000_000;
/**
 * Every simulation may take this many events, however many threads it has, as long as that stays within this many
 * visits: beyond, thousands of tasks (`gather` over a guessed thousand rounds) took 5 s for a 24-line file.
 */
const MIN_EVENTS = 50_000;
const MAX_FLOOR_VISITS = 20_000_000;

export function runScenarios(workload: Workload, profile: VersionProfile, options: ScenarioOptions): Scenarios {
  const asWritten = simThreads(workload, profile);
  const engine: EngineOptions = {
    cores: Math.max(1, options.cores),
    switchIntervalNs: options.switchIntervalMs * 1e6,
    gil: !profile.freeThreaded,
    contentionSlowdown: profile.contentionSlowdown,
    lockContentionSlowdown: profile.lockContentionSlowdown,
    wakeupWaitFraction: profile.wakeupWaitFraction,
    horizonNs: (options.horizonMs ?? DEFAULT_HORIZON_MS) * 1e6,
    maxSegments: options.maxSegments ?? 20_000,
    maxEvents: eventBudget(asWritten.length),
    cancelled: options.cancelled,
  };
  const threads = simulate(asWritten, engine);
  return {
    threads,
    sequential: sequentialRun(sequentialMain(workload, threads)),
    processes: simulate(inProcesses(workload, profile), { ...engine, maxSegments: 0 }),
    freeThreaded: simulate(withoutGil(asWritten, profile), { ...engine, gil: false, maxSegments: 0 }),
  };
}

function eventBudget(threads: number): number {
  const visitsPerEvent = Math.max(1, threads);
  return Math.max(Math.min(MIN_EVENTS, Math.floor(MAX_FLOOR_VISITS / visitsPerEvent)), Math.floor(MAX_EVENT_VISITS / visitsPerEvent));
}

/**
 * The main thread running every started thread's program in place of its start, and no joins or hand-offs. A loop
 * run until another thread sets an event runs the rounds it ran in the threads' run (`roundsRun`): nobody would set
 * it here, and its guessed rounds say nothing. A daemon the program left running at exit (a `while True:` heartbeat,
 * a worker waiting on its queue) does the work it did in that run: run in place of its start, it would never return.
 */
function sequentialMain(workload: Workload, threadsRun: EngineResult): SimThread {
  const { roundsRun } = threadsRun;
  const cutOff = new Map(threadsRun.threads.filter((thread) => !thread.finished).map((thread) => [thread.id, thread]));
  const programs = new Map(workload.threads.map((thread): [number, readonly Step[]] => {
    const left = thread.daemon ? cutOff.get(thread.id) : undefined;
    if (!left) return [thread.id, thread.program];
    const line = thread.line;
    // Not its waits for other threads (a worker's `get` of a queue left empty), nor what the exit cut short.
    const tail = (state: string) => (left.cutOff?.state === state ? left.cutOff.ns : 0);
    return [thread.id, [
      { kind: 'cpu', ns: left.runningNs - tail('run'), line },
      { kind: 'io', ns: left.ioNs - left.blockedNs - tail('io'), line },
      { kind: 'native', ns: left.nativeNs - tail('native'), line },
    ]];
  }));
  const started = new Set<number>();
  const inline = (steps: readonly Step[], depth: number): Step[] => steps.flatMap((step): Step[] => {
    switch (step.kind) {
      case 'start': {
        // Each thread runs once, at its first start.
        const fresh = step.threads.filter((id) => !started.has(id));
        fresh.forEach((id) => started.add(id));
        return depth > 8 ? [] : fresh.flatMap((id) => inline(programs.get(id) ?? [], depth + 1));
      }
      case 'repeat': {
        if (step.until) return [{ kind: 'repeat', times: roundsRun.get(step) ?? step.times, body: inline(step.body, depth), line: step.line }];
        if (!containsStart(step.body)) return [{ ...step, body: inline(step.body, depth) }];
        // `for t in threads: t.start()`: the first round starts (and so runs) them all, the others find them started.
        const first = inline(step.body, depth);
        return step.times > 1 ? [...first, { ...step, times: step.times - 1, body: inline(step.body, depth) }] : first;
      }
      case 'join':
      case 'task_done':
      case 'queue-join':
      case 'close':
      case 'set':
      case 'wait':
      case 'hold':
      case 'drop':
        // With everything in one thread there is nobody to wait for.
        return [];
      case 'cpu':
        // Called directly, a task is not handed to a pool's worker.
        return step.handOff ? [] : [step];
      default:
        return [step];
    }
  });
  const main = workload.threads.find((thread) => thread.id === 0);
  return { id: 0, name: 'MainThread', interpreter: 0, daemon: false, startsAtZero: true, program: inline(main?.program ?? [], 0) };
}

function containsStart(steps: readonly Step[]): boolean {
  return steps.some((step) => step.kind === 'start' || (step.kind === 'repeat' && containsStart(step.body)));
}

/**
 * One thread alone never waits for the GIL or a core: its run time is the sum of its steps, counted directly
 * (a daemon loop of a thousand rounds would otherwise be thousands of simulated events).
 */
function sequentialRun(main: SimThread): EngineResult {
  const totals = { cpu: 0, io: 0, native: 0 };
  // Items in the lists that loops drain and in the queues loops read: the first loop to read one empties it, later
  // ones stop at once. A queue holds what the program puts in it, wherever that is.
  const left = new Map<string, number>();
  const countPuts = (steps: readonly Step[], times: number, depth: number) => {
    for (const step of steps) {
      if (step.kind === 'put') left.set(step.object, (left.get(step.object) ?? 0) + times);
      else if (step.kind === 'repeat' && depth < 64) countPuts(step.body, times * step.times, depth + 1);
    }
  };
  countPuts(main.program, 1, 0);
  const add = (steps: readonly Step[], times: number, depth: number) => {
    for (const step of steps) {
      if (step.kind === 'cpu' || step.kind === 'io' || step.kind === 'native') totals[step.kind] += step.ns * times;
      else if (step.kind === 'repeat' && depth < 64) {
        const reader = step.body.find((s): s is Extract<Step, { kind: 'take' | 'get' }> => s.kind === 'take' || (s.kind === 'get' && left.has(s.object)));
        if (!reader) {
          add(step.body, times * step.times, depth + 1);
          continue;
        }
        const perRound = reader.kind === 'take' ? reader.amount : 1;
        for (let run = 0; run < Math.min(times, 64); run++) {
          const items = left.get(reader.object) ?? (reader.kind === 'take' ? reader.initial : 0);
          const rounds = Math.min(step.times, Math.ceil(items / perRound));
          left.set(reader.object, Math.max(0, items - rounds * perRound));
          add(step.body, rounds, depth + 1);
        }
      }
    }
  };
  add(main.program, 1, 0);
  const wallNs = totals.cpu + totals.io + totals.native;
  return {
    wallNs,
    threads: [{ id: 0, startNs: 0, endNs: wallNs, runningNs: totals.cpu, waitingNs: 0, ioNs: totals.io, nativeNs: totals.native, blockedNs: 0, finished: true }],
    segments: [],
    truncated: false,
    unfinished: false,
    endless: false,
    cutShort: false,
    roundsRun: new Map(),
  };
}

/** Every thread moved to a process of its own, which first boots an interpreter; asyncio tasks stay on their loop. */
function inProcesses(workload: Workload, profile: VersionProfile): SimThread[] {
  return workload.threads.map((thread) => {
    const stays = thread.id === 0 || thread.isTask;
    return {
      id: thread.id, name: thread.name, interpreter: stays ? 0 : thread.id, daemon: thread.daemon, startsAtZero: thread.id === 0,
      // A thread turned into a process receives its arguments (pickled unless forked) and sends its result back.
      program: stays ? thread.program : thread.isProcess || thread.picklingNs <= 0 ? [processStartup(profile, thread.line), ...thread.program]
        : [processStartup(profile, thread.line), { kind: 'cpu', ns: thread.picklingNs, line: thread.line }, ...thread.program],
    };
  });
}

/** The same threads on the free-threaded build: CPU work pays its single-thread overhead. */
function withoutGil(threads: SimThread[], profile: VersionProfile): SimThread[] {
  const factor = profile.freeThreaded ? 1 : profile.freeThreadedSlowdown;
  const scale = (steps: readonly Step[]): Step[] => steps.map((step): Step =>
    step.kind === 'cpu' ? { ...step, ns: step.ns * factor } : step.kind === 'repeat' ? { ...step, body: scale(step.body) } : step);
  return threads.map((thread) => ({ ...thread, interpreter: 0, program: scale(thread.program) }));
}
