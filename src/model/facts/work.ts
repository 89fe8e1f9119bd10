// How much work a piece of code does, counted rather than timed, and in what order: Python operations by kind and
// C loop steps run with the GIL held; sleeps, blocking waits and synchronization release it; native work runs
// without it. The workload turns counts into time with a per-version profile; the rules compare them to tell
// CPU-bound code from waiting code; the simulator replays the order (`trace`).

/**
 * Kinds of Python operations, each about one bytecode, with a cost of its own in a profile. A global's load
 * (`global`, cached by the specializing interpreter) and store (`gstore`, a dict write) cost very differently, and
 * a call that adds to a container (`grow`: append, add, extend...) pays for the memory it takes.
 */
export const OP_KINDS = [
  'iter', 'local', 'global', 'gstore', 'attr', 'tlattr', 'item', 'arith', 'compare', 'pycall', 'ccall', 'grow', 'build', 'lock', 'queue',
] as const;
export type OpKind = (typeof OP_KINDS)[number];
export type OpCounts = Record<OpKind, number>;

/** A synchronization step the simulator plays out against other threads. */
export type SyncOp =
  | { readonly op: 'start'; readonly start: number }
  /** Waits for threads to end; `yields`: an asyncio task awaiting tasks, which lets the event loop run others. */
  | { readonly op: 'join'; readonly starts: readonly number[] | 'all'; readonly yields?: boolean }
  /**
   * `yields`: an asyncio.Queue's, awaited: the task lets the event loop run others while it waits. `every`: a put made
   * once every so many rounds of the loop around it (`if i % 100 == 0: q.put(x)`), for counting the items put.
   * `stream`: a socketpair's data (see the simulator's `get`), in place of a queue's items.
   */
  | { readonly op: 'put' | 'get' | 'task_done' | 'queue-join' | 'close'; readonly object: string; readonly yields?: true; readonly every?: number; readonly timeout?: GetTimeout; readonly stream?: true }
  /** `yields`: an asyncio.Event's wait, awaited: the task lets the event loop run others while it waits. */
  | { readonly op: 'set' | 'wait'; readonly object: string; readonly yields?: true }
  /** `timer.cancel()`: the Timers of these starts skip their function if their interval has not run out. */
  | { readonly op: 'cancel'; readonly starts: readonly number[] }
  /** A lock taken and given back (`with lock:`, `acquire()`/`release()`): threads holding it across a wait queue up. */
  | { readonly op: 'hold' | 'drop'; readonly object: string; readonly permits?: number }
  /**
   * `items.pop()` on a list built before the threads: takes one of `initial` items, or ends the loop when none is left
   * (after `timeout`, a queue's timed get, has run out).
   */
  | { readonly op: 'take'; readonly object: string; readonly initial: number; readonly timeout?: GetTimeout };

/**
 * `q.get(timeout=0.3)` in a `try` that catches queue.Empty, raised after that many seconds with no item. `leaves`: the
 * loop around it then ends (`except queue.Empty: return`); otherwise it tries again (`continue`).
 */
export interface GetTimeout {
  readonly seconds: number;
  readonly leaves: boolean;
}

