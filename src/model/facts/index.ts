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
   * writes of that kind (a check that a list is non-empty is undone only by removals).
   */
  concurrentWriters(key: string, kind?: WriteKind): number;
  /** The thread starts whose threads write this place. */
  writerStarts(key: string, kind?: WriteKind): ThreadStart[];
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
  const bySite = (key: string, kind?: WriteKind) => writers.get(kind ? `${key} ${kind}` : key);
  return {
    module, evaluator, starts, executions, lockFlows, truncated,
    concurrentWriters(key, kind) {
      let total = 0;
      for (const count of bySite(key, kind)?.values() ?? []) total += count.instances;
      return total;
    },
    writerStarts(key, kind) {
      return [...(bySite(key, kind)?.values() ?? [])].flatMap((entry) => (entry.start ? [entry.start] : []));
    },
  };
}

const WRITES = new Set<Access['kind']>(['store', 'rmw', 'mutate', 'delete']);

/**
 * Writers of each place, grouped by where their threads come from. One start site run several times in a row (a
 * function called twice that joins its threads each time) counts as many threads as one run makes, not their sum.
 */
function collectWriters(executions: readonly Execution[]): Map<string, Map<Syntax | 'main', { instances: number; start?: ThreadStart }>> {
  const writers = new Map<string, Map<Syntax | 'main', { instances: number; start?: ThreadStart }>>();
  for (const execution of executions) {
    if (execution.kind === 'async') continue;
    for (const access of execution.accesses) {
      if (!WRITES.has(access.kind) || !access.concurrent || access.place.sharing !== 'shared') continue;
      // Indexed by the place, and by the place with the kind of write.
      for (const key of [access.place.key, `${access.place.key} ${writeKind(access)}`]) {
        let bySite = writers.get(key);
        if (!bySite) {
          bySite = new Map();
          writers.set(key, bySite);
        }
        const site = execution.start?.call ?? 'main';
        const previous = bySite.get(site);
        const instances = execution.kind === 'thread' ? execution.instances : 1;
        if (!previous || previous.instances < instances) bySite.set(site, { instances, start: execution.start });
      }
    }
  }
  return writers;
}
