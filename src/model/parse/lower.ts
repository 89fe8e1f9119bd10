// Lowers tree-sitter's tree into plain `Syntax` objects.
// Only named nodes are kept; operators are read back from the source between operands when a rule needs them.
// Subtrees that analysis never reads (string internals, type annotations) are not descended into. A function's
// body is lowered only when something reads its children (`LazyBlock`): most functions of a large file are never
// looked into by the analysis. Top-level statements whose text did not change since the previous version are
// reused (shifted to their new offsets, their unlowered bodies re-pointed at the new tree), so a keystroke in a
// large file lowers only the statement it touched.

import type { Node } from 'web-tree-sitter';
import { type ModuleTree, type TreeLife, lifeOf } from './segments';
import type { Comment, Syntax } from './syntax';

/** Node types lowered without their children. */
const LEAVES = new Set([
  'identifier', 'integer', 'float', 'true', 'false', 'none', 'ellipsis', 'escape_sequence', 'keyword_separator',
  'positional_separator', 'import_prefix', 'wildcard_import', 'line_continuation', 'type_conversion', 'type',
  'string_start', 'string_content', 'string_end', 'pass_statement', 'break_statement', 'continue_statement',
]);

/** One top-level statement, lowered, with what belongs to it. */
interface CachedStatement {
  readonly syntax: Syntax;
  /** Comments found so far in it (more arrive as its function bodies are lowered). */
  readonly comments: Comment[];
  /** Function bodies in it not lowered yet, to re-point at a new tree when the statement is reused. */
  readonly lazy: LazyBlock[];
}

/** What a lowering keeps for the next one: its top-level statements in file order, and the text it read them in. */
export interface LoweringCache {
  readonly source: string;
  readonly entries: readonly CachedStatement[];
}

/**
 * Where a text changed since it was last lowered: `[start, end)` of the new text took the place of what stood there.
 * Text before `start` stands where it stood; text from `end` on stood `delta` characters earlier.
 */
export interface ChangedText {
  readonly start: number;
  readonly end: number;
  readonly delta: number;
}

/** No change: every statement stands where it stood. */
export const UNCHANGED: ChangedText = { start: 0, end: 0, delta: 0 };

/** `changed` after `edit` (in tree-sitter's terms), or the edit's own change when nothing changed before it. */
export function withEdit(changed: ChangedText | undefined, edit: { startIndex: number; oldEndIndex: number; newEndIndex: number }): ChangedText {
  const delta = edit.newEndIndex - edit.oldEndIndex;
  if (!changed) return { start: edit.startIndex, end: edit.newEndIndex, delta };
  return {
    start: Math.min(changed.start, edit.startIndex),
    end: changed.end >= edit.oldEndIndex ? changed.end + delta : edit.newEndIndex,
    delta: changed.delta + delta,
  };
}

export interface LoweredModule {
  readonly root: Syntax;
  /** Comments in the parts lowered so far (the parts analysed), in no particular order. */
  readonly comments: () => Comment[];
  readonly cache: LoweringCache;
  /** Settles every statement (see `settle`): before the module is read whole. */
  readonly settle: () => void;
}

interface Lowering {
  readonly source: string;
  /** The root of the tree the statement was lowered from (or moved to). */
  readonly root: Node;
  readonly typeNames: readonly string[];
  readonly statement: CachedStatement;
  readonly tree: TreeLife;
  /** For a statement lowered anew: the statements of function bodies the last version lowered, to reuse. */
  readonly donors?: Donors;
}

/**
 * The statements in the function bodies of the last version's statements that this one did not keep, by their type
 * and text: a keystroke in a long function (a `main()` of hundreds of calls) lowers its body again, but only the
 * statement typed in is new.
 */
type Donors = Map<string, Offered[]>;

/** A statement offered for reuse, with the comments and the unlowered bodies it holds. */
interface Offered {
  readonly syntax: Syntax;
  readonly comments: Comment[];
  readonly lazy: LazyBlock[];
}

