// Recognizes the calls that run code in another thread (or process) and what code they run.
// `threading.Thread(target=…, args=…)` however imported, `Timer`, `_thread.start_new_thread`, `asyncio.to_thread`,
// `run_in_executor`, `Thread` subclasses, and tasks given to thread pools (`submit`, `map`, `apply_async`...).

import type { Syntax } from '../parse/syntax';
import {
  CALL_SOON_THREADSAFE, POOL_METHODS, PROCESS_CONSTRUCTORS, PROCESS_POOLS, REQUEST_METHODS, RUN_IN_EXECUTOR, STARTS_IMMEDIATELY,
  THREAD_CLASSES, THREAD_CONSTRUCTORS, THREAD_POOLS, THREADING_SERVERS, type SpawnSignature,
} from './library';
import { type ClassInfo, type FunctionInfo, assignmentParts, resolveName, scopeOf } from './scopes';
import {
  type CallArgs, type Evaluator, Frame, type Value, UNKNOWN, canonicalType, classChain, elementOf, findMethod, lengthOf, libraryBaseOf,
  selfForMethod, withPartialArgs,
} from './values';

/** A count that may be a guess. */
export interface Estimate {
  readonly value: number;
  readonly known: boolean;
  /** Why the value is what it is when it was not read from the code. */
  readonly assumption?: string;
  /** How many of the counts multiplied into it are guesses (no size in the code, not even a bound). */
  readonly guessed?: number;
}

export interface ThreadStart {
  readonly id: number;
  /** How the code is started: `threading.Thread`, `ThreadPoolExecutor.submit`, `Worker (Thread subclass)`... */
  readonly via: string;
  readonly call: Syntax;
  readonly statement: Syntax;
  /** The callable as written (`worker`, `self.handle`, `partial(f, 1)`). */
  readonly targetText: string;
  /** The function of this file it runs, when resolved. */
  readonly entry: FunctionInfo | undefined;
  /** A library callable it runs instead (`time.sleep`), and the object it is a method of (`stop.set`'s event). */
  readonly external: string | undefined;
  readonly externalSelf?: Value;
  /**
   * The callable is an item of a container (`for name, plugin in PLUGINS.items(): pool.submit(plugin, corpus)`): it
   * runs one of the functions the file stores in containers.
   */
  readonly storedTarget?: true;
  readonly args: CallArgs;
  readonly self: Value | undefined;
  readonly closure: Frame | undefined;
  /** Threads (or tasks) this call creates in one run of the code around it. */
  readonly count: Estimate;
  /** How many of them can run at the same time (a pool's workers). */
  readonly concurrency: number;
  /** The pool object (its key) whose workers run it, for a pool of the file's own (see Spawn.pool). */
  readonly pool?: string;
  /** With `pool`: how many workers it has, when known. */
  readonly poolWorkers?: number;
  /** The call that made the pool whose workers run it (see Spawn.poolMadeAt). */
  readonly poolMadeAt?: Syntax;
  /**
   * A round of a literal's comprehension, walked one by one, whose tasks are made in one statement and awaited
   * together (`gather(*(loop.run_in_executor(pool, f, s) for s in (1, 2)))`): that comprehension.
   */
  readonly madeWithRounds?: Syntax;
  readonly isProcess: boolean;
  /**
   * A process pool's map sends its items to the workers this many at a time, one task each chunk; `auto` where the
   * pool sizes chunks itself (`multiprocessing.Pool.map`: about a quarter of an even share of the items a worker).
   */
  readonly chunksize?: number | 'auto';
  /** An asyncio task on the event loop of the thread that made it. */
  readonly isTask: boolean;
  /** The kind of walk that found it: a coroutine's own walk (`async`) or the task running it (`task`) find the same. */
  readonly madeIn: 'main' | 'spawner' | 'thread' | 'process' | 'async' | 'task';
  /** The id of the execution (walk) that made it. */
  readonly madeBy: number;
  /** Starts when created (pool tasks, `start_new_thread`) rather than at `.start()`. */
  readonly startsImmediately: boolean;
  /** Set at the start (`daemon=True`) or later, before `.start()` (`t.daemon = True`, `t.setDaemon(True)`). */
  daemon: boolean;
  readonly spawner: Frame;
  /**
   * Timers a loop starts with a delay that grows each round (`Timer(i * 0.005, ingest, ...)`): how far apart, in
   * milliseconds, successive ones fire. Runs shorter than that never overlap.
   */
  readonly staggerMs?: number;
  /**
   * A Timer's interval, in milliseconds, when the code spells one: its thread waits that long before its code runs.
   * With `staggerMs`, the first one's: each next one waits `staggerMs` longer.
   */
  readonly delayMs?: number;
  /** `.cancel()` is called on it (a Timer): it may never run, and whoever joins it need not wait out its delay. */
  cancelled?: true;
  /** The walk met the `cancel()` and put it in the canceller's trace: the simulator plays it out there. */
  cancelledInTrace?: true;
  /**
   * A request handler's `setup` or `finish`: run in the thread that runs its `handle`, before or after it. Walked as
   * a start of its own for what it touches, it is no thread of its own in the workload.
   */
  readonly aroundRequest?: true;
  /**
   * When it runs relative to the other starts of the same code: starts with different phases never overlap
   * (the spawner joined the earlier ones first). Undefined: it may overlap anything. A thread a thread made and
   * waited for gets its maker's, once the walk is done.
   */
  phase: string | undefined;
}

