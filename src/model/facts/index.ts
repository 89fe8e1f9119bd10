// Facts about one module: its functions and classes, the threads it starts and the code they run, the state that
// code touches and with which locks, and what its coroutines call. No judging here; the rules do that.

import type { Syntax } from '../parse/syntax';
import { type Access, DEFAULT_LIMITS, type Execution, type WalkLimits, walkModule } from './execution';
import { REMOVING_METHODS } from './library';
import { type LockFlow, analyzeLockFlow } from './locking';
import { type ModuleInfo, buildModule } from './scopes';
import type { ThreadStart } from './threads';
import { Evaluator } from './values';

export interface Facts {
  readonly module: ModuleInfo;
  readonly evaluator: Evaluator;
  readonly starts: readonly ThreadStart[];
  readonly executions: readonly Execution[];
  readonly lockFlows: readonly LockFlow[];
  /** True when a limit cut the walk short. */
  readonly truncated: boolean;
  /**
   * How many threads can write this place at the same time (main counts while its threads run); with `kind`, only
   * writes of that kind (a check that a list is non-empty is undone only by removals); with `phase`, only writers
   * that can run beside a thread of that phase.
   */
  concurrentWriters(key: string, kind?: WriteKind, phase?: string): number;
  /** The thread starts whose threads write this place. */
  writerStarts(key: string, kind?: WriteKind, phase?: string): ThreadStart[];
}

/** What a write does to a place: puts items in, takes items out, or sets a value. */
export type WriteKind = 'add' | 'remove' | 'set';

export function writeKind(access: Access): WriteKind {
  if (access.kind === 'delete') return 'remove';
  if (access.kind === 'mutate') return access.method && (REMOVING_METHODS.has(access.method) || access.method === 'clear') ? 'remove' : 'add';
  return 'set';
}

export function extractFacts(root: Syntax, source: string, limits: WalkLimits = DEFAULT_LIMITS): Facts {
  const module = buildModule(root, source);
  const evaluator = new Evaluator(module);
  const { starts, executions, truncated } = walkModule(evaluator, limits);
  const lockFlows = analyzeLockFlow(module, evaluator);
  const writers = collectWriters(executions);
  const entries = (key: string, kind?: WriteKind): Writer[] => {
    const base = writers.itemBases.get(key);
    // One constant item: its own writers and those of items the code does not name.
    if (base !== undefined) return unique([...(writers.byKey.get(key) ?? []), ...(writers.byKey.get(`${base} any`) ?? [])]);
    return writers.byKey.get(kind ? `${key} ${kind}` : key) ?? [];
  };
  return {
    module, evaluator, starts, executions, lockFlows, truncated,
    concurrentWriters(key, kind, phase) {
      return concurrentCount(entries(key, kind), phase);
    },
    writerStarts(key, kind, phase) {
      return entries(key, kind).flatMap((entry) =>
        (entry.start && (!phase || !entry.start.phase || entry.start.phase === phase) ? [entry.start] : []));
    },
  };
}

interface Writer {
  readonly instances: number;
  readonly start?: ThreadStart;
}

/**
 * How many writers can run at once: starts in different phases of the same spawner never overlap (it joined the
 * earlier ones first); the main thread and starts that may overlap anything count in every phase.
 */
function concurrentCount(writers: readonly Writer[], phase: string | undefined): number {
  const everywhere = writers.filter((w) => !w.start?.phase).reduce((sum, w) => sum + w.instances, 0);
  const byPhase = new Map<string, number>();
  for (const writer of writers) {
    const at = writer.start?.phase;
    if (at) byPhase.set(at, (byPhase.get(at) ?? 0) + writer.instances);
  }
  return everywhere + (phase ? byPhase.get(phase) ?? 0 : Math.max(0, ...byPhase.values()));
}

const WRITES = new Set<Access['kind']>(['store', 'rmw', 'mutate', 'delete']);

/** One entry per thread start (or main). */
function unique(writers: readonly Writer[]): Writer[] {
  const seen = new Set<ThreadStart | undefined>();
  return writers.filter((writer) => !seen.has(writer.start) && !!seen.add(writer.start));
}

/**
 * Writers of each place (and of each place with a kind of write), one entry per thread start or `main`; writers of
 * each constant item of a container (`stats["queries"]`) and of its unnamed items (`<object>[] any`).
 */
function collectWriters(executions: readonly Execution[]): { byKey: Map<string, Writer[]>; itemBases: Map<string, string> } {
  const byStart = new Map<string, Map<ThreadStart | 'main', Writer>>();
  const itemBases = new Map<string, string>();
  for (const execution of executions) {
    // Coroutines and child processes share no state with threads.
    if (execution.kind === 'async' || execution.kind === 'task' || execution.kind === 'process') continue;
    for (const access of execution.accesses) {
      if (!WRITES.has(access.kind) || !access.concurrent || access.place.sharing !== 'shared') continue;
      const { key: placeKey, itemKey } = access.place;
      if (itemKey) itemBases.set(itemKey, placeKey);
      const itemBucket = itemKey ?? (placeKey.endsWith('[]') ? `${placeKey} any` : undefined);
      for (const key of [placeKey, `${placeKey} ${writeKind(access)}`, ...(itemBucket ? [itemBucket] : [])]) {
        let writers = byStart.get(key);
        if (!writers) {
          writers = new Map();
          byStart.set(key, writers);
        }
        const owner = execution.start ?? 'main';
        // The threads of one start writing each its own slot count as one writer.
        const instances = execution.kind === 'thread' && !access.place.ownSlot ? execution.instances : 1;
        const known = writers.get(owner);
        if (!known || known.instances < instances) writers.set(owner, { instances, start: execution.start });
      }
    }
  }
  return { byKey: new Map([...byStart].map(([key, writers]) => [key, [...writers.values()]])), itemBases };
}
