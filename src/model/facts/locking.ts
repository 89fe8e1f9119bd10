// Paths through a function after `lock.acquire()`: where they release the lock and where they can leave without
// releasing it (a return, a raise, an exception from a call or a lookup, the end of the function, or a `continue`
// that goes round to the same acquire with the lock still held). `try/finally: release()` covers everything inside
// it; a broad `except` covers exceptions. Only facts; GIL005 judges.

import { type Syntax, childOfType, walk } from '../parse/syntax';
import { LOCKISH_NAME } from './library';
import { type FunctionInfo, type ModuleInfo, assignmentParts, resolveName, scopeOf } from './scopes';
import { type Evaluator, acquiresNoLock } from './values';

export interface LockExit {
  readonly kind: 'return' | 'raise' | 'call' | 'end' | 'continue';
  readonly node: Syntax;
}

export interface LockFlow {
  readonly fn: FunctionInfo | undefined;
  /** The `acquire()` call. */
  readonly acquire: Syntax;
  /** The lock as written (`self._lock`). */
  readonly lockText: string;
  /** Ways out of the function with the lock still held, in source order. */
  readonly exits: LockExit[];
  /** The function releases this lock after the acquire: it means to hold it only for a while. */
  readonly releasedAfter: boolean;
  /** Some other code releases a lock of this name (another method, another thread, the caller's helper). */
  readonly releasedElsewhere: boolean;
}

/** Calls that do not raise in practice; an exception elsewhere in the region is a way out. */
const SAFE_CALLS = new Set([
  'print', 'len', 'isinstance', 'id', 'append', 'appendleft', 'add', 'get', 'setdefault', 'items', 'keys', 'values',
  'copy', 'time', 'perf_counter', 'monotonic', 'debug', 'info', 'warning', 'error', 'exception', 'release', 'notify',
  'notify_all', 'set', 'clear', 'is_set', 'str', 'repr', 'bool', 'discard', 'extend', 'update', 'put_nowait', 'format',
  'current_thread', 'get_ident', 'min', 'max', 'abs', 'sorted', 'list', 'dict', 'tuple', 'range', 'enumerate', 'zip',
  'wait', 'wait_for', 'sleep', 'join', 'start', 'is_alive', 'put', 'qsize', 'empty', 'full', 'locked',
]);

const NESTED = new Set(['function_definition', 'class_definition', 'lambda', 'decorated_definition']);

interface Region {
  readonly key: string;
  /** Inside a try whose finally releases the lock. */
  readonly finallyReleases: boolean;
  /** Inside a try with a broad except: exceptions are caught. */
  readonly caught: boolean;
  /** Inside a try with an `except KeyError` (IndexError, LookupError): a lookup that fails is caught. */
  readonly lookupsCaught?: boolean;
  /** The name the acquire's result went to (`got = lock.acquire(timeout=1)`): `if got: lock.release()` releases. */
  readonly result?: string;
}

interface Outcome {
  /** Still held when control falls out of the block. */
  held: boolean;
  /** Control cannot fall out (it returned, raised, or jumped out with `break`/`continue` on every path). */
  ends: boolean;
  /** `break` and `continue` statements reached with the lock held, for the loop around them to resolve. */
  jumps?: readonly Syntax[];
}

/** An enclosing block's remainder: where a region goes when its block is done (`loop`: the block was that loop's body). */
interface Level {
  readonly rest: Syntax[];
  readonly loop?: Syntax;
}

export function analyzeLockFlow(module: ModuleInfo, evaluator: Evaluator): LockFlow[] {
  const flows: LockFlow[] = [];
  // Only code whose text says `acquire` is looked into (function bodies are built when read).
  const mentions = (node: Syntax, word: string) => module.source.slice(node.start, node.end).includes(word);
  const bodies: Array<[FunctionInfo | undefined, Syntax[]]> = [[undefined, module.root.children]];
  const functions = module.functions;
  for (let i = 0; i < functions.length; i++) {
    const fn = functions[i];
    if (!fn.isLambda && mentions(fn.node, 'acquire') && fn.body) bodies.push([fn, fn.body.children]);
  }
  let releaseCalls: Syntax[] | undefined;
  for (const [fn, statements] of bodies) {
    if (!containsAcquire(evaluator, statements)) continue;
    releaseCalls ??= module.root.children.filter((statement) => mentions(statement, 'release'))
      .flatMap((statement) => callsNamed(evaluator, statement, 'release'));
    new FlowWalker(evaluator, fn, flows, module, releaseCalls).walkBody(statements);
  }
  return flows;
}