/**
 * Each lowering's donors, emptied when the next lowering of the document starts: by then the bodies they were for
 * are read or re-pointed. (A lowered body still holds its lowering: a map left full would keep what each version
 * left over, and what that holds, from one version to the next.)
 */
const donorsOfCache = new WeakMap<LoweringCache, Donors>();

/**
 * A function body lowered on first read of its children. It keeps the tree-sitter node until then, so it must be
 * read while that tree is alive (the analysis that lowered it), or be re-pointed at a newer tree first.
 */
export class LazyBlock implements Syntax {
  readonly type = 'block';
  private lowered: Syntax[] | undefined;

  constructor(
    private node: Node | undefined,
    public start: number,
    public end: number,
    public parent: Syntax | undefined,
    private lowering: Lowering,
  ) {}

  get children(): Syntax[] {
    if (!this.lowered) {
      if ((this.node || this.moved) && !this.lowering.tree.alive) {
        throw new Error('a function body was read after its syntax tree was freed: keep the document (Analyzer.open) open while its facts are read');
      }
      if (this.moved) this.find();
      const node = this.node;
      // A first lowering (a file opened, the CLI) has nothing to reuse: no lookups then.
      this.lowered = !node ? [] : this.lowering.donors?.size ? lowerBody(node, this, this.lowering) : lowerChildren(node, this, this.lowering);
      this.node = undefined;
      const lazy = this.lowering.statement.lazy;
      const index = lazy.indexOf(this);
      if (index >= 0) lazy.splice(index, 1);
    }
    return this.lowered;
  }

  get isLowered(): boolean {
    return this.lowered !== undefined;
  }

  /**
   * Points an unlowered body at the same body, at its (shifted) offsets, in a newer tree: found there when first
   * read (most bodies of a large file never are).
   */
  rebind(lowering: Lowering): void {
    this.node = undefined;
    this.moved = true;
    this.lowering = lowering;
  }

  /** Set by `rebind`: the node is in the lowering's tree, not found yet. */
  private moved = false;

  private find(): void {
    let node: Node | null = this.lowering.root.descendantForIndex(this.start, this.end);
    while (node && !(node.type === 'block' && node.startIndex === this.start && node.endIndex === this.end)) node = node.parent;
    this.node = node ?? undefined;
    this.moved = false;
  }
}

export function lowerModule(tree: ModuleTree, source: string, previous?: LoweringCache, changed: ChangedText | 'unknown' = 'unknown'): LoweredModule {
  const root: Syntax = { type: 'module', start: 0, end: source.length, children: [], parent: undefined };
  const statements: CachedStatement[] = [];
  const cache: LoweringCache = { source, entries: statements };
  const kept = previous && new KeptStatements(previous, changed);
  const typeNames = tree.language.types;
  // Filled once every statement is placed: what the last version had and this one did not keep.
  const donors: Donors = new Map();
  if (previous) donorsOfCache.get(previous)?.clear();
  for (const segment of tree.segments) {
    const rootNode = segment.tree.rootNode;
    const life = lifeOf(segment.tree);
    // A cursor reads the top-level statements' places without making a node object for each: only statements
    // lowered anew need theirs.
    const cursor = rootNode.walk();
    try {
      for (let more = cursor.gotoFirstChild(); more; more = cursor.gotoNextSibling()) {
        if (!cursor.nodeIsNamed) continue;
        const start = cursor.startIndex;
        const end = cursor.endIndex;
        let entry = kept?.take(start, end, source);
        if (entry) {
          shift(entry, start - entry.syntax.start);
          const lowering: Lowering = { source, root: rootNode, typeNames, statement: entry, tree: life };
          for (const block of entry.lazy) block.rebind(lowering);
          // A part of the module (see parts.ts) may have hung a function's statements on its own copy of the function.
          const body = entry.syntax.type === 'function_definition' ? entry.syntax.children.find((each) => each.type === 'block') : undefined;
          if (body instanceof LazyBlock && body.isLowered) for (const statement of body.children) statement.parent = body;
        } else {
          entry = { syntax: { type: 'placeholder', start, end, children: [], parent: undefined }, comments: [], lazy: [] };
          (entry as { syntax: Syntax }).syntax = lowerStatement(cursor.currentNode, { source, root: rootNode, typeNames, statement: entry, tree: life, donors });
        }
        statements.push(entry);
        if (entry.syntax.type !== 'comment') {
          entry.syntax.parent = root;
          root.children.push(entry.syntax);
        }
      }
    } finally {
      cursor.delete();
    }
  }
  kept?.donateLeft(donors);
  donorsOfCache.set(cache, donors);
  if (tree.hasError) root.children.splice(0, root.children.length, ...gatherLifted(root, source));
  return {
    root, comments: () => statements.flatMap((statement) => statement.comments), cache,
    settle: () => {
      for (const statement of root.children) settle(statement);
    },
  };
}