/** One piece of a trace, with the 1-based source line it comes from (0 until the statement stamps it). */
export type Segment =
  | { readonly kind: 'cpu'; readonly ops: OpCounts; readonly cSteps: number; line: number }
  /** `yields`: `await asyncio.sleep()`, which lets the event loop run other tasks (time.sleep blocks it). */
  /** `maybe` (on waits): in an `if` with no `else`, which the trace takes every time (`if _pool is None:` then a connect). */
  /** `poll`: a server's wait for requests, in a loop this event ends (see the simulator's `io` step). */
  /** `wakesOn`: `event.wait(timeout)`, which setting this event ends before its time is up. */
  | { readonly kind: 'sleep'; readonly seconds: number; readonly yields?: boolean; line: number; readonly maybe?: true; readonly poll?: string; readonly wakesOn?: string }
  /** `share`: a wait that happens once every so many rounds of the loop around it, as one round's part (see shareWork). */
  /** `local`: on a socketpair's end, whose peer is in this process (see CostProfile.localSocketMs). */
  /** `python`: a child process running this Python (`subprocess.run([sys.executable, ...])`): an interpreter's start-up. */
  | { readonly kind: 'block'; readonly what: string; line: number; readonly share?: number; readonly maybe?: true; readonly local?: true; readonly python?: true }
  | { readonly kind: 'native'; readonly units: Readonly<Record<string, number>>; line: number; readonly maybe?: true }
  | { readonly kind: 'sync'; readonly sync: SyncOp; line: number }
  /**
   * `open`: the rounds were assumed (a loop with no bound in the code); the workload may size it from elsewhere.
   * `until`: `while not stop.is_set():`, the loop also ends, at the end of a round, once that event is set.
   */
  | { readonly kind: 'repeat'; readonly times: number; readonly body: readonly Segment[]; line: number; open?: boolean; until?: string };

export interface Work {
  /** Python operations with the GIL held, by kind. */
  ops: OpCounts;
  /** Element steps of loops that run in C with the GIL held (sum, sorted, str.join...). */
  cSteps: number;
  /** Known sleeps, in seconds. */
  sleepSeconds: number;
  /** Waits of unknown length (I/O, queues, other threads). */
  blocks: number;
  /** GIL-free native work, by unit kind (`hash-byte`, `pbkdf2-iteration`, `compress-byte`, `native-call`). */
  native: Record<string, number>;
  /** Loops whose iteration count was assumed, and other guesses, in words. */
  assumptions: string[];
  /** A loop with no known bound and no blocking call: it runs until data says stop. */
  spins: boolean;
  /** Calls into code the model cannot see (an unknown object's method, a module it does not know): they may wait. */
  opaque: number;
  /** The same work in order, for the simulator (left empty when traces are off: the rules need only the totals). */
  trace: Segment[];
  /** Items of a shared list this work pops (see the `take` sync op): a loop around it runs at most that many rounds. */
  take?: number;
  /** It runs a loop whose rounds were guessed (no size in the code): a loop around it damps its own guess. */
  guessed?: true;
  /** It raises an exception of its own on some path (`raise ConnectionError(...)` when a roll fails). */
  raises?: true;
  /**
   * It waits for an item another thread puts in a queue (`q.get()`): a worker waiting for its jobs. The queues it
   * takes from, by their keys.
   */
  awaitsItems?: readonly string[];
}

/** Whether traces are recorded: the workload needs them, the rules do not, and they cost a third of a walk. */
let tracing = true;

/** Runs `walk` with traces recorded or not. */
export function withTraces<T>(enabled: boolean, walk: () => T): T {
  const before = tracing;
  tracing = enabled;
  try {
    return walk();
  } finally {
    tracing = before;
  }
}

export function zeroOps(): OpCounts {
  return { iter: 0, local: 0, global: 0, gstore: 0, attr: 0, tlattr: 0, item: 0, arith: 0, compare: 0, pycall: 0, ccall: 0, grow: 0, build: 0, lock: 0, queue: 0 };
}

/** `into += more`, kind by kind (written out: keyed access in a loop is several times slower on this hot path). */
function addCounts(into: OpCounts, more: Readonly<OpCounts>): void {
  into.iter += more.iter; into.local += more.local; into.global += more.global; into.gstore += more.gstore;
  into.attr += more.attr; into.tlattr += more.tlattr; into.item += more.item; into.arith += more.arith;
  into.compare += more.compare; into.pycall += more.pycall; into.ccall += more.ccall; into.grow += more.grow;
  into.build += more.build; into.lock += more.lock; into.queue += more.queue;
}

