// Facts about one module: its functions and classes, the threads it starts and the code they run, the state that
// code touches and with which locks, and what its coroutines call. No judging here; the rules do that.

import type { LineIndex, Syntax } from '../parse/syntax';
import { type Access, APPROXIMATE_LOCK, DEFAULT_LIMITS, type Execution, type Place, type WalkLimits, type WalkTimes, type WriteKind, walkModule, writeKind } from './execution';
import { type LockFlow, analyzeLockFlow } from './locking';
import { type ModuleInfo, buildModule } from './scopes';
import type { Spans } from './text';
import type { ThreadStart } from './threads';
import { Evaluator } from './values';

export { type WriteKind, writeKind };

export interface Facts {
  readonly module: ModuleInfo;
  readonly evaluator: Evaluator;
  readonly starts: readonly ThreadStart[];
  readonly executions: readonly Execution[];
  readonly lockFlows: readonly LockFlow[];
  /** True when a limit cut the walk short. */
  readonly truncated: boolean;
  /** Milliseconds each stage took, for the bench. */
  readonly times: FactTimes;
  /**
   * How many threads can write this place at the same time (main counts while its threads run); with `kind`, only
   * writes of that kind (a check that a list is non-empty is undone only by removals); with `seenBy`, only writers
   * that can run beside it (see Viewpoint).
   */
  concurrentWriters(key: string, kind?: WriteKind, seenBy?: Viewpoint, slotsByCall?: boolean): number;
  /** The thread starts whose threads write this place. */
  writerStarts(key: string, kind?: WriteKind, seenBy?: Viewpoint): ThreadStart[];
  /** Whether the main thread is one of the writers `concurrentWriters` counts. */
  mainWrites(key: string, kind?: WriteKind, seenBy?: Viewpoint): boolean;
  /**
   * Writers of this place that hold a lock, but none of `locks`, at some write beside the viewpoint (`with order_lock:`
   * here, `with restock_lock:` there): no lock keeps them apart. `main` for the main thread.
   */
  writersUnderOtherLocks(key: string, locks: readonly string[], seenBy: Viewpoint): Array<ThreadStart | 'main'>;
  /**
   * The start that stands for this one's threads (see Walker.sameThreads): writers are counted by it. Starts made
   * by several walks of the same code, or coroutines handed to one event loop on a thread, are one start's threads.
   */
  sameThread(start: ThreadStart): ThreadStart;
  /** Queues fed item after item by loops that do not wait: their takers wait for none but the first. */
  readonly fedBackToBack: ReadonlySet<string>;
  /** The items the file puts in each queue, when every put is counted: the jobs its takers share. */
  readonly queueItems: ReadonlyMap<string, number>;
}

/**
 * Who asks which writers run beside it: the threads of a start (those of its phase, and main while they run), or an
 * access: the main thread's meets the threads it had running then; a thread's, those of its start, less the threads
 * its own thread made after it (see Access.children).
 */
export type Viewpoint = ThreadStart | Access;


/** The stages of fact finding. Scopes are built lazily, so bodies first read by the walk count as walk time. */
export interface FactTimes {
  readonly scopes: number;
  readonly walk: WalkTimes;
  readonly lockFlow: number;
  readonly writers: number;
}

