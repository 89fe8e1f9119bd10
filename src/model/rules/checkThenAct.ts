// GIL003 check-then-act: a test on shared state and an action relying on it, with no lock held.

import { type Facts, type WriteKind, writeKind } from '../facts';
import { type Access, type Check, operatorOf, storedValue } from '../facts/execution';
import type { ThreadStart } from '../facts/threads';
import { QUEUE_CHANGES } from '../facts/library';
import { escapeRegExp } from '../facts/text';
import { type Syntax, walk } from '../parse/syntax';
import { byCall, code, headerRange, processLock, startedAt } from './describe';
import type { Finding, Rule } from './types';

type Place = Check['tested'][number];

export const checkThenAct: Rule = {
  doc: {
    code: 'GIL003',
    name: 'check-then-act',
    title: 'Check-then-act on shared state without a lock',
    whatItDoes:
      'Finds an `if` (or `while`) that tests state shared between threads and then, in the block it guards, acts on '
      + 'that state as if the test still held: `if tasks: tasks.pop()`, `if key not in cache: cache[key] = v`, '
      + '`if self.balance >= amount: self.balance -= amount`, made by threads with no lock held across both; the test may '
      + 'be a method of the file that only reads the state with no lock (`if not self._fresh(key): self.entries[key] = '
      + 'load(key)`). A guard '
      + '(`if key in seen: return`) guards the rest of its block, as does a test whose block renames the key it found '
      + 'taken (`if nick in clients: nick += "_2"`, then `clients[nick] = conn`). It also finds a membership test followed by a read '
      + 'of the found item (`if sid in sessions: s = sessions[sid]`) while another thread removes items, a test that '
      + 'finds a variable set followed by a call on it (`if self._timer is not None: self._timer.cancel()`) while another '
      + 'thread sets it to None (the Timer\'s own function, `self._timer = None`), and a test '
      + 'of an item\'s part followed by an act on the item (`if jobs[k].due < now: del jobs[k]`) while another thread '
      + 'writes that part, and a test of one part of an invariant followed by a write of another part that a thread '
      + 'changing the first also writes (`if not state.stopped: state.command = speed`, while a stop thread sets '
      + '`stopped` and zeroes `command`; or the main thread, as `ack()` zeroing a peer\'s missed beats and taking it off '
      + 'the down list while a timer thread counts them; a queue\'s put or get is a hand-off, not such a part). A lock taken only for the act '
      + '(`if len(items) < cap: with cond: items.append(x)`, or by a helper the block calls, '
      + '`if book.asks: book.take_cheapest()`) comes too late; one the act tests again under '
      + '(double-checked locking) is enough, and a test made by a helper that locks is that helper\'s. A test of a '
      + 'copy taken under a lock since released (`with lock: n = stock[k]`, then `if n < qty: return` and a decrement '
      + 'under the lock again) is as stale as one made with no lock (a cache\'s fill is not: `with lock: entry = '
      + 'cache.get(k)`, then `if entry is None:` and `with lock: cache[k] = fetch(k)`, a value not made from the copy, '
      + 'costs at worst a second fetch; nor is a swap that takes whatever is there, `batch, self.lines = self.lines, []` '
      + 'after `full = len(self.lines) >= n` was read under the lock), and so is a copy read with no lock at all when the '
      + 'block stores or removes what it tested (`session = sessions.get(user)`, then `if session is None: '
      + 'sessions[user] = Session(user)`; `current = leases.get(agent)`, then `if current[0] == holder: '
      + 'leases.pop(agent)`). A test made under a lock whose act comes after the lock is let go (`with lock: if '
      + 'tokens <= 0: return False`, then `tokens -= 1`) is one too, unless the locked block acted on the tested state '
      + 'itself (reserved the key). An update of an item a test found there (`if level in counts: counts[level] += 1`, '
      + 'or one within `len()`, `if i < len(hist): hist[i] += 1`) is not one unless another thread removes items: the '
      + 'key stays, and the update\'s own race is GIL002\'s; nor is a test that asks for some items followed by an append '
      + '(`while not stop.is_set() or len(runs) > 1:`, then `runs.append(merged)`: the append keeps it true); a capacity test is (`if len(results) < LIMIT: '
      + 'results[path] = status`: a new key grows what it measured). A test of a list an object holds followed by an act on it '
      + '(`if len(world.wolves) > QUOTA: world.wolves.pop()`) is one while another thread puts a new list in its place '
      + '(`self.wolves = survivors + pups`). A key each thread has its own of is no race: a loop\'s round started the '
      + 'thread with it (`for job in JOBS: Thread(target=pump, args=(job,))`, then `if job not in buffers: buffers[job] '
      + '= []`), or, with nested loops, a text or tuple made of a key from each (`f"{job}:{stream}"`, `(job, stream)`, '
      + '`buffers[job, stream]`). '
      + 'The characters of a text are no such keys (`for ch in line: pool.submit(draw, ch)`): letters come again. An act '
      + 'that tests for itself in one step (`return cache.setdefault(key, tile)`) relies on no earlier test. Child '
      + 'processes do the same on objects made to be shared (`if seats.value >= n: seats.value -= n` on a '
      + '`multiprocessing.Value`, a manager\'s `dict()`), in parallel, each with a GIL of its own.',
    whyIsThisBad:
      'The GIL keeps each bytecode whole, not the gap between two statements. Another thread can run between the test '
      + 'and the act and change the state (take the last item, insert the key, spend the balance), so the act runs on '
      + 'a premise that is no longer true: an IndexError from `pop()`, a value computed twice, an overdrawn account. '
      + 'The longer the act, the likelier the switch; with a slow act it happens on every Python version.',
    example: [
      'def worker():',
      '    while True:',
      '        if tasks:            # GIL003: another thread can take the last task here',
      '            task = tasks.pop()',
      '            handle(task)',
      '        else:',
      '            break',
    ].join('\n'),
    useInstead: [
      'import queue',
      '',
      'def worker(q: queue.Queue):',
      '    while True:',
      '        try:',
      '            task = q.get_nowait()   # the test and the take are one atomic step',
      '        except queue.Empty:',
      '            break',
      '        handle(task)',
      '',
      '# or hold one lock across the test and the act:',
      '#     with tasks_lock:',
      '#         if not tasks: break',
      '#         task = tasks.pop()',
    ].join('\n'),
    fixSafety: 'Holding a lock across the test and the act is safe; keep slow work outside the lock.',
    defaultSeverity: 'warning',
  },

  check(facts: Facts): Finding[] {
    const byNode = new Map<Syntax, { check: Check; act: Access }>();
    const readsByNode = new Map<Syntax, { check: Check; read: Check['itemReads'][number] }>();
    const usesByNode = new Map<Syntax, { check: Check; use: Check['valueUses'][number] }>();
    const rechecked = recheckedActs(facts);
    const functionNames = new Set(facts.module.functions.map((fn) => fn.name));
    for (const execution of facts.executions) {
      if (execution.kind === 'task') continue;
      for (const check of execution.checks) {
        if (!check.concurrent) continue;
        // A child process races other processes only on the objects they share (see recordAccess).
        if (execution.kind === 'process' && (check.acts.length === 0 || check.acts.some((act) => !act.acrossProcesses))) continue;
        // A test made under a lock, and an act later in the block made with none (`with lock: if tokens <= 0:
        // return False`, then `tokens -= 1` past the `with`): the lock was let go between them. Unless the locked
        // block acted on the tested state itself (reserved a key, `digests[user] = None`): what comes after the
        // release relies on that act, not on a stale test.
        if (check.locks.length > 0) {
          const heldThrough = (act: Access) => check.locks.every((lock) => act.locks.includes(lock));
          const onTested = (act: Access) => check.tested.some((place) => actsOn(act.place.key, place.key));
          const released = !check.acts.some((act) => heldThrough(act) && onTested(act)) && check.acts.find((act) =>
            act.place.sharing === 'shared' && act.locks.length === 0 && !testsAgain(act) && undoneOnPlace(facts, check, act));
          if (released && !byNode.has(check.node)) byNode.set(check.node, { check, act: released });
          continue;
        }
        const read = check.itemReads.find((r) => removedElsewhere(facts, check, r.place));
        if (read && !readsByNode.has(check.node)) readsByNode.set(check.node, { check, read });
        const use = check.valueUses.find((u) => clearersOf(facts, check, u.place).length > 0);
        if (use && !readsByNode.has(check.node) && !usesByNode.has(check.node)) usesByNode.set(check.node, { check, use });
        // An act under a lock that tests again under it (a double-checked `with lock: if key not in cache: ...`) is
        // that lock's business; one that does not (`if len(items) < cap: with cond: items.append(x)`) acts on the
        // stale test. A guard's rest of the block may hold both kinds.
        const unlocked = check.acts.filter((act) => !testsAgain(act) && (act.locks.length === 0
          || (!recheckedAfter(facts, check, rechecked.get(act.statement)) && (lockedInBlock(check, act) || testsDirectly(facts, check, functionNames)))));
        if (unlocked.length === 0 && check.otherWrites.length === 0) continue;
        // The act must touch what was tested, and other threads must write it too.
        const racing = unlocked.find((act) => act.place.sharing === 'shared' && (undoneOnPlace(facts, check, act)
          || changedPart(facts, check, act) !== undefined))
          // Or a write to state the test did not read, which a thread that changes the tested state also writes.
          ?? check.otherWrites.find((write) => write.locks.length === 0 && !behindOwnTest(check, write) && coupledWriters(facts, check, write) !== undefined);
        if (racing && !byNode.has(check.node)) byNode.set(check.node, { check, act: racing });
      }
    }
    const reads = [...readsByNode.values()].filter(({ check }) => !byNode.has(check.node));
    const uses = [...usesByNode.values()].filter(({ check }) => !byNode.has(check.node) && !readsByNode.has(check.node));
    // `while pending: if pending: pending.pop(0)`: the loop's test only keeps it going; the act relies on the inner
    // test, so the finding is there alone.
    const acts = [...byNode.values()];
    // So with the inner test in a helper the loop calls (`while not (done.is_set() and not ex.pending): ex.take_one()`).
    const innermost = acts.filter(({ check, act }) => check.node.type !== 'while_statement' || !acts.some((inner) => inner.act.statement === act.statement
      && inner.check.node !== check.node && act.statement.start >= inner.check.node.start && act.statement.end <= inner.check.node.end
      && !(check.node.start >= inner.check.node.start && check.node.end <= inner.check.node.end)));
    return [
      ...reads.map(({ check, read }) => readFinding(facts, check, read)),
      ...uses.map(({ check, use }) => useFinding(facts, check, use)),
      ...innermost.map(({ check, act }) => actFinding(facts, check, act)),
    ];
  },
};