function containsAcquire(evaluator: Evaluator, statements: Syntax[]): boolean {
  const pending = [...statements];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (NESTED.has(node.type)) continue;
    if (node.type === 'call' && methodName(evaluator, node) === 'acquire') return true;
    for (const child of node.children) pending.push(child);
  }
  return false;
}

function callsNamed(evaluator: Evaluator, root: Syntax, method: string): Syntax[] {
  const found: Syntax[] = [];
  const pending: Syntax[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'call' && methodName(evaluator, node) === method) found.push(node);
    for (const child of node.children) pending.push(child);
  }
  return found;
}

function methodName(evaluator: Evaluator, call: Syntax): string | undefined {
  const callee = call.children[0];
  if (callee?.type !== 'attribute') return undefined;
  return evaluator.text(callee.children[callee.children.length - 1]);
}

function receiverText(evaluator: Evaluator, call: Syntax): string {
  const callee = call.children[0];
  return callee?.children[0] ? evaluator.text(callee.children[0]) : '';
}

function lastName(text: string): string {
  return text.slice(text.lastIndexOf('.') + 1);
}

class FlowWalker {

  constructor(
    private readonly evaluator: Evaluator,
    private readonly fn: FunctionInfo | undefined,
    private readonly flows: LockFlow[],
    private readonly module: ModuleInfo,
    /** Every `x.release()` call in the module. */
    private readonly releaseCalls: readonly Syntax[],
  ) {}

  /** Finds each statement-level acquire and follows the rest of its block (and the blocks around it) from there. */
  walkBody(statements: Syntax[]): void {
    this.scan(statements, []);
  }

  /** `outer`: the statements that follow each enclosing block, innermost first, so a region can continue past it. */
  private scan(statements: Syntax[], outer: Level[]): void {
    statements.forEach((statement, index) => {
      const rest = statements.slice(index + 1);
      const acquire = this.acquireIn(statement);
      if (acquire) {
        const flow = this.newFlow(acquire.call);
        const tested = acquire.mode === 'statement' ? this.resultTest(statement, rest) : undefined;
        if (tested?.held) {
          // `got = lock.acquire(timeout=1)` then `if got: ...`: held in that block only.
          const block = childOfType(tested.test, 'block');
          if (block) this.follow(flow, block.children, [{ rest: rest.slice(rest.indexOf(tested.test) + 1) }, ...outer]);
        } else if (tested) {
          // `if not got: return`: held after that if.
          this.follow(flow, rest.slice(rest.indexOf(tested.test) + 1), outer);
        } else if (acquire.mode === 'statement') this.follow(flow, rest, outer);
        else if (acquire.mode === 'if') {
          const block = childOfType(statement, 'block');
          if (block) this.follow(flow, block.children, [{ rest }, ...outer]);
        } else if (acquire.mode === 'if-not') {
          // `if not lock.acquire(...): return` – held after the if.
          this.follow(flow, rest, outer);
        }
        this.flows.push(flow);
      }
      for (const { block, then, loop } of blocksOf(statement)) this.scan(block, [{ rest: [...then, ...rest], loop }, ...outer]);
    });
  }

  private acquireIn(statement: Syntax): { call: Syntax; mode: 'statement' | 'if' | 'if-not' } | undefined {
    let expression = statement.type === 'expression_statement' ? statement.children[0] : undefined;
    if (expression?.type === 'assignment') expression = assignmentParts(expression).right;
    // `await self.join_lock.acquire()` on an asyncio.Lock: held until released, as a thread's lock is.
    if (expression?.type === 'await') expression = expression.children[0];
    if (expression?.type === 'call' && this.isLockAcquire(expression)) {
      // `flag.acquire(False)` with its result ignored sets a state; it does not enter a critical section.
      if (this.isNonBlocking(expression)) return undefined;
      return { call: expression, mode: 'statement' };
    }
    if (statement.type === 'if_statement') {
      const condition = statement.children[0];
      if (condition?.type === 'call' && this.isLockAcquire(condition)) return { call: condition, mode: 'if' };
      const negated = condition?.type === 'not_operator' ? condition.children[0] : undefined;
      if (negated?.type === 'call' && this.isLockAcquire(negated)) {
        const block = childOfType(statement, 'block');
        if (block && this.blockEnds(block.children)) return { call: negated, mode: 'if-not' };
      }
    }
    return undefined;
  }