/**
 * The last version's statements, taken as this version's statements are met. Outside the text that changed, a
 * statement that spans what one of the last version spanned (moved by the change's length after it) is that
 * statement: found by its place, its text not read. Inside a small change, a statement is new (the keystroke's).
 * After a large one (a paste, a formatter's rewrite, a text replaced whole), each is looked up by its text.
 */
class KeptStatements {
  private readonly taken = new Set<CachedStatement>();
  /** The last version's statements by where they started (read before any is moved to this version's place). */
  private readonly byStart: ReadonlyMap<number, CachedStatement>;
  private byText: Map<string, CachedStatement[]> | undefined;
  private readonly changed: ChangedText;

  constructor(private readonly previous: LoweringCache, changed: ChangedText | 'unknown') {
    // Not known where: all of it, each statement looked up by its text.
    this.changed = changed === 'unknown' ? { start: 0, end: Number.MAX_SAFE_INTEGER, delta: 0 } : changed;
    this.byStart = changed === 'unknown' ? new Map() : new Map(previous.entries.map((entry) => [entry.syntax.start, entry]));
  }

  take(start: number, end: number, source: string): CachedStatement | undefined {
    const changed = this.changed;
    if (end <= changed.start || start >= changed.end) {
      const shift = start >= changed.end ? changed.delta : 0;
      const entry = this.byStart.get(start - shift);
      if (entry && entry.syntax.end === end - shift && !this.taken.has(entry)) return this.took(entry);
      return undefined;
    }
    if (changed.end - changed.start < LOOKED_UP_BY_TEXT) return undefined;
    this.byText ??= this.textIndex();
    const list = this.byText.get(source.slice(start, end));
    while (list && list.length > 0) {
      const entry = list.shift()!;
      if (!this.taken.has(entry)) return this.took(entry);
    }
    return undefined;
  }

  /** Offers the function bodies of the statements not taken (see Donors). */
  donateLeft(donors: Donors): void {
    for (const entry of this.previous.entries) {
      if (!this.taken.has(entry)) donate(entry, this.previous.source.slice(entry.syntax.start, entry.syntax.end), donors);
    }
  }

  private took(entry: CachedStatement): CachedStatement {
    this.taken.add(entry);
    return entry;
  }

  /** The statements not taken yet, by their text in the last version (those taken already stand elsewhere now). */
  private textIndex(): Map<string, CachedStatement[]> {
    const index = new Map<string, CachedStatement[]>();
    for (const entry of this.previous.entries) {
      if (this.taken.has(entry)) continue;
      const text = this.previous.source.slice(entry.syntax.start, entry.syntax.end);
      const list = index.get(text);
      if (list) list.push(entry);
      else index.set(text, [entry]);
    }
    return index;
  }
}

/** A change of at least this many characters has its statements looked up by text (see KeptStatements). */
const LOOKED_UP_BY_TEXT = 2_000;

/**
 * Moves a reused statement to its new offsets: the statement itself and its comments at once, what is inside it
 * when `settle` says (a keystroke near the top of a large file moves every statement below it, and most of them
 * are not read again before the next one).
 */
function shift(entry: CachedStatement, delta: number): void {
  if (delta === 0) return;
  entry.syntax.start += delta;
  entry.syntax.end += delta;
  for (const comment of entry.comments) {
    comment.start += delta;
    comment.end += delta;
  }
  unsettled.set(entry.syntax, (unsettled.get(entry.syntax) ?? 0) + delta);
}