/** What a call spawns, before the walker knows its context. */
export interface Spawn {
  readonly via: string;
  readonly target: Value;
  readonly targetNode: Syntax | undefined;
  readonly args: CallArgs;
  /** Tasks per call: the length of a mapped iterable, or 1. */
  readonly tasksPerCall: Estimate;
  readonly concurrency: number | undefined;
  /** The pool object's key: tasks handed to one pool of one worker, from any call, all run on that one thread. */
  readonly pool?: string;
  /**
   * The call that made the pool (`ThreadPoolExecutor(4, initializer=connect)`), when known: its initializer, a start
   * of its own made there, runs on the workers that run these tasks, before their first one.
   */
  readonly poolMadeAt?: Syntax;
  readonly isProcess: boolean;
  /** See ThreadStart.chunksize. */
  readonly chunksize?: number | 'auto';
  readonly startsImmediately: boolean;
  readonly daemon: boolean;
  readonly self?: Value;
  readonly entry?: FunctionInfo;
  /** An asyncio task: a coroutine run by the event loop of the thread that made it, not a thread of its own. */
  readonly isTask?: boolean;
  /** `self` is made anew for each thread (a server's request handler), so it is each thread's own. */
  readonly newSelf?: boolean;
  /** See ThreadStart.aroundRequest. */
  readonly aroundRequest?: true;
  /** More code the same call starts in threads of its own (an HTTP handler's `do_POST` beside its `do_GET`). */
  readonly more?: readonly Spawn[];
  /**
   * The target is one of this many functions a loop around the call goes over (`for job in (rank, price):
   * Thread(target=job)`): each runs in that share of the threads the loops start.
   */
  readonly splitAcross?: number;
}

/** Starts run by an event loop on a thread of its own: all of them are that one thread. */
export const LOOP_THREAD_STARTS: ReadonlySet<string> = new Set(['asyncio.run_coroutine_threadsafe', 'loop.call_soon_threadsafe']);

/** Default worker counts on the machine the model assumes (2 cores): ThreadPoolExecutor uses min(32, cores + 4). */
export const DEFAULT_CORES = 2;