/** `spans`: the parts of `source` that hold code when the rest is blanked (a module part: see parts.ts). */
export function extractFacts(root: Syntax, source: string, limits: WalkLimits = DEFAULT_LIMITS, lines?: LineIndex, spans?: Spans): Facts {
  const began = performance.now();
  const module = buildModule(root, source, lines, spans);
  const evaluator = new Evaluator(module, !!limits.workload);
  const built = performance.now();
  const { starts, executions, truncated, sameThreads, times: walk, acquiredByCall, fedBackToBack, queueItems } = walkModule(evaluator, limits);
  shareItemsAcrossStarts(executions, sameThreads);
  const walked = performance.now();
  const lockFlows = analyzeLockFlow(module, evaluator);
  const flowed = performance.now();
  const writers = collectWriters(executions, sameThreads);
  const times: FactTimes = { scopes: built - began, walk, lockFlow: flowed - walked, writers: performance.now() - flowed };
  const startedBy = new Map(executions.flatMap((execution) => (execution.start ? [[execution.id, execution.start] as const] : [])));
  const entries = (key: string, kind: WriteKind | undefined, seenBy: Viewpoint | undefined): Writer[] => {
    const base = writers.itemBases.get(key);
    // One constant item: its own writers and those of items the code does not name.
    const own = base !== undefined
      ? unique([...(writers.byKey.get(key) ?? []), ...(writers.byKey.get(`${base} any`) ?? [])])
      : writers.byKey.get(kind ? `${key} ${kind}` : key) ?? [];
    // Part of an object stored under a constant key (`meters["db"].total`): also the writers that reach it through
    // an item the code does not name (`for meter in meters.values(): meter.total = ...`).
    const generic = genericKey(key);
    const unnamed = generic ? writers.byKey.get(kind ? `${generic} unnamed ${kind}` : `${generic} unnamed`) : undefined;
    const all = unnamed ? unique([...own, ...unnamed]) : own;
    return seenBy ? all.filter((writer) => meets(writer, seenBy, startedBy, same)) : all;
  };
  const same = (start: ThreadStart) => sameThreads.get(start) ?? start;
  const phaseOf = (seenBy: Viewpoint | undefined) => (seenBy && ('via' in seenBy ? seenBy : seenBy.execution.start)?.phase);
  return {
    module, evaluator, starts, executions, lockFlows, truncated, times, fedBackToBack, queueItems,
    sameThread: (start) => sameThreads.get(start) ?? start,
    concurrentWriters(key, kind, seenBy, slotsByCall) {
      return concurrentCount(entries(key, kind, seenBy), phaseOf(seenBy), slotsByCall);
    },
    mainWrites(key, kind, seenBy) {
      return entries(key, kind, seenBy).some((entry) => !entry.start);
    },
    writerStarts(key, kind, seenBy) {
      const phase = phaseOf(seenBy);
      return entries(key, kind, seenBy).flatMap((entry) =>
        (entry.start && (!phase || !entry.start.phase || entry.start.phase === phase) ? [entry.start] : []));
    },
    writersUnderOtherLocks(key, locks, seenBy) {
      const phase = phaseOf(seenBy);
      const seen = 'via' in seenBy ? seenBy : seenBy.execution.start;
      const own = seen && (sameThreads.get(seen) ?? seen);
      return entries(key, undefined, seenBy).flatMap((entry) => {
        if (entry.start && phase && entry.start.phase && entry.start.phase !== phase) return [];
        // The threads of one start meet each other only when there are several of them.
        if (entry.start === own && entry.instances < 2) return [];
        // Only locks known by identity, each taken and given back by the code that holds it (`with`), can be told
        // apart (see APPROXIMATE_LOCK and acquiredByCall).
        const uncertain = (lock: string) => isApproximate(lock) || acquiredByCall.has(lock);
        if (locks.some(uncertain)) return [];
        const apart = entry.lockSets.some((held) => held.length > 0 && !held.some(uncertain) && !held.some((lock) => locks.includes(lock)));
        return apart ? [entry.start ?? 'main' as const] : [];
      });
    },
  };
}

/**
 * Each thread of a start has its own item of a list (`for a in accounts: Thread(target=deposit, args=(a,))`), but
 * a second start over the same list (`... Thread(target=charge_fees, args=(a,))`) gives its threads those same
 * items: a deposit thread and a fee thread meet on each account. Accesses to the items of a container that the
 * threads of two starts which can run together reach, each its own, become shared, one writer a start (see
 * Place.ownSlot). Starts a join keeps apart (different phases) never meet.
 */