/**
 * `if tank.level > limit: self._raise_alarm()`, whose `if not tank.alarm_raised:` guards `tank.alarm_raised = True` and
 * `tank.alarms.append(msg)`: writes in the block of a test of their own, one that acts on what it tests, rely on that
 * test, not on the level's.
 */
function behindOwnTest(outer: Check, write: Access): boolean {
  const within = (node: Syntax, inside: Syntax) => inside.start >= node.start && inside.end <= node.end;
  return outer.execution.checks.some((inner) => inner !== outer && inner.acts.length > 0
    && within(inner.node, write.statement) && !within(inner.node, outer.node));
}

/**
 * `cache.setdefault(key, value)`: an insert that tests for the key itself, in one step; it relies on no earlier test
 * (it is the atomic operation the finding recommends).
 */
function testsAgain(act: Access): boolean {
  return act.method === 'setdefault';
}

/**
 * An act under a lock the test's own block takes (`with cond: items.append(x)` right under the `if`). A helper the
 * block calls that locks for itself (`guarded_swap(lock, ...)`) makes its own critical section instead.
 */
function lockedInBlock(check: Check, act: Access): boolean {
  if (act.statement.start >= check.node.start && act.statement.end <= check.node.end) return true;
  // A guard's act later in the guard's own block (`if available < qty: return`, then `with lock: stock[sku] -= qty`).
  const block = check.node.parent;
  return check.guard && !!block && act.statement.start >= check.node.end && act.statement.end <= block.end;
}