/** What `call` (whose callee evaluated to `callee`) starts, if it starts anything. */
export function recognizeSpawn(evaluator: Evaluator, callee: Value, call: Syntax, frame: Frame, given?: CallArgs): Spawn | undefined {
  // `submit = functools.partial(pool.submit, shop.take_order)` then `submit(line)`, or `partial(threading.Thread,
  // daemon=True)` then `make(target=f)`: the start API, with the partial's arguments before the call's.
  if (callee.kind === 'partial' && callee.fn.kind === 'external' && callee.splatFrom === undefined && !given) {
    return recognizeSpawn(evaluator, callee.fn, call, frame, withPartialArgs(callee, evaluator.callArgs(call, frame)));
  }
  if (callee.kind === 'external') {
    const name = canonicalType(callee.name);
    const constructor = THREAD_CONSTRUCTORS.get(name);
    if (constructor && !callee.self) return fromSignature(evaluator, constructor, call, frame, name, false, given);
    const process = PROCESS_CONSTRUCTORS.get(name);
    if (process && !callee.self) return fromSignature(evaluator, process, call, frame, name, true, given);
    // Only the constructors and a pool's methods are recognized through a partial.
    if (given && !callee.self) return undefined;
    // `ThreadPoolExecutor(8, initializer=init_fetcher, initargs=(dsn,))`: each worker runs the initializer first.
    if ((THREAD_POOLS.has(name) || PROCESS_POOLS.has(name)) && !callee.self) {
      const args = evaluator.callArgs(call, frame);
      const initializer = args.keywords.get('initializer');
      if (!initializer || initializer.value.kind === 'none') return undefined;
      const given = args.keywords.get('initargs')?.value;
      const positional = given?.kind === 'container' && given.items ? given.items.map((value) => ({ value })) : [];
      const workers = poolWorkers(evaluator, { call, frame }, name);
      return {
        via: `${shortName(name)} initializer`, target: initializer.value, targetNode: initializer.node,
        args: { positional, keywords: new Map(), hasSplat: false }, tasksPerCall: { value: workers, known: true },
        concurrency: workers, isProcess: PROCESS_POOLS.has(name), startsImmediately: true, daemon: false,
      };
    }
    if (THREADING_SERVERS.has(name) && !callee.self) {
      return requestHandlers(evaluator, evaluator.callArgs(call, frame), serverMade(evaluator, callee, call, frame), shortName(name));
    }
    if (callee.self?.kind === 'instance' && callee.self.type) {
      const owner = canonicalType(callee.self.type);
      const method = name.slice(name.lastIndexOf('.') + 1);
      const signature = POOL_METHODS.get(method);
      if (signature && (THREAD_POOLS.has(owner) || PROCESS_POOLS.has(owner))) {
        const spawn = fromSignature(evaluator, signature, call, frame, `${shortName(owner)}.${method}`, PROCESS_POOLS.has(owner), given);
        if (!spawn) return undefined;
        // The pool's workers run every function a loop gives it (`for fn in (rank, price): pool.submit(fn)`).
        const inPool = {
          startsImmediately: true, concurrency: poolWorkers(evaluator, callee.self.ctor, owner), pool: callee.self.origin.key,
          ...(callee.self.ctor ? { poolMadeAt: callee.self.ctor.call } : {}),
        };
        return { ...spawn, ...inPool, ...(spawn.more ? { more: spawn.more.map((more) => ({ ...more, ...inPool })) } : {}) };
      }
    }
    if (given) return undefined;
    // `future.add_done_callback(fn)`: fn runs, given the future, in the pool's thread that finishes the task.
    if (name.endsWith('.add_done_callback') && callee.self?.kind === 'instance' && callee.self.type
      && canonicalType(callee.self.type) === 'concurrent.futures.Future') {
      const args = evaluator.callArgs(call, frame);
      const given = args.positional[0] ?? args.keywords.get('fn');
      if (!given) return undefined;
      return {
        via: 'Future.add_done_callback', target: given.value, targetNode: given.node,
        args: { positional: [{ value: callee.self }], keywords: new Map(), hasSplat: false }, tasksPerCall: one(),
        concurrency: undefined, isProcess: false, startsImmediately: true, daemon: false,
      };
    }
    // `server.register_function(reserve)` on an XML-RPC server made threading by `ThreadingMixIn`: each call a client
    // makes runs the function in a thread of its own.
    if (name.endsWith('.register_function') && callee.self?.kind === 'instance' && callee.self.cls && mixesInThreads(evaluator, callee.self.cls)) {
      const args = evaluator.callArgs(call, frame);
      const given = args.positional[0] ?? args.keywords.get('function');
      if (!given) return undefined;
      return {
        via: `${callee.self.cls.name} (ThreadingMixIn) request`, target: given.value, targetNode: given.node,
        args: { positional: [], keywords: new Map(), hasSplat: false },
        tasksPerCall: { value: 2, known: false, assumption: 'assumed 2 requests handled at once' },
        concurrency: undefined, isProcess: false, startsImmediately: true, daemon: true,
      };
    }
    // `asyncio.run_coroutine_threadsafe(poll(sid), loop)`: another thread runs the loop (the caller waits on its
    // future), so the coroutine runs beside the caller. The loop's coroutines take turns on its one thread.
    if (name === 'asyncio.run_coroutine_threadsafe') {
      const args = evaluator.callArgs(call, frame);
      const made = (args.positional[0] ?? args.keywords.get('coro'))?.node;
      const coroutine = made?.type === 'call' && made.children[0] ? evaluator.evaluate(made.children[0], frame) : undefined;
      if (!made || coroutine?.kind !== 'function' || !coroutine.fn.isAsync) return undefined;
      return {
        via: 'asyncio.run_coroutine_threadsafe', target: coroutine, targetNode: made.children[0], args: evaluator.callArgs(made, frame),
        tasksPerCall: one(), concurrency: 1, isProcess: false, startsImmediately: true, daemon: false,
      };
    }
    // `loop.call_soon_threadsafe(fn, *args)` made by the main thread: the loop runs on another thread, which runs fn.
    // (Made by another thread, it usually hands fn to the main thread's loop: see the walker.)
    if (name.endsWith('.call_soon_threadsafe')) {
      const spawn = fromSignature(evaluator, CALL_SOON_THREADSAFE, call, frame, 'loop.call_soon_threadsafe', false);
      return spawn && { ...spawn, startsImmediately: true, concurrency: 1 };
    }
    if (name.endsWith('.run_in_executor')) {
      const args = evaluator.callArgs(call, frame);
      const executor = args.positional[0]?.value;
      // `run_in_executor(pool, ...)` with a pool the function is given, looked at on its own: which kind of pool runs
      // it is the callers' to say (a walk from each call in this file does), not a guess of threads.
      if (executor?.kind === 'unknown' && givenToGenericFrame(evaluator, args.positional[0]?.node, frame)) return undefined;
      const owner = executor?.kind === 'instance' && executor.type ? canonicalType(executor.type) : undefined;
      const isProcess = !!owner && PROCESS_POOLS.has(owner);
      const spawn = fromSignature(evaluator, RUN_IN_EXECUTOR, call, frame, 'loop.run_in_executor', isProcess);
      // A pool of the file's own runs as many at once as it has workers (`ThreadPoolExecutor(max_workers=1)`: one).
      const pool = owner && (THREAD_POOLS.has(owner) || isProcess) && executor?.kind === 'instance'
        ? { concurrency: poolWorkers(evaluator, executor.ctor, owner), pool: executor.origin.key } : {};
      return spawn && { ...spawn, startsImmediately: true, ...pool };
    }
    return undefined;
  }
  if (callee.kind === 'class' && callee.alternatives && callee.alternatives.length > 1) {
    // `Stage.registry[name](...)`: one of several classes, each a thread of its own kind. Which one each call makes
    // comes from data, so each may be any of them.
    const spawns = callee.alternatives.map((cls) => recognizeSpawn(evaluator, { kind: 'class', cls }, call, frame)).filter((spawn): spawn is Spawn => !!spawn);
    const [first, ...rest] = spawns;
    return first && { ...first, more: [...first.more ?? [], ...rest.flatMap((spawn) => [spawn, ...spawn.more ?? []])] };
  }
  if (callee.kind === 'class') {
    // A Thread subclass: constructing it makes a thread whose code is its `run` method.
    const base = libraryBaseOf(evaluator, callee.cls);
    // `class LogServer(socketserver.ThreadingMixIn, socketserver.TCPServer)`: threading by its mix-in.
    if (base && (THREADING_SERVERS.has(base) || base === 'socketserver.ThreadingMixIn')) {
      const server = serverMade(evaluator, callee, call, frame);
      return requestHandlers(evaluator, serverArguments(evaluator, callee.cls, call, frame), server, `${callee.cls.name} (${shortName(base)} subclass)`);
    }
    if (!base || !(THREAD_CLASSES.has(base) || base === 'multiprocessing.Process')) return undefined;
    const isProcess = base === 'multiprocessing.Process';
    const run = findMethod(evaluator.module, callee.cls, 'run');
    const self = evaluator.resultOf(callee, call, frame);
    if (run && run.cls && !isLibraryRun(run)) {
      return {
        via: `${callee.cls.name} (${shortName(base)} subclass)`, target: { kind: 'function', fn: run, self }, targetNode: undefined,
        args: { positional: [], keywords: new Map(), hasSplat: false }, tasksPerCall: one(), concurrency: undefined,
        isProcess, startsImmediately: false, daemon: madeDaemon(evaluator, callee.cls, call, frame), self, entry: run,
      };
    }
    // No run() of its own: it passes target= through to Thread.__init__ (or `function` to Timer.__init__), its
    // caller's or one its `__init__` names.
    const signature = THREAD_CONSTRUCTORS.get(base) ?? THREAD_CONSTRUCTORS.get('threading.Thread')!;
    const passed = targetPassedOn(evaluator, callee.cls, call, frame, self, signature);
    const via = `${callee.cls.name} (${shortName(base)} subclass)`;
    return passed ? fromSignature(evaluator, signature, passed.call, passed.frame, via, isProcess) : fromSignature(evaluator, signature, call, frame, via, isProcess);
  }
  return undefined;
}

