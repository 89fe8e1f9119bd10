// GIL002 nonatomic-shared-update: a read-modify-write of shared state made with no lock held.

import type { Facts } from '../facts';
import type { Access, InnerCall } from '../facts/execution';
import type { ThreadStart } from '../facts/threads';
import type { LineIndex, Syntax } from '../parse/syntax';
import { byCall, code, processLock, startedAt } from './describe';
import type { Finding, Rule } from './types';

export const nonAtomicSharedUpdate: Rule = {
  doc: {
    code: 'GIL002',
    name: 'nonatomic-shared-update',
    title: 'Read-modify-write of shared state without a lock',
    whatItDoes:
      'Finds `x += 1`, `x = x + 1`, `self.n += 1`, `d[k] += 1` and `d[k] = d.get(k, 0) + 1` on state that several '
      + 'threads write (module globals, `nonlocal` cells, attributes of objects handed to several threads, items of '
      + 'shared containers), made by a thread with no lock held. Updates under `with lock:`, on `threading.local` '
      + 'attributes, on locals and on state written only before the threads start are not reported. A lock counts only '
      + 'when the threads share it: one made in each call (`guard = threading.Lock()` then `with guard:`), one each '
      + "thread's own object carries (`with self._lock:` around a class-wide total), or a `lock.acquire(timeout=...)` "
      + 'whose result is not tested before the update keeps no other thread out. Two `with` blocks on different locks '
      + 'around writes of the same state (`with order_lock:` here, `with restock_lock:` there) keep nothing apart either: '
      + 'each update is reported. Items keyed by the running thread (`results[threading.current_thread().name]`, '
      + '`threading.get_ident()`, `self.name` in a Thread subclass) are each thread\'s own, unless several threads are given '
      + 'the same name. A coroutine\'s update is one the event loop\'s thread makes: it races the threads running beside it '
      + '(started by it or its caller and not yet waited for, pool threads working for coroutines gathered with it), never '
      + 'the loop\'s other coroutines. Child processes share nothing with threads, nor with each other, but objects made '
      + 'to be shared: `pages.value += 1` on a `multiprocessing.Value` (or an item of an `Array`, or of a manager\'s '
      + '`dict()` or `list()`) made by several processes with no lock held across it loses updates for real, whatever '
      + 'the GIL does, since each process has its own.',
    whyIsThisBad:
      'The GIL makes each bytecode atomic, not each statement: `counter += 1` is a load, an add and a store, and another '
      + 'thread can run between the load and the store, so one of the two updates is lost. Since Python 3.10 the '
      + 'interpreter only checks for a GIL drop request after calls and on backward jumps, so an update with no call '
      + 'inside (`counter += 1` on a plain global) rarely loses anything on 3.10-3.13 with the GIL: the race is latent. An '
      + 'update with a call inside (`total += weigh(item)`, `d[k] = d.get(k, 0) + 1`) loses updates on every version. '
      + 'Free-threaded builds (3.13t, 3.14t) have no GIL at all and lose updates either way.',
    example: [
      'import threading',
      '',
      'counter = 0',
      '',
      'def work():',
      '    global counter',
      '    for _ in range(100_000):',
      '        counter += 1  # GIL002',
      '',
      'threads = [threading.Thread(target=work) for _ in range(4)]',
    ].join('\n'),
    useInstead: [
      'import threading',
      '',
      'counter = 0',
      'counter_lock = threading.Lock()',
      '',
      'def work():',
      '    global counter',
      '    for _ in range(100_000):',
      '        with counter_lock:',
      '            counter += 1',
    ].join('\n'),
    fixSafety:
      'Wrapping the update in `with lock:` is safe; it serializes the update, which costs a little time per update.',
    defaultSeverity: 'warning',
  },

  check(facts: Facts): Finding[] {
    const byStatement = new Map<Syntax, Access[]>();
    // Updates under a lock that another writer does not take: it holds a lock of its own, none in common.
    const apartBy = new Map<Access, Array<ThreadStart | 'main'>>();
    for (const execution of facts.executions) {
      if (execution.kind === 'task') continue;
      for (const access of execution.accesses) {
        if (access.kind !== 'rmw' || !access.concurrent || access.place.sharing !== 'shared') continue;
        if (execution.kind === 'process' && !access.acrossProcesses) continue;
        if (access.locks.length > 0) {
          const apart = facts.writersUnderOtherLocks(writtenKey(access), access.locks, access);
          if (apart.length === 0) continue;
          apartBy.set(access, apart);
        } else if (facts.concurrentWriters(writtenKey(access), undefined, access) < 2) {
          continue;
        }
        const list = byStatement.get(access.statement);
        if (list) list.push(access);
        else byStatement.set(access.statement, [access]);
      }
    }
    const source = facts.module.source;
    const findings: Finding[] = [];
    for (const [statement, accesses] of byStatement) {
      const access = accesses[0];
      const apart = apartBy.get(access);
      if (apart) {
        const others = apart.map((writer) => (writer === 'main' ? 'the main thread' : `the ${startedAt(writer, facts.module.lines)}`));
        findings.push({
          code: 'GIL002',
          message:
            `${code(source.slice(statement.start, statement.end))} reads, changes and writes back ${code(access.place.text)} holding a lock, `
            + `but ${others.join(' and ')} ${apart.length > 1 || (apart[0] !== 'main' && apart[0].count.value > 1) ? 'write' : 'writes'} it holding a different one: no lock is held by both, `
            + `so neither keeps the other out and updates are lost. Guard every write of it with the same lock.`,
          start: statement.start,
          end: statement.end,
          related: apart.flatMap((writer) => (writer === 'main' ? [] : [{ message: `${startedAt(writer, facts.module.lines)} writes ${code(access.place.text)} under another lock`, node: writer.call }])),
          // The locks already held, which a quick fix must not take again (see wrapInLock).
          data: { variable: access.place.text, race: 'active', heldLocks: access.locks.join('\n') },
        });
        continue;
      }
      const writers = byCall(facts.writerStarts(writtenKey(access), undefined, access));
      const writerCount = facts.concurrentWriters(writtenKey(access), undefined, access);
      const calls = uniqueCalls(accesses.flatMap((a) => a.innerCalls));
      findings.push({
        code: 'GIL002',
        message:
          `${code(source.slice(statement.start, statement.end))} reads, changes and writes back ${code(access.place.text)}, `
          + `which ${whoWrites(writers, writerCount, mainWriter(facts, access), facts.module.lines, access.place.ownSlot)} write with no lock held. ${access.acrossProcesses ? processRace(access.place.text, access.acrossProcesses) : raceVerdict(calls)}`,
        start: statement.start,
        end: statement.end,
        related: writers.map((start) => ({ message: `${startedAt(start, facts.module.lines)} writes ${code(access.place.text)}`, node: start.call })),
        data: { variable: access.place.text, race: access.acrossProcesses ? 'processes' : calls.some(isSwitchPoint) ? 'active' : 'latent' },
      });
    }
    return findings;
  },
};