/**
 * A test that reads the state itself (`if self.book.asks and self.book.asks[0].price <= limit:`), calling no
 * function of this file: a helper the block then calls to act (`self.book.take_best_ask()`) acts on what the test
 * saw, even if it locks for itself, unless it tests again under its lock. A test made by a helper that locks
 * (`if guarded_apply(lock, state, reserve):`) is that helper's own business.
 */
function testsDirectly(facts: Facts, check: Check, functionNames: ReadonlySet<string>): boolean {
  const condition = check.node.children[0];
  if (!condition) return false;
  let direct = true;
  walk(condition, (node) => {
    if (!direct) return false;
    if (node.type !== 'call') return;
    const callee = node.children[0];
    const name = callee?.type === 'attribute' ? callee.children[callee.children.length - 1] : callee;
    if (!name || functionNames.has(facts.evaluator.text(name))) direct = false;
  });
  return direct;
}

/** The statements of acts that a test made under a lock guards, each with those tests. */
function recheckedActs(facts: Facts): Map<Syntax, Syntax[]> {
  const statements = new Map<Syntax, Syntax[]>();
  for (const execution of facts.executions) {
    for (const check of execution.checks) {
      if (check.locks.length === 0) continue;
      for (const act of check.acts) {
        const tests = statements.get(act.statement) ?? [];
        if (!tests.includes(check.node)) statements.set(act.statement, [...tests, check.node]);
      }
    }
  }
  return statements;
}