/**
 * The server object a call makes, as the variable it is put in names it (`server.hub = Hub()` is its hub): one per
 * call, shared by every request it serves.
 */
function serverMade(evaluator: Evaluator, callee: Value, call: Syntax, frame: Frame): Value {
  const assigned = call.parent?.type === 'assignment' ? assignmentParts(call.parent) : undefined;
  return assigned?.right === call && assigned.left?.type === 'identifier' ? evaluator.evaluate(assigned.left, frame) : evaluator.resultOf(callee, call, frame);
}

/**
 * `ThreadingHTTPServer(addr, Handler)`: once it serves, each request runs the handler class's `handle` (or `do_GET`,
 * `do_POST`...) in a thread of its own, on a new handler whose `self.server` is this server. How many run at once
 * depends on the clients: assumed 2.
 */
function requestHandlers(evaluator: Evaluator, args: CallArgs, server: Value, via: string): Spawn | undefined {
  const handler = args.positional[1]?.value ?? args.keywords.get('RequestHandlerClass')?.value;
  if (handler?.kind !== 'class') return undefined;
  const methods = REQUEST_METHODS.map((name) => findMethod(evaluator.module, handler.cls, name)).filter((fn): fn is FunctionInfo => !!fn?.cls);
  if (methods.length === 0) return undefined;
  if (server.kind === 'instance') evaluator.noteRequestServer(handler.cls, { ...server, origin: { ...server.origin, sharing: 'shared' } });
  const self: Value = { kind: 'instance', cls: handler.cls, origin: { key: `request:${handler.cls.name}`, sharing: 'per-instance' } };
  // Each kind of request (`do_GET`, `do_POST`) runs in threads of its own, beside the others.
  const [first, ...rest] = methods.map((method): Spawn => ({
    via: `${via} request handler`, target: { kind: 'function', fn: method, self }, targetNode: undefined,
    args: { positional: [], keywords: new Map(), hasSplat: false },
    tasksPerCall: { value: 2, known: false, assumption: 'assumed 2 requests handled at once' },
    concurrency: undefined, isProcess: false, startsImmediately: true, daemon: true, self, entry: method, newSelf: true,
    ...(method.name === 'setup' || method.name === 'finish' ? { aroundRequest: true as const } : {}),
  }));
  return rest.length > 0 ? { ...first, more: rest } : first;
}