  /**
   * `x.acquire(...)`, unless `x` is an object of a class of this file whose `acquire` takes no lock (see
   * acquiresNoLock): a rate limiter's `bucket.acquire()` waits for a token, a resource manager's `acquire(name)`
   * hands out a handle.
   */
  private isLockAcquire(call: Syntax): boolean {
    if (methodName(this.evaluator, call) !== 'acquire') return false;
    const receiver = call.children[0]?.children[0];
    const frame = this.fn ? this.evaluator.genericFrame(this.fn) : this.evaluator.moduleFrame;
    const value = receiver ? this.evaluator.evaluate(receiver, frame) : undefined;
    if (value?.kind === 'instance' && value.cls) return !acquiresNoLock(this.module, value.cls);
    // A parameter nobody types (`client(bucket)`): not a lock when a class of this file has an `acquire` that takes
    // none and the name does not say lock.
    if (value?.kind === 'unknown' && !LOCKISH_NAME.test(receiverText(this.evaluator, call))) {
      return !this.module.classes.some((cls) => acquiresNoLock(this.module, cls));
    }
    return true;
  }

  /**
   * The `if` that tests an acquire's stored result (`got = lock.acquire(timeout=1)`), when the acquire can fail:
   * `if got:` (held: the lock is held in its block) or `if not got: return` (held after it).
   */
  private resultTest(statement: Syntax, rest: Syntax[]): { test: Syntax; held: boolean } | undefined {
    const assignment = statement.children[0];
    if (assignment?.type !== 'assignment') return undefined;
    const { left, right } = assignmentParts(assignment);
    if (left?.type !== 'identifier' || right?.type !== 'call' || (right.children[1]?.children.length ?? 0) === 0) return undefined;
    const name = this.evaluator.text(left);
    const test = rest.find((next) => next.type === 'if_statement');
    const condition = test?.children[0];
    if (!test || !condition) return undefined;
    if (condition.type === 'identifier' && this.evaluator.text(condition) === name) return { test, held: true };
    const negated = condition.type === 'not_operator' ? condition.children[0] : undefined;
    const block = childOfType(test, 'block');
    if (negated?.type === 'identifier' && this.evaluator.text(negated) === name && block && this.blockEnds(block.children)) {
      return { test, held: false };
    }
    return undefined;
  }

  private isNonBlocking(call: Syntax): boolean {
    const args = call.children[1]?.children ?? [];
    return args.some((arg) => {
      const text = this.evaluator.text(arg).replace(/\s+/g, '');
      return text === 'False' || text === '0' || text === 'blocking=False' || text === 'timeout=0';
    });
  }

  private blockEnds(statements: Syntax[]): boolean {
    const last = statements[statements.length - 1];
    // `if not fork.acquire(timeout=t): continue` in a loop: past the if, this round holds the lock.
    return !!last && ['return_statement', 'raise_statement', 'continue_statement', 'break_statement'].includes(last.type);
  }

  private newFlow(acquire: Syntax): LockFlow {
    const lockText = receiverText(this.evaluator, acquire);
    const body = this.fn?.body ?? this.module.root;
    const releases = this.releaseCalls;
    const lockName = lastName(lockText);
    // A release only in an `except` handler undoes a failed acquire: on success the lock stays held for the caller.
    const after = [...releases, ...this.helperCalls(body)].some((call) => (receiverText(this.evaluator, call) === lockText || this.helperReleases(call) === lockText)
      && call.start > acquire.end && call.start >= body.start && call.end <= body.end && !this.inNestedScope(call, body)
      && !this.inExceptHandler(call, body));
    // A release with no acquire before it in its own function hands the lock over: it is a signal between threads.
    const elsewhere = releases.some((call) => lastName(receiverText(this.evaluator, call)) === lockName
      && !(call.start > acquire.end && call.end <= body.end && !this.inNestedScope(call, body))
      && !this.acquiredBefore(call, lockName));
    return { fn: this.fn, acquire, lockText, exits: [], releasedAfter: after, releasedElsewhere: elsewhere };
  }

