// GIL005 unreleased-lock: an acquire() with a path out of the function that does not release.

import type { Facts } from '../facts';
import type { LockExit } from '../facts/locking';
import type { LineIndex, Syntax } from '../parse/syntax';
import { code, lineAt } from './describe';
import type { Finding, Rule } from './types';

/** Functions that take a lock for their caller on purpose (`__enter__`, `acquire_x`, `lock`). */
const HANDS_LOCK_TO_CALLER = /^_*(a?enter)_*$|acquire|^_*lock|lock_*$/i;

export const unreleasedLock: Rule = {
  doc: {
    code: 'GIL005',
    name: 'unreleased-lock',
    title: 'Lock acquired without a release on every path',
    whatItDoes:
      'Finds `lock.acquire()` calls after which some path leaves the function with the lock still held: an early '
      + '`return`, a `raise`, an exception from a call (`max(errors)` of an empty list) or a lookup by key (`prices[sku]`) made while holding the lock '
      + 'with no `try/finally` around it (in a `@contextmanager`, the `yield`: an exception in the `with` body comes '
      + 'in there), or the end of the function; and a `continue` that goes round a loop to the '
      + 'same `acquire()` with the lock still held. A function that takes the lock for its caller on purpose (`begin()` '
      + 'paired with `end()`) is reported only when a parse that fails on bad input (`json.loads`, `int(...)`) runs '
      + 'between its acquire and its return: the caller then gets the exception, not the lock. `await lock.acquire()` '
      + 'on an `asyncio.Lock` is followed the same way: the tasks that wait for it are stuck. Locks taken one by one '
      + 'into a list (`acct.lock.acquire(); held.append(acct)`) and given back by a loop over that list in a `finally` '
      + 'are released on every path.',
    whyIsThisBad:
      'A lock that is never released makes every other thread that needs it wait forever: the program hangs, often only '
      + 'on the rare path (an error, an early exit) that tests do not take. The GIL does not help: lock waits release it, '
      + 'so the stuck threads simply sleep.',
    example: [
      'def transfer(amount):',
      '    lock.acquire()           # GIL005',
      '    if amount > balance():',
      '        return False         # leaves with the lock held',
      '    debit(amount)            # an exception here leaves it held too',
      '    lock.release()',
      '    return True',
    ].join('\n'),
    useInstead: [
      'def transfer(amount):',
      '    with lock:               # released on every path, exceptions included',
      '        if amount > balance():',
      '            return False',
      '        debit(amount)',
      '        return True',
    ].join('\n'),
    fixSafety: 'Replacing acquire/release with `with lock:` keeps the same locking and adds the release on every path.',
    defaultSeverity: 'warning',
  },

  check(facts: Facts): Finding[] {
    const source = facts.module.source;
    const findings: Finding[] = [];
    for (const flow of facts.lockFlows) {
      if (flow.exits.length === 0) continue;
      // Not released here after the acquire: held on purpose for someone else to release (another method, another
      // thread: a lock used as a signal), unless nobody ever releases it.
      if (!flow.releasedAfter && (flow.releasedElsewhere || HANDS_LOCK_TO_CALLER.test(flow.fn?.name ?? '') || !flow.fn)) {
        // Handed over on return, but a parse that fails on bad input (`json.loads(header)`) raises first: the caller
        // gets an exception, not the lock, and never releases it.
        const failing = flow.fn ? flow.exits.find((e) => e.kind === 'call' && failsOnBadInput(e.node, source)) : undefined;
        if (failing) {
          findings.push({
            code: 'GIL005',
            message:
              `${code(`${flow.lockText}.acquire()`)} is handed to the caller, but ${describeExit(failing, true, source, facts.module.lines)}: `
              + `the caller gets the exception, not the lock, and never releases it. Every thread that then needs ${code(flow.lockText)} `
              + `waits forever. Acquire after the call, or release it before the exception leaves.`,
            start: flow.acquire.start,
            end: flow.acquire.end,
            related: [{ message: describeExit(failing, true, source, facts.module.lines), node: failing.node }],
            data: { lock: flow.lockText },
          });
        }
        continue;
      }
      // A path that surely leaves (a return) says more than a call that might raise.
      const exit = flow.releasedAfter ? flow.exits.find((e) => e.kind !== 'call') ?? flow.exits[0] : { kind: 'end' as const, node: flow.acquire };
      // `await lock.acquire()` on an asyncio.Lock: the tasks waiting for it are stuck, and `async with` releases it.
      const awaited = flow.acquire.parent?.type === 'await';
      findings.push({
        code: 'GIL005',
        message:
          `${code(`${flow.lockText}.acquire()`)} is not released on every path: ${describeExit(exit, flow.releasedAfter, source, facts.module.lines)}. `
          + `Every ${awaited ? 'task' : 'thread'} that then needs ${code(flow.lockText)} waits forever. `
          + `Use ${code(`${awaited ? 'async with' : 'with'} ${flow.lockText}:`)} or release it in a \`finally\`.`,
        start: flow.acquire.start,
        end: flow.acquire.end,
        related: flow.exits.map((e) => ({ message: describeExit(e, flow.releasedAfter, source, facts.module.lines), node: e.node })),
        data: { lock: flow.lockText },
      });
    }
    return findings;
  },
};

/** Calls that raise on input they cannot parse: a failure the caller of a lock hand-off does not expect. */
const PARSING_CALLS = /^(json\.loads?|int|float|(\w+\.)?decode|struct\.unpack(_from)?|(\w+\.)?fromisoformat|(\w+\.)?strptime|ast\.literal_eval|pickle\.loads?|base64\.b64decode|uuid\.UUID)$/;

function failsOnBadInput(node: Syntax, source: string): boolean {
  if (node.type !== 'call') return false;
  const callee = node.children[0];
  return !!callee && PARSING_CALLS.test(source.slice(callee.start, callee.end));
}

function describeExit(exit: LockExit, releasedSomewhere: boolean, source: string, lines: LineIndex): string {
  const line = lineAt(lines, exit.node.start);
  switch (exit.kind) {
    case 'return':
      return `the return at line ${line} leaves with it held`;
    case 'raise':
      return `the raise at line ${line} leaves with it held`;
    case 'call':
      // A context manager's `yield`: where an exception from the body of the `with` using it comes in.
      if (exit.node.type === 'yield') return `an exception raised in the body of a \`with\` using this context manager comes in at the yield at line ${line} and would leave with it held`;
      return `an exception from ${code(source.slice(exit.node.start, exit.node.end), 40)} at line ${line} would leave with it held`;
    case 'continue':
      return `the continue at line ${line} goes round to the acquire again with it held, which then waits forever`;
    case 'end':
      return releasedSomewhere ? 'a path reaches the end of the function with it held' : 'the function never releases it';
  }
}