/**
 * The arguments a server subclass passes on to its library base: its own constructor's, unless its `__init__` calls
 * `super().__init__(address, Handler)` with a handler of its choosing.
 */
function serverArguments(evaluator: Evaluator, cls: ClassInfo, call: Syntax, callerFrame: Frame): CallArgs {
  const base = baseInitCall(evaluator, cls, call, callerFrame, UNKNOWN);
  if (!base) return evaluator.callArgs(call, callerFrame);
  // In a frame of this construction: `super().__init__(address, handler_class)` passes on what the caller gave.
  const passed = evaluator.callArgs(base.call, base.frame);
  // `Base.__init__(self, address, Handler)` names the instance first.
  return base.explicit ? { ...passed, positional: passed.positional.slice(1) } : passed;
}

/**
 * The first `super().__init__(...)` (or `Base.__init__(self, ...)`, `explicit`) call in a class's own `__init__`, with
 * a frame of this construction (the caller's arguments bound, `self` the object made) to read its arguments in.
 */
function baseInitCall(evaluator: Evaluator, cls: ClassInfo, call: Syntax, callerFrame: Frame, self: Value): { call: Syntax; frame: Frame; explicit: boolean } | undefined {
  const init = findMethod(evaluator.module, cls, '__init__');
  if (!init?.body || init.cls !== cls) return undefined;
  const pending: Syntax[] = [init.body];
  while (pending.length > 0) {
    const node = pending.pop()!;
    const callee = node.type === 'call' ? node.children[0] : undefined;
    if (callee?.type === 'attribute' && evaluator.text(callee).endsWith('__init__')) {
      const frame = new Frame(init, init.scope, evaluator.bindArguments(init, evaluator.callArgs(call, callerFrame), self), undefined, 'private', false);
      const explicit = callee.children[0]?.type === 'identifier' && evaluator.text(callee.children[0]) !== 'super';
      return { call: node, frame, explicit };
    }
    pending.push(...node.children);
  }
  return undefined;
}