/**
 * Error recovery lifts the rest of a broken block to the top of the module: a stray character in `while` leaves the
 * function's later statements there, indented, where no statement of a valid module stands. Run at the top, a loop
 * of `t.start()` would start its threads beside everything the module does after it (and link all of it into one
 * part: see parts.ts). Read as what they were typed as, each such run of statements is the body of a function: one
 * without a name, that nothing calls (a function that starts threads is walked on its own all the same).
 */
function gatherLifted(root: Syntax, source: string): Syntax[] {
  const statements: Syntax[] = [];
  let run: Syntax[] = [];
  const close = () => {
    if (run.length === 0) return;
    const definition: Syntax = { type: 'function_definition', start: run[0].start, end: run[run.length - 1].end, children: [], parent: root };
    const body: Syntax = { type: 'block', start: definition.start, end: definition.end, children: run, parent: definition };
    definition.children.push(body);
    for (const statement of run) statement.parent = body;
    liftedRuns.set(definition, run);
    statements.push(definition);
    run = [];
  };
  for (const statement of root.children) {
    if (statement.type !== 'ERROR' && indented(statement.start, source)) {
      run.push(statement);
      continue;
    }
    close();
    statements.push(statement);
  }
  close();
  return statements;
}

/** Whether `start` is the first of its line and not at its beginning: only whitespace before it there. */
function indented(start: number, source: string): boolean {
  let at = start - 1;
  while (at >= 0 && (source[at] === ' ' || source[at] === '\t' || source[at] === '\f')) at--;
  return at < start - 1 && (at < 0 || source[at] === '\n' || source[at] === '\r');
}

/** The lifted statements each gathered function holds (see gatherLifted), settled with it. */
const liftedRuns = new WeakMap<Syntax, readonly Syntax[]>();

/** Top-level statements moved (by `shift`) whose insides are not yet: by how much they still must be. */
const unsettled = new WeakMap<Syntax, number>();

/**
 * Moves what is inside a top-level statement to where the statement now stands. Call before reading anything
 * inside it (the analysis of a module, or of a part of one, does so for its statements).
 */
export function settle(statement: Syntax): void {
  const lifted = liftedRuns.get(statement);
  if (lifted) for (const each of lifted) settle(each);
  const delta = unsettled.get(statement);
  if (delta === undefined) return;
  unsettled.delete(statement);
  move(statement.children, delta);
}

/** Moves nodes and everything lowered inside them by `delta` (an unlowered body is lowered later, at its offsets). */
function move(nodes: readonly Syntax[], delta: number): void {
  const stack = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop()!;
    node.start += delta;
    node.end += delta;
    if (node instanceof LazyBlock && !node.isLowered) continue;
    for (const child of node.children) stack.push(child);
  }
}

/** Offers the statements of the lowered function bodies in a statement the new version did not keep. */
function donate(entry: CachedStatement, text: string, donors: Donors): void {
  settle(entry.syntax);
  const offset = entry.syntax.start;
  const stack: Syntax[] = [entry.syntax];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!(node instanceof LazyBlock)) {
      for (const child of node.children) stack.push(child);
      continue;
    }
    // The outermost lowered bodies only: what a donated statement holds goes with it.
    if (!node.isLowered) continue;
    for (const statement of node.children) {
      const key = `${statement.type}\u0000${text.slice(statement.start - offset, statement.end - offset)}`;
      const inside = (at: { start: number; end: number }) => at.start >= statement.start && at.end <= statement.end;
      const offered: Offered = { syntax: statement, comments: entry.comments.filter(inside), lazy: entry.lazy.filter(inside) };
      const list = donors.get(key);
      if (list) list.push(offered);
      else donors.set(key, [offered]);
    }
  }
}