function uniqueCalls(calls: InnerCall[]): InnerCall[] {
  const seen = new Set<string>();
  return calls.filter((call) => {
    const key = `${call.kind}:${call.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A call the eval loop can switch threads at on every GIL version (Python functions, methods of objects). */
function isSwitchPoint(call: InnerCall): boolean {
  return call.kind !== 'builtin';
}

/**
 * The main thread, when it is one of the writers: a coroutine's update is made on the event loop's thread (whose
 * coroutines count as one writer).
 */
function mainWriter(facts: Facts, access: Access): string | undefined {
  if (!facts.mainWrites(writtenKey(access), undefined, access)) return undefined;
  return access.execution.kind === 'async' ? 'the event loop\'s thread' : 'the main thread';
}

function whoWrites(writers: ThreadStart[], count: number, main: string | undefined, lines: LineIndex, ownSlot?: true): string {
  if (writers.length === 0) return `${count} threads`;
  // Each thread's own index picks its slot, but the indexes of different starts are the same numbers.
  if (ownSlot && writers.length > 1) return `the ${writers.map((w) => startedAt(w, lines)).join(' and the ')}, by indexes they have in common,`;
  if (writers.length === 1) {
    if (main) return `the ${startedAt(writers[0], lines)} and ${main}`;
    // One call site, reached from more than one place (a coroutine gathered twice): more threads than it says.
    return count > Math.min(writers[0].count.value, writers[0].concurrency) ? `${count} threads (${startedAt(writers[0], lines)})` : `the ${startedAt(writers[0], lines)}`;
  }
  return `${count} threads (${[...writers.map((w) => startedAt(w, lines)), ...(main ? [main] : [])].join('; ')})`;
}

/** Processes update shared memory in parallel: no GIL orders them, and a Value's own lock covers one access at a time. */
function processRace(variable: string, type: string): string {
  return 'Child processes run in parallel, each with its own GIL, and the read and the write are separate steps on the '
    + 'shared object (a `multiprocessing.Value` or `Array` takes its lock for each, a manager\'s proxy makes a round trip for '
    + `each): updates are lost whenever two processes overlap. Hold one lock across both: ${processLock(variable, type)}.`;
}

/** Latent or active, per version: where a thread switch can fall between the read and the write. */
function raceVerdict(calls: InnerCall[]): string {
  const switching = calls.filter(isSwitchPoint);
  if (switching[0]?.kind === 'property') {
    return `The property ${code(switching[0].name)} runs Python code (its getter, then its setter) between the read and the write, `
      + `which lets the interpreter switch threads there, so updates are lost on every Python version; free-threaded builds lose `
      + `them too. Hold a lock around it.`;
  }
  if (switching.length > 0) {
    return `The call to ${code(`${switching[0].name}()`)} between the read and the write lets the interpreter switch threads `
      + `there, so updates are lost on every Python version; free-threaded builds lose them too. Hold a lock around it.`;
  }
  if (calls.length > 0) {
    return `The builtin ${code(`${calls[0].name}()`)} between the read and the write is a switch point on 3.10 (updates are `
      + `lost there); since 3.11 builtin calls do not check for a GIL drop request, so the race is latent on 3.11-3.13 and `
      + `real on free-threaded builds. Hold a lock around it.`;
  }
  return 'No call sits between the read and the write, so with the GIL on 3.10-3.13 a switch rarely lands inside it '
    + '(the interpreter checks for one only after calls and on backward jumps): the race is latent. It is not atomic, '
    + 'and free-threaded builds (3.13t, 3.14t) lose updates. Hold a lock around it.';
}

/** The place an update writes: one constant item when it names one (threads updating other keys do not race it). */
function writtenKey(access: Access): string {
  return access.place.itemKey ?? access.place.key;
}