/**
 * A name that is a parameter of a function looked at on its own (this frame's, or an enclosing one's a lambda or
 * closure sees), or an attribute of one (`self.procs` in a method): its callers give its value.
 */
function givenToGenericFrame(evaluator: Evaluator, node: Syntax | undefined, frame: Frame): boolean {
  while (node?.type === 'attribute') node = node.children[0];
  if (node?.type !== 'identifier') return false;
  const binding = resolveName(scopeOf(evaluator.module, node), evaluator.text(node), evaluator.module.scope);
  if (!binding || binding.scope.kind !== 'function' || !binding.sites.some((site) => site.kind === 'param')) return false;
  return evaluator.frameFor(binding.scope, frame).generic;
}

/** A class of this file with socketserver's ThreadingMixIn among its bases, or its bases' bases. */
function mixesInThreads(evaluator: Evaluator, cls: ClassInfo): boolean {
  return classChain(evaluator.module, cls).some((owner) => owner.bases.some((base) => {
    const value = evaluator.evaluate(base, evaluator.moduleFrame);
    return value.kind === 'external' && canonicalType(value.name) === 'socketserver.ThreadingMixIn';
  }));
}

/**
 * `super().__init__(name=name, target=self._work, args=(list(orders),))` in a Thread subclass's `__init__`: that
 * call, with the frame of this construction to read its arguments in. Only with `target` given by keyword and, for
 * `Thread.__init__(self, ...)`, nothing else by position.
 */
function targetPassedOn(
  evaluator: Evaluator, cls: ClassInfo, call: Syntax, frame: Frame, self: Value, signature: SpawnSignature,
): { call: Syntax; frame: Frame } | undefined {
  const base = baseInitCall(evaluator, cls, call, frame, self);
  const args = base?.call.children[1]?.children ?? [];
  const positional = args.filter((arg) => arg.type !== 'keyword_argument' && arg.type !== 'dictionary_splat');
  const target = args.some((arg) => arg.type === 'keyword_argument' && evaluator.text(arg.children[0]) === signature.callable.keyword);
  if (!base) return undefined;
  // `super().__init__(interval, callback, args=(tub_no,))` of a Timer subclass: the function by its place.
  const placed = !base.explicit && !positional.some((arg) => arg.type === 'list_splat') && positional.length > signature.callable.index;
  return (target && positional.length === (base.explicit ? 1 : 0)) || placed ? base : undefined;
}

/**
 * A Thread subclass whose `__init__` makes it a daemon: `super().__init__(daemon=True)`, `Thread.__init__(self,
 * daemon=True)`, `self.daemon = True` or `self.setDaemon(True)`, with True spelled there or given to the constructor
 * for a parameter of `__init__` (`Ticker(daemon=True)`).
 */
function madeDaemon(evaluator: Evaluator, cls: ClassInfo, call: Syntax, frame: Frame): boolean {
  const init = findMethod(evaluator.module, cls, '__init__');
  const self = init?.params[0]?.name;
  if (!init?.body || !self) return false;
  const isTrue = (node: Syntax | undefined): boolean => {
    if (node?.type === 'true') return true;
    if (node?.type !== 'identifier') return false;
    const index = init.params.findIndex((param) => param.name === evaluator.text(node));
    if (index < 1) return false;
    const args = evaluator.callArgs(call, frame);
    const given = args.keywords.get(init.params[index].name)?.value ?? args.positional[index - 1]?.value;
    return given ? given.kind === 'bool' && given.value : init.params[index].defaultValue?.type === 'true';
  };
  return init.body.children.some((statement) => {
    const expression = statement.type === 'expression_statement' ? statement.children[0] : undefined;
    if (expression?.type === 'assignment') {
      const { left, right } = assignmentParts(expression);
      return left?.type === 'attribute' && evaluator.text(left) === `${self}.daemon` && isTrue(right);
    }
    if (expression?.type !== 'call') return false;
    const callee = evaluator.text(expression.children[0]);
    const args = expression.children[1]?.children ?? [];
    if (callee === `${self}.setDaemon`) return isTrue(args[0]);
    return callee.endsWith('.__init__') && args.some((arg) => arg.type === 'keyword_argument'
      && evaluator.text(arg.children[0]) === 'daemon' && isTrue(arg.children[1]));
  });
}

function isLibraryRun(fn: FunctionInfo): boolean {
  return fn.cls === undefined;
}

function one(): Estimate {
  return { value: 1, known: true };
}