/** A function body's statements: each the last version's where one with its type and text was offered, else lowered. */
function lowerBody(node: Node, block: Syntax, lowering: Lowering): Syntax[] {
  const { source, typeNames, donors } = lowering;
  const statements: Syntax[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    const type = typeName(child, typeNames);
    if (type === 'comment') {
      keepComment(child, lowering);
      continue;
    }
    const offered = donors?.get(`${type}\u0000${source.slice(child.startIndex, child.endIndex)}`)?.shift();
    if (offered) {
      statements.push(adopt(offered, child.startIndex - offered.syntax.start, block, lowering));
      continue;
    }
    const lowered: Syntax = { type, start: child.startIndex, end: child.endIndex, children: [], parent: block };
    lowered.children.push(...lowerChildren(child, lowered, lowering));
    statements.push(lowered);
  }
  return statements;
}

/** Takes an offered statement into a new one: moved by `delta`, its unlowered bodies re-pointed at the new tree. */
function adopt(offered: Offered, delta: number, block: Syntax, lowering: Lowering): Syntax {
  move([offered.syntax], delta);
  for (const comment of offered.comments) lowering.statement.comments.push({ start: comment.start + delta, end: comment.end + delta, text: comment.text });
  for (const lazy of offered.lazy) {
    lazy.rebind(lowering);
    lowering.statement.lazy.push(lazy);
  }
  offered.syntax.parent = block;
  return offered.syntax;
}

/** A comment met while lowering: kept with its statement (`# noqa` lives in comments). */
function keepComment(node: Node, lowering: Lowering): void {
  lowering.statement.comments.push({ start: node.startIndex, end: node.endIndex, text: lowering.source.slice(node.startIndex, node.endIndex) });
}

function typeName(node: Node, typeNames: readonly string[]): string {
  // ERROR nodes have a symbol outside the grammar's table.
  return typeNames[node.typeId] ?? node.type;
}

function lowerStatement(top: Node, lowering: Lowering): Syntax {
  const type = typeName(top, lowering.typeNames);
  const result: Syntax = { type, start: top.startIndex, end: top.endIndex, children: [], parent: undefined };
  if (type === 'comment') {
    keepComment(top, lowering);
    return result;
  }
  result.children.push(...lowerChildren(top, result, lowering));
  return result;
}

/**
 * Lowers the named children of `top` (and their subtrees) iteratively: user code can nest deeper than the JS stack.
 * A function's block becomes a `LazyBlock`.
 */
function lowerChildren(top: Node, parent: Syntax, lowering: Lowering): Syntax[] {
  const { source, typeNames } = lowering;
  const holder: Syntax = { type: parent.type, start: parent.start, end: parent.end, children: [], parent: undefined };
  const pending: Array<[Node, Syntax]> = [[top, holder]];
  while (pending.length > 0) {
    const [node, syntax] = pending.pop()!;
    if (LEAVES.has(syntax.type)) continue;
    const isString = syntax.type === 'string';
    if (isString && !isFormatString(source, syntax.start)) continue;
    const isFunction = syntax.type === 'function_definition';
    for (const child of node.namedChildren) {
      if (!child) continue;
      const type = typeName(child, typeNames);
      if (type === 'comment') {
        keepComment(child, lowering);
        continue;
      }
      // Inside an f-string only the interpolated expressions matter.
      if (isString && type !== 'interpolation') continue;
      const childParent = syntax === holder ? parent : syntax;
      if (isFunction && type === 'block') {
        const block = new LazyBlock(child, child.startIndex, child.endIndex, childParent, lowering);
        lowering.statement.lazy.push(block);
        syntax.children.push(block);
        continue;
      }
      const lowered: Syntax = { type, start: child.startIndex, end: child.endIndex, children: [], parent: childParent };
      syntax.children.push(lowered);
      pending.push([child, lowered]);
    }
  }
  return holder.children;
}

/** True when the string literal starting at `start` has an f prefix (f"", rf'', Fr"""...). */
function isFormatString(source: string, start: number): boolean {
  for (let i = start; i < start + 3 && i < source.length; i++) {
    const ch = source[i];
    if (ch === 'f' || ch === 'F') return true;
    if (ch === '"' || ch === "'") return false;
  }
  return false;
}