function shareItemsAcrossStarts(executions: readonly Execution[], sameThreads: ReadonlyMap<ThreadStart, ThreadStart>): void {
  const startsByKey = new Map<string, Set<ThreadStart>>();
  // The items a start hands its threads, one each, as arguments: an item taken off a queue is the taker's alone,
  // whoever else takes from it.
  const handed = new Map<ThreadStart, string[]>();
  const itemsHanded = (start: ThreadStart) => {
    let keys = handed.get(start);
    if (!keys) {
      const values = [...start.args.positional.map((arg) => arg.value), ...[...start.args.keywords.values()].map((arg) => arg.value)];
      keys = values.flatMap((value) => {
        const origin = value.kind === 'instance' || value.kind === 'container' || value.kind === 'unknown' ? value.origin : undefined;
        return origin && origin.sharing === 'per-instance' && origin.key.includes('[]') ? [origin.key] : [];
      });
      handed.set(start, keys);
    }
    return keys;
  };
  const ownItem = (place: Place, execution: Execution) => execution.kind === 'thread' && !!execution.start && place.sharing === 'per-instance'
    && itemsHanded(execution.start).some((key) => place.key === key || (place.key.startsWith(key) && '.['.includes(place.key[key.length])));
  const each = (execution: Execution, visit: (place: Place) => void) => {
    for (const access of execution.accesses) visit(access.place);
    for (const check of execution.checks) check.tested.forEach(visit);
  };
  for (const execution of executions) {
    each(execution, (place) => {
      if (!ownItem(place, execution)) return;
      const start = sameThreads.get(execution.start!) ?? execution.start!;
      const known = startsByKey.get(place.key);
      if (known) known.add(start);
      else startsByKey.set(place.key, new Set([start]));
    });
  }
  // Starts one call makes in the rounds of a loop (`for name in names: data = list(rows); Thread(args=(data,))`)
  // hand each round's own objects.
  const meet = (starts: ReadonlySet<ThreadStart>) => {
    const all = [...starts];
    return all.some((a, i) => all.slice(i + 1).some((b) => a.call !== b.call && (!a.phase || !b.phase || a.phase === b.phase)));
  };
  const crossed = new Set([...startsByKey].filter(([, starts]) => starts.size > 1 && meet(starts)).map(([key]) => key));
  if (crossed.size === 0) return;
  const shared = (place: Place): Place => ({ ...place, sharing: 'shared', ownSlot: true });
  for (const execution of executions) {
    for (const access of execution.accesses) {
      if (ownItem(access.place, execution) && crossed.has(access.place.key)) (access as { place: Place }).place = shared(access.place);
    }
    for (const check of execution.checks) {
      if (check.tested.some((place) => ownItem(place, execution) && crossed.has(place.key))) {
        (check as { tested: readonly Place[] }).tested = check.tested.map((place) => (ownItem(place, execution) && crossed.has(place.key) ? shared(place) : place));
      }
    }
  }
}

interface Writer {
  readonly instances: number;
  readonly start?: ThreadStart;
  /** The locks held at its writes, one list per different set. */
  readonly lockSets: ReadonlyArray<readonly string[]>;
  /**
   * For main: by the execution that wrote, the threads it had running at those writes (see Access.alongside);
   * `any` when some write was made beside threads it cannot name.
   */
  readonly alongside?: ReadonlyMap<number, ReadonlySet<ThreadStart> | 'any'>;
  /** For a thread: by the execution that wrote, the threads it had made by those writes (see Access.children). */
  readonly children?: ReadonlyMap<number, ReadonlySet<ThreadStart> | 'any'>;
  /** The start call, when each of this writer's writes was to a slot of its own thread's key (see Place.ownSlot). */
  readonly ownSlotOf?: Syntax;
}

/**
 * Can this writer write beside the viewpoint? Main's writes meet a thread it started only if they were made while
 * that thread ran, and main's access meets only the threads of its own it had running; threads made elsewhere may
 * meet any of them.
 */