function shortName(qualified: string): string {
  return qualified.slice(qualified.lastIndexOf('.') + 1);
}

function poolWorkers(evaluator: Evaluator, made: { readonly call: Syntax; readonly frame: Frame } | undefined, owner: string): number {
  const spec = THREAD_POOLS.get(owner);
  const fallback = owner.includes('ThreadPoolExecutor') ? Math.min(32, DEFAULT_CORES + 4) : DEFAULT_CORES;
  if (!made) return fallback;
  const args = evaluator.callArgs(made.call, made.frame);
  const where = spec?.workersArg ?? { index: 0, keyword: owner.includes('ThreadPoolExecutor') ? 'max_workers' : 'processes' };
  const value = args.keywords.get(where.keyword)?.value ?? args.positional[where.index]?.value;
  return value?.kind === 'number' && value.value >= 1 ? Math.floor(value.value) : fallback;
}

function argumentAt(args: CallArgs, where: { index: number; keyword: string }): { value: Value; node?: Syntax } | undefined {
  // `pool.submit(fn, *args)`: positions before the first unknown splat are still where they are.
  const known = args.positional.slice(0, where.index + 1).every((arg) => !arg.splat);
  return args.keywords.get(where.keyword) ?? (known ? args.positional[where.index] : undefined);
}

/**
 * How many mapped items a process pool sends a worker at a time: `chunksize=` (an executor takes it by keyword only,
 * a multiprocessing pool also third); by default one, but `Pool.map`, `starmap` and their `_async` forms size chunks
 * themselves.
 */
function chunksizeOf(args: CallArgs, via: string): number | 'auto' {
  const executor = via.includes('Executor');
  const given = executor ? args.keywords.get('chunksize') : argumentAt(args, { index: 2, keyword: 'chunksize' });
  if (given?.value.kind === 'number' && given.value.value >= 1) return Math.floor(given.value.value);
  return !executor && /\.(map|map_async|starmap|starmap_async)$/.test(via) ? 'auto' : 1;
}

