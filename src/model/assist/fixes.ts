// Quick fixes for findings, as plain text edits (UTF-16 offsets) so they can be tested without an editor:
// - `# noqa: GIL00N` on the finding's line (or the code added to a noqa already there);
// - GIL002 / GIL003: the statement (for a check-then-act, the whole `if`) wrapped in `with lock:`, using a
//   module-level `threading.Lock()` the file has, or creating one (and `import threading`) after the imports;
// - GIL001 on pool work: `ThreadPoolExecutor` → `ProcessPoolExecutor`, with a `__main__` guard around the module-level
//   statement that uses the pool when the file has none (worker processes re-import the module);
// - GIL004 on a call made in the coroutine itself: `time.sleep(x)` → `await asyncio.sleep(x)`, any other blocking call
//   `f(a, b=c)` → `await asyncio.to_thread(f, a, b=c)` (importing asyncio when the file has not); on a call made in a
//   synchronous helper, the coroutine's call of that helper run so;
// - GIL005: `lock.acquire()` ... `lock.release()` in one block made `with lock:` around the statements between, the
//   releases before an early `return` or `raise` dropped (`await lock.acquire()` becomes `async with lock:`).
// The statements to edit are found in the syntax tree, never by pattern-matching the text.

import type { Facts } from '../facts';
import { LOCK_TYPES } from '../facts/library';
import { canonicalType } from '../facts/values';
import { type Syntax, LineIndex, walk } from '../parse/syntax';

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The one to offer first. */
  readonly preferred?: boolean;
}

/** What a fix needs to know of a finding (the model's `Diagnostic` has it). */
export interface FixTarget {
  readonly code: string;
  /** 1-based, as in diagnostics. */
  readonly line: number;
  readonly column: number;
  readonly data?: Readonly<Record<string, string | number | boolean>>;
  /** Where the finding ends (1-based), when known: it tells the reported call from a longer one starting there. */
  readonly endLine?: number;
  readonly endColumn?: number;
}

const NESTED_DEFINITIONS = new Set(['function_definition', 'class_definition', 'decorated_definition', 'lambda']);

const STATEMENTS = new Set([
  'expression_statement', 'if_statement', 'for_statement', 'while_statement', 'with_statement', 'try_statement',
  'return_statement', 'delete_statement', 'assert_statement', 'raise_statement', 'pass_statement', 'match_statement',
]);

/** Applies edits as an editor does: all offsets refer to the original text; inserts at one offset keep their order. */
export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.start - b.edit.start || a.index - b.index);
  let out = '';
  let at = 0;
  for (const { edit } of ordered) {
    out += source.slice(at, edit.start) + edit.text;
    at = Math.max(at, edit.end);
  }
  return out + source.slice(at);
}

export function quickFixes(source: string, target: FixTarget, facts: Facts | undefined): Fix[] {
  const lines = new LineIndex(source);
  const offset = lines.lineStart(target.line - 1) + target.column - 1;
  const fixes: Fix[] = [];
  // A lock of the threading module keeps no other process out: processes need one made to be shared.
  if (facts && (target.code === 'GIL002' || target.code === 'GIL003') && target.data?.race !== 'processes') {
    const statement = target.code === 'GIL003' ? enclosing(facts.module.root, offset, (n) => n.type === 'if_statement' || n.type === 'while_statement')
      : enclosing(facts.module.root, offset, (n) => STATEMENTS.has(n.type));
    const wrapped = statement && wrapInLock(source, lines, statement, facts, target);
    if (wrapped) fixes.push(wrapped);
  }
  if (facts && target.code === 'GIL001') {
    const pool = poolFix(source, lines, facts, offset);
    if (pool) fixes.push(pool);
  }
  if (facts && target.code === 'GIL004') {
    const end = target.endLine !== undefined && target.endColumn !== undefined ? lines.lineStart(target.endLine - 1) + target.endColumn - 1 : undefined;
    const handed = offThread(source, facts, offset, end, target.data?.call);
    if (handed) fixes.push(handed);
  }
  if (facts && target.code === 'GIL005') {
    const held = withBlock(source, lines, facts, offset);
    if (held) fixes.push(held);
  }
  fixes.push(noqa(source, lines, target));
  return fixes;
}