/**
 * Is one of these locked tests made again after this unlocked one, before its act: inside its block, or in a function
 * that block calls (`if key not in cache: self._load(key)`, `_load` testing again under its lock)? A locked test on
 * another path to the same act (`get_or_create` testing under the lock, `peek_or_create` not) guards only its own.
 */
function recheckedAfter(facts: Facts, check: Check, lockedTests: readonly Syntax[] | undefined): boolean {
  if (!lockedTests) return false;
  const block = check.node.parent;
  const end = check.guard && block ? block.end : check.node.end;
  const within = (node: Syntax) => node.start >= check.node.start && node.end <= end;
  return lockedTests.some((test) => {
    if (within(test)) return true;
    const fn = enclosingFunction(facts, test);
    return !!fn && callsNamed(facts, check.node, end, fn.name);
  });
}

function enclosingFunction(facts: Facts, node: Syntax) {
  for (let at = node.parent; at; at = at.parent) {
    if (at.type === 'function_definition' || at.type === 'lambda') return facts.module.functionByNode.get(at);
  }
  return undefined;
}

/** Does the text from `from`'s start to `end` call a function of this name (`name(...)`, `self.name(...)`)? */
function callsNamed(facts: Facts, from: Syntax, end: number, name: string): boolean {
  let found = false;
  const look = (node: Syntax) => walk(node, (at) => {
    if (found) return false;
    if (at.type !== 'call') return;
    const callee = at.children[0];
    const last = callee?.type === 'attribute' ? callee.children[callee.children.length - 1] : callee;
    if (last && facts.evaluator.text(last) === name) found = true;
  });
  look(from);
  // A guard's act comes in the rest of its block.
  for (const sibling of from.parent?.children ?? []) if (sibling.start >= from.end && sibling.end <= end) look(sibling);
  return found;
}

/**
 * The threads, other than the tester's own, that set this variable to None (`self._timer = None` in the Timer's own
 * function) beside the test.
 */
function clearersOf(facts: Facts, check: Check, place: Place): ThreadStart[] {
  const setters = facts.writerStarts(place.key, 'set', check.execution.start);
  return setters.filter((start) => start !== check.execution.start && facts.executions.some((execution) => execution.start === start
    && execution.accesses.some((access) => access.place.key === place.key && storedValue(access)?.type === 'none')));
}

/** `if self._timer is not None: self._timer.cancel()` while another thread sets `self._timer = None`. */
function useFinding(facts: Facts, check: Check, use: Check['valueUses'][number]): Finding {
  const clearers = byCall(clearersOf(facts, check, use.place));
  const used = facts.module.source.slice(use.node.start, use.node.end);
  const who = clearers.map((start) => startedAt(start, facts.module.lines)).join('; ');
  return finding(facts, check, (header) =>
    `${code(header)} finds ${code(use.place.text)} set, then ${code(used)} reads it again with no lock held, while `
    + `${who} can set it to None: it can be None by then, and the call raises AttributeError. Read it once into a `
    + 'local (`timer = self._timer`, then `if timer is not None: timer.cancel()`), or hold one lock across both.',
  clearers, `sets ${code(use.place.text)} to None`, use.place.text);
}

/** `if sid in sessions: s = sessions[sid]` while another thread removes items. */
function readFinding(facts: Facts, check: Check, read: Check['itemReads'][number]): Finding {
  const removers = byCall(facts.writerStarts(read.place.key, 'remove', check.execution.start));
  const item = facts.module.source.slice(read.node.start, read.node.end);
  const who = removers.length > 0 ? removers.map((start) => startedAt(start, facts.module.lines)).join('; ') : 'another thread';
  return finding(facts, check, (header) =>
    `${code(header)} finds the key, then ${code(item)} reads the item with no lock held, while items of `
    + `${code(read.place.text)} are removed by ${who}: it can be gone by then, and the read raises KeyError. Hold one lock across `
    + 'both, or read once with a default (`items.get(key)`) and test what it returned.',
  removers, `removes items of ${code(read.place.text)}`, read.place.text);
}

/** The act changes what was tested, and another thread can make that same change. */
function undoneOnPlace(facts: Facts, check: Check, act: Access): boolean {
  return undoable(facts, check, act) && check.tested.some((place) => place.sharing === 'shared' && actsOn(act.place.key, place.key));
}

