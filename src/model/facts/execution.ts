// Walks the code each thread runs and records what it does, without judging it.
// One walk for the main thread (the module body and what it calls), one per thread start (its target, through
// helpers, methods, lambdas and partials, with the arguments the start passes), and one per coroutine. Along the
// way it records: thread starts, work (loops, calls, waits), updates and mutations of state with the locks held at
// that moment, tests on state followed by actions on it, and blocking calls. Each walk is bounded in call depth and
// the whole analysis in steps, so no input can make it run away.

import { Cancelled, type CancelCheck } from '../cancel';
import { type Syntax, blockStatementOf, childOfType, isAncestor, nodeAt, walk } from '../parse/syntax';
import {
  BLOCKING_METHOD_NAMES, type CallEffect, FUNCTION_EFFECTS, KNOWN_CLASSES, LIBRARY_HOOKS, LOCKISH_NAME, LOCK_TYPES, LOGGING_CALLS, METHOD_EFFECTS, MUTATING_METHODS, type PythonPerItem,
  BUFFERED_FILE_METHODS, FILE_IO, GROWING_METHODS, PURE_FUNCTIONS, PURE_MODULES, QUEUE_CHANGES, REMOVING_METHODS, SEMAPHORE_TYPES, THREAD_CLASSES, THREAD_CONSTRUCTORS, THREAD_LOCAL_TYPES, TASK_RUNNERS, THREAD_POOLS, PROCESS_POOLS, PROCESS_SHARED_TYPES, QUEUE_TYPES,
} from './library';
import { type ClassInfo, type FunctionInfo, type ModuleInfo, asTarget, assignmentParts, resolveName, scopeOf, takesReceiver } from './scopes';
import { WordHits, alternatives, mayCall, mayMakeThreadLocal } from './text';
import { type ObjectsMet, copyExecution, pairObjects, signature, signatureOfShape } from './reuse';
import { type Estimate, LOOP_THREAD_STARTS, type Spawn, type ThreadStart, recognizeSpawn } from './threads';
import {
  ASSUMED_ITERATIONS, COMPREHENSION_TYPES, type Affine, type CallArgs, type Evaluator, Frame, type Origin, type RoundPart, type Sharing, type Value, UNKNOWN, canonicalType,
  acquiresNoLock, callMethodOf, classChain, difference, elementOf, entersItself, findMethod, flattenTargets, insideLoop, isThreadIdentity, jsonValues, lengthOf, libraryBaseOf, unseenKeywords, nextFrame, ownKeyOf, ownSpan, perThreadKey, queueMethod, rangeMean, SOCKET_STREAM, selfForMethod, truthOfValue, typicalSize, withPartialArgs, returnExpressions,
} from './values';
import {
  BOUND_PREFIX,
  type GetTimeout, type SyncOp, type Work, addAssumption, storedFunctionsNote, addNative, addSchedule, addOps, withTraces, addWork, bump, cSteps, dropIdleLocks, isComputation, maxWork, mayNotRun, noWork, ops, scaleWork, segmentWork, shareWork,
  stampLine, totalOps, waits, zeroOps,
} from './work';

/** A piece of state: a variable, an attribute or the items of a container, named by the object it belongs to. */
export interface Place {
  readonly key: string;
  readonly sharing: Sharing;
  /** As written at the access. */
  readonly text: string;
  /** One constant item of a container (`stats["queries"]`): `<object>[]"queries"`. Its key covers every item. */
  readonly itemKey?: string;
  /**
   * An item picked by the thread's own index (`totals[idx] += n` in threads started as `for i in range(n)`): the
   * threads of one start never meet there, though threads of another start or main can.
   */
  readonly ownSlot?: true;
}

export type AccessKind = 'store' | 'rmw' | 'mutate' | 'delete';

/** A call inside a read-modify-write, between the read and the write. */
export interface InnerCall {
  /**
   * `python`: a Python function (the eval loop checks for a GIL drop request when it starts); `property`: the Python
   * getter and setter of a property the update reads and writes.
   */
  readonly kind: 'python' | 'property' | 'builtin' | 'method' | 'unknown';
  readonly name: string;
}

export interface Access {
  readonly place: Place;
  readonly kind: AccessKind;
  /** The statement. */
  readonly statement: Syntax;
  /** The target or receiver expression. */
  readonly target: Syntax;
  readonly locks: readonly string[];
  readonly execution: Execution;
  /** Can run while other threads run (always, for a thread; between start and join, for the main thread). */
  readonly concurrent: boolean;
  /** For `rmw`: calls evaluated between the read and the write. */
  readonly innerCalls: readonly InnerCall[];
  readonly method?: string;
  /** Made by a child process in state it shares with other processes: that state's type (`multiprocessing.Value`). */
  readonly acrossProcesses?: string;
  /**
   * For the main thread's concurrent accesses: the threads it had started and not yet waited for. A thread it
   * starts later does not meet this access (`Poller("b")` sets b's state while a's thread runs, before b's starts).
   */
  readonly alongside?: readonly ThreadStart[];
  /**
   * For a thread's access made by a single thread, in no repeated call: the threads its execution had made by then,
   * and by the end of each loop around it (its later rounds come after those). One it makes later begins after this
   * access, and so do that thread's own threads (a Timer that sets the next Timer after its update: the links of
   * the chain never overlap).
   */
  children?: readonly ThreadStart[];
}

/** Builtins that go through a table's items as they are, or numbered or paired: `enumerate(kinds)`. */
const TABLE_WRAPPERS: ReadonlySet<string> = new Set(['enumerate', 'zip', 'list', 'tuple', 'reversed', 'sorted', 'iter']);

/** What a write does to a place: puts items in, takes items out, or sets a value. */
export type WriteKind = 'add' | 'remove' | 'set';

export function writeKind(access: Access): WriteKind {
  if (access.kind === 'delete') return 'remove';
  // `discard` never fails itself, but it takes away what another thread's test found.
  if (access.kind === 'mutate') return access.method && (REMOVING_METHODS.has(access.method) || access.method === 'clear' || access.method === 'discard') ? 'remove' : 'add';
  return 'set';
}

/** `if <test on state>:` (or `while`) followed by actions on the same state. */
export interface Check {
  readonly node: Syntax;
  readonly tested: readonly Place[];
  readonly locks: readonly string[];
  readonly execution: Execution;
  readonly concurrent: boolean;
  /** Writes and mutations of tested state made in the guarded block. */
  readonly acts: Access[];
  /** `if sid in sessions: s = sessions[sid]`: reads of the item the test found, with the container's items as place. */
  readonly itemReads: ReadonlyArray<{ readonly place: Place; readonly node: Syntax }>;
  /**
   * `if self._timer is not None: self._timer.cancel()`: uses, in the guarded block, of the value the test found set,
   * with the tested variable's place.
   */
  readonly valueUses: ReadonlyArray<{ readonly place: Place; readonly node: Syntax }>;
  /** Writes in the guarded block to shared state the test did not read (`if not state.estop: state.cmd = speed`). */
  readonly otherWrites: readonly Access[];
  /** The test is a guard (`if key in seen: return`): its acts are the rest of the block, locked or not. */
  readonly guard: boolean;
  /** Tested state read through a copy taken under a lock let go before the test (`with lock: n = stock[k]`), by key. */
  readonly releasedCopies: readonly string[];
}

export interface BlockingCall {
  readonly call: Syntax;
  readonly name: string;
  readonly what: string;
  readonly execution: Execution;
  /** The coroutine on whose event loop it runs, when it does. */
  readonly asyncFn: FunctionInfo | undefined;
  /** Synchronous helpers between the coroutine and the call. */
  readonly via: readonly FunctionInfo[];
}

export interface WorkItem {
  /** A loop header, or a simple statement (with its comprehensions, C loops and calls), or a call in one. */
  readonly node: Syntax;
  /**
   * `loop`: a for/while loop; `statement`: a simple statement, all its work; `call`: a call to a function of this
   * file made by that statement (its callee's own record attached); `recursion`: a call back into a function
   * already running.
   */
  readonly kind: 'loop' | 'statement' | 'call' | 'recursion';
  readonly work: Work;
  readonly iterations?: Estimate;
  readonly callee?: FrameRecord;
  /**
   * For a loop: the calls to functions of this file made in its body (`job = q.get(); self._run(job)`), and the loops
   * right inside it (`for line in chunk`), each as one round runs it. A loop whose rounds are a guess may not be
   * CPU-bound as a whole while a function it calls is, on its own sizes.
   */
  readonly inner?: readonly WorkItem[];
  /** For a recursion that splits its input: the loop each level runs over its part (a merge), where the work is. */
  readonly loop?: Syntax;
  /** A call that runs one of several functions (`self.kernel()` of a method picked by name): each is one it may run. */
  readonly alternative?: true;
  /** Made once for all the threads, by whichever gets there first (see Context.once): it does not add up across them. */
  readonly once?: true;
}

/** What one function activation did, with its outermost pieces of work in order. */
export interface FrameRecord {
  readonly fn: FunctionInfo | undefined;
  readonly frame: Frame;
  work: Work;
  readonly items: WorkItem[];
}

export interface Execution {
  readonly id: number;
  /**
   * `main`: the module body; `spawner`: a function that starts threads, seen on its own; `thread`; `process`: code
   * run in a child process (walked for its work only: it shares no memory and no GIL); `async`: a coroutine, on
   * its own, for what it calls; `task`: a coroutine run as an asyncio task, for its work (tasks of one event loop
   * take turns at their awaits, so they are not judged as threads).
   */
  readonly kind: 'main' | 'spawner' | 'thread' | 'process' | 'async' | 'task';
  readonly start?: ThreadStart;
  /** Copies of this execution that can run at once. */
  readonly instances: number;
  root: FrameRecord | undefined;
  readonly accesses: Access[];
  readonly checks: Check[];
  readonly blocking: BlockingCall[];
  /** Main, spawners and coroutines: threads they started (or that ran when they were made) are running now. */
  window: boolean;
  /** Main and spawners: they made a thread or process at some point. */
  startedThreads: boolean;
  /** Main and spawners: how many times they have waited for their threads (join, leaving a pool's with). */
  joins: number;
  /**
   * A Timer's code that sets the same Timer again (a self-rescheduling chain): the links after the first, each
   * waiting `delayMs` first, `times` of them at most (`if self.samples >= 30: return` before the call), or until an
   * event (`if not stop.is_set():` around it). Only the first link is walked: the others do the same.
   */
  rearms?: { readonly times: number; readonly until?: string; readonly delayMs: number };
  /** Events its walk sets, in any branch (a trace keeps only one branch of an `if`). */
  eventsSet?: Set<string>;
}

/** How far an execution's records had got, and which threads ran beside it then. */
interface RecordsMark {
  readonly accesses: number;
  readonly checks: number;
  readonly window: boolean;
  readonly running: readonly ThreadStart[] | 'unknown' | undefined;
  readonly started?: readonly ThreadStart[] | 'unknown' | undefined;
}

interface Context {
  readonly execution: Execution;
  readonly frame: Frame;
  readonly record: FrameRecord;
  readonly locks: readonly string[];
  /** Functions on the call stack of this walk, entry first. */
  readonly stack: readonly FunctionInfo[];
  /** Loops and comprehensions around this point in the current frame (spawns inside them repeat). */
  readonly loops: readonly Syntax[];
  /** Product of the iteration counts of the loops around this point, across frames (for thread counts). */
  readonly multiplier: Estimate;
  /** The same when this frame was entered: how often the frame itself runs. */
  readonly frameMultiplier: Estimate;
  /** A caller's loop repeats this frame (`for o in orders: self.match(o)`): its own data-driven loops are short. */
  readonly repeated: boolean;
  readonly statement: Syntax;
  /** `multiplier` where the statement began: loops inside it (a comprehension of starts) multiply on from there. */
  readonly statementMultiplier: Estimate;
  readonly asyncFn: FunctionInfo | undefined;
  /** Calls collected for the read-modify-write being walked. */
  innerCalls?: InnerCall[];
  /** Run by one thread of its start only (`if barrier.wait() == 0:`): its writes are that thread's alone. */
  readonly alone?: boolean;
  /**
   * A lazy initialization (`if _INDEX is None: _INDEX = build_index(...)`): the first thread to get there runs it,
   * for all of them.
   */
  readonly once?: boolean;
  /**
   * Calls to functions of this file made inside the frame's outermost loop being walked, and the loops right inside
   * it (see WorkItem.inner).
   */
  readonly loopCalls?: WorkItem[];
}

export interface WalkLimits {
  /** Call depth followed from an entry. */
  readonly maxDepth: number;
  /** Statements and expressions visited in one walk (eight times as many in the whole analysis). */
  readonly maxSteps: number;
  /** Thread starts followed (and as many asyncio tasks, when they are followed). */
  readonly maxStarts: number;
  /**
   * Build what the workload needs: traces (the order of the work) and coroutines run as asyncio tasks where an
   * event loop runs them. The rules need neither: coroutines are judged on their own walks, and tasks of one loop
   * do not race each other.
   */
  readonly workload?: boolean;
  /** Asked every few hundred steps: when it says so, the walk stops by throwing `Cancelled`. */
  readonly cancelled?: CancelCheck;
}

export const DEFAULT_LIMITS: WalkLimits = { maxDepth: 8, maxSteps: 150_000, maxStarts: 256 };
/** What the workload needs: asyncio tasks too. */
export const WORKLOAD_LIMITS: WalkLimits = { ...DEFAULT_LIMITS, workload: true };

/** The walk asks its `cancelled` check once every this many steps plus one (a mask: a power of two less one). */
const CANCEL_CHECK_STEPS = 255;


const NOT_ASSIGNED = Symbol('not assigned');

/** The clauses of a compound statement after its first block. */
const CLAUSES: ReadonlySet<string> = new Set(['elif_clause', 'else_clause', 'except_clause', 'finally_clause']);

/** Methods of deques, dicts and Counters whose names other objects hardly use: `popleft`, `setdefault`, `items`. */
const CONTAINER_ONLY_METHODS: ReadonlySet<string> = new Set([
  'popleft', 'appendleft', 'extendleft', 'rotate', 'setdefault', 'items', 'keys', 'values', 'popitem', 'most_common',
]);

/** Methods only text and bytes have (`fields[tag].decode()`, `name.split(".", 1)`): C code that never waits. */
const TEXT_ONLY_METHODS: ReadonlySet<string> = new Set([
  'decode', 'encode', 'split', 'rsplit', 'splitlines', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'casefold', 'startswith',
  'endswith', 'isdigit', 'isalpha', 'isalnum', 'isspace', 'isdecimal', 'isnumeric', 'isupper', 'islower', 'zfill', 'ljust', 'rjust',
  'partition', 'rpartition', 'expandtabs', 'swapcase', 'removeprefix', 'removesuffix',
]);

/** `collections.namedtuple` and `typing.NamedTuple` methods: `r._replace(value=v)`. */
const NAMED_TUPLE_METHODS: ReadonlySet<string> = new Set(['_replace', '_asdict', '_make']);

/** Bytes in a bytes object of unknown size (file contents, a download) that a loop goes through one by one. */
const ASSUMED_BYTES = 16 * 1024;
/** Characters in one copy of a text the file does not size but repeats (`blob * 400`). */
const ASSUMED_COPY_CHARS = 100;
/**
 * Bytes a memory copy moves in one C step's time (4 ns). timeit on 3.11: `bytes(b[:200_000])` of a bytearray of
 * random bytes, 5 us; this gives 13 us, on the heavy side (a copy of memory not in cache is slower).
 */
const BYTES_A_STEP = 64;
/** Contexts a coroutine called with arguments is walked in, at most. */
const MAX_COROUTINE_CONTEXTS = 3;
/**
 * The same for coroutines that run at once (gathered over a list, made into tasks): each context is a task of its
 * own, and what one of them does (the handler a query's kind picks) another may not.
 */
const MAX_OVERLAPPING_CONTEXTS = 8;
/** Literal lists, tuples, sets and dicts with more items than this are counted, not walked item by item. */
const LITERAL_TABLE_ITEMS = 256;
/** Statements doing fewer operations than this are too light for any rule to report; they are not kept as items. */
const ITEM_FLOOR_OPS = 500;
/** Rounds assumed for a data-driven `while` nested in another loop. */
export const ASSUMED_INNER_ROUNDS = 100;
/** Neighbours assumed for each place a search takes (a grid's four, a road map's few). */
const ASSUMED_NEIGHBOURS = 4;
/** Iterations assumed for `while True:` without a blocking call: it spins until data says stop. */
export const ASSUMED_SPINS = 100_000;
/** Passes of a loop that repeats until a pass changes nothing (`while improved:`), when the data decides. */
const ASSUMED_PASSES = 10;

/** A while loop's rounds from its counter (see countedWhile). */
type Counted = number | { atMost: number; counter?: string } | 'unknown' | undefined;

const SPAWN_NAMES = new Set([
  'Thread', 'Timer', 'start_new_thread', 'start_new', 'submit', 'map', 'imap', 'imap_unordered', 'map_async',
  'starmap', 'starmap_async', 'apply', 'apply_async', 'run_in_executor', 'to_thread', 'Process', 'add_done_callback',
  // Servers whose requests each run in a thread: constructing one is where those threads come from.
  'ThreadingTCPServer', 'ThreadingUDPServer', 'ThreadingHTTPServer', 'ThreadingUnixStreamServer', 'ThreadingUnixDatagramServer',
  // A function given to an XML-RPC server with ThreadingMixIn runs in a thread per request.
  'register_function',
]);
/** Runners that start an event loop with the coroutine as its first task. */
const LOOP_ENTRY_RUNNERS: ReadonlySet<string> = new Set(['asyncio.run', 'asyncio.AbstractEventLoop.run_until_complete', 'asyncio.Runner.run']);
/** Task runners that run the one coroutine they are given to its end before going on. */
const ONE_AT_A_TIME_RUNNERS: ReadonlySet<string> = new Set([...LOOP_ENTRY_RUNNERS, 'asyncio.wait_for', 'asyncio.shield']);
const COMPOUND_STATEMENTS = new Set([
  'if_statement', 'for_statement', 'while_statement', 'with_statement', 'try_statement', 'match_statement',
  'function_definition', 'class_definition', 'decorated_definition', 'block', 'ERROR',
]);
/** Library functions that change their first argument, as the container method that does the same. */
const ARGUMENT_MUTATIONS: ReadonlyMap<string, string> = new Map([
  ['heapq.heappop', 'pop'], ['heapq.heappush', 'append'], ['heapq.heapreplace', 'pop'], ['heapq.heappushpop', 'pop'],
  ['heapq.heapify', 'sort'], ['bisect.insort', 'insert'], ['bisect.insort_left', 'insert'], ['bisect.insort_right', 'insert'],
  ['random.shuffle', 'reverse'],
]);

/** Iterators that wait for the system on every step. */
const ITERATING_WAITS = new Set(['os.walk', 'os.scandir', 'pathlib.Path.rglob', 'pathlib.Path.glob', 'pathlib.Path.iterdir']);
/** Methods that take an item out and hand it over (`get` is left out: on a dict it only reads). */
const LOCK_METHODS = new Set(['acquire', 'release', 'locked']);
const NO_ARGS: CallArgs = { positional: [], keywords: new Map(), hasSplat: false };
const NO_NAMES: ReadonlySet<string> = new Set();

/** How many helper calls up from a Timer's making chainOf looks for what guards the chain. */
const MAX_CHAIN_HELPERS = 4;

/** The key of an object a function's frame made (`s480@3`: at offset 480 by frame 3; `f2:ents`: as its variable). */
const FRAME_MADE = /^(s\d+@\d+|f\d+:\w+)$/;

/** How many objects in a row a method is followed on before a call of it counts as recursion (see onAnotherObject). */
const MAX_CHAIN_LINKS = 4;

/**
 * Which link of a chain a method call is: the object it runs on, and the module's own objects it is given (a state
 * machine's `ctx.transition_to(VALIDATING)` passes another state each time, on the same order). Undefined when it
 * runs on no object.
 */
function linkKey(self: Value | undefined, args: CallArgs): string | undefined {
  if (self?.kind !== 'instance') return undefined;
  const singletons = args.positional.map(({ value }) => (value.kind === 'instance' && value.origin.key.startsWith('g:') ? value.origin.key : ''));
  return [self.origin.key, ...singletons].join('|');
}
/** Marks the key of a lock each thread of a start has its own of (`self._lock` on a per-thread object). */
const OWN_LOCK = 'own:';
/**
 * Marks a lock key that names what holds a lock rather than the lock (a context manager of this file, a lock-ish
 * object the model cannot see): two such keys, or one and a lock's, may be the same lock.
 */
export const APPROXIMATE_LOCK = '~';

/**
 * A lock each thread has its own of: one per thread's object, or (seen from a thread) one the thread's own object
 * made for itself (`client = ApiClient(...)` in the thread, with `self._lock` in its `__init__`).
 */
function ownLock(value: Value, inThread = false): boolean {
  if (value.kind !== 'instance') return false;
  // Private and reached through a name of the thread's own frame (`f10:client._lock`): made by this thread.
  return value.origin.sharing === 'per-instance' || (inThread && value.origin.sharing === 'private' && /^f\d+:/.test(value.origin.key));
}

/** The locks that keep other threads away from state they all share: not one each thread has its own of. */
function sharedLocks(locks: readonly string[]): readonly string[] {
  return locks.some((key) => key.startsWith(OWN_LOCK)) ? locks.filter((key) => !key.startsWith(OWN_LOCK)) : locks;
}
const TAKING_METHODS = new Set(['pop', 'popleft', 'popitem', 'get_nowait']);

/** Calls that take an item off the container they are called on (a loop over it that makes one a round drains it). */
const DRAINING_METHODS = new Set(['pop', 'popleft', 'remove', 'discard']);
/** Calls that hand over an item of a container, a dict's `get` included (a callable read out of a table). */
const TAKING_CALLS = new Set([...TAKING_METHODS, 'get']);
const CONSTANT_VALUES = new Set(['true', 'false', 'none', 'integer', 'float', 'string']);
/** Socket methods that wait unless the socket is non-blocking. */
const SOCKET_IO: ReadonlySet<string> = new Set(['recv', 'recv_into', 'recvfrom', 'recvfrom_into', 'send', 'sendall', 'sendto', 'accept', 'connect', 'connect_ex']);
export { COMPREHENSION_TYPES };
const NESTED_SCOPES = new Set(['function_definition', 'class_definition', 'lambda', 'decorated_definition']);
/** A sleep or timed wait whose length the code does not give. */
const ASSUMED_WAIT_SECONDS = 0.01;
/** Exception names an `except` catching queue.Empty names. */
const EMPTY_CATCHERS: ReadonlySet<string> = new Set(['Empty', 'Exception', 'BaseException']);

/**
 * The share of its bound an escape-time loop runs (see escapesEarly): python counted 0.18 to 0.34 as the mean over
 * the usual Mandelbrot views for 50 to 1,000 rounds, the points of the set running all of them.
 */
const ESCAPE_SHARE = 0.25;

/** Starts whose call gives back a future of the thread's result (`loop.run_in_executor`, `asyncio.to_thread`). */
const EXECUTOR_FUTURES = new Set(['loop.run_in_executor', 'asyncio.to_thread']);

/** e^-γ: about this share of numbers, over ln d, has no prime factor below d (Mertens' third theorem). */
const MERTENS_SURVIVAL = 0.5615;

/** Names of a hand-written buffer's methods that take an item out, and that put one in (see queueLikeOp). */
const QUEUE_GETS = new Set(['get', 'pop', 'take', 'dequeue', 'consume', 'next_item', 'next_job']);
const QUEUE_PUTS = new Set(['put', 'put_nowait', 'try_put', 'push', 'add', 'enqueue', 'produce', 'offer', 'submit', 'schedule', 'send']);
const QUEUE_CLOSES = new Set(['close', 'shutdown', 'stop', 'finish']);

export interface WalkResult {
  readonly starts: ThreadStart[];
  readonly executions: Execution[];
  /** True when a limit stopped the walk early: results are partial. */
  readonly truncated: boolean;
  /** Starts that are another start's threads seen from another walk of the same coroutine, to that start. */
  readonly sameThreads: ReadonlyMap<ThreadStart, ThreadStart>;
  /** Milliseconds each part of the walk took, for the bench. */
  readonly times: WalkTimes;
  /**
   * Locks taken by an `acquire()` call somewhere (not only by `with`): one thread may release what another took
   * (a barrier passing a baton), so holding different ones need not mean the code can overlap.
   */
  readonly acquiredByCall: ReadonlySet<string>;
  /** Queues fed item after item by loops that do not wait (see fedBackToBack). */
  readonly fedBackToBack: ReadonlySet<string>;
  /** The items the file puts in a queue, by the queue's key, when every put is counted (see prefilledItems). */
  readonly queueItems: ReadonlyMap<string, number>;
}

/** The parts of the walk: finding the functions that start threads, then the walks of each kind of execution. */
export interface WalkTimes {
  spawnerSearch: number;
  main: number;
  spawners: number;
  coroutines: number;
  threads: number;
}

export function walkModule(evaluator: Evaluator, limits: WalkLimits = DEFAULT_LIMITS): WalkResult {
  return withTraces(!!limits.workload, () => new Walker(evaluator, limits).run());
}

/** What one function does when run on its own with unknown arguments, as a thread would run it. */
export function walkFunction(evaluator: Evaluator, fn: FunctionInfo, limits: WalkLimits = DEFAULT_LIMITS): FrameRecord | undefined {
  return new Walker(evaluator, limits).walkAlone(fn);
}

class Walker {
  private readonly module: ModuleInfo;
  private readonly starts: ThreadStart[] = [];
  private readonly executions: Execution[] = [];
  private readonly visited = new Set<FunctionInfo>();
  /** Coroutines called with arguments, to walk in that context, and the shapes already queued. */
  /**
   * `beside`: made while threads of the caller's ran (see Execution.window), it runs beside those. `overlapping`: made
   * into a task or gathered, not awaited on the spot.
   */
  private readonly coroutines: Array<{
    fn: FunctionInfo; frame: Frame; copies: Estimate; walked?: true; beside?: readonly ThreadStart[] | 'unknown'; overlapping?: true;
  }> = [];
  /** Walks of coroutines that run at once with at least one other: the threads each awaits meet the others' (see registerStart). */
  private readonly besideOtherTasks = new Set<Execution>();
  /** The queued coroutine of each argument shape, by shape. */
  private readonly coroutineByShape = new Map<string, { copies: Estimate; walked?: true }>();
  private readonly coroutineShapes = new Set<string>();
  private readonly coroutineWalks = new Map<FunctionInfo, number>();
  /** Executions that walk a function on its own, with unknown arguments (spawners, generic walks of coroutines with parameters). */
  private readonly genericWalks = new Set<Execution>();

  /** `copies`: how many of these coroutines run at once (`gather(*(fetch(u) for u in urls))`). */
  private queueCoroutine(
    fn: FunctionInfo, args: CallArgs, self: Value | undefined, closure: Frame | undefined, copies: Estimate, fromGenericWalk = false,
    overlapping = false, beside?: readonly ThreadStart[] | 'unknown', keptBy?: Execution,
  ): void {
    if (!fn.body) return;
    const bound = this.evaluator.bindArguments(fn, args, self);
    // A decorator's wrapper is one function with a closure for each function it wraps (`await fn(*args)`): each
    // closure is a coroutine of its own.
    const shape = `${fn.id}:${closure && !closure.generic ? `${closure.id}:` : ''}${signature(bound)}`;
    // `gather(*(logout(store, sid) for sid in ["a", "b", "c"]))`: the rounds of a literal are walked one by one, each
    // making a coroutine of the same shape; they run at once, so the one walk stands for all their copies.
    const queued = this.coroutineByShape.get(shape);
    if (queued && overlapping && !queued.walked) {
      queued.copies = { ...queued.copies, value: queued.copies.value + copies.value };
      return;
    }
    // Without arguments the generic walk of every coroutine already covers it, unless it reads the cells of a call
    // walked with known arguments (`async def clerk():` in `gauge_all(marks, concurrency=2)`); a coroutine that
    // calls itself (or is called many ways) is walked in a few contexts only. Calls seen by a walk of its caller on
    // its own, with some arguments unknown, would spend those few on guesses before the calls with known arguments come.
    if ((bound.size === 0 && !(closure?.fn && !closure.generic)) || this.coroutineShapes.has(shape)) return;
    if (fromGenericWalk && [...bound.values()].some((value) => value.kind === 'unknown')) return;
    const walks = this.coroutineWalks.get(fn) ?? 0;
    if (walks >= (overlapping ? MAX_OVERLAPPING_CONTEXTS : MAX_COROUTINE_CONTEXTS)) return;
    this.coroutineWalks.set(fn, walks + 1);
    this.coroutineShapes.add(shape);
    const entry = {
      fn, frame: new Frame(fn, fn.scope, bound, closure ?? this.closureFor(fn), 'shared', false), copies, ...(beside ? { beside } : {}),
      ...(overlapping ? { overlapping: true as const } : {}),
    };
    this.coroutines.push(entry);
    this.coroutineByShape.set(shape, entry);
    if (keptBy) this.keptTasks.set(keptBy, [...(this.keptTasks.get(keptBy) ?? []), entry]);
  }

  /**
   * Coroutines an execution made into tasks it did not await in the same statement (`create_task(exporter(...))`):
   * they run beside the threads it starts afterwards too.
   */
  private readonly keptTasks = new Map<Execution, Array<Walker['coroutines'][number]>>();
  /** How many copies of a coroutine's walk run at once (gathered over a loop), when more than one may. */
  private readonly copiesOf = new Map<Execution, Estimate>();

  /** Frames walking an unrolled loop, outermost first (their `round` says which pass each is in). */
  private readonly unrolling: Frame[] = [];

  /** Threads created but not yet started, by the execution that created them. */
  private readonly pending = new Map<Execution, ThreadStart[]>();
  private steps = 0;
  private totalSteps = 0;
  private truncated = false;
  private nextId = 1;
  /** asyncio tasks made from the arguments of a runner call (gather, asyncio.run), by that call. */
  private readonly tasksByRunner = new Map<Syntax, number[]>();
  /** Tasks an execution made and has not awaited yet: `await asyncio.gather(*tasks)` waits for them. */
  private readonly unjoinedTasks = new Map<Execution, number[]>();
  /** Executor threads a task made as futures (not awaited on the spot): `gather(*jobs)` or `await job` waits for them. */
  private readonly pendingFutures = new Map<Execution, number[]>();
  /** Functions the file stores in containers, in the order seen (see noteStoredCallables). */
  private readonly storedCallables: Array<Extract<Value, { kind: 'function' }>> = [];
  /**
   * The arguments stored beside a stored callable, when a tuple of them or a dict of keywords travels with it (see
   * noteStoredRow).
   */
  private readonly storedArguments = new Map<Extract<Value, { kind: 'function' }>, CallArgs>();
  /** Every row of arguments stored with a callable, in the order they were stored; and how many, all told. */
  private readonly storedRows = new Map<Extract<Value, { kind: 'function' }>, CallArgs[]>();
  private rowsStored = 0;
  private readonly acquiredByCall = new Set<string>();
  /** Walks of a function already made in an execution, by arguments and locks: repeated calls reuse them. */
  private readonly memo = new Map<string, FrameRecord>();
  /** Calls that make a generator something takes only so many items of (`islice(ear_tags(s), 25)`): how many. */
  private readonly itemsTaken = new Map<Syntax, number>();

  constructor(private readonly evaluator: Evaluator, private readonly limits: WalkLimits) {
    this.module = evaluator.module;
  }

  run(): WalkResult {
    this.evaluator.filledByMain.clear();
    this.evaluator.readsFilled = false;
    Object.assign(this.evaluator.filesMade, { count: 0, guessed: false, spread: false });
    this.evaluator.filesMade.once.clear();
    const times: WalkTimes = { spawnerSearch: 0, main: 0, spawners: 0, coroutines: 0, threads: 0 };
    let lap = performance.now();
    const timed = (part: keyof WalkTimes) => {
      const now = performance.now();
      times[part] += now - lap;
      lap = now;
    };
    // Only functions whose text names a way to start a thread are looked into (their bodies are built then, and
    // the functions they define join the list as it is read).
    const spawnWords = this.hits(this.spawnWords());
    // A body is built only when its text calls a start API by name (`.submit(`, an imported `Thread(`), or names one
    // beside an `import` or `class` of its own (`from threading import Thread as T`, a local Thread subclass): the
    // builtin `map(...)` or a comment that says "thread" builds nothing.
    const spawnCalls = this.hits(this.spawnCallPattern());
    const localDefinitions = this.hits(/\b(import|class)\b/g);
    // A Thread subclass named in a table the function spells (`layout = [("5th", ActuatedController, ...)]`) may be
    // made by a call of the loop's name (`cls(...)`).
    // So may one that picks a class from a module table of them (`cls = KILN_TYPES.get(wood, BaseKiln)`).
    const classNames = new Set([...this.threadClassNames(), ...this.threadTables]);
    const threadClasses = classNames.size > 0 ? this.hits(new RegExp(`\\b(${alternatives([...classNames])})\\b`, 'g')) : undefined;
    const mayCallSpawn = (start: number, end: number) =>
      spawnWords.within(start, end) && (spawnCalls.within(start, end) || localDefinitions.within(start, end) || !!threadClasses?.within(start, end));
    this.noteRegisteredFunctions();
    const usesAsyncio = this.module.source.includes('asyncio');
    const runWords = usesAsyncio ? this.hits(/\brun(_until_complete)?\b/g) : undefined;
    const spawners: FunctionInfo[] = [];
    const functions = this.module.functions;
    for (let i = 0; i < functions.length; i++) {
      const fn = functions[i];
      if (fn.isAsync || fn.isLambda) continue;
      const { start, end } = fn.node;
      // A classmethod of a Thread subclass may make its threads as `cls(...)`, a name no text check can know.
      // So may one given a Thread subclass or Thread itself by default (`def reconcile(n, matcher_cls=FuzzyMatcher):`,
      // `def launch(self, factory=threading.Thread):`), or a method of an object given one (`__init__(self, config,
      // thread_cls=LoomThread)` keeping it as `self.thread_cls`).
      const factory = (!!fn.cls && fn.decorators.includes('classmethod') && isThreadClass(this.evaluator, fn.cls))
        || fn.params.some((param) => this.namesThreadMaker(param.defaultValue))
        || (!!fn.cls && fn.name !== '__init__' && this.givenThreadMaker(fn.cls));
      if ((factory || (mayCallSpawn(start, end) && this.mayStartThreads(fn.body))) && this.startsSomething(fn)) spawners.push(fn);
      else if (runWords?.within(start, end) && this.runsCoroutines(fn.body, this.evaluator.genericFrame(fn))) spawners.push(fn);
    }
    timed('spawnerSearch');
    // For the rules, the main thread matters only to find thread starts, asyncio's event loop, and what it does
    // beside them; a prediction times it however it runs (a program without threads has a run time too).
    if (this.limits.workload || spawners.length > 0 || this.mayStartThreads(this.module.root) || (usesAsyncio && this.runsCoroutines(this.module.root, this.evaluator.moduleFrame))) {
      const main = this.newExecution('main', undefined, 1);
      main.root = this.walkFrame(undefined, this.evaluator.moduleFrame, this.module.root.children, main, [], undefined, one());
    }

    timed('main');
    // Threads see what main put in its lists (main's own reads came before some of its appends, and threads add more).
    this.evaluator.readsFilled = true;
    // Functions nobody in this file calls can still start threads (a library's API): look at them on their own,
    // outermost callers first, so that a helper like `run_in_threads(targets)` is seen with its callers' targets.
    for (const fn of this.withCallers(spawners)) {
      if (this.visited.has(fn)) continue;
      const spawner = this.newExecution('spawner', undefined, 1);
      this.genericWalks.add(spawner);
      spawner.root = this.walkFrame(fn, this.evaluator.genericFrame(fn), fn.body?.children ?? [], spawner, [fn], undefined, one());
    }

    timed('spawners');
    // Coroutines run on the event loop thread: what they call blocks it. They can also hand work to threads
    // (`asyncio.to_thread`, `run_in_executor`), so they are walked before the threads are. Coroutines defined
    // inside other functions are found by building the bodies that mention `async`.
    const asyncWords = this.hits(/\basync\b/g);
    for (let i = 0; i < functions.length; i++) {
      const fn = functions[i];
      if (!fn.isAsync && !fn.isLambda && asyncWords.within(fn.node.start + 1, fn.node.end)) void fn.body;
    }
    // A coroutine main already called with known arguments is walked in those (below): on its own, with unknown
    // ones, it would make the same threads again with guessed sizes.
    const called = new Set(this.coroutines.map((entry) => entry.fn));
    // Coroutines without parameters (`async def main():`) go first, and a coroutine they call with known arguments
    // that starts threads itself (`await asyncio.to_thread(render, job, stems)`) is walked only in those. (One that
    // starts none is still walked on its own too: what it blocks on is the same whoever calls it.)
    const coroutines = functions.filter((fn) => fn.isAsync && fn.body);
    // (`async def main(cfg=FITTING):`, run as `asyncio.run(main())`, is one of them: its defaults are its arguments.)
    const callableBare = (fn: FunctionInfo) => fn.params.every((param) => !!param.defaultValue || param.kind === 'varargs' || param.kind === 'kwargs');
    const entryFirst = [...coroutines.filter(callableBare), ...coroutines.filter((fn) => !callableBare(fn))];
    // A coroutine without parameters defined in one main calls (`async def clerk():` in `gauge_all`) is walked in
    // that call's walk, with its cells, when that walk calls it; on its own only if not.
    const nested: FunctionInfo[] = [];
    const walkOnItsOwn = (fn: FunctionInfo) => {
      if (!fn.body) return;
      const execution = this.newExecution('async', undefined, 1);
      // A coroutine without parameters (`async def main():`), or with defaults for all, guesses nothing on its own:
      // its walk is as good as a call's, and so are the arguments it gives the coroutines it gathers
      // (`index_one(pool, p)` for each path).
      const bare = callableBare(fn);
      if (!bare) this.genericWalks.add(execution);
      // What a coroutine makes, it can hand to threads, as main can: its objects are shared.
      const args = bare && fn.params.length > 0 ? this.evaluator.bindArguments(fn, NO_ARGS, undefined) : new Map<string, Value>();
      const frame = new Frame(fn, fn.scope, args, this.closureFor(fn), 'shared', true);
      execution.root = this.walkFrame(fn, frame, fn.body.children, execution, [fn], fn, one());
    };
    for (const fn of entryFirst) {
      if (!fn.body || called.has(fn)) continue;
      if (fn.params.length > 0 && this.coroutines.some((entry) => entry.fn === fn) && this.mayStartThreads(fn.body)) continue;
      const enclosing = fn.params.length === 0 ? this.evaluator.enclosingFunction(fn) : undefined;
      if (enclosing && called.has(enclosing)) nested.push(fn);
      else walkOnItsOwn(fn);
    }
    // Coroutines called with known arguments (`asyncio.run(main())`, `gather(handler(500_000))`), in that context.
    const queued = this.walkQueuedCoroutines(0);
    for (const fn of nested) if (!this.coroutineWalks.has(fn)) walkOnItsOwn(fn);
    this.walkQueuedCoroutines(queued);
    timed('coroutines');
    // Each start's code, including starts made by threads.
    // Threads and asyncio tasks have a budget each, so a file full of tasks still has its threads followed.
    let threads = 0;
    let tasks = 0;
    for (let i = 0; i < this.starts.length; i++) {
      const start = this.starts[i];
      if (start.isTask ? tasks++ >= this.limits.maxStarts : threads++ >= this.limits.maxStarts) continue;
      this.walkThread(start);
    }
    if (threads > this.limits.maxStarts) this.truncated = true;
    this.inheritPhases();
    // A `.cancel()` of something the model cannot name may be of any Timer.
    if (this.cancelsUnnamed) for (const start of this.starts) if (start.via === 'threading.Timer') start.cancelled = true;
    // A spawner walked on its own whose code threads run (walked there with what they are given) stands for those
    // threads, not for main: what it touched, they touch.
    const standIns = new Set<number>();
    for (const execution of this.genericWalks) {
      const fn = execution.root?.fn;
      if (execution.kind !== 'spawner' || !fn || !this.walkedInThreads.has(fn)) continue;
      execution.accesses.length = 0;
      execution.checks.length = 0;
      standIns.add(execution.id);
    }
    // So do the threads such a spawner started: the same threads the threads running it start, walked again with
    // its guessed arguments (`presence.idle` of a `presence` it does not know is no lock), less than they know.
    const sameThreads = this.sameThreads();
    for (const execution of this.executions) {
      const start = execution.start;
      if (execution.kind !== 'thread' || !start || !standIns.has(start.madeBy) || (sameThreads.get(start) ?? start) === start) continue;
      execution.accesses.length = 0;
      execution.checks.length = 0;
    }
    timed('threads');

    // Worked out afresh: loops still open when a thread's walk last asked have finished since.
    this.backToBack = undefined;
    return {
      starts: this.limits.workload ? this.withoutStandInStarts(standIns) : this.starts, executions: this.executions, truncated: this.truncated, sameThreads, times,
      acquiredByCall: this.acquiredByCall, fedBackToBack: this.fedBackToBack(), queueItems: this.queueItems(),
    };
  }

  /**
   * The starts less those a stand-in spawner made (see run) and the threads those made in turn: an acceptor thread
   * with a known count of clients starts its handlers in its own walk, and the stand-in's, with the count guessed,
   * would run a thousand more in a prediction.
   */
  private withoutStandInStarts(standIns: ReadonlySet<number>): ThreadStart[] {
    if (standIns.size === 0) return this.starts;
    const dropped = new Set(standIns);
    const executionOf = new Map(this.executions.flatMap((execution) => (execution.start ? [[execution.start, execution] as const] : [])));
    // A start comes after the one whose thread made it, so one pass finds the threads made by dropped threads too.
    return this.starts.filter((start) => {
      if (!dropped.has(start.madeBy)) return true;
      const execution = executionOf.get(start);
      if (execution) dropped.add(execution.id);
      return false;
    });
  }

  private queueItems(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const object of this.queueFills.keys()) {
      const items = this.prefilledItems(object, true, true);
      if (items !== undefined) counts.set(object, items);
    }
    return counts;
  }

  /**
   * How each coroutine is called: awaited on the spot (`await handler(n)`, `asyncio.run(main())`), it runs inside its
   * caller, one activation at a time; made into tasks (gather, create_task) or kept for later, activations may overlap.
   */
  private readonly coroutineCalls = new Map<FunctionInfo, Array<{ caller: FunctionInfo | undefined; overlaps: boolean }>>();

  private noteCoroutineCall(fn: FunctionInfo, call: Syntax, runner: string | undefined, context: Context): void {
    const kind = context.execution.kind;
    const inline = (call.parent?.type === 'await' && !runner) || (runner !== undefined && ONE_AT_A_TIME_RUNNERS.has(runner));
    const overlaps = !inline || (kind !== 'main' && kind !== 'async');
    const calls = this.coroutineCalls.get(fn) ?? [];
    calls.push({ caller: kind === 'async' ? context.asyncFn : undefined, overlaps });
    this.coroutineCalls.set(fn, calls);
    const entry = runner !== undefined && LOOP_ENTRY_RUNNERS.has(runner);
    this.loopEntries.set(fn, entry && this.loopEntries.get(fn) !== false);
  }

  /** Coroutines the file runs as its event loop's first task (`asyncio.run(main())`), and only so: true. */
  private readonly loopEntries = new Map<FunctionInfo, boolean>();

  /**
   * Starts that are the same threads seen from several walks of one coroutine: each coroutine is walked on its own and
   * again for each shape of arguments it is called with, so `await asyncio.to_thread(bump, n)` in it is registered once
   * a walk. When the coroutine's activations never overlap (each awaited in turn), those starts are one start's
   * threads, not more of them; the first one registered stands for the others. Likewise a thread's code that is also
   * walked as a spawner.
   */
  private sameThreads(): Map<ThreadStart, ThreadStart> {
    const overlapping = new Set<FunctionInfo>();
    for (const [fn, calls] of this.coroutineCalls) if (calls.some((call) => call.overlaps)) overlapping.add(fn);
    // A coroutine awaited inside one whose activations overlap overlaps too.
    for (let changed = true; changed;) {
      changed = false;
      for (const [fn, calls] of this.coroutineCalls) {
        if (!overlapping.has(fn) && calls.some((call) => call.caller && overlapping.has(call.caller))) {
          overlapping.add(fn);
          changed = true;
        }
      }
    }
    const byId = new Map(this.executions.map((execution) => [execution.id, execution]));
    // So are the threads awaited on the spot at other calls of coroutines seen called only that way (`await
    // asyncio.to_thread(flush)` in `handle_bid`, again in `serve` after its loop): one chain of awaits runs them one
    // after another.
    const first = new Map<Syntax, ThreadStart>();
    let chain: ThreadStart | undefined;
    const same = new Map<ThreadStart, ThreadStart>();
    for (const start of this.starts) {
      const coroutine = start.madeIn === 'async' ? byId.get(start.madeBy)?.root?.fn : undefined;
      if (!coroutine || overlapping.has(coroutine) || start.call.parent?.type !== 'await') continue;
      const seen = first.get(start.call) ?? (this.coroutineCalls.has(coroutine) ? chain : undefined);
      if (seen) same.set(start, seen);
      else first.set(start.call, start);
      if (this.coroutineCalls.has(coroutine)) chain ??= start;
    }
    // A function that is both a thread's code and, on its own, a spawner (an accept loop started as a thread) is
    // walked twice: the starts the spawner walk made are the ones the thread's walk made at the same call.
    // Coroutines and callbacks handed to an event loop on a thread of its own all run on that thread.
    const loopThread = this.starts.find((start) => LOOP_THREAD_STARTS.has(start.via));
    for (const start of this.starts) if (loopThread && start !== loopThread && LOOP_THREAD_STARTS.has(start.via) && !same.has(start)) same.set(start, loopThread);
    // Tasks handed to a pool of one worker, from whichever call, all run on its one thread, one after another. (One
    // at a time from each of several coroutines running at once is not that, on a pool of more: each coroutine's is
    // beside the others'.)
    const byPool = new Map<string, ThreadStart>();
    for (const start of this.starts) {
      const maker = byId.get(start.madeBy);
      const oneAtATime = start.poolWorkers === 1 || (start.concurrency === 1 && !(maker && this.besideOtherTasks.has(maker)));
      // Rounds of one statement's literal, awaited together, run beside each other on the pool's workers.
      const together = start.madeWithRounds && start.poolWorkers !== 1;
      if (!start.pool || !oneAtATime || start.isProcess || same.has(start) || together) continue;
      const seen = byPool.get(start.pool);
      if (seen) same.set(start, seen);
      else byPool.set(start.pool, start);
    }
    const byThreads = new Map<Syntax, ThreadStart>();
    for (const start of this.starts) if (start.madeIn === 'thread' && !byThreads.has(start.call)) byThreads.set(start.call, start);
    for (const start of this.starts) {
      const twin = start.madeIn === 'spawner' ? byThreads.get(start.call) : undefined;
      if (twin && !same.has(start)) same.set(start, twin);
    }
    return same;
  }

  walkAlone(fn: FunctionInfo): FrameRecord | undefined {
    if (!fn.body) return undefined;
    const execution = this.newExecution('thread', undefined, 1);
    const frame = new Frame(fn, fn.scope, new Map(), this.closureFor(fn), 'private', true);
    return this.walkFrame(fn, frame, fn.isLambda ? [fn.body] : fn.body.children, execution, [fn], undefined, one());
  }

  private newExecution(kind: Execution['kind'], start: ThreadStart | undefined, instances: number): Execution {
    const execution: Execution = {
      id: this.nextId++, kind, start, instances, root: undefined, accesses: [], checks: [], blocking: [], window: false,
      startedThreads: false, joins: 0,
    };
    // Each walk has a budget of its own, so a huge main module cannot starve the threads' code of analysis.
    this.steps = 0;
    this.executions.push(execution);
    return execution;
  }

  /** Walks the queued coroutines from the `from`th on, those their walks queue too; returns how many are walked. */
  private walkQueuedCoroutines(from: number): number {
    let i = from;
    for (; i < this.coroutines.length && i < this.limits.maxStarts; i++) {
      const entry = this.coroutines[i];
      entry.walked = true;
      const { fn, frame, copies } = entry;
      const execution = this.newExecution('async', undefined, 1);
      this.copiesOf.set(execution, copies);
      // `gather(*(round_on_ward(w, pts) for w, pts in rounds))`: each round's coroutine is walked on its own, and the
      // threads each awaits run beside the others'.
      const tasks = this.coroutines.reduce((sum, other) => sum + (other.overlapping ? other.copies.value : 0), 0);
      if (entry.overlapping && tasks >= 2) this.besideOtherTasks.add(execution);
      if (entry.beside) {
        execution.window = true;
        this.running.set(execution, entry.beside);
      }
      execution.root = this.walkFrame(fn, frame, fn.body?.children ?? [], execution, [fn], fn, copies);
    }
    return i;
  }

  private closureFor(fn: FunctionInfo): Frame | undefined {
    const enclosing = this.evaluator.enclosingFunction(fn);
    return enclosing ? this.evaluator.genericFrame(enclosing) : undefined;
  }

  private walkThread(start: ThreadStart): void {
    // A task that submits tasks like itself (a crawler's fetch queueing the links it found) is one start that runs in
    // several threads at once: its walk follows the start once (see registerStart), so it counts two here.
    const respawned = start.count.value <= 1 && this.reachesOwnStart(start) ? 2 : start.count.value;
    const instances = Math.max(1, Math.min(respawned, start.concurrency));
    const execution = this.newExecution(start.isProcess ? 'process' : start.isTask ? 'task' : 'thread', start, instances);
    const entry = start.entry;
    if (!entry && start.storedTarget && this.walkStoredTargets(start, execution)) return;
    if (!entry || !entry.body) {
      const record: FrameRecord = { fn: undefined, frame: start.spawner, work: noWork(), items: [] };
      // `Timer(5, stop.set)` sets the event; `to_thread(t.join)` of a thread of unknown count stays a plain call.
      const synced = start.external && syncOf(start.external, start.externalSelf, start.args) ? start.externalSelf : undefined;
      if (start.external) record.work = this.externalEffectWork(start.external, start.args, start.call, execution, undefined, synced);
      const serving = this.limits.workload ? servingLoop(start, this.line(start.call)) : undefined;
      if (serving) record.work = serving;
      execution.root = record;
      return;
    }
    const args = this.evaluator.bindArguments(entry, start.args, start.self);
    // Without traces (the rules' walk), a thread whose code and arguments have the shape of one walked before, on
    // objects of its own, is that walk moved onto them. Traces name the objects they put to and take from, so the
    // workload's walk makes each.
    const objects: ObjectsMet = { keys: [], madeWith: (object) => object.ctor && (object.ctor.args ?? this.evaluator.callArgs(object.ctor.call, object.ctor.frame)) };
    const shape = this.limits.workload ? undefined : signatureOfShape(args, objects);
    const key = shape && `${entry.id}|${start.madeIn}|${execution.kind}|${instances}|${start.closure?.id ?? ''}|${shape}`;
    const earlier = key ? this.threadWalks.get(key) : undefined;
    const pairs = earlier && pairObjects(earlier.objects, objects.keys);
    if (earlier && pairs) {
      copyExecution(earlier.execution, execution, { pairs, firstFrame: earlier.firstFrame });
      return;
    }
    const before = this.footprint();
    const firstFrame = nextFrame();
    const frame = new Frame(entry, entry.scope, args, start.closure, 'private', false);
    const body = entry.isLambda ? [entry.body] : entry.body.children;
    execution.root = this.walkFrame(entry, frame, body, execution, [entry], start.isTask ? entry : undefined, one());
    // Only a walk that left nothing behind but its own record can stand for others: one that started threads, made
    // coroutines or fed queues did that for its own objects.
    if (key && !earlier && this.footprint() === before) this.threadWalks.set(key, { execution, objects: objects.keys, firstFrame });
  }

  /**
   * Whether the start's code makes the start again, several at once: it calls, by name, within the depth bound, the
   * function that makes the start, with a loop around the start or around one of the calls on the way. A Timer's job
   * that schedules the next one at its end runs one at a time.
   */
  private reachesOwnStart(start: ThreadStart): boolean {
    let maker: Syntax | undefined = start.call.parent;
    while (maker && !this.module.functionByNode.has(maker)) maker = maker.parent;
    const making = maker && this.module.functionByNode.get(maker);
    if (!making?.body || !start.entry) return false;
    const startLooped = insideLoop(start.call, making.body);
    // Each function once, or again when a loop is first met on the way to it.
    const reached = new Map<FunctionInfo, boolean>([[start.entry, false]]);
    let level = [{ fn: start.entry, looped: false }];
    for (let depth = 0; depth < this.limits.maxDepth && level.length > 0; depth++) {
      if (level.some(({ fn, looped }) => fn === making && (looped || startLooped))) return true;
      const next: typeof level = [];
      for (const { fn, looped } of level) {
        for (const { call, name } of this.callsIn(fn.body)) {
          for (const callee of name ? this.evaluator.functionsNamed(name) : []) {
            const calleeLooped = looped || insideLoop(call, fn.body!);
            if (reached.has(callee) && (reached.get(callee) || !calleeLooped)) continue;
            reached.set(callee, calleeLooped);
            next.push({ fn: callee, looped: calleeLooped });
          }
        }
      }
      level = next;
    }
    return false;
  }

  /** Thread walks that can stand for others of the same shape (see reuse.ts), by shape. */
  private readonly threadWalks = new Map<string, { execution: Execution; objects: readonly string[]; firstFrame: number }>();

  /**
   * How much a walk has left in the walker's own state, beside its execution, or read of main's (lists it filled): a
   * walk that adds and reads none of it leaves it as it was.
   */
  private footprint(): number {
    return this.starts.length + this.coroutines.length + this.putLoops.length + this.queueFills.size + this.queuesFedLive.size
      + this.queuesFedByMain.size + this.putsSeen.size + this.threadTables.size + this.storedCallables.length + this.storedIn.size
      + this.callLinks.length + this.loggingHandlers.length + this.loggingFilters.length + this.tasksByRunner.size + this.unjoinedTasks.size
      + this.coroutineCalls.size + this.pending.size + this.storedArguments.size + this.rowsStored + this.evaluator.filledReads + (this.truncated ? 1 : 0);
  }

  /**
   * A start whose callable is an item of a container runs one of the functions the file stores in containers that its
   * arguments fit (`PLUGINS[name] = fn` by a `@register` decorator): each is walked as that start's code, in an
   * execution of its own (the first in `execution`). False when none fits.
   */
  private walkStoredTargets(start: ThreadStart, execution: Execution): boolean {
    const fitting = this.storedCallables.filter((stored) => stored.fn.body && !stored.fn.isAsync && fitsArguments(stored.fn, start.args, !!stored.self));
    if (fitting.length === 0) return false;
    // `pool.submit(fn, **kw)` for `fn, kw` of a row: called with the arguments stored beside it.
    const splatOnly = onlySpread(start.args);
    fitting.forEach((stored, i) => {
      const into = i === 0 ? execution : this.newExecution(execution.kind, start, execution.instances);
      const given = splatOnly ? this.storedArguments.get(stored) ?? start.args : start.args;
      const args = this.evaluator.bindArguments(stored.fn, given, stored.self);
      const frame = new Frame(stored.fn, stored.fn.scope, args, stored.closure ?? this.closureFor(stored.fn), 'private', false);
      into.root = this.walkFrame(stored.fn, frame, stored.fn.body!.children, into, [stored.fn], undefined, one());
    });
    return true;
  }

  /** `spawners` and the functions that call them (by name, transitively), callers before callees. */
  private withCallers(spawners: FunctionInfo[]): FunctionInfo[] {
    const calls = new Map<FunctionInfo, Set<string>>();
    const calledBy = (fn: FunctionInfo): Set<string> => {
      let called = calls.get(fn);
      if (!called) {
        called = this.calledNames(fn.body);
        calls.set(fn, called);
      }
      return called;
    };
    const found = new Set(spawners);
    const functions = this.module.functions;
    const candidate = (fn: FunctionInfo) => !found.has(fn) && !fn.isLambda && !fn.isAsync;
    // Only a function whose text mentions a name can call it. A few names are looked for directly in each text;
    // past that, an index of the words of every function's text is cheaper. The list of functions grows as
    // bodies are built, so late ones are indexed and checked against every name looked for.
    let mentions: Map<string, FunctionInfo[]> | undefined;
    let indexed = 0;
    const indexLateFunctions = (): FunctionInfo[] => {
      const late: FunctionInfo[] = [];
      for (; indexed < functions.length; indexed++) {
        const fn = functions[indexed];
        if (fn.isLambda || fn.isAsync) continue;
        late.push(fn);
        for (const word of wordsIn(this.textOf(fn))) {
          const list = mentions!.get(word);
          if (list) list.push(fn);
          else mentions!.set(word, [fn]);
        }
      }
      return late;
    };
    // A constructor that makes threads (`self.thread = Thread(target=self.loop)`) is called by its class's name, and
    // its subclasses' (`JobWorker(jobs)`, then `worker.thread.start()`).
    const namesOf = (fn: FunctionInfo): string[] => (fn.name === '__init__' && fn.cls
      ? [fn.name, ...this.module.classes.filter((cls) => classChain(this.module, cls).includes(fn.cls!)).map((cls) => cls.name)]
      : [fn.name]);
    const names = [...new Set(spawners.flatMap(namesOf))];
    const looked = new Set(names);
    const consider = (fn: FunctionInfo, name: string): void => {
      if (!candidate(fn) || !mayCall(this.textOf(fn), name) || !calledBy(fn).has(name)) return;
      found.add(fn);
      if (!looked.has(fn.name)) {
        looked.add(fn.name);
        names.push(fn.name);
      }
    };
    const DIRECT_NAMES = 8;
    const knownBefore = functions.length;
    let direct = 0;
    for (;;) {
      while (names.length > 0) {
        const name = names.pop()!;
        if (!mentions && direct++ < DIRECT_NAMES) {
          for (let i = 0; i < functions.length; i++) {
            const fn = functions[i];
            if (candidate(fn) && this.textOf(fn).includes(name)) consider(fn, name);
          }
          continue;
        }
        if (!mentions) {
          mentions = new Map();
          indexLateFunctions();
        }
        for (const fn of mentions.get(name) ?? []) consider(fn, name);
        for (const fn of indexLateFunctions()) for (const seen of looked) consider(fn, seen);
      }
      // Functions defined in bodies built meanwhile were not seen by the names looked for directly: once more, indexed.
      if (mentions || functions.length === knownBefore) break;
      mentions = new Map();
      indexLateFunctions();
      for (const seen of looked) for (const fn of mentions.get(seen) ?? []) consider(fn, seen);
      if (names.length === 0) break;
    }
    // Callers first: a function some other found function calls is walked after them.
    const callers = new Map<string, number>();
    for (const fn of found) for (const name of calledBy(fn)) callers.set(name, (callers.get(name) ?? 0) + 1);
    const calledByOthers = (fn: FunctionInfo) => (callers.get(fn.name) ?? 0) - (calledBy(fn).has(fn.name) ? 1 : 0) > 0;
    const order = new Map(this.module.functions.map((fn, i) => [fn, i]));
    const list = [...spawners, ...[...found].filter((fn) => !spawners.includes(fn)).sort((a, b) => order.get(a)! - order.get(b)!)];
    return [...list.filter((fn) => !calledByOthers(fn)), ...list.filter(calledByOthers)];
  }

  private calledNames(body: Syntax | undefined): Set<string> {
    const names = new Set<string>();
    for (const { name } of this.callsIn(body)) if (name) names.add(name);
    return names;
  }

  /** The calls a body makes itself (not those of functions it defines), with the name called; found once. */
  private callsIn(body: Syntax | undefined): ReadonlyArray<{ call: Syntax; callee: Syntax | undefined; name?: string }> {
    if (!body) return [];
    let calls = this.callsByBody.get(body);
    if (calls) return calls;
    calls = [];
    const pending: Syntax[] = [body];
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (node !== body && NESTED_SCOPES.has(node.type)) continue;
      if (node.type === 'call') {
        const callee = node.children[0];
        const nameNode = callee?.type === 'attribute' ? callee.children[callee.children.length - 1] : callee;
        calls.push({ call: node, callee, name: nameNode?.type === 'identifier' ? this.evaluator.text(nameNode) : undefined });
      }
      for (const child of node.children) pending.push(child);
    }
    this.callsByBody.set(body, calls);
    return calls;
  }

  private readonly callsByBody = new Map<Syntax, Array<{ call: Syntax; callee: Syntax | undefined; name?: string }>>();

  /**
   * `q.put(None)`: a sentinel, not an item. Put by a producer, it closes the queue: readers stop once it is empty,
   * even while the producer (main, joining them) still runs. Forwarded in a branch of a reading loop (`if item is
   * None: out.put(None); break`), it is left out: a trace has no branches, and every round would close the queue; the
   * reader downstream stops anyway once that loop's thread is done.
   */
  /** Each put of an item: the outermost loop around it in its frame, and that frame's record (see fedBackToBack). */
  private readonly putLoops: Array<{ object: string; loop: Syntax | undefined; record: FrameRecord | undefined }> = [];

  /**
   * Queues whose every put is made in a loop that neither waits nor takes from a queue itself (`for order in orders:
   * inbox.put(order)`): the items come back to back, so a taker waits for none but the first.
   */
  private fedBackToBack(): Set<string> {
    // Worked out again only once more puts have been seen (each `for x in iter(q.get, None)` a thread walks asks).
    if (this.backToBack?.puts === this.putLoops.length) return this.backToBack.queues;
    const steady = new Set<string>();
    const waiting = new Set<string>();
    for (const { object, loop, record } of this.putLoops) {
      const item = loop && record?.items.find((each) => each.kind === 'loop' && each.node === loop);
      const work = item ? item.work : undefined;
      if (!work || work.sleepSeconds > 0 || work.blocks > 0 || work.opaque > 0 || work.awaitsItems || Object.keys(work.native).length > 0) waiting.add(object);
      else steady.add(object);
    }
    for (const object of waiting) steady.delete(object);
    this.backToBack = { puts: this.putLoops.length, queues: steady };
    return steady;
  }

  private backToBack: { readonly puts: number; readonly queues: Set<string> } | undefined;

  /**
   * The key of the first put into a queue a function made, by where it was made: the function's frame for the call
   * that filled it and the one a caller's value of its result has differ (`inbox = build_inbox(400)`).
   */
  private readonly queuesMadeAt = new Map<Syntax, string>();

  /** Items put in each queue before any thread ran (see notePut); `unknown` when a count was not known. */
  private readonly queueFills = new Map<string, number | 'unknown'>();
  /** Queues a thread puts items in. */
  private readonly queuesFedLive = new Set<string>();
  /** Queues the main thread (or a spawner) puts items in while threads run: counted in queueFills too. */
  private readonly queuesFedByMain = new Set<string>();
  /** Where the main thread (or a spawner) puts items in queues, by the offset of the method's name. */
  private readonly putsSeen = new Set<number>();
  private everyPutSeen: boolean | undefined;
  /** Puts into queues known by name made by any walk, threads' included: all of them, once the walks are over. */
  private readonly putsSeenByAny = new Set<number>();

  /**
   * A put: of an item before the threads start, it fills the queue; after, or by a thread, it feeds it. A sentinel
   * (`put(None)`) adds no work.
   */
  private notePut(object: string, call: Syntax, execution: Execution, context: Context | undefined, sentinel: boolean, queue?: Value): void {
    const made = madeIn(queue);
    if (made && !this.queuesMadeAt.has(made)) this.queuesMadeAt.set(made, object);
    if (!sentinel) this.putLoops.push({ object, loop: context?.loops[0], record: context?.record });
    const callee = call.children[0];
    const at = callee?.type === 'attribute' ? callee.children[callee.children.length - 1].start : undefined;
    if (at !== undefined) this.putsSeenByAny.add(at);
    if (execution.kind !== 'main' && execution.kind !== 'spawner') {
      if (!sentinel) this.queuesFedLive.add(object);
      return;
    }
    if (at !== undefined) this.putsSeen.add(at);
    if (sentinel) return;
    if (execution.window) this.queuesFedByMain.add(object);
    const rounds = context?.multiplier;
    const known = this.queueFills.get(object);
    this.queueFills.set(object, known === 'unknown' || !rounds?.known ? 'unknown' : (known ?? 0) + rounds.value);
  }

  /**
   * The items a queue holds for its takers when it was filled before any thread ran and nothing else puts in it:
   * every `.put(` the file writes is one the main thread's walk made then.
   */
  private prefilledItems(object: string, fedLive = false, walked = false): number | undefined {
    const items = this.queueFills.get(object);
    if (typeof items !== 'number' || items <= 0 || this.queuesFedLive.has(object)) return undefined;
    // With `fedLive`, also items put while the threads run, by loops that do not wait (`for order in orders:
    // inbox.put(order)`): they come back to back, as good as there from the start. (The main thread's walk is over
    // before any thread's.)
    if (this.queuesFedByMain.has(object) && (!fedLive || !this.fedBackToBack().has(object))) return undefined;
    // Once every walk is over (`walked`), a put a thread made into another queue is accounted for too.
    const seen = walked ? this.putsSeenByAny : this.putsSeen;
    const every = (walked ? undefined : this.everyPutSeen) ?? ['put', 'put_nowait'].every((method) => this.module.words.occurrences(method)
      .every((at) => this.module.source[at - 1] !== '.' || seen.has(at)));
    if (!walked) this.everyPutSeen = every;
    return every ? items : undefined;
  }

  /**
   * A deque taken from with `popleft()` that the file also grows by that name (`self.queue.append(url)` in a crawler
   * that offers the links it finds), or a list popped by a method of a class that another of its methods grows
   * (`self._idle.pop()` in a pool's checkout, `self._idle.append(conn)` in its checkin: a free list): its length when
   * the threads start does not bound the takes.
   */
  private refilled(call: Syntax): boolean {
    const callee = call.children[0];
    const method = callee?.type === 'attribute' ? this.evaluator.text(callee.children[callee.children.length - 1]) : undefined;
    if (method === 'pop') return this.grownByItsClass(callee!.children[0]);
    if (method !== 'popleft') return false;
    const receiver = callee!.children[0];
    const last = receiver?.type === 'attribute' ? receiver.children[receiver.children.length - 1] : receiver;
    if (last?.type !== 'identifier') return true;
    return this.grownAs(this.evaluator.text(last), this.module.root);
  }

  /** `self.<name>`, grown (`self.<name>.append(...)`) somewhere in the class whose method spells it. */
  private grownByItsClass(receiver: Syntax | undefined): boolean {
    if (receiver?.type !== 'attribute' || receiver.children[0]?.type !== 'identifier' || this.evaluator.text(receiver.children[0]) !== 'self') return false;
    let cls = receiver.parent;
    while (cls && cls.type !== 'class_definition') cls = cls.parent;
    return !!cls && this.grownAs(`self.${this.evaluator.text(receiver.children[receiver.children.length - 1])}`, cls);
  }

  /** A growing method (`append`, `extend`...) called on `spelled` (a name, or `self.name`) within `within`. */
  private grownAs(spelled: string, within: Syntax): boolean {
    const source = this.module.source;
    return [...GROWING_METHODS].some((method) => this.module.words.occurrences(method)
      .some((at) => at >= within.start && at < within.end && source[at - 1] === '.' && source.slice(Math.max(0, at - 1 - spelled.length), at - 1) === spelled
        && !/\w/.test(source[at - 2 - spelled.length] ?? '')));
  }

  private sentinelOf(call: Syntax, object: string): SyncOp | undefined {
    let branch = false;
    for (let at = call.parent; at && !NESTED_SCOPES.has(at.type); at = at.parent) {
      if (at.type === 'if_statement' || at.type === 'elif_clause' || at.type === 'else_clause') branch = true;
      if ((at.type === 'for_statement' || at.type === 'while_statement') && branch) return undefined;
    }
    return { op: 'close', object };
  }

  /**
   * The queue operation a method of a hand-written buffer stands for: its class has a method that waits on a
   * condition and takes an item out (`get`, `pop`, `take`...) and one that puts an item in and notifies (`put`,
   * `push`...); a `close` that notifies ends the readers' loops. Undefined for any other method or class.
   */
  private queueLikeOp(fn: FunctionInfo): 'get' | 'put' | 'close' | undefined {
    const cls = fn.cls;
    if (!cls) return undefined;
    let ops = this.queueLikeClasses.get(cls);
    if (!ops) {
      ops = new Map();
      const kinds = new Map<FunctionInfo, 'get' | 'put' | 'close'>();
      for (const method of this.module.functions) {
        if (method.cls !== cls || !method.body) continue;
        const called = this.calledNames(method.body);
        const takes = called.has('popleft') || called.has('pop') || called.has('heappop');
        const adds = called.has('append') || called.has('appendleft') || called.has('heappush');
        if (QUEUE_GETS.has(method.name) && called.has('wait') && takes) kinds.set(method, 'get');
        const notifies = called.has('notify') || called.has('notify_all');
        if (QUEUE_PUTS.has(method.name) && adds && notifies) kinds.set(method, 'put');
        // `close()` wakes the readers to find nothing more will come: they end once the buffer is empty.
        if (QUEUE_CLOSES.has(method.name) && notifies) kinds.set(method, 'close');
      }
      const values = [...kinds.values()];
      if (values.includes('get') && values.includes('put')) ops = kinds;
      this.queueLikeClasses.set(cls, ops);
    }
    return ops.get(fn);
  }

  private readonly queueLikeClasses = new Map<ClassInfo, Map<FunctionInfo, 'get' | 'put' | 'close'>>();

  private lambdaWords: WordHits | undefined;

  /**
   * The calls in a body and in the lambdas it makes, which it may hand on to run
   * (`map(lambda fn: Thread(target=fn), targets)`).
   */
  private callsAndLambdaCallsIn(body: Syntax | undefined): ReturnType<Walker['callsIn']> {
    const calls = this.callsIn(body);
    this.lambdaWords ??= this.hits(/\blambda\b/g);
    if (!body || !this.lambdaWords.within(body.start, body.end)) return calls;
    let withLambdas = this.lambdaCallsByBody.get(body);
    if (!withLambdas) {
      const lambdas: Syntax[] = [];
      walk(body, (node) => {
        if (node === body) return undefined;
        if (node.type === 'lambda') lambdas.push(node);
        return !NESTED_SCOPES.has(node.type);
      });
      withLambdas = [...calls, ...lambdas.flatMap((lambda) => this.callsIn(lambda))];
      this.lambdaCallsByBody.set(body, withLambdas);
    }
    return withLambdas;
  }

  private readonly lambdaCallsByBody = new Map<Syntax, ReturnType<Walker['callsIn']>>();

  /**
   * How deep calls are followed. A spawner is walked to find the starts it makes and what it does beside them, one
   * call deep (so a caller gives its targets to a helper that starts the threads); a helper that starts threads is a
   * spawner of its own. A coroutine's helpers matter a few calls deep (a blocking call behind a sync helper);
   * threads and the main thread get the full depth.
   */
  private depthFor(execution: Execution): number {
    if (execution.kind === 'spawner') return Math.min(this.limits.maxDepth, 1);
    if (execution.kind === 'async') return Math.min(this.limits.maxDepth, 4);
    return this.limits.maxDepth;
  }

  /**
   * Does one of the calls named like a start really start something, seen on its own (`pool.map` on a pool, not
   * `itertools.map` or a dict)? A method named like a pool's on an object we cannot type counts, except `map`.
   */
  private startsSomething(fn: FunctionInfo): boolean {
    const frame = this.evaluator.genericFrame(fn);
    for (const { call, callee, name } of this.callsAndLambdaCallsIn(fn.body)) {
      if (this.passesThreadClass(call)) return true;
      if (callee?.type === 'call' && (this.picksThreadClass(callee) || this.getsThreadClass(callee))) return true;
      // `Stage.registry[name](...)`: one of the classes in a table, each maybe a thread.
      if (callee?.type === 'subscript' && recognizeSpawn(this.evaluator, this.evaluator.evaluate(callee, frame), call, frame)) return true;
      if (!name || !callee) continue;
      // `matcher_cls(...)` of a parameter whose default is a Thread subclass (or threading.Thread).
      if (callee.type === 'identifier' && fn.params.some((param) => param.name === name && this.namesThreadMaker(param.defaultValue))) return true;
      // `[cls(section, board) for cls, section in sections]` over a table the function spells of Thread subclasses,
      // or `cls = KILN_TYPES.get(wood, BaseKiln)` of a module table of them.
      if (callee.type === 'identifier' && resolveName(scopeOf(this.module, callee), name, this.module.scope)?.sites
        .some((site) => site.kind === 'assign' && (site.iterable ? this.tableNamesThreadClass(site.iterable) : this.takenFromThreadTable(site.value)))) return true;
      // `self.thread_cls(...)` of what `__init__` kept from such a parameter.
      if (callee.type === 'attribute' && fn.cls && this.keptThreadClass(fn.cls, callee)) return true;
      const spawnName = SPAWN_NAMES.has(name);
      if (!spawnName && callee.type === 'attribute') continue;
      const value = this.evaluator.evaluate(callee, frame);
      if (recognizeSpawn(this.evaluator, value, call, frame)) return true;
      if (value.kind === 'class' && isThreadClass(this.evaluator, value.cls)) return true;
      // `threading.Thread(name=..., **thread_kwargs)`: the target comes in keywords only the callers spell.
      if (value.kind === 'external' && THREAD_CONSTRUCTORS.has(canonicalType(value.name)) && (call.children[1]?.children ?? []).some((arg) => arg.type === 'dictionary_splat')) return true;
      if (spawnName && name !== 'map' && callee.type === 'attribute' && value.kind === 'unknown') return true;
      // `def timed_map(pool, fn, items): pool.map(fn, items)`: the callers say whether the parameter is a pool.
      if (name === 'map' && callee.type === 'attribute' && value.kind === 'unknown'
        && (this.madeByParameter(callee.children[0], fn) || this.isParameter(callee.children[0], fn))) return true;
    }
    return false;
  }

  /**
   * `self.thread_cls`, set in `__init__` from a parameter whose default makes threads (`thread_cls=LoomThread`,
   * `spawn=threading.Thread`).
   */
  private keptThreadClass(cls: ClassInfo, attribute: Syntax): boolean {
    const init = cls.methods.get('__init__');
    const self = init?.params[0]?.name;
    if (!init?.body || !self || !this.givenThreadMaker(cls)) return false;
    const held = this.evaluator.text(attribute);
    return init.body.children.some((statement) => {
      const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
      if (assignment?.type !== 'assignment') return false;
      const { left, right } = assignmentParts(assignment);
      if (!left || right?.type !== 'identifier' || this.evaluator.text(left) !== held || !held.startsWith(`${self}.`)) return false;
      return this.threadMakerParams(cls).has(this.evaluator.text(right));
    });
  }

  /** Does the class's `__init__` take a parameter that makes threads (see threadMakerParams)? */
  private givenThreadMaker(cls: ClassInfo): boolean {
    return this.threadMakerParams(cls).size > 0;
  }

  /**
   * The parameters of the class's `__init__` that make threads when called: by their default (see namesThreadMaker),
   * or by what a construction hands them (`Shift(heckler, functools.partial(threading.Thread, daemon=False))`).
   */
  private threadMakerParams(cls: ClassInfo): ReadonlySet<string> {
    const known = this.threadMakersGiven.get(cls);
    if (known) return known;
    if (!this.spellsThreadMaker()) return NO_NAMES;
    const init = cls.methods.get('__init__');
    const params = init?.params ?? [];
    const given = new Set(params.filter((param) => this.namesThreadMaker(param.defaultValue)).map((param) => param.name));
    const calls = init && this.module.words.occurrences('partial').length > 0 ? this.evaluator.constructionCalls(cls) : [];
    for (const call of calls) {
      const args = (call.children[1]?.children ?? []).filter((arg) => arg.type !== 'comment');
      args.forEach((arg, i) => {
        const keyword = arg.type === 'keyword_argument' ? this.evaluator.text(arg.children[0]) : undefined;
        const name = keyword ?? (arg.type === 'list_splat' || arg.type === 'dictionary_splat' ? undefined : params[i + 1]?.name);
        if (name && this.partialOfThreadMaker(arg.type === 'keyword_argument' ? arg.children[1] : arg)) given.add(name);
      });
    }
    this.threadMakersGiven.set(cls, given);
    return given;
  }

  private readonly threadMakersGiven = new Map<ClassInfo, ReadonlySet<string>>();

  /**
   * Whether the file's text spells the name of a thread constructor (`Thread`, `Timer`, `start_new_thread`...), in
   * code or not: nothing can name one, or a Thread subclass, in a file that does not. Most files with defaults and
   * classes spell none, and evaluating a default can read much of the module (the standard library's `ast`: 40%
   * of its analysis).
   */
  private spellsThreadMaker(): boolean {
    this.threadMakerSpelled ??= [...THREAD_CONSTRUCTORS.keys()].some((name) => {
      const word = name.slice(name.lastIndexOf('.') + 1);
      return this.module.words.occurrences(word).length > 0;
    });
    return this.threadMakerSpelled;
  }

  private threadMakerSpelled: boolean | undefined;

  /** `functools.partial(threading.Thread, daemon=False)`: threads made with some arguments given beforehand. */
  private partialOfThreadMaker(node: Syntax | undefined): boolean {
    const callee = node?.type === 'call' ? node.children[0] : undefined;
    return !!callee && /(^|\.)partial$/.test(this.evaluator.text(callee)) && this.namesThreadMaker(node!.children[1]?.children[0]);
  }

  /** A default that makes threads when called: a Thread subclass of this file, or `threading.Thread` itself. */
  private namesThreadMaker(node: Syntax | undefined): boolean {
    if (!node || !this.spellsThreadMaker()) return false;
    if (this.namesThreadClass(node)) return true;
    if (node.type !== 'attribute' && node.type !== 'identifier') return false;
    const value = this.evaluator.evaluate(node, this.evaluator.moduleFrame);
    return value.kind === 'external' && THREAD_CONSTRUCTORS.has(canonicalType(value.name));
  }

  /** The module's names of its Thread subclasses. */
  private threadClassNames(): ReadonlySet<string> {
    this.threadClasses ??= new Set([...this.spawnBindings()].filter((name) => this.module.scope.bindings.get(name)?.sites
      .some((site) => site.kind === 'class' && isThreadClass(this.evaluator, site.cls))));
    return this.threadClasses;
  }

  private threadClasses: Set<string> | undefined;

  /** Does this call hand a Thread subclass of this file, by its name, to a function (`spawn_pool(Worker, 3)`)? */
  private passesThreadClass(call: Syntax): boolean {
    const list = call.children[1];
    if (list?.type !== 'argument_list' || call.children[0]?.type === 'attribute') return false;
    const classes = this.threadClassNames();
    if (classes.size === 0) return false;
    return list.children.some((argument) => {
      const value = argument.type === 'keyword_argument' ? argument.children[1] : argument;
      // `start_monitors(specs)` of a module table whose rows name Thread subclasses (`(ThermalMonitor, "battery", {...})`).
      const table = value?.type === 'identifier' ? this.module.scope.bindings.get(this.evaluator.text(value))?.sites : undefined;
      if (table?.length === 1 && table[0].kind === 'assign' && !table[0].iterable && table[0].value && this.tableNamesThreadClass(table[0].value)) return true;
      // `build_crew(farm, plan, {"north": LeachWorker, "middle": GaugingWorker})`: a table spelled in the call.
      if ((value?.type === 'dictionary' || value?.type === 'list' || value?.type === 'tuple') && this.tableNamesThreadClass(value)) return true;
      // Only a name some Thread subclass of the module has is resolved (resolving builds scopes, which adds functions).
      if (value?.type !== 'identifier' || !classes.has(this.evaluator.text(value))) return false;
      const binding = resolveName(scopeOf(this.module, value), this.evaluator.text(value), this.module.scope);
      return !!binding?.sites.some((site) => site.kind === 'class' && isThreadClass(this.evaluator, site.cls));
    });
  }

  /** Is this receiver one of the function's own parameters (not `self`)? */
  private isParameter(receiver: Syntax | undefined, fn: FunctionInfo): boolean {
    if (receiver?.type !== 'identifier') return false;
    const name = this.evaluator.text(receiver);
    return fn.params.some((param, i) => param.name === name && !(i === 0 && fn.cls));
  }

  /**
   * Is this receiver made by calling a parameter (`with executor_cls(max_workers=2) as pool: pool.map(...)`)? Its
   * callers say which pool class it is.
   */
  private madeByParameter(receiver: Syntax | undefined, fn: FunctionInfo): boolean {
    if (receiver?.type !== 'identifier') return false;
    const binding = resolveName(scopeOf(this.module, receiver), this.evaluator.text(receiver), this.module.scope);
    return !!binding?.sites.some((site) => {
      const made = site.kind === 'assign' ? site.value : undefined;
      const factory = made?.type === 'call' ? made.children[0] : undefined;
      return factory?.type === 'identifier' && fn.params.some((param) => param.name === this.evaluator.text(factory));
    });
  }

  /** Does this argument list pass one of these names, itself or to a constructor (`append(handler)`, `append(Job(cb))`)? */
  private passesAny(argumentList: Syntax | undefined, names: ReadonlySet<string>): boolean {
    const named = (node: Syntax | undefined) => node?.type === 'identifier' && names.has(this.evaluator.text(node));
    // Also in a row stored whole (`self._jobs.append((name, target, kwargs))`).
    return !!argumentList?.children.some((argument) => named(argument)
      || (argument.type === 'call' && !!argument.children[1]?.children.some((inner) => named(inner)))
      || (argument.type === 'tuple' && argument.children.some((inner) => named(inner))));
  }

  /**
   * Can a call of `fn` neither start, join nor hand work to a thread, nor take a lock, nor make a coroutine,
   * however deep it goes? Then, made while no thread runs, its accesses race nothing and the rules' walk skips it.
   * Decided from its text (no thread or lock word), the functions and classes of this file it calls by name (each
   * inert too), and no call of a parameter (a callback could be anything).
   */
  private inert(fn: FunctionInfo, depth: number): boolean {
    const known = this.inertness.get(fn);
    if (known !== undefined) return known;
    // In a cycle, the answer comes from the rest of it; deeper than this, give up.
    if (this.deciding.has(fn)) return true;
    if (depth > 16) return false;
    this.deciding.add(fn);
    let inert = !fn.isAsync && !fn.isLambda && !!fn.body;
    if (inert) {
      // `", ".join(parts)` and `os.path.join(...)` join strings, never threads.
      this.threadWords ??= this.hits(new RegExp(`${this.spawnWords().source}|\\b(start|run|acquire|release|async|await|asyncio|locked|wait|notify|notify_all|shutdown|Lock|RLock|Condition|Semaphore|BoundedSemaphore|Event)\\b|(?<!(['"]|\\bos\\.path)\\.)\\bjoin\\b`, 'g'));
      inert = !this.threadWords.within(fn.node.start, fn.node.end);
    }
    // A classmethod of a Thread subclass may make its threads as `cls.families[kind](...)`, which no word says.
    if (inert && fn.cls && fn.decorators.includes('classmethod') && isThreadClass(this.evaluator, fn.cls)) inert = false;
    if (inert) {
      // A decorator's wrapper calls the function it wraps by a parameter of the function around it (`fn(*args)`):
      // as unknown as a call of its own parameter.
      const params = new Set(fn.params.map((param) => param.name));
      for (let outer = this.evaluator.enclosingFunction(fn); outer; outer = this.evaluator.enclosingFunction(outer)) {
        for (const param of outer.params) params.add(param.name);
      }
      for (const { call, callee, name } of this.callsIn(fn.body)) {
        // `registry.subscribe("sample")(stats.record)`: what a call returned, called, may store its argument too.
        if (callee?.type === 'call') {
          inert = false;
          break;
        }
        if (!name) continue;
        if (callee?.type === 'identifier' && (params.has(name) || this.itemOfParameter(callee, params))) {
          inert = false;
          break;
        }
        // `self.handlers.append(handler)`: it may store a callback a thread calls later.
        if (callee?.type === 'attribute' && STORING_METHODS.has(name) && this.passesAny(call.children[1], params)) {
          inert = false;
          break;
        }
        if (this.namedInFile(name).some((target) => !this.inert(target, depth + 1))) {
          inert = false;
          break;
        }
        // `self._starter(fn, name)` of `self._starter = starter or self._default_starter`: the functions it is set to.
        if (callee?.type === 'attribute' && this.attributeSetTo(name).some((target) => !this.inert(target, depth + 1))) {
          inert = false;
          break;
        }
      }
      // `self.jobs = {"rebuild": indexer.rebuild}`, `self.jobs[name] = handler`: a callback kept for later.
      if (inert && /[{\]]/.test(this.module.source.slice(fn.node.start, fn.node.end)) && keepsParameter(fn.body, params, (node) => this.evaluator.text(node))) {
        inert = false;
      }
      // `@bus.on("IN") def car_entered(...)` inside it: a decorator of an object's method may keep the function.
      if (inert && fn.body && this.registersNestedFunction(fn.body)) inert = false;
    }
    this.deciding.delete(fn);
    // A "yes" reached inside a cycle may rest on the function still being decided: only the outermost is kept.
    if (!inert || this.deciding.size === 0) this.inertness.set(fn, inert);
    return inert;
  }

  /** `cls(...)` for `source, cls in kinds.items()` of a parameter `kinds`: an item of what the caller handed in. */
  private itemOfParameter(callee: Syntax, params: ReadonlySet<string>): boolean {
    const sites = resolveName(scopeOf(this.module, callee), this.evaluator.text(callee), this.module.scope)?.sites ?? [];
    return sites.some((site) => site.kind === 'assign' && !!site.iterable && [...params].some((param) => this.mentions(site.iterable, param)));
  }

  /** Does the body define a function under a decorator called on an object (`@bus.on("IN")`, `@registry.add`)? */
  private registersNestedFunction(body: Syntax): boolean {
    let registers = false;
    walk(body, (node) => {
      if (registers) return false;
      if (node.type === 'decorator') {
        const expression = node.children[0];
        const head = expression?.type === 'call' ? expression.children[0] : expression;
        if (head?.type === 'attribute' && head.children[0]?.type === 'identifier' && !['functools', 'abc', 'contextlib'].includes(this.evaluator.text(head.children[0]))) registers = true;
        return false;
      }
      return node.type !== 'class_definition';
    });
    return registers;
  }

  /** The functions of this file named in what the file stores as `x.name = ...` (by their last names). */
  private attributeSetTo(name: string): FunctionInfo[] {
    let functions = this.attributeFunctions.get(name);
    if (functions) return functions;
    functions = [];
    const source = this.module.source;
    for (const at of this.module.words.occurrences(name)) {
      if (at === 0 || source[at - 1] !== '.') continue;
      const attribute = nodeAt(this.module.root, at).parent;
      const assignment = attribute?.parent;
      if (attribute?.type !== 'attribute' || assignment?.type !== 'assignment' || assignment.children[0] !== attribute) continue;
      // `self._runner = runner` of a parameter `runner: Runner = spawn`: what its default names too.
      const params = this.evaluator.functionAt(at)?.params ?? [];
      const named = (root: Syntax) => walk(root, (node) => {
        if (node.type === 'lambda' || COMPREHENSION_TYPES.has(node.type)) return false;
        const last = node.type === 'attribute' ? node.children[node.children.length - 1] : node.type === 'identifier' ? node : undefined;
        const text = last && this.evaluator.text(last);
        if (text) for (const fn of this.namedInFile(text)) if (!functions!.includes(fn)) functions!.push(fn);
        const param = node.type === 'identifier' ? params.find((each) => each.name === text) : undefined;
        if (param?.defaultValue) named(param.defaultValue);
        return node.type !== 'attribute';
      });
      named(assignment.children[assignment.children.length - 1]!);
    }
    this.attributeFunctions.set(name, functions);
    return functions;
  }

  private readonly attributeFunctions = new Map<string, FunctionInfo[]>();

  /** The rules' walk skips what main does while none of its threads run, when it cannot start or touch a thread. */
  private skipsInert(fn: FunctionInfo, context: Context): boolean {
    const kind = context.execution.kind;
    return !this.limits.workload && (kind === 'main' || kind === 'spawner') && !context.execution.window && !fn.isAsync && !!fn.body && this.inert(fn, 0);
  }

  private readonly inertness = new Map<FunctionInfo, boolean>();
  private readonly deciding = new Set<FunctionInfo>();
  private threadWords: WordHits | undefined;
  private lockWords: WordHits | undefined;
  private whileWords: WordHits | undefined;
  private nextWords: WordHits | undefined;
  private namesIndexed = 0;
  private readonly functionsByName = new Map<string, FunctionInfo[]>();

  /** Functions of this file with this name, and the constructors of its classes with this name. */
  private namedInFile(name: string): FunctionInfo[] {
    const functions = this.module.functions;
    for (; this.namesIndexed < functions.length; this.namesIndexed++) {
      const fn = functions[this.namesIndexed];
      // A class's construction runs its __init__: found under the class's name too.
      const names = fn.cls && (fn.name === '__init__' || fn.name === '__new__' || fn.name === '__post_init__') ? [fn.name, fn.cls.name] : [fn.name];
      for (const key of names) {
        const list = this.functionsByName.get(key);
        if (list) list.push(fn);
        else this.functionsByName.set(key, [fn]);
      }
    }
    return this.functionsByName.get(name) ?? [];
  }

  /** Does this body run an event loop (`asyncio.run(main())`, `loop.run_until_complete(...)`)? */
  private runsCoroutines(body: Syntax | undefined, frame: Frame): boolean {
    for (const { callee, name } of this.callsIn(body)) {
      if (name !== 'run' && name !== 'run_until_complete') continue;
      const value = callee ? this.evaluator.evaluate(callee, frame) : undefined;
      if (value?.kind === 'external' && TASK_RUNNERS.get(canonicalType(value.name)) === 'run') return true;
    }
    return false;
  }

  /** Where a word pattern occurs in the module, found in one pass over the source rather than once per function. */
  private hits(pattern: RegExp): WordHits {
    return new WordHits(this.module.source, pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`), this.module.spans);
  }

  /** A function's source text. */
  private textOf(fn: FunctionInfo): string {
    return this.module.source.slice(fn.node.start, fn.node.end);
  }

  /**
   * The words a body must contain to start a thread: the API's names, and the local names of imports of them and
   * of Thread subclasses. A body without any of them is not looked into for starts.
   */
  private spawnWords(): RegExp {
    return new RegExp(`\\b(${alternatives([...SPAWN_NAMES, ...this.spawnBindings()])})\\b`);
  }

  /**
   * Module names bound to a start API (`from threading import Thread as T`), to a Thread subclass, to a function
   * that returns one, or to a table the file spells of Thread subclasses (`WORKER_TYPES = {"thumbnail":
   * ThumbnailWorker, ...}`).
   */
  private spawnBindings(): Set<string> {
    if (this.spawnNames) return this.spawnNames;
    const names = new Set<string>();
    const threadClass = (node: Syntax) => node.type === 'identifier' && !!resolveName(this.module.scope, this.evaluator.text(node), this.module.scope)?.sites
      .some((site) => site.kind === 'class' && isThreadClass(this.evaluator, site.cls));
    const decorated = this.module.classes.some((cls) => cls.node.parent?.type === 'decorated_definition' && isThreadClass(this.evaluator, cls));
    for (const binding of this.module.scope.bindings.values()) {
      for (const site of binding.sites) {
        if (site.kind === 'import' && SPAWN_NAMES.has(site.qualified.split('.').pop()!)) names.add(binding.name);
        if (site.kind === 'class' && isThreadClass(this.evaluator, site.cls)) names.add(binding.name);
        const table = site.kind === 'assign' ? site.value : undefined;
        // `TOOLS = {cls.tool: cls for cls in (SpadeCutter, SlaneCutter)}`: a comprehension over a literal of them.
        const comprehended = table?.type === 'dictionary_comprehension' || table?.type === 'list_comprehension'
          ? table.children.find((clause) => clause.type === 'for_in_clause')?.children[1] : undefined;
        const spelled = comprehended?.type === 'tuple' || comprehended?.type === 'list' ? comprehended : table;
        if ((spelled?.type === 'dictionary' || spelled?.type === 'list' || spelled?.type === 'tuple')
          && spelled.children.some((item) => threadClass(item.type === 'pair' ? item.children[1] : item))) {
          names.add(binding.name);
          this.threadTables.add(binding.name);
        }
        // `PLUGIN_TYPES = {}` filled by a class decorator (`@plugin("primes")` on Thread subclasses).
        if (table?.type === 'dictionary' && table.children.length === 0 && decorated
          && this.evaluator.registeredClasses(`g:${binding.name}`).some((cls) => isThreadClass(this.evaluator, cls))) {
          names.add(binding.name);
          this.threadTables.add(binding.name);
        }
      }
    }
    // `def firing_class(batch): return GlazedFiring if ... else BaseFiring`: a function that picks one of them. (Only
    // a function whose text names one has its body built.)
    const classes = [...names].filter((name) => this.module.scope.bindings.get(name)?.sites.some((site) => site.kind === 'class'));
    for (const binding of classes.length > 0 ? this.module.scope.bindings.values() : []) {
      for (const site of binding.sites) {
        if (site.kind !== 'function' || site.fn.isAsync || !classes.some((name) => this.textOf(site.fn).includes(name))) continue;
        const returns = site.fn.body ? returnExpressions(site.fn.body) : [];
        if (returns.length > 0 && returns.every((value) => threadClass(value)
          || (value.type === 'conditional_expression' && value.children.filter((_, i) => i !== 1).every(threadClass)))) names.add(binding.name);
      }
    }
    this.spawnNames = names;
    return names;
  }

  private spawnNames: Set<string> | undefined;
  /** Module names of tables of Thread subclasses (see spawnBindings). */
  private readonly threadTables = new Set<string>();

  /**
   * What `mayStartThreads` looks for, as text: a method call named like a start (`pool.submit (`), or a call of a
   * module name bound to one. Spaces, line continuations and a comment may stand before the parenthesis.
   */
  private spawnCallPattern(): RegExp {
    const bound = [...this.spawnBindings()];
    const methodCall = `\\.[\\s\\\\]*(${alternatives([...SPAWN_NAMES])})\\b[\\s\\\\]*[(#]`;
    // `Stage.registry[name](...)`: a Thread subclass's table of classes, called; `WORKER_TYPES[kind](...)` a table's;
    // `for kind, cls in WORKER_TYPES.items()` its entries.
    const called = bound.length > 0 ? `|\\b(${alternatives(bound)})\\b([\\s\\\\]*[(#]|\\.\\w+\\[|\\[|\\.(items|values)\\b)` : '';
    // `spawn_pool(Worker, 3)`: a Thread subclass of this file handed on, to be made and started there.
    const classes = [...this.threadClassNames()];
    const handed = classes.length > 0 ? `|\\b(${alternatives(classes)})\\b[\\s\\\\]*[,)]` : '';
    return new RegExp(`${methodCall}${called}${handed}`, 'g');
  }

  /** An identifier naming a Thread subclass of this file (only such names are resolved: see passesThreadClass). */
  private namesThreadClass(node: Syntax | undefined): boolean {
    return node?.type === 'identifier' && this.threadClassNames().has(this.evaluator.text(node))
      && !!resolveName(scopeOf(this.module, node), this.evaluator.text(node), this.module.scope)?.sites
        .some((site) => site.kind === 'class' && isThreadClass(this.evaluator, site.cls));
  }

  /**
   * A call of a plain function of this file whose returns all name Thread subclasses, or pick among them
   * (`return GlazedFiring if batch.options.get("glazed") else BaseFiring`).
   */
  private picksThreadClass(call: Syntax): boolean {
    const name = call.children[0];
    return name?.type === 'identifier' && this.spawnBindings().has(this.evaluator.text(name))
      && !!resolveName(scopeOf(this.module, name), this.evaluator.text(name), this.module.scope)?.sites.some((site) => site.kind === 'function');
  }

  /** A name a function binds once, to a list or tuple that spells a Thread subclass. */
  private localThreadTable(name: Syntax): boolean {
    const binding = resolveName(scopeOf(this.module, name), this.evaluator.text(name), this.module.scope);
    const site = binding?.scope.kind === 'function' && binding.sites.length === 1 ? binding.sites[0] : undefined;
    const table = site?.kind === 'assign' && !site.iterable ? site.value : undefined;
    return (table?.type === 'list' || table?.type === 'tuple') && table.children.some((item) => item.type === 'identifier'
      && !!resolveName(this.module.scope, this.evaluator.text(item), this.module.scope)?.sites.some((each) => each.kind === 'class' && isThreadClass(this.evaluator, each.cls)));
  }

  /** Cheap syntactic pre-check: does this body call anything named like a thread start, or a Thread subclass? */
  private mayStartThreads(body: Syntax | undefined): boolean {
    for (const { call, callee, name } of this.callsAndLambdaCallsIn(body)) {
      // `spawn_pool(TranscodeWorker, 3, farm=farm)`: a Thread subclass handed to code that makes its objects.
      if (this.passesThreadClass(call)) return true;
      // `Stage.registry[name](...)`: a class out of a Thread subclass's own table of its subclasses.
      const table = callee?.type === 'subscript' && callee.children[0]?.type === 'attribute' ? callee.children[0].children[0] : undefined;
      if (table?.type === 'identifier' && resolveName(scopeOf(this.module, table), this.evaluator.text(table), this.module.scope)?.sites
        .some((site) => site.kind === 'class' && isThreadClass(this.evaluator, site.cls))) return true;
      // `WORKER_TYPES[kind](...)` of a table of Thread subclasses.
      const spelled = callee?.type === 'subscript' ? callee.children[0] : undefined;
      if (spelled?.type === 'identifier' && (this.spawnBindings(), this.threadTables.has(this.evaluator.text(spelled)))) return true;
      // `kinds = (EvaporationPan, SolarPan)` in the function, then `kinds[i % 2](...)`: a table of its own.
      if (spelled?.type === 'identifier' && this.localThreadTable(spelled)) return true;
      // `firing_class(b)(kiln, b, ...)`: the class a function of this file picks among Thread subclasses; or
      // `KINDS.get(name, Watcher)(ledger, name)`, one a table of them gives.
      if (callee?.type === 'call' && (this.picksThreadClass(callee) || this.getsThreadClass(callee))) return true;
      if (!name) continue;
      // `pool.map(...)`, `executor.submit(...)`, `threading.Thread(...)`: a method or module member by that name.
      if (callee?.type === 'attribute' && SPAWN_NAMES.has(name)) return true;
      if (callee?.type !== 'identifier') continue;
      // A bare name counts when it is an import of one (`from threading import Thread`, not the builtin map) or a
      // Thread subclass. Only the binding is looked at: evaluating values here would run the whole file.
      const binding = resolveName(scopeOf(this.module, callee), name, this.module.scope);
      for (const site of binding?.sites ?? []) {
        if (site.kind === 'class' && isThreadClass(this.evaluator, site.cls)) return true;
        // `def reconcile(n, matcher_cls=FuzzyMatcher):` then `matcher_cls(...)`: a Thread subclass by default.
        if (site.kind === 'param' && this.namesThreadMaker(site.param.defaultValue)) return true;
        if (site.kind === 'import' && site.qualified.includes('.') && SPAWN_NAMES.has(site.qualified.split('.').pop()!)) return true;
        // `worker_cls = CanonicalCounter if cfg.canonical else Counter` then `worker_cls(...)`: a Thread subclass by name.
        const named = site.kind === 'assign' && !site.iterable && site.path.length === 0 ? site.value : undefined;
        if (named && (this.namesThreadClass(named) || (named.type === 'conditional_expression' && named.children.some((part) => this.namesThreadClass(part))))) return true;
        // `cls = PLUGIN_TYPES[name]` (or `.get(name, Default)`) then `cls(config)`: a class out of a table of Thread
        // subclasses.
        if (site.kind === 'assign' && this.takenFromThreadTable(site.value)) return true;
        // `for make in (threading.Thread, multiprocessing.Process): make(target=...)`: a name taken from a literal
        // that names a start API.
        if (site.kind === 'assign' && site.iterable && this.namesSpawnApi(site.iterable)) return true;
        // `for name, cls, rates in layout: cls(...)` with `layout = [("5th", ActuatedController, {...}), ...]`: a
        // class out of a literal table that names Thread subclasses.
        if (site.kind === 'assign' && site.iterable && this.tableNamesThreadClass(site.iterable)) return true;
      }
    }
    return false;
  }

  /** `KINDS.get(name, Watcher)`, called on the spot: a class out of a table of Thread subclasses, or its default one. */
  private getsThreadClass(call: Syntax): boolean {
    return this.takenFromThreadTable(call) || (call.children[0]?.type === 'attribute' && lastName(this.evaluator, call.children[0]) === 'get'
      && this.namesThreadClass(call.children[1]?.children[1]));
  }

  /** `PLUGIN_TYPES[name]` or `PLUGIN_TYPES.get(name, Default)` of a module table of Thread subclasses. */
  private takenFromThreadTable(value: Syntax | undefined): boolean {
    const getter = value?.type === 'call' && value.children[0]?.type === 'attribute' && lastName(this.evaluator, value.children[0]) === 'get'
      ? value.children[0].children[0] : undefined;
    const table = value?.type === 'subscript' ? value.children[0] : getter;
    return table?.type === 'identifier' && (this.spawnBindings(), this.threadTables.has(this.evaluator.text(table)));
  }

  /** An iterable spelled as (or a local name assigned once from) a list or tuple literal naming a Thread subclass. */
  private tableNamesThreadClass(iterable: Syntax, depth = 0): boolean {
    // `for i, cls in enumerate(kinds)`, `zip(names, kinds)`: the table is inside.
    const wrapper = iterable.type === 'call' && iterable.children[0]?.type === 'identifier' ? this.evaluator.text(iterable.children[0]) : undefined;
    if (wrapper && TABLE_WRAPPERS.has(wrapper)) {
      return depth < 2 && (iterable.children[1]?.children ?? []).some((arg) => arg.type !== 'keyword_argument' && this.tableNamesThreadClass(arg, depth + 1));
    }
    // `for source, cls in worker_types.items()`: the dict's entries.
    const receiver = iterable.type === 'call' && iterable.children[0]?.type === 'attribute' && /^(items|values)$/.test(lastName(this.evaluator, iterable.children[0]))
      ? iterable.children[0].children[0] : undefined;
    if (receiver) return depth < 2 && this.tableNamesThreadClass(receiver, depth + 1);
    let table: Syntax | undefined = iterable;
    if (table.type === 'identifier') {
      const sites = resolveName(scopeOf(this.module, table), this.evaluator.text(table), this.module.scope)?.sites ?? [];
      table = sites.length === 1 && sites[0].kind === 'assign' && !sites[0].iterable ? sites[0].value : undefined;
    }
    if (table?.type !== 'list' && table?.type !== 'tuple' && table?.type !== 'dictionary') return false;
    let names = false;
    walk(table, (node) => {
      if (names) return false;
      if (node.type === 'identifier' && this.namesThreadClass(node)) names = true;
      return !names;
    });
    return names;
  }

  /** A literal tuple or list with an item like `threading.Thread` or an imported `Process`. */
  private namesSpawnApi(iterable: Syntax): boolean {
    if (iterable.type !== 'tuple' && iterable.type !== 'list') return false;
    return iterable.children.some((item) => {
      if (item.type === 'attribute') return SPAWN_NAMES.has(this.evaluator.text(item.children[item.children.length - 1]));
      if (item.type !== 'identifier') return false;
      const binding = resolveName(scopeOf(this.module, item), this.evaluator.text(item), this.module.scope);
      return !!binding?.sites.some((site) => (site.kind === 'import' && SPAWN_NAMES.has(site.qualified.split('.').pop()!))
        || (site.kind === 'class' && isThreadClass(this.evaluator, site.cls)));
    });
  }

  /** Counts a step of the current walk; false once it or the whole analysis is over budget. */
  private step(): boolean {
    if ((++this.totalSteps & CANCEL_CHECK_STEPS) === 0 && this.limits.cancelled?.()) throw new Cancelled();
    if (this.steps++ < this.limits.maxSteps && this.totalSteps < this.limits.maxSteps * 8) return true;
    this.truncated = true;
    return false;
  }

  private walkFrame(
    fn: FunctionInfo | undefined, frame: Frame, statements: Syntax[], execution: Execution, stack: FunctionInfo[],
    asyncFn: FunctionInfo | undefined, multiplier: Estimate, locks: readonly string[] = [], repeated = false, alone = false,
  ): FrameRecord {
    if (fn) this.visited.add(fn);
    if (fn && execution.kind === 'thread') this.walkedInThreads.add(fn);
    const record: FrameRecord = { fn, frame, work: noWork(), items: [] };
    const context: Context = {
      execution, frame, record, locks, stack, loops: [], multiplier, frameMultiplier: multiplier, repeated, statement: statements[0] ?? this.module.root, statementMultiplier: multiplier, asyncFn,
      alone,
    };
    if (fn?.isLambda && statements[0]) {
      // A lambda's body is one expression: its work is one statement's.
      record.work = this.walkExpression(statements[0], context);
      this.recordItem(statements[0], 'statement', record.work, context);
    } else {
      record.work = this.walkBlock(statements, context);
    }
    return record;
  }

  // ----- statements -----

  private walkBlock(statements: readonly Syntax[], context: Context): Work {
    const work = noWork();
    let locks = context.locks;
    let waited: Syntax | undefined;
    const guards: Array<{ guard: Syntax; context: Context; before: number }> = [];
    // The share of runs that get this far, past `if n % 2 == 0: return` and the like (see divisibilityGuard).
    let reaching = 1;
    this.guardStack.push(guards);
    for (const statement of statements) {
      if (!this.step()) break;
      const inner: Context = locks === context.locks && statement === context.statement ? context
        : { ...context, locks, statement, statementMultiplier: context.multiplier };
      const before = context.execution.accesses.length;
      const walked = this.walkStatement(statement, inner);
      const done = reaching < 1 ? shareWork(walked, 1 / reaching) ?? walked : walked;
      const divisor = this.divisibilityGuard(statement, context);
      if (divisor !== undefined) reaching *= (divisor - 1) / divisor;
      // `while self.free == 0: sleep(...)` then `self.free -= 1`: the statement after a wait loop acts on what its
      // test said, as the body of an `if` does. `if rel in synced: return` guards the rest of the block.
      if (waited) this.recordCheck(waited, waited.children[0], inner, before);
      waited = statement.type === 'while_statement' ? statement : undefined;
      if (isGuard(statement) || this.renamesTestedKey(statement)) guards.push({ guard: statement, context: inner, before: context.execution.accesses.length });
      stampLine(done, this.line(statement));
      // Statements worth a rule's look: real work (a comprehension, a C loop, a call's body) or a wait.
      // `graded = [grade(scan) for scan in feed]` after `feed = drop_short(read_scanner(...))`: the generators' bodies
      // run as the comprehension pulls from them, so their work is this statement's (counted once, at the assignment).
      const pulled = COMPOUND_STATEMENTS.has(statement.type) ? [] : this.pulledByComprehension(statement, inner);
      const item = pulled.length > 0 ? pulled.reduce((sum, taken) => addWork(sum, taken.work), addWork(noWork(), done)) : done;
      if (!COMPOUND_STATEMENTS.has(statement.type) && (totalOps(item.ops) + item.cSteps >= ITEM_FLOOR_OPS || waits(item))) {
        this.recordItem(statement, 'statement', item, inner);
      }
      addWork(work, done);
      const lockCall = this.lockCallOf(statement, inner) ?? this.acquiredUnlessLeft(statement, inner) ?? this.lockHandedOver(statement, inner);
      if (lockCall?.method === 'acquire') this.acquiredByCall.add(lockCall.key);
      const held = locks;
      if (lockCall?.method === 'acquire' && !locks.includes(lockCall.key) && !this.mayNotHold(statement, statements)) locks = [...locks, lockCall.key];
      if (lockCall?.method === 'release') locks = locks.filter((key) => key !== lockCall.key);
      // `try: ... finally: right.release(); left.release()`, or an `if` whose every branch releases: past it, the
      // lock is not held.
      if ((statement.type === 'try_statement' || statement.type === 'if_statement') && locks.length > 0) {
        const released = statement.type === 'try_statement' ? this.finallyReleases(statement, inner) : this.branchesRelease(statement, inner);
        if (released.length > 0) locks = locks.filter((key) => !released.includes(key));
      }
      // For the simulation: where the lock is taken and given back (the workload keeps only pairs around a wait).
      if (this.limits.workload && locks !== held) {
        const line = this.line(statement);
        for (const key of locks) if (!held.includes(key) && this.simulatedLock(key)) addWork(work, segmentWork({ kind: 'sync', sync: { op: 'hold', object: key }, line }));
        for (const key of held) if (!locks.includes(key) && this.simulatedLock(key)) addWork(work, segmentWork({ kind: 'sync', sync: { op: 'drop', object: key }, line }));
      }
    }
    this.guardStack.pop();
    if (this.limits.workload) work.trace = dropIdleLocks(work.trace);
    // The end of a `with` body is not the end of what its guards guard: past the `with`, the rest of the enclosing
    // block runs only when the test let it (`with lock: if tokens <= 0: return False`, then `tokens -= 1`).
    const escaping = statements[0]?.parent?.parent?.type === 'with_statement' ? this.guardStack[this.guardStack.length - 1] : undefined;
    if (escaping) escaping.push(...guards);
    else for (const { guard, context: at, before } of guards) this.recordCheck(guard, guard.children[0], at, before);
    return work;
  }

  /**
   * `if n % 2 == 0: return n == 2` (or `continue`), with no other branch: one in k numbers leaves there, so the rest
   * of the block runs for the others only. The k of that test, when known.
   */
  private divisibilityGuard(statement: Syntax, context: Context): number | undefined {
    if (statement.type !== 'if_statement' || statement.children.some((child) => child.type === 'elif_clause' || child.type === 'else_clause')) return undefined;
    const block = childOfType(statement, 'block');
    const last = block?.children[block.children.length - 1];
    if (!block || !last || (!endsFirstRound(block) && last.type !== 'continue_statement') || last.type === 'break_statement') return undefined;
    const remainder = this.remainderTested(statement.children[0]);
    if (!remainder) return undefined;
    const [dividend, by] = remainder.children;
    const divisor = this.evaluator.evaluate(by, context.frame);
    const number = this.evaluator.evaluate(dividend, context.frame);
    if (divisor.kind !== 'number' || !Number.isInteger(divisor.value) || divisor.value < 2 || divisor.drawn) return undefined;
    // A known number passes or fails the test as a whole.
    return number.kind === 'number' && Number.isNaN(number.value) ? divisor.value : undefined;
  }

  /** The `n % d` of a test that it is zero: `n % d == 0`, `0 == n % d` or `not n % d`. */
  private remainderTested(condition: Syntax | undefined): Syntax | undefined {
    const text = (node: Syntax) => this.evaluator.text(node);
    const remainder = condition?.type === 'not_operator' ? condition.children[0]
      : condition?.type === 'comparison_operator' && condition.children.length === 2 && this.operatorOf(condition) === '=='
        ? condition.children.find((side) => side.type === 'binary_operator' && condition.children.some((other) => other !== side && text(other) === '0'))
        : undefined;
    return remainder?.type === 'binary_operator' && remainder.children.length === 2 && this.operatorOf(remainder) === '%' ? remainder : undefined;
  }

  /** The guards of each block being walked, innermost last: a `with` body's guards go on to its enclosing block's. */
  private readonly guardStack: Array<Array<{ guard: Syntax; context: Context; before: number }>> = [];

  private walkStatement(statement: Syntax, context: Context): Work {
    switch (statement.type) {
      case 'expression_statement': {
        const only = statement.children.length === 1 ? statement.children[0] : undefined;
        if (only) {
          const isStatement = only.type === 'assignment' || only.type === 'augmented_assignment';
          return isStatement ? this.walkStatement(only, context) : this.walkExpression(only, context);
        }
        const work = noWork();
        for (const child of statement.children) {
          const isStatement = child.type === 'assignment' || child.type === 'augmented_assignment';
          if (isStatement) addWork(work, this.walkStatement(child, context));
          else this.walkExpression(child, context, work);
        }
        return work;
      }
      case 'assignment':
        return this.walkAssignment(statement, context);
      case 'augmented_assignment':
        return this.walkAugmented(statement, context);
      case 'if_statement':
        return this.walkIf(statement, context);
      case 'for_statement':
        return this.walkFor(statement, context);
      case 'while_statement':
        return this.walkWhile(statement, context);
      case 'with_statement':
        return this.walkWith(statement, context);
      case 'try_statement':
        return this.walkTry(statement, context);
      case 'match_statement': {
        const [subject, ...rest] = statement.children;
        const work = this.walkExpression(subject, context);
        let branches = noWork();
        for (const block of rest) for (const clause of block.children) {
          const body = childOfType(clause, 'block');
          if (body) branches = maxWork(branches, this.leavingShare(body, this.walkBlock(body.children, context), context));
        }
        return addWork(work, branches);
      }
      case 'block':
      case 'ERROR':
        return this.walkBlock(statement.children, context);
      case 'delete_statement': {
        for (const target of flattenTargets(statement.children[0])) {
          const place = this.targetPlace(target, context);
          if (place && target.type !== 'identifier') this.recordAccess(place, 'delete', target, context, []);
        }
        return ops(1, 'item');
      }
      case 'decorated_definition':
        return this.walkDecorators(statement, context);
      case 'function_definition':
      case 'class_definition':
        // Defining is cheap; bodies run when called.
        return ops(2, 'build');
      case 'import_statement':
      case 'import_from_statement':
      case 'global_statement':
      case 'nonlocal_statement':
      case 'pass_statement':
      case 'break_statement':
      case 'continue_statement':
      case 'future_import_statement':
        return ops(1);
      case 'raise_statement': {
        const work = ops(1);
        for (const child of statement.children) this.walkExpression(child, context, work);
        // A bare `raise` in a handler passes on what was caught; any other raise is a failure of this code's own.
        if (statement.children.length > 0) work.raises = true;
        return work;
      }
      case 'return_statement':
      case 'assert_statement':
      case 'print_statement':
      case 'exec_statement':
      default: {
        const work = ops(1);
        for (const child of statement.children) this.walkExpression(child, context, work);
        return work;
      }
    }
  }

  /**
   * A decorator of this file runs when the function is defined, with the function as it is: what it does with it
   * happens here (`@registry.on_mute` appending the handler to `self._handlers`, `@template_filter("upper")` storing
   * it in `FILTERS`). What the name then holds is the evaluator's (see Evaluator.decorated).
   */
  private walkDecorators(statement: Syntax, context: Context): Work {
    const work = ops(2, 'build');
    const definition = statement.children[statement.children.length - 1];
    const fn = definition?.type === 'function_definition' ? this.module.functionByNode.get(definition) : undefined;
    if (!fn || fn.isAsync) return work;
    const plain: Value = { kind: 'function', fn, ...(context.frame.fn ? { closure: context.frame } : {}) };
    const decorators = statement.children.filter((child) => child.type === 'decorator');
    // The one nearest the definition is applied to the function itself; the others to what it gives back, taken to
    // be the function again (`@registry.register("birch")` over `@registry.register("ling")`: both register it).
    for (const node of decorators.reverse()) {
      const expression = node.children[0];
      const head = expression?.type === 'call' ? expression.children[0] : expression;
      const name = head?.type === 'attribute' ? head.children[0] : head;
      if (!expression || name?.type !== 'identifier') return work;
      // `@template_filter("upper")`: the factory's call runs first, and gives the decorator.
      if (expression.type === 'call') this.walkExpression(expression, context, work);
      const decorator = this.evaluator.evaluate(expression, context.frame);
      const args: CallArgs = { positional: [{ value: plain }], keywords: new Map(), hasSplat: false };
      // `functools.partial(self.register, kind, **opts)` given back by the factory: the method, given the function.
      const target = decorator.kind === 'partial' && decorator.fn.kind === 'function' ? decorator.fn : decorator.kind === 'function' ? decorator : undefined;
      if (!target || target.fn.isAsync || target.fn.isLambda || !target.fn.body) return work;
      addWork(work, this.callFunction(target.fn, decorator.kind === 'partial' ? withPartialArgs(decorator, args) : args, target.self, target.closure, node, context));
    }
    return work;
  }

  private walkAssignment(node: Syntax, context: Context): Work {
    const { left, right } = assignmentParts(node);
    const work = noWork();
    for (const target of flattenTargets(left)) {
      this.storeCost(work, target, context);
      // `board[player.choose(board)] = mark`: the call in the index runs too.
      const index = target.type === 'subscript' ? target.children[1] : undefined;
      if (index && containsCall(index)) this.walkExpression(index, context, work);
    }
    if (right?.type === 'assignment' || right?.type === 'augmented_assignment') {
      addWork(work, this.walkStatement(right, context));
    } else if (right) {
      const innerCalls: InnerCall[] = [];
      // `self.jobs[name] = index.rebuild`: a function kept in a container.
      if (left?.type === 'subscript') this.noteStoredValues([right], context, left.children[0] && originOf(this.evaluator.evaluate(left.children[0], context.frame))?.key);
      if (left?.type === 'attribute') this.noteLibraryAttribute(left, right, context);
      if (left?.type === 'attribute' && lastName(this.evaluator, left) === 'daemon') this.noteDaemon(left, right, context);
      this.walkExpression(right, { ...context, innerCalls }, work);
      // `meter.spent = cost` on a property with a setter: the store runs the setter.
      if (left?.type === 'attribute') {
        const setter = this.propertySetter(left, context);
        if (setter) {
          // The property itself is state the setter changes: a test of it (`if zone.setpoint < 21.0:`) is undone by
          // another thread's store.
          const place = this.targetPlace(left, context);
          // `self.balance = self.balance - cents`: an update of the property, as `-=` is.
          const isRmw = !!place && place.sharing !== 'private' && this.placesRead(right, context, true).some((read) => read.key === place.key);
          if (place && place.sharing !== 'private') this.recordAccess(place, isRmw ? 'rmw' : 'store', left, context, isRmw ? innerCalls : []);
          const args: CallArgs = { positional: [{ value: this.evaluator.evaluate(right, context.frame), node: right }], keywords: new Map(), hasSplat: false };
          return addWork(work, isRmw ? this.propertyUpdate(node, left, context, args) : this.callFunction(setter.fn, args, setter.self, undefined, node, context));
        }
      }
      const places = flattenTargets(left).flatMap((target) => {
        const place = this.targetPlace(target, context);
        return place && place.sharing !== 'private' ? [{ target, place }] : [];
      });
      // What the right side reads matters only when a target is state other threads could see.
      const reads = places.length > 0 ? [...this.placesRead(right, context, true), ...this.copiedReads(right, node, context)] : [];
      for (const { target, place } of places) {
        // `dist[nb] = dist[cell] + 1`: another item of the same container is read, not the one written.
        const otherItem = (read: Place) => target.type === 'subscript' && read.text !== place.text && !!target.children[0]
          && read.text.startsWith(`${this.evaluator.text(target.children[0])}[`);
        const isRmw = reads.some((read) => read.key === place.key && !otherItem(read));
        this.recordAccess(place, isRmw ? 'rmw' : 'store', target, context, isRmw ? innerCalls : []);
        // `self.running = False`: a loop `while self.running:` in another thread ends on it (see stopEvent).
        if (this.limits.workload && (right.type === 'true' || right.type === 'false')) {
          addWork(work, segmentWork({ kind: 'sync', sync: { op: 'set', object: flagEvent(place, right.type === 'true') }, line: 0 }));
        }
      }
      return work;
    }
    for (const target of flattenTargets(left)) {
      const place = this.targetPlace(target, context);
      if (place) this.recordAccess(place, 'store', target, context, []);
    }
    return work;
  }

  private definesProperties: boolean | undefined;

  /** The getter a read of `object.name` runs (not a call's callee, not a store), when `name` is a property of the file. */
  private propertyGetter(node: Syntax, context: Context): { fn: FunctionInfo; self: Value } | undefined {
    const parent = node.parent;
    if ((parent?.type === 'call' && parent.children[0] === node) || ((parent?.type === 'assignment' || parent?.type === 'augmented_assignment') && parent.children[0] === node)) return undefined;
    const self = this.evaluator.evaluate(node.children[0], context.frame);
    const fn = self.kind === 'instance' && self.cls ? findMethod(this.module, self.cls, this.evaluator.text(node.children[node.children.length - 1])) : undefined;
    return fn?.decorators.includes('property') && fn.body ? { fn, self } : undefined;
  }

  /** The setter that a store into `object.name` runs, when the object's class of this file makes `name` a property. */
  private propertySetter(target: Syntax, context: Context): { fn: FunctionInfo; self: Value } | undefined {
    const object = target.children[0];
    const attr = target.children[target.children.length - 1];
    if (!object || !attr || object === attr) return undefined;
    const self = this.evaluator.evaluate(object, context.frame);
    if (self.kind !== 'instance' || !self.cls) return undefined;
    const name = this.evaluator.text(attr);
    const decorator = `${name}.setter`;
    // The setter is defined after the getter of the same name, so it is the one the class keeps under that name.
    for (const owner of classChain(this.module, self.cls)) {
      const fn = owner.methods.get(name);
      if (fn) return fn.decorators.includes(decorator) ? { fn, self } : undefined;
    }
    return undefined;
  }

  /**
   * `seen = article.views` (under a lock or not), then `article.views = seen + 1`: a local variable of this function
   * that holds a copy of shared state, read by a store's value, reads that state (one step back, from the places its
   * assignments before the store read). The read and the write are then one update split in two.
   */
  private copiedReads(value: Syntax, store: Syntax, context: Context): Place[] {
    const places: Place[] = [];
    walk(value, (node) => {
      if (NESTED_SCOPES.has(node.type) || COMPREHENSION_TYPES.has(node.type)) return false;
      if (node.type !== 'identifier' || (node.parent?.type === 'attribute' && node.parent.children[0] !== node)) return undefined;
      const binding = resolveName(scopeOf(this.module, node), this.evaluator.text(node), this.module.scope);
      if (binding?.scope.kind !== 'function' || binding.scope.fn !== context.frame.fn) return undefined;
      // `value = cache.get(key)`, then in an `if` that stores: `value = other.pop(key)`, `cache[key] = value`: the
      // second assignment is the one the store sees. One that reads the name (`level = level + 5`) carries it on.
      const name = this.evaluator.text(node);
      const killers = binding.sites.filter((site) => site.kind === 'assign' && !site.iterable && site.statement.end <= store.start
        && isAncestor(blockStatementOf(site.statement).parent ?? site.statement, store) && !this.mentions(site.value, name));
      for (const site of binding.sites) {
        const copied = site.kind === 'assign' && !site.iterable && site.path.length === 0 ? site.value
          : site.kind === 'augmented' ? site.statement.children[site.statement.children.length - 1] : undefined;
        if (!copied || copied.end > store.start) continue;
        const statement = site.kind === 'assign' || site.kind === 'augmented' ? site.statement : copied;
        if (killers.some((killer) => killer !== site && killer.kind === 'assign' && killer.statement.start >= statement.end)) continue;
        places.push(...this.placesRead(copied, context, true));
      }
      return undefined;
    });
    return places;
  }

  /** Does this expression use the name (as a name, not an attribute)? */
  private mentions(root: Syntax | undefined, name: string): boolean {
    let found = false;
    if (root) walk(root, (node) => !(found ||= node.type === 'identifier' && !(node.parent?.type === 'attribute' && node.parent.children[0] !== node)
      && this.evaluator.text(node) === name));
    return found;
  }

  /**
   * `server.hub = Hub()` on a library object (a threading server): code that later reads `self.server.hub` (its
   * request handlers) gets that Hub.
   */
  private noteLibraryAttribute(target: Syntax, value: Syntax, context: Context): void {
    const object = target.children[0];
    if (!object) return;
    const base = this.evaluator.evaluate(object, context.frame);
    if (base.kind !== 'instance' || base.cls || !base.type) return;
    const name = this.evaluator.text(target.children[target.children.length - 1]);
    this.evaluator.noteLibraryAttribute(base, name, this.evaluator.evaluate(value, context.frame));
  }

  private walkAugmented(node: Syntax, context: Context): Work {
    const [left, right] = node.children;
    const innerCalls: InnerCall[] = [];
    // Load, operate, store: the load and the store cost what the target's kind costs.
    // The load (as an expression would read it), the operation, the store.
    const work = noWork();
    if (left?.type === 'identifier') bump(work, this.isGlobalName(left) ? 'global' : 'local');
    else if (left) this.storeCost(work, left, context);
    if (left) this.storeCost(work, left, context);
    bump(work, 'arith');
    this.walkExpression(right, { ...context, innerCalls }, work);
    if (left && left.type !== 'identifier') addWork(work, this.walkTargetInnards(left, { ...context, innerCalls }));
    const place = left ? this.targetPlace(left, context) : undefined;
    if (place && left) this.recordAccess(place, 'rmw', left, context, innerCalls);
    if (left?.type === 'attribute') addWork(work, this.propertyUpdate(node, left, context));
    return work;
  }

  /**
   * `zone.setpoint -= 0.5` (or `zone.setpoint = zone.setpoint - 0.5`) on a property: the getter, then the setter,
   * each maybe under a lock of its own, none held from the read to the write. The state the setter stores is updated
   * by this statement, with the locks held here.
   */
  private propertyUpdate(node: Syntax, target: Syntax, context: Context,
    args: CallArgs = { positional: [{ value: { kind: 'number', value: Number.NaN } }], keywords: new Map(), hasSplat: false }): Work {
    const setter = this.propertySetter(target, context);
    if (!setter) return noWork();
    const before = context.execution.accesses.length;
    const work = this.callFunction(setter.fn, args, setter.self, undefined, node, context);
    // The setter's plain stores become an update (`self._balance = value` after the getter read it); an update the
    // setter makes on its own (`self.totals.done += value - self._done`) is one already, at its own line.
    const stored = context.execution.accesses.slice(before).filter((access) => access.kind === 'store');
    const calls: InnerCall[] = [{ kind: 'property', name: this.evaluator.text(target) }];
    // The setter's own stores (`with self._lock: self._litres = value`) hold only what is held here: its lock was
    // let go after the getter read. A store further down keeps the locks it was made under: `self.ledger.record(delta)`
    // in the setter may take the ledger's own.
    const own = (access: Access) => access.statement.start >= setter.fn.node.start && access.statement.end <= setter.fn.node.end;
    for (const access of stored) {
      this.recordAccess(access.place, 'rmw', target, own(access) || access.locks === context.locks ? context : { ...context, locks: access.locks }, calls);
    }
    return work;
  }

  /** What storing into (or loading) a target costs, by its kind: a local, a global, an attribute, an item. */
  private storeCost(work: Work, target: Syntax, context: Context): Work {
    switch (target.type) {
      case 'identifier':
        return bump(work, this.isGlobalName(target) ? 'gstore' : 'local');
      case 'attribute':
        return bump(work, this.isThreadLocalBase(target.children[0], context) ? 'tlattr' : 'attr');
      case 'subscript':
        return bump(work, 'item');
      default:
        return bump(work, 'local');
    }
  }

  /** Is this the object of an attribute access a `threading.local`? Only asked in files that name `local`. */
  private isThreadLocalBase(base: Syntax | undefined, context: Context): boolean {
    this.makesThreadLocals ??= mayMakeThreadLocal(this.module.source);
    if (!base || !this.makesThreadLocals) return false;
    return this.isThreadLocal(this.evaluator.evaluate(base, context.frame));
  }

  /** A `threading.local()`, or an instance of a class of this file derived from it: each thread sees its own attributes. */
  private isThreadLocal(value: Value): boolean {
    if (value.kind !== 'instance') return false;
    if (value.type) return THREAD_LOCAL_TYPES.has(canonicalType(value.type));
    if (!value.cls) return false;
    let local = this.threadLocalClasses.get(value.cls);
    if (local === undefined) {
      const base = libraryBaseOf(this.evaluator, value.cls);
      local = base !== undefined && THREAD_LOCAL_TYPES.has(base);
      this.threadLocalClasses.set(value.cls, local);
    }
    return local;
  }

  /** Classes of this file and whether they derive from threading.local, decided once each. */
  private readonly threadLocalClasses = new Map<ClassInfo, boolean>();

  private makesThreadLocals: boolean | undefined;

  private isGlobalName(node: Syntax): boolean {
    const binding = resolveName(scopeOf(this.module, node), this.evaluator.text(node), this.module.scope);
    return !binding || binding.scope.kind === 'module';
  }

  /** The calls and costs inside a target such as `d[key(x)]` or `self.stats[k]`. */
  private walkTargetInnards(target: Syntax, context: Context): Work {
    const work = noWork();
    for (const child of target.children) this.walkExpression(child, context, work);
    return work;
  }

  /**
   * `if barrier.wait() == 0:`: `wait` gives each thread at a `threading.Barrier` a different index, so exactly one
   * thread of each round runs the block (the usual way to merge what the others made).
   */
  private isBarrierLeaderTest(condition: Syntax | undefined, context: Context): boolean {
    if (condition?.type !== 'comparison_operator' || condition.children.length !== 2) return false;
    const [left, right] = condition.children;
    const operator = this.operatorOf(condition);
    const [call, zero] = right.type === 'integer' ? [left, right] : [right, left];
    if (operator !== '==' || this.evaluator.text(zero) !== '0' || call.type !== 'call' || (call.children[1]?.children.length ?? 0) > 0) return false;
    const callee = call.children[0];
    if (callee?.type !== 'attribute' || this.evaluator.text(callee.children[callee.children.length - 1]) !== 'wait' || !callee.children[0]) return false;
    const barrier = this.evaluator.evaluate(callee.children[0], context.frame);
    return barrier.kind === 'instance' && !!barrier.type && canonicalType(barrier.type) === 'threading.Barrier';
  }

  private walkIf(node: Syntax, context: Context): Work {
    const condition = node.children[0];
    const work = this.walkExpression(condition, context);
    const consequence = node.children.find((child) => child.type === 'block');
    const alternatives = node.children.filter((child) => child.type === 'elif_clause' || child.type === 'else_clause');
    const truth = this.truthOf(condition, context);
    // `if lock.acquire(...):` holds the lock in its block.
    const acquired = condition ? this.lockCallOf(condition, context) : undefined;
    // `got = lock.acquire(timeout=1)` then `if not got:`: that block runs without the lock.
    const failed = acquired ? undefined : this.failedAcquireTest(condition, context);
    const consequenceLocks = acquired?.method === 'acquire' ? [...context.locks, acquired.key]
      : failed ? context.locks.filter((key) => key !== failed) : context.locks;

    let branches = noWork();
    if (truth !== false && consequence) {
      const before = context.execution.accesses.length;
      const alone = context.alone || this.isBarrierLeaderTest(condition, context);
      const lazy = !context.once && context.execution.kind === 'thread' && this.isLazyInit(condition, consequence, context);
      let body = this.walkBlock(consequence.children, { ...context, locks: consequenceLocks, alone, once: context.once || lazy });
      // Made once for all the runs of its start, each run's share of it is what the rules weigh. The simulation keeps
      // it whole in every run: the others wait at the lock for the one making it, and the trace cannot say which.
      const runs = context.execution.start?.count;
      const once = lazy && !this.limits.workload && runs?.known && runs.value > 1 ? shareWork(body, runs.value) : undefined;
      if (once) body = once;
      // `if len(batch) >= 25: flush(batch); batch = []` in a loop appending to `batch`: a round's share of the flush.
      const fills = condition
        ? this.fillsEvery(condition, consequence, context) ?? this.cyclesEvery(condition, context) ?? this.firstTimeOnly(condition, consequence, context)
        : undefined;
      const shared = fills ? shareWork(body, fills.rounds) : undefined;
      if (fills && shared) {
        addSchedule(shared, this.line(consequence), fills.rounds, fills.because);
        body = shared;
      }
      // `if samples[k - 1] < samples[k] >= samples[k + 1]:` (a peak), `if a[j] > a[j + 1]:` (a swap): items ordered
      // against items pass on some rounds of the loop, not all; about half, on average.
      if (!fills && alternatives.length === 0 && truth === undefined && context.loops.length > 0 && this.ordersItems(condition)) body = shareWork(body, 2) ?? body;
      body = this.leavingShare(consequence, body, context);
      // With no `else`, the block may not run: a lock region around it does not surely wait.
      branches = maxWork(branches, this.limits.workload && alternatives.length === 0 ? mayNotRun(body) : body);
      this.recordCheck(node, condition, context, before, consequence);
    }
    if (truth !== true) {
      for (const alternative of alternatives) {
        if (alternative.type === 'elif_clause') {
          const [elifCondition, elifBlock] = alternative.children;
          const elifWork = this.walkExpression(elifCondition, context);
          if (elifBlock) {
            const before = context.execution.accesses.length;
            addWork(elifWork, this.leavingShare(elifBlock, this.walkBlock(elifBlock.children, context), context));
            this.recordCheck(alternative, elifCondition, context, before, elifBlock);
          }
          branches = maxWork(branches, elifWork);
        } else {
          const body = childOfType(alternative, 'block');
          const before = context.execution.accesses.length;
          if (body) branches = maxWork(branches, this.leavingShare(body, this.walkBlock(body.children, context), context));
          // `if key in cache: return cache[key]` / `else: cache[key] = load()`: the else acts on the test too.
          if (body && alternatives.length === 1) this.recordCheck(node, condition, context, before);
        }
      }
    }
    return addWork(work, branches);
  }

  /** A test ordering items of containers against each other only (`a[j] > a[j + 1]`, `s[k - 1] < s[k] >= s[k + 1]`). */
  private ordersItems(condition: Syntax | undefined): boolean {
    if (condition?.type !== 'comparison_operator' || !condition.children.every((side) => side.type === 'subscript')) return false;
    const { children } = condition;
    return children.slice(1).every((side, i) => /^[<>]=?$/.test(this.module.source.slice(children[i].end, side.start).trim()));
  }

  /**
   * `if _INDEX is None:` (or `if not self._cache:`) whose block sets that global or attribute with a lock held
   * (`with lock: if _INDEX is None: _INDEX = build()`): a lazy initialization, which one thread makes for all (see
   * Context.once). Without a lock, every thread that finds it unset makes it.
   */
  private isLazyInit(condition: Syntax | undefined, block: Syntax, context: Context): boolean {
    let tested = condition?.type === 'not_operator' ? condition.children[0]
      : condition?.type === 'comparison_operator' && condition.children.length === 2 && condition.children[1]?.type === 'none'
        && /^\s*is\s*$/.test(this.module.source.slice(condition.children[0].end, condition.children[1].start)) ? condition.children[0] : undefined;
    if (tested?.type === 'identifier') {
      const binding = resolveName(scopeOf(this.module, tested), this.evaluator.text(tested), this.module.scope);
      if (binding?.scope.kind !== 'module') tested = undefined;
    } else if (tested?.type !== 'attribute') tested = undefined;
    if (!tested) return false;
    const name = this.evaluator.text(tested);
    let sets = false;
    const visit = (node: Syntax, held: boolean) => {
      walk(node, (at) => {
        if (sets || NESTED_SCOPES.has(at.type)) return false;
        if (at !== node && at.type === 'with_statement') {
          visit(at, held || this.takesLock(at, context));
          return false;
        }
        if (held && at.type === 'assignment' && at.children[0] && this.evaluator.text(at.children[0]) === name) sets = true;
        return !sets;
      });
    };
    visit(block, context.locks.length > 0);
    return sets;
  }

  /** `with lock:` (or `with self._lock, open(path) as fh:`): a with statement that takes a lock. */
  private takesLock(statement: Syntax, context: Context): boolean {
    return (childOfType(statement, 'with_clause')?.children ?? []).some((item) => {
      const expression = item.children[0]?.type === 'as_pattern' ? item.children[0].children[0] : item.children[0];
      return !!expression && !!this.lockKey(this.evaluator.evaluate(expression, context.frame), expression, context.frame);
    });
  }

  /** Rounds of the `for` loops being walked, known before their bodies are walked (see leavingShare). */
  private readonly loopRounds = new Map<Syntax, number>();

  private withLoopRounds<T>(loop: Syntax, rounds: number, walkBody: () => T): T {
    const outer = this.loopRounds.get(loop);
    this.loopRounds.set(loop, rounds);
    try {
      return walkBody();
    } finally {
      if (outer === undefined) this.loopRounds.delete(loop);
      else this.loopRounds.set(loop, outer);
    }
  }

  /**
   * A branch that ends by leaving its loops (`if agent.try_claim(job): return run_job(agent, job)`) runs once for
   * all their rounds, not once a round: its work, as one round's share of those rounds. A `break` leaves the
   * innermost loop, a `return` or `raise` every loop of the function. Only `for` loops count (a `while` loop's rounds
   * are known after its body); the work stays whole when it hands something to another thread.
   */
  private leavingShare(block: Syntax, work: Work, context: Context): Work {
    const last = block.children[block.children.length - 1];
    if (!last || context.loops.length === 0) return work;
    const left = last.type === 'break_statement' ? context.loops.slice(-1)
      : last.type === 'return_statement' || last.type === 'raise_statement' ? context.loops : [];
    let rounds = 1;
    for (const loop of left) rounds *= this.loopRounds.get(loop) ?? 1;
    return rounds > 1 ? shareWork(work, rounds) ?? work : work;
  }

  /**
   * `if len(batch) >= N:` (or `> N`, `== N`, beside an `or`) whose block empties `batch`, in a loop that appends to
   * `batch`: the block runs once every N rounds. Its rounds and the container's text, or undefined.
   */
  private fillsEvery(condition: Syntax, consequence: Syntax, context: Context): { rounds: number; because: string } | undefined {
    const loop = context.loops[context.loops.length - 1];
    const loopBody = loop && childOfType(loop, 'block');
    if (!loopBody) return undefined;
    const text = (node: Syntax) => this.evaluator.text(node);
    const tests = condition.type === 'boolean_operator' && condition.children.length === 2 && this.operatorOf(condition) === 'or' ? condition.children : [condition];
    for (const test of tests) {
      if (test.type !== 'comparison_operator' || test.children.length !== 2) continue;
      const operator = this.operatorOf(test);
      const [a, b] = test.children;
      const sized = (node: Syntax) => (node.type === 'call' && text(node.children[0]) === 'len' && node.children[1]?.children.length === 1 ? node.children[1].children[0] : undefined);
      // `len(batch) >= N`, or `N <= len(batch)`.
      const [measured, limit, op] = sized(a) ? [sized(a)!, b, operator] : sized(b) ? [sized(b)!, a, ({ '<=': '>=', '<': '>', '==': '==' } as Record<string, string>)[operator]] : [];
      if (!measured || !limit || !op || !['>=', '>', '=='].includes(op)) continue;
      const bound = this.evaluator.evaluate(limit, context.frame);
      if (bound.kind !== 'number' || !Number.isFinite(bound.value) || bound.value < 2) continue;
      const name = text(measured);
      if (!this.appendsTo(loopBody, name) || !this.empties(consequence, name)) continue;
      return { rounds: op === '>' ? bound.value + 1 : bound.value, because: `as \`${name}\` fills` };
    }
    return undefined;
  }

  /**
   * `if i % 100 == 0:` in a loop over `i`: the block runs once every 100 rounds (a progress report, a sample handed
   * on). Only the loop's own counter: another number's cycle says nothing about this loop's rounds.
   */
  private cyclesEvery(condition: Syntax, context: Context): { rounds: number; because: string } | undefined {
    const loop = context.loops[context.loops.length - 1];
    const counter = loop?.type === 'for_statement' ? loop.children[0] : undefined;
    if (condition.type !== 'comparison_operator' || condition.children.length !== 2 || this.operatorOf(condition) !== '==') return undefined;
    const [a, b] = condition.children;
    const [cycle, phase] = a.type === 'binary_operator' ? [a, b] : [b, a];
    if (cycle.type !== 'binary_operator' || this.operatorOf(cycle) !== '%' || cycle.children[0]?.type !== 'identifier') return undefined;
    const name = this.evaluator.text(cycle.children[0]);
    if (!(counter?.type === 'identifier' && this.evaluator.text(counter) === name) && !(loop && roundStep(loop, name, (at) => this.evaluator.text(at)) === 1)) return undefined;
    const period = this.evaluator.evaluate(cycle.children[1], context.frame);
    const at = this.evaluator.evaluate(phase, context.frame);
    if (period.kind !== 'number' || !Number.isInteger(period.value) || period.value < 2 || at.kind !== 'number' || !(at.value >= 0 && at.value < period.value)) return undefined;
    return { rounds: period.value, because: `when \`${this.evaluator.text(cycle)}\` comes round to ${at.value}` };
  }

  /**
   * `if hive_id not in self.alerted: self.alerted.add(hive_id); notify(...)` in a loop, where the loops of this frame
   * never change `hive_id`: once the key is in, the test fails for the rest of the frame's rounds, so the block runs
   * at most once for all of them.
   */
  private firstTimeOnly(condition: Syntax, consequence: Syntax, context: Context): { rounds: number; because: string } | undefined {
    if (condition.type !== 'comparison_operator' || condition.children.length !== 2 || this.operatorOf(condition) !== 'not in') return undefined;
    const loops = context.loops;
    const rounds = context.multiplier.value / context.frameMultiplier.value;
    if (loops.length === 0 || !context.multiplier.known || !context.frameMultiplier.known || !(rounds >= 2) || !Number.isFinite(rounds)) return undefined;
    const [keyNode, containerNode] = condition.children;
    const text = (node: Syntax) => this.evaluator.text(node);
    const key = text(keyNode);
    const container = text(containerNode);
    const steady = keyNode.type === 'string' || keyNode.type === 'integer' || keyNode.type === 'identifier'
      || (keyNode.type === 'attribute' && keyNode.children[0]?.type === 'identifier' && text(keyNode.children[0]) === 'self');
    if (!steady || (containerNode.type !== 'identifier' && containerNode.type !== 'attribute')) return undefined;
    const adds = this.callsIn(consequence).some(({ call, callee, name }) => !!name && ['add', 'append', 'setdefault'].includes(name) && callee?.type === 'attribute'
      && text(callee.children[0]) === container && text(call.children[1]?.children[0] ?? call) === key)
      || this.storesUnder(consequence, container, key);
    if (!adds) return undefined;
    // Nothing in the loops sets the key anew or takes it out again.
    const root = keyNode.type === 'attribute' ? text(keyNode.children[0]) : key;
    for (const loop of loops) {
      if (loop.type !== 'for_statement' && loop.type !== 'while_statement') return undefined;
      if (loop.type === 'for_statement' && this.evaluator.mentions(loop.children[0], root)) return undefined;
      const body = childOfType(loop, 'block');
      if (!body || this.rebinds(body, key) || this.callsIn(body).some(({ callee, name }) => !!name && ['discard', 'remove', 'pop', 'clear'].includes(name)
        && callee?.type === 'attribute' && text(callee.children[0]) === container)) return undefined;
    }
    return { rounds: Math.round(rounds), because: `as \`${key}\` joins \`${container}\` the first time` };
  }

  /** Does this block store `container[key] = ...`? */
  private storesUnder(block: Syntax, container: string, key: string): boolean {
    let found = false;
    walk(block, (node) => {
      if (found || NESTED_SCOPES.has(node.type)) return false;
      const target = node.type === 'assignment' ? node.children[0] : undefined;
      found = target?.type === 'subscript' && this.evaluator.text(target.children[0]) === container && this.evaluator.text(target.children[1] ?? target) === key;
      return undefined;
    });
    return found;
  }

  /** Is `name` (an identifier) set by a statement of the loop's own body, `heap = [(0, src)]`: a new one each round? */
  private assignedEachRound(loop: Syntax, name: Syntax): boolean {
    if (name.type !== 'identifier') return false;
    const text = this.evaluator.text(name);
    return !!childOfType(loop, 'block')?.children.some((statement) => {
      const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
      return assignment?.type === 'assignment' && assignment.children[0]?.type === 'identifier' && this.evaluator.text(assignment.children[0]) === text;
    });
  }

  /** Does this block assign the name (or attribute) spelled `name`, or delete it? */
  private rebinds(block: Syntax, name: string): boolean {
    let found = false;
    walk(block, (node) => {
      if (found || NESTED_SCOPES.has(node.type)) return false;
      if (REBINDING.has(node.type)) found = flattenTargets(node.children[0]).some((target) => this.evaluator.text(target) === name);
      return undefined;
    });
    return found;
  }

  /** Does this block (not the functions it defines) append to the container spelled `name`? */
  private appendsTo(block: Syntax, name: string): boolean {
    return this.callsIn(block).some(({ callee, name: method }) => method === 'append' && callee?.type === 'attribute'
      && this.evaluator.text(callee.children[0]) === name);
  }

  /** Does this block empty the container spelled `name` (`name = []`, `name.clear()`, `del name[:]`)? */
  private empties(block: Syntax, name: string): boolean {
    let found = false;
    walk(block, (node) => {
      if (found || NESTED_SCOPES.has(node.type)) return false;
      if (node.type === 'assignment' && node.children[0]) {
        // `batch = []`, or one place of a tuple assignment (`seq, batch = seq + 1, []`).
        const [target, value] = [node.children[0], node.children[node.children.length - 1]];
        const targets = target.type === 'pattern_list' || target.type === 'tuple_pattern' ? target.children : [target];
        const values = targets.length > 1 && (value?.type === 'expression_list' || value?.type === 'tuple') ? value.children : [value];
        const at = targets.findIndex((each) => this.evaluator.text(each) === name);
        const emptied = at >= 0 && targets.length === values.length ? values[at] : undefined;
        found = !!emptied && ((emptied.type === 'list' && emptied.children.length === 0) || /^list\(\s*\)$/.test(this.evaluator.text(emptied)));
      } else if (node.type === 'call' || node.type === 'delete_statement') {
        const text = this.evaluator.text(node).replace(/\s+/g, '');
        found = text === `${name}.clear()` || text === `del${name}[:]`;
      }
      return !found;
    });
    return found;
  }

  /** The value of a condition when the file decides it (`if with_cruncher:` called with False). */
  private truthOf(condition: Syntax | undefined, context: Context): boolean | undefined {
    if (!condition) return undefined;
    if (condition.type === 'comparison_operator') return this.noneTest(condition, context);
    // `if self.loaded:` in `__exit__`, of `self.loaded = False` in `__init__` that `__enter__` sets to what
    // `load_tray` returns: `__enter__` ran first, so the constructor's flag decides nothing.
    const tested = condition.type === 'not_operator' ? condition.children[0] : condition;
    const fn = context.frame.fn;
    const enter = fn?.name === '__exit__' && fn.cls ? findMethod(this.module, fn.cls, '__enter__') : undefined;
    if (enter && tested?.type === 'attribute' && tested.children[0]?.type === 'identifier' && this.evaluator.text(tested.children[0]) === fn!.params[0]?.name
      && this.evaluator.assignsOwnAttribute(enter, this.evaluator.text(tested.children[tested.children.length - 1]))) return undefined;
    return truthOfValue(this.evaluator.evaluate(condition, context.frame));
  }

  /**
   * `self._lock is not None` where the object was made with `lock=None` (`Lock() if locked else None`): decided as
   * `if self._lock:` is, when the value is None. An object may still be None at times the walk does not see (made
   * later, `self._conn = connect()`), so a value that is not None decides nothing.
   */
  private noneTest(comparison: Syntax, context: Context): boolean | undefined {
    const [left, right] = comparison.children;
    if (comparison.children.length !== 2 || !/^is(\s+not)?$/.test(this.operatorOf(comparison))) return undefined;
    const tested = right.type === 'none' ? left : left.type === 'none' ? right : undefined;
    if (!tested || this.evaluator.evaluate(tested, context.frame).kind !== 'none') return undefined;
    // `if siding.occupant is None:` where a method sets `siding.occupant = self.number`: None only until then.
    if (tested.type === 'attribute' && this.evaluator.setAfterConstruction(this.evaluator.text(tested.children[tested.children.length - 1]))) return undefined;
    return this.operatorOf(comparison) === 'is';
  }

  private walkFor(node: Syntax, context: Context): Work {
    const [target, iterableNode] = node.children;
    const body = childOfType(node, 'block');
    const elseClause = childOfType(node, 'else_clause');
    const work = this.walkExpression(iterableNode, context);
    const iterable = this.evaluator.evaluate(iterableNode, context.frame);
    const items = unrollable(iterable) ?? this.evaluator.literalKeys(iterable, context.frame);
    let total: Work;
    let iterations: Estimate;
    const loopCalls = context.loops.length === 0 ? [] : context.loopCalls;
    if (items && target) {
      // A short literal list (`for fn in (a, b, c):`): each item gets its own pass, so each thread it starts
      // knows its own target and arguments.
      iterations = { value: items.length, known: true };
      total = noWork();
      const outer = context.frame.round;
      context.frame.roundLoops.push(node);
      this.unrolling.push(context.frame);
      for (const [round, item] of items.entries()) {
        context.frame.memo.clear();
        context.frame.round = `${outer}#${round}`;
        this.evaluator.bindTarget(target, item, context.frame);
        const pass = body ? this.withLoopRounds(node, items.length, () => this.walkBlock(body.children, { ...context, loops: [...context.loops, node] })) : noWork();
        addWork(total, addWork(this.iterationCost(target, context), pass));
      }
      context.frame.round = outer;
      context.frame.roundLoops.pop();
      this.unrolling.pop();
      this.evaluator.unbindTarget(target, context.frame);
      context.frame.memo.clear();
    } else {
      // A retry runs its attempt once when nothing in it can fail (see failsElsewhere, and mayFail once walked).
      const retry = !!body && !endsFirstRound(body) && isRetryLoop(node) && !this.failsElsewhere(body);
      iterations = body && (endsFirstRound(body) || retry) ? { value: Math.min(1, lengthOf(iterable) ?? 1), known: true } : this.iterationsOf(iterable, iterableNode, context);
      const stopsAt = body ? this.roundsBeforeBreak(body, target, iterableNode, iterable, context) : undefined;
      if (stopsAt !== undefined && (!iterations.known || stopsAt < iterations.value)) iterations = { value: stopsAt, known: true };
      const searched = body && stopsAt === undefined ? this.divisorSearchRounds(body, target, iterable) : undefined;
      if (searched !== undefined && searched < iterations.value) iterations = searchEstimate(searched, this.line(node));
      // `for n in range(MAX_ITER): if zx * zx + zy * zy > 4.0: return n`: an escape time.
      if (body && iterations.known && iterations.value >= 8 && iterable.kind === 'range' && this.escapesEarly(body)) {
        iterations = escapeEstimate(iterations.value, this.line(node));
      }
      // A search over what a filter kept (`for word in candidates: if word not in used: ... return word`): it stops at
      // its first find, so all it can hold is no estimate of its rounds; the usual guess is.
      if (!iterations.known && stopsAt === undefined && iterable.kind === 'container' && iterable.length === undefined
        && iterable.atMost !== undefined && iterable.atMost > ASSUMED_ITERATIONS && body && leavesLoop(body)) {
        iterations = this.iterationsOf({ ...iterable, atMost: undefined }, iterableNode, context);
      }
      const perIteration = this.iterationCost(target, context);
      // `for dirpath, dirs, names in os.walk(root)`: each round lists a directory.
      const listing = iterableNode?.type === 'call' ? this.evaluator.evaluate(iterableNode.children[0], context.frame) : undefined;
      if (listing?.kind === 'external' && ITERATING_WAITS.has(listing.name)) {
        addWork(perIteration, segmentWork({ kind: 'block', what: FILE_IO, line: 0 }));
      }
      // `with urlopen(url) as resp: for raw in resp:`: each line of the response is read off the network.
      if (iterableNode && this.httpResponse(iterableNode, context)) addWork(perIteration, segmentWork({ kind: 'block', what: NETWORK_READ, line: 0 }));
      // `for line in self.rfile`: each line waits for the peer to send it.
      if (iterable.kind === 'instance' && iterable.type === SOCKET_STREAM) {
        addWork(perIteration, segmentWork({ kind: 'block', what: NETWORK_READ, line: 0 }));
        perIteration.awaitsItems = [`${PEER_MESSAGES}${iterable.origin.key}`];
      }
      // `for job in iter(q.get, None)`: each round takes an item off the queue, waiting for one. A loop over the items,
      // not a worker waiting for jobs: items put back to back while it runs are there for the taking too.
      const taker = listing?.kind === 'external' && listing.name === 'iter' && iterableNode!.children[1]?.children.length === 2
        ? this.evaluator.evaluate(iterableNode!.children[1].children[0], context.frame) : undefined;
      // `for chunk in iter(lambda: fh.read(CHUNK), b"")`: each round calls the lambda, a read that waits for the file.
      const callable = taker ? iterableNode!.children[1].children[0] : undefined;
      const made = callable?.type === 'lambda' && callable.children.every((part) => part.type !== 'lambda_parameters') ? callable.children[callable.children.length - 1] : undefined;
      if (made) addWork(perIteration, this.walkExpression(made, context));
      if (taker?.kind === 'external' && taker.self && /\.get(_nowait)?$/.test(taker.name)) {
        const take = this.externalEffectWork(taker.name, NO_ARGS, iterableNode!, context.execution, context, taker.self, true);
        addWork(perIteration, take);
        // The loop ends once the items are gone, the threads of its start sharing them.
        if (take.take !== undefined && !iterations.known) {
          iterations = { value: Math.ceil(take.take / Math.max(1, context.execution.instances)), known: true };
        }
      }
      const loopContext: Context = {
        ...context, loops: [...context.loops, node], multiplier: multiply(context.multiplier, iterations), loopCalls,
      };
      const before = this.mark(context.execution);
      if (body) addWork(perIteration, this.withLoopRounds(node, iterations.value, () => this.walkBlock(body.children, loopContext)));
      // One that can fail may take every attempt it has.
      if (retry && mayFail(perIteration)) iterations = this.iterationsOf(iterable, iterableNode, context);
      if (iterations.value > 1) this.laterRoundsBeside(context.execution, before);
      this.laterRoundsAfter(context.execution, before);
      iterations = this.dampedWaiting(iterations, perIteration, context);
      total = scaleWork(perIteration, iterations.value, this.line(node));
      if (iterations.assumption) addAssumption(total, iterations.assumption);
      if (iterations.guessed) total.guessed = true;
      // `for job in self.jobs: if job["state"] == "queued": job["state"] = "running"; return job`: each call claims
      // one item of a shared list, as a pop would, and the loop calling it ends once none is left.
      if (context.execution.kind === 'thread' && body && target?.type === 'identifier' && iterable.kind === 'container'
        && iterable.type === 'list' && iterable.length && iterable.origin.sharing === 'shared' && this.claims(node, body, target)) {
        addWork(total, segmentWork({ kind: 'sync', sync: { op: 'take', object: iterable.origin.key, initial: iterable.length }, line: this.line(node) }));
      }
    }
    // A generator function's body runs between the loop's rounds: what it waits for, the loop waits for. So does one
    // that `enumerate(...)` or `zip(...)` wraps (`for i, value in enumerate(synth_vacuum(line, n)):`).
    if (iterableNode?.type === 'call' && iterable.kind === 'container' && (iterable.type === 'generator' || this.wrapsGeneratorCall(iterableNode, context))) {
      total = addWork(work, total);
      if (elseClause) addWork(total, this.walkBlock(childOfType(elseClause, 'block')?.children ?? [], context));
      const byNext = body ? this.pulledByNext(body, context) : [];
      this.recordItem(node, 'loop', byNext.reduce((sum, item) => addWork(sum, item.work), addWork(noWork(), total)), context, iterations, undefined, loopCalls);
      return total;
    }
    addWork(work, total);
    if (elseClause) addWork(work, this.walkBlock(childOfType(elseClause, 'block')?.children ?? [], context));
    // `records = parse(read(path))`, then `for rec in records:`: the generators' bodies run as this loop pulls from
    // them, so their work is this loop's (it was counted once, at the assignment, in the frame's total).
    const pulled = iterableNode?.type === 'identifier' && iterable.kind === 'container' && iterable.type === 'generator'
      ? this.takeGeneratorItems(iterableNode, context) : [];
    // `shifts = key_stream(key)`, then `next(shifts)` in each round: so is the generator this loop pulls by hand.
    if (body) pulled.push(...this.pulledByNext(body, context));
    const looped = pulled.length > 0 ? pulled.reduce((sum, item) => addWork(sum, item.work), addWork(noWork(), total)) : total;
    this.recordItem(node, 'loop', looped, context, iterations, undefined, loopCalls);
    return work;
  }

  /** The statement items that made the generators a comprehension of this statement pulls from (see takeGeneratorItems). */
  private pulledByComprehension(statement: Syntax, context: Context): WorkItem[] {
    return comprehensionIterables(statement).flatMap((iterable) => {
      if (iterable.type !== 'identifier') return [];
      const value = this.evaluator.evaluate(iterable, context.frame);
      return value.kind === 'container' && value.type === 'generator' ? this.takeGeneratorItems(iterable, context) : [];
    });
  }

  private opensUrls: boolean | undefined;

  /** A name bound once, by `with urllib.request.urlopen(...) as name` (or `name = urlopen(...)`): a response. */
  private httpResponse(name: Syntax, context: Context): boolean {
    this.opensUrls ??= this.module.source.includes('urlopen');
    if (name.type !== 'identifier' || !this.opensUrls) return false;
    const sites = resolveName(scopeOf(this.module, name), this.evaluator.text(name), this.module.scope)?.sites ?? [];
    const made = sites.length === 1 && sites[0].kind === 'assign' && !sites[0].iterable ? sites[0].value : undefined;
    if (made?.type !== 'call' || !made.children[0]) return false;
    const callee = this.evaluator.evaluate(made.children[0], context.frame);
    return callee.kind === 'external' && callee.name === 'urllib.request.urlopen';
  }

  /** The statement items that made the generators a loop's body pulls from with `next(name)`. */
  private pulledByNext(body: Syntax, context: Context): WorkItem[] {
    this.nextWords ??= this.hits(/\bnext\b/g);
    if (context.loops.length > 0 || !this.nextWords.within(body.start, body.end)) return [];
    const names: Syntax[] = [];
    walk(body, (node) => {
      if (NESTED_SCOPES.has(node.type)) return false;
      const args = node.type === 'call' && node.children[0]?.type === 'identifier' && this.evaluator.text(node.children[0]) === 'next' ? node.children[1]?.children ?? [] : [];
      if (args[0]?.type === 'identifier' && !names.some((name) => this.evaluator.text(name) === this.evaluator.text(args[0]))) names.push(args[0]);
      return undefined;
    });
    return names.flatMap((name) => {
      const value = this.evaluator.evaluate(name, context.frame);
      return value.kind === 'container' && value.type === 'generator' ? this.takeGeneratorItems(name, context) : [];
    });
  }

  /** `enumerate(synth_vacuum(line, n))`, `zip(gen(a), gen(b))`: a builtin that pulls from generators made by calls. */
  private wrapsGeneratorCall(call: Syntax, context: Context): boolean {
    const name = call.children[0]?.type === 'identifier' ? this.evaluator.text(call.children[0]) : '';
    if (name !== 'enumerate' && name !== 'zip') return false;
    return (call.children[1]?.children ?? []).some((arg) => {
      if (arg.type !== 'call') return false;
      const made = this.evaluator.evaluate(arg, context.frame);
      return made.kind === 'container' && made.type === 'generator';
    });
  }

  /**
   * The statement items of this frame that made the generator a loop pulls from (`records = only(..., parse(...))`
   * before `for ... in records`), taken out of the frame's items (their work becomes the loop's).
   */
  private takeGeneratorItems(name: Syntax, context: Context): WorkItem[] {
    if (context.loops.length > 0) return [];
    const text = this.evaluator.text(name);
    const items = context.record.items;
    const assignment = [...items].reverse().find((item) => {
      if (item.kind !== 'statement') return false;
      const statement = item.node.type === 'expression_statement' ? item.node.children[0] : item.node;
      return statement?.type === 'assignment' && statement.children[0]?.type === 'identifier' && this.evaluator.text(statement.children[0]) === text;
    });
    if (!assignment) return [];
    const taken = items.filter((item) => item.node === assignment.node);
    context.record.items.splice(0, items.length, ...items.filter((item) => item.node !== assignment.node));
    return taken.filter((item) => item.kind === 'statement');
  }

  /**
   * `for n, row in enumerate(ROWS): if n == PEEK: break` (or `for i in range(...)` with `if i >= LIMIT: break`): the
   * loop stops once its counter reaches a number the file gives, however long what it runs over.
   */
  private roundsBeforeBreak(body: Syntax, target: Syntax | undefined, iterableNode: Syntax | undefined, iterable: Value, context: Context): number | undefined {
    let counter: Syntax | undefined;
    let first = 0;
    if (target?.type === 'identifier' && iterable.kind === 'range' && (iterable.step ?? 1) === 1) {
      counter = target;
      first = iterable.first ?? Number.NaN;
    } else if ((target?.type === 'pattern_list' || target?.type === 'tuple_pattern') && iterableNode?.type === 'call'
      && this.evaluator.text(iterableNode.children[0]) === 'enumerate') {
      counter = target.children[0];
      const given = iterableNode.children[1]?.children[1];
      const startValue = given ? this.evaluator.evaluate(given.type === 'keyword_argument' ? given.children[1] : given, context.frame) : undefined;
      first = startValue === undefined ? 0 : startValue.kind === 'number' ? startValue.value : Number.NaN;
    }
    if (counter?.type !== 'identifier' || Number.isNaN(first)) return undefined;
    const name = this.evaluator.text(counter);
    for (const statement of body.children) {
      const condition = statement.type === 'if_statement' ? statement.children[0] : undefined;
      const block = statement.type === 'if_statement' ? childOfType(statement, 'block') : undefined;
      if (condition?.type !== 'comparison_operator' || condition.children.length !== 2 || !block || !endsFirstRound(block)) continue;
      const [left, right] = condition.children;
      const operator = this.operatorOf(condition);
      if (left.type !== 'identifier' || this.evaluator.text(left) !== name || !['==', '>=', '>'].includes(operator)) continue;
      const bound = this.evaluator.evaluate(right, context.frame);
      if (bound.kind !== 'number' || !Number.isFinite(bound.value) || bound.drawn) continue;
      return Math.max(1, (operator === '>' ? bound.value + 1 : bound.value) - first + 1);
    }
    return undefined;
  }

  /**
   * `for d in range(3, isqrt(n) + 1, 2): if n % d == 0: return False`: a trial division stops at the first divisor it
   * finds. Most numbers have a small one and only primes run to the end: the share of numbers with no prime factor
   * below d is about e^-γ / ln d (Mertens), twice that when the loop skips the even divisors, and summed over the
   * divisors tried it is the expected count of rounds (within 12% of counted ones for numbers up to a million).
   */
  private divisorSearchRounds(body: Syntax, target: Syntax | undefined, iterable: Value): number | undefined {
    if (target?.type !== 'identifier' || iterable.kind !== 'range' || iterable.length === undefined || iterable.first === undefined) return undefined;
    return this.searchRounds(body, this.evaluator.text(target), iterable.first, iterable.step ?? 1, iterable.length);
  }

  /**
   * The rounds of a divisor search (see divisorSearchRounds) trying `length` divisors from `first` by `step`, when the
   * body leaves at the first that divides (`if n % divisor == 0: return False`); undefined otherwise.
   */
  private searchRounds(body: Syntax, divisor: string, first: number, step: number, length: number): number | undefined {
    if (!(first >= 2) || (step !== 1 && step !== 2) || !(length >= 2) || !Number.isFinite(length)) return undefined;
    if (!body.children.some((statement) => statement.type === 'if_statement' && !!childOfType(statement, 'block')
      && endsFirstRound(childOfType(statement, 'block')!) && this.testsDivisibility(statement.children[0], divisor))) return undefined;
    const survives = MERTENS_SURVIVAL * (step === 2 && first % 2 === 1 ? 2 : 1);
    // A long range is summed over evenly spaced samples of it.
    const samples = Math.min(length, 4096);
    let rounds = 0;
    for (let i = 0; i < samples; i++) rounds += Math.min(1, survives / Math.log(first + step * Math.floor((i * length) / samples)));
    return Math.max(1, Math.round((rounds * length) / samples));
  }

  /**
   * `if zx * zx + zy * zy > 4.0: return n` (or `abs(z) > 2.0:`, then `break`) in a loop that moves those names on:
   * it leaves when a value it computes grows past a bound.
   */
  private escapesEarly(body: Syntax): boolean {
    const assigned = new Set<string>();
    for (const statement of body.children) {
      const inner = statement.type === 'expression_statement' ? statement.children[0] : undefined;
      if (inner?.type === 'assignment' || inner?.type === 'augmented_assignment') {
        for (const name of flattenTargets(inner.children[0])) assigned.add(this.evaluator.text(name));
      }
    }
    return body.children.some((statement) => {
      const block = statement.type === 'if_statement' ? childOfType(statement, 'block') : undefined;
      const test = statement.children[0];
      if (!block || !endsFirstRound(block) || test?.type !== 'comparison_operator' || test.children.length !== 2) return false;
      const [value, bound] = test.children;
      if (!['>', '>='].includes(this.operatorOf(test)) || (bound.type !== 'float' && bound.type !== 'integer')) return false;
      const grows = value.type === 'binary_operator' || (value.type === 'call' && this.evaluator.text(value.children[0]) === 'abs');
      return grows && [...assigned].some((name) => this.evaluator.mentions(value, name));
    });
  }

  /**
   * A `while` loop's rounds as a divisor search (see searchRounds), its counter's start and step known: counted
   * (`while f <= limit:`), or up to a root (`while d * d <= n:`, as many rounds as `d` takes to reach √n).
   */
  private whileSearchRounds(node: Syntax, condition: Syntax, body: Syntax, counted: number | undefined, context: Context): number | undefined {
    const squared = this.squaredCounter(condition);
    const counter = squared ?? this.counterOf(node, condition);
    const stepNode = counter ? this.stepOf(body, counter) : undefined;
    if (!counter || !stepNode) return undefined;
    const step = this.evaluator.evaluate(stepNode, context.frame);
    const start = this.valueBefore(node, counter, context);
    if (step.kind !== 'number' || start?.kind !== 'number' || start.drawn || !(step.value > 0)) return undefined;
    const root = squared ? typicalSize(this.evaluator.evaluate(condition.children[1], context.frame)) : undefined;
    const rounds = squared ? (root !== undefined && root >= 0 ? Math.max(0, Math.floor((Math.sqrt(root) - start.value) / step.value) + 1) : undefined) : counted;
    return rounds === undefined ? undefined : this.searchRounds(body, counter, start.value, step.value, rounds);
  }

  /** The `d` of `d * d <= n` (or `<`). */
  private squaredCounter(condition: Syntax): string | undefined {
    if (condition.type !== 'comparison_operator' || condition.children.length !== 2 || !['<=', '<'].includes(this.operatorOf(condition))) return undefined;
    const square = condition.children[0];
    if (square.type !== 'binary_operator' || square.children.length !== 2 || this.operatorOf(square) !== '*') return undefined;
    const [a, b] = square.children;
    return a.type === 'identifier' && b.type === 'identifier' && this.evaluator.text(a) === this.evaluator.text(b) ? this.evaluator.text(a) : undefined;
  }

  /** `n % d == 0` (or `0 == n % d`, `not n % d`) with `d` the given name and `n` not made from it. */
  private testsDivisibility(condition: Syntax | undefined, divisor: string): boolean {
    const remainder = this.remainderTested(condition);
    if (!remainder) return false;
    const [dividend, by] = remainder.children;
    return by.type === 'identifier' && this.evaluator.text(by) === divisor && !this.evaluator.mentions(dividend, divisor);
  }

  /** One round of a `for`: the iterator step and the store into the target(s). */
  private iterationCost(target: Syntax | undefined, context: Context): Work {
    const work = bump(noWork(), 'iter');
    for (const name of flattenTargets(target)) this.storeCost(work, name, context);
    return work;
  }

  private walkWhile(node: Syntax, context: Context): Work {
    const condition = node.children[0];
    const body = childOfType(node, 'block');
    // Counted once, before the body: a scanner's inner loops on its counter are counted by it (see whileIterations).
    const counted = condition ? this.countedWhile(node, condition, context) : undefined;
    // Threads started in the body: one a round (an accept loop serving each client in a thread of its own).
    const loopCalls = context.loops.length === 0 ? [] : context.loopCalls;
    const loopContext: Context = {
      ...context, loops: [...context.loops, node], multiplier: multiply(context.multiplier, this.drainRounds(condition, body, context) ?? this.startingRounds(node, condition, body, counted, context)), loopCalls,
    };
    const before = context.execution.accesses.length;
    // The jump back and the test, then the body.
    const perIteration = this.walkExpression(condition, loopContext, bump(noWork(), 'iter'));
    stampLine(perIteration, this.line(node));
    const marked = this.mark(context.execution);
    const bodyWork = body ? this.walkBlock(body.children, loopContext) : noWork();
    addWork(perIteration, bodyWork);
    this.recordCheck(node, condition, context, before);
    this.laterRoundsBeside(context.execution, marked);
    this.laterRoundsAfter(context.execution, marked);
    // The body's loops were walked before these rounds were known: a guess around guesses is damped here instead.
    // `while not ladder.acquire(timeout=0.05):` goes round again only after waiting out the timeout.
    const retries = this.retriesTimedAcquire(condition);
    const guessed = this.whileIterations(node, condition, context, perIteration, counted, retries);
    const iterations = perIteration.guessed || context.multiplier.guessed ? this.damped(guessed, true) : this.dampedWaiting(guessed, perIteration, context, retries);
    const total = scaleWork(perIteration, iterations.value, this.line(node));
    if (iterations.assumption) addAssumption(total, iterations.assumption);
    if (iterations.guessed) total.guessed = true;
    // `while not stop.is_set():` also ends once another thread sets the event: the simulator plays that out.
    const until = this.limits.workload && condition && perIteration.trace.length > 0 && iterations.value >= 1
      ? this.stopEvent(condition, context) ?? (/^(True|1)$/.test(this.evaluator.text(condition)) && body ? this.breakEvent(body, context) : undefined) : undefined;
    if (until) total.trace = [{ kind: 'repeat', times: iterations.value, body: perIteration.trace, line: this.line(node), until }];
    if (!iterations.known && !waits(perIteration) && !retries) total.spins = true;
    if (!iterations.known && total.trace.length === 1 && total.trace[0].kind === 'repeat') total.trace[0].open = true;
    this.recordItem(node, 'loop', total, context, iterations, undefined, loopCalls);
    // `while ...: ... else:` runs once the test fails (not after a break).
    const elseClause = childOfType(node, 'else_clause');
    if (elseClause) return addWork(total, this.walkBlock(childOfType(elseClause, 'block')?.children ?? [], context));
    return total;
  }

  /**
   * What a loop runs until, as an event: `while not event.is_set():` until the event is set, `while self.running:`
   * until a thread stores False in it, `while not stopped:` until one stores True.
   */
  private stopEvent(condition: Syntax, context: Context): string | undefined {
    const negated = condition.type === 'not_operator';
    return this.eventTested(negated ? condition.children[0] : condition, negated, context);
  }

  /**
   * `while True:` whose body breaks out on an event (`elif stop.is_set(): break`, `if not self.running: break`), at
   * its top level: it runs until then, as `while not stop.is_set():` does.
   */
  private breakEvent(body: Syntax, context: Context): string | undefined {
    for (const statement of body.children) {
      if (statement.type !== 'if_statement') continue;
      const clauses: Array<[Syntax | undefined, Syntax | undefined]> = [[statement.children[0], childOfType(statement, 'block')]];
      for (const clause of statement.children) if (clause.type === 'elif_clause') clauses.push([clause.children[0], clause.children[1]]);
      for (const [test, block] of clauses) {
        if (!test || block?.children[0]?.type !== 'break_statement') continue;
        const until = test.type === 'not_operator' ? this.eventTested(test.children[0], false, context) : this.eventTested(test, true, context);
        if (until) return until;
      }
    }
    return undefined;
  }

  /** `stopEvent` of `tested`, or of `not tested` when `negated`. */
  private eventTested(tested: Syntax | undefined, negated: boolean, context: Context): string | undefined {
    if (tested?.type === 'identifier' || tested?.type === 'attribute') {
      const place = this.targetPlace(tested, context);
      return place && place.sharing !== 'private' ? flagEvent(place, negated) : undefined;
    }
    if (!negated) return undefined;
    if (tested?.type !== 'call') return undefined;
    const callee = tested.children[0];
    if (callee?.type !== 'attribute') return undefined;
    // `while not stop.is_set():`, or `while not stop.wait(0.05):` (a wait that says True once the event is set).
    const method = this.evaluator.text(callee.children[callee.children.length - 1]);
    if (!(method === 'is_set' && tested.children[1]?.children.length === 0) && method !== 'wait') return undefined;
    const event = this.evaluator.evaluate(callee.children[0], context.frame);
    const type = event.kind === 'instance' && event.type ? canonicalType(event.type) : undefined;
    return type === 'threading.Event' || (type === 'asyncio.Event' && method === 'is_set') ? (event as Extract<Value, { kind: 'instance' }>).origin.key : undefined;
  }

  /**
   * How many threads a start in this while loop's body makes: one per round, when the rounds are counted; otherwise
   * at least two (they run at once unless each round joins its own), a count the file does not give.
   */
  /**
   * The name of a list a `while` loop drains (its test reads it, a round takes one item off the front or back) when
   * the loop around adds one item to it a round, outside the `while`: a sliding window.
   */
  private windowDrained(condition: Syntax, body: Syntax, outer: Syntax): string | undefined {
    const tested = new Set<string>();
    walk(condition, (node) => {
      if (node.type === 'identifier') tested.add(this.evaluator.text(node));
    });
    const methodCalls = (root: Syntax, methods: ReadonlySet<string>, skip?: Syntax): string[] => {
      const names: string[] = [];
      walk(root, (node) => {
        if (node === skip || NESTED_SCOPES.has(node.type)) return false;
        const callee = node.type === 'call' ? node.children[0] : undefined;
        const object = callee?.type === 'attribute' ? callee.children[0] : undefined;
        if (object?.type === 'identifier' && methods.has(this.evaluator.text(callee!.children[callee!.children.length - 1]))) names.push(this.evaluator.text(object));
        return undefined;
      });
      return names;
    };
    const drained = methodCalls(body, new Set(['pop', 'popleft'])).filter((name) => tested.has(name));
    const outerBody = childOfType(outer, 'block');
    const whileNode = body.parent;
    if (drained.length === 0 || !outerBody || !whileNode) return undefined;
    const added = methodCalls(outerBody, new Set(['append', 'appendleft']), whileNode);
    return drained.find((name) => added.filter((other) => other === name).length === 1);
  }

  /**
   * `while self._pending: order_id, job = self._pending.pop(0)` (or `left.remove(nxt)` of a set) in the loop's own
   * block: a round an item of the container it drains, when its size is known (or bounded: four `dispatch` calls
   * that each add one, a set made of a range less some).
   */
  private drainRounds(condition: Syntax | undefined, body: Syntax | undefined, context: Context): Estimate | undefined {
    if (!condition || !body || (condition.type !== 'identifier' && condition.type !== 'attribute')) return undefined;
    const text = this.evaluator.text(condition);
    const pops = body.children.some((statement) => {
      const expression = statement.type === 'expression_statement' ? statement.children[0] : undefined;
      const call = expression?.type === 'assignment' ? assignmentParts(expression).right : expression;
      const callee = call?.type === 'call' ? call.children[0] : undefined;
      return callee?.type === 'attribute' && this.evaluator.text(callee.children[0]!) === text
        && DRAINING_METHODS.has(this.evaluator.text(callee.children[callee.children.length - 1]));
    });
    if (!pops) return undefined;
    const value = this.evaluator.evaluate(condition, context.frame);
    if (value.kind !== 'container') return undefined;
    const length = lengthOf(value);
    if (length !== undefined) return { value: Math.max(1, length), known: true };
    return value.atMost !== undefined && Number.isFinite(value.atMost) ? { value: Math.max(1, value.atMost), known: false } : undefined;
  }

  /**
   * Does the body call a name the walk knows as a partial of a start API (`submit(line)` of a parameter given
   * `functools.partial(pool.submit, shop.take_order)`)? The text check (mayStartThreads) cannot know a parameter.
   */
  private callsStartPartial(body: Syntax, context: Context): boolean {
    // (Only a file that names `partial` can make one: most loops are not asked.)
    if (!this.module.words.has('partial', 0, this.module.source.length)) return false;
    return this.callsIn(body).some(({ callee }) => {
      if (callee?.type !== 'identifier') return false;
      const value = this.evaluator.evaluate(callee, context.frame);
      return value.kind === 'partial' && value.fn.kind === 'external';
    });
  }

  private startingRounds(node: Syntax, condition: Syntax | undefined, body: Syntax | undefined, counted: Counted, context: Context): Estimate {
    if (!condition || !body || endsFirstRound(body) || !(this.mayStartThreads(body) || this.callsStartPartial(body, context))) return one();
    if (typeof counted === 'number') return { value: Math.max(1, counted), known: true };
    if (typeof counted === 'object') return { value: Math.max(1, counted.atMost), known: false };
    return { value: 2, known: false, assumption: `assumed 2 rounds of the loop at line ${this.line(node)}, each starting threads` };
  }

  private whileIterations(node: Syntax, condition: Syntax | undefined, context: Context, perIteration: Work, counted: Counted, retries: boolean): Estimate {
    if (!condition) return { value: 1, known: false };
    const body = childOfType(node, 'block');
    if (body && (endsFirstRound(body) || this.retryNeverFails(node, body, perIteration))) return { value: 1, known: true };
    // `while True: try: return fn() except E: attempt += 1; if attempt >= times: raise`: at most `times` attempts.
    const attempts = body && isRetryLoop(node) ? this.retryAttempts(body, context) : undefined;
    if (attempts !== undefined) return { value: attempts, known: false, assumption: `at most ${attempts} attempts of the retry at line ${this.line(node)}` };
    // A loop that pops a shared list runs, at most, as many rounds as the list has items.
    if (perIteration.take !== undefined) return { value: perIteration.take, known: true };
    const blocks = this.evaluator.readLoopRounds(node, context.frame);
    if (blocks !== undefined) return { value: blocks, known: true };
    const text = this.evaluator.text(condition);
    const forever = text === 'True' || text === '1';
    const line = this.line(node);
    const bounded: Estimate = { value: ASSUMED_ITERATIONS, known: false, guessed: 1, assumption: `assumed ${ASSUMED_ITERATIONS.toLocaleString('en-US')} rounds of the loop at line ${line}` };
    if (!forever) {
      // `f = 3` then `while f <= limit: if n % f == 0: return False; f += 2`: a divisor search.
      const searched = body ? this.whileSearchRounds(node, condition, body, typeof counted === 'number' ? counted : undefined, context) : undefined;
      if (searched !== undefined && (typeof counted !== 'number' || searched < counted)) return searchEstimate(searched, line);
      if (typeof counted === 'number') return { value: counted, known: true };
      if (typeof counted === 'object') {
        const moving = counted.counter ? `, \`${counted.counter}\` moving on each round` : '';
        // A computation that stops early when its data says so (an escape-time loop, `while n < MAX_ITER and
        // zx * zx + zy * zy < 4.0`) runs about half its bound on average; a loop that waits in its rounds (polls,
        // retries) more often runs them all.
        const expected = isComputation(perIteration) && testsData(condition) ? Math.max(1, Math.ceil(counted.atMost / 2)) : counted.atMost;
        return { value: expected, known: false, assumption: `at most ${counted.atMost.toLocaleString('en-US')} rounds of the loop at line ${line}${moving}` };
      }
      // An inner loop moving a scanner's counter on (`while pos < n and text[pos].isdigit(): pos += 1`) spends the
      // rounds the outer loop's count already holds: once a round of it.
      if (context.loops.some((loop) => this.scanCounters.has(loop) && body && this.leastAdvance(body, this.scanCounters.get(loop)!, context) !== undefined
        && this.evaluator.mentions(condition, this.scanCounters.get(loop)!))) {
        return { value: 1, known: true };
      }
      // `while len(days) < 5: ... if d.weekday() < 5: days.append(d)`: a round adds an item only when its test passes.
      const filled = body && counted === undefined ? this.sometimesFilled(condition, body, context) : undefined;
      if (filled !== undefined) {
        return {
          value: 2 * filled, known: false,
          assumption: `assumed 2 rounds of the loop at line ${line} for each of the ${filled.toLocaleString('en-US')} items it collects (it adds one when a test passes)`,
        };
      }
      // A counter with a bound, by sizes the file does not tell: bounded, just not known.
      if (counted === 'unknown' && context.loops.length === 0) return bounded;
      // `while tasks:` drains a container: at most one round per item. (`while block := f.read(n):` tests a
      // block, whose size says nothing of the rounds.)
      const value = condition.type === 'named_expression' ? undefined : this.evaluator.evaluate(condition, context.frame);
      const length = value?.kind === 'container' ? lengthOf(value) : undefined;
      if (length !== undefined) return { value: length, known: true };
      // Of a size bounded only, but taken an item of each round: its bound, at most.
      const drained = this.drainRounds(condition, body, context);
      if (drained) return { ...drained, assumption: `at most ${drained.value.toLocaleString('en-US')} rounds of the loop at line ${line}, an item of \`${this.evaluator.text(condition)}\` taken each round` };
    }
    // `while stack:` in a search that pushes what it has not seen yet: each item of the space it walks is pushed and
    // popped once, about two rounds for each item of the largest container it indexes (the graph, the visited array).
    // A search called for each of several routes searches anew each time. (One whose rounds wait, a crawler's, is
    // counted as waiting loops are, below.)
    // (Inside another loop, one whose worklist that loop makes anew each round: `for src in sources: heap = [(0, src)];
    // while heap:`, a search from each source.)
    const searchFrom = context.loops.length === 0 || this.assignedEachRound(context.loops[context.loops.length - 1], condition);
    const worklist = body && !forever && searchFrom && !waits(perIteration) ? this.worklistRounds(condition, body, context) : undefined;
    if (worklist) {
      // One that stops at what it looks for (`if node == goal: return d`) walks about half the space, on average.
      const stops = !!body && leavesLoop(body);
      return {
        value: stops ? worklist.items : 2 * worklist.items, known: false,
        assumption: `about ${stops ? '1 round' : '2 rounds'} of the loop at line ${line} for each of the ${worklist.items.toLocaleString('en-US')} ${worklist.space}${stops ? ' (it stops at what it looks for: half the space, on average)' : ''}`,
      };
    }
    // `times.append(tx.ts)` a round of the loop around, then `while times and tx.ts - times[0] > window: times.pop(0)`:
    // a sliding window drops no more items than the outer loop adds, one round for each, over the whole run.
    const window = body && !forever && context.loops.length > 0 ? this.windowDrained(condition, body, context.loops[context.loops.length - 1]) : undefined;
    if (window) return { value: 1, known: false, assumption: `at most 1 round of the loop at line ${line} for each item the loop around it adds to \`${window}\`` };
    if (context.loops.length > 0 || context.repeated) {
      // A data-driven loop inside another loop (Collatz steps, a digit loop), here or in a caller, usually runs a few
      // dozen rounds.
      return { value: ASSUMED_INNER_ROUNDS, known: false, guessed: 1, assumption: `assumed ${ASSUMED_INNER_ROUNDS} rounds of the inner loop at line ${line}` };
    }
    if (waits(perIteration) || retries) return bounded;
    // `while True:` that breaks or returns when a value it computes says so (a dice roll hits its point, a search
    // finds its number): it ends, after a few rounds as a rule. One that reads shared state is waiting for another
    // thread to change it: it spins.
    if (forever && body && leavesLoop(body) && !this.placesRead(body, context, false).some((place) => place.sharing === 'shared')) {
      return { value: ASSUMED_INNER_ROUNDS, known: false, guessed: 1, assumption: `assumed ${ASSUMED_INNER_ROUNDS} rounds of the loop at line ${line}, which ends when its data says so` };
    }
    // `improved = True; while improved: improved = False; ... improved = True`: passes until one changes nothing,
    // a few as a rule (a 2-opt tour, a bubble sort's passes over nearly sorted data).
    if (body && this.repeatsUntilSettled(condition, body)) {
      return { value: ASSUMED_PASSES, known: false, guessed: 1, assumption: `assumed ${ASSUMED_PASSES} passes of the loop at line ${line}, which repeats until a pass changes nothing` };
    }
    // `while q and now - q[0] > window: q.popleft()`, `while slug in taken: slug = next_slug()`: the loop changes
    // what it tests, so it ends when its own data says so; a spin waits for another thread to change it.
    if (body && !forever && this.changesWhatItTests(condition, body)) return bounded;
    // `while True:` that leaves when `artifacts` is empty and pops it otherwise: it drains the list, a round an item.
    const drained = forever && body ? this.drainedContainer(body) : undefined;
    if (drained) {
      const length = lengthOf(this.evaluator.evaluate(drained, context.frame));
      return length !== undefined ? { value: length, known: true } : bounded;
    }
    // `while True: try: item = q.get_nowait() except queue.Empty: break`: it empties a queue, a round an item in it.
    if (forever && body && this.emptiesQueue(body)) {
      return { value: ASSUMED_ITERATIONS, known: false, guessed: 1, assumption: `assumed ${ASSUMED_ITERATIONS.toLocaleString('en-US')} items in the queue the loop at line ${line} empties` };
    }
    return { value: ASSUMED_SPINS, known: false, guessed: 1, assumption: `assumed ${ASSUMED_SPINS.toLocaleString('en-US')} rounds of the loop at line ${line}, which has no bound in the code` };
  }

  /**
   * The attempts a retry loop's handler allows: `if attempt >= times: raise` (or `> times - 1`, or a `return` or
   * `break` for the give-up) in its `except` clause, with the bound a number the code gives.
   */
  private retryAttempts(body: Syntax, context: Context): number | undefined {
    const attempt = body.children[body.children.length - 1];
    for (const clause of attempt?.children ?? []) {
      const handler = clause.type === 'except_clause' ? childOfType(clause, 'block') : undefined;
      for (const statement of handler?.children ?? []) {
        const [test, block] = statement.type === 'if_statement' ? statement.children : [];
        const last = block?.type === 'block' ? block.children[block.children.length - 1] : undefined;
        if (test?.type !== 'comparison_operator' || test.children.length !== 2 || !last || !['raise_statement', 'return_statement', 'break_statement'].includes(last.type)) continue;
        const operator = this.operatorOf(test);
        const bound = this.evaluator.evaluate(test.children[1], context.frame);
        if (bound.kind !== 'number' || !Number.isInteger(bound.value) || bound.value < 1 || bound.value > 1000) continue;
        if (operator === '>=') return bound.value;
        if (operator === '>') return bound.value + 1;
      }
    }
    return undefined;
  }

  /** A `try:` in the loop's block that takes from a queue without waiting, and leaves the loop once it is empty. */
  private emptiesQueue(body: Syntax): boolean {
    return body.children.some((statement) => {
      if (statement.type !== 'try_statement') return false;
      const tried = statement.children.find((child) => child.type === 'block');
      const takes = !!tried && this.callsIn(tried).some(({ name }) => name === 'get_nowait');
      return takes && statement.children.some((clause) => {
        const caught = clause.type === 'except_clause' ? clause.children[0] : undefined;
        const block = clause.children.find((child) => child.type === 'block');
        const last = block?.children[block.children.length - 1];
        return !!caught && /(^|\.)Empty$/.test(this.evaluator.text(caught)) && (last?.type === 'break_statement' || last?.type === 'return_statement');
      });
    });
  }

  /**
   * The container a `while True:` loop drains: its block has `if not items: ... break` (or return) and takes from
   * `items` (`items.pop()`, `popleft()`, `popitem()`).
   */
  private drainedContainer(body: Syntax): Syntax | undefined {
    for (const statement of body.children) {
      const [test, block] = statement.type === 'if_statement' ? statement.children : [];
      const tested = test?.type === 'not_operator' ? test.children[0] : undefined;
      const last = block?.type === 'block' ? block.children[block.children.length - 1] : undefined;
      if (!tested || (tested.type !== 'identifier' && tested.type !== 'attribute') || (last?.type !== 'break_statement' && last?.type !== 'return_statement')) continue;
      const name = this.evaluator.text(tested);
      const takes = this.callsIn(body).some(({ callee, name: method }) => callee?.type === 'attribute' && !!method && TAKING_METHODS.has(method)
        && !!callee.children[0] && this.evaluator.text(callee.children[0]) === name);
      if (takes) return tested;
    }
    return undefined;
  }

  /**
   * The space a `while stack:` search walks (see whileIterations): its largest indexed container, or the box its
   * bounds tests keep it in (`0 <= nx < GRID and 0 <= ny < GRID`), whichever is larger; its size and, in words, what
   * it is made of.
   */
  private worklistRounds(condition: Syntax, body: Syntax, context: Context): { items: number; space: string } | undefined {
    if (!this.isSearch(condition, body)) return undefined;
    const stack = this.evaluator.text(condition);
    let best: { items: number; space: string } | undefined;
    const spans = new Map<string, number>();
    const look = (root: Syntax, frame: Frame, helpers: boolean) => walk(root, (node) => {
      if (NESTED_SCOPES.has(node.type)) return false;
      const bounds = node.type === 'comparison_operator' ? this.boundsTest(node, frame) : undefined;
      if (bounds) spans.set(bounds.name, Math.max(bounds.span, spans.get(bounds.name) ?? 0));
      const object = node.type === 'subscript' ? node.children[0] : undefined;
      if (object && node.children[1]?.type !== 'slice' && this.evaluator.text(object) !== stack) {
        const value = this.evaluator.evaluate(object, frame);
        const sizeOf = (of: Value) => (of.kind === 'container' ? of.length ?? of.atMost : undefined);
        // `grid[nxt[0]][nxt[1]]`: a place of a grid, its rows times its columns.
        const rows = object.type === 'subscript' && object.children[1]?.type !== 'slice' ? sizeOf(this.evaluator.evaluate(object.children[0], frame)) : undefined;
        const columns = sizeOf(value);
        const size = rows !== undefined && columns !== undefined ? rows * columns : columns;
        if (size !== undefined && Number.isFinite(size) && size >= 2 && (!best || size > best.items)) best = { items: size, space: rows !== undefined && columns !== undefined ? `places of \`${this.evaluator.text(object.children[0])}\`` : `items of \`${this.evaluator.text(object)}\`` };
      }
      // `for nb in neighbours(*cell)`: the generator that says which places are in bounds is part of the search.
      const helper = helpers && node.type === 'for_statement' && node.children[1]?.type === 'call' ? this.evaluator.evaluate(node.children[1].children[0], frame) : undefined;
      if (helper?.kind === 'function' && helper.fn.body && !helper.fn.isAsync) {
        const bound = helper.self ? this.evaluator.bindArguments(helper.fn, { positional: [], keywords: new Map(), hasSplat: false }, helper.self) : undefined;
        look(helper.fn.body, bound ? new Frame(helper.fn, helper.fn.scope, bound, helper.closure, 'shared', true) : this.evaluator.genericFrame(helper.fn), false);
      }
      return undefined;
    });
    look(body, context.frame, true);
    const box = [...spans.values()].reduce((product, span) => product * span, 1);
    if (spans.size > 0 && box <= 1e8 && (!best || box > best.items)) best = { items: box, space: `places with ${[...spans.keys()].map((name) => `\`${name}\``).join(' and ')} in bounds` };
    return best;
  }

  /**
   * `while stack:` (or `while heap:`) whose body pops from what it tests and pushes onto it only what it has not seen
   * (`if dep not in seen:`, `not visited[cell + 1]`, a shorter way found): a search over a space. (A backtracking
   * search, which pushes the same item again after undoing it, has no such bound.) Read from the code alone, once.
   */
  private isSearch(condition: Syntax, body: Syntax): boolean {
    const known = this.searches.get(body);
    if (known !== undefined) return known;
    let pushes = false;
    let pops = false;
    let seenTest = false;
    if (condition.type === 'identifier' || condition.type === 'attribute') {
      const stack = this.evaluator.text(condition);
      walk(body, (node) => {
        if (NESTED_SCOPES.has(node.type)) return false;
        if ((node.type === 'comparison_operator' && this.operatorOf(node) === 'not in')
          || (node.type === 'not_operator' && node.children[0]?.type === 'subscript')) seenTest = true;
        const callee = node.type === 'call' ? node.children[0] : undefined;
        if (callee?.type === 'attribute' && this.evaluator.text(callee.children[0]) === stack) {
          const method = this.evaluator.text(callee.children[callee.children.length - 1]);
          if (method === 'append' || method === 'extend') pushes = true;
          if (method === 'pop' || method === 'popleft') pops = true;
        }
        // `heapq.heappush(heap, item)` and `heapq.heappop(heap)`: a priority queue's pushes and pops.
        const heapOp = callee?.type === 'attribute' && this.evaluator.text(callee.children[0]) === 'heapq' ? this.evaluator.text(callee.children[callee.children.length - 1]) : undefined;
        if (heapOp && node.children[1]?.children[0] && this.evaluator.text(node.children[1].children[0]) === stack) {
          if (heapOp === 'heappush') pushes = true;
          if (heapOp === 'heappop') pops = true;
        }
        // `if nd < dist.get(nxt, inf): dist[nxt] = nd`: a shortest-path search pushes a place again only when it
        // found a shorter way there, which happens a few times at most.
        if (node.type === 'comparison_operator' && this.relaxes(node, body)) seenTest = true;
        return undefined;
      });
    }
    const search = pushes && pops && seenTest;
    this.searches.set(body, search);
    return search;
  }

  /** Loop bodies found to be searches, or not (see isSearch). */
  private readonly searches = new Map<Syntax, boolean>();

  /**
   * `nd < dist.get(nxt, inf)` (or `< dist[nxt]`) where the loop's body also stores into `dist`: the test of a
   * shortest-path search that keeps the best distance found to each place.
   */
  private relaxes(comparison: Syntax, body: Syntax): boolean {
    const operator = this.operatorOf(comparison);
    if (comparison.children.length !== 2 || (operator !== '<' && operator !== '<=')) return false;
    const right = comparison.children[1];
    const read = right.type === 'subscript' ? right.children[0]
      : right.type === 'call' && right.children[0]?.type === 'attribute' && lastName(this.evaluator, right.children[0]) === 'get' ? right.children[0].children[0] : undefined;
    if (read?.type !== 'identifier') return false;
    const name = this.evaluator.text(read);
    let stores = false;
    walk(body, (node) => {
      const target = node.type === 'assignment' ? node.children[0] : undefined;
      stores ||= target?.type === 'subscript' && target.children[0]?.type === 'identifier' && this.evaluator.text(target.children[0]) === name;
      return !stores && !NESTED_SCOPES.has(node.type);
    });
    return stores;
  }

  /**
   * `0 <= nx < GRID` (or `0 <= nxt[0] < GRID`, a coordinate of a tuple): a name kept between two known numbers, and
   * how many whole numbers lie between them.
   */
  private boundsTest(node: Syntax, frame: Frame): { name: string; span: number } | undefined {
    const kept = node.children[1];
    const coordinate = kept?.type === 'subscript' && kept.children[0]?.type === 'identifier' && kept.children[1]?.type === 'integer';
    if (node.children.length !== 3 || (kept.type !== 'identifier' && !coordinate)) return undefined;
    const [low, name, high] = node.children;
    const lower = this.operatorOf(node, 0);
    const upper = this.operatorOf(node, 1);
    if ((lower !== '<=' && lower !== '<') || (upper !== '<' && upper !== '<=')) return undefined;
    const from = this.evaluator.evaluate(low, frame);
    const to = this.evaluator.evaluate(high, frame);
    if (from.kind !== 'number' || to.kind !== 'number' || !Number.isFinite(from.value) || !Number.isFinite(to.value)) return undefined;
    const span = to.value - from.value + (upper === '<=' ? 1 : 0) - (lower === '<' ? 1 : 0);
    return span >= 2 ? { name: this.evaluator.text(name), span } : undefined;
  }

  /**
   * `while i < n: ... i += 1` and `while n > 0: ... n -= step`: iterations from the bound and the step, or 'unknown'
   * when the loop is counted this way but its numbers are not known.
   */
  private countedWhile(node: Syntax, condition: Syntax, context: Context): Counted {
    if (condition.children.length !== 2) return undefined;
    const [a, b] = condition.children;
    const operator = this.operatorOf(condition);
    // `while delivered < target and pulses < 10:` ends when either test fails: no later than its counted part.
    if (condition.type === 'boolean_operator' && operator === 'and') {
      let least: { atMost: number; counter?: string } | undefined;
      let bounded = false;
      const body = childOfType(node, 'block');
      for (const part of [a, b]) {
        const counted = this.countedWhile(node, part, context);
        const rounds = typeof counted === 'number' ? { atMost: counted, counter: this.counterOf(node, part) } : typeof counted === 'object' ? counted : undefined;
        if (rounds && (!least || rounds.atMost < least.atMost)) least = rounds;
        // `while len(batch) < max_items and batch[-1] is not None:` of a limit the file does not tell: still bounded,
        // as the same test alone is. (Other unknown counts are left to the guesses made for data-driven loops.)
        bounded ||= counted === 'unknown' && part.type === 'comparison_operator' && !!body && part.children.some((side) => this.grownBy(side, body) !== undefined);
      }
      return least ?? this.mergeRounds(node, [a, b], context) ?? (bounded ? 'unknown' : undefined);
    }
    if (condition.type !== 'comparison_operator') return undefined;
    if (!['<', '<=', '>', '>=', '!='].includes(operator)) return undefined;
    const body = childOfType(node, 'block');
    if (!body) return undefined;
    for (const [counter, bound] of [[a, b], [b, a]] as const) {
      const grown = this.grownBy(counter, body);
      const upward = counter === a ? operator.startsWith('<') : operator.startsWith('>');
      if (grown !== undefined && upward) {
        // `while len(batch) < limit: batch.append(...)`: one item a round, up to the bound.
        const limit = this.evaluator.evaluate(bound, context.frame);
        // What it holds when the loop starts: the name's value is what it holds once filled (see filledUntil).
        const before = this.valueBefore(node, this.evaluator.text(grown), context);
        const from = lengthOf(before ?? this.evaluator.evaluate(grown, context.frame)) ?? 0;
        const rounds = limit.kind === 'number' && !Number.isNaN(limit.value) ? Math.max(0, Math.ceil(limit.value - from)) : undefined;
        // One whose append can fail into a `break` (`except IndexError: break`) may end sooner: at most that many.
        if (rounds !== undefined) return body.children.some((statement) => statement.type === 'try_statement') ? { atMost: rounds } : rounds;
        return 'unknown';
      }
      // `i < n` or `self.steps < self.max_steps`.
      if (counter.type !== 'identifier' && counter.type !== 'attribute') continue;
      const name = this.evaluator.text(counter);
      const stepNode = this.stepOf(body, name);
      const factor = stepNode ? undefined : this.geometricStepOf(body, name, context);
      if (factor !== undefined) {
        // `while width < n: ... width *= 2` (a bottom-up merge sort's passes), `while n > 0: n //= 10` (digits):
        // as many rounds as factors between where it starts and its bound.
        const current = this.evaluator.evaluate(counter, context.frame);
        const start = current.kind === 'number' && !Number.isNaN(current.value) ? current : this.valueBefore(node, name, context);
        const limit = this.evaluator.evaluate(bound, context.frame);
        if (start?.kind !== 'number' || limit.kind !== 'number' || Number.isNaN(start.value) || Number.isNaN(limit.value)) return 'unknown';
        return geometricRounds(start.value, limit.value, factor, upward, operator.endsWith('='));
      }
      if (!stepNode) {
        // A scanner (`while pos < n:` moving `pos` on in some branches and in inner loops): no more rounds than the span.
        const least = upward ? this.leastAdvance(body, name, context) : undefined;
        if (!least) continue;
        this.scanCounters.set(node, name);
        const span = difference(this.evaluator.evaluate(bound, context.frame), this.valueBefore(node, name, context));
        return span !== undefined && span > 0 && Number.isFinite(span) ? { atMost: Math.ceil(span / least), counter: name } : 'unknown';
      }
      const closing = this.gapRounds(node, stepNode, name, bound, context);
      if (closing !== undefined) return closing;
      const step = this.evaluator.evaluate(stepNode, context.frame);
      // `t += rng.expovariate(total)` with `total` worked out anew each round from the state the loop changes: a draw
      // whose mean moves as the loop goes, not the one it has when the loop starts.
      if (step.kind === 'number' && step.drawn && this.drawMovesIn(stepNode, body)) return 'unknown';
      // `i = 0` then `while i < n: ... i += 1`: a name the loop changes has, as a whole, no one value; where it
      // starts is what it is set to last before the loop.
      const current = this.evaluator.evaluate(counter, context.frame);
      const start = current.kind === 'number' && !Number.isNaN(current.value) ? current : this.valueBefore(node, name, context) ?? current;
      const limit = this.evaluator.evaluate(bound, context.frame);
      const span = difference(limit, start) ?? meanSpan(limit, start);
      if (span !== undefined && step.kind === 'number' && step.value !== 0) {
        const iterations = Math.ceil(Math.abs(span) / Math.abs(step.value));
        if (Number.isFinite(iterations)) return iterations;
      }
      if (step.kind !== 'number' || step.value !== 0) return 'unknown';
    }
    return undefined;
  }

  /**
   * `temp -= k * (temp - ambient)` (cooling), `level += rate * (target - level)`: each round closes a share of the gap
   * to a fixed point, so the gap shrinks by `1 - k` a round; the rounds are those until it is within the bound.
   * Undefined when the step is not of that shape.
   */
  private gapRounds(loop: Syntax, stepNode: Syntax, name: string, bound: Syntax, context: Context): Counted {
    const assignment = stepNode.parent;
    if (assignment?.type !== 'augmented_assignment' || stepNode.type !== 'binary_operator' || this.operatorOf(stepNode) !== '*') return undefined;
    const closes = this.operatorOf(assignment) === '-=' ? 'from' : 'to';
    const [a, b] = stepNode.children;
    for (const [rateNode, gapNode] of [[a, b], [b, a]]) {
      let gap = gapNode;
      while (gap?.type === 'parenthesized_expression') gap = gap.children[0];
      if (gap?.type !== 'binary_operator' || this.operatorOf(gap) !== '-' || !rateNode) continue;
      const [x, y] = gap.children;
      // `name - fixed` taken away, or `fixed - name` added: a step toward the fixed point.
      const fixedNode = closes === 'from' && this.evaluator.text(x) === name ? y : closes === 'to' && this.evaluator.text(y) === name ? x : undefined;
      if (!fixedNode) continue;
      const number = (value: Value | undefined) => (value?.kind === 'number' && !Number.isNaN(value.value) ? value.value : undefined);
      const rate = number(this.evaluator.evaluate(rateNode, context.frame));
      const fixed = number(this.evaluator.evaluate(fixedNode, context.frame));
      const current = number(this.evaluator.evaluate(x === fixedNode ? y : x, context.frame)) ?? number(this.valueBefore(loop, name, context));
      const limit = number(this.evaluator.evaluate(bound, context.frame));
      if (rate === undefined || fixed === undefined || current === undefined || limit === undefined || rate <= 0 || rate >= 1) return 'unknown';
      const [from, to] = [current - fixed, limit - fixed];
      if (Math.sign(from) !== Math.sign(to)) return 'unknown';
      if (Math.abs(from) <= Math.abs(to)) return 0;
      const rounds = Math.ceil(Math.log(to / from) / Math.log(1 - rate) - 1e-9);
      return Number.isFinite(rounds) && rounds > 0 ? Math.min(rounds, 1e6) : 'unknown';
    }
    return undefined;
  }

  /**
   * `while i < len(a) and j < len(b):` with each round moving `i` or `j` on by one (a merge): no more rounds than
   * both spans together.
   */
  private mergeRounds(node: Syntax, parts: readonly Syntax[], context: Context): Counted {
    const body = childOfType(node, 'block');
    if (!body) return undefined;
    const counters: Array<{ name: string; span: number | undefined }> = [];
    for (const part of parts) {
      if (part.type !== 'comparison_operator' || part.children.length !== 2 || !['<', '<='].includes(this.operatorOf(part))) return undefined;
      const [counter, bound] = part.children;
      if (counter.type !== 'identifier') return undefined;
      const name = this.evaluator.text(counter);
      counters.push({ name, span: difference(this.evaluator.evaluate(bound, context.frame), this.valueBefore(node, name, context)) });
    }
    if (!advancesOneOf(body.children, new Set(counters.map((c) => c.name)), (n) => this.evaluator.text(n))) return undefined;
    if (counters.some((c) => c.span === undefined || !Number.isFinite(c.span))) return 'unknown';
    return { atMost: counters.reduce((sum, c) => sum + Math.max(0, c.span!), 0) };
  }

  /** The side of a counted comparison that moves each round (`pulses` in `pulses < 10`, `len(batch)`). */
  private counterOf(loop: Syntax, comparison: Syntax): string | undefined {
    const block = childOfType(loop, 'block');
    if (!block) return undefined;
    for (const side of comparison.children) {
      if (this.grownBy(side, block) !== undefined) return this.evaluator.text(side);
      if ((side.type === 'identifier' || side.type === 'attribute') && this.stepOf(block, this.evaluator.text(side))) return this.evaluator.text(side);
    }
    return undefined;
  }

  /** `while changed:` whose body starts `changed = False` and sets it True again somewhere inside (see whileIterations). */
  private repeatsUntilSettled(condition: Syntax, body: Syntax): boolean {
    const negated = condition.type === 'not_operator';
    const flag = negated ? condition.children[0] : condition;
    if (flag?.type !== 'identifier') return false;
    const name = this.evaluator.text(flag);
    const assigns = (node: Syntax | undefined, value: string) => node?.type === 'expression_statement' && node.children[0]?.type === 'assignment'
      && this.evaluator.text(node.children[0].children[0]!) === name && this.evaluator.text(node.children[0].children[node.children[0].children.length - 1]!) === value;
    const [settled, unsettled] = negated ? ['True', 'False'] : ['False', 'True'];
    if (!assigns(body.children[0], settled)) return false;
    let again = false;
    walk(body, (node) => {
      if (again || NESTED_SCOPES.has(node.type)) return false;
      if (node !== body.children[0] && assigns(node, unsettled)) again = true;
      return !again;
    });
    return again;
  }

  /**
   * Does the loop body assign a name its condition reads, or take items out of a container the condition reads
   * (`q.popleft()`, `del pending[k]`)? Nested functions and classes do not count.
   */
  private changesWhatItTests(condition: Syntax, body: Syntax): boolean {
    const read = new Set<string>();
    const pending: Syntax[] = [condition];
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (node.type === 'identifier' || node.type === 'attribute') read.add(this.evaluator.text(node));
      if (node.type !== 'lambda') pending.push(...node.children);
    }
    const inBody: Syntax[] = [...body.children];
    while (inBody.length > 0) {
      const node = inBody.pop()!;
      if (NESTED_SCOPES.has(node.type)) continue;
      if (node.type === 'assignment' || node.type === 'augmented_assignment') {
        for (const target of flattenTargets(node.children[0])) if (read.has(this.evaluator.text(target))) return true;
      }
      if (node.type === 'delete_statement' && node.children.some((target) => read.has(this.evaluator.text(target.children[0] ?? target)))) return true;
      if (node.type === 'call' && node.children[0]?.type === 'attribute') {
        const callee = node.children[0];
        const method = this.evaluator.text(callee.children[callee.children.length - 1]);
        if ((REMOVING_METHODS.has(method) || method === 'clear') && callee.children[0] && read.has(this.evaluator.text(callee.children[0]))) return true;
      }
      // `heapq.heappop(frontier)`: a search loop taking from the heap it tests.
      if (node.type === 'call' && /(^|\.)heappop$/.test(this.evaluator.text(node.children[0]))) {
        const first = node.children[1]?.children[0];
        if (first && read.has(this.evaluator.text(first))) return true;
      }
      inBody.push(...node.children);
    }
    return false;
  }

  /**
   * `while len(found) < n:` whose body adds to `found` only under a test (`if ok: found.append(x)`, never in an inner
   * loop): the items still to collect, when `n` is known.
   */
  private sometimesFilled(condition: Syntax, body: Syntax, context: Context): number | undefined {
    if (condition.type !== 'comparison_operator' || condition.children.length !== 2) return undefined;
    const operator = this.operatorOf(condition);
    const [a, b] = condition.children;
    const [counter, bound] = operator === '<' || operator === '<=' ? [a, b] : operator === '>' || operator === '>=' ? [b, a] : [];
    const items = counter?.type === 'call' && this.evaluator.text(counter.children[0]) === 'len' && counter.children[1]?.children.length === 1
      ? counter.children[1].children[0] : undefined;
    if (items?.type !== 'identifier' || !bound) return undefined;
    const name = this.evaluator.text(items);
    let grows = false;
    walk(body, (node) => {
      if (NESTED_SCOPES.has(node.type) || node.type === 'for_statement' || node.type === 'while_statement') return false;
      const callee = node.type === 'call' ? node.children[0] : undefined;
      if (callee?.type === 'attribute' && callee.children[0]?.type === 'identifier' && this.evaluator.text(callee.children[0]) === name
        && GROWING_METHODS.has(this.evaluator.text(callee.children[callee.children.length - 1]))) grows = true;
      return undefined;
    });
    if (!grows) return undefined;
    const limit = this.evaluator.evaluate(bound, context.frame);
    const from = lengthOf(this.valueBefore(condition.parent!, name, context) ?? this.evaluator.evaluate(items, context.frame)) ?? 0;
    if (limit.kind !== 'number' || !Number.isFinite(limit.value)) return undefined;
    const rounds = Math.ceil(limit.value - from) + (operator.endsWith('=') ? 1 : 0);
    return rounds > 0 ? rounds : undefined;
  }

  /** `len(items)` whose `items` the body grows on every round (an `append` or `add` statement of its own). */
  private grownBy(counter: Syntax, body: Syntax): Syntax | undefined {
    if (counter.type !== 'call' || this.evaluator.text(counter.children[0]) !== 'len') return undefined;
    const items = counter.children[1]?.children[0];
    if (items?.type !== 'identifier' || counter.children[1]?.children.length !== 1) return undefined;
    const name = this.evaluator.text(items);
    // `try: batch.append(pending.popleft())` with every `except` leaving the loop: a round that goes on appended.
    const statements = body.children.flatMap((statement) => {
      if (statement.type !== 'try_statement') return [statement];
      const handlers = statement.children.filter((clause) => clause.type === 'except_clause');
      const leaves = handlers.length > 0 && handlers.every((clause) => {
        const block = childOfType(clause, 'block');
        const last = block?.children[block.children.length - 1];
        return !!last && ['break_statement', 'return_statement', 'raise_statement'].includes(last.type);
      });
      return leaves && !statement.children.some((clause) => clause.type === 'else_clause' || clause.type === 'finally_clause')
        ? childOfType(statement, 'block')?.children ?? [] : [];
    });
    const grows = statements.some((statement) => {
      const call = statement.type === 'expression_statement' ? statement.children[0] : undefined;
      const callee = call?.type === 'call' ? call.children[0] : undefined;
      if (callee?.type !== 'attribute' || callee.children[0]?.type !== 'identifier' || this.evaluator.text(callee.children[0]) !== name) return false;
      const method = this.evaluator.text(callee.children[callee.children.length - 1]);
      return method === 'append' || method === 'add' || method === 'appendleft';
    });
    return grows ? items : undefined;
  }

  /**
   * What `name` holds as the loop starts: the value the nearest statement before it in its block assigns
   * (`pos = 0`), which the variable's later changes in the loop do not touch.
   */
  private valueBefore(loop: Syntax, name: string, context: Context): Value | undefined {
    // `generation = 0` then `with ThreadPoolExecutor() as pool: while generation < GENERATIONS:`: a with block (or
    // the first block of an if or a try) runs right after what comes before it.
    for (let at: Syntax | undefined = loop; at; at = this.enteredAfter(at.parent, name)) {
      const found = this.assignedBefore(at, name, context);
      if (found !== NOT_ASSIGNED) return found;
    }
    return undefined;
  }

  /** The with, if or try statement whose first block is `block`, when its own parts leave `name` alone. */
  private enteredAfter(block: Syntax | undefined, name: string): Syntax | undefined {
    const holder = block?.type === 'block' ? block.parent : undefined;
    if (!holder || !['with_statement', 'if_statement', 'try_statement'].includes(holder.type) || holder.parent?.type !== 'block') return undefined;
    if (holder.children.find((child) => child.type === 'block') !== block) return undefined;
    const header = holder.children.filter((child) => child.type !== 'block' && !CLAUSES.has(child.type));
    return header.some((child) => this.evaluator.mentions(child, name)) ? undefined : holder;
  }

  /** The value the statements before `statement` in its block last give `name`; NOT_ASSIGNED when they do not. */
  private assignedBefore(statementAt: Syntax, name: string, context: Context): Value | undefined | typeof NOT_ASSIGNED {
    const block = statementAt.parent;
    if (!block) return undefined;
    for (let i = block.children.indexOf(statementAt) - 1; i >= 0; i--) {
      const statement = block.children[i];
      const inner = statement.type === 'expression_statement' ? statement.children[0] : statement;
      // `i = j = 0`: each name of the chain gets the last value.
      if (inner?.type === 'assignment') {
        const chained: Syntax[] = [];
        let value: Syntax | undefined = inner;
        while (value?.type === 'assignment') {
          chained.push(value.children[0]);
          value = assignmentParts(value).right;
        }
        if (chained.length > 1 && value && chained.some((target) => target.type === 'identifier' && this.evaluator.text(target) === name)) {
          return this.evaluator.evaluate(value, context.frame);
        }
      }
      const writes = inner && (inner.type === 'assignment' || inner.type === 'augmented_assignment') && this.evaluator.mentions(inner.children[0], name);
      if (!writes) {
        if (this.evaluator.mentions(statement, name) && statement.type !== 'expression_statement') return undefined;
        continue;
      }
      const { left, right } = assignmentParts(inner);
      if (inner.type !== 'assignment' || !left || !right) return undefined;
      if (left.type === 'identifier') return this.evaluator.evaluate(right, context.frame);
      // `conc, t, steps = 1.0, 0.0, 0`: the value in the name's place.
      const names = left.type === 'pattern_list' || left.type === 'tuple_pattern' ? left.children : [];
      const values = right.type === 'expression_list' || right.type === 'tuple' ? right.children : [];
      const place = names.findIndex((target) => target.type === 'identifier' && this.evaluator.text(target) === name);
      return place >= 0 && names.length === values.length ? this.evaluator.evaluate(values[place], context.frame) : undefined;
    }
    return NOT_ASSIGNED;
  }

  /** While loops found to scan with a counter (see countedWhile), by the counter's text. */
  private readonly scanCounters = new Map<Syntax, string>();

  /**
   * The least step when every change to `name` in the body, inner loops included, adds a positive number to it
   * (`pos += 1` in one branch, `pos += 2` in another): the counter only moves forward. Undefined otherwise.
   */
  private leastAdvance(body: Syntax, name: string, context: Context): number | undefined {
    let least: number | undefined;
    let other = false;
    walk(body, (node) => {
      if (other || NESTED_SCOPES.has(node.type)) return false;
      if (node.type === 'assignment' || node.type === 'augmented_assignment') {
        const [left, right] = node.children;
        const targets = node.type === 'assignment' ? flattenTargets(left) : left ? [left] : [];
        if (!targets.some((target) => this.evaluator.text(target) === name)) return undefined;
        const operator = this.operatorOf(node);
        // `pos = match.end()` after `TOKEN_RE.match(text, pos)`: on past the token just read, a character at least (a
        // scanner that stops at all stops on an empty match).
        if (operator === '=' && right?.type === 'call' && right.children[1]?.children.length === 0 && right.children[0]?.type === 'attribute'
          && this.evaluator.text(right.children[0].children[1]) === 'end') {
          least = Math.min(least ?? 1, 1);
          return undefined;
        }
        const step = operator === '+=' && right ? this.evaluator.evaluate(right, context.frame) : undefined;
        if (step?.kind !== 'number' || !(step.value > 0)) other = true;
        else least = Math.min(least ?? step.value, step.value);
      }
      return undefined;
    });
    return other ? undefined : least;
  }

  /** A call in `step` whose arguments read a name the loop body assigns (`rng.expovariate(total)`; not `roll`). */
  private drawMovesIn(step: Syntax, body: Syntax): boolean {
    const changed = this.assignedIn(body);
    let moves = false;
    walk(step, (node) => {
      if (moves || NESTED_SCOPES.has(node.type)) return false;
      const args = node.type === 'call' ? node.children[1] : undefined;
      if (args && changed.some((name) => this.evaluator.mentions(args, name))) moves = true;
      return undefined;
    });
    return moves;
  }

  /** Names a loop body assigns (`total = rate_inf + rate_rec`, `s, i = s - 1, i + 1`), nested functions aside. */
  private assignedIn(body: Syntax): string[] {
    const names = new Set<string>();
    walk(body, (node) => {
      if (NESTED_SCOPES.has(node.type)) return false;
      if (node.type === 'assignment' || node.type === 'augmented_assignment') {
        for (const target of node.type === 'assignment' ? flattenTargets(node.children[0]) : [node.children[0]]) {
          if (target?.type === 'identifier') names.add(this.evaluator.text(target));
        }
      }
      return undefined;
    });
    return [...names];
  }

  /**
   * The factor a loop's own statements multiply `name` by each round: `width *= 2`, `n //= 10`, `step = step * 3`,
   * `arr, width = merged, width * 2`. Above 1 it grows, below 1 it shrinks; undefined when none does so.
   */
  private geometricStepOf(body: Syntax, name: string, context: Context): number | undefined {
    for (const statement of body.children) {
      const inner = statement.type === 'expression_statement' ? statement.children[0] : undefined;
      if (inner?.type !== 'augmented_assignment' && inner?.type !== 'assignment') continue;
      const [left, right] = inner.children;
      if (!left || !right) continue;
      if (inner.type === 'augmented_assignment') {
        if (this.evaluator.text(left) !== name) continue;
        return scaleFactor(this.operatorOf(inner).slice(0, -1), this.evaluator.evaluate(right, context.frame));
      }
      const targets = left.type === 'pattern_list' || left.type === 'tuple_pattern' ? left.children : [left];
      const values = right.type === 'expression_list' || right.type === 'tuple' ? right.children : [right];
      const at = targets.findIndex((target) => this.evaluator.text(target) === name);
      if (at < 0 || targets.length !== values.length) continue;
      const value = values[at];
      if (value.type !== 'binary_operator' || value.children.length !== 2) return undefined;
      const operator = this.operatorOf(value);
      const [a, b] = value.children;
      const by = this.evaluator.text(a) === name ? b : operator === '*' && this.evaluator.text(b) === name ? a : undefined;
      return by ? scaleFactor(operator, this.evaluator.evaluate(by, context.frame)) : undefined;
    }
    return undefined;
  }

  /** The amount a body adds to or takes from `name` on every round (`i += 1`, `index += chunk_size`). */
  private stepOf(body: Syntax, name: string): Syntax | undefined {
    for (const statement of body.children) {
      const inner = statement.type === 'expression_statement' ? statement.children[0] : statement;
      if (inner?.type !== 'augmented_assignment') continue;
      const [left, right] = inner.children;
      if ((left?.type !== 'identifier' && left?.type !== 'attribute') || this.evaluator.text(left) !== name || !right) continue;
      const operator = this.operatorOf(inner);
      return operator === '+=' || operator === '-=' ? right : undefined;
    }
    return undefined;
  }

  private walkWith(node: Syntax, context: Context): Work {
    const clause = childOfType(node, 'with_clause');
    const body = childOfType(node, 'block');
    const work = noWork();
    const locks = [...context.locks];
    let joinsPool = false;
    const exits: Array<{ fn: FunctionInfo; self: Value }> = [];
    for (const item of clause?.children ?? []) {
      const expression = item.children[0]?.type === 'as_pattern' ? item.children[0].children[0] : item.children[0];
      if (!expression) continue;
      this.walkExpression(expression, context, work);
      const value = this.enteredObject(item, expression, context.frame);
      // An object of a class of this file used as a context manager: its `__enter__` runs here and its `__exit__`
      // when the block ends (what they update, they update in this thread).
      if (value.kind === 'instance' && value.cls) {
        const enter = findMethod(this.module, value.cls, '__enter__');
        const exit = findMethod(this.module, value.cls, '__exit__');
        if (enter?.cls) addWork(work, this.callFunction(enter, NO_ARGS, value, undefined, expression, context));
        if (exit?.cls) exits.push({ fn: exit, self: value });
      }
      const lock = this.isCallLocalLock(expression, context.frame) ? undefined : this.lockKey(value, expression, context.frame);
      // A Condition's `wait()` gives its lock back: what the block waits for, it does not wait for holding it.
      if (lock && value.kind === 'instance' && value.type && canonicalType(value.type) === 'threading.Condition') this.conditionKeys.add(lock);
      const key = lock && ownLock(value, context.execution.kind === 'thread') && !this.entersSharedLock(value) ? `${OWN_LOCK}${lock}` : lock;
      if (key && !locks.includes(key)) locks.push(key);
      // Entering and leaving: a lock's acquire and release, or a context manager's two method calls.
      if (key) bump(work, 'lock');
      else bump(work, 'ccall', 2);
      if (value.kind === 'instance' && value.type && (THREAD_POOLS.has(canonicalType(value.type)) || PROCESS_POOLS.has(canonicalType(value.type)))) {
        joinsPool = true;
      }
    }
    const startedBefore = joinsPool ? this.startedSoFar.get(context.execution) : undefined;
    const taken: Array<{ key: string; permits?: number }> = this.limits.workload
      ? locks.filter((key) => !context.locks.includes(key) && this.simulatedLock(key)).map((key) => ({ key })) : [];
    // `with Semaphore(3):` is no lock for the rules, but the simulation lets three threads at a time through.
    if (this.limits.workload) for (const permits of this.semaphorePermits(clause, context)) taken.push(permits);
    for (const { key, permits } of taken) addWork(work, segmentWork({ kind: 'sync', sync: { op: 'hold', object: key, ...(permits ? { permits } : {}) }, line: this.line(node) }));
    if (body) addWork(work, this.walkBlock(body.children, { ...context, locks }));
    for (const { key } of taken.reverse()) addWork(work, segmentWork({ kind: 'sync', sync: { op: 'drop', object: key }, line: this.line(node) }));
    if (taken.length > 0) work.trace = dropIdleLocks(work.trace);
    // A thread's pool: the tasks submitted in the block have ended when it is left.
    if (joinsPool && context.execution.kind === 'thread') {
      const started = this.startedSoFar.get(context.execution);
      const before = Array.isArray(startedBefore) ? startedBefore : [];
      if (Array.isArray(started)) this.noteWaited(context.execution, started.filter((start) => !before.includes(start) && isPoolTask(start)));
    }
    // `__exit__` runs still holding what `__enter__` took (a lock it releases last).
    for (const exit of exits.reverse()) addWork(work, this.callFunction(exit.fn, NO_ARGS, exit.self, undefined, node, { ...context, locks }));
    // Leaving `with ThreadPoolExecutor() as ex:` waits for its tasks.
    if (joinsPool) {
      this.closeWindow(context.execution);
      addWork(work, segmentWork({ kind: 'sync', sync: { op: 'join', starts: 'all' }, line: this.line(node) }));
    }
    return work;
  }

  private walkTry(node: Syntax, context: Context): Work {
    const work = noWork();
    let handlers = noWork();
    let tried = noWork();
    for (const child of node.children) {
      if (child.type === 'block') addWork(work, tried = this.walkBlock(child.children, context));
      else if (child.type === 'except_clause' || child.type === 'except_group_clause') {
        const block = childOfType(child, 'block');
        if (block) handlers = maxWork(handlers, this.walkBlock(block.children, context));
      } else if (child.type === 'else_clause' || child.type === 'finally_clause') {
        const block = childOfType(child, 'block');
        if (block) addWork(work, this.walkBlock(block.children, context));
      }
    }
    // Handlers rarely run: their cost and their place in the order are left out, their waits are kept as counts.
    // A retry's handler (the back-off before the next attempt) runs only when an attempt fails: not even those when
    // nothing in it can (see mayFail).
    const loop = node.parent?.parent;
    const triedBlock = childOfType(node, 'block');
    const neverFails = (loop?.type === 'for_statement' || loop?.type === 'while_statement') && !!triedBlock && this.retryNeverFails(loop, triedBlock, tried);
    if (waits(handlers) && !neverFails) {
      work.sleepSeconds += handlers.sleepSeconds;
      work.blocks += handlers.blocks;
      for (const [kind, units] of Object.entries(handlers.native)) addNative(work, kind, units);
    }
    return work;
  }

  /** A retry loop whose attempt (`attempt`, walked to `work`) cannot fail: see mayFail and failsElsewhere. */
  private retryNeverFails(loop: Syntax, attempt: Syntax, work: Work): boolean {
    return isRetryLoop(loop) && !mayFail(work) && !this.failsElsewhere(attempt);
  }

  private failsElsewhere(block: Syntax): boolean {
    return failsElsewhere(block, (at) => this.evaluator.text(at));
  }

  // ----- expressions -----

  /** Adds what evaluating an expression does to `into` (a fresh Work when none is given) and returns it. */
  private walkExpression(root: Syntax | undefined, context: Context, into: Work = noWork()): Work {
    // Operations are counted as they come and added to `into` before each call or comprehension, keeping the order.
    if (!root) return into;
    let counts = zeroOps();
    let counted = false;
    const flush = () => {
      if (!counted) return;
      addOps(into, counts);
      counts = zeroOps();
      counted = false;
    };
    // A call is handled after its callee and arguments (as Python evaluates them): `Thread(...).start()` must see
    // the thread its receiver made. `calls` marks the entries of `pending` that are a call's own turn.
    const pending: Syntax[] = [root];
    const calls = new Set<number>();
    while (pending.length > 0) {
      const index = pending.length - 1;
      const node = pending.pop()!;
      if (calls.delete(index)) {
        flush();
        addWork(into, this.walkCall(node, context));
        continue;
      }
      if (!this.step()) break;
      switch (node.type) {
        case 'lambda':
        case 'function_definition':
        case 'class_definition':
          counts.build += 1;
          counted = true;
          continue;
        case 'call':
          this.noteItemsTaken(node, context);
          calls.add(pending.length);
          pending.push(node);
          // Lambdas among the arguments are not called here.
          for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]);
          continue;
        case 'list_comprehension':
        case 'set_comprehension':
        case 'dictionary_comprehension':
        case 'generator_expression':
          flush();
          addWork(into, this.walkComprehension(node, context));
          continue;
        case 'comparison_operator': {
          counts.compare += 1;
          const text = this.evaluator.text(node);
          if (/\bin\b/.test(text.slice(node.children[0] ? node.children[0].end - node.start : 0))) {
            // `x in some_list` scans the list in C.
            const container = this.evaluator.evaluate(node.children[node.children.length - 1], context.frame);
            if (container.kind === 'container' && container.type === 'list' && container.length) {
              flush();
              addWork(into, cSteps(container.length / 2));
            }
          }
          break;
        }
        case 'identifier': {
          const parent = node.parent;
          // The name after a dot is part of the attribute; a keyword argument's name costs nothing.
          if (parent?.type === 'attribute' && parent.children[parent.children.length - 1] === node) break;
          if (parent?.type === 'keyword_argument' && parent.children[0] === node) break;
          counts[this.isGlobalName(node) ? 'global' : 'local'] += 1;
          break;
        }
        case 'attribute': {
          counts[this.isThreadLocalBase(node.children[0], context) ? 'tlattr' : 'attr'] += 1;
          // `while furnace.temperature < soak_c:` in a coroutine: the property's getter runs on the event loop;
          // `density = mix.packing_density` in a thread: in that thread.
          this.definesProperties ??= this.module.source.includes('@property');
          const getter = this.definesProperties ? this.propertyGetter(node, context) : undefined;
          if (getter) {
            flush();
            addWork(into, this.callFunction(getter.fn, NO_ARGS, getter.self, undefined, node, context));
          }
          break;
        }
        case 'subscript':
          counts.item += 1;
          break;
        case 'string':
        case 'integer':
        case 'float':
        case 'true':
        case 'false':
        case 'none':
          counts.local += 1;
          break;
        case 'list':
        case 'tuple':
        case 'set':
        case 'dictionary':
          this.noteStoredValues(node.children.flatMap((pair) => (pair.type === 'pair' && pair.children[1] ? [pair.children[1]] : [])), context,
            node.type === 'dictionary' ? this.assignedContainer(node, context) : undefined);
          counts.build += 1;
          if (node.children.length > LITERAL_TABLE_ITEMS) {
            // A data table written out in the source: its items are loads, not work worth walking one by one.
            counts.local += node.children.length * 2;
            continue;
          }
          break;
        // Arithmetic makes a new object (beyond the small cached ints); a test gives back a shared True or False.
        case 'binary_operator':
        case 'unary_operator':
          counts.arith += 1;
          break;
        case 'interpolation':
          // An f-string's field is formatted in C: `{x:.2f}` about as dearly as float("12.34"), `{i}` a quarter of it.
          flush();
          addWork(into, cSteps(node.children.some((child) => child.type === 'format_specifier') ? 45 : 11));
          break;
        case 'await': {
          // `await task`: waits for the tasks this one made (a coroutine call awaited is walked as a call).
          const awaited = node.children[0];
          if (context.execution.kind === 'task' && awaited && awaited.type !== 'call') {
            flush();
            // `await job` of `as_completed(jobs)`: not `reporter = create_task(...)`, awaited by its own name later.
            const waited = this.unjoinedTasks.get(context.execution)?.filter((id) => !this.keptApart(id, awaited));
            addWork(into, this.awaitTasks(waited, context));
          }
          // A coroutine run on a loop's own thread (`run_coroutine_threadsafe(hub.consume(), loop)`) awaiting the
          // library (`await self.queue.get()`): the thread may sit idle there until another thread feeds the loop.
          if (context.execution.kind === 'thread' && awaited?.type === 'call' && this.awaitsLibrary(awaited, context)) {
            flush();
            addWork(into, { ...noWork(), opaque: 1 });
          }
          break;
        }
        case 'boolean_operator': {
          // `n % 2 and is_probable_prime(n)`: the right operand runs only when the left one does not decide, about
          // half the time when the file does not say. (Its accesses and calls are facts all the same.)
          counts.compare += 1;
          const [left, right] = node.children;
          const share = left && right ? this.rightOperandShare(node, left, context) : 1;
          if (share === 1) break;
          counted = true;
          flush();
          this.walkExpression(left, context, into);
          const rest = this.walkExpression(right, context);
          addWork(into, isComputation(rest) ? scaleWork(rest, share) : rest);
          continue;
        }
        case 'not_operator':
        case 'conditional_expression':
          counts.compare += 1;
          break;
        default:
          break;
      }
      counted = true;
      for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]);
    }
    flush();
    return into;
  }

  /** How often the right operand of `and` / `or` runs: when the left one is true (for `and`), false (`or`), or unknown. */
  private rightOperandShare(node: Syntax, left: Syntax, context: Context): number {
    const negated = left.type === 'not_operator' && !!left.children[0];
    const known = truthOfValue(this.evaluator.evaluate(negated ? left.children[0] : left, context.frame));
    if (known === undefined) return 0.5;
    return (known !== negated) === (this.operatorOf(node) === 'and') ? 1 : 0;
  }

  private walkComprehension(node: Syntax, context: Context): Work {
    const clauses = node.children.filter((child) => child.type === 'for_in_clause' || child.type === 'if_clause');
    const body = node.children[0] && node.children[0].type !== 'for_in_clause' ? node.children[0] : undefined;
    const work = noWork();
    const first = clauses[0];
    if (clauses.length === 1 && first?.type === 'for_in_clause' && body) {
      // `[Thread(target=t) for t in (a, b)]`: unrolled like a for loop over a short literal.
      const [target, iterableNode] = first.children;
      const items = unrollable(this.evaluator.evaluate(iterableNode, context.frame));
      if (items && target) {
        this.walkExpression(iterableNode, context, work);
        const inner: Context = { ...context, loops: [...context.loops, node] };
        const outer = context.frame.round;
        context.frame.roundLoops.push(node);
        for (const [round, item] of items.entries()) {
          context.frame.memo.clear();
          context.frame.round = `${outer}#${round}`;
          this.evaluator.bindTarget(target, item, context.frame);
          addWork(work, this.walkExpression(body, inner, this.iterationCost(target, context)));
        }
        context.frame.round = outer;
        context.frame.roundLoops.pop();
        this.evaluator.unbindTarget(target, context.frame);
        context.frame.memo.clear();
        return work;
      }
    }
    // `[Thread(target=picker, args=(fn, aisle)) for _ in range(3) for fn, aisle in ((fast, "A"), (locked, "B"))]`: the
    // short literal is unrolled, the other clauses repeat each of its items.
    if (clauses.length > 1 && body && clauses.every((clause) => clause.type === 'for_in_clause')) {
      const unrolled = clauses.map((clause) => unrollable(this.evaluator.evaluate(clause.children[1], context.frame)));
      const at = unrolled.findIndex((items) => items !== undefined);
      const target = clauses[at]?.children[0];
      if (at >= 0 && target) {
        let repeats: Estimate = one();
        for (const [index, clause] of clauses.entries()) {
          this.walkExpression(clause.children[1], context, work);
          if (index !== at) repeats = multiply(repeats, this.iterationsOf(this.evaluator.evaluate(clause.children[1], context.frame), clause.children[1], context));
        }
        const inner: Context = { ...context, loops: [...context.loops, node], multiplier: multiply(context.multiplier, repeats) };
        const outer = context.frame.round;
        context.frame.roundLoops.push(node);
        for (const [round, item] of unrolled[at]!.entries()) {
          context.frame.memo.clear();
          context.frame.round = `${outer}#${round}`;
          this.evaluator.bindTarget(target, item, context.frame);
          addWork(work, scaleWork(this.walkExpression(body, inner, this.iterationCost(target, context)), repeats.value, this.line(node)));
        }
        context.frame.round = outer;
        context.frame.roundLoops.pop();
        this.evaluator.unbindTarget(target, context.frame);
        context.frame.memo.clear();
        return work;
      }
    }
    // Building the result (and, before 3.12, calling the comprehension's own function) costs once per evaluation.
    bump(bump(work, 'build'), 'pycall');
    let iterations: Estimate = one();
    let inner: Context = { ...context, loops: [...context.loops, node] };
    for (const clause of clauses) {
      if (clause.type === 'for_in_clause') {
        const iterableNode = clause.children[1];
        // The first iterable is evaluated once, outside the comprehension (`[n for n in filter(keep, items)]`): the
        // calls it makes are the statement's.
        const cost = this.walkExpression(iterableNode, clause === clauses[0] ? context : inner);
        addWork(work, scaleWork(cost, iterations.value));
        const count = this.iterationsOf(this.evaluator.evaluate(iterableNode, context.frame), iterableNode, inner);
        iterations = multiply(iterations, count);
        inner = { ...inner, multiplier: multiply(context.multiplier, iterations) };
      } else {
        addWork(work, scaleWork(this.walkExpression(clause.children[0], inner), iterations.value));
      }
    }
    // Each item: the iterator step, the store into the loop variable, the body, and adding the result.
    const perItem = bump(bump(noWork(), 'iter'), 'local', 2);
    if (body) this.walkExpression(body, inner, perItem);
    const total = scaleWork(perItem, iterations.value, this.line(node));
    if (iterations.assumption) addAssumption(total, iterations.assumption);
    if (iterations.guessed) total.guessed = true;
    addWork(work, total);
    return work;
  }

  /** A coroutine made into an asyncio task: started now, on the event loop of the thread making it. */
  private startTask(fn: FunctionInfo, args: CallArgs, self: Value | undefined, closure: Frame | undefined, call: Syntax, context: Context, tasksPerCall: Estimate = one()): Work {
    const work = ops(1, 'pycall');
    const runner = this.taskRunnerOf(call, context);
    const spawn: Spawn = {
      via: runner ? `${shortName(runner.name)} (asyncio task)` : 'asyncio task', target: { kind: 'function', fn, self, closure },
      targetNode: call.children[0], args, tasksPerCall, concurrency: undefined, isProcess: false,
      startsImmediately: true, daemon: false, self, isTask: true,
    };
    const start = this.registerStart(spawn, call, context);
    if (!start) return work;
    if (runner) this.tasksByRunner.set(runner.call, [...(this.tasksByRunner.get(runner.call) ?? []), start.id]);
    this.unjoinedTasks.set(context.execution, [...(this.unjoinedTasks.get(context.execution) ?? []), start.id]);
    return addWork(work, segmentWork({ kind: 'sync', sync: { op: 'start', start: start.id }, line: 0 }));
  }

  /** The asyncio call a coroutine call is an argument of (`gather(f(), *(g(i) for i in ...))`, `asyncio.run(main())`). */
  private taskRunnerOf(call: Syntax, context: Context): { call: Syntax; name: string } | undefined {
    let at: Syntax = call;
    for (let depth = 0; depth < 6 && at.parent; depth++) {
      const parent: Syntax = at.parent;
      if (parent.type === 'call' && parent.children[1] === at) {
        const callee = this.evaluator.evaluate(parent.children[0], context.frame);
        const name = callee.kind === 'external' ? canonicalType(callee.name) : undefined;
        return name && TASK_RUNNERS.has(name) ? { call: parent, name } : undefined;
      }
      if (!['argument_list', 'list_splat', 'generator_expression', 'list_comprehension', 'parenthesized_expression', 'list', 'tuple', 'keyword_argument'].includes(parent.type)) return undefined;
      // The element of a comprehension, not its iterable.
      if ((parent.type === 'generator_expression' || parent.type === 'list_comprehension') && parent.children[0] !== at) return undefined;
      at = parent;
    }
    return undefined;
  }

  /** `asyncio.run(...)`, `await asyncio.gather(...)`: waits for the tasks made from its arguments (or, with none, all made so far). */
  private taskRunnerWork(name: string, call: Syntax, context: Context): Work | undefined {
    const kind = TASK_RUNNERS.get(name);
    if (!kind) return undefined;
    const work = ops(1, 'ccall');
    const awaited = call.parent?.type === 'await';
    if (kind === 'start' || (kind === 'await' && !awaited)) return work;
    const made = this.tasksByRunner.get(call);
    // `await asyncio.gather(*jobs)` waits for what `jobs` holds: not a task kept under a name it does not mention.
    const given = call.children[1]?.children ?? [];
    const others = !made && given.length > 0 ? this.unjoinedTasks.get(context.execution)?.filter((id) => !this.keptApart(id, call.children[1])) : undefined;
    return addWork(work, this.awaitTasks(made ?? others, context));
  }

  /** A task made as `beat = asyncio.create_task(...)` whose name what awaits (a runner's arguments, an `await`) does not mention. */
  private keptApart(startId: number, awaiting: Syntax | undefined): boolean {
    const made = this.starts[startId - 1]?.call;
    const maker = made?.parent?.type === 'argument_list' ? made.parent.parent : undefined;
    const store = maker?.type === 'call' ? maker.parent : undefined;
    const name = store?.type === 'assignment' && store.children[store.children.length - 1] === maker && store.children[0]?.type === 'identifier'
      ? this.evaluator.text(store.children[0]) : undefined;
    return name !== undefined && !this.evaluator.mentions(awaiting, name);
  }

  /** Waits for these tasks (by default, every task this execution made and has not awaited yet). */
  private awaitTasks(starts: readonly number[] | undefined, context: Context): Work {
    const execution = context.execution;
    const futures = this.pendingFutures.get(execution) ?? [];
    this.pendingFutures.delete(execution);
    const waited = [...(starts ?? this.unjoinedTasks.get(execution) ?? []), ...futures];
    if (waited.length === 0) return noWork();
    const joined = new Set(waited);
    this.unjoinedTasks.set(execution, (this.unjoinedTasks.get(execution) ?? []).filter((id) => !joined.has(id)));
    return segmentWork({ kind: 'sync', sync: { op: 'join', starts: [...waited], yields: execution.kind === 'task' }, line: 0 });
  }

  /**
   * `setattr(obj, field, getattr(obj, field) + 1)`: a read-modify-write of that attribute, spelled with builtins (of
   * whichever attribute `field` names, when it is not a literal).
   */
  private noteSetattr(call: Syntax, context: Context): void {
    const args = call.children[1]?.children ?? [];
    if (call.children[0]?.type !== 'identifier' || args.length !== 3 || this.evaluator.text(call.children[0]) !== 'setattr') return;
    const [object, name, value] = args;
    const base = this.evaluator.evaluate(object, context.frame);
    const origin = originOf(base);
    if (!origin || (base.kind !== 'instance' && base.kind !== 'unknown')) return;
    const given = this.evaluator.evaluate(name, context.frame);
    const attribute = given.kind === 'str' && given.value !== undefined ? given.value : '*';
    const place: Place = { key: `${origin.key}.${attribute}`, sharing: this.sharingOf(base, origin), text: `${this.evaluator.text(object)}.${attribute === '*' ? this.evaluator.text(name) : attribute}` };
    let reads = false;
    walk(value, (node) => {
      if (reads || NESTED_SCOPES.has(node.type)) return false;
      const [callee, list] = node.children;
      if (node.type === 'call' && callee && this.evaluator.text(callee) === 'getattr' && list?.children.length && list.children.length >= 2
        && this.evaluator.text(list.children[0]) === this.evaluator.text(object) && this.evaluator.text(list.children[1]) === this.evaluator.text(name)) reads = true;
      return undefined;
    });
    this.recordAccess(place, reads ? 'rmw' : 'store', call, context, []);
  }

  private walkCall(call: Syntax, context: Context): Work {
    this.noteSetattr(call, context);
    // Only when every pass makes it so: `if blocking: ... else: end.setblocking(False)` leaves the other branch's
    // socket as it was, and the walk goes through both.
    const nonBlocking = this.makesNonBlocking() ? this.evaluator.nonBlockingObject(call) : undefined;
    if (nonBlocking && !underCondition(call)) this.evaluator.noteNonBlocking(nonBlocking, context.frame);
    const calleeNode = call.children[0];
    let callee = this.evaluator.evaluate(calleeNode, context.frame);
    if (callee.kind === 'external' && context.execution.kind !== 'async' && this.limits.workload) {
      const runner = this.taskRunnerWork(canonicalType(callee.name), call, context);
      if (runner) return runner;
    }
    if (callee.kind === 'unknown' && calleeNode?.type === 'attribute' && this.evaluator.text(calleeNode).endsWith('.run_in_executor')) {
      // An event loop the model cannot type still runs the callable on its default thread pool.
      callee = { kind: 'external', name: 'asyncio.AbstractEventLoop.run_in_executor', self: UNKNOWN };
    }
    const recognized = recognizeSpawn(this.evaluator, callee, call, context.frame);
    // `loop.call_soon_threadsafe(queue.put_nowait, item)`: the loop puts the item soon after, for this thread.
    const callback = recognized?.via === 'loop.call_soon_threadsafe' ? recognized.target : undefined;
    if (callback?.kind === 'external' && /^put(_nowait)?$/.test(queueMethod(callback) ?? '')) {
      return addWork(ops(1, 'ccall'), this.externalEffectWork(callback.name, recognized!.args, call, context.execution, context, callback.self));
    }
    // Made by a thread or a coroutine, `call_soon_threadsafe` most likely hands its callback to main's own loop; a
    // library callback (`loop.stop`) runs nothing of this file.
    const spawn = recognized?.via === 'loop.call_soon_threadsafe' && (context.execution.kind !== 'main' || recognized.target.kind !== 'function')
      ? undefined : recognized;
    // A callback added to a future already finished runs at once, in the thread that adds it.
    if (spawn?.via === 'Future.add_done_callback' && spawn.target.kind === 'function' && this.futureSettled(call)) {
      return addWork(ops(1, 'ccall'), this.callFunction(spawn.target.fn, spawn.args, spawn.target.self, spawn.target.closure, call, context));
    }
    if (spawn) {
      // Making an object of a Thread subclass runs its `__init__` here, in the maker's thread: one that subscribes to
      // a shared broker (`self.inbox = broker.subscribe(topic)`) touches shared state from whichever thread makes it.
      const init = callee.kind === 'class' ? findMethod(this.module, callee.cls, '__init__') : undefined;
      const work = init ? this.callFunction(init, this.evaluator.callArgs(call, context.frame), this.constructed(callee as Extract<Value, { kind: 'class' }>, call, context), undefined, call, context) : noWork();
      const start = this.registerStart(spawn, call, context);
      for (const more of spawn.more ?? []) this.registerStart(more, call, context);
      addWork(work, ops(1, 'ccall'));
      if (start?.startsImmediately) addWork(work, segmentWork({ kind: 'sync', sync: { op: 'start', start: start.id }, line: 0 }));
      // `await asyncio.to_thread(f)`, `await loop.run_in_executor(...)`: the coroutine waits for the thread's result.
      if (start && call.parent?.type === 'await') {
        addWork(work, segmentWork({ kind: 'sync', sync: { op: 'join', starts: [start.id], yields: context.execution.kind === 'task' }, line: 0 }));
      } else if (start && context.execution.kind === 'task' && EXECUTOR_FUTURES.has(start.via)) {
        // `jobs = [loop.run_in_executor(pool, f, x) ...]`: a future, waited for when gathered or awaited later.
        this.pendingFutures.set(context.execution, [...(this.pendingFutures.get(context.execution) ?? []), start.id]);
      }
      return work;
    }
    const lifecycle = this.noteThreadLifecycle(callee, calleeNode, call, context);
    if (lifecycle) return lifecycle;
    const flag = call.children[1]?.children;
    if (calleeNode?.type === 'attribute' && flag?.length === 1 && lastName(this.evaluator, calleeNode) === 'setDaemon') this.noteDaemon(calleeNode, flag[0], context);
    if (calleeNode?.type === 'attribute' && flag?.length === 0 && lastName(this.evaluator, calleeNode) === 'cancel') {
      // `stopper.cancel()` of a Timer: the simulator stops it here, if its interval has not run out yet.
      const cancelled = this.noteCancel(calleeNode, context);
      if (cancelled.length > 0) return addWork(ops(1, 'ccall'), segmentWork({ kind: 'sync', sync: { op: 'cancel', starts: cancelled.map((start) => start.id) }, line: 0 }));
    }
    this.noteMutation(callee, calleeNode, context);
    this.noteArgumentMutation(callee, call, context);
    this.noteStoredCallables(calleeNode, call, context);
    this.noteFilledByMain(calleeNode, call, context);
    this.noteFileMade(call, context);
    const inherited = this.baseRunWork(calleeNode, call, context);
    if (inherited) return inherited;
    switch (callee.kind) {
      case 'function': {
        // A call the rules' walk skips (see callFunction) needs no argument values.
        if (!callee.alternatives && this.skipsInert(callee.fn, context)) {
          context.innerCalls?.push({ kind: 'python', name: callee.fn.name });
          return ops(1, 'pycall');
        }
        const args = this.evaluator.callArgs(call, context.frame);
        // `players[turn].choose(board)` on an object of one of several classes: each class's method may run, on an
        // object of its class (see selfForMethod); the costliest stands for the call.
        const selfFor = (method: FunctionInfo) => (callee.alternatives ? selfForMethod(this.module, callee.self, method) : callee.self);
        if (callee.alternatives?.length) this.callsOfSeveral.add(call);
        // `if asyncio.iscoroutinefunction(handler): await handler(event)`: what is awaited is a coroutine function's
        // call; the plain functions among the handlers are run another way.
        let called = [callee.fn, ...(callee.alternatives ?? [])];
        if (call.parent?.type === 'await' && called.some((fn) => fn.isAsync) && called.some((fn) => !fn.isAsync)) called = called.filter((fn) => fn.isAsync);
        const [first, ...rest] = called;
        const work = this.callFunction(first, args, selfFor(first), first === callee.fn ? callee.closure : undefined, call, context);
        const most = rest.reduce((most, alternative) => maxWork(most, this.callFunction(alternative, args, selfFor(alternative), undefined, call, context)), work);
        if (callee.others?.length) this.callsOfSeveral.add(call);
        return (callee.others ?? []).reduce((most, other) => maxWork(most, this.callFunction(other.fn, args, other.self, other.closure, call, context)), most);
      }
      case 'partial': {
        const target = callee.fn;
        if (target.kind !== 'function') return ops(1, 'ccall');
        return this.callFunction(target.fn, withPartialArgs(callee, this.evaluator.callArgs(call, context.frame)), target.self, target.closure, call, context);
      }
      case 'class': {
        // `__new__` first (a lazy singleton's `if cls._instance is None:`), given the class, then `__init__`.
        const create = findMethod(this.module, callee.cls, '__new__');
        // A dataclass's generated `__init__` stores the fields, then calls `__post_init__` (`self.bus.on("scent")(
        // self.count_scent)` registers that object's handler) with no arguments (InitVars aside).
        const written = findMethod(this.module, callee.cls, '__init__');
        const postInit = written ? undefined : findMethod(this.module, callee.cls, '__post_init__');
        const init = written ?? (postInit?.params.length === 1 ? postInit : undefined);
        if (!init && !create) return ops(1, 'pycall');
        const args = this.evaluator.callArgs(call, context.frame);
        const work = create ? this.callFunction(create, args, callee, undefined, call, context) : noWork();
        if (!init) return work;
        const self = this.constructed(callee, call, context);
        const made = originOf(self)?.key;
        if (made) this.underConstruction.push({ key: made, starts: this.starts.length });
        try {
          return addWork(work, this.callFunction(init, init === written ? args : NO_ARGS, self, undefined, call, context));
        } finally {
          if (made) this.underConstruction.pop();
        }
      }
      case 'external':
        context.innerCalls?.push({ kind: callee.self ? 'method' : 'builtin', name: shortName(callee.name) });
        return this.externalCallWork(callee, call, context);
      case 'instance': {
        // `task()` on an object of a class with `__call__`.
        const method = callMethodOf(this.module, callee);
        if (method) return this.callFunction(method.fn, this.evaluator.callArgs(call, context.frame), callee, undefined, call, context);
        return this.unresolvedCallWork(callee, calleeNode, call, context);
      }
      default:
        return this.unresolvedCallWork(callee, calleeNode, call, context);
    }
  }

  /**
   * `super().run()` in the `run` of a Thread subclass made with `target=` (a timing wrapper), or a repeating Timer's
   * own `self.function(*self.args, **self.kwargs)`: the target given to the constructor runs, with its arguments, here.
   */
  private baseRunWork(calleeNode: Syntax | undefined, call: Syntax, context: Context): Work | undefined {
    const start = context.execution.start;
    const self = start?.self;
    const object = calleeNode?.type === 'attribute' ? calleeNode.children[0] : undefined;
    if (!object || context.frame.fn !== start?.entry || self?.kind !== 'instance' || !self.ctor || !self.cls) return undefined;
    const method = this.evaluator.text(calleeNode!.children[calleeNode!.children.length - 1]);
    const selfName = start?.entry?.params[0]?.name;
    const viaSuper = method === 'run' && object.type === 'call' && this.evaluator.text(object.children[0]!) === 'super';
    const stored = (method === 'function' || method === '_target') && object.type === 'identifier' && this.evaluator.text(object) === selfName;
    const base = viaSuper || stored ? libraryBaseOf(this.evaluator, self.cls) : undefined;
    if (base !== 'threading.Thread' && base !== 'threading.Timer') return undefined;
    const spawn = recognizeSpawn(this.evaluator, { kind: 'external', name: base }, self.ctor.call, self.ctor.frame);
    const target = spawn?.target;
    if (target?.kind !== 'function') return undefined;
    return this.callFunction(target.fn, spawn!.args, target.self, target.closure, call, context);
  }

  /**
   * The object a constructor call makes, as `__init__` sees it: named by the variable it is assigned to
   * (`cache = TTLCache()`), so a thread `__init__` starts on `self` and code given `cache` agree on its identity.
   */
  private constructed(cls: Extract<Value, { kind: 'class' }>, call: Syntax, context: Context): Value {
    const assignment = call.parent;
    // `with Farm(size=3) as farm:` names it as `farm = Farm(size=3)` does.
    const { left, right } = assignment?.type === 'assignment' ? assignmentParts(assignment)
      : assignment?.type === 'as_pattern' && assignment.parent?.type === 'with_item' && entersItself(this.module, cls.cls) ? { left: asTarget(assignment), right: assignment.children[0] }
      : { left: undefined, right: undefined };
    if (right === call && left?.type === 'identifier') {
      const named = this.evaluator.evaluate(left, context.frame);
      // The one shared object made on first use (`global _pool; _pool = ConnectionPool()` in a function) is built
      // before anyone else can see it: what its `__init__` stores is not a write to shared state.
      const binding = resolveName(scopeOf(this.module, left), this.evaluator.text(left), this.module.scope);
      const published = !this.limits.workload && named.kind === 'instance' && binding?.scope.kind === 'module' && !!context.frame.fn;
      if (named.kind === 'instance' && named.cls === cls.cls && named.origin.site === call && !published) return named;
    }
    return this.evaluator.resultOf(cls, call, context.frame);
  }

  /** A call of something this file does not define: maybe a function it stored, else unknown code. */
  private unresolvedCallWork(callee: Value, calleeNode: Syntax | undefined, call: Syntax, context: Context): Work {
    const name = calleeNode ? this.evaluator.text(calleeNode) : '';
    const stored = this.callStored(callee, call, context);
    if (stored) return stored;
    context.innerCalls?.push({ kind: 'unknown', name });
    return this.unknownCallWork(calleeNode, call, context);
  }

  /**
   * The attribute of an object of this file's classes that holds a container (`self._handlers` in
   * `self._handlers.setdefault(kind, []).append(fn)` or `self._handlers.get(kind, ())`), as `Registry._handlers`.
   */
  private attributeHolder(node: Syntax | undefined, frame: Frame): string | undefined {
    let at = node;
    for (let depth = 0; at && depth < 4 && at.type !== 'attribute'; depth++) {
      // Down through `.get(...)`, `.setdefault(...)`, `[kind]`, `list(...)` to the attribute.
      if (at.type === 'call') at = at.children[0]?.type === 'attribute' ? at.children[0].children[0] : at.children[1]?.children[0];
      else if (at.type === 'subscript') at = at.children[0];
      else return undefined;
    }
    if (at?.type !== 'attribute' || !at.children[0]) return undefined;
    const object = this.evaluator.evaluate(at.children[0], frame);
    const attribute = this.evaluator.text(at.children[at.children.length - 1]);
    return object.kind === 'instance' && object.cls ? `class:${object.cls.name}.${attribute}` : undefined;
  }

  /**
   * `broker.subscribe("prices", cache.on_price)` storing the handler in a list, `jobs.append(Job(..., callback))`,
   * `tasks.put(fn)`: functions kept in a container, which code that calls an item of one may run.
   */
  private noteStoredCallables(calleeNode: Syntax | undefined, call: Syntax, context: Context): void {
    if (calleeNode?.type !== 'attribute' || this.storedCallables.length >= MAX_STORED_CALLABLES) return;
    const method = this.evaluator.text(calleeNode.children[calleeNode.children.length - 1]);
    if (!STORING_METHODS.has(method)) return;
    const args = this.evaluator.callArgs(call, context.frame);
    // `self._handlers[kind].append(fn)`: the functions each container of handlers holds, by the container's name.
    const holder = calleeNode.children[0] && originOf(this.evaluator.evaluate(calleeNode.children[0], context.frame))?.key;
    // Also by the class whose attribute holds them: the object may be known by another name where they are called
    // (`reg = build()` in main, `reg` in build, where the handlers were stored).
    for (const key of [holder && withoutKeys(holder), this.attributeHolder(calleeNode.children[0], context.frame)]) {
      if (!key) continue;
      const held = this.callablesIn.get(key) ?? new Set<FunctionInfo>();
      for (const arg of args.positional) if (arg.value.kind === 'function' && !arg.value.fn.isAsync) held.add(arg.value.fn);
      if (held.size > 0) this.callablesIn.set(key, held);
    }
    for (const arg of [...args.positional, ...args.keywords.values()]) {
      const value = arg.value;
      // A callable, or an object built around one (a Job whose constructor was given the callback).
      const wraps = value.kind === 'instance' && !!value.ctor && !!value.cls && !isThreadClass(this.evaluator, value.cls);
      const given = wraps && value.kind === 'instance' ? this.evaluator.constructorArgs(value.ctor!) : undefined;
      // `jobs.put((fetch, (url,)))`: a callable in a row handed over with its arguments.
      // `bus.subscribe("orders", counter)` on an object with `__call__`: calling it runs that method.
      const called = callMethodOf(this.module, value);
      const callables = value.kind === 'function' ? [value] : called ? [called] : given ? [...given.positional, ...given.keywords.values()].map((a) => a.value)
        : value.kind === 'container' && value.type === 'tuple' ? value.items ?? [] : [];
      // The arguments that travel with it: the one tuple beside it in the row or the job (`Job(key, func, args)`).
      const tuples = callables.filter((item) => item.kind === 'container' && item.type === 'tuple' && !!item.items);
      const companion = tuples.length === 1 && tuples[0].kind === 'container' ? tuples[0].items! : undefined;
      // `self._jobs.append((fn, kwargs))` in `add(self, fn, **kwargs)`: the keywords the caller gave travel with it.
      const dicts = callables.filter((item) => item.kind === 'container' && item.type === 'dict' && !!item.keywords);
      const keywords = dicts.length === 1 && dicts[0].kind === 'container' ? dicts[0].keywords! : undefined;
      const row: CallArgs | undefined = companion || keywords ? {
        positional: (companion ?? []).map((item) => ({ value: item })),
        keywords: new Map([...keywords ?? []].map(([name, value]) => [name, { value }])),
        hasSplat: false,
      } : undefined;
      for (const callable of callables) {
        if (callable.kind !== 'function' || callable.fn.isAsync) continue;
        const known = this.storedCallables.find((c) => c.fn === callable.fn && c.self === callable.self && c.closure === callable.closure);
        // Stored first without its arguments (`dispatcher.add(fire_section, ...)`, then the row `add` appends).
        if (known && row) this.noteStoredRow(known, row);
        if (known || this.storedCallables.length >= MAX_STORED_CALLABLES) continue;
        this.storedCallables.push(callable);
        if (row) this.noteStoredRow(callable, row);
      }
    }
  }

  /**
   * Another row stored with this callable. Its arguments are the first row's, except that an object each row gives
   * anew (`for cloth in cloths: mill.register("stock", hammer, cloth=cloth, tally=tally)`, one cloth a row) is each
   * thread's own: the rows a loop stored with distinct objects are started one thread a row.
   */
  private noteStoredRow(callable: Extract<Value, { kind: 'function' }>, row: CallArgs): void {
    const rows = [...this.storedRows.get(callable) ?? [], row];
    if (rows.length > MAX_STORED_ROWS) return;
    this.rowsStored++;
    this.storedRows.set(callable, rows);
    const first = rows[0];
    const distinct = (values: Array<Value | undefined>) => {
      const keys = values.map((value) => (value?.kind === 'instance' || value?.kind === 'container' ? value.origin.key : undefined));
      return keys.every((key) => key !== undefined) && new Set(keys).size === keys.length;
    };
    const own = (value: Value): Value => (value.kind === 'instance' || value.kind === 'container' ? { ...value, origin: { ...value.origin, sharing: 'per-instance' } } as Value : value);
    this.storedArguments.set(callable, {
      positional: first.positional.map((arg, i) => (rows.length > 1 && distinct(rows.map((each) => each.positional[i]?.value)) ? { value: own(arg.value) } : arg)),
      keywords: new Map([...first.keywords].map(([name, arg]) => [name, rows.length > 1 && distinct(rows.map((each) => each.keywords.get(name)?.value)) ? { value: own(arg.value) } : arg])),
      hasSplat: first.hasSplat,
    });
  }

  /** `range(0, len(blob), step)` of bytes whose size the file does not say: the steps through ASSUMED_BYTES. */
  private bytesSteps(node: Syntax, context: Context): { rounds: number; text: string } | undefined {
    const args = node.type === 'call' && this.evaluator.text(node.children[0]!) === 'range' ? node.children[1]?.children ?? [] : [];
    const stop = args.length === 3 ? args[1] : undefined;
    const measured = stop?.type === 'call' && this.evaluator.text(stop.children[0]!) === 'len' && stop.children[1]?.children.length === 1 ? stop.children[1].children[0] : undefined;
    if (!measured || args[0]?.type !== 'integer') return undefined;
    const data = this.evaluator.evaluate(measured, context.frame);
    const step = this.evaluator.evaluate(args[2], context.frame);
    if (data.kind !== 'str' || !data.bytes || data.length !== undefined || step.kind !== 'number' || !(step.value >= 1)) return undefined;
    return { rounds: Math.max(1, Math.ceil(ASSUMED_BYTES / step.value)), text: this.evaluator.text(measured) };
  }

  /** The functions stored in each container by `append` and the like, by the container's key less its subscripts. */
  private readonly callablesIn = new Map<string, Set<FunctionInfo>>();

  /**
   * `self._listeners.append(listener)` walked in main, once (not in a loop it walks as one pass for many): the object
   * joins that list's known items (see Evaluator.filledByMain). Anything else that changes the list makes them unknown.
   */
  private noteFilledByMain(calleeNode: Syntax | undefined, call: Syntax, context: Context): void {
    if (calleeNode?.type !== 'attribute' || context.execution.kind !== 'main' || !calleeNode.children[0]) return;
    const method = this.evaluator.text(calleeNode.children[calleeNode.children.length - 1]);
    if (!MUTATING_METHODS.has(method)) return;
    const list = this.evaluator.evaluate(calleeNode.children[0], context.frame);
    if (list.kind !== 'container' || list.type !== 'list') return;
    const filled = this.evaluator.filledByMain;
    const known = filled.get(list.origin.key);
    if (known === null) return;
    const args = this.evaluator.callArgs(call, context.frame);
    const once = context.multiplier.known && context.multiplier.value === 1;
    if (method !== 'append' || !once || args.positional.length !== 1 || args.hasSplat || (known?.length ?? 0) >= MAX_FILLED_ITEMS) {
      filled.set(list.origin.key, null);
      return;
    }
    // `feed.attach(trackers[feed.symbol])` in a round of an unrolled loop: an item fetched by that round's key is
    // taken for that round's own (an item the walk cannot tell apart by its key alone).
    const value = args.positional[0].value;
    const round = this.unrolling.map((frame) => frame.round).join('');
    const own = round && (value.kind === 'instance' || value.kind === 'container') && value.origin.key.endsWith('[]')
      ? { ...value, origin: { ...value.origin, key: `${value.origin.key}${round}` } } : value;
    filled.set(list.origin.key, [...known ?? [], own]);
  }

  /**
   * A file the main thread makes (see Evaluator.fileMade), once for each round of the loops around the call: a
   * listing of the directory afterwards finds them (`seed(root)` writing a file a name, then `os.listdir(root)`).
   */
  private noteFileMade(call: Syntax, context: Context): void {
    if (context.execution.kind !== 'main') return;
    const made = this.evaluator.fileMade(call, context.frame);
    if (!made) return;
    const files = this.evaluator.filesMade;
    if ('directory' in made) {
      if (!context.multiplier.known || context.multiplier.value !== 1) files.spread = true;
      return;
    }
    if ('once' in made) {
      if (!files.once.has(made.once)) files.count += 1;
      files.once.add(made.once);
      return;
    }
    if (!context.multiplier.known) files.guessed = true;
    files.count += context.multiplier.value;
  }

  /**
   * Functions among these values (`{"reindex": index.rebuild}`, `jobs[name] = fn`) are stored callables; with the
   * identity of the container that keeps them, when known (`ROUTES = {...}`).
   */
  private noteStoredValues(nodes: readonly Syntax[], context: Context, container?: string): void {
    for (const node of nodes) {
      if (this.storedCallables.length >= MAX_STORED_CALLABLES) return;
      // `jobs[name] = (interval, func)`: a callable kept in a row of the container (or added to one with `+`).
      const parts = keptParts(node, (each) => this.evaluator.text(each));
      if (parts.length !== 1 || parts[0] !== node) {
        this.noteStoredValues(parts, context, container);
        continue;
      }
      if (node.type !== 'identifier' && node.type !== 'attribute') continue;
      const evaluated = this.evaluator.evaluate(node, context.frame);
      const value = callMethodOf(this.module, evaluated) ?? evaluated;
      if (value.kind !== 'function' || value.fn.isAsync) continue;
      const known = this.storedCallables.find((c) => c.fn === value.fn && c.self === value.self);
      if (container) this.storedIn.set(known ?? value, [...this.storedIn.get(known ?? value) ?? [], container]);
      if (!known) this.storedCallables.push(value);
    }
  }

  /** The containers each stored callable was seen stored in (see noteStoredValues). */
  private readonly storedIn = new Map<Extract<Value, { kind: 'function' }>, string[]>();

  /** `ROUTES = {...}`: the identity of the dict a literal is assigned to, as lookups in it name it. */
  private assignedContainer(literal: Syntax, context: Context): string | undefined {
    const assignment = literal.parent;
    if (assignment?.type !== 'assignment' || assignment.children[assignment.children.length - 1] !== literal) return undefined;
    const target = assignment.children[0];
    return target && target.type !== 'pattern_list' && target.type !== 'tuple_pattern' ? originOf(this.evaluator.evaluate(target, context.frame))?.key : undefined;
  }

  /**
   * `@rule(weight=40)` whose decorator does `RULES.append((fn, weight))`: the decorated functions are stored
   * callables too (decorators run when the module loads, not in any walk).
   */
  private noteRegisteredFunctions(): void {
    const registers = new Map<FunctionInfo, boolean>();
    const storesItsParameter = (decorator: FunctionInfo): boolean => {
      let known = registers.get(decorator);
      if (known === undefined) {
        known = this.decoratorBodies(decorator).some((candidate) => {
          const first = candidate.params[0]?.name;
          if (!first) return false;
          // `HANDLERS[event].append(guarded)` of a wrapper it defines around its parameter keeps that parameter too.
          const wrappers = this.decoratorBodies(candidate).filter((inner) => inner !== candidate && !!inner.body && this.evaluator.mentions(inner.body, first))
            .map((inner) => inner.name);
          const kept = new Set([first, ...wrappers]);
          return this.callsIn(candidate.body).some(({ call, callee, name }) => !!name && callee?.type === 'attribute'
            && STORING_METHODS.has(name) && [...kept].some((each) => this.evaluator.mentions(call.children[1], each))) || keepsParameter(candidate.body, kept, (n) => this.evaluator.text(n));
        });
        registers.set(decorator, known);
      }
      return known;
    };
    for (const fn of this.module.functions) {
      if (fn.decorators.length === 0 || fn.isAsync || this.storedCallables.length >= MAX_STORED_CALLABLES) continue;
      const decoratorNodes = fn.node.parent?.type === 'decorated_definition' ? fn.node.parent.children.filter((child) => child.type === 'decorator') : [];
      const registrar = fn.decorators.map((text, index) => {
        const head = /^[A-Za-z_]\w*/.exec(text)?.[0];
        const binding = head ? resolveName(fn.scope.parent ?? this.module.scope, head, this.module.scope) : undefined;
        const site = binding?.sites.find((s) => s.kind === 'function');
        if (site?.kind === 'function') return storesItsParameter(site.fn) ? site.fn : undefined;
        // `@bus.on("bolt")` of `bus = EventBus()` made once at module level: that class's method is the decorator.
        const expression = decoratorNodes[index]?.children[0];
        const callee = expression?.type === 'call' ? expression.children[0] : expression;
        const member = callee?.type === 'attribute' && callee.children[0]?.type === 'identifier' ? this.evaluator.text(callee.children[callee.children.length - 1]) : undefined;
        const made = member && binding?.scope.kind === 'module' && binding.sites.length === 1 && binding.sites[0].kind === 'assign'
          && !binding.sites[0].iterable && binding.sites[0].path.length === 0 ? binding.sites[0].value : undefined;
        const object = made ? this.evaluator.evaluate(made, this.evaluator.moduleFrame) : undefined;
        const method = object?.kind === 'instance' && object.cls ? findMethod(this.module, object.cls, member!) : undefined;
        return method?.body && storesItsParameter(method) ? method : undefined;
      }).find((found) => !!found);
      if (!registrar) continue;
      const stored: Extract<Value, { kind: 'function' }> = { kind: 'function', fn };
      this.storedCallables.push(stored);
      // `RULES[code] = fn` in the decorator: a loop over RULES goes through these functions, and a call of one of
      // its items runs one of them (see iterationsOf, callStored).
      for (const key of this.registryKeys(registrar)) {
        this.callablesIn.set(key, new Set([...this.callablesIn.get(key) ?? [], fn]));
        this.storedIn.set(stored, [...this.storedIn.get(stored) ?? [], key]);
      }
    }
  }

  /**
   * The decorator itself, and the functions it defines (`def rule(code): def register(fn):`), one of which a decorator
   * factory returns: they join the module's functions once the decorator's body is built.
   */
  private decoratorBodies(decorator: FunctionInfo): FunctionInfo[] {
    void decorator.body;
    return [decorator, ...this.module.functions.filter((f) => this.evaluator.enclosingFunction(f) === decorator)];
  }

  /** The containers a registering decorator (or the function its factory returns) stores its parameter in, by key. */
  private registryKeys(decorator: FunctionInfo): string[] {
    const keys: string[] = [];
    for (const candidate of this.decoratorBodies(decorator)) {
      const first = candidate.params[0]?.name;
      if (!first || !candidate.body) continue;
      walk(candidate.body, (node) => {
        if (NESTED_SCOPES.has(node.type)) return false;
        if (node.type !== 'assignment') return undefined;
        const { left, right } = assignmentParts(node);
        if (left?.type !== 'subscript' || right?.type !== 'identifier' || this.evaluator.text(right) !== first || !left.children[0]) return false;
        const key = originOf(this.evaluator.evaluate(left.children[0], this.evaluator.genericFrame(candidate)))?.key;
        if (key) keys.push(withoutKeys(key));
        return false;
      });
    }
    return keys;
  }

  /**
   * `fn, args = jobs.get()` (or `.get_nowait()`, `.pop()`, `.popleft()`): a local name that only ever holds what was
   * taken out of a container, or part of it.
   */
  private takenFromContainer(node: Syntax | undefined): boolean {
    // `job.func(*job.args)` on a job taken off a queue: a field of what was taken.
    if (node?.type === 'attribute') return this.takenFromContainer(node.children[0]);
    if (node?.type !== 'identifier') return false;
    const binding = resolveName(scopeOf(this.module, node), this.evaluator.text(node), this.module.scope);
    return !!binding && binding.scope.kind === 'function' && binding.sites.length > 0 && binding.sites.every((site) => {
      const value = site.kind === 'assign' && !site.iterable ? site.value : undefined;
      const callee = value?.type === 'call' ? value.children[0] : undefined;
      return callee?.type === 'attribute' && TAKING_CALLS.has(this.evaluator.text(callee.children[callee.children.length - 1]));
    });
  }

  /**
   * A call of an item of a container (`for handler in handlers: handler(topic, msg)`, `job.callback()`): it runs one
   * of the functions the file stores in containers, those its arguments fit; the costliest stands for the call.
   */
  private callStored(callee: Value, call: Syntax, context: Context): Work | undefined {
    const calleeNode = call.children[0];
    // Awaited (`if asyncio.iscoroutinefunction(handler): await handler(event)`), it is a coroutine function's call,
    // and the functions kept here are plain ones (see noteStoredCallables): the others are run another way.
    if (callee.kind !== 'unknown' || this.storedCallables.length === 0 || call.parent?.type === 'await') return undefined;
    if (!callee.origin?.key.includes('[]') && !this.takenFromContainer(calleeNode)) return undefined;
    // `topics[name].append(handler)`, `rows[i].get(k)`: a container's own method, not a stored function.
    if (calleeNode?.type === 'attribute') {
      const method = this.evaluator.text(calleeNode.children[calleeNode.children.length - 1]);
      if (MUTATING_METHODS.has(method) || STORING_METHODS.has(method) || CONTAINER_READS.has(method)) return undefined;
    }
    const args = this.evaluator.callArgs(call, context.frame);
    let work: Work | undefined;
    // `fn(*args)`, `job.func(*job.args)`: called with the arguments stored beside it.
    const splatOnly = onlySpread(args);
    // `ROUTES[command](arg)`: one of the functions kept in that container, when the file says which those are.
    const container = callee.origin?.key.endsWith('[]') ? callee.origin.key.slice(0, -2) : undefined;
    const kept = container ? this.storedCallables.filter((stored) => this.storedIn.get(stored)?.includes(container)) : [];
    for (const stored of kept.length > 0 ? kept : this.storedCallables) {
      if (!args.hasSplat && !fitsArguments(stored.fn, args, !!stored.self)) continue;
      const given = splatOnly ? this.storedArguments.get(stored) ?? args : args;
      const done = this.callFunction(stored.fn, given, stored.self, stored.closure, call, context);
      work = work ? maxWork(work, done) : done;
    }
    // Which one runs is the data's choice: partly opaque, like a call of code we cannot see, unless the container is
    // known to hold only these (`FILTERS[name] = fn` in the decorator that registers them).
    return work && (kept.length > 0 ? work : addWork({ ...noWork(), opaque: 1 }, work));
  }

  private callFunction(
    fn: FunctionInfo, args: CallArgs, self: Value | undefined, closure: Frame | undefined, call: Syntax, context: Context,
  ): Work {
    context.innerCalls?.push({ kind: 'python', name: fn.name });
    // Calling a coroutine function only makes a coroutine; its body runs on the event loop, later. It is walked on its
    // own with these arguments (once per argument shape), so what it hands to threads knows its sizes.
    if (fn.isAsync) {
      // `run_coroutine_threadsafe(poll(sid), loop)` hands it to a loop on another thread: started there (see walkCall).
      if (this.handedToLoopThread(call, context)) return ops(1, 'pycall');
      // Made into tasks in a loop (`gather(*(f(i) for i in range(20)))`), as many run at once; awaited one by one, one.
      const runner = this.taskRunnerOf(call, context);
      // Kept rather than awaited on the spot (`jobs = [handle(m) for m in batch]`, then gathered): as many at once.
      // Awaited on the spot, one at a time in each copy of the coroutine that awaits it.
      const copies = runner || call.parent?.type !== 'await' ? context.multiplier : context.frameMultiplier;
      this.noteCoroutineCall(fn, call, runner?.name, context);
      // Awaited on the spot inside a task that runs beside others (`await fn(*args)` in a gathered decorator's
      // wrapper), it runs beside them too.
      const overlapping = !!runner || call.parent?.type !== 'await' || this.besideOtherTasks.has(context.execution);
      this.queueCoroutine(fn, args, self, closure ?? (this.evaluator.enclosingFunction(fn) === context.frame.fn ? context.frame : undefined), copies,
        this.genericWalks.has(context.execution), overlapping, this.besideRunning(context.execution),
        awaitedInStatement(call) ? undefined : context.execution);
      const kind = context.execution.kind;
      if (kind === 'async' || !this.limits.workload) return ops(1, 'pycall');
      // Outside the generic coroutine walks, a coroutine awaited on the spot runs in the awaiting task, like a call;
      // any other becomes a task (given to gather, create_task, asyncio.run, or kept to be awaited later).
      if (call.parent?.type !== 'await' || kind !== 'task') return this.startTask(fn, args, self, closure, call, context);
    }
    if (!fn.body) return ops(1, 'pycall');
    // A hand-written bounded buffer hands items between threads like queue.Queue: the simulator plays it out as one.
    // (The rules walk its methods: races inside it are theirs to find.)
    const queueOp = this.limits.workload && self?.kind === 'instance' && self.cls ? this.queueLikeOp(fn) : undefined;
    if (queueOp && self?.kind === 'instance') {
      const work = bump(ops(1, 'pycall'), 'queue');
      const sync: SyncOp | undefined = queueOp === 'put' && args.positional[0]?.value.kind === 'none'
        ? this.sentinelOf(call, self.origin.key) : { op: queueOp, object: self.origin.key };
      return sync ? addWork(work, segmentWork({ kind: 'sync', sync, line: this.line(call) })) : work;
    }
    if (this.skipsInert(fn, context)) return ops(1, 'pycall');
    if (context.stack.includes(fn) && !this.onAnotherObject(fn, self, args)) return this.recursion(fn, args, call, context, self);
    // Deeper calls are summarized, not followed: a bound of the analysis, not a loss worth reporting.
    if (context.stack.length > this.depthFor(context.execution)) return { ...ops(1, 'pycall'), opaque: 1 };
    const bound = this.evaluator.bindArguments(fn, args, self);
    const enclosing = closure ?? (this.evaluator.enclosingFunction(fn) === context.frame.fn ? context.frame : undefined);
    const repeated = context.repeated || context.loops.length > 0;
    // Being repeated changes only how long a `while` loop is assumed to run: a function with none is walked once.
    this.whileWords ??= this.hits(/\bwhile\b/g);
    const loopy = this.whileWords.within(fn.node.start, fn.node.end);
    // Whether main's threads are running decides whether what the call touches races with them.
    const execution = context.execution;
    // The workload damps guessed counts inside other guesses (see damped): a call walked inside one differs.
    const damping = this.limits.workload && context.multiplier.guessed ? ':g' : '';
    // A closure's cells are part of what it is called with: one `wrapper` of a decorator runs another `fn` in each.
    const memoKey = `${execution.id}:${fn.id}@${enclosing?.id ?? ''}:${signature(bound)}:${context.locks.join(',')}:${context.asyncFn?.id ?? ''}${loopy ? `:${repeated}` : ''}:${execution.window}${damping}${context.alone ? ':alone' : ''}`;
    let record = this.memo.get(memoKey);
    if (!record) {
      const frame = new Frame(fn, fn.scope, bound, enclosing ?? this.closureFor(fn), context.frame.allocation, false);
      this.invokedBy.set(frame, { call, context });
      const body = fn.isLambda ? [fn.body] : fn.body.children;
      const before = { starts: this.starts.length, window: execution.window, joins: execution.joins };
      this.callLinks.push({ fn, link: linkKey(self, args) });
      try {
        record = this.walkFrame(
          fn, frame, body, execution, [...context.stack, fn], context.asyncFn, context.multiplier, context.locks, repeated, context.alone,
        );
      } finally {
        this.callLinks.pop();
      }
      // A call that starts or joins threads (`launch()` twice starts two) does so again each time: walk it each time.
      const lifecycle = this.starts.length !== before.starts || execution.window !== before.window || execution.joins !== before.joins;
      if (!lifecycle) this.memo.set(memoKey, record);
    }
    const taken = this.itemsTaken.get(call);
    const share = taken === undefined ? 1 : this.shareOfYields(record, taken);
    const work = addWork(bump(noWork(), 'pycall'), share < 1 && isComputation(record.work) ? scaleWork(record.work, share) : record.work);
    this.noteRoundsReach(call, fn, context);
    this.recordItem(context.statement, 'call', work, context, undefined, record, undefined, this.callsOfSeveral.has(call));
    return work;
  }

  /**
   * `itertools.islice(ear_tags(section), 25)`: the generator runs only until it has yielded the items taken, not
   * through all its rounds (noted here before the generator's call is walked).
   */
  private noteItemsTaken(call: Syntax, context: Context): void {
    const callee = call.children[0];
    const source = call.children[1]?.children[0];
    if (source?.type !== 'call' || !callee || !/\bislice$/.test(this.evaluator.text(callee))) return;
    const took = this.evaluator.evaluate(call, context.frame);
    if (took.kind === 'container' && took.type === 'generator' && took.length !== undefined) this.itemsTaken.set(source, took.length);
  }

  /** The share of a generator's work that yielding `taken` items costs: that many rounds of its yielding loop. */
  private shareOfYields(record: FrameRecord, taken: number): number {
    const loop = record.items.find((item) => item.kind === 'loop' && yieldsWithin(item.node));
    const rounds = loop?.iterations?.value;
    return rounds && rounds > taken ? taken / rounds : 1;
  }

  /** The keys of a subscript with several (`buffers[job, stream]`), as the tuple they make. */
  private keysTuple(keys: readonly Syntax[], context: Context): Value {
    const items = keys.map((key) => this.evaluator.evaluate(key, context.frame));
    return { kind: 'container', type: 'tuple', length: items.length, items, origin: { key: 'keys', sharing: 'private' } };
  }

  /** An awaited call of code outside this file (`self.queue.get()` of an asyncio.Queue, `reader.read(n)`). */
  private awaitsLibrary(call: Syntax, context: Context): boolean {
    const callee = call.children[0] ? this.evaluator.evaluate(call.children[0], context.frame) : UNKNOWN;
    return callee.kind === 'external' || callee.kind === 'unknown';
  }

  /** A coroutine made as the argument of `asyncio.run_coroutine_threadsafe(...)`. */
  private handedToLoopThread(call: Syntax, context: Context): boolean {
    const outer = call.parent?.type === 'argument_list' ? call.parent.parent : undefined;
    if (outer?.type !== 'call' || outer.children[1] !== call.parent) return false;
    const runner = this.evaluator.evaluate(outer.children[0], context.frame);
    return runner.kind === 'external' && runner.name === 'asyncio.run_coroutine_threadsafe';
  }

  /** The functions being walked, from an entry's first call, with the link each is (see linkKey). */
  private readonly callLinks: Array<{ readonly fn: FunctionInfo; readonly link: string | undefined }> = [];

  /**
   * A method already running, called again as another link (see linkKey): on another object the file names
   * (`self.successor.handle(app)` down a chain of responsibility, `super().handle(app)` in each link), or given
   * another of the module's own objects (a state machine's next state). Not a recursion; a few links deep.
   */
  private onAnotherObject(fn: FunctionInfo, self: Value | undefined, args: CallArgs): boolean {
    const key = linkKey(self, args);
    if (key === undefined) return false;
    const running = this.callLinks.filter((entry) => entry.fn === fn);
    return running.length < MAX_CHAIN_LINKS && running.every((entry) => entry.link !== undefined && entry.link !== key);
  }

  /** A function that calls itself: the cost grows with the argument (fib(n) calls itself about 1.6^n times). */
  private recursion(fn: FunctionInfo, args: CallArgs, call: Syntax, context: Context, self?: Value): Work {
    const shape = selfCallShape(this.evaluator, fn);
    const given = args.positional[0]?.value;
    const first = shape.firstPassedOn ? undefined : given;
    const counted = first?.kind === 'number' && !Number.isNaN(first.value);
    // A count that goes up (`place(row + 1, ...)` until `row == self.n`) is as deep as its bound is far.
    const frame = shape.up || shape.branches ? new Frame(fn, fn.scope, this.evaluator.bindArguments(fn, args, self), context.frame, 'private', false) : undefined;
    const bound = counted && shape.up && frame ? this.recursionBound(fn, frame) : undefined;
    // A search that fills one slot a level (see fillsPassedSlot) is as deep as it has choices.
    const branching = shape.branches && frame ? lengthOf(this.evaluator.evaluate(shape.branches.children[1], frame)) : undefined;
    const filled = shape.fills && branching !== undefined && branching >= 2 ? Math.min(branching, 60) : undefined;
    const depth = bound !== undefined && counted ? Math.max(1, Math.min(bound - first.value, 60)) : counted ? Math.min(Math.abs(first.value), 60) : filled ?? 20;
    // A count that each call moves on branches out (fib(n) calls itself about 1.6^n times); a search that tries each
    // of b choices at each level (`for c in range(self.n): ... place(row + 1)`) visits about b^(depth/2) nodes once
    // it prunes (n-queens on 9 to 11 columns: 8k to 167k); a walk of nested data (`flatten(value)` for each dict in
    // a dict) calls itself about once for each part it finds.
    // A divide and conquer that splits what it was given (`merge_sort(items[:mid])`, `merge_sort(items[mid:])`) makes
    // about two calls per item, and each level of them goes over all n items once (see splitLevels).
    const split = shape.halves ? lengthOf(given ?? UNKNOWN) : undefined;
    const calls = split !== undefined && split >= 2 ? Math.min(2 * split, 1e9)
      : branching !== undefined && branching >= 2 && (counted || shape.counts || filled !== undefined) ? Math.min(branching ** (depth / 2), 1e9)
      : shape.calls >= 2 && (counted || shape.counts) ? Math.min(1.618 ** depth, 1e9) : depth;
    // Each call runs the body once: its size in characters stands in for its operations, half loads, half arithmetic.
    const bodyOps = fn.body ? Math.max(10, Math.min(200, (fn.body.end - fn.body.start) / 8)) : 10;
    const work = addWork(ops(calls, 'pycall'), addWork(ops((calls * bodyOps) / 2, 'local'), ops((calls * bodyOps) / 2, 'arith')));
    const levels = split !== undefined && split >= 2 ? splitLevels(this.evaluator, fn, split) : undefined;
    if (levels) addWork(work, levels.work);
    // `crawl(link)` after a fetch in the body: each call waits as this one did before it (the frame's walk so far).
    const own = context.stack[context.stack.length - 1] === fn ? context.record.items.filter((item) => waits(item.work)) : [];
    for (const item of own) {
      work.sleepSeconds += item.work.sleepSeconds * calls;
      work.blocks += item.work.blocks * calls;
    }
    if (first?.kind !== 'number' && filled === undefined && !(split !== undefined && split >= 2)) addAssumption(work, `assumed recursion depth 20 for \`${fn.name}\``);
    this.recordItem(context.statement, 'recursion', work, context);
    const item = context.loops.length === 0 ? context.record.items[context.record.items.length - 1] : undefined;
    if (item && levels?.loop) context.record.items[context.record.items.length - 1] = { ...item, loop: levels.loop };
    void call;
    return work;
  }

  /** `if row == self.n: return` in a function whose count goes up: the bound, in this call's frame. */
  private recursionBound(fn: FunctionInfo, frame: Frame): number | undefined {
    const first = fn.params.find((p) => p.name !== 'self' && p.name !== 'cls')?.name;
    let bound: number | undefined;
    walk(fn.body!, (node) => {
      if (bound !== undefined || NESTED_SCOPES.has(node.type)) return false;
      if (node.type !== 'comparison_operator' || node.children.length !== 2) return undefined;
      const [left, right] = node.children;
      const operator = this.operatorOf(node);
      if (left.type !== 'identifier' || this.evaluator.text(left) !== first || !['==', '>=', '>'].includes(operator)) return undefined;
      const value = this.evaluator.evaluate(right, frame);
      if (value.kind === 'number' && Number.isFinite(value.value)) bound = value.value;
      return undefined;
    });
    return bound;
  }

  private externalCallWork(callee: Extract<Value, { kind: 'external' }>, call: Syntax, context: Context): Work {
    const args = this.evaluator.callArgs(call, context.frame);
    this.noteConnectionHandler(callee.name, args, context.execution);
    this.noteLoggingHandler(callee.name, args);
    const work = this.externalEffectWork(callee.name, args, call, context.execution, context, callee.self);
    // For the workload: the connections an asyncio server serves are tasks on its event loop, a few of them.
    const handler = this.limits.workload && context.execution.kind !== 'thread' ? this.connectionHandler(callee.name, args) : undefined;
    if (handler) {
      const connections: Estimate = { value: 2, known: false, assumption: `assumed 2 connections to the asyncio server at line ${this.line(call)}` };
      addWork(work, this.startTask(handler.coroutine.fn, handler.args, handler.coroutine.self, handler.coroutine.closure, call, context, connections));
    }
    const callbacks = this.callbackWork(callee, args, call, context);
    if (callbacks) addWork(work, callbacks);
    const hooks = this.hookWork(callee, call, context);
    if (hooks) addWork(work, hooks);
    const logged = this.loggingWork(callee.name, call, context);
    return logged ? addWork(work, logged) : work;
  }

  /**
   * A library method that calls methods the file's subclass overrides (`self.send_response(200)` calls the handler's
   * own `log_request`): those run here, on the same object, through the library's chain of calls.
   */
  private hookWork(callee: Extract<Value, { kind: 'external' }>, call: Syntax, context: Context): Work | undefined {
    const self = callee.self;
    if (self?.kind !== 'instance' || !self.cls) return undefined;
    // `http.server.BaseHTTPRequestHandler.send_response`: the module is what comes before the class.
    const parts = callee.name.split('.');
    const table = LIBRARY_HOOKS.get(parts.slice(0, -2).join('.'));
    if (!table) return undefined;
    let work: Work | undefined;
    const pending = [...table.get(parts[parts.length - 1]) ?? []];
    const seen = new Set<string>();
    while (pending.length > 0) {
      const hook = pending.shift()!;
      if (seen.has(hook)) continue;
      seen.add(hook);
      const method = findMethod(this.module, self.cls, hook);
      if (method?.cls) work = addWork(work ?? noWork(), this.callFunction(method, NO_ARGS, self, undefined, call, context));
      else pending.push(...table.get(hook) ?? []);
    }
    return work;
  }

  /** Handlers of this file's classes given to a logger (`logger.addHandler(BatchingHandler(path))`). */
  private readonly loggingHandlers: Array<Extract<Value, { kind: 'instance' }>> = [];

  /** Filters of this file's classes given to a handler or a logger (`handler.addFilter(SampleFilter())`). */
  private readonly loggingFilters: Array<Extract<Value, { kind: 'instance' }>> = [];

  private noteLoggingHandler(name: string, args: CallArgs): void {
    const given = args.positional[0]?.value;
    if (given?.kind !== 'instance' || !given.cls) return;
    const [list, method] = name.endsWith('.addHandler') ? [this.loggingHandlers, 'emit'] : name.endsWith('.addFilter') ? [this.loggingFilters, 'filter'] : [];
    if (!list || !method || !findMethod(this.module, given.cls, method)?.cls) return;
    if (!list.some((known) => known.origin.key === given.origin.key)) list.push(given);
  }

  /**
   * `log.error(...)` on a logger, or `logging.info(...)`: each filter of this file's classes runs in the thread that
   * logs (a library handler's too), and each handler of its classes runs its `emit` there, holding the handler's own
   * lock as `Handler.handle` does.
   */
  private loggingWork(name: string, call: Syntax, context: Context): Work | undefined {
    const method = name.slice(name.lastIndexOf('.') + 1);
    if ((this.loggingHandlers.length === 0 && this.loggingFilters.length === 0) || !LOGGING_CALLS.has(method)) return undefined;
    if (name !== `logging.${method}` && name !== `logging.Logger.${method}`) return undefined;
    let work: Work | undefined;
    // Filters run first, before the handler takes its lock.
    for (const filter of this.loggingFilters) {
      work = addWork(work ?? noWork(), this.callFunction(findMethod(this.module, filter.cls!, 'filter')!, NO_ARGS, filter, undefined, call, context));
    }
    for (const handler of this.loggingHandlers) {
      const handle = findMethod(this.module, handler.cls!, 'handle');
      // A handler's own `filter` runs in `Handler.handle` before it takes the lock.
      const ownFilter = handle?.cls ? undefined : findMethod(this.module, handler.cls!, 'filter');
      if (ownFilter?.cls) work = addWork(work ?? noWork(), this.callFunction(ownFilter, NO_ARGS, handler, undefined, call, context));
      const emit = handle?.cls ? handle : findMethod(this.module, handler.cls!, 'emit')!;
      const lock = `${handler.origin.key}.lock`;
      const locked = context.locks.includes(lock) ? context : { ...context, locks: [...context.locks, lock] };
      work = addWork(work ?? noWork(), this.callFunction(emit, NO_ARGS, handler, undefined, call, locked));
    }
    return work;
  }

  /**
   * `map(score, items)`, `sorted(rows, key=weight)`, `reduce(merge, parts)`: a builtin that calls a function of this
   * file once an item runs it as a loop over the items would.
   */
  private callbackWork(callee: Extract<Value, { kind: 'external' }>, args: CallArgs, call: Syntax, context: Context): Work | undefined {
    let given: CallArgs['positional'][number] | undefined;
    let items: CallArgs['positional'][number] | undefined;
    switch (callee.self ? undefined : callee.name) {
      case 'map':
      case 'filter':
      case 'functools.reduce':
        [given, items] = args.positional;
        break;
      case 'sorted':
      case 'min':
      case 'max': {
        const key = args.keywords.get('key');
        if (key && args.positional.length === 1) [given, items] = [key, args.positional[0]];
        break;
      }
      default:
        if (callee.name === 'list.sort' && callee.self) [given, items] = [args.keywords.get('key'), { value: callee.self }];
    }
    const fn = given?.value;
    const target = fn?.kind === 'partial' ? fn.fn : fn;
    if (!fn || !items || items.splat || target?.kind !== 'function' || target.fn.isAsync) return undefined;
    const rounds = this.iterationsOf(items.value, items.node, context);
    // `max(range(1, 6), key=lambda k: score(series, k * 11))`: a number of the range, as a size its mean.
    const mean = items.value.kind === 'range' ? rangeMean(items.value) : undefined;
    const item = { value: mean !== undefined ? { kind: 'number', value: mean, drawn: true } as Value : elementOf(items.value) };
    // `reduce(merge, parts, start)` passes what it has so far, then the item.
    const eachCall = callee.name === 'functools.reduce' ? [args.positional[2] ?? item, item] : [item];
    const passed: CallArgs = fn.kind === 'partial'
      ? { positional: [...fn.args.map((value) => ({ value })), ...eachCall], keywords: new Map([...fn.keywords].map(([k, v]) => [k, { value: v }] as const)), hasSplat: false }
      : { positional: eachCall, keywords: new Map(), hasSplat: false };
    // Threads the function starts are started once an item (`map(lambda fn: Thread(target=fn), targets)`).
    // Outside loops, the calls it makes are the statement's, as a loop's are the loop's: `best = min(templates,
    // key=lambda sp: dtw_cost(...))` does its work in dtw_cost, where GIL001 looks for the loop.
    const calls: WorkItem[] | undefined = context.loops.length === 0 ? [] : context.loopCalls;
    const inner: Context = { ...context, loops: [...context.loops, call], multiplier: multiply(context.multiplier, rounds), loopCalls: calls };
    const each = this.callFunction(target.fn, passed, target.self, target.closure, call, inner);
    const total = scaleWork(each, rounds.value, this.line(call));
    if (rounds.assumption) addAssumption(total, rounds.assumption);
    if (rounds.guessed) total.guessed = true;
    if (context.loops.length === 0) {
      for (const made of calls ?? []) {
        if (made.kind === 'call' && made.callee) this.recordItem(context.statement, 'call', scaleWork(made.work, rounds.value, this.line(call)), context, undefined, made.callee);
      }
    }
    return total;
  }

  /**
   * `await asyncio.start_server(service.handle, host, port)`: the server runs `service.handle(reader, writer)` on the
   * event loop for each connection, so that coroutine is walked with its object, beside the threads the caller has
   * running or starts while the server serves.
   */
  private noteConnectionHandler(name: string, args: CallArgs, execution: Execution): void {
    const handler = this.connectionHandler(name, args);
    if (handler) this.queueCoroutine(handler.coroutine.fn, handler.args, handler.coroutine.self, handler.coroutine.closure, one(), false, true, this.besideRunning(execution), execution);
  }

  /** The coroutine `asyncio.start_server` runs for each connection, and what it is given (see noteConnectionHandler). */
  private connectionHandler(name: string, args: CallArgs): { coroutine: Extract<Value, { kind: 'function' }>; args: CallArgs } | undefined {
    if (name !== 'asyncio.start_server' && name !== 'asyncio.start_unix_server') return undefined;
    const handler = args.positional[0]?.value ?? args.keywords.get('client_connected_cb')?.value;
    if (handler?.kind !== 'function') return undefined;
    const streams: CallArgs = { positional: [{ value: UNKNOWN }, { value: UNKNOWN }], keywords: new Map(), hasSplat: false };
    // `lambda r, w: handle(r, w, store)`: the coroutine the lambda makes, with what the lambda hands it.
    const made = !handler.fn.isAsync && handler.fn.isLambda && handler.fn.body?.type === 'call' ? handler.fn.body : undefined;
    const frame = made && new Frame(handler.fn, handler.fn.scope, this.evaluator.bindArguments(handler.fn, streams, handler.self), handler.closure, 'shared', false);
    const coroutine = made && frame ? this.evaluator.evaluate(made.children[0], frame) : handler;
    if (coroutine.kind !== 'function' || !coroutine.fn.isAsync) return undefined;
    return { coroutine, args: made && frame ? this.evaluator.callArgs(made, frame) : streams };
  }

  /** With `fedLive`, a get takes items put back to back while the threads run as there from the start (see prefilledItems). */
  private externalEffectWork(
    name: string, args: CallArgs, call: Syntax, execution: Execution, context: Context | undefined, self?: Value, fedLive = false,
  ): Work {
    if (name === 'asyncio.sleep') {
      // Awaited, it hands the event loop to other tasks for that long.
      const value = args.positional[0]?.value ?? args.keywords.get('delay')?.value;
      const known = value?.kind === 'number' && !Number.isNaN(value.value);
      // A length the code does not give (`t0 + beat * i - time.perf_counter()`): as time.sleep's, assumed.
      const work = ops(1, 'ccall');
      if (value && !known) addAssumption(work, `assumed 10 ms for \`${this.evaluator.text(call)}\``);
      const seconds = known ? Math.max(0, value.value) : value ? ASSUMED_WAIT_SECONDS : 0;
      return addWork(work, segmentWork({ kind: 'sleep', seconds, yields: true, line: 0 }));
    }
    const effect = effectOf(name, self);
    const method = name.slice(name.lastIndexOf('.') + 1);
    const work = ops(1, self && GROWING_METHODS.has(method) ? 'grow' : 'ccall');
    let sync = syncOf(name, self, args) ?? (execution.kind === 'thread' && !this.refilled(call) ? takeOf(method, self, args) : undefined);
    if (sync?.op === 'put') this.notePut(sync.object, call, execution, context, args.positional[0]?.value.kind === 'none', self);
    if (sync?.op === 'put' && args.positional[0]?.value.kind === 'none') {
      const sentinel = this.sentinelOf(call, sync.object);
      if (!sentinel) return work;
      sync = sentinel;
    }
    // A queue filled before its threads started, and by nothing else: its items are there for the taking, as a
    // list's built before the threads are (a get waits for none of them; the loop ends once they are gone).
    // `get_nowait()` takes them the same way, raising Empty once they are gone.
    const takes = (name === 'queue.Queue.get' && sync?.op === 'get') || (name === 'queue.Queue.get_nowait' && !sync);
    const filledAs = self?.kind === 'instance' && !this.queueFills.has(self.origin.key) ? this.queuesMadeAt.get(madeIn(self)!) : undefined;
    const filled = takes && execution.kind === 'thread' && self?.kind === 'instance' ? this.prefilledItems(filledAs ?? self.origin.key, fedLive) : undefined;
    const timeout = sync?.op === 'get' && !sync.yields ? this.getTimeout(call, args) : undefined;
    if (filled !== undefined && self?.kind === 'instance') sync = { op: 'take', object: self.origin.key, initial: filled, ...(timeout ? { timeout } : {}) };
    else if (timeout && sync?.op === 'get') sync = { ...sync, timeout };
    if (sync?.op === 'set') (execution.eventsSet ??= new Set()).add(sync.object);
    if (sync) {
      // An asyncio.Queue's wait is awaited, however wrapped (`await asyncio.wait_for(queue.get(), 5)`): it blocks no thread.
      if ((sync.op === 'get' || sync.op === 'queue-join' || sync.op === 'wait') && !('yields' in sync && sync.yields)) {
        if (context) this.recordBlocking(call, displayName(name, self), effect?.kind === 'block' ? effect.what : 'another thread', execution, context);
      }
      // `stop.wait(0.4)`: a wait that the event's set ends early, and its time ends otherwise. An asyncio.Event's
      // wait has its time from the `asyncio.wait_for(stop.wait(), timeout=0.05)` around it, and hands the event loop
      // to other tasks meanwhile.
      const awaited = sync.op === 'wait' && sync.yields;
      const timeout = !awaited ? (sync.op === 'wait' ? args.positional[0]?.value ?? args.keywords.get('timeout')?.value : undefined) : this.waitForTimeout(call, context?.frame ?? this.evaluator.moduleFrame);
      if (sync.op === 'wait' && timeout?.kind === 'number' && timeout.value >= 0 && Number.isFinite(timeout.value)) {
        return addWork(work, segmentWork({ kind: 'sleep', seconds: timeout.value, line: 0, wakesOn: sync.object, ...(awaited ? { yields: true } : {}) }));
      }
      // `stop.wait(distance * TRAVEL)`: timed all the same, for a time the code does not give (as time.sleep's).
      if (sync.op === 'wait' && timeout && timeout.kind !== 'none' && !(timeout.kind === 'number' && timeout.value < 0)) {
        addAssumption(work, `assumed 10 ms for \`${this.evaluator.text(call)}\``);
        return addWork(work, segmentWork({ kind: 'sleep', seconds: ASSUMED_WAIT_SECONDS, line: 0, wakesOn: sync.object }));
      }
      // queue.Queue's put and get are Python methods taking a lock and a condition: about a microsecond each.
      if (sync.op === 'put' || sync.op === 'get' || sync.op === 'task_done' || filled !== undefined) {
        if (self?.kind === 'instance' && self.type && QUEUE_TYPES.has(self.type)) bump(work, 'queue');
      }
      addWork(work, segmentWork({ kind: 'sync', sync, line: 0 }));
      if (sync.op === 'get') work.awaitsItems = [sync.object];
      return work;
    }
    // `sock.close()` of a socketpair end ends what its peer reads; `await loop.sock_recv(sock, n)` reads it as
    // `sock.recv(n)` does, handing the event loop to other tasks while it waits.
    const onPair = self?.kind === 'instance' && self.type === 'asyncio.AbstractEventLoop' && method.startsWith('sock_')
      ? socketPairSync(method.slice('sock_'.length), args.positional[0]?.value, true) : method === 'close' || method === 'shutdown' ? socketPairSync(method, self) : undefined;
    if (onPair) {
      if (onPair.op !== 'close') addWork(work, segmentWork({ kind: 'block', what: onPair.op === 'get' ? NETWORK_READ : 'a network write', line: 0, local: true }));
      return addWork(work, segmentWork({ kind: 'sync', sync: onPair, line: 0 }));
    }
    if (!effect) {
      if (!isPure(name, self)) work.opaque += 1;
      const converting = self ? undefined : conversionSteps(name.startsWith('builtins.') ? name.slice(9) : name, args);
      return converting ? addWork(work, cSteps(converting)) : work;
    }
    switch (effect.kind) {
      case 'sleep': {
        const value = args.positional[effect.secondsArg]?.value ?? args.keywords.get('secs')?.value;
        let seconds = ASSUMED_WAIT_SECONDS;
        // A negative length raises: the values that give one (`(n - self.tokens) / rate` after `if self.tokens >= n:
        // return`) are not those of the path that reaches the sleep, whose length the code does not give.
        if (value?.kind === 'number' && !Number.isNaN(value.value) && value.value >= 0) seconds = value.value;
        else addAssumption(work, `assumed 10 ms for \`${this.evaluator.text(call)}\``);
        addWork(work, segmentWork({ kind: 'sleep', seconds, line: 0 }));
        if (context) this.recordBlocking(call, shortName(name), 'a sleep', execution, context);
        break;
      }
      case 'block': {
        // `json.dump(doc, fh)` encodes the whole document with the GIL held, into a file or a buffer alike.
        if (effect.encodes && args.positional[0]) addWork(work, cSteps(effect.encodes * (jsonValues(args.positional[0].value) ?? 16)));
        // A socket made non-blocking returns or raises at once.
        if (self?.kind === 'instance' && SOCKET_IO.has(method) && this.makesNonBlocking()
          && this.evaluator.nonBlockingSockets().has(self.origin.key)) break;
        // `pool.shutdown(wait=False)` returns without waiting for the pool's threads.
        if (method === 'shutdown' && notWaiting(args)) break;
        // `csv.writer(io.StringIO())` writes to memory.
        if (self?.kind === 'instance' && self.type === 'csv.writer' && this.evaluator.writesToBuffer(self)) break;
        // `json.load(fh)` waits only when `fh` is a file (of `open()` or `path.open()`), not a buffer or a stream.
        let opened: Syntax | undefined;
        if (effect.fileArg !== undefined) {
          const file = args.positional[effect.fileArg]?.value ?? args.keywords.get('fp')?.value ?? args.keywords.get('file')?.value;
          if (file?.kind !== 'instance' || file.type !== 'file') break;
          // `with open(path) as fh: rows = json.load(fh)`: the file is opened, read and closed for the serializer,
          // which has no read of its own to point at: the `open` of the same function stands for it.
          opened = file.ctor && enclosingFunctionNode(file.ctor.call) === enclosingFunctionNode(call) ? file.ctor.call : undefined;
        }
        const local = (self?.kind === 'instance' && self.local) || this.onLoopback(effect.what) ? { local: true as const } : {};
        const python = this.runsPython(name, args, self) ? { python: true as const } : {};
        addWork(work, segmentWork({ kind: 'block', what: effect.what, line: 0, ...bufferedShare(name, args), ...local, ...python }));
        const passed = socketPairSync(method, self);
        if (passed) addWork(work, segmentWork({ kind: 'sync', sync: passed, line: 0 }));
        if (name === 'file.write') addWork(work, cSteps(bufferedWriteSteps(args)));
        // A read from a connection waits for what its peer sends, as a queue's get waits for what is put: a loop of
        // them (a request handler's `while True: line = self.rfile.readline()`) takes messages, each its own job.
        if (effect.what === NETWORK_READ) work.awaitsItems = [`${PEER_MESSAGES}${(self && objectKey(self)) ?? name}`];
        if (context) this.recordBlocking(opened ?? call, displayName(name, self), effect.what, execution, context);
        break;
      }
      case 'native': {
        const units = nativeUnits(name, effect, args, self);
        addWork(work, units ? segmentWork({ kind: 'native', units, line: 0 }) : cSteps(64));
        // Hashing an object the file does not size (an item of data it was given: a blob, a file's chunk): small,
        // it keeps the GIL, large, it lets go. Like a call into code we cannot see, it may be where the time goes
        // without the GIL. (Text the code formats, `json.dumps(row).encode()`, is a record's few bytes.)
        if (!units && dataOf(effect, args)?.kind === 'unknown') work.opaque += 1;
        break;
      }
      case 'c-loop': {
        const over = effect.overArg < 0 ? self : args.positional[effect.overArg]?.value;
        const length = over ? (effect.leaves ? jsonValues(over) : lengthOf(over)) : undefined;
        // `bytes(buf[:n])`, `bytearray(data)` of bytes: a copy of memory, some bytes a step, not a step an item.
        const builtin = name.startsWith('builtins.') ? name.slice(9) : name;
        // So is one of a sequence whose items the model does not know (`bytes(buf[:n])` of a pooled buffer it cannot
        // follow): a list of numbers made in the code (`bytes([x ^ key for x in data])`) is an item a step.
        const unknownItems = over?.kind === 'container' && over.type !== 'generator' && !over.items && (!over.itemValue || over.itemValue.kind === 'unknown');
        const copiesMemory = (builtin === 'bytes' || builtin === 'bytearray')
          && ((over?.kind === 'str' && over.bytes) || (over?.kind === 'container' && (over.bytesLike || unknownItems)));
        addWork(work, cSteps((effect.perCall ?? 0) + (copiesMemory ? (length ?? 16) / BYTES_A_STEP : (length ?? 16) * (effect.perItem ?? 1))));
        break;
      }
      case 'c-bits': {
        const given = args.positional.length + args.keywords.size;
        const size = given >= effect.minArgs ? typicalSize(args.positional[effect.bitsArg]?.value) : undefined;
        // A number the file does not size: a machine word's worth of bits.
        if (given >= effect.minArgs) addWork(work, cSteps(effect.perBit * (size === undefined ? 32 : Math.max(1, Math.log2(Math.abs(size) + 1)))));
        break;
      }
      case 'python': {
        const items = effect.perItem ? pythonItems(effect.perItem, args) : 0;
        pythonSteps(work, effect.calls + items * (effect.perItem?.calls ?? 0), effect.steps + items * (effect.perItem?.steps ?? 0));
        break;
      }
    }
    return work;
  }

  /**
   * A future known to be finished, as `f` in `f.result()` or `f.add_done_callback(fn)`: an item of `as_completed(...)`,
   * of the done set `wait(...)` returned, or of futures that a `wait(futures)` earlier in the same function waited for
   * (all of them, as it does by default).
   */
  private futureSettled(call: Syntax): boolean {
    const callee = call.children[0];
    const receiver = callee?.type === 'attribute' ? callee.children[0] : undefined;
    if (receiver?.type !== 'identifier') return false;
    const name = this.evaluator.text(receiver);
    for (let at = call.parent; at && at.type !== 'function_definition'; at = at.parent) {
      const clauses = at.type === 'for_statement' ? [at] : COMPREHENSION_TYPES.has(at.type) ? at.children.filter((child) => child.type === 'for_in_clause') : [];
      for (const clause of clauses) {
        const [target, iterable] = clause.children;
        if (target?.type === 'identifier' && this.evaluator.text(target) === name && iterable) return this.settledFutures(iterable, clause);
      }
    }
    return false;
  }

  private settledFutures(iterable: Syntax, loop: Syntax): boolean {
    const waitOf = (node: Syntax | undefined): Syntax | undefined => {
      if (node?.type !== 'call' || !node.children[0]) return undefined;
      const callee = this.evaluator.text(node.children[0]);
      return callee === 'wait' || callee.endsWith('futures.wait') ? node : undefined;
    };
    if (iterable.type === 'call' && /(^|\.)as_completed$/.test(this.evaluator.text(iterable.children[0]!))) return true;
    if (iterable.type !== 'identifier') return false;
    const futures = this.evaluator.text(iterable);
    let root: Syntax = loop;
    while (root.parent && root.type !== 'function_definition' && root.type !== 'module') root = root.parent;
    let settled = false;
    walk(root, (node) => {
      if (settled || node.start >= loop.start) return false;
      // `done, _ = wait(futures)`: the first of the two is the set of finished futures.
      if (node.type === 'assignment' && waitOf(node.children[1]) && node.children[0]?.type === 'pattern_list') {
        settled = this.evaluator.text(node.children[0].children[0]!) === futures;
        return false;
      }
      const wait = waitOf(node);
      if (!wait) return undefined;
      const args = wait.children[1]?.children ?? [];
      const untilAll = args.every((arg) => arg.type !== 'keyword_argument' || this.evaluator.text(arg.children[0]!) !== 'return_when' || /ALL_COMPLETED$/.test(this.evaluator.text(arg.children[1]!)));
      settled = untilAll && !!args[0] && args[0].type !== 'keyword_argument' && this.evaluator.text(args[0]) === futures;
      return false;
    });
    return settled;
  }

  /** Does the file call `setblocking` or `settimeout` at all (asked once: the text is searched once)? */
  private makesNonBlocking(): boolean {
    this.nonBlockingWords ??= /\bset(blocking|timeout)\b/.test(this.module.source);
    return this.nonBlockingWords;
  }

  private nonBlockingWords: boolean | undefined;

  /** Is this receiver a socket the file made non-blocking (see Evaluator.nonBlockingSockets)? */
  private nonBlockingSocket(receiver: Syntax | undefined, context: Context): boolean {
    if (!receiver || !this.makesNonBlocking()) return false;
    const value = this.evaluator.evaluate(receiver, context.frame);
    const origin = value.kind === 'instance' || value.kind === 'unknown' ? value.origin : undefined;
    if (origin && this.evaluator.nonBlockingSockets().has(origin.key)) return true;
    // Walked on its own, a parameter has no identity: the calls of its function say which socket it is.
    const fn = context.frame.fn;
    return !!fn && context.frame.generic && receiver.type === 'identifier' && (!origin || /^p\d/.test(origin.key))
      && this.evaluator.nonBlockingParameter(fn, this.evaluator.text(receiver));
  }

  private unknownCallWork(calleeNode: Syntax | undefined, call: Syntax, context: Context): Work {
    // A method we cannot type whose name only blocking APIs use (`conn.recv(1024)`).
    if (calleeNode?.type === 'attribute') {
      const method = this.evaluator.text(calleeNode.children[calleeNode.children.length - 1]);
      const what = BLOCKING_METHOD_NAMES.get(method);
      if (what && SOCKET_IO.has(method) && this.nonBlockingSocket(calleeNode.children[0], context)) return ops(1, 'ccall');
      if (what) {
        this.recordBlocking(call, this.evaluator.text(calleeNode), what, context.execution, context);
        return addWork(ops(1, 'ccall'), segmentWork({ kind: 'block', what, line: 0, ...(this.onLoopback(what) ? { local: true as const } : {}) }));
      }
      // A named tuple's own methods (the underscore keeps them apart from its fields) are short Python code.
      if (NAMED_TUPLE_METHODS.has(method)) return ops(1, 'pycall');
      // Names only containers use (`level.popleft()` on a deque kept in a dict): a C call that does not wait.
      if (CONTAINER_ONLY_METHODS.has(method) || TEXT_ONLY_METHODS.has(method)) return ops(1, 'ccall');
      // `groups.setdefault(key, set()).add(item)`: an item of a container, changed by a container's method.
      const receiver = calleeNode.children[0];
      if (MUTATING_METHODS.has(method) && receiver) {
        // Also what `setdefault` gives, whatever the container: the item it keeps for the key.
        const callee = receiver.type === 'call' ? receiver.children[0] : undefined;
        if (callee?.type === 'attribute' && this.evaluator.text(callee.children[callee.children.length - 1]) === 'setdefault') return ops(1, 'ccall');
        const value = this.evaluator.evaluate(receiver, context.frame);
        if (value.kind === 'unknown' && value.origin?.key.endsWith('[]')) return ops(1, 'ccall');
      }
    }
    return { ...ops(1, 'ccall'), opaque: 1 };
  }

  private recordBlocking(call: Syntax, name: string, what: string, execution: Execution, context: Context): void {
    // `await x.recv()` is a coroutine's call, and a call whose BlockingIOError is caught is non-blocking I/O.
    if (call.parent?.type === 'await' || this.catchesWouldBlock(call)) return;
    const asyncIndex = context.asyncFn ? context.stack.indexOf(context.asyncFn) : -1;
    execution.blocking.push({
      call, name, what, execution, asyncFn: context.asyncFn,
      via: asyncIndex >= 0 ? context.stack.slice(asyncIndex + 1) : [],
    });
  }

  /**
   * A wait for a child process that runs this Python (`subprocess.run([sys.executable, "-c", ...])`, or the `wait()`
   * of a Popen made so): it starts an interpreter, which takes tens of milliseconds, not an unknown wait's few.
   */
  private runsPython(name: string, args: CallArgs, self: Value | undefined): boolean {
    const made = self?.kind === 'instance' && self.type === 'subprocess.Popen' && self.ctor ? this.evaluator.callArgs(self.ctor.call, self.ctor.frame) : undefined;
    const given = made ?? (name.startsWith('subprocess.') && !self ? args : undefined);
    const argv = given?.positional[0]?.value ?? given?.keywords.get('args')?.value;
    const program = argv?.kind === 'container' && argv.items ? argv.items[0] : undefined;
    return program?.kind === 'external' && program.name === 'sys.executable';
  }

  /** The timeout of the `asyncio.wait_for(call, timeout)` this call is the awaitable of, when it has one. */
  private waitForTimeout(call: Syntax, frame: Frame): Value | undefined {
    const outer = call.parent?.type === 'argument_list' && call.parent.children[0] === call ? call.parent.parent : undefined;
    if (outer?.type !== 'call' || outer.children[1] !== call.parent) return undefined;
    const runner = this.evaluator.evaluate(outer.children[0], frame);
    if (runner.kind !== 'external' || canonicalType(runner.name) !== 'asyncio.wait_for') return undefined;
    const given = this.evaluator.callArgs(outer, frame);
    return given.positional[1]?.value ?? given.keywords.get('timeout')?.value;
  }

  /**
   * `q.get(timeout=0.3)` (or `q.get(True, 0.3)`) in a `try` whose `except` catches queue.Empty: how long it waits for
   * an item, and whether the loop around it then ends (the handler returns, breaks or raises). One that nothing
   * catches is a safety net (`results.get(timeout=10)`): the program counts on its item, and it waits as a get does.
   */
  private getTimeout(call: Syntax, args: CallArgs): GetTimeout | undefined {
    const block = args.positional[0]?.value ?? args.keywords.get('block')?.value;
    if (block?.kind === 'bool' && !block.value) return undefined;
    const value = args.positional[1]?.value ?? args.keywords.get('timeout')?.value;
    if (value?.kind !== 'number' || !(value.value >= 0) || !Number.isFinite(value.value)) return undefined;
    for (let at: Syntax | undefined = call; at?.parent; at = at.parent) {
      const parent: Syntax = at.parent;
      if (NESTED_SCOPES.has(parent.type)) break;
      if (parent.type !== 'try_statement' || at.type !== 'block') continue;
      const handler = parent.children.find((clause) => clause.type === 'except_clause' && this.catchesEmpty(clause));
      if (!handler) continue;
      const body = childOfType(handler, 'block')?.children ?? [];
      const leaves = body.some((statement) => statement.type === 'return_statement' || statement.type === 'break_statement' || statement.type === 'raise_statement');
      return { seconds: value.value, leaves };
    }
    return undefined;
  }

  /** `except queue.Empty:`, `except (Empty, OSError) as e:`, `except Exception:` or a bare `except:`. */
  private catchesEmpty(handler: Syntax): boolean {
    const first = handler.children[0];
    if (!first || first.type === 'block') return true;
    const caught = first.type === 'as_pattern' ? first.children[0] : first;
    const names = caught?.type === 'tuple' || caught?.type === 'parenthesized_expression' ? caught.children : [caught];
    return names.some((name) => {
      const last = name?.type === 'attribute' ? name.children[name.children.length - 1] : name;
      return last?.type === 'identifier' && EMPTY_CATCHERS.has(this.evaluator.text(last));
    });
  }

  private catchesWouldBlock(call: Syntax): boolean {
    for (let at: Syntax | undefined = call; at?.parent; at = at.parent) {
      const parent: Syntax = at.parent;
      if (NESTED_SCOPES.has(parent.type)) return false;
      if (parent.type !== 'try_statement' || at.type !== 'block') continue;
      for (const handler of parent.children) {
        if (handler.type === 'except_clause' && /\b(BlockingIOError|InterruptedError)\b/.test(this.evaluator.text(handler.children[0] ?? handler))) {
          return true;
        }
      }
    }
    return false;
  }

  // ----- threads -----

  private registerStart(spawn: Spawn, call: Syntax, context: Context): ThreadStart | undefined {
    const execution = context.execution;
    // A thread that starts another thread like itself (a task submitting the next task) is followed once.
    if (execution.start?.call === call) {
      if (spawn.via === 'threading.Timer' && this.limits.workload) execution.rearms ??= this.chainOf(spawn, call, context);
      return undefined;
    }
    if (!spawn.isTask) execution.startedThreads = true;
    // `await asyncio.to_thread(f)`, `await gather(*(loop.run_in_executor(...) ...))`: the coroutine goes on once
    // they are done, so they never run beside what it does next, unless copies of it run at once (gathered): then
    // the other copies' threads run beside all it does.
    const copies = execution.kind === 'async' && awaitedInStatement(call) ? this.copiesOf.get(execution)?.value ?? 1 : undefined;
    const awaited = copies === 1 && !this.besideOtherTasks.has(execution);
    if (!spawn.isProcess && !spawn.isTask && spawn.startsImmediately && !awaited) {
      const opening = !execution.window;
      execution.window = true;
      if (copies !== undefined && opening) this.laterRoundsBeside(execution, { accesses: 0, checks: 0, window: false, running: undefined });
    }
    const target = resolveTarget(spawn.target, this.module);
    // Each of a start's threads makes its own (90 pool tasks on 6 workers, each setting a Timer): at least as many.
    // (On an object each of them owns, each its own: that object's threads are still one a maker.)
    const makerSelf = spawn.self ?? target.self;
    const makerSharing = makerSelf && originOf(makerSelf)?.sharing;
    const owned = makerSharing === 'per-instance' || makerSharing === 'private';
    const makers = execution.kind === 'thread' && execution.instances > 1 && !owned ? { value: execution.instances, known: true } : undefined;
    const perCall = makers ? multiply(context.multiplier, makers) : context.multiplier;
    const all = multiply(perCall, spawn.tasksPerCall);
    // One of several functions a loop goes over runs in its share of the loop's threads.
    const count = spawn.splitAcross ? { ...all, value: Math.max(1, Math.round(all.value / spawn.splitAcross)) } : all;
    const args = this.withDefaultsMadeHere(target.fn, this.perInstanceArgs(spawn.args, call, context), call, context);
    const start: ThreadStart = {
      id: this.starts.length + 1,
      via: spawn.via,
      call,
      statement: context.statement,
      // `for fn in (rank, mapped): Thread(target=fn)`: the function a variable names, by its own name.
      targetText: spawn.targetNode?.type === 'identifier' && target.fn && !target.fn.isLambda && !target.fn.cls ? target.fn.name
        : spawn.targetNode ? this.evaluator.text(spawn.targetNode) : target.fn?.name ?? 'run',
      entry: target.fn,
      external: target.external,
      ...(target.externalSelf ? { externalSelf: target.externalSelf } : {}),
      ...(!target.fn && !target.external && spawn.target.kind === 'unknown' && spawn.target.origin?.key.includes('[]') ? { storedTarget: true as const } : {}),
      args: {
        ...args,
        positional: [
          ...target.boundArgs.map((value, i) => ({
            value: this.asPerInstance(value, call, context, target.boundNodes?.[i]), ...(target.splatFrom !== undefined && i >= target.splatFrom ? { splat: true } : {}),
          })),
          ...args.positional,
        ],
        keywords: new Map([...[...target.boundKeywords].map(([name, value]) => [name, { value: this.asPerInstance(value, call, context, target.boundKeywordNodes?.get(name)) }] as const), ...args.keywords]),
      },
      // A request handler is a new object for each request: its own, whoever started the server.
      self: spawn.newSelf ? spawn.self : this.namedThreadObject(spawn, call, context) ?? this.ownSelf(spawn.self ?? target.self, call, context, spawn.targetNode),
      closure: target.closure && !spawn.isTask && !spawn.isProcess ? this.ownTargetClosure(spawn, target.closure, call, context) ?? this.evaluator.sharedClosure(target.closure) : target.closure,
      count,
      concurrency: this.joinedEachRound(call, context) ? 1
        : Math.min(this.awaitedCopies(call, context), spawn.concurrency ?? Number.POSITIVE_INFINITY, copies !== undefined ? this.awaitedTogether(context, copies) : Number.POSITIVE_INFINITY),
      ...(spawn.pool ? { pool: spawn.pool, ...(spawn.concurrency !== undefined ? { poolWorkers: spawn.concurrency } : {}) } : {}),
      ...(spawn.poolMadeAt ? { poolMadeAt: spawn.poolMadeAt } : {}),
      ...(this.unrolledRoundsOf(call, context) ?? {}),
      isProcess: spawn.isProcess,
      ...(spawn.chunksize !== undefined ? { chunksize: spawn.chunksize } : {}),
      isTask: !!spawn.isTask,
      madeIn: execution.kind,
      madeBy: execution.id,
      startsImmediately: spawn.startsImmediately,
      daemon: spawn.daemon,
      spawner: context.frame,
      ...this.timerTiming(spawn, call, context),
      ...(spawn.aroundRequest ? { aroundRequest: true as const } : {}),
      // Threads started after the spawner waited for earlier ones do not meet those; daemons outlive every wait.
      phase: spawn.daemon || (execution.kind !== 'main' && execution.kind !== 'spawner') ? undefined : `${execution.id}:${execution.joins}`,
    };
    this.starts.push(start);
    // Made counts as started (`t = Thread(...)` before an update, `t.start()` after it): its code may run beside it.
    this.noteStarted(execution, [start]);
    if (!start.startsImmediately) this.pending.set(execution, [...(this.pending.get(execution) ?? []), start]);
    else if (!awaited) this.noteRunning(execution, [start]);
    return start;
  }

  /**
   * How long a Timer chain runs (see Execution.rearms), from what guards the call that sets the next link: an
   * `if not stop.is_set():` around it, or before it an `if ... stop.is_set(): return`, runs until `stop` is set; an
   * `if self.samples >= N: return` before it, where each link adds one to `self.samples`, makes N links in all.
   */
  private chainOf(spawn: Spawn, call: Syntax, context: Context): Execution['rearms'] {
    // Links whose interval the code does not give are left at one: taken back to back, they would be a busy loop.
    const delayMs = this.timerTiming(spawn, call, context).delayMs;
    if (!delayMs) return undefined;
    // The Timer may be made in a helper the link calls (`if len(self.charges) < N: self._arm()`): the guard is
    // around that call, in the link's own function.
    let at: { readonly call: Syntax; readonly context: Context } | undefined = { call, context };
    for (let depth = 0; at && depth < MAX_CHAIN_HELPERS; depth++) {
      const chain = this.chainGuard(at.call, at.context, delayMs);
      if (chain || at.context.stack.length <= 1) return chain;
      at = this.invokedBy.get(at.context.frame);
    }
    return undefined;
  }

  /** What guards this call in its own function, as a Timer chain's length (see chainOf). */
  private chainGuard(call: Syntax, context: Context, delayMs: number): Execution['rearms'] {
    const fn = context.stack[context.stack.length - 1];
    for (let at: Syntax = call; at.parent && at !== fn?.body; at = at.parent) {
      const parent: Syntax = at.parent;
      if (parent.type === 'if_statement' && at.type === 'block' && parent.children[0]) {
        const until = this.stopEvent(parent.children[0], context);
        if (until) return { times: ASSUMED_ITERATIONS, until, delayMs };
        // `if self.ticks < 12: self._arm()`: twelve links; also through a flag set before (`more = self.ticks < 12`
        // under a lock, then `if more:`).
        const times = fn ? this.countedLinks(this.flagTest(parent.children[0], fn), fn, true) : undefined;
        if (times) return { times, delayMs };
      }
      if (parent.type !== 'block') continue;
      for (const earlier of parent.children) {
        if (earlier.start >= at.start) break;
        const returns = earlier.type === 'if_statement' && childOfType(earlier, 'block')?.children.some((inner) => inner.type === 'return_statement');
        const condition = returns ? earlier.children[0] : undefined;
        const tests = !condition ? [] : condition.type === 'boolean_operator' && this.operatorOf(condition) === 'or' ? condition.children : [condition];
        for (const test of tests) {
          // `if stop.is_set(): return`: the same as going on only while `not stop.is_set()`.
          const until = this.eventTested(test, true, context);
          if (until) return { times: ASSUMED_ITERATIONS, until, delayMs };
          const times = fn ? this.countedLinks(test, fn) : undefined;
          if (times) return { times, delayMs };
        }
      }
    }
    return undefined;
  }

  /** What `flag` in `if flag:` was last set to before it in its function (`more = self.ticks < 12`), or the test itself. */
  private flagTest(condition: Syntax, fn: FunctionInfo): Syntax {
    if (condition.type !== 'identifier' || !fn.body) return condition;
    const name = this.evaluator.text(condition);
    let last: Syntax | undefined;
    walk(fn.body, (node) => {
      if (NESTED_SCOPES.has(node.type) || node.start >= condition.start) return false;
      const [target, value] = node.children;
      if (node.type === 'assignment' && target?.type === 'identifier' && value && this.evaluator.text(target) === name) last = value;
      return true;
    });
    return last ?? condition;
  }

  /**
   * `self.samples >= 30` (or `>`) that stops the chain, or with `goesOn` `self.samples < 30` (or `<=`) that lets it
   * go on, where the function adds one to `self.samples` each time (or appends to `self.charges`, counted as
   * `len(self.charges)`): how many times it runs.
   */
  private countedLinks(test: Syntax, fn: FunctionInfo, goesOn = false): number | undefined {
    if (test.type !== 'comparison_operator' || test.children.length !== 2 || !fn.body) return undefined;
    const operator = this.operatorOf(test);
    if (!(goesOn ? ['<', '<='] : ['>=', '>']).includes(operator)) return undefined;
    const [counter, limit] = test.children;
    const bound = this.evaluator.evaluate(limit, this.evaluator.genericFrame(fn));
    if (bound.kind !== 'number' || !Number.isInteger(bound.value) || bound.value < 1) return undefined;
    const sized = counter.type === 'call' && this.evaluator.text(counter.children[0]!) === 'len' && counter.children[1]?.children.length === 1
      ? this.evaluator.text(counter.children[1].children[0]!) : undefined;
    const name = this.evaluator.text(counter);
    let counted = false;
    walk(fn.body, (node) => {
      if (counted || NESTED_SCOPES.has(node.type)) return false;
      counted = sized !== undefined
        ? node.type === 'call' && this.evaluator.text(node.children[0]!) === `${sized}.append`
        : node.type === 'augmented_assignment' && this.evaluator.text(node.children[0]!) === name
          && this.operatorOf(node) === '+=' && this.evaluator.text(node.children[node.children.length - 1]!) === '1';
      return !counted;
    });
    return counted ? (operator === '>' || operator === '<=' ? bound.value + 1 : bound.value) : undefined;
  }

  /**
   * `Timer(2.0, fn)`: its thread waits that long before running `fn` (ThreadStart.delayMs). `Timer(i * STAGGER, fn)`
   * in a loop over `i`: successive timers fire STAGGER apart (see ThreadStart.staggerMs).
   */
  private timerTiming(spawn: Spawn, call: Syntax, context: Context): { staggerMs?: number; delayMs?: number } {
    if (spawn.via !== 'threading.Timer') return {};
    const args = this.evaluator.callArgs(call, context.frame);
    const delay = args.positional[0]?.value ?? args.keywords.get('interval')?.value;
    if (delay?.kind !== 'number') return {};
    const affine = delay.affine;
    if (!affine || !(Math.abs(affine.scale) > 0)) return delay.value > 0 && Number.isFinite(delay.value) ? { delayMs: delay.value * 1000 } : {};
    const staggerMs = Math.abs(affine.scale) * (affine.spacing ?? 1) * 1000;
    // The first timer's interval, when the loop's first number is known (`range(4)`: 0).
    const firstMs = affine.first !== undefined && affine.scale > 0 ? (affine.scale * affine.first + affine.offset) * 1000 : undefined;
    return { staggerMs, ...(firstMs !== undefined && firstMs >= 0 && Number.isFinite(firstMs) ? { delayMs: firstMs } : {}) };
  }

  /**
   * `Thread(target=lambda d=data: sort(d))` in a loop: a lambda's defaults are taken when the lambda is made, here,
   * so each thread gets this round's `data`, not whatever the name holds later.
   */
  private withDefaultsMadeHere(fn: FunctionInfo | undefined, args: CallArgs, call: Syntax, context: Context): CallArgs {
    if (!fn?.isLambda || fn.node.start < call.start || fn.node.end > call.end) return args;
    const given = args.positional.length;
    const positional = fn.params.filter((param) => param.kind === 'positional');
    let keywords: Map<string, { readonly value: Value; readonly node?: Syntax }> | undefined;
    positional.forEach((param, index) => {
      if (index < given || !param.defaultValue || args.keywords.has(param.name) || param.defaultValue.type !== 'identifier') return;
      keywords ??= new Map(args.keywords);
      keywords.set(param.name, { value: this.asPerInstance(this.evaluator.evaluate(param.defaultValue, context.frame), call, context, param.defaultValue), node: param.defaultValue });
    });
    return keywords ? { ...args, keywords } : args;
  }

  /** Loops found to hand out each item of their list once (see claimsItem), by loop: the answer reads the module. */
  private readonly claimingLoops = new Map<Syntax, boolean>();

  private claims(loop: Syntax, body: Syntax, target: Syntax): boolean {
    let answer = this.claimingLoops.get(loop);
    if (answer === undefined) {
      answer = claimsItem(this.evaluator, body, this.evaluator.text(target), this.module.root);
      this.claimingLoops.set(loop, answer);
    }
    return answer;
  }

  /** See ThreadStart.madeWithRounds. */
  private unrolledRoundsOf(call: Syntax, context: Context): { madeWithRounds: Syntax } | undefined {
    if (call.parent?.type === 'await') return undefined;
    const rounds = [...context.loops].reverse().find((loop) => COMPREHENSION_TYPES.has(loop.type) && context.frame.roundLoops.includes(loop)
      && loop.start >= context.statement.start && loop.end <= context.statement.end);
    return rounds ? { madeWithRounds: rounds } : undefined;
  }

  /**
   * Threads a coroutine awaits in the statement that starts them (`await gather(*(to_thread(f, h) for h in halves))`)
   * are done before it goes on: only those of one pass of the statement run at once, times the copies of the
   * coroutine gathered, not those of every round of a loop around it.
   */
  private awaitedTogether(context: Context, copies: number): number {
    const perPass = context.statementMultiplier.value > 0 ? context.multiplier.value / context.statementMultiplier.value : context.multiplier.value;
    return Math.max(1, Math.round(perPass)) * Math.max(1, copies);
  }

  /**
   * `for w in windows: await asyncio.to_thread(calibrate, w)`: a thread awaited on the spot is done before its
   * coroutine goes on, so no more of them run at once than copies of the coroutine do (twenty gathered `stock(...)`
   * calls each awaiting one are twenty).
   */
  private awaitedCopies(call: Syntax, context: Context): number {
    return call.parent?.type === 'await' ? Math.max(1, context.frameMultiplier.value) : Number.POSITIVE_INFINITY;
  }

  /**
   * `for ...: t = Thread(...); t.start(); t.join()`: each round waits for its thread before starting the next, so
   * the threads of this start never run at the same time.
   */
  private joinedEachRound(call: Syntax, context: Context): boolean {
    const loop = context.loops[context.loops.length - 1];
    if (!loop || (loop.type !== 'for_statement' && loop.type !== 'while_statement')) return false;
    const body = childOfType(loop, 'block');
    if (!body) return false;
    const pending: Syntax[] = [body];
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (NESTED_SCOPES.has(node.type)) continue;
      if (node.type === 'call' && node.start > call.end) {
        const callee = node.children[0];
        if (callee?.type === 'attribute' && this.evaluator.text(callee.children[callee.children.length - 1]) === 'join'
          && (node.children[1]?.children.length ?? 0) === 0) return true;
      }
      for (const child of node.children) pending.push(child);
    }
    return false;
  }

  /** Arguments created inside the loop that starts the threads are each thread's own. */
  private perInstanceArgs(args: CallArgs, call: Syntax, context: Context): CallArgs {
    return {
      positional: args.positional.map((arg) => ({ ...arg, value: this.asPerInstance(arg.value, call, context, arg.node) })),
      keywords: new Map([...args.keywords].map(([k, arg]) => [k, { ...arg, value: this.asPerInstance(arg.value, call, context, arg.node) }])),
      hasSplat: args.hasSplat,
    };
  }

  /**
   * `w = Watcher()` of a Thread subclass, made once: the thread runs on the object the variable names, which main
   * may hand to other threads (`Thread(target=reader, args=(w,))`), so its `self` is that object, by that name.
   */
  private namedThreadObject(spawn: Spawn, call: Syntax, context: Context): Value | undefined {
    const self = spawn.self;
    if (self?.kind !== 'instance' || self.origin.site !== call || context.loops.length > 0 || context.repeated) return undefined;
    const assignment = call.parent;
    const name = assignment?.type === 'assignment' && assignment.children[assignment.children.length - 1] === call ? assignment.children[0] : undefined;
    if (name?.type !== 'identifier' || assignment?.parent?.type !== 'expression_statement') return undefined;
    const named = this.evaluator.evaluate(name, context.frame);
    return named.kind === 'instance' && named.cls === self.cls && named.origin.site === call ? named : undefined;
  }

  /** The object whose method a thread runs, the thread's own when the round that makes the thread gives it its own. */
  private ownSelf(given: Value | undefined, call: Syntax, context: Context, targetNode?: Syntax): Value | undefined {
    // `Thread(target=build(name).run_batch)` in a loop: an object a helper makes anew each round is the round's own
    // (see madeByHelperThisRound).
    const made = targetNode?.type === 'attribute' && targetNode.children[0]?.type === 'call' ? targetNode.children[0] : undefined;
    const self = given && this.asPerInstance(given, call, context, made);
    if (!given || !self || originOf(self)?.sharing === 'per-instance') return self;
    return this.ownSelfOfCallerRound(given, context) ?? (targetNode && this.ownSelfOfHandedList(given, targetNode, context)) ?? self;
  }

  /**
   * `start_threads([w.run for w in workers])` with the helper making `Thread(target=t)` for each `t` of its parameter
   * (or of `enumerate` of it): each thread runs the method of another item of `workers`, and when each of those was
   * made anew (`[Worker(i) for i in range(3)]`) the object is the thread's own.
   */
  private ownSelfOfHandedList(given: Value, targetNode: Syntax, context: Context): Value | undefined {
    const origin = originOf(given);
    if (given.kind !== 'instance' || !origin || targetNode.type !== 'identifier' || context.loops.length !== 1) return undefined;
    const binding = resolveName(scopeOf(this.module, targetNode), this.evaluator.text(targetNode), this.module.scope);
    const site = binding?.sites.length === 1 && binding.sites[0].kind === 'assign' ? binding.sites[0] : undefined;
    const listNode = site?.iterable && this.listOfRound(site.iterable, site.path);
    const fn = context.frame.fn;
    const index = listNode?.type === 'identifier' ? fn?.params.findIndex((param) => param.name === this.evaluator.text(listNode)) ?? -1 : -1;
    const via = this.invokedBy.get(context.frame);
    if (!fn || index < 0 || !via || via.context.loops.length > 0) return undefined;
    const handed = this.argumentFor(via.call, fn, index);
    const clauses = handed?.type === 'list_comprehension' ? handed.children.filter((child) => child.type === 'for_in_clause') : [];
    const element = handed?.children[0];
    const variable = clauses.length === 1 ? clauses[0].children[0] : undefined;
    const items = clauses[0]?.children[1];
    if (element?.type !== 'attribute' || variable?.type !== 'identifier' || items?.type !== 'identifier') return undefined;
    if (element.children[0]?.type !== 'identifier' || this.evaluator.text(element.children[0]) !== this.evaluator.text(variable)) return undefined;
    // The object is an item of that list (`workers[]`), and each item was made by a call of its own.
    const list = this.evaluator.evaluate(items, via.context.frame);
    if (list.kind !== 'container' || `${list.origin.key}[]` !== origin.key || !this.madePerItem(items, [])) return undefined;
    return { ...given, origin: { ...origin, sharing: 'per-instance' } } as Value;
  }

  /** The list a loop's name takes its items from: the iterable itself, or its part of a `zip` or `enumerate`. */
  private listOfRound(iterable: Syntax, path: readonly number[]): Syntax | undefined {
    const wrapper = iterable.type === 'call' && iterable.children[0]?.type === 'identifier' ? this.evaluator.text(iterable.children[0]) : undefined;
    if (wrapper !== 'zip' && wrapper !== 'enumerate') return path.length === 0 ? iterable : undefined;
    const args = iterable.children[1]?.children ?? [];
    return path.length !== 1 ? undefined : wrapper === 'zip' ? args[path[0]] : path[0] === 1 ? args[0] : undefined;
  }

  /**
   * `for w in workers: w.start()`, with `start` making `Thread(target=self.run)`, or `[Client(i) for i in ...]` with
   * `__init__` making it: the loop that repeats the start is a caller's, and each round's object is the thread's own
   * there, as with `Thread(target=w.run)` in that loop.
   * Followed through methods that call each other on `self` (`w.launch()` calling `self._spawn()`).
   */
  private ownSelfOfCallerRound(given: Value, context: Context): Value | undefined {
    let at = context;
    for (let depth = 0; depth < 4 && at.loops.length === 0; depth++) {
      const fn = at.frame.fn;
      const method = fn?.cls && !fn.decorators.includes('staticmethod') && !fn.decorators.includes('classmethod');
      const selfName = method ? fn.params[0]?.name : undefined;
      const via = this.invokedBy.get(at.frame);
      // `[start_daemon(g.serve) for g in gates]`, the helper making `Thread(target=target)`: the round's object is
      // the one whose method the caller hands in.
      // So does a method of another object (`self.dispatcher.launch(rnd.runner, name)` for each `rnd`).
      const handedIn = !method || (!!selfName && at.frame.args.get(selfName) !== given);
      if (handedIn && fn && via && via.context.loops.length > 0) return this.ownSelfHandedIn(given, fn, at.frame, via);
      if (!selfName || !via || at.frame.args.get(selfName) !== given) return undefined;
      // `w.start()` on the round's object, or `ApiClient(...)` making it (a Thread made in `__init__` on `self.run`).
      if (via.call.children[0]?.type !== 'attribute' && fn?.name !== '__init__') return undefined;
      if (via.context.loops.length > 0) {
        const own = this.asPerInstance(given, via.call, via.context);
        return originOf(own)?.sharing === 'per-instance' ? own : undefined;
      }
      at = via.context;
    }
    return undefined;
  }

  /** The object `given`, whose bound method a caller's round hands to `fn` as an argument, as that round's own. */
  private ownSelfHandedIn(given: Value, fn: FunctionInfo, frame: Frame, via: { readonly call: Syntax; readonly context: Context }): Value | undefined {
    const index = fn.params.findIndex((param) => {
      const value = frame.args.get(param.name);
      return value?.kind === 'function' && value.self === given;
    });
    if (index < 0) return undefined;
    // A method's call (`dispatcher.launch(...)`) does not spell its `self`.
    const bound = takesReceiver(fn) && via.call.children[0]?.type === 'attribute' ? 1 : 0;
    const handed = this.argumentFor(via.call, fn, index, bound);
    if (handed?.type !== 'attribute' || !handed.children[0]) return undefined;
    const own = this.asPerInstance(given, via.call, via.context, handed.children[0]);
    return originOf(own)?.sharing === 'per-instance' ? own : undefined;
  }

  /** The expression a call hands to `fn`'s parameter number `index`, by position or by keyword. */
  private argumentFor(call: Syntax, fn: FunctionInfo, index: number, bound = 0): Syntax | undefined {
    const args = (call.children[1]?.children ?? []).filter((arg) => arg.type !== 'comment');
    const keyword = args.find((arg) => arg.type === 'keyword_argument' && this.evaluator.text(arg.children[0]!) === fn.params[index].name);
    const place = index - bound;
    const positional = place >= 0 && args.every((arg, i) => i >= place || (arg.type !== 'keyword_argument' && arg.type !== 'list_splat' && arg.type !== 'dictionary_splat')) ? args[place] : undefined;
    return keyword ? keyword.children[1] : positional?.type === 'keyword_argument' ? undefined : positional;
  }

  /** Is `call` inside a loop or comprehension of the function being walked (so it runs more than once a call)? */
  private repeatedInFunction(call: Syntax, context: Context): boolean {
    const body = context.frame.fn?.body;
    for (let at = call.parent; at && at !== body; at = at.parent) {
      if (at.type === 'for_statement' || at.type === 'while_statement' || COMPREHENSION_TYPES.has(at.type)) return true;
    }
    return !body;
  }

  /**
   * The argument node the call that made `frame` hands a parameter of its function, named here by `name`, when the
   * function never assigns that parameter (otherwise the name may hold something else by the time it is read).
   */
  private argumentHanded(name: Syntax, frame: Frame | undefined): Syntax | undefined {
    const fn = frame?.fn;
    const via = frame && this.invokedBy.get(frame);
    const binding = resolveName(scopeOf(this.module, name), this.evaluator.text(name), this.module.scope);
    if (!fn || !via || binding?.scope.fn !== fn || binding.sites.some((site) => site.kind === 'assign')) return undefined;
    const param = binding.sites.find((site) => site.kind === 'param');
    const index = param?.kind === 'param' ? fn.params.findIndex((each) => each.name === param.param.name) : -1;
    return index >= 0 ? this.argumentFor(via.call, fn, index) : undefined;
  }

  /** The call and the caller's context each function call's frame was made for (see ownSelfOfCallerRound). */
  private readonly invokedBy = new WeakMap<Frame, { readonly call: Syntax; readonly context: Context }>();

  /**
   * `bump, tally = make_status_tally()` in the loop that starts a thread a round, then `args=(bump,)`: the call that
   * made the name's value, each round anew. Undefined when the name is not set by a call inside that loop.
   */
  private closureSite(node: Syntax, context: Context): Syntax | undefined {
    // `Thread(target=make_loom_runner(loom, ...))`: the factory runs again for each thread that call starts.
    if (node.type === 'call') return node;
    const loop = context.loops[context.loops.length - 1];
    if (node.type !== 'identifier' || !loop) return undefined;
    const binding = resolveName(scopeOf(this.module, node), this.evaluator.text(node), this.module.scope);
    const sites = binding?.sites.filter((site) => site.kind === 'assign') ?? [];
    const site = sites.length === 1 && sites[0].kind === 'assign' ? sites[0] : undefined;
    if (site?.iterable) return this.madePerItem(site.iterable, site.path, context.frame);
    const made = site ? site.value : undefined;
    return made?.type === 'call' && made.start >= loop.start && made.end <= loop.end ? made : undefined;
  }

  /**
   * `Thread(target=v)` for each `v` of `[make_validator() for _ in range(3)]`: each thread runs a closure a call of
   * the factory made for it alone, its cells (`nonlocal checked`) its own.
   */
  private ownTargetClosure(spawn: Spawn, closure: Frame, call: Syntax, context: Context): Frame | undefined {
    const node = spawn.targetNode;
    // `def schedule(delay, fn): Timer(delay, fn)` called as `schedule(0.001, make_warmup(name))`: the factory call
    // the caller hands in runs again for each call of the helper, which starts one thread with it.
    const handed = node?.type === 'identifier' && !this.repeatedInFunction(call, context) ? this.argumentHanded(node, context.frame) : undefined;
    // `[spawn(p) for p in presses]` with `presses = [make_press(i) for i in ...]`: the caller's round hands in a
    // closure its own factory call made, for the one thread the helper starts with it (not a map's many tasks).
    const caller = handed?.type === 'identifier' && spawn.tasksPerCall.known && spawn.tasksPerCall.value === 1
      ? this.invokedBy.get(context.frame)?.context : undefined;
    const callerSite = caller ? this.closureSite(handed!, caller) : undefined;
    const site = (handed?.type === 'call' ? handed : undefined) ?? callerSite ?? (node ? this.closureSite(node, context) : undefined);
    if (!site || !closure.fn) return undefined;
    const own = this.evaluator.closureOfItsOwn({ kind: 'function', fn: closure.fn, closure }, site, (caller && site === callerSite ? caller : context).frame);
    return own?.kind === 'function' ? own.closure : undefined;
  }

  /**
   * `for v, (a, b) in zip(validators, bounds)` with `validators = [make_validator(...) for _ in range(3)]`: the call
   * that made each item anew, when the loop's name is one (the list's own item, or its part of a zip or enumerate).
   */
  private madePerItem(iterable: Syntax, path: readonly number[], frame?: Frame): Syntax | undefined {
    // `for name, target in specs` takes the second part of each row: the list's rows, then that part of each.
    const wrapped = this.listOfRound(iterable, path.slice(0, 1));
    const [list, rest] = wrapped && wrapped !== iterable ? [wrapped, path.slice(1)] : [iterable, path];
    let element = this.listMadeAt(list, frame)?.children[0];
    for (const index of rest) element = element?.type === 'tuple' ? element.children[index] : undefined;
    return element?.type === 'call' ? element : undefined;
  }

  /**
   * The list comprehension a name's list was made by: its one assignment, or for a parameter (`def start(specs)`),
   * what the call that made `frame` hands it (`start([(n, make_bot(n)) for n in names])`).
   */
  private listMadeAt(list: Syntax, frame: Frame | undefined): Syntax | undefined {
    if (list.type === 'list_comprehension') return list;
    if (list.type !== 'identifier') return undefined;
    const binding = resolveName(scopeOf(this.module, list), this.evaluator.text(list), this.module.scope);
    const sites = binding?.sites.filter((site) => site.kind === 'assign' || site.kind === 'param') ?? [];
    const site = sites.length === 1 ? sites[0] : undefined;
    if (site?.kind === 'assign' && !site.iterable) return site.value?.type === 'list_comprehension' ? site.value : undefined;
    const handed = site?.kind === 'param' ? this.argumentHanded(list, frame) : undefined;
    return handed && handed !== list ? this.listMadeAt(handed, undefined) : undefined;
  }

  /** Is this argument node a dict or set mapped over (`pool.map(run, STRATEGIES)`), whose items are all different? */
  private mapsDistinctKeys(node: Syntax, context: Context): boolean {
    if (!this.isMappedIterable(node)) return false;
    const mapped = this.evaluator.evaluate(node, context.frame);
    return mapped.kind === 'container' && (mapped.type === 'dict' || mapped.type === 'set' || !!mapped.distinct);
  }

  /** The iterable of `pool.map(fn, iterable)` (its second argument): what each task gets an item of. */
  private isMappedIterable(node: Syntax): boolean {
    const args = node.parent;
    const call = args?.parent;
    if (args?.type !== 'argument_list' || call?.type !== 'call' || args.children[1] !== node) return false;
    const callee = call.children[0];
    return callee?.type === 'attribute' && /^(map|imap|imap_unordered)$/.test(this.evaluator.text(callee.children[callee.children.length - 1]));
  }

  /**
   * `pool.map(assign_chunk, [(lo, lo + size) for lo in range(0, n, size)])`: each task gets another round's row, so
   * the numbers that move with the comprehension's variable are the task's own (`range(lo, hi)` is a span of its own).
   */
  private mappedRowOfRounds(given: Value, node: Syntax, context: Context): Value | undefined {
    if (given.kind !== 'container' || given.type !== 'tuple' || !given.items || !this.isMappedIterable(node)) return undefined;
    const moving = given.items.filter((item): item is Extract<Value, { kind: 'number' }> => item.kind === 'number' && item.affine?.first !== undefined);
    const key = moving[0]?.affine?.key;
    if (!key || !moving.every((item) => item.affine!.key === key)) return undefined;
    const mapped = this.evaluator.evaluate(node, context.frame);
    const rounds = mapped.kind === 'container' ? mapped.length : undefined;
    if (rounds === undefined) return undefined;
    const items = given.items.map((item) => (item.kind === 'number' && item.affine?.key === key
      ? { ...item, perThread: true as const, affine: { ...item.affine, perThread: true as const, rounds } } : item));
    return { ...given, items };
  }

  /**
   * `pool.map(timed, range(8))`: a number whose argument node is a range is one of its items, and each task gets
   * another one (a range's items are all different), as a loop's round number is each thread's own. The range, if so.
   */
  private mappedRange(given: Value, node: Syntax, context: Context): Extract<Value, { kind: 'range' }> | undefined {
    if (given.kind !== 'number') return undefined;
    const mapped = this.evaluator.evaluate(node, context.frame);
    return mapped.kind === 'range' ? mapped : undefined;
  }

  private asPerInstance(given: Value, call: Syntax, context: Context, node?: Syntax): Value {
    // A part of the round's row spread into the call (`submit(render, *job)`) is a value of that row, not a key that
    // each round has anew: many rows can name the same template.
    const spreadPart = node?.parent?.type === 'list_splat';
    const keyLike = given.kind === 'number' || given.kind === 'str' || given.kind === 'unknown';
    const roundKey = keyLike && !!node && !spreadPart && (this.isRoundKey(node, context) || this.isRoundNumber(given, context));
    const mapped = keyLike && node && !spreadPart && !roundKey ? this.mappedRange(given, node, context) : undefined;
    // `pool.map(run, STRATEGIES)` over a dict (or a set): each task gets another key, no two the same.
    const distinctKey = keyLike && !!node && !spreadPart && !roundKey && !mapped && this.mapsDistinctKeys(node, context);
    if (distinctKey) return { ...given, perThread: true } as Value;
    const part = keyLike && node && !spreadPart && !roundKey && !mapped && context.frameMultiplier.value === 1
      ? this.roundPartOf(node, call, context) : undefined;
    if (part) return { ...given, roundPart: part } as Value;
    if (roundKey || mapped) {
      // A frame that runs more than once (called in a loop) gives the same keys each time: they are the threads' own
      // only in containers that frame made.
      const again = context.frameMultiplier.value !== 1;
      // The loop's whole number X, scaled or shifted (`k * size`), can bound a span of the thread's own; so can a
      // mapped range's number (`range(k, n, WORKERS)` for each k of `range(WORKERS)`).
      const rounds = this.roundIndexes(context);
      const affine = given.kind === 'number' && given.affine && !again
        ? { affine: { ...given.affine, perThread: true as const, ...(rounds !== undefined ? { rounds } : {}) } }
        : mapped && node && !again ? mappedRangeAffine(mapped, node) : {};
      return { ...given, perThread: true, ...affine, ...(again ? { ownWithin: context.frame.id } : {}) } as Value;
    }
    const ownRow = node && context.frameMultiplier.value === 1 ? this.mappedRowOfRounds(given, node, context) : undefined;
    if (ownRow) given = ownRow;
    const ownClosure = node ? this.evaluator.closureOfItsOwn(given, this.closureSite(node, context) ?? node, context.frame) : undefined;
    if (ownClosure) return ownClosure;
    if (given.kind !== 'container' && given.kind !== 'instance' && given.kind !== 'unknown') return given;
    // An object a thread or coroutine made, or was given as its own, is its own until it hands it to threads it
    // starts: then they share it (`await asyncio.to_thread(self.sdk.lookup)` from twenty gathered coroutines, a
    // server thread's accept loop giving each connection's handler thread the same room).
    const owned = given.origin?.sharing === 'private' || given.origin?.sharing === 'per-instance';
    const value = owned ? { ...given, origin: { ...given.origin!, sharing: 'shared' } } as typeof given : given;
    const origin = value.origin;
    if (!origin || origin.sharing !== 'shared') return value;
    // `pool.map(run, jobs)` with jobs the list made (`[Job(p) for p in paths]`, `jobs.append(Job(p))`): each task gets
    // an object of its own. Objects the list only refers to keep their identity.
    if (node && (value.kind === 'instance' || value.kind === 'container') && this.isMadeItemOf(node, origin, context)) {
      return this.withOwnItemArguments({ ...value, origin: { ...origin, sharing: 'per-instance' } } as Value);
    }
    // `for n, (rx, _) in radios.items(): Thread(args=(stats[n],))`: each round's key picks another item.
    if (node && this.isItemPerRound(node, origin, context)) return { ...value, origin: { ...origin, sharing: 'per-instance' } } as Value;
    const maker = node && (value.kind === 'instance' || value.kind === 'container') ? this.madeAnewEachItem(node, origin, context) : undefined;
    if (maker) {
      // What the helper made for the object (`ents = [Entity(...) ...]; return Room(rid, ents)`) is the round's too.
      const given = value.kind === 'instance' && value.ctor ? this.evaluator.constructorArgs(value.ctor) : undefined;
      const own = new Set((given ? [...given.positional, ...given.keywords.values()] : []).flatMap((arg) => {
        const site = originOf(arg.value)?.site;
        return arg.node && ((site && site.start >= maker.start && site.end <= maker.end) || this.madeByCallOf(arg, value)) ? [arg.node] : [];
      }));
      const ctor = value.kind === 'instance' && value.ctor && own.size > 0 ? { ctor: { ...value.ctor, own } } : {};
      return { ...value, origin: { ...origin, sharing: 'per-instance' }, ...ctor } as Value;
    }
    // `pool.submit(serve, w, make_parties(20, w))` for each w: a helper of this file, called for the round, makes a
    // new object each call (`return [Party(...) for ...]`): the round's own.
    if (node && (value.kind === 'instance' || value.kind === 'container') && this.madeByHelperThisRound(node, origin, context)) {
      return { ...value, origin: { ...origin, sharing: 'per-instance' } } as Value;
    }
    if (!origin.site) {
      // `for sub in subs: Thread(args=(sub,))`: one thread per item of a collection whose items the file does not
      // show, each given its own item. Items the file shows (a literal list of shared objects) keep their identity.
      return this.isItemOfLoop(origin, context) ? this.withOwnItemArguments({ ...value, origin: { ...origin, sharing: 'per-instance' } } as Value) : value;
    }
    const site = origin.site;
    const insideCall = site.start >= call.start && site.end <= call.end;
    // Made in the loop (or comprehension) that repeats the start: each thread gets its own. Made in an outer loop,
    // it is shared by the threads of each of its rounds (`for garage in (a, b): [Thread(args=(garage,)) for ...]`).
    const innermostLoop = context.loops[context.loops.length - 1];
    const insideLoop = innermostLoop && site.start >= innermostLoop.start && site.end <= innermostLoop.end;
    if (!insideCall && !insideLoop) return value;
    const perInstance: Origin = { ...origin, sharing: 'per-instance' };
    // `[Poller(inst, stop) for inst in instruments]`: the constructor's arguments that are the round's item are the
    // thread's own too.
    if (value.kind === 'instance' && value.ctor) {
      const own = new Set<Syntax>();
      const args = this.evaluator.constructorArgs(value.ctor);
      // So are objects the round makes (`entities = [Entity(i) ...]` or `entities, inputs = build_zone(z)` in the loop,
      // then `ZoneReplayer(entities)`): a new one each round.
      const madeThisRound = (node: Syntax, made: Origin) => (!!made.site && !!innermostLoop && made.site.start >= innermostLoop.start && made.site.end <= innermostLoop.end)
        || (!!this.closureSite(node, context) && FRAME_MADE.test(made.key));
      for (const arg of [...args.positional, ...args.keywords.values()]) {
        const argOrigin = originOf(arg.value);
        if (!arg.node || !argOrigin) continue;
        if (argOrigin.sharing === 'shared' && (this.isItemPerRound(arg.node, argOrigin, context) || (!argOrigin.site && this.isItemOfLoop(argOrigin, context)))) own.add(arg.node);
        else if (argOrigin.sharing !== 'per-instance' && (arg.value.kind === 'container' || arg.value.kind === 'instance') && madeThisRound(arg.node, argOrigin)) own.add(arg.node);
      }
      // `Summer(k, k * size, (k + 1) * size)` for each k: the round's numbers are this thread's own index and span.
      const roundArgs = this.roundNumbersOf(args, call, context);
      if (own.size > 0 || roundArgs) return { ...value, origin: perInstance, ctor: { ...value.ctor, ...(own.size > 0 ? { own } : {}), ...(roundArgs ? { args: roundArgs } : {}) } };
    }
    // `state = (shared, lock, private)` made each round: what the round made inside it is the thread's own too, the
    // rest keeps its sharing.
    if (value.kind === 'container' && value.items && (value.type === 'tuple' || value.type === 'list')) {
      return { ...value, origin: perInstance, items: value.items.map((item) => this.asPerInstance(item, call, context)) };
    }
    return { ...value, origin: perInstance } as Value;
  }

  /**
   * A constructor's arguments with the numbers and keys the round gives (its loop's number, spans of it) made the
   * thread's own, as a target's arguments are; undefined when none is.
   */
  private roundNumbersOf(args: CallArgs, call: Syntax, context: Context): CallArgs | undefined {
    let changed = false;
    const own = (arg: CallArgs['positional'][number]) => {
      if (arg.value.kind !== 'number' && arg.value.kind !== 'str') return arg;
      const value = this.asPerInstance(arg.value, call, context, arg.node);
      if (value !== arg.value) changed = true;
      return { ...arg, value };
    };
    const positional = args.positional.map(own);
    const keywords = new Map([...args.keywords].map(([name, arg]) => [name, own(arg)] as const));
    return changed ? { ...args, positional, keywords } : undefined;
  }

  /**
   * `rooms = [spawn_room(r) for r in range(2)]`, then a thread for each `room in rooms`: a helper of this file that
   * makes a new object each call (`return Room(rid, ents)`) made each item, so each round hands its thread another.
   * The helper's body, when so.
   */
  private madeAnewEachItem(node: Syntax, origin: Origin, context: Context): Syntax | undefined {
    const loop = context.loops[context.loops.length - 1];
    if (!loop || !origin.key.endsWith('[]') || !this.isRoundKey(node, context)) return undefined;
    const iterableNode = roundClause(loop)?.children[1];
    const iterable = iterableNode ? this.evaluator.evaluate(iterableNode, context.frame) : undefined;
    const built = iterable?.kind === 'container' ? iterable.origin.site : undefined;
    const each = built && COMPREHENSION_TYPES.has(built.type) && built.type !== 'dictionary_comprehension' ? built.children[0] : undefined;
    if (each?.type !== 'call') return undefined;
    const maker = this.evaluator.evaluate(each.children[0], context.frame);
    const body = this.helperBody(maker);
    const made = body ? originOf(this.evaluator.resultOf(maker, each, context.frame))?.site : undefined;
    // The object is the call's own (the evaluator names it by the call) or made in the helper's body.
    const fresh = !!made && iterable?.kind === 'container' && `${iterable.origin.key}[]` === origin.key
      && (made === each || (made.start >= body!.start && made.end <= body!.end));
    return fresh ? body : undefined;
  }

  /**
   * Is the argument at `node` a call, in the loop that repeats the start, of a function of this file whose body made
   * the object (not one it took from a container or a name: `return self._cache[key]`)?
   */
  private madeByHelperThisRound(node: Syntax, origin: Origin, context: Context): boolean {
    const loop = context.loops[context.loops.length - 1];
    if (!loop || node.type !== 'call' || node.start < loop.start || node.end > loop.end || origin.key.endsWith('[]') || !origin.site) return false;
    const body = node.children[0] ? this.helperBody(this.evaluator.evaluate(node.children[0], context.frame)) : undefined;
    return !!body && origin.site.start >= body.start && origin.site.end <= body.end;
  }

  /** The body of a plain function of this file a call runs (not a coroutine's, not one of several). */
  private helperBody(maker: Value): Syntax | undefined {
    return maker.kind === 'function' && !maker.fn.isAsync && !maker.alternatives ? maker.fn.body : undefined;
  }

  /**
   * An object of its own made by `[Press(d) for d in dies]` (or `for i, d in enumerate(dies)`, `for d, m in zip(dies,
   * ...)`) with `dies` a list whose items it made itself (`[Die(i) for i in ...]`): each object is made with another
   * of those items, so that item is the object's own too (see Value's ctor.own). One made in a comprehension, or once
   * a call of a helper, also owns what its constructor's argument calls made anew (`make_pattern(cfg)`).
   */
  private withOwnItemArguments(value: Value): Value {
    const ctor = value.kind === 'instance' ? value.ctor : undefined;
    // `[Press(d) for d in dies]`, or a dict's value, `{size: LayoutJob(size, ...) for size, cfg in sizes.items()}`.
    const pair = ctor?.call.parent?.type === 'pair' && ctor.call.parent.children[1] === ctor.call ? ctor.call.parent : undefined;
    const comprehension = pair ? pair.parent : ctor?.call.parent;
    const inComprehension = !!comprehension && (pair ? comprehension.type === 'dictionary_comprehension' : comprehension.type === 'list_comprehension' && comprehension.children[0] === ctor?.call)
      // (With another `for` clause, `for px in images for f in filters`, each item comes again for every image.)
      && comprehension.children.filter((child) => child.type === 'for_in_clause').length === 1;
    // `return Field(name, Survey.drilled(seed))` in a helper the comprehension calls: one object each call, made with
    // what that call's argument calls make anew.
    if (!ctor || !(inComprehension || this.madeOncePerCall(ctor.call))) return value;
    const args = this.evaluator.constructorArgs(ctor);
    const own = new Set(ctor.own);
    for (const arg of [...args.positional, ...args.keywords.values()]) {
      const origin = originOf(arg.value);
      // `make_pattern(cfg)` of a helper of the file that makes a new object each call: each round's own.
      if (this.madeByCallOf(arg, value)) {
        own.add(arg.node!);
        continue;
      }
      if (!inComprehension || arg.node?.type !== 'identifier' || !origin?.key.endsWith('[]')) continue;
      const binding = resolveName(scopeOf(this.module, arg.node), this.evaluator.text(arg.node), this.module.scope);
      const site = binding?.sites.length === 1 ? binding.sites[0] : undefined;
      if (site?.kind !== 'assign' || !site.iterable || site.statement.parent !== comprehension) continue;
      const wrapper = site.iterable.type === 'call' ? this.evaluator.text(site.iterable.children[0]!) : '';
      const list = site.path.length === 0 ? site.iterable
        : site.path.length === 1 && ((wrapper === 'enumerate' && site.path[0] === 1) || wrapper === 'zip')
          ? site.iterable.children[1]?.children[wrapper === 'zip' ? site.path[0] : 0] : undefined;
      const container = list ? this.evaluator.evaluate(list, ctor.frame) : undefined;
      if (container?.kind === 'container' && !container.repeats && `${container.origin.key}[]` === origin.key) own.add(arg.node);
    }
    return own.size > (ctor.own?.size ?? 0) ? { ...value, ctor: { ...ctor, own } } as Value : value;
  }

  /** Is this call in a function's body outside any loop or comprehension there: made once each time it is called? */
  private madeOncePerCall(call: Syntax): boolean {
    let fn = call.parent;
    for (; fn && fn.type !== 'function_definition'; fn = fn.parent) if (fn.type === 'lambda') return false;
    return !!fn && !insideLoop(call, fn);
  }

  /**
   * Is this constructor argument what a call of a function of the file made anew (`make_pattern(cfg)`,
   * `ThicknessSurvey.drilled(seed, config)` returning `cls(...)`), right in the constructor call of `made`?
   */
  private madeByCallOf(arg: { value: Value; node?: Syntax }, made: Value): boolean {
    const ctor = made.kind === 'instance' ? made.ctor : undefined;
    const origin = originOf(arg.value);
    if (!ctor || arg.node?.type !== 'call' || !origin || !FRAME_MADE.test(origin.key) || (arg.value.kind !== 'instance' && arg.value.kind !== 'container')) return false;
    return this.evaluator.evaluate(arg.node.children[0], ctor.frame).kind === 'function';
  }

  /** Is this value an item the container at `node` made for itself (what a mapped task is given)? */
  private isMadeItemOf(node: Syntax, origin: Origin, context: Context): boolean {
    if (!origin.key.endsWith('[]')) return false;
    const container = this.evaluator.evaluate(node, context.frame);
    // `pool.map(load, holds.values())` of `holds = {n: Hold(n) for n in names}`: the dict's items, as its own list's.
    return container.kind === 'container' && [container.origin, container.holds].some((made) => made && `${made.key}[]` === origin.key);
  }

  /**
   * Is this argument `items[key]`, an item of a container the file fills item by item, with `key` a name the
   * innermost loop around the start binds? Each round then hands its thread another item.
   */
  private isItemPerRound(node: Syntax, origin: Origin, context: Context): boolean {
    const loop = context.loops[context.loops.length - 1];
    if (node.type !== 'subscript' || !loop || !origin.key.endsWith('[]')) return false;
    const key = node.children[1];
    if (key?.type !== 'identifier') return false;
    const [target, iterable] = roundClause(loop)?.children ?? [];
    if (!this.evaluator.mentions(target, this.evaluator.text(key))) return false;
    // `for i, name in enumerate(["north", "north", "harbor", "harbor"])`: a key that comes again picks the same item.
    const counted = iterable?.type === 'call' && iterable.children[0]?.type === 'identifier' && this.evaluator.text(iterable.children[0]) === 'enumerate';
    const keys = counted ? iterable.children[1]?.children[0] : iterable;
    return !keys || !this.repeats(keys, context);
  }

  /**
   * Is this argument a key the loop around the start gives each round its own of: `i` of `for i in range(n)` or of
   * `for i, chunk in enumerate(chunks)`, a dict's key (`for name, w in workers.items()`), or the item of a sequence not
   * shown to repeat (`for client in clients`, but not `clients * 2` or `["a", "b", "a"]`)?
   */
  private isRoundKey(node: Syntax, context: Context): boolean {
    // Only one loop repeats the start: an outer loop, here or around the call, gives the same keys again.
    const [loop, outer] = context.loops;
    return !!loop && !outer && this.isRoundKeyOf(node, loop, context);
  }

  /**
   * Inside nested loops (`for job in jobs: for stream in ("out", "err"): Thread(args=(job, stream))`), the key one of
   * them gives each of its rounds: alone it comes again in the other loop's rounds, but the keys of all the loops
   * together are each thread's own (`f"{job}:{stream}"`, see RoundPart).
   */
  private roundPartOf(node: Syntax, call: Syntax, context: Context): RoundPart | undefined {
    const loops = context.loops;
    if (loops.length < 2 || loops.length > 4) return undefined;
    const loop = loops.findIndex((around) => this.isRoundKeyOf(node, around, context));
    return loop < 0 ? undefined : { site: call.start, loops: loops.length, mask: 1 << loop };
  }

  /** Does each round of this loop give `node` another value (see isRoundKey)? */
  private isRoundKeyOf(node: Syntax, loop: Syntax, context: Context): boolean {
    if (node.type !== 'identifier') return false;
    const clause = roundClause(loop);
    let [target, iterable] = clause?.children ?? [];
    const name = this.evaluator.text(node);
    if (roundStep(loop, name, (at) => this.evaluator.text(at)) !== undefined) return true;
    const is = (at: Syntax | undefined) => at?.type === 'identifier' && this.evaluator.text(at) === name;
    const paired = isPairTarget(target);
    const counter = iterable?.type === 'call' && iterable.children[0]?.type === 'identifier' ? this.evaluator.text(iterable.children[0]) : '';
    if (counter === 'range') return is(target);
    if (counter === 'enumerate' && paired) {
      if (is(target.children[0])) return true;
      // `for i, client in enumerate(clients)`: the item, as below.
      [target, iterable] = [target.children[1], iterable.children[1]?.children[0]];
    }
    const method = iterable?.type === 'call' && iterable.children[0]?.type === 'attribute' ? this.evaluator.text(iterable.children[0].children[iterable.children[0].children.length - 1]) : '';
    if (method === 'items' && isPairTarget(target)) return is(target.children[0]);
    if (!is(target) || !iterable) return false;
    if (method === 'keys') return true;
    return !this.repeats(iterable, context);
  }

  /**
   * `k * size` or `(k + 1) * size` with `k` the index of a `range` loop that starts one thread per round: another
   * number in each round (the scale is not zero), as `k` is.
   */
  private isRoundNumber(value: Value, context: Context): boolean {
    if (value.kind !== 'number' || !value.affine || value.affine.scale === 0) return false;
    const [loop, outer] = context.loops;
    if (!loop || outer) return false;
    const clause = roundClause(loop);
    const [target, iterable] = clause?.children ?? [];
    const counter = iterable?.type === 'call' && iterable.children[0]?.type === 'identifier' ? this.evaluator.text(iterable.children[0]) : '';
    if (counter === 'range' && target?.type === 'identifier') {
      const index = this.evaluator.evaluate(target, context.frame);
      return index.kind === 'number' && index.affine?.key === value.affine.key;
    }
    // `for lo, hi in chunks` over `[(s, min(s + size, n)) for s in range(0, n, size)]`: each round's numbers come
    // from another `s` of the comprehension's range.
    if (!iterable || !value.affine.spacing || this.repeats(iterable, context)) return false;
    const rounds = this.evaluator.evaluate(iterable, context.frame);
    const made = rounds.kind === 'container' ? rounds.origin.site : undefined;
    if (made?.type !== 'list_comprehension' && made?.type !== 'generator_expression') return false;
    const clauses = made.children.filter((child) => child.type === 'for_in_clause');
    const variable = clauses.length === 1 ? clauses[0].children[0] : undefined;
    return variable?.type === 'identifier' && value.affine.key.startsWith(`v${variable.start}@`);
  }

  /** How many consecutive numbers the loop around a start gives its index: `range(workers)`, `range(1, n)`. */
  private roundIndexes(context: Context): number | undefined {
    const loop = context.loops[0];
    const clause = loop && roundClause(loop);
    const iterable = clause?.children[1];
    const args = iterable?.type === 'call' ? iterable.children[1] : undefined;
    if (!iterable || !args || args.children.length > 2 || this.evaluator.text(iterable.children[0]) !== 'range') return undefined;
    const value = this.evaluator.evaluate(iterable, context.frame);
    return value.kind === 'range' ? value.length : undefined;
  }

  /** Does this sequence show an item twice: `clients * 2`, `["a", "b", "a"]`, `itertools.cycle(...)`? */
  private repeats(iterable: Syntax, context: Context): boolean {
    if (iterable.type === 'binary_operator' && this.evaluator.text(iterable).includes('*')) return true;
    if (iterable.type === 'call' && /\b(cycle|repeat|choices)$/.test(this.evaluator.text(iterable.children[0] ?? iterable))) return true;
    const value = this.evaluator.evaluate(iterable, context.frame);
    // The characters of a text (`for ch in line`): letters come again, unless the file spells one that has none twice.
    if (value.kind === 'str') return value.value === undefined || new Set(value.value).size < value.value.length;
    // Made so where the file builds it (`queries = build_log()` returning `rng.choices(HOSTS, k=240)`).
    if (value.kind === 'container' && (value.repeats || this.comprehensionCycles(value))) return true;
    if (value.kind !== 'container' || !value.items) return false;
    const seen = new Set<string>();
    for (const item of value.items) {
      const key = item.kind === 'str' || item.kind === 'number' ? `${item.kind}:${item.value}` : undefined;
      if (key === undefined) continue;
      if (seen.has(key)) return true;
      seen.add(key);
    }
    return false;
  }

  /**
   * `[f".../{i % 18}.js" for i in range(30)]`: a comprehension whose items use its number only through `i % m` (m
   * less than its length) or `i // m` (m above 1) makes some item twice.
   */
  private comprehensionCycles(value: Extract<Value, { kind: 'container' }>): boolean {
    const made = value.origin.site;
    if (made?.type !== 'list_comprehension' && made?.type !== 'generator_expression') return false;
    const clauses = made.children.filter((child) => child.type === 'for_in_clause');
    const variable = clauses.length === 1 ? clauses[0].children[0] : undefined;
    const body = made.children[0];
    if (variable?.type !== 'identifier' || !body || body === clauses[0]) return false;
    const name = this.evaluator.text(variable);
    let uses = 0;
    let folded = 0;
    const divisorOf = (operation: Syntax | undefined, operand: Syntax): { operator: string; m: number } | undefined => {
      const divisor = operation?.type === 'binary_operator' && operation.children[0] === operand ? operation.children[1] : undefined;
      const m = divisor ? this.evaluator.evaluate(divisor, this.evaluator.moduleFrame) : undefined;
      if (!divisor || m?.kind !== 'number' || !Number.isInteger(m.value)) return undefined;
      return { operator: this.module.source.slice(operand.end, divisor.start).trim(), m: m.value };
    };
    walk(body, (node) => {
      if (node.type !== 'identifier' || this.evaluator.text(node) !== name) return undefined;
      uses++;
      const direct = divisorOf(node.parent, node);
      if (direct?.operator === '//' && direct.m > 1) folded++;
      // `(i * 7) % 25`: whatever the number becomes, fewer than the items' count of remainders means a repeat.
      else if (value.length !== undefined) {
        for (let operand = node; operand.parent && operand !== body; operand = operand.parent) {
          const outer = divisorOf(operand.parent, operand);
          if (outer?.operator === '%' && outer.m < value.length) {
            folded++;
            break;
          }
        }
      }
      return undefined;
    });
    return uses > 0 && uses === folded;
  }

  /** Is this object an item (or part of an item) of what the innermost loop around the start iterates? */
  private isItemOfLoop(origin: Origin, context: Context): boolean {
    const loop = context.loops[context.loops.length - 1];
    if (!loop || !origin.key.includes('[]')) return false;
    const clause = roundClause(loop);
    const iterable = clause?.children[1];
    if (!iterable) return false;
    // `for listener in self.listeners[kind]: pool.submit(listener.handle, event)` in a method called again and again:
    // the object keeps its items, and each call hands the same ones to new tasks.
    if (context.frameMultiplier.value !== 1 && this.isOwnAttribute(iterable, context.frame.fn)) return false;
    return this.iteratedContainers(iterable, context).some((container) => origin.key.startsWith(`${container.key}[]`));
  }

  /** `self.listeners` or `self.listeners[kind]` in a method: a container the object keeps between calls. */
  private isOwnAttribute(node: Syntax, fn: FunctionInfo | undefined): boolean {
    const selfName = fn?.cls ? fn.params[0]?.name : undefined;
    if (!selfName) return false;
    let at: Syntax | undefined = node;
    while (at?.type === 'subscript') at = at.children[0];
    return at?.type === 'attribute' && at.children[0]?.type === 'identifier' && this.evaluator.text(at.children[0]) === selfName;
  }

  /**
   * What a loop iterates, seen through `enumerate(...)`, `.items()` and `.values()` (`enumerate(workers.items())`),
   * and each input of a `zip(...)`.
   */
  private iteratedContainers(iterable: Syntax, context: Context, depth = 0): Origin[] {
    const found: Origin[] = [];
    for (let node: Syntax | undefined = iterable; node && depth < 4; depth++) {
      const origin = originOf(this.evaluator.evaluate(node, context.frame));
      if (origin) found.push(origin);
      if (node.type !== 'call') break;
      const callee: Syntax | undefined = node.children[0];
      const name = callee ? this.evaluator.text(callee) : '';
      if (name === 'zip') {
        for (const input of node.children[1]?.children ?? []) found.push(...this.iteratedContainers(input, context, depth + 1));
        break;
      }
      if (name === 'enumerate' || name === 'list' || name === 'sorted') node = node.children[1]?.children[0];
      else if (callee?.type === 'attribute' && /^(items|values)$/.test(this.evaluator.text(callee.children[callee.children.length - 1]))) node = callee.children[0];
      else break;
    }
    return found;
  }

  private loopback: boolean | undefined;

  /**
   * Whether the program talks to itself over TCP: it serves connections (`accept`, `create_server`, socketserver,
   * asyncio's `start_server`) and connects to a loopback address (`("127.0.0.1", port)`). A read or write of its
   * sockets is then a round trip to another thread of its own, microseconds as a socketpair's, not a wait for a
   * network the model cannot see.
   */
  private talksToItself(): boolean {
    if (this.loopback === undefined) {
      const serves = SERVING_WORDS.some((word) => this.module.words.occurrences(word).length > 0);
      this.loopback = serves && LOOPBACK_HOSTS.some((host) => this.module.source.includes(`"${host}"`) || this.module.source.includes(`'${host}'`));
    }
    return this.loopback;
  }

  /** A socket read or write of a program that talks to itself (see talksToItself), for a prediction. */
  private onLoopback(what: string): boolean {
    return !!this.limits.workload && LOOPBACK_WAITS.has(what) && this.talksToItself();
  }

  /** `.start()` opens the window in which the main thread runs beside its threads; `.join()` closes it. */
  /**
   * `.start()`, `.join()`, `future.result()` and a pool's `shutdown()`: when threads begin and when their starter
   * waits for them. Returns the step for the trace, or undefined when the call is none of these.
   */
  private noteThreadLifecycle(callee: Value, calleeNode: Syntax | undefined, call: Syntax, context: Context): Work | undefined {
    if (calleeNode?.type !== 'attribute' || !calleeNode.children[0]) return undefined;
    const execution = context.execution;
    const method = this.evaluator.text(calleeNode.children[calleeNode.children.length - 1]);
    if (!['start', 'join', 'result', 'shutdown'].includes(method)) return undefined;
    const receiver = callee.kind === 'external' && callee.self ? callee.self : this.evaluator.evaluate(calleeNode.children[0], context.frame);
    const receiverType = receiver.kind === 'instance' && receiver.type ? canonicalType(receiver.type) : undefined;
    const known = this.startsFor(receiver);
    const threadLike = receiverType === 'threading.Thread' || receiverType === 'threading.Timer' || receiverType === 'multiprocessing.Process'
      || (receiver.kind === 'instance' && !!receiver.cls && isThreadClass(this.evaluator, receiver.cls))
      // An object we cannot type, in code that made threads (`for t in threads: t.start()`). None cannot be started:
      // an attribute that starts as None (`self._timer = None`, later a Timer) is whatever was stored in it since.
      || ((receiver.kind === 'unknown' || receiver.kind === 'none') && execution.startedThreads);
    const line = this.line(call);
    const work = ops(1, 'ccall');
    if (method === 'start' && (threadLike || known.length > 0)) {
      const pending = this.pending.get(execution) ?? [];
      const starting = known.length > 0 ? known : pending;
      this.pending.set(execution, pending.filter((start) => !starting.includes(start)));
      this.noteRunning(execution, starting);
      if (startsBeside(execution)) execution.window = true;
      for (const start of starting) addWork(work, segmentWork({ kind: 'sync', sync: { op: 'start', start: start.id }, line }));
      const loop = known.length === 0 ? this.loopOverReceiver(calleeNode.children[0], context) : undefined;
      if (loop) this.startedByLoop.set(loop, [...this.startedByLoop.get(loop) ?? [], ...starting]);
      return work;
    }
    // `server.shutdown()` of a server whose `serve_forever` runs in a thread: see servingLoop.
    const server = method === 'shutdown' && this.limits.workload ? objectKey(receiver) : undefined;
    const serving = server === undefined ? [] : this.starts.filter((start) => servedBy(start) === server);
    if (serving.length > 0) {
      addWork(work, segmentWork({ kind: 'sync', sync: { op: 'set', object: `${SERVING}${server}` }, line }));
      return addWork(work, segmentWork({ kind: 'sync', sync: { op: 'join', starts: serving.map((start) => start.id) }, line }));
    }
    const joinsThreads = (method === 'join' && (threadLike || known.length > 0))
      || (method === 'result' && (receiverType === 'concurrent.futures.Future' || known.length > 0))
      || (method === 'shutdown' && receiverType !== undefined && (THREAD_POOLS.has(receiverType) || PROCESS_POOLS.has(receiverType)) && !notWaiting(this.evaluator.callArgs(call, context.frame)));
    if (!joinsThreads) return undefined;
    if (execution.kind === 'thread') this.noteWaited(execution, known.length > 0 && method !== 'shutdown' ? known : this.startedSoFar.get(execution));
    if (startsBeside(execution) && method !== 'result') {
      // `a.join()` while b still runs: the window stays open beside b.
      const running = this.running.get(execution);
      const others = method === 'join' && known.length > 0 && Array.isArray(running)
        ? running.filter((start) => !known.includes(start)) : [];
      if (others.some((start) => !start.daemon)) this.running.set(execution, others);
      else this.closeWindow(execution);
    }
    // The result of a future already finished (see futureSettled) is there: taking it waits for nothing.
    const done = this.awaitedBefore(calleeNode.children[0], call, context) || (method === 'result' && this.futureSettled(call))
      || (method === 'join' && (this.awaitedUntilEnded(calleeNode.children[0], call, context) || this.awaitedLastAct(receiver, call, context)
        || this.afterLastAwait(call, context)));
    // A thread pool's `shutdown()` after the coroutine awaited its work waits for idle threads to end (a process
    // pool's for its processes to exit, which takes a while).
    const idlePool = method === 'shutdown' && receiverType !== undefined && THREAD_POOLS.has(receiverType) && this.awaitedEarlier(call, context);
    if (method === 'shutdown' ? !idlePool : !done) this.recordBlocking(call, this.evaluator.text(calleeNode), 'another thread', execution, context);
    const loop = known.length === 0 && method === 'join' ? this.loopOverReceiver(calleeNode.children[0], context) : undefined;
    const startedByLoop = loop ? this.startedByLoop.get(loop) : undefined;
    const starts = known.length > 0 && method !== 'shutdown' ? known.map((start) => start.id) : startedByLoop?.map((start) => start.id) ?? 'all';
    return addWork(work, segmentWork({ kind: 'sync', sync: { op: 'join', starts }, line }));
  }

  /**
   * Threads a loop started on objects the walk cannot name (`threads = [Thread(...) for ...]`, then
   * `threads.append(Thread(...))`, then `for t in threads: t.start()`), by frame and the text of what the loop
   * goes over: a loop over the same that joins them (`for t in threads: t.join()`) waits for those, daemons too.
   */
  private readonly startedByLoop = new Map<string, readonly ThreadStart[]>();

  /** `frame:iterable` when `receiver` is the variable of the innermost loop, a for loop (see startedByLoop). */
  private loopOverReceiver(receiver: Syntax, context: Context): string | undefined {
    const loop = context.loops[context.loops.length - 1];
    if (loop?.type !== 'for_statement' || receiver.type !== 'identifier') return undefined;
    const [target, iterable] = loop.children;
    if (target?.type !== 'identifier' || !iterable || this.evaluator.text(target) !== this.evaluator.text(receiver)) return undefined;
    return `${context.frame.id}:${this.evaluator.text(iterable)}`;
  }

  /**
   * `await asyncio.wrap_future(fut)` earlier in the same coroutine, then `fut.result()` (or `await
   * asyncio.to_thread(t.join)`, then `t.join()`): it is done, so the call returns at once. (An `await` that names the
   * variable, in the same function, before the call.)
   */
  private awaitedBefore(receiver: Syntax | undefined, call: Syntax, context: Context): boolean {
    const body = context.asyncFn?.body;
    if (receiver?.type !== 'identifier' || !body || call.start < body.start || call.end > body.end) return false;
    const name = this.evaluator.text(receiver);
    let found = false;
    walk(body, (node) => {
      if (found || node.start >= call.start || NESTED_SCOPES.has(node.type)) return false;
      if (node.type === 'await') walk(node, (inner) => !(found ||= inner.type === 'identifier' && this.evaluator.text(inner) === name));
      return !found;
    });
    return found;
  }

  /**
   * Did the coroutine running this call await something before it (`await asyncio.gather(*jobs)`, then
   * `pool.shutdown()`), in its own body or before the call that leads to this one (`self.close()`)?
   */
  private awaitedEarlier(call: Syntax, context: Context): boolean {
    const site = this.coroutineSite(call, context);
    return !!site && this.awaitsIn(context.asyncFn!.body!, (node) => node.end <= site.start);
  }

  /**
   * Is this call in the coroutine that runs first on its event loop (`asyncio.run(main())`), after it awaited the
   * work it started and with nothing left to await (`await asyncio.gather(...)`, then `feeder.join()`), no task of
   * its own made or server opened: no other task is there to run, so the wait stalls nothing.
   */
  private afterLastAwait(call: Syntax, context: Context): boolean {
    const fn = context.asyncFn;
    const site = fn && this.loopEntries.get(fn) ? this.coroutineSite(call, context) : undefined;
    if (!site) return false;
    const body = fn!.body!;
    return this.awaitsIn(body, (node) => node.end <= site.start) && !this.awaitsIn(body, (node) => node.start >= site.end)
      && !this.awaitsIn(body, (node) => node.start <= site.start && node.end >= site.end)
      && !(this.taskWords ??= this.hits(/\b(create_task|ensure_future|TaskGroup|start_server|start_unix_server|create_server)\b/g)).within(body.start, body.end);
  }

  private taskWords: WordHits | undefined;

  /** The call in the running coroutine's own body that this one is, or leads to (`self.close()` reaching `shutdown`). */
  private coroutineSite(call: Syntax, context: Context): Syntax | undefined {
    const body = context.asyncFn?.body;
    if (!body) return undefined;
    let at: { readonly call: Syntax; readonly context: Context } | undefined = { call, context };
    while (at && (at.call.start < body.start || at.call.end > body.end)) at = this.invokedBy.get(at.context.frame);
    return at?.call;
  }

  /** Does the body await (`await`, `async for`, `async with`) at some place `where` picks, outside nested scopes? */
  private awaitsIn(body: Syntax, where: (node: Syntax) => boolean): boolean {
    let found = false;
    walk(body, (node) => {
      if (found || NESTED_SCOPES.has(node.type)) return false;
      found = (node.type === 'await' || ((node.type === 'for_statement' || node.type === 'with_statement') && this.evaluator.text(node).startsWith('async')))
        && where(node);
      return !found;
    });
    return found;
  }

  /**
   * `while any(t.is_alive() for t in threads): await asyncio.sleep(POLL)` earlier in the same coroutine, or in a
   * coroutine it awaits and hands the threads (`await monitor(threads)`), then `for t in threads: t.join()`: the
   * threads have ended, and joining them waits for nothing.
   */
  private awaitedUntilEnded(receiver: Syntax | undefined, call: Syntax, context: Context): boolean {
    const body = context.asyncFn?.body;
    if (receiver?.type !== 'identifier' || !body || call.start < body.start || call.end > body.end) return false;
    const name = this.evaluator.text(receiver);
    const names = new Set([name]);
    for (let at = call.parent; at && at !== body; at = at.parent) {
      if (at.type === 'for_statement' && at.children[0]?.type === 'identifier' && this.evaluator.text(at.children[0]) === name && at.children[1]) {
        names.add(this.evaluator.text(at.children[1]));
      }
    }
    // A loop that waits, by awaiting, while one of these threads is alive.
    const pollsUntilEnded = (root: Syntax, watched: ReadonlySet<string>) => {
      let found = false;
      walk(root, (node) => {
        if (found || NESTED_SCOPES.has(node.type)) return false;
        const condition = node.type === 'while_statement' ? node.children[0] : undefined;
        const loopBody = condition ? childOfType(node, 'block') : undefined;
        if (condition && loopBody && this.evaluator.text(condition).includes('.is_alive()')
          && [...watched].some((each) => this.evaluator.mentions(condition, each))) {
          walk(loopBody, (inner) => !(found ||= inner.type === 'await'));
        }
        return !found;
      });
      return found;
    };
    let found = false;
    walk(body, (node) => {
      if (found || node.start >= call.start || NESTED_SCOPES.has(node.type)) return false;
      if (node.type === 'while_statement' && node.end <= call.start && pollsUntilEnded(node, names)) found = true;
      const awaited = node.type === 'await' && node.children[0]?.type === 'call' ? node.children[0] : undefined;
      const coroutine = awaited ? this.evaluator.evaluate(awaited.children[0], context.frame) : undefined;
      if (awaited && coroutine?.kind === 'function' && coroutine.fn.isAsync && coroutine.fn.body) {
        // The parameters the threads are handed in as, by position or keyword.
        const args = awaited.children[1]?.children ?? [];
        const params = coroutine.self ? coroutine.fn.params.slice(1) : coroutine.fn.params;
        const watched = new Set<string>();
        args.forEach((arg, i) => {
          const keyword = arg.type === 'keyword_argument' ? arg : undefined;
          const value = keyword ? keyword.children[1] : arg;
          if (!value || !names.has(this.evaluator.text(value))) return;
          const param = keyword ? this.evaluator.text(keyword.children[0]!) : params[i]?.name;
          if (param) watched.add(param);
        });
        if (watched.size > 0 && pollsUntilEnded(coroutine.fn.body, watched)) found = true;
      }
      return !found;
    });
    return found;
  }

  /**
   * The event was waited for earlier in the coroutine, where the joined thread's code ends with `ready.set()`: the
   * set was its last act, so joining it waits for nothing. Waited for by `await asyncio.to_thread(ready.wait, 5)`,
   * or by a loop `while not ready.is_set():` there or in a coroutine of the file it awaited (`await
   * wait_for_report()`).
   */
  private awaitedLastAct(receiver: Value, call: Syntax, context: Context): boolean {
    const body = context.asyncFn?.body;
    if (!body || call.start < body.start || call.end > body.end) return false;
    const events = new Set<string>();
    const note = (event: Syntax, frame: Frame) => {
      const key = originOf(this.evaluator.evaluate(event, frame))?.key;
      if (key) events.add(key);
    };
    walk(body, (node) => {
      if (node.start >= call.start || NESTED_SCOPES.has(node.type)) return false;
      const polled = node.end <= call.start ? polledUntilSet(this.evaluator, node) : undefined;
      if (polled) note(polled, context.frame);
      const awaited = node.type === 'await' && node.children[0]?.type === 'call' ? node.children[0] : undefined;
      const callee = awaited?.children[0];
      const args = awaited?.children[1]?.children ?? [];
      const offloaded = callee?.type !== 'attribute' ? undefined : lastName(this.evaluator, callee) === 'to_thread' ? args[0]
        : lastName(this.evaluator, callee) === 'run_in_executor' ? args[1] : undefined;
      if (offloaded?.type === 'attribute' && lastName(this.evaluator, offloaded) === 'wait' && offloaded.children[0]) {
        note(offloaded.children[0], context.frame);
      }
      const coroutine = awaited && callee ? this.evaluator.evaluate(callee, context.frame) : undefined;
      if (coroutine?.kind === 'function' && coroutine.fn.isAsync && coroutine.fn.body) {
        const frame = this.evaluator.genericFrame(coroutine.fn);
        walk(coroutine.fn.body, (inner) => {
          if (NESTED_SCOPES.has(inner.type)) return false;
          const event = polledUntilSet(this.evaluator, inner);
          if (event) note(event, frame);
          return true;
        });
      }
      return true;
    });
    if (events.size === 0) return false;
    const starts = this.startsFor(receiver);
    return starts.length > 0 && starts.every((start) => {
      const last = start.entry?.body?.children.at(-1);
      const set = last?.type === 'expression_statement' && last.children[0]?.type === 'call' ? last.children[0] : undefined;
      const event = set?.children[0]?.type === 'attribute' && lastName(this.evaluator, set.children[0]) === 'set' ? set.children[0].children[0] : undefined;
      if (event?.type !== 'identifier' || !start.entry) return false;
      const params = start.self ? start.entry.params.slice(1) : start.entry.params;
      const index = params.findIndex((param) => param.name === this.evaluator.text(event));
      const given = index >= 0 ? start.args.keywords.get(params[index].name)?.value ?? start.args.positional[index]?.value
        : this.evaluator.evaluate(event, this.evaluator.genericFrame(start.entry));
      const key = given && originOf(given)?.key;
      return !!key && events.has(key);
    });
  }

  /**
   * `t.daemon = True` or `t.setDaemon(True)` (`attribute` is `t.daemon` or `t.setDaemon`) on a thread made by a
   * start: the program does not wait for it at exit. Its phase stays: code that flags a thread a daemon after making
   * it often joins it later through a handle the model cannot name (`current_timer[0].join()`).
   */
  private noteDaemon(attribute: Syntax, flag: Syntax, context: Context): void {
    const value = this.evaluator.evaluate(flag, context.frame);
    if (value.kind !== 'bool' || !attribute.children[0]) return;
    for (const start of this.startsFor(this.evaluator.evaluate(attribute.children[0], context.frame))) {
      start.daemon = value.value;
    }
  }

  /** `timer.cancel()`: the Timer may never run its code (see ThreadStart.cancelled). */
  private noteCancel(attribute: Syntax, context: Context): ThreadStart[] {
    const receiver = this.evaluator.evaluate(attribute.children[0]!, context.frame);
    const starts = this.startsFor(receiver);
    for (const start of starts) start.cancelled = true;
    if (starts.length === 0 && (receiver.kind === 'unknown' || receiver.kind === 'none')) this.cancelsUnnamed = true;
    const timers = starts.filter((start) => start.via === 'threading.Timer' || start.delayMs !== undefined);
    if (this.limits.workload) for (const timer of timers) timer.cancelledInTrace = true;
    return timers;
  }

  /**
   * Whether the simulation plays out this lock: one shared by threads, known for what it is (not a lock some
   * context manager takes inside, whose key does not say which), and not a Condition.
   */
  private simulatedLock(key: string): boolean {
    return !key.startsWith(OWN_LOCK) && !key.startsWith(APPROXIMATE_LOCK) && !this.conditionKeys.has(key);
  }

  /**
   * The object a `with` item enters. `with Farm(size=3) as farm:` is the object `farm` names, as `farm = Farm(size=3)`
   * would be: the threads its `__enter__` starts then share the queues and locks that the block reaches through `farm`.
   */
  private enteredObject(item: Syntax, expression: Syntax, frame: Frame): Value {
    const value = this.evaluator.evaluate(expression, frame);
    const name = item.children[0]?.type === 'as_pattern' ? asTarget(item.children[0]) : undefined;
    if (value.kind !== 'instance' || !value.cls || expression.type !== 'call' || name?.type !== 'identifier' || !entersItself(this.module, value.cls)) return value;
    const named = this.evaluator.evaluate(name, frame);
    return named.kind === 'instance' && named.cls === value.cls ? named : value;
  }

  /** `with pool_slots:` of a `Semaphore(3)` the file makes: its key and permits (more than one). */
  private semaphorePermits(clause: Syntax | undefined, context: Context): Array<{ key: string; permits: number }> {
    const found: Array<{ key: string; permits: number }> = [];
    for (const item of clause?.children ?? []) {
      const expression = item.children[0]?.type === 'as_pattern' ? item.children[0].children[0] : item.children[0];
      const value = expression ? this.evaluator.evaluate(expression, context.frame) : undefined;
      if (value?.kind !== 'instance' || !value.type || !SEMAPHORE_TYPES.has(canonicalType(value.type)) || !value.ctor) continue;
      const args = this.evaluator.constructorArgs(value.ctor);
      const initial = args.keywords.get('value')?.value ?? args.positional[0]?.value;
      if (initial?.kind === 'number' && Number.isInteger(initial.value) && initial.value > 1) found.push({ key: value.origin.key, permits: initial.value });
    }
    return found;
  }

  /** Lock keys of Conditions (see walkWith): their holders give them back while they wait. */
  private readonly conditionKeys = new Set<string>();

  /** Some `.cancel()` is of an object the model cannot name. */
  private cancelsUnnamed = false;

  /** The starts that made this object: a Thread built by a start's call, or a future a submit returned. */
  private startsFor(value: Value): ThreadStart[] {
    const site = value.kind === 'instance' ? value.origin.site ?? value.madeBy : undefined;
    if (!site) return [];
    return this.starts.filter((start) => start.call === site || (site.type === 'call' && start.call.start === site.start && start.call.end === site.end));
  }

  private closeWindow(execution: Execution): void {
    execution.window = false;
    execution.joins++;
    // Daemons are never waited for.
    const running = this.running.get(execution);
    if (running) this.running.set(execution, running === 'unknown' ? [] : running.filter((start) => start.daemon));
  }

  /**
   * Threads each execution has started and not waited for, in the order started (a new array on each change);
   * `unknown` once it started a thread it cannot name (`t.start()` on an object of unknown origin).
   */
  private readonly running = new Map<Execution, readonly ThreadStart[] | 'unknown'>();

  /** Functions some thread's walk went through. */
  private readonly walkedInThreads = new Set<FunctionInfo>();

  /** Threads each thread has waited for (joined, or a pool's with left): they ended before it did. */
  private readonly waited = new Map<Execution, Set<ThreadStart>>();

  private noteWaited(execution: Execution, starts: readonly ThreadStart[] | 'unknown' | undefined): void {
    if (!starts || starts === 'unknown') return;
    const waited = this.waited.get(execution) ?? new Set();
    for (const start of starts) waited.add(start);
    this.waited.set(execution, waited);
  }

  /**
   * A thread that waits for the threads it made holds them inside its own run: they take its phase (see
   * ThreadStart.phase), so they meet none of the threads its spawner started after waiting for it.
   */
  private inheritPhases(): void {
    const byId = new Map(this.executions.map((execution) => [execution.id, execution]));
    const phaseOf = (start: ThreadStart, depth: number): string | undefined => {
      if (start.phase !== undefined || start.daemon || start.madeIn !== 'thread' || depth > 8) return start.phase;
      const maker = byId.get(start.madeBy);
      if (!maker?.start || !this.waited.get(maker)?.has(start)) return undefined;
      return phaseOf(maker.start, depth + 1);
    };
    for (const start of this.starts) start.phase = phaseOf(start, 0);
  }

  /** Threads each thread has made so far, joined or not (a new array on each change); `unknown` as in running. */
  private readonly startedSoFar = new Map<Execution, readonly ThreadStart[] | 'unknown'>();

  private noteStarted(execution: Execution, started: readonly ThreadStart[] | 'unknown'): void {
    // Only threads' accesses and waits read it (main's thousands of starts would make it quadratic).
    if (execution.kind !== 'thread') return;
    const known = this.startedSoFar.get(execution) ?? [];
    if (known === 'unknown') return;
    if (started === 'unknown') this.startedSoFar.set(execution, 'unknown');
    else if (started.some((start) => !known.includes(start))) this.startedSoFar.set(execution, [...new Set([...known, ...started])]);
  }

  /** Where an execution's records stand, and which of its threads run (see laterRoundsBeside). */
  private mark(execution: Execution): RecordsMark {
    return {
      accesses: execution.accesses.length, checks: execution.checks.length, window: execution.window, running: this.running.get(execution),
      started: this.startedSoFar.get(execution),
    };
  }

  /**
   * `for job in jobs: tally += 1; Thread(target=audit, args=(job,)).start()` in a thread: from the second round on,
   * its updates come after the threads of the rounds before.
   */
  private laterRoundsAfter(execution: Execution, before: RecordsMark): void {
    if (execution.kind !== 'thread') return;
    const started = this.startedSoFar.get(execution);
    if (started === before.started) return;
    for (let i = before.accesses; i < execution.accesses.length; i++) {
      const access = execution.accesses[i];
      if (!access.children) continue;
      if (started === undefined || started === 'unknown') delete access.children;
      else access.children = started;
    }
  }

  /**
   * `for doc in docs: store.queued += 1; pool.submit(store.work, doc)`: the loop's body was walked once, and started
   * threads after its writes; from the second round on, those writes run beside them.
   */
  private laterRoundsBeside(execution: Execution, before: RecordsMark): void {
    // (A spawner walked on its own may be a thread's code too, whose walk is what counts: see sameThreads.)
    if (!execution.window || (execution.kind !== 'main' && execution.kind !== 'async')) return;
    const running = this.running.get(execution);
    // Threads were already running, and the body started no more of them: its writes were seen beside those.
    if (before.window && running === before.running) return;
    const alongside = running === 'unknown' || running?.length === 0 ? undefined : running;
    const accesses = execution.accesses.slice(before.accesses);
    execution.accesses.push(...accesses.map((access) => ({ ...access, concurrent: true, alongside })));
    const checks = execution.checks.slice(before.checks).filter((check) => !check.concurrent);
    execution.checks.push(...checks.map((check) => ({ ...check, concurrent: true })));
  }

  /** The threads running beside what main, a spawner or a coroutine does now; undefined when none is. */
  private besideRunning(execution: Execution): readonly ThreadStart[] | 'unknown' | undefined {
    if (!execution.window || execution.kind === 'thread') return undefined;
    const running = this.running.get(execution) ?? 'unknown';
    return running === 'unknown' || running.length > 0 ? running : undefined;
  }

  private noteRunning(execution: Execution, started: readonly ThreadStart[]): void {
    this.noteStarted(execution, started.length === 0 ? 'unknown' : started);
    const running = this.running.get(execution) ?? [];
    if (running === 'unknown') return;
    if (started.length === 0) {
      this.running.set(execution, 'unknown');
      return;
    }
    const added = started.filter((start) => !running.includes(start));
    if (added.length > 0) this.running.set(execution, [...running, ...added]);
    for (const task of this.keptTasks.get(execution) ?? []) {
      if (task.walked || task.beside === 'unknown') continue;
      task.beside = started.length === 0 ? 'unknown' : [...new Set([...task.beside ?? [], ...started])];
    }
  }

  // ----- state -----

  /** `x.append(v)`, `d.pop(k)`, `q.popleft()`: a change to the receiver's contents. */
  private noteMutation(callee: Value, calleeNode: Syntax | undefined, context: Context): void {
    if (calleeNode?.type !== 'attribute') return;
    const method = this.evaluator.text(calleeNode.children[calleeNode.children.length - 1]);
    // A queue's own methods are thread-safe, but `if not q.empty(): q.get()` still acts on a test another
    // consumer can make false: its takes and puts are the acts a check-then-act looks for.
    const queue = callee.kind === 'external' && callee.self?.kind === 'instance' && !!callee.self.type
      && QUEUE_TYPES.has(canonicalType(callee.self.type));
    if (queue ? !QUEUE_CHANGES.has(method) : !MUTATING_METHODS.has(method)) return;
    if (callee.kind === 'function' || callee.kind === 'class') return;
    const receiver = calleeNode.children[0];
    const contents = receiver ? this.contentsPlace(receiver, context) : undefined;
    // `per_worker.setdefault(threading.current_thread().name, 0)`: the item of the running thread's identity.
    const keyNode = KEYED_METHODS.has(method) ? calleeNode.parent?.children[1]?.children[0] : undefined;
    const key = keyNode && keyNode.type !== 'keyword_argument' && keyNode.type !== 'list_splat' ? this.evaluator.evaluate(keyNode, context.frame) : undefined;
    const identity = key && contents ? this.identityItem(key, context) : undefined;
    const place = contents && identity ? { ...contents, itemKey: `${contents.key}${identity}`, ownSlot: true as const } : contents;
    if (place) this.recordAccess(place, 'mutate', receiver, context, [], method);
  }

  /** `heapq.heappop(book.bids)`, `bisect.insort(items, x)`: library functions that change their first argument. */
  private noteArgumentMutation(callee: Value, call: Syntax, context: Context): void {
    if (callee.kind !== 'external' || callee.self) return;
    const method = ARGUMENT_MUTATIONS.get(callee.name);
    const receiver = method ? call.children[1]?.children[0] : undefined;
    if (!method || !receiver || receiver.type === 'keyword_argument') return;
    const place = this.contentsPlace(receiver, context);
    if (place) this.recordAccess(place, 'mutate', receiver, context, [], method);
  }

  private recordAccess(
    place: Place, kind: AccessKind, target: Syntax, context: Context, innerCalls: readonly InnerCall[], method?: string,
  ): void {
    const execution = context.execution;
    // Coroutines share their thread with the event loop: their state changes race with none of its other coroutines,
    // only with threads running beside them (the loop's thread is then one writer, like main).
    if (place.sharing === 'private' || execution.kind === 'task') return;
    // A child process shares no memory with the others, except objects made to be shared: those it races with them
    // in parallel, each process with its own GIL.
    const acrossProcesses = execution.kind === 'process' ? this.sharedAcrossProcesses(target, context) : undefined;
    const concurrent = !this.ownedWhileMade(place) && (execution.kind === 'thread' || execution.window || !!acrossProcesses);
    const running = concurrent && execution.kind !== 'thread' ? this.running.get(execution) : undefined;
    const alongside = running === 'unknown' || running?.length === 0 ? undefined : running;
    const started = this.startedSoFar.get(execution) ?? [];
    // Loops of its own frame are told apart by their walks (see laterRoundsAfter); a caller's loop, or a
    // comprehension's, is not.
    const once = execution.kind === 'thread' && execution.instances === 1 && !context.repeated
      && context.loops.every((loop) => loop.type === 'for_statement' || loop.type === 'while_statement');
    const children = once && started !== 'unknown' ? started : undefined;
    // A lock each thread has its own of keeps no other thread away from state they all share
    // (`with self._lock: Recorder.total += 1` on one recorder a thread).
    const locks = place.sharing === 'shared' ? sharedLocks(context.locks) : context.locks;
    execution.accesses.push({
      place: context.alone && execution.kind === 'thread' ? { ...place, ownSlot: true } : place,
      kind, statement: context.statement, target, locks, execution, concurrent, innerCalls, method, alongside,
      ...(children ? { children } : {}), ...(acrossProcesses ? { acrossProcesses } : {}),
    });
  }

  /**
   * `self.buffer = b""` in the `__init__` of an object being made: no other thread can reach the object until its
   * constructor returns, unless the constructor itself starts one (`Thread(target=self.run).start()`).
   */
  private ownedWhileMade(place: Place): boolean {
    return this.underConstruction.some(({ key, starts }) => starts === this.starts.length && place.key.startsWith(`${key}.`)
      && !/[.[]/.test(place.key.slice(key.length + 1)));
  }

  /** The objects whose constructors are running, innermost last, with the thread starts known when each began. */
  private readonly underConstruction: Array<{ readonly key: string; readonly starts: number }> = [];

  /** The type of the object child processes share that the target hangs from (`pages.value`, `stock[sku]`). */
  private sharedAcrossProcesses(target: Syntax, context: Context): string | undefined {
    const root = target.type === 'attribute' || target.type === 'subscript' ? rootOf(target) : undefined;
    const value = root && root !== target ? this.evaluator.evaluate(root, context.frame) : undefined;
    const type = value?.kind === 'instance' && value.type ? canonicalType(value.type) : undefined;
    return type && PROCESS_SHARED_TYPES.has(type) ? type : undefined;
  }

  private recordCheck(node: Syntax, condition: Syntax | undefined, context: Context, accessesBefore: number, block?: Syntax): void {
    const execution = context.execution;
    if (!condition || execution.kind === 'task') return;
    // A test matters when the block it guards changed some state, read the item a membership test found, or called a
    // method on the value a None test found set.
    const itemReads = block ? this.itemReadsAfterMembership(condition, block, context) : [];
    const valueUses = block && node.type === 'if_statement' ? this.usesAfterSetTest(condition, block, context) : [];
    if (execution.accesses.length === accessesBefore && itemReads.length === 0 && valueUses.length === 0) return;
    // `while not done: ... done = True`: setting the loop's own flag to a constant is how it stops, not an act that
    // relies on the test (another thread setting it too changes nothing).
    const made = execution.accesses.slice(accessesBefore).filter((access) => !(node.type === 'while_statement' && this.storesConstant(access)));
    const snapshots = this.snapshotPlaces(condition, context, !!block);
    // A copy taken with no lock (`session = sessions.get(user)`, then `if session is None:`) counts for a plain
    // store or delete of that state in the block the test guards (`sessions[user] = Session(user)`): what the block
    // does with the copy, or to other state, relies on which object the name holds, not on what the state holds; and
    // the rest of a function after `if cached is not None: return cached` is a cache's fill, its own test's business.
    // A removal by method (`leases.pop(agent)` after `current = leases.get(agent)`) is such a delete.
    const unlocked = block ? snapshots.unlocked.filter(({ place, name }) => made.some((access) => access.place.key === place.key
      && ((access.kind === 'store' && !access.method) || writeKind(access) === 'remove') && isAncestor(block, access.target)
      && this.evaluator.text(rootOf(access.target)) !== name)).map(({ place }) => place) : [];
    const tested = [
      ...this.placesRead(condition, context, false), ...snapshots.released, ...unlocked, ...this.predicatePlaces(condition, context),
    ].filter((place) => place.sharing !== 'private');
    if (tested.length === 0) return;
    // `with lock: entry = cache.get(k)`, then `if entry is None:` and, outside the lock, `with lock: cache[k] =
    // fetch(k)`: a cache's fill, locked at both ends. A stale test costs a second fetch, and the store writes a value
    // of its own, not one made from the copy (`stock[k] = n - qty` would lose an update).
    const testedDirectly = new Set(tested.filter((place) => !snapshots.released.includes(place)).map((place) => place.key));
    // So is a swap that takes whatever is there (`batch, self.lines = self.lines, []` after `full = len(self.lines) >=
    // n` was read under the lock): it relies on no premise, an empty batch being a batch too.
    const fill = (access: Access) => access.locks.length > 0 && !access.method
      && snapshots.released.some((place) => place.key === access.place.key) && !testedDirectly.has(access.place.key)
      && ((access.kind === 'store' && ![...snapshots.copies].some((copy) => this.evaluator.mentions(access.statement, copy))) || this.swapsOut(access.target));
    const acts = made.filter((access) => tested.some((place) => access.place.key === place.key) && !fill(access));
    const otherWrites = made.filter((access) => !acts.includes(access) && !fill(access) && access.place.sharing === 'shared');
    if (acts.length === 0 && itemReads.length === 0 && otherWrites.length === 0 && valueUses.length === 0) return;
    execution.checks.push({
      node, tested, locks: tested.some((place) => place.sharing === 'shared') ? sharedLocks(context.locks) : context.locks, execution,
      concurrent: execution.kind === 'thread' || (startsBeside(execution) && execution.window) || acts.some((act) => !!act.acrossProcesses), acts, itemReads, valueUses,
      otherWrites, guard: isGuard(node) || this.renamesTestedKey(node), releasedCopies: snapshots.released.map((place) => place.key),
    });
  }

  /** `batch, self.lines = self.lines, []`: the target is given a new value in the statement that reads its old one out. */
  private swapsOut(target: Syntax): boolean {
    const list = target.parent;
    const assignment = list?.parent;
    if ((list?.type !== 'pattern_list' && list?.type !== 'tuple_pattern') || assignment?.type !== 'assignment') return false;
    const { left, right } = assignmentParts(assignment);
    if (left !== list || (right?.type !== 'expression_list' && right?.type !== 'tuple')) return false;
    const index = list.children.indexOf(target);
    const text = this.evaluator.text(target);
    return right.children.length === list.children.length && right.children.some((value, at) => at !== index && this.evaluator.text(value) === text);
  }

  /** `done = True`, `self.running = False`: a plain store of a constant. */
  private storesConstant(access: Access): boolean {
    const value = storedValue(access);
    return !!value && CONSTANT_VALUES.has(value.type);
  }

  /**
   * `if not self._fresh(key, now):` with `_fresh` reading `self._entries.get(key)`: a predicate of this file, taking
   * no lock, tests what it reads. (One that locks makes the test its own business; see the GIL003 rule.)
   */
  private predicatePlaces(condition: Syntax, context: Context): Place[] {
    const places: Place[] = [];
    walk(condition, (node) => {
      if (NESTED_SCOPES.has(node.type) || COMPREHENSION_TYPES.has(node.type)) return false;
      if (node.type !== 'call' || !node.children[0]) return;
      const callee = this.evaluator.evaluate(node.children[0], context.frame);
      if (callee.kind !== 'function' || callee.fn.isAsync || callee.fn.isLambda) return;
      const fn = callee.fn;
      const body = fn.body;
      if (!body) return;
      if (!this.readsWithoutLocking(body)) return;
      const bound = this.evaluator.bindArguments(fn, this.evaluator.callArgs(node, context.frame), callee.self);
      const frame = new Frame(fn, fn.scope, bound, callee.closure ?? this.closureFor(fn), context.frame.allocation, false);
      // What its answer can depend on: not what it only hands to a call whose result it drops (`time.sleep(cfg[k])`).
      places.push(...this.placesRead(body, { ...context, frame }, false, true));
    });
    return places;
  }

  /**
   * Does this body only read: no attribute or item stored, deleted or changed by a method, no `global`, and no lock
   * taken (`with`, `acquire`)?
   */
  private readsWithoutLocking(body: Syntax): boolean {
    let reads = true;
    walk(body, (node) => {
      if (!reads || NESTED_SCOPES.has(node.type)) return false;
      if ((node.type === 'assignment' || node.type === 'augmented_assignment')
        && flattenTargets(node.children[0]).some((target) => target.type === 'attribute' || target.type === 'subscript')) reads = false;
      if (node.type === 'delete_statement' || node.type === 'global_statement' || node.type === 'nonlocal_statement' || node.type === 'with_statement') reads = false;
      const callee = node.type === 'call' ? node.children[0] : undefined;
      const method = callee?.type === 'attribute' ? this.evaluator.text(callee.children[callee.children.length - 1]) : '';
      if (MUTATING_METHODS.has(method) || method === 'acquire') reads = false;
    });
    return reads;
  }

  /** `jobs.pop()`, `q.get()` on a queue: a call that takes an item out of a container in one step. */
  private isTake(call: Syntax, context: Context): boolean {
    const callee = call.children[0];
    if (callee?.type !== 'attribute' || !callee.children[0]) return false;
    const method = this.evaluator.text(callee.children[callee.children.length - 1]);
    if (TAKING_METHODS.has(method)) return true;
    if (method !== 'get') return false;
    const receiver = this.evaluator.evaluate(callee.children[0], context.frame);
    return receiver.kind === 'instance' && !!receiver.type && QUEUE_TYPES.has(canonicalType(receiver.type));
  }

  /** Is this call a lock's or a semaphore's `acquire(...)`? */
  private acquiresLock(call: Syntax, context: Context): boolean {
    const callee = call.children[0];
    if (callee?.type !== 'attribute' || !callee.children[0] || lastName(this.evaluator, callee) !== 'acquire') return false;
    const receiver = this.evaluator.evaluate(callee.children[0], context.frame);
    const type = receiver.kind === 'instance' && receiver.type ? canonicalType(receiver.type) : undefined;
    return !!type && (LOCK_TYPES.has(type) || SEMAPHORE_TYPES.has(type));
  }

  /** Does this expression take an item out of a container (`frontier.pop()`, `jobs.get()` on a queue)? */
  private takesItem(expression: Syntax, context: Context): boolean {
    let takes = false;
    walk(expression, (node) => {
      if (takes || NESTED_SCOPES.has(node.type)) return false;
      takes = node.type === 'call' && this.isTake(node, context);
      return undefined;
    });
    return takes;
  }

  /**
   * `with lock: available = stock[sku]` then, the lock released, `if available < qty: return`: the test reads a copy
   * of shared state taken under a lock it no longer holds, so it tests that state as it was (`released`); one taken
   * with no lock at all is as stale (`unlocked`, see recordCheck).
   */
  private snapshotPlaces(
    condition: Syntax, context: Context, withUnlocked: boolean,
  ): { released: Place[]; copies: Set<string>; unlocked: Array<{ place: Place; name: string }> } {
    const released: Place[] = [];
    const copies = new Set<string>();
    const unlocked: Array<{ place: Place; name: string }> = [];
    walk(condition, (node) => {
      if (NESTED_SCOPES.has(node.type) || COMPREHENSION_TYPES.has(node.type)) return false;
      if (node.type !== 'identifier' || (node.parent?.type === 'attribute' && node.parent.children[0] !== node)) return;
      const binding = resolveName(scopeOf(this.module, node), this.evaluator.text(node), this.module.scope);
      // The one assignment before the test (`session = self._sessions.get(user)`; one in the block it guards, as
      // `session = Session(user)`, comes after).
      const sites = binding?.scope.kind === 'function' ? binding.sites.filter((site) => !('statement' in site) || site.statement.start < condition.start) : [];
      const site = sites.length === 1 && sites[0].kind === 'assign' && !sites[0].iterable && sites[0].path.length === 0 ? sites[0] : undefined;
      const statement = site?.kind === 'assign' ? site.value?.parent : undefined;
      if (site?.kind !== 'assign' || !site.value || !statement || site.value.end > condition.start) return;
      // `page = frontier.pop() if frontier else None`: what an atomic take under the lock got, not a copy of state.
      if (this.takesItem(site.value, context)) return;
      // `batch, self._buffer = self._buffer, []`: the batch was handed over, and the state is the new list.
      if (this.evaluator.takenBySwap(site)) return;
      // Taken with no lock, or inside a `with` block that the test is outside of.
      let block: Syntax | undefined = statement.parent;
      while (block && block.type !== 'with_statement' && !NESTED_SCOPES.has(block.type)) block = block.parent;
      if (block?.type === 'with_statement' && condition.start >= block.start && condition.end <= block.end) return;
      // Copies taken with no lock count only for a test's own block (a guard's are not looked at).
      if (block?.type !== 'with_statement' && !withUnlocked) return;
      const places = this.placesRead(site.value, context, false);
      // `with lock: n = rounds.get(url, 0); rounds[url] = n + 1`: a number claimed under the lock, the thread's own.
      if (block?.type === 'with_statement' && this.writtenAlongside(block, statement, places, context)) return;
      if (block?.type === 'with_statement') {
        released.push(...places);
        copies.add(this.evaluator.text(node));
      } else for (const place of places) unlocked.push({ place, name: this.evaluator.text(node) });
    });
    return { released, copies, unlocked };
  }

  /** Does this `with` block, besides `copy`, write one of the places the copy read (a claim: read and moved on at once)? */
  private writtenAlongside(block: Syntax, copy: Syntax, places: readonly Place[], context: Context): boolean {
    let found = false;
    walk(childOfType(block, 'block') ?? block, (node) => {
      if (found || NESTED_SCOPES.has(node.type)) return false;
      if (node === copy || (node.type !== 'assignment' && node.type !== 'augmented_assignment')) return;
      const target = node.children[0];
      const written = target && target.type !== 'pattern_list' ? this.targetPlace(target, context) : undefined;
      found = !!written && places.some((place) => place.key === written.key && (!place.itemKey || !written.itemKey || place.itemKey === written.itemKey));
      return !found;
    });
    return found;
  }

  /**
   * `if nick in clients: nick = f"{nick}_2"` then `clients[nick] = conn`: the block renames the key the test found
   * taken, so what follows acts on the test's word that the key is free.
   */
  private renamesTestedKey(statement: Syntax): boolean {
    if (statement.type !== 'if_statement' || statement.children.some((clause) => clause.type === 'elif_clause' || clause.type === 'else_clause')) return false;
    const test = this.membershipTest(statement.children[0]);
    if (test?.key.type !== 'identifier') return false;
    const key = this.evaluator.text(test.key);
    return !!childOfType(statement, 'block')?.children.some((inner) => {
      const assignment = inner.type === 'expression_statement' ? inner.children[0] : undefined;
      const target = assignment?.type === 'assignment' ? assignmentParts(assignment).left : undefined;
      return target?.type === 'identifier' && this.evaluator.text(target) === key;
    });
  }

  /** `key in items`: its two sides (not `not in`, nor a chain of comparisons). */
  private membershipTest(condition: Syntax | undefined): { key: Syntax; container: Syntax } | undefined {
    if (condition?.type !== 'comparison_operator' || condition.children.length !== 2) return undefined;
    const [key, container] = condition.children;
    const operator = this.operatorOf(condition);
    return operator === 'in' ? { key, container } : undefined;
  }

  /** `if key in items:` then `items[key]` read in the block: the item the test found, read as if still there. */
  private itemReadsAfterMembership(condition: Syntax, block: Syntax, context: Context): Array<{ place: Place; node: Syntax }> {
    const test = this.membershipTest(condition);
    if (!test) return this.itemReadsAfterMembershipMethod(condition, block, context);
    const key = this.evaluator.text(test.key);
    const container = this.evaluator.text(test.container);
    const reads: Syntax[] = [];
    walk(block, (at) => {
      if (NESTED_SCOPES.has(at.type)) return false;
      const [object, index] = at.children;
      if (at.type !== 'subscript' || !object || !index || this.evaluator.text(object) !== container || this.evaluator.text(index) !== key) return;
      // A write or delete of the item is an act, judged as one.
      const parent = at.parent;
      const written = (parent?.type === 'assignment' || parent?.type === 'augmented_assignment') && parent.children[0] === at;
      if (!written && parent?.type !== 'delete_statement') reads.push(at);
    });
    if (reads.length === 0) return [];
    const place = this.contentsPlace(test.container, context);
    return place && place.sharing === 'shared' ? reads.map((read) => ({ place, node: read })) : [];
  }

  /**
   * `if self._timer is not None:` (or `if self._timer:`) then `self._timer.cancel()` in the block it guards: a use of
   * the value the test found there, read again from the shared variable.
   */
  private usesAfterSetTest(condition: Syntax, block: Syntax, context: Context): Array<{ place: Place; node: Syntax }> {
    const [tested, none] = condition.type === 'comparison_operator' && condition.children.length === 2 ? condition.children : [condition];
    if (none && (none.type !== 'none' || !/^is\s+not$/.test(this.operatorOf(condition)))) return [];
    if (tested?.type !== 'attribute') return [];
    const name = this.evaluator.text(tested);
    const uses: Syntax[] = [];
    walk(block, (at) => {
      if (NESTED_SCOPES.has(at.type)) return false;
      // `self._timer.cancel()`: a method looked up on the value; a store to the variable is an act, judged as one.
      if (at.type === 'attribute' && at.children[0] && this.evaluator.text(at.children[0]) === name && at.parent?.type === 'call' && at.parent.children[0] === at) {
        uses.push(at.parent);
      }
      return undefined;
    });
    if (uses.length === 0) return [];
    // The variable itself, not the object it hangs from (`self`).
    const place = this.placesRead(tested, context, false).find((read) => read.sharing === 'shared' && read.text === name);
    return place ? uses.map((use) => ({ place, node: use })) : [];
  }

  /**
   * The same through methods: `if store.has(sid):` (a method that returns `sid in self._data`) then `store.get(sid)`
   * (one that returns `self._data[sid]`): the item the test found, read through the object as if still there.
   */
  private itemReadsAfterMembershipMethod(condition: Syntax, block: Syntax, context: Context): Array<{ place: Place; node: Syntax }> {
    const test = condition.type === 'call' ? this.methodReturning(condition, context, 'membership') : undefined;
    if (!test) return [];
    const reads: Syntax[] = [];
    walk(block, (at) => {
      if (NESTED_SCOPES.has(at.type)) return false;
      if (at.type !== 'call') return undefined;
      const read = this.methodReturning(at, context, 'item');
      if (read && read.receiver === test.receiver && read.key === test.key && read.attribute === test.attribute) reads.push(at);
      return undefined;
    });
    if (reads.length === 0) return [];
    const object = this.evaluator.evaluate(condition.children[0].children[0], context.frame);
    const container = this.evaluator.memberOf(object, test.attribute, context.frame);
    const origin = originOf(container);
    if (!origin) return [];
    const place: Place = { key: `${origin.key}[]`, sharing: this.sharingOf(container, origin), text: `${test.receiver}.${test.attribute}` };
    return place.sharing === 'shared' ? reads.map((read) => ({ place, node: read })) : [];
  }

  /**
   * `recv.method(key)` where the method of a class of this file is one `return` of `param in self.attr` ('membership')
   * or of `self.attr[param]` ('item'): the receiver and key as written, and the attribute.
   */
  private methodReturning(call: Syntax, context: Context, shape: 'membership' | 'item'): { receiver: string; key: string; attribute: string } | undefined {
    const callee = call.children[0];
    const argument = call.children[1]?.children[0];
    if (callee?.type !== 'attribute' || !argument || call.children[1]?.children.length !== 1) return undefined;
    const value = this.evaluator.evaluate(callee, context.frame);
    const fn = value.kind === 'function' ? value.fn : undefined;
    const statements = fn?.body && !fn.isLambda ? fn.body.children : [];
    const [self, param] = fn?.params ?? [];
    const returned = statements.length === 1 && statements[0].type === 'return_statement' ? statements[0].children[0] : undefined;
    if (!fn?.cls || !self || !param || !returned) return undefined;
    const text = (node: Syntax | undefined) => (node ? this.evaluator.text(node) : '');
    const selfAttribute = (node: Syntax | undefined) =>
      (node?.type === 'attribute' && text(node.children[0]) === self.name ? text(node.children[node.children.length - 1]) : undefined);
    const [left, right] = returned.children;
    const attribute = shape === 'membership'
      ? (returned.type === 'comparison_operator' && this.operatorOf(returned) === 'in' && text(left) === param.name ? selfAttribute(right) : undefined)
      : (returned.type === 'subscript' && text(right) === param.name ? selfAttribute(left) : undefined);
    return attribute ? { receiver: text(callee.children[0]), key: text(argument), attribute } : undefined;
  }

  /** The place an assignment target writes: a variable seen by other functions, an attribute, a container's items. */
  /** `positions[self.lo:self.hi] = pos`, each thread's bounds its own span (see ownSpan): a slot no other thread writes. */
  private ownSlice(slice: Syntax, context: Context): boolean {
    const [start, stop, step] = this.evaluator.sliceParts(slice, context.frame);
    return ownSpan(start ?? undefined, stop ?? undefined, step?.kind === 'number' ? step.value : undefined);
  }

  private targetPlace(target: Syntax, context: Context): Place | undefined {
    const text = this.evaluator.text(target);
    switch (target.type) {
      case 'identifier':
        return this.namePlace(target, context);
      case 'attribute': {
        const object = target.children[0];
        const attr = target.children[target.children.length - 1];
        if (!object || !attr || object === attr) return undefined;
        const base = this.evaluator.evaluate(object, context.frame);
        const name = this.evaluator.text(attr);
        if (base.kind === 'class') return { key: `class:${base.cls.name}.${name}`, sharing: 'shared', text };
        if (base.kind === 'external' && !base.self) return { key: `ext:${base.name}.${name}`, sharing: 'shared', text };
        // `wrapper.calls += 1`: an attribute of a function object, one object per definition run (a decorator's
        // wrapper is made anew for each function it wraps).
        if (base.kind === 'function' && !base.self) {
          return { key: `fn${base.fn.id}@${base.closure?.id ?? 'module'}.${name}`, sharing: base.closure?.allocation ?? 'shared', text };
        }
        const origin = originOf(base);
        if (!origin) return undefined;
        return { key: `${origin.key}.${name}`, sharing: this.heldByThreadLocal(object, context) ? 'thread-local' : this.sharingOf(base, origin), text };
      }
      case 'subscript': {
        const object = target.children[0];
        if (!object) return undefined;
        const base = this.evaluator.evaluate(object, context.frame);
        const origin = originOf(base);
        if (!origin) return undefined;
        const index = target.children[1];
        const indexValue = index ? this.evaluator.evaluate(index, context.frame) : undefined;
        // One item the code names: a literal key, or a thread's own key the file spells (`for ip in ("a", "b"):`
        // starts a thread per address, each updating `hits[ip]`, an item of its own).
        const literal = !!index && (index.type === 'string' || index.type === 'integer');
        // So is a key a thread of its own was given (`Thread(target=intake, args=("sms", ...))` and another start with
        // "web", each updating `per_channel[channel]`): one thread, one known text or number, one item.
        const given = indexValue && index?.type === 'identifier' && settledKey(indexValue) && this.givenToSoleThread(index, context);
        const constant = indexValue && (literal || perThreadKey(indexValue) || given) ? spelledKey(indexValue) ?? (literal ? this.evaluator.text(index!) : undefined)
          : undefined;
        const key = `${origin.key}[]`;
        const identity = indexValue && this.identityItem(indexValue, context);
        // A thread identity is its own key only where identityItem says so (not a name several threads are given).
        // `buffers[job, stream]`: several keys, one item (see combinedKey).
        const keys = target.children.length > 2 ? target.children.slice(1) : index?.type === 'tuple' || index?.type === 'expression_list' ? index.children : [];
        const ownSlot = indexValue && isThreadIdentity(indexValue) ? !!identity
          : index?.type === 'slice' ? this.ownSlice(index, context)
          : keys.length > 1 ? ownKeyOf(this.keysTuple(keys, context), base)
          : (index?.type === 'identifier' || index?.type === 'attribute' || index?.type === 'binary_operator') && !!indexValue && ownKeyOf(indexValue, base);
        const item = identity ?? constant;
        return { key, sharing: this.heldByThreadLocal(object, context) ? 'thread-local' : this.sharingOf(base, origin), text, ...(item ? { itemKey: `${key}${item}` } : {}), ...(ownSlot ? { ownSlot: true as const } : {}) };
      }
      case 'parenthesized_expression':
        return target.children[0] ? this.targetPlace(target.children[0], context) : undefined;
      default:
        return undefined;
    }
  }

  /**
   * A parameter of the function a start runs, in that function's own frame, never bound again there: what the start
   * gave it, for the one thread the start makes.
   */
  private givenToSoleThread(name: Syntax, context: Context): boolean {
    const { execution, frame } = context;
    const start = execution.start;
    if (execution.kind !== 'thread' || !start || Math.max(start.count.value, execution.instances) > 1 || !start.count.known) return false;
    const fn = frame.fn;
    // (Reading the body first makes its bindings known.)
    if (!fn?.body || context.stack.length !== 1) return false;
    const sites = fn.scope.bindings.get(this.evaluator.text(name))?.sites;
    return sites?.length === 1 && sites[0].kind === 'param';
  }

  /**
   * `results[threading.current_thread().name] += n`, `self.seen[threading.get_ident()]`: keyed by the identity of the
   * thread running this code, the item is one no thread of another start names (an item of its own, as a constant
   * key is), and each thread of this start has another. Threads reaching the container's items by other keys (a
   * supervisor looping over them) still meet it. Not so for a name the code gives several threads
   * (`Thread(target=poll, name="poller")` in a loop), nor for `self.name` of a Thread object read by a thread other
   * than its own. The item's name, or undefined.
   */
  private identityItem(key: Value, context: Context): string | undefined {
    const identity = key.kind === 'number' || key.kind === 'str' ? key.identity : undefined;
    if (!identity) return undefined;
    const { execution } = context;
    const start = execution.start;
    if (identity.of !== 'thread:current' && (execution.kind !== 'thread' || originOf(start?.self ?? UNKNOWN)?.key !== identity.of)) return undefined;
    if (identity.name && start && this.namesThreadsAlike(start, execution)) return undefined;
    return `{thread ${start ? start.id : execution.kind}${identity.name ? ' name' : ''}}`;
  }

  /** Does a start give its threads one name (`name="poller"` for each of several)? */
  private namesThreadsAlike(start: ThreadStart, execution: Execution): boolean {
    if (Math.max(start.count.value, execution.instances) <= 1) return false;
    const places = [start.call];
    const self = start.self?.kind === 'instance' ? start.self : undefined;
    if (self?.cls) {
      for (const cls of classChain(this.module, self.cls)) {
        const init = findMethod(this.module, cls, '__init__');
        if (init?.body) places.push(init.body);
      }
    }
    let alike = false;
    for (const place of places) {
      walk(place, (node) => {
        if (alike || (node !== place && NESTED_SCOPES.has(node.type))) return false;
        if (node.type !== 'keyword_argument' || this.evaluator.text(node.children[0]) !== 'name') return;
        const value = node.children[node.children.length - 1];
        alike = value?.type === 'string' && !value.children.some((child) => child.type === 'interpolation');
        return false;
      });
    }
    return alike;
  }

  private sharingOf(value: Value, origin: Origin): Sharing {
    if (this.isThreadLocal(value)) return 'thread-local';
    return origin.sharing;
  }

  /** A variable as a place: module globals and closure cells can be seen by other threads; locals cannot. */
  private namePlace(node: Syntax, context: Context): Place | undefined {
    const name = this.evaluator.text(node);
    const scope = scopeOf(this.module, node);
    const binding = resolveName(scope, name, this.module.scope);
    if (!binding) return undefined;
    if (binding.scope.kind === 'module') return { key: `g:${name}`, sharing: 'shared', text: name };
    if (binding.scope.kind !== 'function' || binding.scope === scope || binding.scope === context.frame.scope) return undefined;
    // A variable of an enclosing function: shared by the closures that run in other threads. One of the frame that
    // started this thread (a coroutine's `nonlocal finished` in the function it hands to `asyncio.to_thread`) is
    // shared with that frame and with the other threads of the start, whoever owned the frame.
    // (A frame a factory call made for this thread alone is its own: see ownTargetClosure.)
    const frame = this.evaluator.frameFor(binding.scope, context.frame);
    const sharing = frame.cellSharing === 'per-instance' ? 'per-instance' : this.isStartersFrame(frame, context) ? 'shared' : frame.cellSharing ?? frame.allocation;
    return { key: `f${frame.id}:${name}`, sharing, text: name };
  }

  private isStartersFrame(frame: Frame, context: Context): boolean {
    for (let at = context.execution.start?.closure; at; at = at.closure) if (at === frame) return true;
    return false;
  }

  /** The items of the object an expression refers to (`tasks` → the list's contents), when it has an identity. */
  private contentsPlace(node: Syntax, context: Context): Place | undefined {
    const value = this.evaluator.evaluate(node, context.frame);
    const origin = originOf(value);
    if (!origin) return undefined;
    return { key: `${origin.key}[]`, sharing: this.heldByThreadLocal(node, context) ? 'thread-local' : this.sharingOf(value, origin), text: this.evaluator.text(node) };
  }

  /**
   * `slots.table[ident]` with `slots` a `threading.local`: what a thread reaches through its own attributes is its own
   * (`self.table = {}` in the local's `__init__` runs once in each thread).
   */
  private heldByThreadLocal(node: Syntax | undefined, context: Context): boolean {
    for (let at = node; at && (at.type === 'attribute' || at.type === 'subscript'); at = at.children[0]) {
      if (at.type !== 'attribute' || !this.isThreadLocalBase(at.children[0], context)) continue;
      // `_local.stats = SHARED_STATS`: the attribute is the thread's, the module's dict it points to is not (an
      // object the local made itself, `self.table = {}` in its `__init__`, is named after it).
      const held = this.evaluator.evaluate(at, context.frame);
      const local = originOf(this.evaluator.evaluate(at.children[0], context.frame));
      const ownKey = (key: string) => !!local && (key.startsWith(`${local.key}.`) || key.startsWith(`${local.key}[`));
      return !(local && (held.kind === 'container' || held.kind === 'instance') && held.origin.sharing === 'shared' && !ownKey(held.origin.key));
    }
    return false;
  }

  /**
   * The state an expression reads. Variables and attributes are slots (`g:counter`, `self:A.balance`); a
   * container's items are `<object>[]`. For a test (`forRmw` false) a container read for its truth or size also reads
   * its items, so `if tasks: tasks.pop()` tests what the pop changes.
   */
  private placesRead(root: Syntax, context: Context, forRmw: boolean, skipDroppedCalls = false): Place[] {
    const places: Place[] = [];
    const pending: Syntax[] = [root];
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (NESTED_SCOPES.has(node.type) || COMPREHENSION_TYPES.has(node.type)) continue;
      if (skipDroppedCalls && node.type === 'expression_statement' && node.children.length === 1 && node.children[0].type === 'call') continue;
      if (node.type === 'identifier') {
        const parent = node.parent;
        // `obj.attr`: the attribute name is not a variable.
        if (parent?.type === 'attribute' && parent.children[parent.children.length - 1] === node) continue;
        if (parent?.type === 'keyword_argument' && parent.children[0] === node) continue;
        const slot = this.namePlace(node, context);
        if (slot) places.push(slot);
        // `if sess is not None:` tests which object the name holds, not what is in it.
        if (!forRmw && !this.isIdentityOperand(node)) {
          const contents = this.contentsPlace(node, context);
          if (contents) places.push(contents);
        }
        continue;
      }
      if (node.type === 'attribute' || node.type === 'subscript') {
        const place = this.targetPlace(node, context);
        if (place) places.push(place);
        if (node.type === 'attribute' && !forRmw) places.push(...this.propertyPlaces(node, context));
        // `if tasks.pending:` and `if sub in topics[name]:` test the items of what they name too.
        if (!forRmw && !this.isIdentityOperand(node)) {
          const contents = this.contentsPlace(node, context);
          if (contents) places.push(contents);
        }
      }
      // `if not self._lock.acquire(blocking=False):` takes the lock or says it is busy, in one step: no state is read
      // that another thread could change before the block acts.
      if (node.type === 'call' && this.acquiresLock(node, context)) continue;
      if (node.type === 'call' && !forRmw && this.isTake(node, context)) {
        // `while (url := self.urls.get()) is not None:`: the take is the act, done in one step; the test is of what it
        // got. Only its arguments are read.
        if (node.children[1]) pending.push(node.children[1]);
        continue;
      }
      if (node.type === 'call') {
        const callee = node.children[0];
        if (callee?.type === 'attribute' && callee.children[0]) {
          // `d.get(k)`, `d.setdefault(k)`, `q.count(x)`: reads of the container's items.
          const contents = this.contentsPlace(callee.children[0], context);
          if (contents) places.push(contents);
          // `if holds.get(isbn):` tests whether that item (a list) has items: `holds[isbn].pop(0)` relies on it.
          if (contents && !forRmw && this.evaluator.text(callee.children[callee.children.length - 1]) === 'get') {
            places.push({ ...contents, key: `${contents.key}[]` });
          }
        }
      }
      for (const child of node.children) pending.push(child);
    }
    return places;
  }

  /** The operator after the operand at `after` (`0 <= nx < GRID`: `<=` after 0, `<` after 1). */
  private operatorOf(node: Syntax, after = 0): string {
    return operatorOf(this.evaluator, node, after);
  }

  /** An operand of `is` or `is not` (`x is None`): the test reads the reference, never the object's contents. */
  private isIdentityOperand(node: Syntax): boolean {
    const comparison = node.parent;
    if (comparison?.type !== 'comparison_operator' || comparison.children.length !== 2) return false;
    return /^is(\s+not)?$/.test(this.operatorOf(comparison));
  }

  /**
   * `bucket.tokens` read through a property that returns `self._tokens`: a test of it tests `bucket._tokens`, the
   * state a `bucket._tokens -= cost` then changes.
   */
  private propertyPlaces(node: Syntax, context: Context): Place[] {
    const object = node.children[0];
    const base = object ? this.evaluator.evaluate(object, context.frame) : undefined;
    const origin = base && originOf(base);
    if (base?.kind !== 'instance' || !base.cls || !origin) return [];
    return this.getterPlaces(base, origin, this.evaluator.text(object!), this.evaluator.text(node.children[node.children.length - 1]), context, 0);
  }

  /**
   * The places a property's getter reads on its object (see propertyPlaces), through the properties it reads in turn
   * (`space` returning `self.capacity - self.level`, `level` summing `self.contents`), a few deep.
   */
  private getterPlaces(
    base: Extract<Value, { kind: 'instance' }>, origin: Origin, objectText: string, name: string, context: Context, depth: number,
  ): Place[] {
    const getter = base.cls ? findMethod(this.module, base.cls, name) : undefined;
    const selfName = getter?.params[0]?.name;
    if (!getter?.decorators.includes('property') || !selfName || !getter.body) return [];
    const places: Place[] = [];
    // What it returns reads its object's attributes: `return self._tokens`, `return self.value >= self.limit`.
    walk(getter.body, (at) => {
      if (NESTED_SCOPES.has(at.type)) return false;
      if (at.type !== 'return_statement' || !at.children[0]) return undefined;
      walk(at.children[0], (read) => {
        if (NESTED_SCOPES.has(read.type)) return false;
        const ofSelf = read.type === 'attribute' && read.children[0]?.type === 'identifier' && this.evaluator.text(read.children[0]) === selfName;
        if (!ofSelf || (read.parent?.type === 'call' && read.parent.children[0] === read)) return undefined;
        const attribute = this.evaluator.text(read.children[read.children.length - 1]);
        places.push({ key: `${origin.key}.${attribute}`, sharing: this.sharingOf(base, origin), text: `${objectText}.${attribute}` });
        if (depth < 3) places.push(...this.getterPlaces(base, origin, objectText, attribute, context, depth + 1));
        // `len(self.entries) >= self.capacity`: the size of a container it holds, changed by `entries[key] = image`;
        // `self.tools.get("gouge", 0)` and `self.tools["gouge"]`: an item of it, changed by `tools["gouge"] -= 1`.
        // `sum(n for _, n in self.contents)`: the items of what a comprehension goes through.
        const itemRead = (read.parent?.type === 'subscript' && read.parent.children[0] === read)
          || (read.parent?.type === 'attribute' && read.parent.parent?.type === 'call' && read.parent.parent.children[0] === read.parent
            && this.evaluator.text(read.parent.children[read.parent.children.length - 1]) === 'get')
          || (read.parent?.type === 'for_in_clause' && read.parent.children[1] === read);
        if (read.parent?.type === 'argument_list' || itemRead) {
          const held = this.evaluator.memberOf(base, attribute, context.frame);
          const heldOrigin = held.kind === 'container' ? originOf(held) : undefined;
          if (heldOrigin) places.push({ key: `${heldOrigin.key}[]`, sharing: this.sharingOf(held, heldOrigin), text: `${objectText}.${attribute}` });
          // A container the model does not see made (a dataclass's `field(default_factory=list)`): its items are
          // named after the attribute, as `room.players.append(p)` names them.
          else places.push({ key: `${origin.key}.${attribute}[]`, sharing: this.sharingOf(base, origin), text: `${objectText}.${attribute}` });
        }
        return false;
      });
      return false;
    });
    return places;
  }

  // ----- locks -----

  /** `x.acquire()` / `x.release()` as a statement or a condition, with the lock's identity. */
  private lockCallOf(node: Syntax, context: Context): { method: 'acquire' | 'release'; key: string } | undefined {
    return this.lockCallIn(node, context.frame, context.execution.kind === 'thread');
  }

  private lockCallIn(node: Syntax, frame: Frame, inThread = false): { method: 'acquire' | 'release'; key: string } | undefined {
    let expression = node;
    if (expression.type === 'expression_statement') expression = expression.children[0] ?? expression;
    if (expression.type === 'assignment') expression = assignmentParts(expression).right ?? expression;
    if (expression.type === 'not_operator') return undefined;
    if (expression.type !== 'call') return undefined;
    const callee = expression.children[0];
    if (callee?.type !== 'attribute') return undefined;
    const method = this.evaluator.text(callee.children[callee.children.length - 1]);
    if (method !== 'acquire' && method !== 'release') return undefined;
    const receiver = callee.children[0];
    if (!receiver) return undefined;
    const value = this.evaluator.evaluate(receiver, frame);
    // `bucket.acquire()` on a rate limiter of this file waits for a token, and `manager.acquire(name)` on a resource
    // manager hands out a handle: neither takes a lock.
    if (value.kind === 'instance' && value.cls && acquiresNoLock(this.module, value.cls)) return undefined;
    // A Semaphore(3) lets three threads in at once: holding it excludes nobody.
    if (value.kind === 'instance' && value.type && SEMAPHORE_TYPES.has(canonicalType(value.type)) && !semaphoreIsMutex(this.evaluator, value)) return undefined;
    if (this.isCallLocalLock(receiver, frame)) return undefined;
    const key = this.threadingLockKey(value) ?? `${APPROXIMATE_LOCK}${originOf(value)?.key ?? this.evaluator.text(receiver)}`;
    return { method, key: ownLock(value, inThread) ? `${OWN_LOCK}${key}` : key };
  }

  /**
   * The identity of a threading lock object: its own, or for a `Condition(lock)` the lock it wraps (`with cond:` holds
   * that lock). Undefined for anything else.
   */
  private threadingLockKey(value: Value): string | undefined {
    if (value.kind !== 'instance' || !value.type) return undefined;
    const type = canonicalType(value.type);
    if (!LOCK_TYPES.has(type) && !SEMAPHORE_TYPES.has(type)) return undefined;
    if (type === 'threading.Condition' && value.ctor) {
      const inner = this.evaluator.constructorArgs(value.ctor).positional[0]?.value;
      if (inner?.kind === 'instance' && inner.type && LOCK_TYPES.has(canonicalType(inner.type))) return this.threadingLockKey(inner) ?? inner.origin.key;
    }
    return value.origin.key;
  }

  /**
   * `guard = threading.Lock()` then `with guard:` in the same function, the name used for nothing else: each call
   * makes a lock of its own, so holding it keeps no other thread out.
   */
  private isCallLocalLock(expression: Syntax, frame: Frame): boolean {
    const fn = frame.fn;
    if (expression.type !== 'identifier' || !fn?.body || fn.isLambda) return false;
    const name = this.evaluator.text(expression);
    const binding = resolveName(scopeOf(this.module, expression), name, this.module.scope);
    const site = binding?.sites.length === 1 ? binding.sites[0] : undefined;
    if (binding?.scope.kind !== 'function' || binding.scope.fn !== fn || site?.kind !== 'assign' || site.value?.type !== 'call' || site.iterable) {
      return false;
    }
    // Made by this very call (`threading.Lock()`), not taken from elsewhere (`locks.setdefault(key, Lock())`).
    const made = this.evaluator.evaluate(site.value, frame);
    if (made.kind !== 'instance' || made.origin.site !== site.value) return false;
    let escapes = false;
    walk(fn.body, (node) => {
      if (escapes) return false;
      if (node.type !== 'identifier' || node === site.target || this.evaluator.text(node) !== name) return undefined;
      const parent = node.parent;
      const method = parent?.type === 'attribute' && parent.children[0] === node ? this.evaluator.text(parent.children[parent.children.length - 1]) : '';
      escapes = parent?.type !== 'with_item' && !LOCK_METHODS.has(method);
      return undefined;
    });
    return !escapes;
  }


  /**
   * `got = lock.acquire(timeout=0.01)` (or `blocking=False`) not followed by a test of `got`: the acquire may have
   * failed, and the code after it runs either way, so it holds no lock (`if got: lock.release()` in a `finally`).
   */
  private mayNotHold(statement: Syntax, statements: readonly Syntax[]): boolean {
    const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
    if (assignment?.type !== 'assignment') return false;
    const { left, right } = assignmentParts(assignment);
    if (left?.type !== 'identifier' || right?.type !== 'call') return false;
    const failable = (right.children[1]?.children ?? []).some((arg) => {
      const text = this.evaluator.text(arg).replace(/\s+/g, '');
      return text === 'False' || text === '0' || text.startsWith('blocking=') || text.startsWith('timeout=');
    });
    if (!failable) return false;
    const name = this.evaluator.text(left);
    // The test may open a `try` whose `finally` releases (`try: if not got: return False`).
    const following = statements[statements.indexOf(statement) + 1];
    const next = following?.type === 'try_statement' ? childOfType(following, 'block')?.children[0] : following;
    const condition = next?.type === 'if_statement' ? next.children[0] : undefined;
    const tested = condition?.type === 'not_operator' ? condition.children[0] : condition;
    return !(tested?.type === 'identifier' && this.evaluator.text(tested) === name);
  }

  /** `not got` with `got = lock.acquire(...)` in this function: the lock's key (the test is true when it failed). */
  private failedAcquireTest(condition: Syntax | undefined, context: Context): string | undefined {
    const name = condition?.type === 'not_operator' ? condition.children[0] : undefined;
    if (name?.type !== 'identifier' || context.locks.length === 0) return undefined;
    const binding = resolveName(scopeOf(this.module, name), this.evaluator.text(name), this.module.scope);
    for (const site of binding?.sites ?? []) {
      const call = site.kind === 'assign' && site.value?.type === 'call' ? this.lockCallOf(site.value, context) : undefined;
      if (call?.method === 'acquire' && context.locks.includes(call.key)) return call.key;
    }
    return undefined;
  }

  /** The locks a try statement's `finally` releases, statement by statement. */
  private finallyReleases(statement: Syntax, context: Context): string[] {
    const finallyBlock = childOfType(childOfType(statement, 'finally_clause') ?? statement, 'block');
    if (!finallyBlock || finallyBlock.parent === statement) return [];
    return finallyBlock.children.flatMap((inner) => {
      const call = this.lockCallOf(inner, context) ?? this.lockHandedOver(inner, context);
      return call?.method === 'release' ? [call.key] : [];
    });
  }

  /** The locks every branch of an `if` with an `else` releases, of the branches that go on past it. */
  private branchesRelease(statement: Syntax, context: Context): string[] {
    const blocks = [childOfType(statement, 'block')];
    for (const clause of statement.children) {
      if (clause.type === 'elif_clause' || clause.type === 'else_clause') blocks.push(childOfType(clause, 'block'));
    }
    if (!statement.children.some((clause) => clause.type === 'else_clause')) return [];
    let released: string[] | undefined;
    for (const block of blocks) {
      if (!block) return [];
      const last = block.children[block.children.length - 1];
      if (last && ['return_statement', 'raise_statement', 'continue_statement', 'break_statement'].includes(last.type)) continue;
      const here = block.children.flatMap((inner) => {
        const call = this.lockCallOf(inner, context) ?? this.lockHandedOver(inner, context);
        return call?.method === 'release' ? [call.key] : [];
      });
      released = released ? released.filter((key) => here.includes(key)) : here;
    }
    return released ?? [];
  }

  /** `if not lock.acquire(timeout=1): return`: past this `if`, the lock is held. */
  private acquiredUnlessLeft(statement: Syntax, context: Context): { method: 'acquire'; key: string } | undefined {
    const condition = statement.children[0];
    if (!isGuard(statement) || condition?.type !== 'not_operator' || !condition.children[0]) return undefined;
    const call = this.lockCallOf(condition.children[0], context);
    return call?.method === 'acquire' ? { method: 'acquire', key: call.key } : undefined;
  }

  /**
   * `sink.begin(header)` with `begin` taking `self._lock` and never releasing it, then `sink.end()` releasing it: a
   * method that hands its object's lock to its caller, or takes it back. Held in between, as after `acquire()`.
   */
  private lockHandedOver(statement: Syntax, context: Context): { method: 'acquire' | 'release'; key: string } | undefined {
    let call = statement.type === 'expression_statement' ? statement.children[0] : undefined;
    if (call?.type === 'assignment') call = assignmentParts(call).right;
    const callee = call?.type === 'call' ? call.children[0] : undefined;
    const receiver = callee?.type === 'attribute' ? callee.children[0] : undefined;
    if (!callee || !receiver) return undefined;
    // Only a method of this file that says acquire or release, or waits on or wakes a condition (a gate it builds
    // of a flag, see flagGate), is worth evaluating the receiver for.
    if (!this.lockingMethodNamed(this.evaluator.text(callee.children[callee.children.length - 1]))) return undefined;
    const object = this.evaluator.evaluate(receiver, context.frame);
    if (object.kind !== 'instance' || !object.cls) return undefined;
    const method = findMethod(this.module, object.cls, this.evaluator.text(callee.children[callee.children.length - 1]));
    const self = method?.params[0]?.name;
    if (!method?.body || method.isLambda || !self || method.decorators.length > 0) return undefined;
    // Its own statements, one level deep: `self._lock.acquire()` or `self._lock.release()`, and nothing else that locks.
    const lockCalls = method.body.children.flatMap((inner) => {
      const expression = inner.type === 'expression_statement' ? inner.children[0] : undefined;
      const target = expression?.type === 'call' ? expression.children[0] : undefined;
      const lock = target?.type === 'attribute' ? target.children[0] : undefined;
      if (lock?.type !== 'attribute' || lock.children[0]?.type !== 'identifier' || this.evaluator.text(lock.children[0]) !== self) return [];
      const name = this.evaluator.text(target!.children[target!.children.length - 1]);
      return name === 'acquire' || name === 'release' ? [{ name, attribute: this.evaluator.text(lock.children[lock.children.length - 1]) }] : [];
    });
    if (lockCalls.length !== 1) {
      const gate = this.flagGate(method.body, self);
      return gate && { method: gate.name, key: `${originOf(object)?.key ?? this.evaluator.text(receiver)}.${gate.attribute}` };
    }
    const [{ name, attribute }] = lockCalls;
    // Nothing else in it takes or gives back a lock, in a `with` or a call.
    let others = 0;
    walk(method.body, (node) => {
      if (NESTED_SCOPES.has(node.type)) return false;
      const called = node.type === 'call' && node.children[0]?.type === 'attribute' ? this.evaluator.text(node.children[0].children[node.children[0].children.length - 1]) : '';
      if (node.type === 'with_statement' || called === 'acquire' || called === 'release') others++;
      return undefined;
    });
    if (others !== 1) return undefined;
    return { method: name as 'acquire' | 'release', key: `${originOf(object)?.key ?? this.evaluator.text(receiver)}.${attribute}` };
  }

  /** Is a method of that name in this file one that says acquire, release, wait or notify? (Kept by name.) */
  private lockingMethodNamed(name: string): boolean {
    this.lockWords ??= this.hits(/\b(acquire|release|wait|notify|notify_all)\b/g);
    const named = this.namedInFile(name);
    let known = this.lockingMethods.get(name);
    // Functions join the file's list as the bodies around them are built: a longer list is looked at again.
    if (known?.count !== named.length) {
      known = { count: named.length, any: named.some((fn) => !!fn.cls && this.lockWords!.within(fn.node.start, fn.node.end)) };
      this.lockingMethods.set(name, known);
    }
    return known.any;
  }

  private readonly lockingMethods = new Map<string, { count: number; any: boolean }>();

  /**
   * A lock a class builds of a flag and a condition, as a readers-writer lock's write side does: taking it waits
   * until the flag (and whatever else the test names) lets it in, then raises the flag; giving it back lowers the
   * flag and wakes the waiters. Between the two the caller holds it as it would a lock named by the flag:
   *
   *     with self._cond:                        with self._cond:
   *         while self._writer or self._readers:     self._writer = False
   *             self._cond.wait()                    self._cond.notify_all()
   *         self._writer = True
   *
   * A count raised instead of a flag (the read side) lets many threads in: no lock.
   */
  private flagGate(body: Syntax, self: string): { name: 'acquire' | 'release'; attribute: string } | undefined {
    const [guarded] = body.children;
    if (body.children.length !== 1 || guarded.type !== 'with_statement') return undefined;
    const item = guarded.children.find((child) => child.type === 'with_clause')?.children[0]?.children[0];
    const block = guarded.children[guarded.children.length - 1];
    const condition = item && this.selfAttribute(item, self);
    if (!condition || block?.type !== 'block') return undefined;
    const statements = block.children.filter((child) => child.type !== 'comment');
    // `self.<attribute> = True` or `= False`, as a statement.
    const flagSet = (statement: Syntax | undefined): { attribute: string; raised: boolean } | undefined => {
      const assignment = statement?.type === 'expression_statement' ? statement.children[0] : undefined;
      if (assignment?.type !== 'assignment') return undefined;
      const { left, right } = assignmentParts(assignment);
      const attribute = left && this.selfAttribute(left, self);
      const value = right && this.evaluator.text(right);
      return attribute && (value === 'True' || value === 'False') ? { attribute, raised: value === 'True' } : undefined;
    };
    // `self.<condition>.<method>(...)`, as a statement.
    const conditionCall = (statement: Syntax | undefined, methods: readonly string[]): boolean => {
      const call = statement?.type === 'expression_statement' ? statement.children[0] : undefined;
      const callee = call?.type === 'call' ? call.children[0] : undefined;
      if (callee?.type !== 'attribute' || !methods.includes(this.evaluator.text(callee.children[callee.children.length - 1]))) return false;
      return this.selfAttribute(callee.children[0], self) === condition;
    };
    const last = flagSet(statements[statements.length - 1]);
    const loop = statements[0];
    if (statements.length === 2 && loop.type === 'while_statement' && last?.raised) {
      const [test, loopBody] = loop.children;
      const waits = loopBody?.type === 'block' && loopBody.children.length === 1 && conditionCall(loopBody.children[0], ['wait']);
      let named = false;
      walk(test, (node) => {
        if (this.selfAttribute(node, self) === last.attribute) named = true;
        return undefined;
      });
      return waits && named ? { name: 'acquire', attribute: last.attribute } : undefined;
    }
    const lowered = statements.map(flagSet).filter((set) => set && !set.raised);
    const wakes = statements.filter((statement) => conditionCall(statement, ['notify', 'notify_all'])).length;
    if (lowered.length === 1 && wakes >= 1 && lowered.length + wakes === statements.length) return { name: 'release', attribute: lowered[0]!.attribute };
    return undefined;
  }

  /** The attribute name of `self.<name>`, or undefined for anything else. */
  private selfAttribute(node: Syntax, self: string): string | undefined {
    if (node.type !== 'attribute' || node.children[0]?.type !== 'identifier' || this.evaluator.text(node.children[0]) !== self) return undefined;
    return this.evaluator.text(node.children[node.children.length - 1]);
  }

  /** The identity of a lock used in `with`, or undefined when the object is not a lock. */
  private lockKey(value: Value, expression: Syntax, frame?: Frame): string | undefined {
    if (value.kind === 'instance' && value.type) {
      const type = canonicalType(value.type);
      if (LOCK_TYPES.has(type)) return this.threadingLockKey(value);
      if (SEMAPHORE_TYPES.has(type)) return semaphoreIsMutex(this.evaluator, value) ? value.origin.key : undefined;
      return undefined;
    }
    // The rest stand for a lock they take somewhere inside: which one, the key does not say (see APPROXIMATE_LOCK).
    if (value.kind === 'instance' && value.cls) {
      // A class of this file used as a context manager that takes a lock in __enter__.
      const enter = findMethod(this.module, value.cls, '__enter__');
      if (enter?.body && this.takenInEnter(enter).length > 0 && !this.entersOnlySemaphores(enter, value)) return `${APPROXIMATE_LOCK}${value.origin.key}`;
      return undefined;
    }
    // `with self.locked():` in a mixin: the method the object has, seen from where the `with` runs.
    const callee = expression.type === 'call' ? expression.children[0] : undefined;
    const helpers = callee ? [this.evaluator.evaluate(callee, this.evaluator.moduleFrame), ...frame ? [this.evaluator.evaluate(callee, frame)] : []] : [];
    const helper = helpers.find((each) => each.kind === 'function' && this.locksAroundYield(each.fn))
      // `with self.ward_key(ward):` of one that holds `ward.key` where it yields: the lock its arguments name.
      ?? (frame && expression.type === 'call' ? helpers.find((each) => each.kind === 'function' && this.unnamedManagers.has(each.fn)
        && this.locksAroundYield(each.fn, this.calledWith(each, expression, frame))) : undefined);
    if (helper?.kind === 'function') return `${APPROXIMATE_LOCK}${helper.fn.name}()`;
    if (value.kind === 'unknown' || value.kind === 'external') {
      const text = this.evaluator.text(expression);
      if (LOCKISH_NAME.test(text.split('(')[0])) return `${APPROXIMATE_LOCK}${originOf(value)?.key ?? text}`;
    }
    return undefined;
  }

  /**
   * What an `__enter__` takes: the receivers of its `x.acquire()` calls, or of `x.__enter__()` (a lock entered by
   * hand, `self._lock.__enter__()`).
   */
  private takenInEnter(enter: FunctionInfo): Syntax[] {
    return this.callsIn(enter.body).filter(({ name, callee }) => (name === 'acquire' || name === '__enter__') && callee?.type === 'attribute').map(({ callee }) => callee!.children[0]!);
  }

  /**
   * Does this `__enter__`, on this object, take only semaphores that let several threads in (`self.pool._slots =
   * BoundedSemaphore(4)`)? Then what runs inside the `with` is not kept apart. Receivers it cannot tell are taken
   * for locks.
   */
  /**
   * A guard object of a class of this file, made by the thread (`with Guard(self._lock, name) as guard:`), whose
   * `__enter__` takes a lock the thread did not make: that lock keeps other threads out, whoever owns the guard.
   */
  private entersSharedLock(guard: Value): boolean {
    const enter = guard.kind === 'instance' && guard.cls && !guard.type ? findMethod(this.module, guard.cls, '__enter__') : undefined;
    if (!enter?.body) return false;
    const frame = new Frame(enter, enter.scope, this.evaluator.bindArguments(enter, NO_ARGS, guard), this.closureFor(enter), 'shared', false);
    return this.takenInEnter(enter).some((receiver) => {
      const taken = this.evaluator.evaluate(receiver, frame);
      return taken.kind === 'instance' && !!taken.type && LOCK_TYPES.has(canonicalType(taken.type)) && taken.origin.sharing === 'shared';
    });
  }

  private entersOnlySemaphores(enter: FunctionInfo, self: Value): boolean {
    const frame = new Frame(enter, enter.scope, this.evaluator.bindArguments(enter, NO_ARGS, self), this.closureFor(enter), 'shared', false);
    const receivers = this.takenInEnter(enter);
    return receivers.length > 0 && receivers.every((receiver) => {
      const taken = this.evaluator.evaluate(receiver, frame);
      return taken.kind === 'instance' && !!taken.type && SEMAPHORE_TYPES.has(canonicalType(taken.type)) && !semaphoreIsMutex(this.evaluator, taken);
    });
  }

  /**
   * A `@contextmanager` generator that holds a lock where it yields (`with second.lock: yield`, or `first.lock.acquire()`
   * before a `try: yield`): the caller's `with helper(...):` block runs under it. Read with unknown arguments, or
   * with those of one call (`called`: `with ward.key: yield` holds the lock of the ward that call gives).
   */
  private locksAroundYield(fn: FunctionInfo, called?: Frame): boolean {
    let known = called ? undefined : this.lockingManagers.get(fn);
    if (known !== undefined) return known;
    known = false;
    if (fn.body && !fn.isAsync && fn.decorators.some((text) => /^(contextlib\.)?contextmanager$/.test(text.trim()))) {
      let yielded: Syntax | undefined;
      walk(fn.body, (node) => {
        if (yielded || NESTED_SCOPES.has(node.type)) return false;
        if (node.type === 'yield') yielded = node;
        return !yielded;
      });
      const frame = called ?? this.evaluator.genericFrame(fn);
      for (let at = yielded?.parent; at && at !== fn.body && !known; at = at.parent) {
        if (at.type !== 'with_statement') continue;
        for (const item of childOfType(at, 'with_clause')?.children ?? []) {
          const expression = item.children[0]?.type === 'as_pattern' ? item.children[0].children[0] : item.children[0];
          if (!expression || expression.type === 'call') continue;
          const entered = this.evaluator.evaluate(expression, frame);
          if (this.lockKey(entered, expression)) known = true;
          // (`with ward.key:` of a parameter: each call's arguments may name a lock; see lockKey.)
          else if (!called && entered.kind === 'unknown') this.unnamedManagers.add(fn);
        }
      }
      // `lock.acquire()` as a statement of the body before the yield's statement, or `if not lock.acquire(timeout=t):
      // raise TimeoutError(...)`, past which the lock is held.
      if (yielded && !known) {
        known = fn.body.children.some((statement) => statement.end <= yielded!.start && (this.lockCallIn(statement, frame)?.method === 'acquire'
          || this.acquiredOrLeaves(statement, frame)));
      }
    }
    if (!called) this.lockingManagers.set(fn, known);
    return known;
  }

  /** The frame a call runs a function of this file in, its arguments read where the call is. */
  private calledWith(callee: Extract<Value, { kind: 'function' }>, call: Syntax, frame: Frame): Frame {
    const fn = callee.fn;
    return new Frame(fn, fn.scope, this.evaluator.bindArguments(fn, this.evaluator.callArgs(call, frame), callee.self), callee.closure ?? this.closureFor(fn), 'shared', false);
  }

  private readonly lockingManagers = new Map<FunctionInfo, boolean>();
  /** Context managers that hold no lock the model can name with unknown arguments, but enter something unnamed. */
  private readonly unnamedManagers = new Set<FunctionInfo>();

  /** `if not lock.acquire(timeout=t): raise TimeoutError(...)` (or return): past it, the lock is held. */
  private acquiredOrLeaves(statement: Syntax, frame: Frame): boolean {
    const condition = statement.type === 'if_statement' ? statement.children[0] : undefined;
    const block = statement.type === 'if_statement' ? childOfType(statement, 'block') : undefined;
    const last = block?.children[block.children.length - 1];
    if (condition?.type !== 'not_operator' || !condition.children[0] || statement.children.some((child) => child.type === 'else_clause' || child.type === 'elif_clause')) return false;
    return (last?.type === 'raise_statement' || last?.type === 'return_statement') && this.lockCallIn(condition.children[0], frame)?.method === 'acquire';
  }

  // ----- work items and counts -----

  /** Calls that run one of several functions (see WorkItem.alternative). */
  private readonly callsOfSeveral = new Set<Syntax>();

  /**
   * Rounds of a start walked one by one in one frame's record (`render = PASSES[tile.kind]` for each tile) can reach a
   * different function at one call: each is then one of several the call may run (see WorkItem.alternative), the one
   * already recorded too.
   */
  private noteRoundsReach(call: Syntax, fn: FunctionInfo, context: Context): void {
    let reached = this.reachedIn.get(context.record);
    if (!reached) this.reachedIn.set(context.record, (reached = new Map()));
    const before = reached.get(call);
    reached.set(call, fn);
    if (!before || before === fn || this.callsOfSeveral.has(call)) return;
    this.callsOfSeveral.add(call);
    const mark = (items: WorkItem[] | undefined) => items?.forEach((item, at) => {
      if (item.kind === 'call' && item.node === context.statement && item.callee?.fn === before) items[at] = { ...item, alternative: true };
    });
    mark(context.record.items);
    mark(context.loopCalls);
  }

  private readonly reachedIn = new WeakMap<FrameRecord, Map<Syntax, FunctionInfo>>();

  private recordItem(
    node: Syntax, kind: WorkItem['kind'], work: Work, context: Context, iterations?: Estimate, callee?: FrameRecord, inner?: WorkItem[],
    alternative = false,
  ): void {
    // Only the outermost pieces of a frame: what is inside a loop is part of the loop's work (its calls are noted).
    const once = context.once ? { once: true as const } : {};
    if (context.loops.length > 0) {
      if (kind === 'call' && callee) context.loopCalls?.push({ node, kind, work, callee, ...(alternative ? { alternative: true as const } : {}), ...once });
      // A loop right inside the outermost one (a worker's pass over the batch it took): one round's loop.
      else if (kind === 'loop' && context.loops.length === 1) context.loopCalls?.push({ node, kind, work, iterations, ...once });
      return;
    }
    context.record.items.push({ node, kind, work, iterations, callee, ...(inner && inner.length > 0 ? { inner } : {}), ...(alternative ? { alternative: true as const } : {}), ...once });
  }

  private iterationsOf(iterable: Value, node: Syntax | undefined, context: Context): Estimate {
    const length = lengthOf(iterable) ?? this.evaluator.fileLines(iterable);
    if (length !== undefined && Number.isFinite(length)) return { value: Math.max(0, length), known: true };
    const text = node ? this.evaluator.text(node) : 'the iterable';
    // A filtered comprehension keeps no more than it runs over, a dict filled in a counted loop no more keys than it
    // stores: all of it, at worst. A zip runs as long as its inputs of known length, as zipped sequences usually match.
    if (iterable.kind === 'container' && iterable.atMost !== undefined && Number.isFinite(iterable.atMost)) {
      const shown = text.length > 40 ? `${text.slice(0, 37)}…` : text;
      const count = iterable.atMost.toLocaleString('en-US');
      const zipped = node?.type === 'call' && node.children[0]?.type === 'identifier' && this.evaluator.text(node.children[0]) === 'zip';
      const assumption = zipped ? `assumed \`${shown}\` runs to the ${count} items of its shortest known input`
        : iterable.guessedGroups ? `assumed \`${shown}\` holds ${count} groups sharing the items stored (which keys come is not known)`
        : `${BOUND_PREFIX}${count} items \`${shown}\` can hold`;
      return { value: iterable.atMost, known: false, assumption };
    }
    // `history + fresh` with `fresh` filled by threads: all of `history` at least, when that is more than a guess.
    if (iterable.kind === 'container' && iterable.atLeast !== undefined && iterable.atLeast > ASSUMED_ITERATIONS) {
      const shown = text.length > 40 ? `${text.slice(0, 37)}…` : text;
      return { value: iterable.atLeast, known: false, assumption: `assumed \`${shown}\` holds no more than the ${iterable.atLeast.toLocaleString('en-US')} items known to be in it` };
    }
    // `blob * 400`: four hundred copies of a text of some length, a line's or so (a ticket's text, a short repr).
    if (iterable.kind === 'str' && !iterable.bytes && iterable.copies) {
      return this.damped({
        value: ASSUMED_COPY_CHARS * iterable.copies, known: false, guessed: 1,
        assumption: `assumed ${ASSUMED_COPY_CHARS} characters in each of the ${iterable.copies.toLocaleString('en-US')} copies in \`for … in ${text.length > 40 ? `${text.slice(0, 37)}…` : text}\``,
      }, !!context.multiplier.guessed);
    }
    // Bytes of unknown size are a file's or a response's contents: kilobytes, not a thousand.
    if (iterable.kind === 'str' && iterable.bytes) {
      return this.damped({
        value: ASSUMED_BYTES, known: false, guessed: 1,
        assumption: `assumed ${ASSUMED_BYTES / 1024} KiB for \`for … in ${text.length > 40 ? `${text.slice(0, 37)}…` : text}\``,
      }, !!context.multiplier.guessed);
    }
    // `for start in range(0, len(blob), CHUNK):` over bytes of unknown size: kilobytes of them, a step at a time.
    const stepped = node ? this.bytesSteps(node, context) : undefined;
    if (stepped) {
      return this.damped({
        value: stepped.rounds, known: false, guessed: 1,
        assumption: `assumed ${ASSUMED_BYTES / 1024} KiB in \`${stepped.text}\`, ${stepped.rounds.toLocaleString('en-US')} steps of \`for … in ${text.length > 40 ? `${text.slice(0, 37)}…` : text}\``,
      }, !!context.multiplier.guessed);
    }
    // `for handler in self._handlers.get(kind, ()):` of a container the file stores functions in: those functions.
    // (A copy, `list(self._handlers.get(kind, ()))`, is known by its items, which are the container's.)
    const holder = iterable.kind === 'container' ? iterable.holds?.key ?? iterable.origin.key : iterable.kind === 'unknown' ? iterable.origin?.key : undefined;
    const itemKey = this.callablesIn.size > 0 ? originOf(elementOf(iterable))?.key : undefined;
    const byClass = this.callablesIn.size > 0 && node ? this.attributeHolder(node, context.frame) : undefined;
    const handlers = (holder ? this.callablesIn.get(withoutKeys(holder)) : undefined) ?? (itemKey ? this.callablesIn.get(withoutKeys(itemKey)) : undefined)
      ?? (byClass ? this.callablesIn.get(byClass) : undefined);
    if (handlers) {
      const shown = text.length > 40 ? `${text.slice(0, 37)}…` : text;
      return { value: handlers.size, known: false, assumption: storedFunctionsNote(shown, handlers.size) };
    }
    // `for nxt, w in graph[node]:` right inside a search's loop (see isSearch): the neighbours of the place it
    // took, a few, as in the grids and road maps such searches walk. Their number times the places is the edges.
    const searching = context.loops.at(-1);
    const searchBody = searching?.type === 'while_statement' ? childOfType(searching, 'block') : undefined;
    if (searching && searchBody && this.isSearch(searching.children[0], searchBody) && node?.type === 'subscript') {
      return {
        value: ASSUMED_NEIGHBOURS, known: false, guessed: 1,
        assumption: `assumed ${ASSUMED_NEIGHBOURS} neighbours for \`for … in ${text.length > 40 ? `${text.slice(0, 37)}…` : text}\` in the search at line ${this.line(searching)}`,
      };
    }
    return this.damped({
      value: ASSUMED_ITERATIONS, known: false, guessed: 1,
      assumption: `assumed ${ASSUMED_ITERATIONS.toLocaleString('en-US')} iterations for \`for … in ${text.length > 40 ? `${text.slice(0, 37)}…` : text}\``,
    }, !!context.multiplier.guessed);
  }

  /** `while not lock.acquire(timeout=0.05):` (or `acquire(True, 0.05)`): a round after the first waited out the timeout. */
  private retriesTimedAcquire(condition: Syntax | undefined): boolean {
    const call = condition?.type === 'not_operator' ? condition.children[0] : undefined;
    const callee = call?.type === 'call' ? call.children[0] : undefined;
    if (callee?.type !== 'attribute' || lastName(this.evaluator, callee) !== 'acquire') return false;
    const args = call!.children[1]?.children ?? [];
    return args.some((arg, i) => (arg.type === 'keyword_argument' ? this.evaluator.text(arg.children[0]!) === 'timeout' : i === 1));
  }

  /**
   * A guessed count of rounds that each wait (a line a handler reads, a page a crawler fetches): a thousand waits of
   * milliseconds make a demo run for minutes, which the file does not say; counted as the square root, as a guess
   * inside another guess is.
   */
  private dampedWaiting(estimate: Estimate, perIteration: Work, context: Context, retries = false): Estimate {
    const waiting = !context.multiplier.guessed && (perIteration.sleepSeconds > 0 || perIteration.blocks > 0 || retries);
    return this.damped(estimate, waiting, 'as each round waits');
  }

  /**
   * For the workload: a guessed count nested in (or around) another guessed count counts as its square root. Guesses
   * multiplied in full make a monitor sweeping a registry of unknown size, a thousand rounds over a thousand items
   * over a thousand more, run for twenty minutes; each guess is meant as "some", and some of some is not a million.
   * The rules keep the full guesses (GIL001 already declines to judge a loop resting on stacked ones).
   */
  private damped(estimate: Estimate, nested: boolean, why = 'inside another loop of guessed size'): Estimate {
    if (!this.limits.workload || !estimate.guessed || !nested) return estimate;
    const value = Math.max(1, Math.round(Math.sqrt(estimate.value)));
    return { ...estimate, value, assumption: `${estimate.assumption}, counted as ${value.toLocaleString('en-US')} ${why}` };
  }

  /** 1-based line of a node. */
  private line(node: Syntax): number {
    return this.module.lines.lineAt(node.start) + 1;
  }

}

/**
 * Does this body put a parameter, or an attribute of one, into a container: a dict literal's value or a keyed
 * store (`{"rebuild": indexer.rebuild}`, `jobs[name] = handler`)? Nested functions aside.
 */
function keepsParameter(body: Syntax | undefined, params: ReadonlySet<string>, text: (node: Syntax) => string): boolean {
  const rootedInParameter = (node: Syntax | undefined): boolean => {
    let at = node;
    while (at?.type === 'attribute') at = at.children[0];
    return at?.type === 'identifier' && params.has(text(at));
  };
  const pending: Syntax[] = body ? [body] : [];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (NESTED_SCOPES.has(node.type)) continue;
    if (node.type === 'pair' && rootedInParameter(node.children[1])) return true;
    if (node.type === 'assignment') {
      const { left, right } = assignmentParts(node);
      // `jobs[name] = fn`, or a row holding it: `jobs[name] = (interval, fn)`.
      if (left?.type === 'subscript' && right && keptParts(right, text).some(rootedInParameter)) return true;
    }
    pending.push(...node.children);
  }
  return false;
}

/**
 * The values a stored expression keeps: itself, the items of a row (`(interval, fn)`), or of rows joined by `+`
 * (`handlers.get(kind, ()) + (handler,)`).
 */
function keptParts(node: Syntax, text: (node: Syntax) => string): Syntax[] {
  if (node.type === 'tuple' || node.type === 'list') return node.children;
  const [left, right] = node.children;
  if (node.type === 'binary_operator' && left && right && text(node).slice(left.end - node.start, right.start - node.start).trim() === '+') {
    return [...keptParts(left, text), ...keptParts(right, text)];
  }
  return [node];
}

/** A loop target that unpacks (`for i, item in ...`, `for (k, v) in ...`). */
function isPairTarget(target: Syntax | undefined): target is Syntax {
  return !!target && (target.type === 'tuple' || target.type === 'pattern_list' || target.type === 'tuple_pattern');
}

/** `if <test>: return` (or raise, continue, break) with no other branch: what follows runs only when the test failed. */
function isGuard(statement: Syntax): boolean {
  if (statement.type !== 'if_statement' || statement.children.some((c) => c.type === 'elif_clause' || c.type === 'else_clause')) return false;
  const block = childOfType(statement, 'block');
  const last = block?.children[block.children.length - 1];
  return !!last && ['return_statement', 'raise_statement', 'continue_statement', 'break_statement'].includes(last.type);
}

/** A divisor search's expected rounds (see searchRounds), with the assumption that says so. */
function searchEstimate(rounds: number, line: number): Estimate {
  return {
    value: rounds, known: false,
    assumption: `about ${rounds.toLocaleString('en-US')} rounds of the loop at line ${line}, a search for a divisor that stops at the first it finds (most numbers have a small one)`,
  };
}

/** An escape-time loop's expected rounds out of its bound (see escapesEarly), with the assumption that says so. */
function escapeEstimate(bound: number, line: number): Estimate {
  const rounds = Math.max(1, Math.round(bound * ESCAPE_SHARE));
  return {
    value: rounds, known: false,
    assumption: `about ${rounds.toLocaleString('en-US')} of the ${bound.toLocaleString('en-US')} rounds of the loop at line ${line}, which leaves once its value escapes (a quarter, as a Mandelbrot view's mean escape time)`,
  };
}

/** A loop body whose last statement is a `break`, `return` or `raise`: it never starts a second round. */
function endsFirstRound(block: Syntax): boolean {
  const last = block.children[block.children.length - 1];
  return !!last && (last.type === 'break_statement' || last.type === 'return_statement' || last.type === 'raise_statement');
}

/** Whether an attempt can fail: it raises an exception of its own, waits on I/O, or calls code we cannot see. */
function mayFail(work: Work): boolean {
  return !!work.raises || work.blocks > 0 || work.opaque > 0;
}

/**
 * Whether a block awaits or collects what other code ran, whose failures come back here: an `await` of anything but
 * a sleep (`asyncio.to_thread(fetch, key)`, `wait_for(..., timeout=...)`), or a future's `result()`.
 */
function failsElsewhere(block: Syntax, text: (node: Syntax) => string): boolean {
  let found = false;
  walk(block, (node) => {
    if (found || NESTED_SCOPES.has(node.type)) return false;
    const call = node.type === 'await' ? node.children[0] : node.type === 'call' ? node : undefined;
    const callee = call?.type === 'call' ? call.children[0] : undefined;
    const name = callee?.type === 'attribute' ? callee.children[callee.children.length - 1] : callee;
    const named = name?.type === 'identifier' ? text(name) : undefined;
    if (node.type === 'await' && named !== 'sleep') found = true;
    if (node.type === 'call' && named === 'result') found = true;
    return !found;
  });
  return found;
}

/** `for attempt in range(3): try: return fetch() except OSError: ...`: a retry, whose round returns unless it fails. */
/** What the comprehensions of a statement go through: each `for … in` clause's iterable (outside nested scopes). */
export function comprehensionIterables(statement: Syntax): Syntax[] {
  const iterables: Syntax[] = [];
  walk(statement, (at) => {
    if (NESTED_SCOPES.has(at.type)) return false;
    if (at.type === 'for_in_clause' && at.children[1]) iterables.push(at.children[1]);
    return undefined;
  });
  return iterables;
}

export function isRetryLoop(loop: Syntax): boolean {
  const body = childOfType(loop, 'block');
  const last = body?.children[body.children.length - 1];
  if (last?.type !== 'try_statement' || childOfType(last, 'finally_clause')) return false;
  const tried = childOfType(last, 'block');
  const done = tried?.children[tried.children.length - 1];
  return done?.type === 'return_statement' || done?.type === 'break_statement';
}

/** A `break` or `return` of this loop in its body (not of a nested loop, function or class). */
function leavesLoop(block: Syntax): boolean {
  const pending: Syntax[] = [...block.children];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'break_statement' || node.type === 'return_statement') return true;
    if (NESTED_SCOPES.has(node.type) || node.type === 'for_statement' || node.type === 'while_statement') {
      // A `return` inside a nested loop still leaves this one.
      if (node.type === 'for_statement' || node.type === 'while_statement') pending.push(...returnsIn(node));
      continue;
    }
    if (COMPOUND_STATEMENTS.has(node.type) || node.type === 'else_clause' || node.type === 'elif_clause'
      || node.type === 'except_clause' || node.type === 'finally_clause' || node.type === 'case_clause') {
      pending.push(...node.children);
    }
  }
  return false;
}

/** The `return` statements in a statement's blocks, outside nested functions and classes. */
function returnsIn(statement: Syntax): Syntax[] {
  const found: Syntax[] = [];
  const pending: Syntax[] = [...statement.children];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'return_statement') found.push(node);
    else if (!NESTED_SCOPES.has(node.type) && !node.type.endsWith('expression') && node.type !== 'call') pending.push(...node.children);
  }
  return found;
}

/** The items of a short literal collection, worth walking one by one. */
function unrollable(value: Value): readonly Value[] | undefined {
  if (value.kind !== 'container' || !value.items || value.items.length === 0 || value.items.length > 16) return undefined;
  return value.items;
}

/** What a read from a connection waits for; the messages its peer sends, as the items a read takes (see awaitsItems). */
const NETWORK_READ = 'a network read';

/** Waits on a socket that, between two threads of one program on a loopback address, take a round trip's time. */
const LOOPBACK_WAITS: ReadonlySet<string> = new Set([NETWORK_READ, 'a network write']);
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'];
/** Words of a program that accepts connections (see talksToItself). */
const SERVING_WORDS = ['accept', 'create_server', 'socketserver', 'start_server', 'listen'];
const PEER_MESSAGES = 'peer:';

/** The key of the object a value names, when it names one. */
function objectKey(value: Value): string | undefined {
  return value.kind === 'instance' || value.kind === 'container' || (value.kind === 'unknown' && value.origin) ? value.origin!.key : undefined;
}

/** The event a server's `shutdown()` sets for its `serve_forever` loop, by the server's key. */
const SERVING = 'serving:';
/** socketserver's default `poll_interval`, in seconds. */
const POLL_INTERVAL = 0.5;

/** The server whose `serve_forever` a thread runs (`Thread(target=server.serve_forever)`), by its key. */
function servedBy(start: ThreadStart): string | undefined {
  if (!start.external?.endsWith('.serve_forever') || !start.externalSelf) return undefined;
  return objectKey(start.externalSelf);
}

/**
 * `serve_forever` waits in `select(poll_interval)` (0.5 s unless given) between requests and checks for a shutdown
 * request only when that returns, so `server.shutdown()` returns at the end of the poll under way: demos that serve
 * their own clients spend most of their time there. As a loop of polls from the thread's start, ended by the
 * shutdown's event (the polls that end early on a request shift that phase: not followed).
 */
function servingLoop(start: ThreadStart, line: number): Work | undefined {
  const server = servedBy(start);
  if (server === undefined) return undefined;
  const given = start.args.positional[0]?.value ?? start.args.keywords.get('poll_interval')?.value;
  const seconds = given?.kind === 'number' && given.value > 0 && Number.isFinite(given.value) ? given.value : POLL_INTERVAL;
  const until = `${SERVING}${server}`;
  const poll = segmentWork({ kind: 'sleep', seconds, line, poll: until });
  const work = noWork();
  work.trace.push({ kind: 'repeat', times: 1, body: poll.trace, line, until });
  // A thread that waits, as far as the totals say (the polls are in the trace only).
  work.blocks = 1;
  return work;
}

/** `pool.shutdown(wait=False)` (or `shutdown(False)`): it returns without waiting for the pool's threads. */
function notWaiting(args: CallArgs): boolean {
  const wait = args.keywords.get('wait')?.value ?? args.positional[0]?.value;
  return wait?.kind === 'bool' && !wait.value;
}

/** Inside an `await` of the statement it is in. */
function awaitedInStatement(call: Syntax): boolean {
  for (let at = call.parent; at && !at.type.endsWith('statement') && at.type !== 'block'; at = at.parent) if (at.type === 'await') return true;
  return false;
}

/** A task handed to an executor (`pool.submit(f)`, `pool.map(f, items)`). */
function isPoolTask(start: ThreadStart): boolean {
  return !start.isProcess && (start.via.endsWith('.submit') || start.via.endsWith('.map'));
}

/** Main, a function that starts threads seen on its own, or a coroutine: code that goes on beside the threads it starts. */
function startsBeside(execution: Execution): boolean {
  return execution.kind === 'main' || execution.kind === 'spawner' || execution.kind === 'async';
}

function isThreadClass(evaluator: Evaluator, cls: ClassInfo): boolean {
  const base = libraryBaseOf(evaluator, cls);
  return base !== undefined && (THREAD_CLASSES.has(base) || base === 'multiprocessing.Process');
}

function one(): Estimate {
  return { value: 1, known: true };
}

/** Methods that put their argument into a container (where a later call of an item may find a callback). */
/** Dict methods whose first argument is the key of the one item they change. */
const KEYED_METHODS = new Set(['setdefault', 'pop']);

const STORING_METHODS = new Set(['append', 'appendleft', 'add', 'insert', 'put', 'put_nowait', 'setdefault']);
const MAX_STORED_CALLABLES = 16;
/** Rows stored with one callable that are compared (see noteStoredRow). */
const MAX_STORED_ROWS = 16;
/** Items of a list main fills one by one that are followed (see noteFilledByMain); more, and they are a list's items. */
const MAX_FILLED_ITEMS = 16;
const CONTAINER_READS = new Set(['get', 'items', 'keys', 'values', 'copy', 'count', 'index', 'join', 'split', 'strip', 'format', 'encode', 'decode']);

/** Can `fn` be called with these arguments: every parameter without a default given, and no more than it takes? */
function fitsArguments(fn: FunctionInfo, args: CallArgs, bound: boolean): boolean {
  const params = fn.params.slice(bound ? 1 : 0).filter((p) => p.kind === 'positional');
  // Keywords the file cannot spell (`kwargs=self.config[name]`, `**options`) may give any of them.
  const required = unseenKeywords(args) ? 0 : params.filter((p) => !p.defaultValue && !args.keywords.has(p.name)).length;
  const takesMore = fn.params.some((p) => p.kind === 'varargs');
  return args.positional.length >= required && (takesMore || args.positional.length <= params.length);
}

/** `fn(*args)`, `submit(fn, **kw)`: arguments given only by spreading what the file cannot see. */
function onlySpread(args: CallArgs): boolean {
  return args.hasSplat && args.keywords.size === 0 && args.positional.every((arg) => arg.splat);
}

function multiply(a: Estimate, b: Estimate): Estimate {
  const guessed = (a.guessed ?? 0) + (b.guessed ?? 0);
  return {
    value: a.value * b.value,
    known: a.known && b.known,
    assumption: a.assumption ?? b.assumption,
    ...(guessed > 0 ? { guessed } : {}),
  };
}

function shortName(name: string): string {
  return name.startsWith('builtins.') ? name.slice(9) : name;
}

function displayName(name: string, self: Value | undefined): string {
  if (!self) return name;
  return name.slice(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
}

function originOf(value: Value): Origin | undefined {
  switch (value.kind) {
    case 'container':
    case 'instance':
      return value.origin;
    case 'unknown':
      return value.origin;
    default:
      return undefined;
  }
}


/** What the spawn's callable resolves to: a function of this file (maybe through a partial), or a library callable. */
function resolveTarget(target: Value, module: ModuleInfo): {
  fn?: FunctionInfo; self?: Value; closure?: Frame; external?: string; externalSelf?: Value; boundArgs: Value[]; boundKeywords: Map<string, Value>;
  /** Where each bound argument is written, when known (`partial(accrue, k, batch)`: `k`, `batch`). */
  boundNodes?: ReadonlyArray<Syntax | undefined>;
  /** Where each bound keyword is written, when known. */
  boundKeywordNodes?: ReadonlyMap<string, Syntax>;
  /** Bound arguments from this index on are spread from a sequence (`partial(run_one, *case)`). */
  splatFrom?: number;
} {
  if (target.kind === 'function') return { fn: target.fn, self: target.self, closure: target.closure, boundArgs: [], boundKeywords: new Map() };
  if (target.kind === 'partial') {
    // `partial(ingest, rows, source=name, seen=seen)`: its arguments come first, its keywords unless the call names them.
    const inner = resolveTarget(target.fn, module);
    const splatFrom = inner.splatFrom ?? (target.splatFrom === undefined ? undefined : inner.boundArgs.length + target.splatFrom);
    const nodes = target.argNodes.length === target.args.length ? target.argNodes : target.args.map(() => undefined);
    return {
      ...inner, boundArgs: [...inner.boundArgs, ...target.args], boundKeywords: new Map([...inner.boundKeywords, ...target.keywords]), splatFrom,
      boundNodes: [...inner.boundNodes ?? inner.boundArgs.map(() => undefined), ...nodes],
      boundKeywordNodes: new Map([...inner.boundKeywordNodes ?? [], ...target.keywordNodes ?? []]),
    };
  }
  if (target.kind === 'external') return { external: target.name, externalSelf: target.self, boundArgs: [], boundKeywords: new Map() };
  // An object of a class with `__call__` (`pool.submit(ChecksumTask(blob))`) runs that method.
  const call = callMethodOf(module, target);
  if (call) return { fn: call.fn, self: target, boundArgs: [], boundKeywords: new Map() };
  return { boundArgs: [], boundKeywords: new Map() };
}

/**
 * A loop body that marks an item it tests and returns it (`if job["state"] == "queued": job["state"] = "running";
 * return job`), where nothing in the module marks an item back (`car.idle = True` after a ride would): it hands out
 * each item once.
 */
function claimsItem(evaluator: Evaluator, body: Syntax, name: string, root: Syntax): boolean {
  const text = (node: Syntax) => evaluator.text(node);
  return body.children.some((statement) => {
    if (statement.type !== 'if_statement') return false;
    const test = statement.children[0];
    // `item.flag` / `item["state"]` tested true, or equal to a constant: what marking it back would store.
    const compared = test?.type === 'comparison_operator' && test.children.length === 2 && operatorOf(evaluator, test) === '==' ? test : undefined;
    const field = compared ? compared.children[0] : test;
    const wanted = compared ? text(compared.children[1]) : 'True';
    if (!field || !isFieldOf(field, name, text) || (compared && !CONSTANT_NODES.has(compared.children[1].type))) return false;
    const block = childOfType(statement, 'block');
    if (!block) return false;
    const marks = block.children.some((inner) => {
      const assignment = inner.type === 'expression_statement' ? inner.children[0] : undefined;
      const left = assignment?.type === 'assignment' ? assignment.children[0] : undefined;
      return !!left && isFieldOf(left, name, text) && fieldName(left, text) === fieldName(field, text);
    });
    const last = block.children[block.children.length - 1];
    if (!marks || last?.type !== 'return_statement' || last.children[0]?.type !== 'identifier' || text(last.children[0]) !== name) return false;
    let markedBack = false;
    walk(root, (node) => {
      // What a constructor stores is the item as made, not an item marked back.
      if (markedBack || (node.type === 'function_definition' && node.children[0] && text(node.children[0]) === '__init__')) return false;
      if (node.type !== 'assignment') return;
      const [left, right] = [node.children[0], node.children[node.children.length - 1]];
      if (left && right && (left.type === 'attribute' || left.type === 'subscript') && fieldName(left, text) === fieldName(field, text) && text(right) === wanted) markedBack = true;
    });
    return !markedBack;
  });
}

const CONSTANT_NODES: ReadonlySet<string> = new Set(['string', 'integer', 'true', 'false', 'none']);

/** `name.attr` or `name[key]`. */
function isFieldOf(node: Syntax, name: string, text: (node: Syntax) => string): boolean {
  return (node.type === 'attribute' || node.type === 'subscript') && node.children.length >= 2 && node.children[0]?.type === 'identifier'
    && text(node.children[0]) === name;
}

/** `.attr` or `[key]` of a field, as written. */
function fieldName(node: Syntax, text: (node: Syntax) => string): string {
  const part = node.children[node.children.length - 1];
  return `${node.type === 'attribute' ? '.' : '['}${part ? text(part) : ''}`;
}

/**
 * `items.pop()` / `items.pop(0)` on a shared list of known length, in a thread: the threads drain one list between
 * them, and a loop popping from it ends when it is empty.
 */
function takeOf(method: string, self: Value | undefined, args: CallArgs): SyncOp | undefined {
  if ((method !== 'pop' && method !== 'popleft') || self?.kind !== 'container' || self.type !== 'list' || !self.length || self.origin.sharing !== 'shared') return undefined;
  const index = args.positional[0]?.value;
  if (args.positional.length > 1 || (index && !(index.kind === 'number' && (index.value === 0 || index.value === -1)))) return undefined;
  return { op: 'take', object: self.origin.key, initial: self.length };
}

/** A flag's store of True or False, as the simulator's event that a loop testing the flag waits for. */
function flagEvent(place: Place, value: boolean): string {
  return `flag:${place.key}=${value}`;
}

/**
 * `start = worker + 1` then `while start < LIMIT: ... start += WORKERS` in each thread of a start: the counter
 * begins at a number the code gives only as its mean (the thread's own index), so the loop runs the mean span.
 */
function meanSpan(limit: Value, start: Value): number | undefined {
  if (limit.kind !== 'number' || Number.isNaN(limit.value) || start.kind !== 'number' || !Number.isNaN(start.value) || !start.affine) return undefined;
  const { scale, offset, mean, perThread, rounds } = start.affine;
  const x = mean ?? (perThread && rounds !== undefined ? (rounds - 1) / 2 : undefined);
  return x === undefined ? undefined : limit.value - (scale * x + offset);
}

/** A socketpair end's reads, each taking what its peer sends (see socketPairSync). */
const SOCKET_PAIR_READS: ReadonlySet<string> = new Set(['recv', 'recv_into', 'recvfrom', 'recvfrom_into']);

/**
 * A read, send or close on a `socket.socketpair()` end, as the simulator plays it: what one end sends is a stream of
 * items the other end's reads take, and closing an end is the end of that stream for its peer (a read loop's
 * `if not chunk: break`). A read of part of what was sent (a header, then a body) takes no item of its own: see the
 * simulator's `stream` get. Undefined for anything else.
 */
function socketPairSync(method: string, socket: Value | undefined, awaited = false): SyncOp | undefined {
  if (socket?.kind !== 'instance' || !socket.local) return undefined;
  const end = /^(.*)\.([01])$/.exec(socket.origin.key);
  if (!end) return undefined;
  const into = (side: string) => `stream:${end[1]}>${side}`;
  const peer = end[2] === '0' ? '1' : '0';
  const yields = awaited ? { yields: true as const } : {};
  if (SOCKET_PAIR_READS.has(method)) return { op: 'get', object: into(end[2]), stream: true, ...yields };
  if (method === 'send' || method === 'sendall') return { op: 'put', object: into(peer), stream: true, ...yields };
  if (method === 'close' || method === 'shutdown') return { op: 'close', object: into(peer) };
  return undefined;
}

/** Queue, event and pipe operations, which the simulator plays out between threads. */
function syncOf(name: string, self: Value | undefined, args: CallArgs): SyncOp | undefined {
  if (!self && (name === 'os.read' || name === 'os.write' || name === 'os.close')) {
    // A pipe from os.pipe(): a read waits for a write to the other end, or for it to be closed (end of file).
    const end = args.positional[0]?.value;
    if (end?.kind !== 'instance' || !end.type?.startsWith('os.pipe.')) return undefined;
    const object = end.origin.key.replace(/:[rw]$/, '');
    if (name === 'os.read' && end.type === 'os.pipe.read') return { op: 'get', object };
    if (name === 'os.write' && end.type === 'os.pipe.write') return { op: 'put', object };
    if (name === 'os.close' && end.type === 'os.pipe.write') return { op: 'close', object };
    return undefined;
  }
  if (self?.kind !== 'instance' || !self.type) return undefined;
  const type = canonicalType(self.type);
  const method = name.slice(name.lastIndexOf('.') + 1);
  const object = self.origin.key;
  // An asyncio.Queue hands items between the tasks of one event loop the same way; a task awaiting its put, get or
  // join lets the others run meanwhile.
  if (type === 'queue.Queue' || type === 'multiprocessing.Queue' || type === 'asyncio.Queue') {
    const awaited = type === 'asyncio.Queue' ? { yields: true as const } : {};
    if (method === 'put') return { op: 'put', object, ...awaited };
    if (method === 'put_nowait') return { op: 'put', object };
    if (method === 'get') return { op: 'get', object, ...awaited };
    if (method === 'task_done') return { op: 'task_done', object };
    if (method === 'join') return { op: 'queue-join', object, ...awaited };
  }
  if (type === 'threading.Event') {
    if (method === 'set') return { op: 'set', object };
    if (method === 'wait') return { op: 'wait', object };
  }
  // An asyncio.Event set by one task ends another's `while not stop.is_set():` and its awaited `stop.wait()`.
  if (type === 'asyncio.Event' && method === 'set') return { op: 'set', object };
  if (type === 'asyncio.Event' && method === 'wait') return { op: 'wait', object, yields: true };
  return undefined;
}

export function effectOf(name: string, self: Value | undefined): CallEffect | undefined {
  if (!self) return FUNCTION_EFFECTS.get(name.startsWith('builtins.') ? name.slice(9) : name);
  const byType = METHOD_EFFECTS.get(name);
  if (byType) return byType;
  const method = name.slice(name.lastIndexOf('.') + 1);
  if (self.kind === 'str' && method === 'join') return METHOD_EFFECTS.get('str.join');
  if (self.kind === 'instance' && self.type) {
    const canonical = `${canonicalType(self.type)}.${method}`;
    return METHOD_EFFECTS.get(canonical);
  }
  return undefined;
}

/**
 * Library code in Python, as operations of the file's own code: a call is a `pycall`, a step a line's worth of
 * bytecode (two loads and an operation, about 13.5 ns on CPython 3.11).
 */
function pythonSteps(work: Work, calls: number, steps: number): void {
  const counts = zeroOps();
  counts.pycall = calls;
  counts.local = 2 * steps;
  counts.arith = steps;
  addOps(work, counts);
}

/** How many items a library function in Python makes or visits (16 when the file does not say, as for C loops). */
function pythonItems(perItem: PythonPerItem, args: CallArgs): number {
  const over = perItem.over;
  if ('arg' in over) {
    const value = args.positional[over.arg]?.value;
    return (value ? lengthOf(value) : undefined) ?? 16;
  }
  const given = args.keywords.get(over.count)?.value ?? (over.position !== undefined ? args.positional[over.position]?.value : undefined);
  // `choices(items)` makes one.
  if (!given) return over.position === undefined ? 1 : 16;
  return given.kind === 'number' && !Number.isNaN(given.value) ? Math.max(0, given.value) : 16;
}

/**
 * What converting or formatting a value costs in C beyond the call itself, in C steps: parsing `float("12.34")` or
 * `int("1234")` and `round(x, 2)` cost 15 to 40 times a plain builtin call (CPython 3.11, measured with timeit).
 */
function conversionSteps(name: string, args: CallArgs): number | undefined {
  const first = args.positional[0]?.value;
  const text = first === undefined || first.kind === 'str' || first.kind === 'unknown';
  switch (name) {
    case 'float':
      return text ? floatParseSteps(first) : 6;
    case 'int':
      return text ? 25 : 8;
    case 'round':
      return args.positional.length > 1 || args.keywords.has('ndigits') ? 64 : 10;
    case 'str':
    case 'repr':
      return 12;
    case 'format':
      return 45;
    default:
      return undefined;
  }
}

/**
 * `float(text)`. timeit on 3.11: a short decimal ("8.53", "0.31416") takes about 45 ns with the call, the 17
 * significant digits of a float's repr about 170 ns (correct rounding takes the slow path). A field of a line is
 * usually short but may be a repr: 20 steps, between the two, is a guess.
 */
function floatParseSteps(text: Value | undefined): number {
  if (text?.kind !== 'str') return 45;
  if (text.length !== undefined && text.length <= 12) return 9;
  return text.part ? 20 : 45;
}

/** A file's buffer: buffered reads and writes reach the file system once it fills (io.DEFAULT_BUFFER_SIZE). */
const FILE_BUFFER_BYTES = 8192;
/** What a buffered write or read moves when the file does not say: a line or a CSV row. */
const TYPICAL_LINE_BYTES = 64;

/**
 * `fh.write(line)`, `writer.writerow(row)`: copied into the file's buffer, which reaches the file system once it
 * fills: the share of a file system call the bytes moved make. Nothing for other calls.
 */
function bufferedShare(name: string, args: CallArgs): { share?: number } {
  if (!BUFFERED_FILE_METHODS.has(name)) return {};
  const bytes = writtenBytes(name === 'file.write' ? args.positional[0]?.value : undefined);
  return bytes >= FILE_BUFFER_BYTES ? {} : { share: Math.max(bytes, 1) / FILE_BUFFER_BYTES };
}

/**
 * The C work of `fh.write(text)` into the buffer, with the GIL held: timeit on 3.11 gives 115 ns for a 13-character
 * line to a text file and 2.07 us for 1,300 characters, 27 C steps and a third of one a character.
 */
function bufferedWriteSteps(args: CallArgs): number {
  return 27 + writtenBytes(args.positional[0]?.value) / 3;
}

/** The length of a text written to a file, or a line's when the file does not say. */
function writtenBytes(data: Value | undefined): number {
  return data?.kind === 'str' && data.length !== undefined && Number.isFinite(data.length) && data.length >= 0 ? data.length : TYPICAL_LINE_BYTES;
}

/** Builtin types whose values are data: numbers, text and containers. */
const VALUE_TYPES: ReadonlySet<string> = new Set(['int', 'float', 'complex', 'bool', 'str', 'bytes', 'bytearray', 'list', 'tuple', 'dict', 'set', 'frozenset']);

/** A library call without a known effect that surely does not wait: builtins, pure modules, container methods. */
function isPure(name: string, self: Value | undefined): boolean {
  // `log.debug("audit %s", code)`: a record formatted and handed to the handlers, a line written to a stream; not a
  // wait on another party. (Handlers of this file's classes are walked as code: see loggingWork.)
  if (/^logging\.(Logger\.)?[a-z]+$/.test(name) && LOGGING_CALLS.has(name.slice(name.lastIndexOf('.') + 1))) return true;
  if (name.startsWith('typing.NamedTuple.') && NAMED_TUPLE_METHODS.has(name.slice('typing.NamedTuple.'.length))) return true;
  if (PURE_FUNCTIONS.has(name)) return true;
  // A builtin type's own methods called through the type (`int.from_bytes(raw, "big")`, `dict.fromkeys(keys)`,
  // `str.join(", ", parts)`) run in C, like those of its values.
  const dot = name.indexOf('.');
  if (dot > 0 && name.indexOf('.', dot + 1) < 0 && VALUE_TYPES.has(name.slice(0, dot))) return true;
  // Methods of containers, text and numbers (`n.to_bytes(2, "big")`) run in C and never wait; so do those of objects
  // of the pure modules (a compiled pattern's `findall`, a `random.Random`'s `choice`).
  if (self) return self.kind === 'container' || self.kind === 'str' || self.kind === 'range' || self.kind === 'number' || self.kind === 'bool'
    || (self.kind === 'instance' && !!self.type && (KNOWN_CLASSES.has(self.type) || PURE_MODULES.has(self.type.split('.')[0])));
  if (KNOWN_CLASSES.has(name)) return true;
  const module = name.split('.')[0];
  // `os.path.join`, `urllib.parse.urljoin`: string work in modules whose other parts do I/O.
  return PURE_MODULES.has(module) || name.startsWith('os.path.') || name.startsWith('urllib.parse.');
}

/** The number a task of `pool.map(f, range(...))` gets: another consecutive one of the range for each task. */
function mappedRangeAffine(mapped: Extract<Value, { kind: 'range' }>, node: Syntax): { affine: Affine } | Record<string, never> {
  if (mapped.length === undefined || (mapped.step !== undefined && mapped.step !== 1)) return {};
  return { affine: { key: `mapped:${node.start}`, scale: 1, offset: mapped.first ?? 0, perThread: true, rounds: mapped.length } };
}

/**
 * Deflate's time on text at levels 0 to 9, against level 6 (zlib's default): timed with python3.11 on calibrate's
 * log text (8.9 ns a byte at level 6), median of three runs of 10 MB each.
 */
const DEFLATE_TEXT_LEVELS = [0.04, 0.33, 0.34, 0.52, 0.48, 0.74, 1, 1.35, 2.44, 3.4];

/** The level a deflating call asks for (zlib's default 6, gzip.compress's 9), as a factor of text's time at 6. */
function deflateLevelFactor(name: string, args: CallArgs): number {
  const given = args.positional[1]?.value ?? args.keywords.get('level')?.value ?? args.keywords.get('compresslevel')?.value;
  const level = given?.kind === 'number' && Number.isInteger(given.value) && given.value >= 0 && given.value <= 9 ? given.value
    : name === 'gzip.compress' ? 9 : 6;
  return DEFLATE_TEXT_LEVELS[level];
}

/** Compressors that deflate, whose time a byte depends on what they are given (see nativeUnits). */
const DEFLATING: ReadonlySet<string> = new Set(['zlib compression', 'gzip compression']);

/** The data a native call is given. */
function dataOf(effect: Extract<CallEffect, { kind: 'native' }>, args: CallArgs): Value | undefined {
  return effect.dataArg !== undefined ? args.positional[effect.dataArg]?.value ?? args.keywords.get('data')?.value : undefined;
}

function nativeUnits(
  name: string, effect: Extract<CallEffect, { kind: 'native' }>, args: CallArgs, self: Value | undefined,
): Record<string, number> | undefined {
  if (name === 'hashlib.pbkdf2_hmac') {
    const iterations = args.keywords.get('iterations')?.value ?? args.positional[3]?.value;
    const count = iterations?.kind === 'number' && !Number.isNaN(iterations.value) ? iterations.value : 100_000;
    return { 'pbkdf2-iteration': count };
  }
  if (name === 'hashlib.scrypt') return { 'native-call': 1 };
  const data = dataOf(effect, args);
  const size = data ? lengthOf(data) : undefined;
  void self;
  if (size === undefined) {
    // Unknown size: compression still runs without the GIL; hashing a small buffer does not.
    return effect.minBytes === undefined ? { 'native-call': 1 } : undefined;
  }
  if (effect.minBytes !== undefined && size < effect.minBytes) return undefined;
  if (!/compress/.test(effect.what)) return { 'hash-byte': size };
  if (!DEFLATING.has(effect.what) || data?.kind !== 'str') return { 'compress-byte': size };
  // Deflate's time a byte depends on what it is given: random bytes (`os.urandom`) have nothing to shorten and
  // take longest; bytes that repeat what came just before (`bytes(n)`, `block * 40`) go fastest; text as written
  // (lines, records) falls between, and takes longer the higher the level asks it to search.
  const noise = Math.min(size, data.noise ?? 0);
  const filler = Math.min(size - noise, data.filler ?? 0);
  const text = (size - noise - filler) * deflateLevelFactor(name, args);
  const units: Record<string, number> = {};
  if (noise > 0) units['compress-random-byte'] = noise;
  if (filler > 0) units['compress-byte'] = filler;
  if (text > 0) units['compress-text-byte'] = text;
  return units;
}

function semaphoreIsMutex(evaluator: Evaluator, value: Extract<Value, { kind: 'instance' }>): boolean {
  if (!value.ctor) return true;
  const args = evaluator.constructorArgs(value.ctor);
  const initial = args.keywords.get('value')?.value ?? args.positional[0]?.value;
  if (!initial) return true;
  return initial.kind === 'number' && initial.value === 1;
}

/**
 * How a function calls itself: how many calls each activation makes (a call inside a loop counts as a branching
 * one: backtracking tries each choice), and whether the first argument is passed on unchanged (`place(n, row + 1)`:
 * then it does not measure the depth).
 */
function selfCallShape(evaluator: Evaluator, fn: FunctionInfo): {
  calls: number; firstPassedOn: boolean; counts: boolean; up: boolean; branches: Syntax | undefined; fills: boolean; halves: boolean;
} {
  if (!fn.body) return { calls: 0, firstPassedOn: false, counts: false, up: false, branches: undefined, fills: false, halves: false };
  let calls = 0;
  // `merge_sort(items[:mid])`, `merge_sort(items[mid:])`: each call is given a part of what it was given.
  let sliceCalls = 0;
  let selfCalls = 0;
  let firstPassedOn = false;
  let counts = false;
  let up = false;
  let branches: Syntax | undefined;
  let fills = false;
  const first = fn.params.find((p) => p.name !== 'self' && p.name !== 'cls')?.name;
  const pending: Array<{ node: Syntax; loop: Syntax | undefined }> = [{ node: fn.body, loop: undefined }];
  while (pending.length > 0) {
    const { node, loop: around } = pending.pop()!;
    if (node.type === 'call') {
      const callee = node.children[0];
      const name = callee?.type === 'identifier' ? evaluator.text(callee)
        : callee?.type === 'attribute' ? evaluator.text(callee.children[callee.children.length - 1]) : '';
      if (name === fn.name) {
        calls += around ? 2 : 1;
        // The choices tried at each level: a `for` over them around the call.
        if (around?.type === 'for_statement') {
          branches ??= around;
          if (fillsPassedSlot(evaluator, around, node)) fills = true;
        }
        const argument = node.children[1]?.children[0];
        selfCalls++;
        if (first && argument?.type === 'subscript' && argument.children[1]?.type === 'slice' && argument.children[0]?.type === 'identifier'
          && evaluator.text(argument.children[0]) === first) sliceCalls++;
        if (first && argument?.type === 'identifier' && evaluator.text(argument) === first) firstPassedOn = true;
        // `place(n, row + 1, cols)`, `fib(n - 1)`: a count that each call moves on.
        if (node.children[1]?.children.some((arg) => isStep(evaluator, arg))) counts = true;
        // `place(row + 1, ...)`: the first count goes up, towards a bound the body tests.
        if (argument?.type === 'binary_operator' && operatorOf(evaluator, argument) === '+' && argument.children[0]?.type === 'identifier'
          && evaluator.text(argument.children[0]) === first) up = true;
      }
    }
    const loop = around ?? (node.type === 'for_statement' || node.type === 'while_statement' ? node : undefined);
    for (const child of node.children) pending.push({ node: child, loop });
  }
  return { calls, firstPassedOn, counts, up, branches, fills, halves: selfCalls >= 2 && sliceCalls === selfCalls };
}

/**
 * Does every path through these statements move one of the counters on (`i += 1` here, `j += 1` in the else)?
 * Only `+= <positive number>` counts.
 */
function advancesOneOf(statements: readonly Syntax[], names: ReadonlySet<string>, text: (node: Syntax) => string): boolean {
  for (const statement of statements) {
    const inner = statement.type === 'expression_statement' ? statement.children[0] : statement;
    if (inner?.type === 'augmented_assignment' && names.has(text(inner.children[0])) && /^\+=/.test(text(inner).slice(text(inner.children[0]).length).trim())
      && inner.children[1]?.type === 'integer' && Number(text(inner.children[1])) > 0) return true;
    if (statement.type === 'if_statement') {
      const branches = statement.children.filter((child) => child.type === 'block' || child.type === 'elif_clause' || child.type === 'else_clause');
      const blocks = branches.map((branch) => (branch.type === 'block' ? branch : childOfType(branch, 'block')));
      const hasElse = statement.children.some((child) => child.type === 'else_clause');
      if (hasElse && blocks.every((block) => !!block && advancesOneOf(block.children, names, text))) return true;
    }
  }
  return false;
}

/** Does this loop yield (outside nested functions)? */
function yieldsWithin(node: Syntax): boolean {
  return hasOwnNode(node, 'yield');
}

/** Does this expression call anything (outside nested functions)? */
function containsCall(node: Syntax): boolean {
  return hasOwnNode(node, 'call');
}

/** Is there a node of this type in `node`, outside nested functions and classes? */
function hasOwnNode(node: Syntax, type: string): boolean {
  let found = false;
  walk(node, (at) => {
    if (found || NESTED_SCOPES.has(at.type)) return false;
    if (at.type === type) found = true;
    return undefined;
  });
  return found;
}

/**
 * The levels of a divide and conquer over `n` items, below the call the walk follows: log2(n) of them, each copying
 * all n items into its parts (slices, in C) and, when the body loops over its part (a merge), a round per item of
 * about ten operations (a comparison, two indexes, an append, the counters).
 */
function splitLevels(evaluator: Evaluator, fn: FunctionInfo, n: number): { work: Work; loop: Syntax | undefined } {
  const steps = n * Math.max(1, Math.log2(n) - 1);
  let loop: Syntax | undefined;
  let comprehension = false;
  const helpers: FunctionInfo[] = [];
  const search = (body: Syntax, calls: boolean) => walk(body, (node) => {
    if (loop || comprehension || NESTED_SCOPES.has(node.type)) return false;
    if (node.type === 'for_statement' || node.type === 'while_statement') loop = node;
    if (COMPREHENSION_TYPES.has(node.type)) comprehension = true;
    if (calls && node.type === 'call' && node.children[0]?.type === 'identifier') {
      const callee = evaluator.evaluate(node.children[0], evaluator.genericFrame(fn));
      if (callee.kind === 'function' && callee.fn !== fn && callee.fn.body && !callee.fn.isLambda) helpers.push(callee.fn);
    }
    return undefined;
  });
  if (fn.body) search(fn.body, true);
  // `return merge(merge_sort(left), merge_sort(right))`: the loop of the helper that merges the halves.
  for (const helper of helpers) if (!loop && !comprehension) search(helper.body!, false);
  const work = cSteps(steps);
  if (!loop && !comprehension) return { work, loop };
  return { work: addWork(work, addWork(ops(steps * 5, 'local'), addWork(ops(steps * 3, 'item'), ops(steps * 2, 'compare')))), loop };
}

/**
 * `for i in range(9): if not board[i]: board[i] = player; count_games(board, ...); board[i] = None`: each level of a
 * backtracking search fills one slot of the container it passes on, so it goes as deep as the choices are many.
 */
function fillsPassedSlot(evaluator: Evaluator, loop: Syntax, call: Syntax): boolean {
  const passed = new Set((call.children[1]?.children ?? []).filter((arg) => arg.type === 'identifier').map((arg) => evaluator.text(arg)));
  if (passed.size === 0) return false;
  let fills = false;
  walk(loop.children[loop.children.length - 1], (node) => {
    if (fills || NESTED_SCOPES.has(node.type)) return false;
    const target = node.type === 'assignment' ? node.children[0] : undefined;
    const base = target?.type === 'subscript' ? target.children[0] : undefined;
    if (base?.type === 'identifier' && passed.has(evaluator.text(base))) fills = true;
    return undefined;
  });
  return fills;
}

/**
 * `client_id += 1` once in every round of the loop (a statement of its body, not under an `if`), and no other store
 * to the name inside it: another number each round, as an accept loop numbers its connections. The step (1 for
 * `+= 1`, -2 for `-= 2`), or undefined when the name is no such counter.
 */
function roundStep(loop: Syntax, name: string, text: (node: Syntax) => string): number | undefined {
  if (loop.type !== 'while_statement' && loop.type !== 'for_statement') return undefined;
  const body = loop.children[loop.children.length - 1];
  if (body?.type !== 'block') return undefined;
  let found: number | undefined;
  for (const statement of body.children) {
    const update = statement.type === 'expression_statement' ? statement.children[0] : undefined;
    if (update?.type !== 'augmented_assignment' || update.children[0]?.type !== 'identifier' || text(update.children[0]) !== name) continue;
    const step = update.children[update.children.length - 1];
    const operator = text(update).slice(text(update.children[0]).length).trimStart().slice(0, 2);
    if (step?.type !== 'integer' || text(step) === '0' || (operator !== '+=' && operator !== '-=') || found !== undefined) return undefined;
    found = Number(text(step).replace(/_/g, '')) * (operator === '-=' ? -1 : 1);
  }
  if (found === undefined) return undefined;
  let stores = 0;
  walk(body, (at) => {
    if ((at.type === 'assignment' || at.type === 'augmented_assignment') && at.children[0]?.type === 'identifier' && text(at.children[0]) === name) stores++;
  });
  return stores === 1 ? found : undefined;
}

/**
 * The clause that binds a loop's names each round: a for loop's own, or a comprehension's only `for`. A comprehension
 * with several (`for ip in clients for conn in range(3)`) repeats each name of one clause over the others' rounds.
 */
function roundClause(loop: Syntax): Syntax | undefined {
  if (loop.type === 'for_statement') return loop;
  const clauses = loop.children.filter((child) => child.type === 'for_in_clause');
  return clauses.length === 1 ? clauses[0] : undefined;
}

/** A text or number the file gives as it is: not one drawn at random, moving with a loop, or a thread's identity. */
function settledKey(value: Value): boolean {
  if (value.kind === 'str') return value.value !== undefined && !value.identity && !value.perThread && value.roundPart === undefined;
  return value.kind === 'number' && Number.isFinite(value.value) && !value.drawn && !value.affine && !value.identity && !value.perThread && value.roundPart === undefined;
}

/** A key's value as the file spells it (`"hits"`, `3`), the same however it was written. */
function spelledKey(value: Value): string | undefined {
  if (value.kind === 'str' && value.value !== undefined) return JSON.stringify(value.value);
  if (value.kind === 'number' && !Number.isNaN(value.value)) return String(value.value);
  return undefined;
}

/** What a plain store puts in its place (`None` in `self._timer = None`); undefined for any other access. */
export function storedValue(access: Access): Syntax | undefined {
  const assignment = access.target.parent;
  if (access.kind !== 'store' || assignment?.type !== 'assignment' || assignment.children[0] !== access.target) return undefined;
  return assignment.children[assignment.children.length - 1];
}

/** The operator written between a binary node's two operands (`in`, `is not`, `<=`), spaces trimmed. */
export function operatorOf(evaluator: Evaluator, node: Syntax, after = 0): string {
  const left = node.children[after];
  const right = node.children[after + 1];
  return left && right ? evaluator.module.source.slice(left.end, right.start).trim() : '';
}

/** `row + 1`, `n - 2`: a sum or difference. */
function isStep(evaluator: Evaluator, node: Syntax): boolean {
  const operator = node.type === 'binary_operator' ? operatorOf(evaluator, node) : '';
  return operator === '+' || operator === '-';
}

/** The distinct identifier-like words of a text (a prefilter: the tree decides what they are). */
function wordsIn(text: string): Set<string> {
  return new Set(text.match(/[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/gu));
}

/**
 * A loop condition with a test of computed data beside its counter (`zx * zx + zy * zy < 4.0`), not only counters
 * against bounds (a merge's `i < len(left) and j < len(right)`, which runs nearly to its bound).
 */
function testsData(condition: Syntax): boolean {
  const tests = condition.type === 'boolean_operator' ? condition.children : [condition];
  return tests.some((test) => test.type === 'comparison_operator' && test.children.length === 2
    && test.children.some((side) => side.type !== 'identifier' && side.type !== 'attribute' && side.type !== 'integer' && side.type !== 'float' && side.type !== 'call'));
}

/** The name an attribute or item target hangs from: `sessions` in `sessions[user].seen`. */
function rootOf(target: Syntax): Syntax {
  let at = target;
  while ((at.type === 'attribute' || at.type === 'subscript') && at.children[0]) at = at.children[0];
  return at;
}

/** Is this node under an `if`, `match`, `except` or conditional expression of its function (a pass may skip it)? */
function underCondition(node: Syntax): boolean {
  for (let at = node.parent; at && at.type !== 'function_definition' && at.type !== 'lambda'; at = at.parent) {
    if (at.type === 'if_statement' || at.type === 'match_statement' || at.type === 'except_clause' || at.type === 'conditional_expression') return true;
  }
  return false;
}

/** The `def` (or lambda) a node is in, or the module's root. */
function enclosingFunctionNode(node: Syntax): Syntax | undefined {
  let at = node.parent;
  while (at && at.type !== 'function_definition' && at.type !== 'lambda') at = at.parent;
  return at;
}

/** The name an attribute ends with (`daemon` of `t.daemon`). */
/** `while not ready.is_set():`: the event `ready`, set once the loop is left. */
function polledUntilSet(evaluator: Evaluator, node: Syntax): Syntax | undefined {
  const condition = node.type === 'while_statement' ? node.children[0] : undefined;
  const tested = condition?.type === 'not_operator' ? condition.children[0] : undefined;
  const method = tested?.type === 'call' ? tested.children[0] : undefined;
  return method?.type === 'attribute' && lastName(evaluator, method) === 'is_set' && tested?.children[1]?.children.length === 0 ? method.children[0] : undefined;
}

function lastName(evaluator: Evaluator, attribute: Syntax): string {
  const name = attribute.children[attribute.children.length - 1];
  return name ? evaluator.text(name) : '';
}

/** What `x <operator> by` scales x by (`*` 2: 2, `//` 10: 0.1, `>>` 1: 0.5), when it scales it by a factor other than 1. */
function scaleFactor(operator: string, by: Value): number | undefined {
  if (by.kind !== 'number' || Number.isNaN(by.value)) return undefined;
  const factor = operator === '*' ? by.value : operator === '//' || operator === '/' ? 1 / by.value
    : operator === '<<' ? 2 ** by.value : operator === '>>' ? 2 ** -by.value : undefined;
  return factor !== undefined && factor > 0 && factor !== 1 && Number.isFinite(factor) ? factor : undefined;
}

/**
 * Rounds of `while x < limit` (or `<=`) with x multiplied by `factor` > 1 each round, or of `while x > limit` (or
 * `>=`) with `factor` < 1, from `start`. A whole number divided down (`n //= 10` while `n > 0`) reaches 0 a round after
 * it goes below 1. `unknown` when the loop never ends or runs away (a factor the wrong way), 0 when it never begins.
 */
function geometricRounds(start: number, limit: number, factor: number, upward: boolean, inclusive: boolean): Counted {
  if (upward !== factor > 1 || start <= 0) return 'unknown';
  const runs = (x: number) => (upward ? (inclusive ? x <= limit : x < limit) : (inclusive ? x >= limit : x > limit));
  if (!runs(start)) return 0;
  // Down to zero: whole-number division ends it once below 1.
  const floor = upward ? limit : Math.max(limit, 1 - Number.EPSILON);
  // Factors between start and bound (a tolerance for logs of exact powers): `width < 8` from 1 runs 1, 2 and 4.
  const between = Math.log(floor / start) / Math.log(factor);
  const rounds = inclusive ? Math.floor(between + 1e-9) + 1 : Math.ceil(between - 1e-9);
  return Number.isFinite(rounds) && rounds > 0 ? Math.min(rounds, 1e6) : 'unknown';
}

/** Statements whose first child is a target they bind (or unbind). */
const REBINDING: ReadonlySet<string> = new Set(['assignment', 'augmented_assignment', 'delete_statement', 'for_statement', 'named_expression']);

/** A container's key without the subscripts in it (`g:registry._handlers["enter"]` as `g:registry._handlers`). */
function withoutKeys(key: string): string {
  return key.replace(/\[[^\]]*\]/g, '');
}

/** Where a queue a function made in a local variable was made (`inbox = queue.Queue()` in a builder). */
function madeIn(queue: Value | undefined): Syntax | undefined {
  return queue?.kind === 'instance' && /^f\d+:[^.[]+$/.test(queue.origin.key) ? queue.origin.site : undefined;
}