  /** Calls of methods on the function's own object (`self.x(...)`), where a helper may release its lock. */
  private helperCalls(body: Syntax): Syntax[] {
    const self = this.fn?.params[0]?.name;
    if (!self || !this.fn?.cls) return [];
    const calls: Syntax[] = [];
    const pending: Syntax[] = [body];
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (NESTED.has(node.type)) continue;
      if (node.type === 'call' && receiverText(this.evaluator, node) === self) calls.push(node);
      for (const child of node.children) pending.push(child);
    }
    return calls;
  }

  private inExceptHandler(node: Syntax, body: Syntax): boolean {
    for (let at = node.parent; at && at !== body; at = at.parent) if (at.type === 'except_clause') return true;
    return false;
  }

  private acquiredBefore(release: Syntax, lockName: string): boolean {
    let body: Syntax | undefined = release.parent;
    while (body && body.type !== 'function_definition' && body.type !== 'module') body = body.parent;
    if (!body) return false;
    const pending: Syntax[] = [body];
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (node.start >= release.start) continue;
      if (node.type === 'call' && methodName(this.evaluator, node) === 'acquire' && lastName(receiverText(this.evaluator, node)) === lockName) {
        return true;
      }
      for (const child of node.children) pending.push(child);
    }
    return false;
  }

  private inNestedScope(node: Syntax, body: Syntax): boolean {
    for (let at = node.parent; at && at !== body; at = at.parent) if (NESTED.has(at.type)) return true;
    return false;
  }

  /** Follows a region that starts held at `statements`, then continues in the enclosing blocks' remainders. */
  private follow(flow: LockFlow, statements: Syntax[], outer: Level[]): void {
    const result = this.resultName(flow.acquire);
    const region: Region = { key: flow.lockText, ...this.enclosingProtection(flow.acquire, flow.lockText, result), result };
    let outcome = this.block(flow, statements, region);
    // Acquired inside a `try` whose `finally` releases: leaving the try releases it, whatever the path.
    if (region.finallyReleases) return;
    for (const level of outer) {
      let jumps = outcome.jumps ?? [];
      let goesOn = outcome.held && !outcome.ends;
      if (level.loop) {
        // The loop around the acquire: `continue` goes round to the acquire again with the lock held (a Lock then
        // waits for itself forever); `break` goes on after the loop with it held.
        const continues = jumps.find((jump) => jump.type === 'continue_statement');
        if (continues) flow.exits.push({ kind: 'continue', node: continues });
        goesOn ||= jumps.some((jump) => jump.type === 'break_statement');
        jumps = [];
      }
      if (!goesOn) return;
      const next = this.block(flow, level.rest, region);
      outcome = { ...next, jumps: [...jumps, ...(next.jumps ?? [])] };
    }
    if (outcome.held && !outcome.ends) flow.exits.push({ kind: 'end', node: flow.acquire });
  }

  private block(flow: LockFlow, statements: Syntax[], region: Region): Outcome {
    let jumps: readonly Syntax[] = [];
    for (const statement of statements) {
      const outcome = this.statement(flow, statement, region);
      if (outcome.jumps) jumps = [...jumps, ...outcome.jumps];
      if (!outcome.held || outcome.ends) return { ...outcome, jumps };
    }
    return { held: true, ends: false, jumps };
  }

  private statement(flow: LockFlow, statement: Syntax, region: Region): Outcome {
    if (this.isRelease(statement, region.key, region.result)) return { held: false, ends: false };
    switch (statement.type) {
      case 'return_statement':
        this.raisingCall(flow, statement, region);
        if (!region.finallyReleases) flow.exits.push({ kind: 'return', node: statement });
        return { held: true, ends: true };
      case 'raise_statement':
        if (!region.finallyReleases && !region.caught) flow.exits.push({ kind: 'raise', node: statement });
        return { held: true, ends: true };
      case 'break_statement':
      case 'continue_statement':
        return { held: true, ends: true, jumps: [statement] };
      case 'if_statement': {
        this.raisingCall(flow, statement.children[0], region);
        const branches: Syntax[][] = [];
        const consequence = childOfType(statement, 'block');
        if (consequence) branches.push(consequence.children);
        let hasElse = false;
        for (const alternative of statement.children) {
          if (alternative.type === 'elif_clause') {
            this.raisingCall(flow, alternative.children[0], region);
            const block = childOfType(alternative, 'block');
            if (block) branches.push(block.children);
          } else if (alternative.type === 'else_clause') {
            hasElse = true;
            const block = childOfType(alternative, 'block');
            if (block) branches.push(block.children);
          }
        }
        const outcomes = branches.map((branch) => this.block(flow, branch, region));
        if (!hasElse) outcomes.push({ held: true, ends: false });
        const open = outcomes.filter((o) => !o.ends);
        return { held: open.some((o) => o.held) || open.length === 0, ends: open.length === 0, jumps: outcomes.flatMap((o) => o.jumps ?? []) };
      }
      case 'try_statement': {
        const finallyClause = childOfType(statement, 'finally_clause');
        const finallyBlock = finallyClause ? childOfType(finallyClause, 'block') : undefined;
        const finallyReleases = !!finallyBlock && finallyBlock.children.some((s) => this.isRelease(s, region.key, region.result));
        const handlers = statement.children.filter((c) => c.type === 'except_clause');
        const broad = handlers.some((h) => this.isBroadHandler(h));
        const lookups = handlers.some((h) => this.catchesLookups(h));
        const inner: Region = {
          ...region, finallyReleases: region.finallyReleases || finallyReleases, caught: region.caught || broad, lookupsCaught: region.lookupsCaught || lookups,
        };
        const body = childOfType(statement, 'block');
        const bodyOutcome: Outcome = body ? this.block(flow, body.children, inner) : { held: true, ends: false };
        const jumps = [...(bodyOutcome.jumps ?? [])];
        for (const handler of handlers) {
          const block = childOfType(handler, 'block');
          if (block) jumps.push(...(this.block(flow, block.children, { ...region, finallyReleases: inner.finallyReleases }).jumps ?? []));
        }
        // A `finally` that releases runs on a break or continue too.
        if (finallyReleases) return { held: false, ends: false };
        return { ...bodyOutcome, jumps };
      }
      case 'with_statement':
      case 'for_statement':
      case 'while_statement': {
        if (statement.type !== 'with_statement') this.raisingCall(flow, statement.children[statement.type === 'for_statement' ? 1 : 0], region);
        else this.raisingCall(flow, childOfType(statement, 'with_clause'), region);
        const body = childOfType(statement, 'block');
        const outcome = body ? this.block(flow, body.children, region) : { held: true, ends: false };
        // A loop body that releases may not run at all; a with body runs once. A loop inside the region takes its
        // own break and continue: the lock was held before it and still is.
        if (statement.type === 'with_statement') return outcome;
        return { held: true, ends: false };
      }
      case 'function_definition':
      case 'class_definition':
      case 'decorated_definition':
        return { held: true, ends: false };
      default:
        this.raisingCall(flow, statement, region);
        return { held: true, ends: false };
    }
  }

  /** `got = lock.acquire(timeout=1)`: the name its result went to. */
  private resultName(acquire: Syntax): string | undefined {
    const assignment = acquire.parent;
    if (assignment?.type !== 'assignment') return undefined;
    const { left, right } = assignmentParts(assignment);
    return right === acquire && left?.type === 'identifier' ? this.evaluator.text(left) : undefined;
  }

  /** `try: lock.acquire(); ... finally: lock.release()`: the acquire sits inside the protected block. */
  private enclosingProtection(acquire: Syntax, key: string, result: string | undefined): { finallyReleases: boolean; caught: boolean; lookupsCaught: boolean } {
    let finallyReleases = false;
    let caught = false;
    let lookupsCaught = false;
    for (let at: Syntax | undefined = acquire; at?.parent; at = at.parent) {
      const parent: Syntax = at.parent;
      if (parent.type === 'function_definition' || parent.type === 'lambda') break;
      if (parent.type !== 'try_statement' || at.type !== 'block') continue;
      const finallyBlock = childOfType(childOfType(parent, 'finally_clause') ?? parent, 'block');
      if (finallyBlock && finallyBlock !== at && finallyBlock.children.some((s) => this.isRelease(s, key, result) || this.releasesEachHeld(s, key, at))) {
        finallyReleases = true;
      }
      if (parent.children.some((c) => c.type === 'except_clause' && this.isBroadHandler(c))) caught = true;
      if (parent.children.some((c) => c.type === 'except_clause' && this.catchesLookups(c))) lookupsCaught = true;
    }
    return { finallyReleases, caught, lookupsCaught };
  }

  private isRelease(statement: Syntax, key: string, result?: string): boolean {
    // `if got: lock.release()`: when the acquire failed there is nothing to release.
    if (result && statement.type === 'if_statement' && statement.children.length === 2) {
      const [condition, block] = statement.children;
      return condition.type === 'identifier' && this.evaluator.text(condition) === result && block.type === 'block'
        && block.children.some((inner) => this.isRelease(inner, key));
    }
    const expression = statement.type === 'expression_statement' ? statement.children[0] : statement;
    if (expression?.type !== 'call') return false;
    if (methodName(this.evaluator, expression) === 'release' && receiverText(this.evaluator, expression) === key) return true;
    // `stack.callback(self._lock.release)` in a `with ExitStack()`: released when the block is left, whatever the path.
    if (methodName(this.evaluator, expression) === 'callback'
      && (expression.children[1]?.children ?? []).some((arg) => arg.type === 'attribute' && this.evaluator.text(arg) === `${key}.release`)) return true;
    return this.helperReleases(expression) === key;
  }

  /**
   * `self._release_and_log("flush")`, a method of the same class one of whose own statements is
   * `self._lock.release()`: the lock it gives back, as the caller writes it (`self._lock`).
   */
  private helperReleases(call: Syntax): string | undefined {
    const self = this.fn?.params[0]?.name;
    const cls = this.fn?.cls;
    if (!self || !cls || receiverText(this.evaluator, call) !== self) return undefined;
    const helper = cls.methods.get(methodName(this.evaluator, call) ?? '');
    const helperSelf = helper?.params[0]?.name;
    if (!helper || helper === this.fn || !helperSelf || !helper.body || helper.isLambda) return undefined;
    for (const statement of helper.body.children) {
      const expression = statement.type === 'expression_statement' ? statement.children[0] : undefined;
      if (expression?.type !== 'call' || methodName(this.evaluator, expression) !== 'release') continue;
      const lock = receiverText(this.evaluator, expression);
      if (lock.startsWith(`${helperSelf}.`)) return `${self}${lock.slice(helperSelf.length)}`;
    }
    return undefined;
  }

  /**
   * `while seq not in responses: cond.wait()` then `responses[seq]`: the function tests that the key is there (an
   * `in` test of the same key on the same container), so the lookup is taken to find it.
   */
  private keyTested(subscript: Syntax): boolean {
    const [container, key] = subscript.children;
    const body = this.fn?.body;
    if (!body || !key || subscript.children.length !== 2) return false;
    const containerText = this.evaluator.text(container);
    const keyText = this.evaluator.text(key);
    let tested = false;
    walk(body, (node) => {
      if (tested || NESTED.has(node.type)) return false;
      const [left, right] = node.children;
      if (node.type === 'comparison_operator' && node.children.length === 2 && this.evaluator.text(right) === containerText
        && this.evaluator.text(left) === keyText && /\bin$/.test(this.module.source.slice(left.end, right.start).trim())) {
        tested = true;
      }
      return !tested;
    });
    return tested;
  }

  /**
   * `for acct in reversed(held): acct.lock.release()` in a `finally`, where the protected block does
   * `acct.lock.acquire(); held.append(acct)`: each lock taken is given back, whatever the loop calls its items.
   */
  private releasesEachHeld(statement: Syntax, key: string, protectedBlock: Syntax): boolean {
    const [variable, iterable, body] = statement.children;
    if (statement.type !== 'for_statement' || variable?.type !== 'identifier' || !iterable || body?.type !== 'block') return false;
    const root = key.split('.')[0];
    const name = this.evaluator.text(variable);
    const released = `${name}${key.slice(root.length)}`;
    if (!body.children.some((inner) => this.isRelease(inner, released))) return false;
    // The loop goes over a list the protected block appended the acquired object to.
    const lists = new Set<string>();
    walk(iterable, (node) => {
      if (node.type === 'identifier') lists.add(this.evaluator.text(node));
      return true;
    });
    let appended = false;
    walk(protectedBlock, (node) => {
      if (appended || NESTED.has(node.type)) return false;
      const callee = node.type === 'call' ? node.children[0] : undefined;
      const args = node.children[1]?.children ?? [];
      if (callee?.type === 'attribute' && args.length === 1 && this.evaluator.text(args[0]) === root
        && lastName(this.evaluator.text(callee)) === 'append' && lists.has(this.evaluator.text(callee.children[0]!))) appended = true;
      return !appended;
    });
    return appended;
  }

  private isBroadHandler(handler: Syntax): boolean {
    const caught = handler.children.filter((c) => c.type !== 'block');
    if (caught.length === 0) return true;
    const text = this.evaluator.text(caught[0]);
    return /^(Exception|BaseException)\b/.test(text);
  }

  /** `except KeyError:`, `except (IndexError, ValueError) as error:`: a handler for a failed lookup by key or index. */
  private catchesLookups(handler: Syntax): boolean {
    const caught = handler.children.find((c) => c.type !== 'block');
    const target = caught?.type === 'as_pattern' ? caught.children[0] : caught;
    const names = target?.type === 'tuple' || target?.type === 'parenthesized_expression' ? target.children : target ? [target] : [];
    return names.some((name) => LOOKUP_ERRORS.has(this.evaluator.text(name)));
  }

  /** Records the first call in `node` that could raise while the lock is held and nothing catches it. */
  private raisingCall(flow: LockFlow, node: Syntax | undefined, region: Region): void {
    if (!node || region.finallyReleases || region.caught) return;
    if (flow.exits.some((exit) => exit.kind === 'call')) return;
    const pending = [node];
    while (pending.length > 0) {
      const at = pending.shift()!;
      if (NESTED.has(at.type)) continue;
      // In a `@contextmanager` generator, an exception raised in the `with` body is thrown in at the `yield`.
      if (at.type === 'yield' && this.fn && isContextManager(this.fn)) {
        flow.exits.push({ kind: 'call', node: at });
        return;
      }
      if (at.type === 'call') {
        const callee = at.children[0];
        const name = callee?.type === 'attribute' ? this.evaluator.text(callee.children[callee.children.length - 1])
          : callee ? this.evaluator.text(callee) : '';
        // A function of this file named like a safe one (`notify(customer)`, not a Condition's `notify()`) runs its own code.
        // So does a method of its own class called on `self` (`self.get(key)`, not a dict's `get`).
        const ownFunction = (callee?.type === 'identifier'
          && !!resolveName(scopeOf(this.module, callee), name, this.module.scope)?.sites.some((site) => site.kind === 'function'))
          || (callee?.type === 'attribute' && !!this.fn?.cls?.methods.has(name) && callee.children[0]?.type === 'identifier'
            && this.evaluator.text(callee.children[0]) === this.fn.params[0]?.name);
        // `pending.pop(key)` fails by a KeyError (an IndexError for a list), which an `except KeyError:` catches.
        const caughtLookup = region.lookupsCaught && name === 'pop' && callee?.type === 'attribute' && at.children[1]?.children.length === 1;
        if (name !== 'acquire' && !caughtLookup && (ownFunction || !SAFE_CALLS.has(name) || (name === 'format' && !isPlainFormat(at)) || ((name === 'min' || name === 'max') && raisesWhenEmpty(at, (n) => this.evaluator.text(n))))) {
          flow.exits.push({ kind: 'call', node: at });
          return;
        }
      }
      if (at.type === 'subscript' && !region.lookupsCaught && isLookupByKey(at) && !this.keyTested(at)) {
        flow.exits.push({ kind: 'call', node: at });
        return;
      }
      pending.push(...at.children);
    }
  }
}