/**
 * GIL005: `lock.acquire()` and, later in the same block, `lock.release()`: `with lock:` around what lies between.
 * Releases inside it are dropped where the next statement leaves the function (`return`, `raise`), which the `with`
 * then releases for. Not offered when any other release stays (one before a `continue`, in a `finally`, in a
 * branch that goes on without the lock: the `with` would hold it there), when the lock is taken again inside, when
 * the acquire waits with a timeout or is tested, or when a statement shares its line with another.
 */
function withBlock(source: string, lines: LineIndex, facts: Facts, offset: number): Fix | undefined {
  const call = enclosing(facts.module.root, offset, (node) => node.type === 'call' && node.start === offset);
  const callee = call?.children[0];
  if (!call || callee?.type !== 'attribute' || call.children[1]?.type !== 'argument_list' || call.children[1].children.length > 0) return undefined;
  const awaited = call.parent?.type === 'await';
  const acquire = awaited ? call.parent!.parent : call.parent;
  const block = acquire?.parent;
  if (acquire?.type !== 'expression_statement' || acquire.children.length !== 1 || !block) return undefined;
  const lock = textOf(source, callee.children[0]);
  const lockCall = (node: Syntax, method: string) => {
    const inner = node.type === 'expression_statement' && node.children.length === 1 ? node.children[0] : undefined;
    const target = inner?.type === 'await' ? inner.children[0] : inner;
    const name = target?.type === 'call' ? target.children[0] : undefined;
    return name?.type === 'attribute' && textOf(source, name.children[name.children.length - 1]) === method && textOf(source, name.children[0]) === lock;
  };
  const statements = block.children;
  const first = statements.indexOf(acquire);
  let last = -1;
  for (let i = statements.length - 1; i > first; i--) {
    if (lockCall(statements[i], 'release')) {
      last = i;
      break;
    }
  }
  if (first < 0 || last <= first + 1) return undefined;
  const region = statements.slice(first + 1, last);
  const dropped: Syntax[] = [statements[last]];
  let safe = true;
  for (const statement of region) {
    // Functions and classes defined there run later, not under this lock.
    walk(statement, (node) => {
      if (NESTED_DEFINITIONS.has(node.type)) return false;
      if (lockCall(node, 'acquire')) safe = false;
      if (!lockCall(node, 'release')) return undefined;
      const siblings = node.parent?.children ?? [];
      const next = siblings[siblings.indexOf(node) + 1];
      if (next && (next.type === 'return_statement' || next.type === 'raise_statement') && node.parent?.type === 'block') dropped.push(node);
      else safe = false;
      return undefined;
    });
  }
  // The acquire and the dropped releases, each alone on its one line (a trailing comment aside).
  const alone = (node: Syntax) => {
    const line = lines.lineAt(node.start);
    const to = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : source.length;
    return lines.lineAt(Math.max(node.start, node.end - 1)) === line && /^[ \t]*$/.test(source.slice(lines.lineStart(line), node.start))
      && /^[ \t]*(#[^\n]*)?\r?\n?$/.test(source.slice(node.end, to));
  };
  if (!safe || !alone(acquire) || !dropped.every(alone)) return undefined;
  const edits: TextEdit[] = [{ start: acquire.start, end: acquire.end, text: `${awaited ? 'async with' : 'with'} ${lock}:` }];
  const unit = indentUnit(source);
  const firstLine = lines.lineAt(region[0].start);
  const lastLine = lines.lineAt(Math.max(region[region.length - 1].start, region[region.length - 1].end - 1));
  const droppedLines = new Set(dropped.map((node) => lines.lineAt(node.start)));
  for (let line = firstLine; line <= lastLine; line++) {
    const at = lines.lineStart(line);
    if (droppedLines.has(line) || source[at] === '\n' || source[at] === '\r' || (line > firstLine && insideString(facts.module.root, at))) continue;
    edits.push({ start: at, end: at, text: unit });
  }
  for (const line of droppedLines) {
    const to = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : source.length;
    edits.push({ start: lines.lineStart(line), end: to, text: '' });
  }
  return { title: `Hold ${lock} in a ${awaited ? 'async with' : 'with'} block (released on every path)`, edits, preferred: true };
}

/**
 * GIL004: the blocking call awaited off the event loop. Made in the coroutine itself, a sleep becomes the loop's own
 * sleep and another call runs in a worker thread (`asyncio.to_thread`, Python 3.9+), its arguments passed as they
 * were. Made in a synchronous helper the coroutine calls, the coroutine's one call of that helper runs in a worker
 * thread instead. Not offered where `await` cannot go (a lambda, a generator expression: awaiting there makes it an
 * asynchronous one), for a `with` item (a context manager is entered on this thread either way), nor for `acquire`
 * (a lock taken by a worker thread is held by it).
 */
function offThread(source: string, facts: Facts, offset: number, end: number | undefined, name: unknown): Fix | undefined {
  const call = enclosing(facts.module.root, offset, (node) => node.type === 'call' && node.start === offset && (end === undefined || node.end === end));
  if (!call) return undefined;
  const callee = call.children[0];
  if (callee?.type === 'attribute' && textOf(source, callee.children[callee.children.length - 1]) === 'acquire') return undefined;
  const fn = awaitableIn(call);
  if (fn && source.startsWith('async', fn.start)) return awaitedOffLoop(source, facts, call, name === 'time.sleep', undefined);
  // Through a helper: where the coroutine calls the first helper of the chain.
  const blocking = facts.executions.flatMap((execution) => (execution.kind === 'async' ? execution.blocking : [])).find((b) => b.call === call && b.via.length > 0 && b.asyncFn);
  const helper = blocking?.via[0];
  const coroutine = blocking?.asyncFn;
  if (!helper || !coroutine?.body) return undefined;
  const calls = findAll(coroutine.body, (node) => node.type === 'call' && calledName(source, node) === helper.name && awaitableIn(node) === coroutine.node);
  if (calls.length !== 1) return undefined;
  return awaitedOffLoop(source, facts, calls[0], false, `where \`async def ${coroutine.name}\` calls it`);
}

/** The function a call can be awaited in, undefined where `await` cannot go or the call is already awaited. */
function awaitableIn(call: Syntax): Syntax | undefined {
  if (call.children[1]?.type !== 'argument_list' || call.parent?.type === 'await') return undefined;
  for (let at = call.parent; at; at = at.parent) {
    if (at.type === 'function_definition') return at;
    if (at.type === 'lambda' || at.type === 'with_item' || at.type === 'with_clause' || at.type === 'generator_expression') return undefined;
  }
  return undefined;
}

/** `helper(...)`, `self.helper(...)`: the name called. */
function calledName(source: string, call: Syntax): string | undefined {
  const callee = call.children[0];
  if (callee?.type === 'identifier') return textOf(source, callee);
  if (callee?.type === 'attribute' && (textOf(source, callee.children[0]) === 'self' || textOf(source, callee.children[0]) === 'cls')) {
    return textOf(source, callee.children[callee.children.length - 1]);
  }
  return undefined;
}

/** The edits that await `call` off the event loop (importing asyncio when the file has not). */
function awaitedOffLoop(source: string, facts: Facts, call: Syntax, sleep: boolean, where: string | undefined): Fix {
  const callee = call.children[0];
  const args = call.children[1];
  const edits: TextEdit[] = [];
  // The name the file gives the asyncio module (`import asyncio as aio`), or a new import.
  const imported = [...facts.module.scope.bindings.values()].find((binding) => binding.sites.some((site) => site.kind === 'import' && site.qualified === 'asyncio'));
  const asyncio = imported?.name ?? 'asyncio';
  if (!imported) {
    const at = afterImports(facts.module.root, source);
    const newline = source.slice(at - 1, at) === '\n' || at === 0 ? '' : '\n';
    edits.push({ start: at, end: at, text: `${newline}import asyncio\n` });
  }
  const inner = textOf(source, args).slice(1, -1).trim();
  const awaited = sleep ? `await ${asyncio}.sleep(${inner})` : `await ${asyncio}.to_thread(${textOf(source, callee)}${inner ? `, ${inner}` : ''})`;
  // `f().decode()`, `f()[0]`, `f()()`: the awaited value is what the rest applies to.
  const parent = call.parent;
  const operand = (parent?.type === 'attribute' || parent?.type === 'subscript' || parent?.type === 'call') && parent.children[0] === call;
  edits.push({ start: call.start, end: call.end, text: operand ? `(${awaited})` : awaited });
  const title = sleep ? `Sleep without blocking the event loop (await ${asyncio}.sleep)`
    : `Run ${textOf(source, callee)}(...) in a worker thread${where ? ` ${where}` : ''} (await ${asyncio}.to_thread)`;
  return { title, edits, preferred: true };
}

/** `# noqa: CODE` at the end of the finding's line, or the code added to the line's noqa comment. */
function noqa(source: string, lines: LineIndex, target: FixTarget): Fix {
  const lineStart = lines.lineStart(target.line - 1);
  const nextLine = target.line < lines.lineCount ? lines.lineStart(target.line) - 1 : source.length;
  const text = source.slice(lineStart, nextLine).replace(/\r$/, '');
  const lineEnd = lineStart + text.length;
  const existing = /#\s*noqa:\s*([A-Za-z0-9_,\s]*[A-Za-z0-9_])/i.exec(text);
  const edit = existing
    ? { start: lineStart + existing.index + existing[0].length, end: lineStart + existing.index + existing[0].length, text: `, ${target.code}` }
    : { start: lineEnd, end: lineEnd, text: `  # noqa: ${target.code}` };
  return { title: `Suppress ${target.code} on this line (# noqa)`, edits: [edit] };
}

/** The statement wrapped in `with <lock>:`, the lock found at module level or created there. */
function wrapInLock(source: string, lines: LineIndex, statement: Syntax, facts: Facts, target: FixTarget): Fix | undefined {
  const edits: TextEdit[] = [];
  // An update already under one lock (another writer holds a different one): the fix takes a lock of the module's it
  // does not hold (taking a `Lock` twice would deadlock); a new lock would keep nothing apart.
  const held = typeof target.data?.heldLocks === 'string' ? target.data.heldLocks.split('\n') : undefined;
  let lock = moduleLock(facts, held ?? []);
  if (!lock && held) return undefined;
  if (!lock) {
    const variable = String(target.data?.variable ?? 'shared').replace(/^.*\./, '').replace(/\W/g, '_') || 'shared';
    lock = `${variable}_lock`;
    const hasThreading = facts.module.scope.bindings.get('threading')?.sites.some((site) => site.kind === 'import' && site.qualified === 'threading');
    const at = afterImports(facts.module.root, source);
    const newline = source.slice(at - 1, at) === '\n' || at === 0 ? '' : '\n';
    edits.push({ start: at, end: at, text: `${newline}${hasThreading ? '' : 'import threading\n'}${lock} = threading.Lock()\n` });
  }
  const firstStart = lines.lineStart(lines.lineAt(statement.start));
  const indent = /^[ \t]*/.exec(source.slice(firstStart, statement.start))![0];
  edits.push(...nestUnder(`${indent}with ${lock}:`, statement, source, lines, facts.module.root));
  return { title: `Hold ${lock} around this ${statement.type === 'if_statement' ? 'check and action' : 'update'} (with ${lock}:)`, edits, preferred: true };
}

/** A module-level name bound to a `threading.Lock()` / `RLock()`, if the file has one not among `held` (lock keys). */
function moduleLock(facts: Facts, held: readonly string[]): string | undefined {
  for (const binding of facts.module.scope.bindings.values()) {
    const value = facts.evaluator.bindingValue(binding, facts.evaluator.moduleFrame);
    if (value.kind === 'instance' && value.type && LOCK_TYPES.has(canonicalType(value.type)) && !held.includes(value.origin.key)) return binding.name;
  }
  return undefined;
}

/** GIL001 on a thread pool's task: the pool made a process pool, under a `__main__` guard. */
function poolFix(source: string, lines: LineIndex, facts: Facts, offset: number): Fix | undefined {
  // The pool whose task this finding is about: the start whose code contains the finding, made by a ThreadPoolExecutor.
  const starts = facts.starts.filter((start) => start.via.startsWith('ThreadPoolExecutor.') && start.entry
    && start.entry.node.start <= offset && offset < start.entry.node.end);
  const start = starts[0] ?? facts.starts.find((s) => s.via.startsWith('ThreadPoolExecutor.') && s.call.start <= offset && offset < s.call.end);
  if (!start) return undefined;
  const constructors = findAll(facts.module.root, (node) => node.type === 'call' && textOf(source, node.children[0]).endsWith('ThreadPoolExecutor'));
  if (constructors.length === 0) return undefined;
  const edits: TextEdit[] = [];
  for (const call of constructors) {
    const callee = call.children[0];
    const name = callee.type === 'attribute' ? callee.children[callee.children.length - 1] : callee;
    edits.push({ start: name.start, end: name.end, text: 'ProcessPoolExecutor' });
  }
  // `from concurrent.futures import ThreadPoolExecutor`: import the process pool too.
  const imported = facts.module.scope.bindings.get('ThreadPoolExecutor')?.sites.find((site) => site.kind === 'import');
  if (imported && !facts.module.scope.bindings.has('ProcessPoolExecutor')) {
    const importNode = findAll(facts.module.root, (node) => node.type === 'dotted_name' && textOf(source, node) === 'ThreadPoolExecutor'
      && node.parent?.type === 'import_from_statement')[0];
    if (importNode) edits.push({ start: importNode.end, end: importNode.end, text: ', ProcessPoolExecutor' });
  }
  if (!hasMainGuard(source, facts.module.root)) {
    const topLevel = constructors.map((call) => topLevelStatement(call)).filter((s): s is Syntax => !!s && s.type !== 'function_definition'
      && s.type !== 'class_definition' && s.type !== 'decorated_definition');
    for (const statement of new Set(topLevel)) edits.push(...nestUnder('if __name__ == "__main__":', statement, source, lines, facts.module.root));
  }
  return { title: 'Run the pool\'s tasks in processes (ProcessPoolExecutor)', edits };
}

/** `header` on its own line above `statement`, whose lines move one level in under it. */
function nestUnder(header: string, statement: Syntax, source: string, lines: LineIndex, root: Syntax): TextEdit[] {
  const first = lines.lineAt(statement.start);
  const last = lines.lineAt(Math.max(statement.start, statement.end - 1));
  const unit = indentUnit(source);
  // Inserts at one offset land in the order given (as in a VS Code WorkspaceEdit): the header first.
  const edits: TextEdit[] = [{ start: lines.lineStart(first), end: lines.lineStart(first), text: `${header}\n` }];
  for (let line = first; line <= last; line++) {
    const at = lines.lineStart(line);
    // Blank lines stay blank; a line inside a string that spans lines is left as it is.
    if (line > first && (source[at] === '\n' || insideString(root, at))) continue;
    edits.push({ start: at, end: at, text: unit });
  }
  return edits;
}

function hasMainGuard(source: string, root: Syntax): boolean {
  return root.children.some((node) => node.type === 'if_statement' && /__name__\s*==\s*["']__main__["']|["']__main__["']\s*==\s*__name__/.test(textOf(source, node.children[0])));
}

function topLevelStatement(node: Syntax): Syntax | undefined {
  let at: Syntax | undefined = node;
  while (at?.parent && at.parent.type !== 'module') at = at.parent;
  return at?.parent ? at : undefined;
}

/** The offset just after the module's leading docstring, `from __future__` and import statements. */
function afterImports(root: Syntax, source: string): number {
  let end = 0;
  for (const node of root.children) {
    const isDocstring = node.type === 'expression_statement' && node.children[0]?.type === 'string' && end === 0;
    if (node.type === 'import_statement' || node.type === 'import_from_statement' || node.type === 'future_import_statement' || isDocstring) {
      end = node.end;
      continue;
    }
    if (node.type === 'comment') continue;
    break;
  }
  if (end === 0) return 0;
  const newline = source.indexOf('\n', end);
  return newline === -1 ? source.length : newline + 1;
}

/** The indentation the file uses for one level (four spaces when it does not say). */
function indentUnit(source: string): string {
  const match = /\n([ \t]+)\S/.exec(source);
  if (!match) return '    ';
  return match[1].startsWith('\t') ? '\t' : match[1].length <= 8 ? match[1] : '    ';
}

/** The innermost node around `offset` that `accept` takes. */
function enclosing(root: Syntax, offset: number, accept: (node: Syntax) => boolean): Syntax | undefined {
  let found: Syntax | undefined;
  let at: Syntax | undefined = root;
  while (at) {
    if (accept(at)) found = at;
    at = at.children.find((child) => child.start <= offset && offset < child.end);
  }
  return found;
}

function insideString(root: Syntax, offset: number): boolean {
  return enclosing(root, offset, (node) => node.type === 'string' && node.start < offset) !== undefined;
}

function findAll(root: Syntax, accept: (node: Syntax) => boolean): Syntax[] {
  const found: Syntax[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (accept(node)) found.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]);
  }
  return found.sort((a, b) => a.start - b.start);
}

function textOf(source: string, node: Syntax | undefined): string {
  return node ? source.slice(node.start, node.end) : '';
}