/** A test, then `act` (the racing one) on what it tested, while another thread can undo the premise. */
function actFinding(facts: Facts, check: Check, act: Access): Finding {
  const onPlace = undoneOnPlace(facts, check, act);
  const coupled = onPlace || changedPart(facts, check, act) ? undefined : coupledWriters(facts, check, act);
  if (coupled) return coupledFinding(facts, check, act, coupled);
  const part = onPlace ? undefined : changedPart(facts, check, act);
  const tested = part ?? check.tested.find((place) => actsOn(act.place.key, place.key)) ?? check.tested[0];
  const writers = part
    ? byCall(facts.writerStarts(part.key, undefined, act)).filter((start) => start !== act.execution.start)
    : byCall(facts.writerStarts(act.place.key, writeKind(act), act));
  const actText = facts.module.source.slice(act.statement.start, act.statement.end);
  const who = writers.length > 0 ? writers.map((start) => startedAt(start, facts.module.lines)).join('; ') : 'several threads';
  if (check.locks.length > 0) {
    return finding(facts, check, (header) => `${code(header)} tests ${code(tested.text)} with a lock held, then `
      + `${code(actText)} acts on it after that lock is released, and ${who} do this: another thread can change `
      + `${code(tested.text)} between the test and the act. Keep the act inside the same locked block as the test.`,
    writers, `also changes ${code(tested.text)}`, tested.text);
  }
  // `with lock: cached = cache.get(k)`, then `if cached is None:` and `with lock: cache[k] = v`: a lock at each end,
  // none between.
  if (!part && act.locks.length > 0 && check.releasedCopies.includes(tested.key)) {
    return finding(facts, check, (header) => `${code(header)} tests ${code(tested.text)} through a copy read under a lock `
      + `that was let go before the test, then ${code(actText)} acts on it under a lock again, and ${who} do this: another `
      + `thread can change ${code(tested.text)} between the two locked blocks. Make the test and the act in one locked block.`,
    writers, `also changes ${code(tested.text)}`, tested.text);
  }
  return finding(facts, check, (header) => (part
    ? `${code(header)} tests ${code(tested.text)}, then ${code(actText)} acts on it with no lock held, while `
      + `${code(tested.text)} is written by ${who}: it can change between the test and the act. `
    : `${code(header)} tests ${code(tested.text)}, then ${code(actText)} acts on it, and ${who} do this with no lock `
      + `held: another ${act.acrossProcesses ? 'process, running in parallel with its own GIL,' : 'thread'} can change ${code(tested.text)} between the test and the act. `)
    + (act.acrossProcesses
      ? `Hold one lock across both: ${processLock(tested.text, act.acrossProcesses)}.`
      : 'Hold one lock across both, or use an atomic operation (queue.Queue, dict.setdefault, pop with a default).'),
  writers, `also changes ${code(tested.text)}`, tested.text);
}

/**
 * `if not state.estop: state.wheel_cmd[side] = speed` while another thread sets `estop` and zeroes `wheel_cmd`: the
 * test and the act are two parts of one invariant, and a thread that writes both can change them between the test
 * and the act. Returns the tested place and those threads.
 */
function coupledWriters(facts: Facts, check: Check, act: Access): Coupled | undefined {
  // A queue's put or get hands an item over: no part of an invariant the test could break.
  if (act.method && QUEUE_CHANGES.has(act.method)) return undefined;
  // A counter's update (`self.transfers_out += 1` after a test of a snapshot of `self.admitted`) keeps no invariant
  // with the tested state: it adds the same whatever the test saw, and its own race is GIL002's.
  if (act.kind === 'rmw') return undefined;
  const actKey = act.place.itemKey ?? act.place.key;
  // `if item in shop.vault:` asks which keys the dict has: only adding or removing one changes the answer, not
  // updating an item's value (`shop.vault[item] -= qty` under a lock elsewhere).
  const within = membershipContainer(facts, check);
  for (const tested of check.tested) {
    if (tested.sharing !== 'shared' || tested.key === act.place.key || tested.key === actKey) continue;
    const actWriters = new Set(facts.writerStarts(actKey, undefined, act));
    const keys = !!within && (tested.key === within || tested.key === `${within}[]`);
    const changers = facts.writerStarts(tested.key, undefined, act).filter((start) => !keys || changesKeys(facts, within, start));
    // Other threads of the act's own start count too when the act adds to a container (`if path not in
    // self.per_path: self.order.append(path)` in each of eight handlers, each of which then sets
    // `self.per_path[path]`: a path listed twice).
    // Starts made by the same call (a submit in a loop over a literal, walked round by round) run the same code: they
    // are the act's own start's other threads.
    const own = act.execution.start && facts.sameThread(act.execution.start);
    const sameCode = (start: ThreadStart) => start === own || (!!own && start.call === own.call);
    const others = (start: ThreadStart) => !sameCode(start) || (act.kind === 'mutate' && (start !== own || act.execution.instances > 1));
    const both = [...new Set(changers)].filter((start) => others(start) && actWriters.has(start));
    // The main thread, too, while the thread runs (`ack()` zeroes a peer's misses and takes it off the down list).
    const mainChanges = facts.mainWrites(tested.key, undefined, act) && (!keys || changesKeys(facts, within, undefined));
    const main = act.execution.kind === 'thread' && mainChanges && facts.mainWrites(actKey, undefined, act);
    if (both.length > 0 || main) return { tested, writers: byCall(both), main };
  }
  return undefined;
}