/** `counts × times`, as new counts. */
function scaledCounts(c: Readonly<OpCounts>, t: number): OpCounts {
  return {
    iter: c.iter * t, local: c.local * t, global: c.global * t, gstore: c.gstore * t, attr: c.attr * t, tlattr: c.tlattr * t,
    item: c.item * t, arith: c.arith * t, compare: c.compare * t, pycall: c.pycall * t, ccall: c.ccall * t, grow: c.grow * t,
    build: c.build * t, lock: c.lock * t, queue: c.queue * t,
  };
}

/** The larger of each kind, as new counts. */
function maxCounts(a: Readonly<OpCounts>, b: Readonly<OpCounts>): OpCounts {
  const m = Math.max;
  return {
    iter: m(a.iter, b.iter), local: m(a.local, b.local), global: m(a.global, b.global), gstore: m(a.gstore, b.gstore),
    attr: m(a.attr, b.attr), tlattr: m(a.tlattr, b.tlattr), item: m(a.item, b.item), arith: m(a.arith, b.arith),
    compare: m(a.compare, b.compare), pycall: m(a.pycall, b.pycall), ccall: m(a.ccall, b.ccall), grow: m(a.grow, b.grow),
    build: m(a.build, b.build), lock: m(a.lock, b.lock), queue: m(a.queue, b.queue),
  };
}

// Most work has no native units, no assumptions and (without traces) no trace: it shares these empty ones, which
// are frozen, and gets its own on the first write (`addAssumption`, `addNative`, or a trace while tracing).
const NO_NATIVE: Record<string, number> = Object.freeze({}) as Record<string, number>;
const NO_ASSUMPTIONS: string[] = Object.freeze([]) as unknown as string[];
const NO_TRACE: Segment[] = Object.freeze([]) as unknown as Segment[];

export function noWork(): Work {
  return {
    ops: zeroOps(), cSteps: 0, sleepSeconds: 0, blocks: 0, native: NO_NATIVE, assumptions: NO_ASSUMPTIONS, spins: false,
    opaque: 0, trace: tracing ? [] : NO_TRACE,
  };
}

const SCHEDULE_PREFIX = 'the block at line ';

/**
 * Notes how often a block runs when the code says so (`if step % 1000 == 999:`): shown beside the guesses, but not
 * one itself (see guesses).
 */
export function addSchedule(work: Work, line: number, rounds: number, because: string): void {
  addAssumption(work, `${SCHEDULE_PREFIX}${line} runs once every ${rounds.toLocaleString('en-US')} rounds, ${because}`);
}

const STORED_FUNCTIONS_PREFIX = 'taken to hold ';

/**
 * Notes that a loop over a container of callbacks (`for hook in tile_hooks:`) runs each function the file stores in
 * it: a reading of the code, not a guess.
 */
export function storedFunctionsNote(container: string, count: number): string {
  return `${STORED_FUNCTIONS_PREFIX}the ${count} functions the file stores in it: \`${container}\``;
}

/** Whether a loop's rounds are the callbacks the file stores in what it goes through (see storedFunctionsNote). */
export function overStoredFunctions(note: string | undefined): boolean {
  return !!note?.startsWith(STORED_FUNCTIONS_PREFIX);
}

/**
 * How many of the notes behind `work` are guesses (sizes the code does not give), not schedules it does or the
 * callbacks it stores.
 */
export function guesses(work: Work): number {
  let count = 0;
  for (const assumption of work.assumptions) if (!assumption.startsWith(SCHEDULE_PREFIX) && !assumption.startsWith(STORED_FUNCTIONS_PREFIX)) count++;
  return count;
}

/** How a size bounded by a container's known size is told (see Walker.iterationsOf). */
export const BOUND_PREFIX = 'assumed all ';

/**
 * The guesses that are not bounds: a size the model bounds by what the code holds (`assumed all 875 items ...
 * can hold`, a filter's input) is at most off by what the filter drops, not a number from nowhere.
 */
export function freeGuesses(work: Work): number {
  return guesses(work) - work.assumptions.filter((assumption) => assumption.startsWith(BOUND_PREFIX)).length;
}