/** `@contextlib.contextmanager` (or `@contextmanager`, `@asynccontextmanager`): a generator that is a `with` block's setup and teardown. */
function isContextManager(fn: FunctionInfo): boolean {
  return fn.decorators.some((decorator) => /(^|\.)(async)?contextmanager$/.test(decorator));
}

/**
 * `"{} of {}".format(done, total)`: a literal template given plain arguments. A template from elsewhere, or fields
 * passed as `**fields`, can name a field that is not there (KeyError, IndexError).
 */
function isPlainFormat(call: Syntax): boolean {
  const callee = call.children[0];
  const template = callee?.type === 'attribute' ? callee.children[0] : undefined;
  const args = call.children[1]?.children ?? [];
  return template?.type === 'string' && !args.some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat');
}

/**
 * `max(errors, key=len)`: the largest of one iterable, which raises ValueError when it is empty. Given two or more
 * values, a `default=`, or a literal that holds some, it does not.
 */
function raisesWhenEmpty(call: Syntax, text: (node: Syntax) => string): boolean {
  if (call.children[0]?.type !== 'identifier') return false;
  const args = call.children[1]?.children ?? [];
  const positional = args.filter((arg) => arg.type !== 'keyword_argument');
  if (positional.length !== 1 || args.some((arg) => arg.type === 'keyword_argument' && arg.children[0] && text(arg.children[0]) === 'default')) return false;
  const [only] = positional;
  if (only.type === 'list_splat' || only.type === 'dictionary_splat') return false;
  return !((only.type === 'list' || only.type === 'tuple' || only.type === 'set') && only.children.length > 0);
}