/**
 * Can this start's code (the main thread's, for undefined) add or remove a key of the container: does it write it
 * other than by updating an item in place (`d[k] -= n` needs `k` there already; `d[k] = v` may add it)?
 */
function changesKeys(facts: Facts, container: string, start: ThreadStart | undefined): boolean {
  return facts.executions.some((execution) => {
    const own = execution.start && facts.sameThread(execution.start);
    if (start ? own !== start : execution.kind !== 'main') return false;
    // `d[k] = d.get(k, 0) + 1` is a read-modify-write that adds `k`; `d[k] += 1` raises without it.
    const inPlace = (access: Access) => access.kind === 'rmw' && (access.statement.type === 'augmented_assignment'
      || (access.statement.type === 'expression_statement' && access.statement.children[0]?.type === 'augmented_assignment'));
    return execution.accesses.some((access) => !inPlace(access) && access.place.sharing === 'shared'
      && (access.place.key === container || access.place.key === `${container}[]` || access.place.itemKey?.startsWith(`${container}[`)));
  });
}

/** The key of the container a membership test (`if item in shop.vault:`) looks in, when the check is one. */
function membershipContainer(facts: Facts, check: Check): string | undefined {
  const test = check.node.type === 'if_statement' || check.node.type === 'elif_clause' ? check.node.children[0] : undefined;
  if (test?.type !== 'comparison_operator' || test.children.length !== 2) return undefined;
  if (!/^(not\s+)?in$/.test(operatorOf(facts.evaluator, test))) return undefined;
  const container = facts.evaluator.text(test.children[1]);
  return check.tested.find((place) => place.text === container)?.key;
}

interface Coupled {
  readonly tested: Place;
  readonly writers: ThreadStart[];
  /** The main thread writes both as well. */
  readonly main: boolean;
}

/** A test of one part of an invariant, then an unlocked write of another part that other threads write with it. */
function coupledFinding(facts: Facts, check: Check, act: Access, coupled: Coupled): Finding {
  const actText = facts.module.source.slice(act.statement.start, act.statement.end);
  const who = [...coupled.writers.map((start) => `the ${startedAt(start, facts.module.lines)}`), ...(coupled.main ? ['the main thread'] : [])].join('; ');
  return finding(facts, check, (header) =>
    `${code(header)} tests ${code(coupled.tested.text)}, then ${code(actText)} writes ${code(act.place.text)} with no lock held, `
    + `while ${who} ${coupled.writers.length + (coupled.main ? 1 : 0) > 1 || (coupled.writers[0]?.count.value ?? 1) > 1 ? 'write' : 'writes'} both: it can change them between the test and the write, and the write then undoes what `
    + 'it did. Hold one lock across the test and the write, and take it wherever both are written.',
  coupled.writers, `writes ${code(coupled.tested.text)} and ${code(act.place.text)}`, coupled.tested.text);
}

/** A GIL003 finding on the test's header, with the starts behind it as related places. */
function finding(
  facts: Facts, check: Check, message: (header: string) => string, starts: readonly ThreadStart[], doing: string, variable: string,
): Finding {
  const range = headerRange(check.node);
  return {
    code: 'GIL003',
    message: message(facts.module.source.slice(range.start, range.end)),
    start: range.start,
    end: range.end,
    related: starts.map((start) => ({ message: `${startedAt(start, facts.module.lines)} ${doing}`, node: start.call })),
    // Processes need a lock made to be shared: the quick fix's threading lock would not do (see quickFixes).
    data: { variable, ...(check.execution.kind === 'process' ? { race: 'processes' } : {}) },
  };
}

/** Does another thread remove items of this container (its own removals run before or after the test, never between)? */
function removedElsewhere(facts: Facts, check: Check, place: Check['itemReads'][number]['place']): boolean {
  const removers = facts.concurrentWriters(place.key, 'remove', check.execution.start);
  const removesItself = check.execution.accesses.some((a) => a.place.key === place.key && writeKind(a) === 'remove');
  return removers - (removesItself ? 1 : 0) >= 1;
}