function fromSignature(
  evaluator: Evaluator, signature: SpawnSignature, call: Syntax, frame: Frame, via: string, isProcess: boolean, given?: CallArgs,
): Spawn | undefined {
  const all = given ?? evaluator.callArgs(call, frame);
  const callable = argumentAt(all, signature.callable);
  if (!callable) return undefined;
  const positional: CallArgs['positional'] = [];
  const keywords: CallArgs['keywords'] = new Map();
  let hasSplat = false;
  if (signature.args) {
    const tuple = argumentAt(all, signature.args);
    if (tuple) {
      const value = tuple.value;
      if (value.kind === 'container' && value.items) {
        const nodes = tuple.node && (tuple.node.type === 'tuple' || tuple.node.type === 'list') ? tuple.node.children : [];
        value.items.forEach((item, i) => positional.push({ value: item, node: nodes[i] }));
      } else {
        hasSplat = true;
      }
    }
  }
  if (signature.kwargs) {
    const dict = argumentAt(all, signature.kwargs);
    if (dict?.node?.type === 'dictionary' && dict.node.children.every((child) => child.type === 'pair')) {
      for (const pair of dict.node.children) {
        const [key, valueNode] = pair.children;
        if (pair.type !== 'pair' || !key || !valueNode || key.type !== 'string') continue;
        const name = evaluator.text(key).replace(/^[rbuRBU]*["']+|["']+$/g, '');
        keywords.set(name, { value: evaluator.evaluate(valueNode, frame), node: valueNode });
      }
    } else if (dict?.node?.type === 'call' && evaluator.text(dict.node.children[0]) === 'dict' && dict.node.children[1]?.children.every((arg) => arg.type === 'keyword_argument')) {
      // `kwargs=dict(car=car, weight=w)`.
      for (const [name, arg] of evaluator.callArgs(dict.node, frame).keywords) keywords.set(name, arg);
    } else if (dict?.value.kind === 'container' && dict.value.keywords) {
      // `kwargs={**kwargs, "seed": s}`, `kwargs=kwargs` of a `**kwargs` the caller spelled.
      for (const [name, value] of dict.value.keywords) keywords.set(name, { value });
    } else if (dict) {
      hasSplat = true;
    }
  }
  if (signature.restArePositional) {
    all.positional.slice(signature.callable.index + 1).forEach((arg) => positional.push(arg));
    if (all.hasSplat) hasSplat = true;
  }
  if (signature.restAreKeywords) {
    for (const [name, arg] of all.keywords) if (name !== signature.callable.keyword) keywords.set(name, arg);
  }
  let tasksPerCall = one();
  if (signature.mapsOver !== undefined) {
    const iterable = all.positional[signature.mapsOver];
    const length = iterable ? lengthOf(iterable.value) : undefined;
    const item = iterable ? elementOf(iterable.value) : undefined;
    if (item) {
      if (signature.starmap) hasSplat = true;
      else positional.push({ value: item, node: iterable?.node });
    }
    // `executor.map(fn, names, codes)`: one item of each iterable per call (a multiprocessing pool's third argument is
    // its chunksize instead).
    if (item && !signature.starmap && via.endsWith('Executor.map')) {
      for (const more of all.positional.slice(signature.mapsOver + 1)) positional.push({ value: elementOf(more.value), node: more.node });
    }
    tasksPerCall = length === undefined
      ? { value: 4, known: false, assumption: `assumed 4 items in \`${iterable?.node ? evaluator.text(iterable.node) : 'the iterable'}\`` }
      : { value: length, known: true };
  }
  const daemonArg = all.keywords.get('daemon')?.value;
  const spawn: Spawn = {
    via, target: callable.value, targetNode: callable.node, args: { positional, keywords, hasSplat },
    tasksPerCall, concurrency: undefined, isProcess, startsImmediately: STARTS_IMMEDIATELY.has(via),
    ...(isProcess && signature.mapsOver !== undefined ? { chunksize: chunksizeOf(all, via) } : {}),
    daemon: daemonArg?.kind === 'bool' && daemonArg.value,
  };
  const targets = (callable.node ? loopedFunctions(evaluator, callable.node, frame) : undefined) ?? methodAlternatives(evaluator, callable.value);
  if (!targets) return spawn;
  const [first, ...rest] = targets.map((target): Spawn => ({ ...spawn, target, splitAcross: targets.length }));
  return { ...first, more: rest };
}

/**
 * `pool.submit(listener.handle, order)` on an object of one of several classes: each class's method, on an object of
 * that class.
 */
function methodAlternatives(evaluator: Evaluator, target: Value): Value[] | undefined {
  // `partial(apply, book=book)` of a `singledispatch` function: each registered function, given the same arguments.
  if (target.kind === 'partial') return methodAlternatives(evaluator, target.fn)?.map((fn) => ({ ...target, fn }));
  // One decorator's wrapper around either of two methods (`@logged def pack_bale`, `@logged def grade_bale`): each.
  if (target.kind === 'function' && target.others?.length && !target.alternatives) {
    const { others, ...one } = target;
    return [one, ...others.map((other): Value => ({ ...other, others: undefined }))];
  }
  if (target.kind !== 'function' || !target.alternatives) return undefined;
  return [target.fn, ...target.alternatives].map((fn): Value => {
    const self = selfForMethod(evaluator.module, target.self, fn);
    return { kind: 'function', fn, ...(target.closure && fn === target.fn ? { closure: target.closure } : {}), ...(self ? { self } : {}) };
  });
}

/**
 * `for job in (rank_hours, price_day): Thread(target=job, ...)`: the functions a loop variable given as the target
 * goes over, when the loop runs over a tuple or list the file spells, of two or more different functions.
 */
function loopedFunctions(evaluator: Evaluator, node: Syntax, frame: Frame): Array<Extract<Value, { kind: 'function' }>> | undefined {
  if (node.type !== 'identifier') return undefined;
  const binding = resolveName(scopeOf(evaluator.module, node), evaluator.text(node), evaluator.module.scope);
  const site = binding?.sites.length === 1 ? binding.sites[0] : undefined;
  if (site?.kind !== 'assign' || !site.iterable || site.path.length !== 0) return undefined;
  if (site.iterable.type !== 'tuple' && site.iterable.type !== 'list') return undefined;
  // A round of the loop unrolled: the variable is that round's function, and the round starts only it.
  if (evaluator.frameFor(binding!.scope, frame).known.has(binding!)) return undefined;
  const loop = evaluator.evaluate(site.iterable, frame);
  const items = loop.kind === 'container' ? loop.items : undefined;
  if (!items || items.length < 2 || !items.every((item) => item.kind === 'function')) return undefined;
  const functions = items as Array<Extract<Value, { kind: 'function' }>>;
  return new Set(functions.map((item) => item.fn)).size === functions.length ? functions : undefined;
}