/** Notes a guess behind `work` (once). */
export function addAssumption(work: Work, assumption: string): void {
  if (work.assumptions.includes(assumption)) return;
  if (work.assumptions === NO_ASSUMPTIONS) work.assumptions = [assumption];
  else work.assumptions.push(assumption);
}

/** Adds native units of one kind to `work`. */
export function addNative(work: Work, kind: string, units: number): void {
  if (work.native === NO_NATIVE) work.native = {};
  work.native[kind] = (work.native[kind] ?? 0) + units;
}

/** `count` operations of one kind. */
export function ops(count: number, kind: OpKind = 'local'): Work {
  const work = noWork();
  if (count > 0) {
    work.ops[kind] = count;
    if (tracing) work.trace.push(cpuSegment(work.ops, 0));
  }
  return work;
}

/** Adds `count` operations of one kind to `work` in place, at the end of its trace: cheaper than `addWork(ops())`. */
export function bump(work: Work, kind: OpKind, count = 1): Work {
  work.ops[kind] += count;
  if (!tracing) return work;
  const last = work.trace[work.trace.length - 1];
  if (last?.kind === 'cpu' && last.line === 0 && owned.has(last)) {
    last.ops[kind] += count;
  } else {
    const counts = zeroOps();
    counts[kind] = count;
    const segment: Segment = { kind: 'cpu', ops: counts, cSteps: 0, line: 0 };
    owned.add(segment);
    work.trace.push(segment);
  }
  return work;
}

/** Adds operation counts to `work` in place, at the end of its trace. */
export function addOps(work: Work, counts: Readonly<OpCounts>): Work {
  if (!tracing) {
    addCounts(work.ops, counts);
    return work;
  }
  const last = work.trace[work.trace.length - 1];
  const extend = last?.kind === 'cpu' && last.line === 0 && owned.has(last);
  let segmentOps: OpCounts;
  if (extend) {
    segmentOps = last.ops;
  } else {
    segmentOps = zeroOps();
    const segment: Segment = { kind: 'cpu', ops: segmentOps, cSteps: 0, line: 0 };
    owned.add(segment);
    work.trace.push(segment);
  }
  addCounts(work.ops, counts);
  addCounts(segmentOps, counts);
  return work;
}

/** GIL-held C loop steps. */
export function cSteps(count: number): Work {
  const work = noWork();
  work.cSteps = count;
  if (tracing) work.trace.push({ kind: 'cpu', ops: zeroOps(), cSteps: count, line: 0 });
  return work;
}

/** A wait or native run with no CPU cost of its own. */
export function segmentWork(segment: Segment): Work {
  const work = noWork();
  if (segment.kind === 'sleep') work.sleepSeconds = segment.seconds;
  if (segment.kind === 'block' || (segment.kind === 'sync' && (segment.sync.op === 'get' || segment.sync.op === 'queue-join' || segment.sync.op === 'wait' || segment.sync.op === 'join'))) {
    work.blocks = 1;
  }
  if (segment.kind === 'native') work.native = { ...segment.units };
  if (segment.kind === 'sync' && segment.sync.op === 'take') work.take = segment.sync.initial;
  if (tracing) work.trace.push(segment);
  return work;
}

function cpuSegment(counts: OpCounts, cStepCount: number): Segment {
  return { kind: 'cpu', ops: { ...counts }, cSteps: cStepCount, line: 0 };
}

export function totalOps(c: OpCounts): number {
  return c.iter + c.local + c.global + c.gstore + c.attr + c.tlattr + c.item + c.arith + c.compare + c.pycall + c.ccall
    + c.grow + c.build + c.lock + c.queue;
}