const TARGET_LISTS = new Set(['pattern_list', 'tuple_pattern', 'expression_list']);

/** What a failed lookup by key or index raises, and the class above both. */
const LOOKUP_ERRORS = new Set(['KeyError', 'IndexError', 'LookupError']);

/** Key types whose lookup is taken to succeed: a field the code names (`stats["done"]`, `row[0]`), or a slice. */
const CONSTANT_KEYS = new Set(['string', 'integer', 'unary_operator', 'slice', 'true', 'false', 'none']);

/**
 * `prices[sku]`, `self.leases[job] += 1`: a lookup by a computed key, which raises KeyError (or IndexError) when it
 * is not there. A plain store (`seen[key] = True`) adds the key instead, so it is no lookup; nor is a `del`.
 */
function isLookupByKey(subscript: Syntax): boolean {
  const keys = subscript.children.slice(1);
  if (keys.length === 0 || keys.every((key) => CONSTANT_KEYS.has(key.type))) return false;
  let target: Syntax = subscript;
  while (target.parent && TARGET_LISTS.has(target.parent.type)) target = target.parent;
  // `del pending[key]` of a key the code put there is taken to succeed, as a store is.
  return !(target.parent?.type === 'assignment' && target.parent.children[0] === target) && target.parent?.type !== 'delete_statement';
}