function meets(writer: Writer, seenBy: Viewpoint, startedBy: ReadonlyMap<number, ThreadStart>, same: (start: ThreadStart) => ThreadStart): boolean {
  const access = 'via' in seenBy ? undefined : seenBy;
  const seen = access ? access.execution.start : seenBy as ThreadStart;
  if (access && !seen) {
    const running = access.alongside;
    return !writer.start || !running || writer.start.madeBy !== access.execution.id || running.includes(writer.start);
  }
  // A thread's code is one start's threads wherever it was walked (see sameThreads): its ancestry is that start's.
  const chain = lineage(same(seen!), startedBy);
  if (writer.start) {
    // This access came before its thread made the writer's thread (or one of its ancestors), or the writer's every
    // write came before its thread made this one's: one follows the other.
    const children = access?.children;
    if (children && lineage(writer.start, startedBy).some((start) => start.madeBy === access.execution.id && !children.includes(start))) return false;
    return !writer.children || !madeAfterAll(chain, writer.children);
  }
  if (!writer.alongside) return true;
  // A thread started by a thread main started later is not running yet either.
  return !madeAfterAll(chain, writer.alongside);
}

/** Each execution made, after all its writes, a thread of the chain (or was not running it at any of them). */
function madeAfterAll(chain: readonly ThreadStart[], byExecution: ReadonlyMap<number, ReadonlySet<ThreadStart> | 'any'>): boolean {
  for (const [executionId, made] of byExecution) {
    const own = chain.find((start) => start.madeBy === executionId);
    if (!own || made === 'any' || made.has(own)) return false;
  }
  return true;
}

/** A start, then the start of the thread that made it, and so on (a few levels). */
function lineage(start: ThreadStart, startedBy: ReadonlyMap<number, ThreadStart>): ThreadStart[] {
  const chain = [start];
  for (let parent = startedBy.get(start.madeBy); parent && chain.length < 8 && !chain.includes(parent); parent = startedBy.get(parent.madeBy)) chain.push(parent);
  return chain;
}

/**
 * How many writers can run at once: starts in different phases of the same spawner never overlap (it joined the
 * earlier ones first); the main thread and starts that may overlap anything count in every phase.
 */
function concurrentCount(writers: readonly Writer[], phase: string | undefined, slotsByCall = false): number {
  if (slotsByCall) writers = oneWriterPerSlotCall(writers);
  const everywhere = writers.filter((w) => !w.start?.phase).reduce((sum, w) => sum + w.instances, 0);
  const byPhase = new Map<string, number>();
  for (const writer of writers) {
    const at = writer.start?.phase;
    if (at) byPhase.set(at, (byPhase.get(at) ?? 0) + writer.instances);
  }
  return everywhere + (phase ? byPhase.get(phase) ?? 0 : Math.max(0, ...byPhase.values()));
}

/**
 * Starts one call made round by round (a loop over a literal walked once a round), each writing only the slot of its
 * own round's key, as one writer: no two of them write the same item, as the threads of one start writing their own
 * slots do not.
 */
function oneWriterPerSlotCall(writers: readonly Writer[]): Writer[] {
  const calls = new Set<Syntax>();
  return writers.filter((writer) => {
    if (!writer.ownSlotOf) return true;
    if (calls.has(writer.ownSlotOf)) return false;
    calls.add(writer.ownSlotOf);
    return true;
  });
}

const WRITES = new Set<Access['kind']>(['store', 'rmw', 'mutate', 'delete']);

function isApproximate(lock: string): boolean {
  return lock.startsWith(APPROXIMATE_LOCK);
}

/** Adds a write's locks to the sets seen (the same array when it is one of them: writers are shared between keys). */
function withLockSet(known: Writer['lockSets'] | undefined, locks: readonly string[]): Writer['lockSets'] {
  if (!known) return [locks];
  const same = (held: readonly string[]) => held.length === locks.length && held.every((lock) => locks.includes(lock));
  return known.some(same) ? known : [...known, locks];
}

/** Adds the threads one write was made beside (or after) to a writer's, by execution (a new map: writers are shared between keys). */
function noteAlongside(
  known: Writer['alongside'], executionId: number, running: readonly ThreadStart[] | undefined,
): Map<number, ReadonlySet<ThreadStart> | 'any'> {
  const next = new Map(known);
  const seen = next.get(executionId);
  if (seen === 'any') return next;
  next.set(executionId, running ? new Set([...(seen ?? []), ...running]) : 'any');
  return next;
}