/** Adds `more` into `into` (sequential composition). */
export function addWork(into: Work, more: Work): Work {
  addCounts(into.ops, more.ops);
  into.cSteps += more.cSteps;
  into.sleepSeconds += more.sleepSeconds;
  into.blocks += more.blocks;
  into.opaque += more.opaque;
  if (more.native !== NO_NATIVE) for (const kind in more.native) addNative(into, kind, more.native[kind]);
  for (const assumption of more.assumptions) addAssumption(into, assumption);
  into.spins ||= more.spins;
  if (more.take !== undefined) into.take = Math.max(into.take ?? 0, more.take);
  if (more.guessed) into.guessed = true;
  if (more.raises) into.raises = true;
  if (more.awaitsItems) into.awaitsItems = unionOf(into.awaitsItems, more.awaitsItems);
  if (tracing) for (const segment of more.trace) appendSegment(into.trace, segment);
  return into;
}

/**
 * The lock regions worth simulating (see SyncOp `hold`): a hold and its drop at this level of the trace around a
 * wait of the thread's own (a sleep, a blocking call, native work). Plain work is left to the GIL, which serializes
 * it anyway, and so is a region that waits for another thread inside it (a Condition's `wait()` gives the lock back).
 * The others are removed, their neighbouring CPU segments merged again. Returns `trace` itself when nothing changes.
 */
export function dropIdleLocks(trace: Segment[]): Segment[] {
  if (!trace.some((segment) => lockOp(segment))) return trace;
  const kept = new Set<Segment>();
  trace.forEach((segment, i) => {
    const taken = lockOp(segment);
    if (taken?.op !== 'hold') return;
    // The next hold or drop of the same lock: a drop closes the region (a hold again is an RLock re-entered, left out).
    const end = trace.findIndex((other, j) => j > i && lockOp(other)?.object === taken.object);
    if (end < 0 || lockOp(trace[end])?.op !== 'drop') return;
    const inside = trace.slice(i + 1, end);
    if (waitsOwn(inside) && !waitsOnOthers(inside)) kept.add(segment).add(trace[end]);
  });
  const out: Segment[] = [];
  for (const segment of trace) if (!lockOp(segment) || kept.has(segment)) appendSegment(out, segment);
  return out;
}

/** The lock a segment takes or gives back, if it is one of those. */
function lockOp(segment: Segment): Extract<SyncOp, { op: 'hold' | 'drop' }> | undefined {
  return segment.kind === 'sync' && (segment.sync.op === 'hold' || segment.sync.op === 'drop') ? segment.sync : undefined;
}

/**
 * Waits the thread surely makes, of a length the code gives: not one in a branch that may not run (lazy set-up, done
 * by the first caller), nor a blocking call of assumed length (a file append under a lock takes microseconds, not
 * the milliseconds assumed for a socket read, and queueing on it would make the guess count many times over).
 */
function waitsOwn(trace: readonly Segment[]): boolean {
  return trace.some((segment) => ((segment.kind === 'sleep' || segment.kind === 'native') && !segment.maybe)
    || (segment.kind === 'repeat' && segment.times >= 1 && waitsOwn(segment.body)));
}

/** `work` of a branch that may not run: its waits marked `maybe` (see Segment), in a trace of its own. */
export function mayNotRun(work: Work): Work {
  if (!tracing || !work.trace.some(hasWait)) return work;
  const mark = (trace: readonly Segment[]): Segment[] => trace.map((segment) => (segment.kind === 'sleep' || segment.kind === 'block' || segment.kind === 'native'
    ? { ...segment, maybe: true as const } : segment.kind === 'repeat' ? { ...segment, body: mark(segment.body) } : segment));
  return { ...work, trace: mark(work.trace) };
}

function hasWait(segment: Segment): boolean {
  return segment.kind === 'sleep' || segment.kind === 'block' || segment.kind === 'native' || (segment.kind === 'repeat' && segment.body.some(hasWait));
}

function waitsOnOthers(trace: readonly Segment[]): boolean {
  return trace.some((segment) => (segment.kind === 'sync' && !lockOp(segment) && segment.sync.op !== 'set')
    || (segment.kind === 'repeat' && (!!segment.until || waitsOnOthers(segment.body))));
}

/** CPU segments a trace made by merging: only its own may be changed in place (others can be shared). */
const owned = new WeakSet<Segment>();