/**
 * Threads that can undo the premise of this act: those doing the same kind of write to the same place. One
 * consumer popping what producers append is safe; two consumers popping are not.
 */
function conflicting(facts: Facts, act: Access): number {
  // `if key not in buffers: buffers[key] = []` in threads a loop over a literal started round by round, each with
  // its own key: one writer, as one start's threads are.
  return facts.concurrentWriters(act.place.key, writeKind(act), act, true);
}

/**
 * Can another thread undo the premise of this act? For a bounds test (`if i < len(hist): hist[i] += 1`) only a
 * thread that shrinks the container can: writing items leaves the length alone. So for a presence test (`if level in
 * counts: counts[level] += 1`): the key stays while other threads only update its value (that update's own race is
 * GIL002's).
 */
function undoable(facts: Facts, check: Check, act: Access): boolean {
  if (isFloorTest(facts, check, act)) return false;
  if (isBoundsTest(facts.module.source, check, act) || isPresenceTest(facts.module.source, check, act)) {
    const removers = facts.concurrentWriters(act.place.key, 'remove', act);
    // Its own removals run before or after the test, never between: only another thread's count.
    return removers - (writesItself(facts, act, act.place.key, 'remove') ? 1 : 0) >= 1;
  }
  return conflicting(facts, act) >= 2 || rebound(facts, act) || refreshedBeforeRemoval(facts, check, act);
}

/**
 * `if now - last_seen.get(peer, now) > TTL: last_seen.pop(peer, None)` while listener threads store fresh values in
 * those items: the test read an item's value, and another thread's store can make it fail before the removal (the
 * reaper evicts a peer just heard from). A bare presence test (`if peer in last_seen`) still holds after a store.
 */
function refreshedBeforeRemoval(facts: Facts, check: Check, act: Access): boolean {
  if (writeKind(act) !== 'remove' || !readsItemValue(facts.module.source, check, act)) return false;
  const setters = facts.concurrentWriters(act.place.key, 'set', act);
  return setters - (writesItself(facts, act, act.place.key, 'set') ? 1 : 0) >= 1;
}

/** The test reads an item of the container the act removes from: `container[key]` or `container.get(key)`. */
function readsItemValue(source: string, check: Check, act: Access): boolean {
  const condition = check.node.children[0];
  const container = act.target.type === 'subscript' ? act.target.children[0] : act.target;
  if (!condition || !container) return false;
  const text = (node: Syntax) => source.slice(node.start, node.end);
  const name = text(container);
  let reads = false;
  walk(condition, (node) => {
    if (reads) return false;
    const callee = node.type === 'call' ? node.children[0] : undefined;
    reads = (node.type === 'subscript' && !!node.children[0] && text(node.children[0]) === name)
      || (callee?.type === 'attribute' && text(callee.children[callee.children.length - 1]) === 'get' && !!callee.children[0] && text(callee.children[0]) === name);
    return undefined;
  });
  return reads;
}

/**
 * `if len(world.wolves) > QUOTA: world.wolves.pop()` while another thread puts a new list in its place
 * (`self.wolves = survivors + pups`): what the test measured is gone before the act.
 */
function rebound(facts: Facts, act: Access): boolean {
  // A list an object holds under an attribute (`world.wolves`), not an item of a container (`jobs[id]`, filled anew).
  if (!/\.[\w\u0080-\uffff]+\[\]$/.test(act.place.key)) return false;
  const container = act.place.key.slice(0, -2);
  return facts.concurrentWriters(container, 'set', act) - (writesItself(facts, act, container, 'set') ? 1 : 0) >= 1;
}

/**
 * Whether the acting thread is itself one of the writers counted (its own writes come before or after the test, never
 * between). The main thread's writes may come from several walks (main, the coroutines of its event loop).
 */
function writesItself(facts: Facts, act: Access, key: string, kind?: WriteKind): boolean {
  if (!act.execution.start) return facts.mainWrites(key, kind, act);
  return act.execution.accesses.some((a) => a.place.key === key && (!kind || writeKind(a) === kind));
}

/**
 * `if self.sessions[sid].expires < now: del self.sessions[sid]`: the test reads a part of what the act changes (an
 * attribute of the item it deletes), and another thread writes that part: the premise can change before the act.
 * Returns the tested part.
 */
function changedPart(facts: Facts, check: Check, act: Access): Check['tested'][number] | undefined {
  return check.tested.find((place) => {
    if (place.sharing !== 'shared' || !(place.key.startsWith(`${act.place.key}.`) || place.key.startsWith(`${act.place.key}[`))) return false;
    return facts.concurrentWriters(place.key, undefined, act) - (writesItself(facts, act, place.key) ? 1 : 0) >= 1;
  });
}