/**
 * The blocks inside a compound statement, each with what runs right after it before the statement's own successor:
 * a try body continues into its `else` and `finally`; other blocks continue after the statement.
 */
function blocksOf(statement: Syntax): Array<{ block: Syntax[]; then: Syntax[]; loop?: Syntax }> {
  const blocks: Array<{ block: Syntax[]; then: Syntax[]; loop?: Syntax }> = [];
  const isLoop = statement.type === 'for_statement' || statement.type === 'while_statement';
  if (NESTED.has(statement.type)) return blocks;
  const clauseBlock = (type: string) => childOfType(childOfType(statement, type) ?? statement, 'block');
  const elseBlock = statement.type === 'try_statement' ? clauseBlock('else_clause') : undefined;
  const finallyBlock = statement.type === 'try_statement' ? clauseBlock('finally_clause') : undefined;
  for (const child of statement.children) {
    if (child.type === 'block') {
      const then = statement.type === 'try_statement'
        ? [...(elseBlock && elseBlock !== child ? elseBlock.children : []), ...(finallyBlock && finallyBlock !== child ? finallyBlock.children : [])]
        : [];
      blocks.push({ block: child.children, then, loop: isLoop && child === childOfType(statement, 'block') ? statement : undefined });
    } else if (['elif_clause', 'else_clause', 'except_clause', 'finally_clause', 'case_clause'].includes(child.type)) {
      const block = childOfType(child, 'block');
      const then = statement.type === 'try_statement' && child.type === 'except_clause' && finallyBlock ? finallyBlock.children : [];
      if (block) blocks.push({ block: block.children, then });
    }
  }
  return blocks;
}