/**
 * Appends to a trace. Neighbouring CPU segments always merge, so a call's trace stays one segment however many
 * statements it runs; the merged segment keeps the line that did most of the work.
 */
export function appendSegment(trace: Segment[], segment: Segment): void {
  const last = trace[trace.length - 1];
  if (last?.kind === 'cpu' && segment.kind === 'cpu') {
    const line = !last.line ? segment.line : !segment.line ? last.line
      : weight(segment) > weight(last) ? segment.line : last.line;
    if (owned.has(last)) {
      addCounts(last.ops, segment.ops);
      (last as { cSteps: number }).cSteps += segment.cSteps;
      last.line = line;
      return;
    }
    const ops = { ...last.ops };
    addCounts(ops, segment.ops);
    const merged: Segment = { kind: 'cpu', ops, cSteps: last.cSteps + segment.cSteps, line };
    owned.add(merged);
    trace[trace.length - 1] = merged;
    return;
  }
  trace.push(segment);
}

/** Operations and C steps of a CPU segment, a stand-in for its time when choosing its line. */
function weight(segment: Extract<Segment, { kind: 'cpu' }>): number {
  return totalOps(segment.ops) + segment.cSteps;
}

/** Computation only, no waits, native work, hidden calls or hand-offs: a share of it is that share of its time. */
export function isComputation(work: Work): boolean {
  return work.sleepSeconds === 0 && work.blocks === 0 && work.opaque === 0 && work.native === NO_NATIVE && work.take === undefined
    && !work.awaitsItems && (!tracing || work.trace.every((segment) => segment.kind === 'cpu'));
}

/** `work` repeated `times` times; `line` is the loop's. A loop of pure CPU work becomes one CPU segment. */
export function scaleWork(work: Work, times: number, line = 0): Work {
  let native = NO_NATIVE;
  if (work.native !== NO_NATIVE) {
    native = {};
    for (const [kind, units] of Object.entries(work.native)) native[kind] = units * times;
  }
  const scaled = scaledCounts(work.ops, times);
  const pureCpu = !tracing || work.trace.every((segment) => segment.kind === 'cpu');
  const trace: Segment[] = !tracing ? NO_TRACE : times <= 0 || work.trace.length === 0 ? []
    : pureCpu ? [{ kind: 'cpu', ops: scaled, cSteps: work.cSteps * times, line }]
    : times === 1 ? [...work.trace]
    : [{ kind: 'repeat', times, body: work.trace, line }];
  return {
    ops: scaled,
    cSteps: work.cSteps * times,
    sleepSeconds: work.sleepSeconds * times,
    blocks: work.blocks * times,
    opaque: work.opaque * times,
    native,
    assumptions: work.assumptions.length > 0 ? [...work.assumptions] : NO_ASSUMPTIONS,
    spins: work.spins,
    trace,
    ...(work.guessed ? { guessed: true } : {}),
    ...(work.raises ? { raises: true } : {}),
    ...(work.awaitsItems ? { awaitsItems: work.awaitsItems } : {}),
  };
}

/**
 * `work` done once every `every` rounds of the loop around it (a batch flushed when it fills), as one round's share:
 * its counts, sleeps, waits and native units divided by `every`, and its trace likewise. Undefined when the trace
 * hands something to another thread (a put, a start, a join) or runs until an event: a share of that means nothing.
 */