/**
 * `while not stop.is_set() or len(runs) > 1:` (or `if pending:`) and then `runs.append(merged)`: the test asks for
 * at least some items, and an append keeps that true whatever another thread does in between. (`if not items:` and
 * `if len(items) < cap:` followed by an append rely on their test.)
 */
function isFloorTest(facts: Facts, check: Check, act: Access): boolean {
  const source = facts.module.source;
  const container = act.target;
  const condition = check.node.children[0];
  if (writeKind(act) !== 'add' || !act.method || !condition) return false;
  const text = (node: Syntax) => source.slice(node.start, node.end);
  const name = text(container);
  let mentions = 0;
  let floors = 0;
  walk(condition, (node) => {
    if (text(node) !== name || (node.type !== 'identifier' && node.type !== 'attribute')) return undefined;
    mentions++;
    const parent = node.parent;
    // `len(runs) > 1`, `1 < len(runs)`: a length with a floor.
    const call = parent?.type === 'argument_list' && parent.children.length === 1 ? parent.parent : undefined;
    const compared = call?.type === 'call' && call.children[0] && text(call.children[0]) === 'len' ? call.parent : undefined;
    if (compared?.type === 'comparison_operator' && compared.children.length === 2) {
      const operator = operatorOf(facts.evaluator, compared);
      const left = compared.children[0] === call;
      if ((left && (operator === '>' || operator === '>=')) || (!left && (operator === '<' || operator === '<='))) floors++;
    } else if (node === condition || (parent?.type === 'boolean_operator' && !isNegated(parent))) {
      // `if pending:`, `while a and pending:`: the container is not empty.
      floors++;
    }
    return false;
  });
  return mentions > 0 && mentions === floors;
}

/** A boolean operator under a `not` (`not (a or pending)` tests for emptiness). */
function isNegated(node: Syntax): boolean {
  for (let at = node.parent; at && (at.type === 'boolean_operator' || at.type === 'parenthesized_expression' || at.type === 'not_operator'); at = at.parent) {
    if (at.type === 'not_operator') return true;
  }
  return false;
}

/** The act writes an item of a container that the test mentions only as `len(container)`. */
function isBoundsTest(source: string, check: Check, act: Access): boolean {
  if (!writesOneItem(act)) return false;
  const container = act.target.children[0];
  const condition = check.node.children[0];
  if (!container || !condition) return false;
  const name = source.slice(container.start, container.end);
  const test = source.slice(condition.start, condition.end);
  const escaped = escapeRegExp(name);
  const lengths = new RegExp(`\\blen\\s*\\(\\s*${escaped}\\s*\\)`, 'g');
  if (!lengths.test(test)) return false;
  // Outside its len() calls, the test does not mention the container, and it does mention the index: `if i <
  // len(hist): hist[i] += 1`, not a capacity test (`if len(results) < LIMIT: results[path] = status` adds a key).
  const rest = test.replace(lengths, '');
  const index = act.target.children[1];
  const indexText = index ? source.slice(index.start, index.end) : '';
  return !new RegExp(`(^|[^\\w.])${escaped}(?![\\w])`).test(rest) && indexText !== ''
    && new RegExp(`(^|[^\\w.])${escapeRegExp(indexText)}(?![\\w])`).test(rest);
}

/** The act sets one item of a container (a slice assignment, `items[:] = other`, can change the length). */
function writesOneItem(act: Access): boolean {
  return act.target.type === 'subscript' && writeKind(act) === 'set' && !act.target.children.some((c) => c.type === 'slice');
}

/** The test is `key in container` and the act writes `container[key]` (an item that is there, not a new one). */
function isPresenceTest(source: string, check: Check, act: Access): boolean {
  if (!writesOneItem(act)) return false;
  const [container, index] = act.target.children;
  const condition = check.node.children[0];
  if (!container || !index || condition?.type !== 'comparison_operator' || condition.children.length !== 2) return false;
  const [key, within] = condition.children;
  const text = (node: { start: number; end: number }) => source.slice(node.start, node.end);
  // Only an act in the block the test guards runs with the key there (not an `else`, nor code after `continue`).
  const block = check.node.children.find((child) => child.type === 'block');
  const inBlock = !check.guard && !!block && act.statement.start >= block.start && act.statement.end <= block.end;
  return inBlock && source.slice(key.end, within.start).trim() === 'in' && text(key) === text(index) && text(within) === text(container);
}

/** An access to `actKey` touches the state tested as `testedKey`. */
function actsOn(actKey: string, testedKey: string): boolean {
  return actKey === testedKey;
}