/**
 * The key of a part of an object stored under a constant key, with those keys left unnamed: `meters["db"].total`
 * gives `meters[].total`. Undefined for other keys. (Keys are the model's own strings; see keyedStore in values.ts.)
 */
function genericKey(key: string): string | undefined {
  if (!key.includes('["')) return undefined;
  const generic = key.replace(/\["(?:[^"\\]|\\.)*"\]/g, '[]');
  return generic !== key && generic.includes('[].') ? generic : undefined;
}

/** One entry per thread start (or main). */
function unique(writers: readonly Writer[]): Writer[] {
  const seen = new Set<ThreadStart | undefined>();
  return writers.filter((writer) => !seen.has(writer.start) && !!seen.add(writer.start));
}

/**
 * Writers of each place (and of each place with a kind of write), one entry per thread start or `main`; writers of
 * each constant item of a container (`stats["queries"]`) and of its unnamed items (`<object>[] any`).
 */
function collectWriters(
  executions: readonly Execution[], sameThreads: ReadonlyMap<ThreadStart, ThreadStart>,
): { byKey: Map<string, Writer[]>; itemBases: Map<string, string> } {
  const byStart = new Map<string, Map<ThreadStart | 'main', Writer>>();
  const itemBases = new Map<string, string>();
  for (const execution of executions) {
    // Child processes share no state with threads but what is made to be shared (see recordAccess); coroutines
    // race them only beside threads.
    if (execution.kind === 'task') continue;
    for (const access of execution.accesses) {
      if (!WRITES.has(access.kind) || !access.concurrent || access.place.sharing !== 'shared') continue;
      if (execution.kind === 'process' && !access.acrossProcesses) continue;
      const { key: placeKey, itemKey } = access.place;
      if (itemKey) itemBases.set(itemKey, placeKey);
      const itemBucket = itemKey ?? (placeKey.endsWith('[]') ? `${placeKey} any` : undefined);
      const kind = writeKind(access);
      const keys = [placeKey, `${placeKey} ${kind}`, ...(itemBucket ? [itemBucket] : [])];
      // Objects stored under constant keys meet those reached through unnamed items (see entries in extractFacts):
      // the writer of `meters["db"].total` counts for `meters[].total`, and that one's for every named meter.
      const generic = genericKey(placeKey);
      if (generic) keys.push(generic, `${generic} ${kind}`);
      else if (placeKey.includes('[].')) keys.push(`${placeKey} unnamed`, `${placeKey} unnamed ${kind}`);
      for (const key of keys) {
        let writers = byStart.get(key);
        if (!writers) {
          writers = new Map();
          byStart.set(key, writers);
        }
        const start = execution.start && (sameThreads.get(execution.start) ?? execution.start);
        const owner = start ?? 'main';
        // The threads of one start writing each its own slot count as one writer.
        const instances = (execution.kind === 'thread' || execution.kind === 'process') && !access.place.ownSlot ? execution.instances : 1;
        const known = writers.get(owner);
        const alongside = owner === 'main' ? noteAlongside(known?.alongside, execution.id, access.alongside) : undefined;
        const children = execution.kind === 'thread' ? noteAlongside(known?.children, execution.id, access.children) : undefined;
        const lockSets = withLockSet(known?.lockSets, access.locks);
        const ownSlotOf = access.place.ownSlot && start && (!known || known.ownSlotOf === start.call) ? start.call : undefined;
        if (!known || known.instances < instances) writers.set(owner, { instances, start, alongside, children, lockSets, ownSlotOf });
        else if (alongside || children || lockSets !== known.lockSets || ownSlotOf !== known.ownSlotOf) {
          writers.set(owner, { ...known, ...(alongside ? { alongside } : {}), ...(children ? { children } : {}), lockSets, ownSlotOf });
        }
      }
    }
  }
  return { byKey: new Map([...byStart].map(([key, writers]) => [key, [...writers.values()]])), itemBases };
}