export function shareWork(work: Work, every: number): Work | undefined {
  const part = 1 / every;
  const share = (segments: readonly Segment[]): Segment[] | undefined => {
    const out: Segment[] = [];
    for (const segment of segments) {
      // A lock taken once every so many rounds cannot be a share of a take: left out, its waits are shared still.
      if (lockOp(segment)) continue;
      // A put made once every so many rounds puts that many fewer items.
      if (segment.kind === 'sync' && segment.sync.op === 'put') {
        out.push({ ...segment, sync: { ...segment.sync, every: (segment.sync.every ?? 1) * every } });
        continue;
      }
      if (segment.kind === 'sync' || (segment.kind === 'repeat' && segment.until)) return undefined;
      if (segment.kind === 'cpu') out.push({ ...segment, ops: scaledCounts(segment.ops, part), cSteps: segment.cSteps * part });
      else if (segment.kind === 'sleep') out.push({ ...segment, seconds: segment.seconds * part });
      else if (segment.kind === 'block') out.push({ ...segment, share: (segment.share ?? 1) * part });
      else if (segment.kind === 'native') out.push({ ...segment, units: Object.fromEntries(Object.entries(segment.units).map(([kind, units]) => [kind, units * part])) });
      else {
        const body = share(segment.body);
        if (!body) return undefined;
        out.push({ ...segment, body });
      }
    }
    return out;
  };
  const trace = tracing ? share(work.trace) : NO_TRACE;
  if (!trace) return undefined;
  let native = NO_NATIVE;
  if (work.native !== NO_NATIVE) native = Object.fromEntries(Object.entries(work.native).map(([kind, units]) => [kind, units * part]));
  return {
    ops: scaledCounts(work.ops, part), cSteps: work.cSteps * part, sleepSeconds: work.sleepSeconds * part, blocks: work.blocks * part,
    opaque: work.opaque * part, native, assumptions: work.assumptions.length > 0 ? [...work.assumptions] : NO_ASSUMPTIONS, spins: work.spins,
    trace, ...(work.guessed ? { guessed: true } : {}), ...(work.raises ? { raises: true } : {}),
  };
}

/**
 * The heavier of two alternatives (branches of an if): the work an unlucky run does. Counts take the larger of
 * each; the trace is the branch that waits, or else the one with more operations.
 */
export function maxWork(a: Work, b: Work): Work {
  let native = a.native === NO_NATIVE ? NO_NATIVE : { ...a.native };
  if (b.native !== NO_NATIVE) {
    if (native === NO_NATIVE) native = {};
    for (const [kind, units] of Object.entries(b.native)) native[kind] = Math.max(native[kind] ?? 0, units);
  }
  const counts = maxCounts(a.ops, b.ops);
  const pick = waits(a) !== waits(b) ? (waits(a) ? a : b) : totalOps(a.ops) + a.cSteps >= totalOps(b.ops) + b.cSteps ? a : b;
  return {
    ops: counts,
    cSteps: Math.max(a.cSteps, b.cSteps),
    sleepSeconds: Math.max(a.sleepSeconds, b.sleepSeconds),
    blocks: Math.max(a.blocks, b.blocks),
    opaque: Math.max(a.opaque, b.opaque),
    native,
    assumptions: a.assumptions.length + b.assumptions.length > 0 ? [...new Set([...a.assumptions, ...b.assumptions])] : NO_ASSUMPTIONS,
    spins: a.spins || b.spins,
    trace: tracing ? [...pick.trace] : NO_TRACE,
    take: pick.take,
    ...(a.guessed || b.guessed ? { guessed: true } : {}),
    ...(a.raises || b.raises ? { raises: true } : {}),
    ...(a.awaitsItems || b.awaitsItems ? { awaitsItems: unionOf(a.awaitsItems, b.awaitsItems) } : {}),
  };
}

/** Gives the segments that have no line yet the line of the statement that produced them. */
export function stampLine(work: Work, line: number): void {
  for (const segment of work.trace) if (segment.line === 0) segment.line = line;
}

export function waits(work: Work): boolean {
  return work.sleepSeconds > 0 || work.blocks > 0 || (work.native !== NO_NATIVE && Object.keys(work.native).length > 0);
}

/** The keys of both lists, each once. */
function unionOf(a: readonly string[] | undefined, b: readonly string[] | undefined): readonly string[] {
  if (!a || a === b) return b ?? [];
  if (!b) return a;
  return b.every((key) => a.includes(key)) ? a : [...new Set([...a, ...b])];
}
