// Splits a module into parts that can be analysed each on its own. Python code reaches other code and shared state
// only through names: statements that share no module-level name cannot call each other, start each other's threads
// or touch each other's globals, so what the rules find in one group of them is the same with or without the rest
// of the file. A keystroke then re-analyses only the part it touched (PythonDocument keeps each part's findings by
// its text, and moves them with it). Imports bind the same thing wherever they are: every part gets them all. A `main()` that only
// calls into the rest, one statement after another, is split too (each statement goes with the names it uses), or
// every module with such an entry point would be one part. A file that reaches names by text (`globals()`, `exec`,
// `sys.modules`) is one part.

import type { Node, Tree } from 'web-tree-sitter';
import { buildModule } from './facts/scopes';
import { settle } from './parse/lower';
import type { LineIndex, Syntax } from './parse/syntax';

/** One part of a module: what is analysed together. */
export interface ModulePart {
  /**
   * Identifies the part's statements by their text and columns: two parts with one key find the same things, moved
   * by as many lines as their statements moved (see `lineSpans`).
   */
  readonly key: string;
  /** The first and last line (0-based) of each span: where the statements stand, for moving what was found. */
  readonly lineSpans: ReadonlyArray<readonly [number, number]>;
  /** The offset ranges of the part's own statements (not the imports every part has). */
  readonly ranges: ReadonlyArray<readonly [number, number]>;
  /** The spans of its source that hold its text (its statements, the imports, main's header); the rest is blank. */
  readonly spans: ReadonlyArray<readonly [number, number]>;
  /**
   * The part as a module, in file order. Its statements are the file's: this points their parents at the part, so
   * ask for it again before reading its facts after anything else read the file.
   */
  root(): Syntax;
  /** The source with everything outside the part blanked, line breaks kept: offsets and lines are the file's. */
  source(): string;
}

/** What a statement needs and provides, by name; kept for statements the lowering reuses across edits. */
interface StatementNames {
  /** Every identifier in it, at any depth (attribute names and keywords too: more links, never fewer). */
  readonly uses: ReadonlySet<string>;
  /** The module-level names it binds, `global` declarations in its functions included. */
  readonly binds: readonly string[];
  /** It reaches names by text, or binds them in ways not read here: the module cannot be split. */
  readonly dynamic: boolean;
  /** Its text has a word that can start a thread, define a coroutine or take a lock, in code (not prose). */
  readonly concerned: boolean;
  /** For a plain `def name():` (no parameters, not async): the name, the first thing asked of a `main()`. */
  readonly bareFunction?: string;
}

/** Names through which code reaches other names by text, or module state by the back door. */
const DYNAMIC_NAMES = new Set([
  'globals', 'locals', 'vars', 'eval', 'exec', '__import__', '__main__', '__dict__', 'modules', 'import_module',
  '__builtins__', '__getattr__', 'reload',
]);

/** A call of these in a `main()` can end it early: its later statements then may not run. */
const EXITS = new Set(['exit', '_exit', 'quit', 'abort']);

/** Nodes that make a `main()` more than a straight run of statements. */
const MAIN_BREAKERS = ['return_statement', 'yield', 'await', 'raise_statement', 'global_statement', 'nonlocal_statement'];

/** What a statement that calls `main()` may name besides it: `if __name__ == "__main__": sys.exit(main())`. */
const CALLER_NAMES = new Set(['__name__', 'sys', 'exit', 'SystemExit']);

/** Names that start a thread or process: `Thread(...)`, `Timer(...)`, `t.start()`, `pool.submit(...)`. */
const STARTERS = new Set([
  'Thread', 'Timer', 'Process', 'start_new_thread', 'start_new', 'ThreadPoolExecutor', 'ProcessPoolExecutor', 'Pool',
  'ThreadPool', 'start', 'submit', 'apply_async', 'map_async', 'run_in_executor', 'to_thread',
]);

const IMPORTS = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

const CONCERN_WORDS = /thread|timer|async|acquire|executor|multiprocessing/i;

/** Node types whose text is prose, not code: a word there names nothing. */
const PROSE = new Set(['comment', 'string_content', 'string_start', 'string_end', 'escape_sequence']);

/** After this many words found in prose, the text counts as concerned anyway: the check must stay cheap. */
const MAX_PROSE_WORDS = 200;

/**
 * `mayConcernThreads` for source[start, end), with the tree's word on where each hit lies: one in a comment or a
 * string (a docstring that says "thread-safe") does not count. Of the standard library's 394 files that pass the
 * text check, 90 pass it only so, and are then spared the analysis.
 */
export function concernsThreads(source: string, tree: Tree, start = 0, end = source.length): boolean {
  const words = new RegExp(CONCERN_WORDS.source, 'gi');
  // Only the range is searched: a search of the whole source would run on past it to the next word.
  const text = start === 0 && end === source.length ? source : source.slice(start, end);
  let prose = 0;
  for (let match = words.exec(text); match; match = words.exec(text)) {
    const at = start + match.index;
    const node = tree.rootNode.descendantForIndex(at, at + match[0].length);
    if (!node || !PROSE.has(node.type) || ++prose > MAX_PROSE_WORDS) return true;
  }
  return false;
}

/**
 * A sound pre-check on the raw text: every thread or process start, coroutine and lock acquire needs one of these
 * words (`threading`, `Thread`, `_thread`, `ThreadPoolExecutor`, `Timer`, `async`, `acquire`, `run_in_executor`,
 * `multiprocessing`). Files without any of them cannot produce a finding or a start to show, so they are parsed
 * (for syntax problems) but not analyzed further; the syntax tree decides everything else.
 */
export function mayConcernThreads(source: string): boolean {
  return CONCERN_WORDS.test(source);
}

const namesOfStatement = new WeakMap<Syntax, StatementNames>();

/**
 * The parts of a module, those with nothing to analyse left out; undefined when it cannot be split (the whole module
 * is then one part). `root` is the lowered module, `tree` the syntax tree it was lowered from, `blank` gives the
 * source `blanked`.
 */
export function splitModule(root: Syntax, tree: Tree, source: string, lines: LineIndex, blank = lazily(() => blanked(source))): ModulePart[] | undefined {
  const statements = root.children;
  // Tree nodes are read only for statements not met before (the lowering's reused ones keep their names).
  const nodeAt = (start: number) => {
    const node = tree.rootNode.firstNamedChildForIndex(start);
    return node?.startIndex === start ? node : undefined;
  };
  const all = statements.map((statement) => namesOf(statement, () => nodeAt(statement.start), source, tree, lines));
  if (all.some((each) => each.dynamic) || statements.some((statement) => statement.type === 'match_statement')) return undefined;

  const imports: Syntax[] = [];
  const moduleNames = new Set<string>();
  const binders = new Map<string, number>();
  statements.forEach((statement, i) => {
    if (IMPORTS.has(statement.type)) imports.push(statement);
    else for (const name of all[i].binds) {
      moduleNames.add(name);
      binders.set(name, (binders.get(name) ?? 0) + 1);
    }
  });

  const main = entryPoint(statements, all, nodeAt, binders, source, tree, lines);
  const units: Unit[] = [];
  statements.forEach((statement, i) => {
    if (IMPORTS.has(statement.type) || statement === main?.definition || main?.callers.includes(statement)) return;
    units.push({ syntax: statement, names: all[i], piece: false });
  });
  for (const [piece, pieceNames] of main?.pieces ?? []) units.push({ syntax: piece, names: pieceNames, piece: true });

  // Statements that name one module-level name (or, within main, one of its locals) are one part.
  const parent = units.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const firstUser = new Map<string, number>();
  const firstLocalUser = new Map<string, number>();
  units.forEach((unit, i) => {
    for (const name of unit.names.uses) {
      const local = unit.piece && main!.locals.has(name);
      if (!local && !moduleNames.has(name)) continue;
      const users = local ? firstLocalUser : firstUser;
      const first = users.get(name);
      if (first === undefined) users.set(name, i);
      else parent[find(i)] = find(first);
    }
  });
  // A statement of main that starts a thread itself (a watchdog Timer) can leave it running beside every later one:
  // while it runs, main's joins end no phase of theirs (see Walker.closeWindow), so they go together.
  const starters = new Set(STARTERS);
  for (const statement of imports) {
    const each = namesOfStatement.get(statement)!;
    if ([...each.uses].some((name) => STARTERS.has(name))) for (const name of each.binds) starters.add(name);
  }
  let running: number | undefined;
  units.forEach((unit, i) => {
    if (!unit.piece) return;
    if (running !== undefined) parent[find(i)] = find(running);
    else if ([...unit.names.uses].some((name) => starters.has(name))) running = i;
  });
  const groups = new Map<number, Unit[]>();
  units.forEach((unit, i) => {
    const group = groups.get(find(i));
    if (group) group.push(unit);
    else groups.set(find(i), [unit]);
  });

  // An import whose text can concern threads (`from threading import Thread as T`) makes its users concerned.
  const concernedImportNames = new Set(imports.flatMap((statement) => {
    const each = namesOfStatement.get(statement)!;
    return each.concerned ? each.binds : [];
  }));
  const parts: ModulePart[] = [];
  for (const group of groups.values()) {
    const concerned = group.some((unit) => unit.names.concerned || [...unit.names.uses].some((name) => concernedImportNames.has(name)));
    if (!concerned) continue;
    parts.push(new Part(group, imports, group.some((unit) => unit.piece) ? main : undefined, source, blank, lines));
  }
  return parts;
}

interface Unit {
  readonly syntax: Syntax;
  readonly names: StatementNames;
  /** A statement of the split `main()`. */
  readonly piece: boolean;
}

/** A `main()` split into its statements, and the top-level statements that call it. */
interface EntryPoint {
  readonly definition: Syntax;
  readonly pieces: ReadonlyArray<readonly [Syntax, StatementNames]>;
  readonly locals: ReadonlySet<string>;
  readonly callers: readonly Syntax[];
}

/**
 * The function the module runs as its entry point, when it can be split: a plain `def main():` (no parameters,
 * decorators or `async`) that only runs statements one after another (nothing returns, raises, exits, yields or
 * declares a global), named only by top-level calls that name nothing else but `__name__` and `sys.exit`.
 */
function entryPoint(
  statements: readonly Syntax[], all: readonly StatementNames[], nodeAt: (start: number) => Node | undefined,
  binders: ReadonlyMap<string, number>, source: string, tree: Tree, lines: LineIndex,
): EntryPoint | undefined {
  // The names top-level statements call and nothing else (`main()`, `if __name__ == "__main__": main()`).
  const calledAlone = new Set<string>();
  statements.forEach((statement, i) => {
    if (statement.type !== 'expression_statement' && statement.type !== 'if_statement') return;
    const named = [...all[i].uses].filter((used) => !CALLER_NAMES.has(used));
    if (named.length === 1) calledAlone.add(named[0]);
  });
  if (calledAlone.size === 0) return undefined;
  for (const [i, definition] of statements.entries()) {
    const name = all[i].bareFunction;
    if (name === undefined || !calledAlone.has(name) || binders.get(name) !== 1) continue;
    settle(definition);
    const callers = statements.filter((statement, i) => statement !== definition && all[i].uses.has(name));
    const callsOnly = (statement: Syntax) => (statement.type === 'expression_statement' || statement.type === 'if_statement')
      && [...namesOfStatement.get(statement)!.uses].every((used) => used === name || CALLER_NAMES.has(used));
    if (callers.length === 0 || !callers.every(callsOnly)) continue;
    const body = definition.children.find((child) => child.type === 'block');
    const split = body && splitBody(definition, body, () => nodeAt(definition.start), name, source, tree, lines);
    if (split) return { definition, ...split, callers };
  }
  return undefined;
}

const splitBodies = new WeakMap<Syntax, Pick<EntryPoint, 'pieces' | 'locals'> | null>();

/** A main function's statements and its local names, when it runs its statements one after another. */
function splitBody(
  definition: Syntax, body: Syntax, nodeOf: () => Node | undefined, name: string, source: string, tree: Tree, lines: LineIndex,
): Pick<EntryPoint, 'pieces' | 'locals'> | undefined {
  let split = splitBodies.get(definition);
  if (split !== undefined) return split ?? undefined;
  split = null;
  const node = nodeOf();
  if (node && node.descendantsOfType(MAIN_BREAKERS).length === 0) {
    let bodyNodes: Map<number, Node> | undefined;
    const bodyNodeAt = (start: number) => {
      if (!bodyNodes) {
        bodyNodes = new Map();
        for (const child of node.childForFieldName('body')?.namedChildren ?? []) if (child) bodyNodes.set(child.startIndex, child);
      }
      return bodyNodes.get(start);
    };
    const pieces = body.children
      .filter((piece, i) => !(i === 0 && isDocstring(piece)))
      .map((piece) => [piece, namesOfPiece(piece, () => bodyNodeAt(piece.start), source, tree, lines)] as const);
    if (pieces.length >= 2 && !pieces.some(([, names]) => names.dynamic || names.uses.has(name) || [...names.uses].some((used) => EXITS.has(used)))) {
      // What a statement would bind at module level, it binds in main: main's locals.
      split = { pieces, locals: new Set(pieces.flatMap(([, names]) => names.binds)) };
    }
  }
  splitBodies.set(definition, split);
  return split ?? undefined;
}

/**
 * Main's statements are lowered again whenever main is edited: their names are kept by their text (short, and
 * names depend on nothing else), so that typing in main reads the tree for one statement, not all of them.
 */
const namesOfPieceText = new Map<string, StatementNames>();
const MAX_PIECES_KEPT = 20_000;

function namesOfPiece(piece: Syntax, nodeOf: () => Node | undefined, source: string, tree: Tree, lines: LineIndex): StatementNames {
  const text = source.slice(piece.start, piece.end);
  let names = namesOfPieceText.get(text);
  if (!names) {
    if (namesOfPieceText.size >= MAX_PIECES_KEPT) namesOfPieceText.clear();
    names = namesOf(piece, nodeOf, source, tree, lines);
    namesOfPieceText.set(text, names);
  }
  return names;
}

function isDocstring(statement: Syntax): boolean {
  return statement.type === 'expression_statement' && statement.children.length === 1 && statement.children[0].type === 'string';
}

/** A statement's names, from its syntax tree node (identifiers at any depth) and its lowered form (what it binds). */
function namesOf(statement: Syntax, nodeOf: () => Node | undefined, source: string, tree: Tree, lines: LineIndex): StatementNames {
  let names = namesOfStatement.get(statement);
  if (names) return names;
  settle(statement);
  const node = nodeOf();
  const uses = new Set<string>();
  const binds: string[] = [];
  let dynamic = !node;
  if (node) {
    let wildcard = false;
    for (const found of node.descendantsOfType(['identifier', 'global_statement', 'wildcard_import'])) {
      if (found?.type === 'identifier') uses.add(source.slice(found.startIndex, found.endIndex));
      else if (found?.type === 'wildcard_import') wildcard = true;
      // `global counter` in a function binds a module-level name wherever the function is.
      else for (const name of found?.namedChildren ?? []) if (name?.type === 'identifier') binds.push(source.slice(name.startIndex, name.endIndex));
    }
    dynamic = [...uses].some((name) => DYNAMIC_NAMES.has(name)) || (wildcard && !IMPORTS.has(statement.type));
  }
  const module = buildModule({ type: 'module', start: statement.start, end: statement.end, children: [statement], parent: undefined }, source, lines);
  binds.push(...module.scope.bindings.keys());
  const [nameNode, params] = statement.children;
  const bare = statement.type === 'function_definition' && !source.startsWith('async', statement.start) && nameNode?.type === 'identifier'
    && params?.type === 'parameters' && params.children.length === 0;
  names = {
    uses, binds, dynamic, concerned: concernsThreads(source, tree, statement.start, statement.end),
    ...(bare ? { bareFunction: source.slice(nameNode.start, nameNode.end) } : {}),
  };
  namesOfStatement.set(statement, names);
  return names;
}

class Part implements ModulePart {
  readonly key: string;
  readonly lineSpans: ReadonlyArray<readonly [number, number]>;
  readonly ranges: ReadonlyArray<readonly [number, number]>;
  readonly spans: Array<readonly [number, number]>;
  /** The part's top-level statements, in file order; the split main's copy stands where main stood. */
  private readonly statements: Syntax[];

  constructor(
    units: readonly Unit[], imports: readonly Syntax[], private readonly main: EntryPoint | undefined,
    private readonly text: string, private readonly blank: () => string, lines: LineIndex,
  ) {
    const own = units.filter((unit) => !unit.piece).map((unit) => unit.syntax);
    const top = [...imports, ...own, ...(main ? [main.definition, ...main.callers] : [])].sort((a, b) => a.start - b.start);
    this.statements = top;
    const pieces = units.filter((unit) => unit.piece).map((unit) => unit.syntax).sort((a, b) => a.start - b.start);
    this.pieces = pieces;
    const kept: Array<readonly [number, number]> = [];
    // What each span holds, for the key: a statement by its text's number, main's header by its text.
    const held: string[] = [];
    for (const statement of top) {
      if (statement !== main?.definition) {
        kept.push([statement.start, statement.end]);
        held.push(`#${textNumber(statement, text)}`);
        continue;
      }
      // Of main, its header (`def main():`) and this part's statements.
      const body = statement.children.find((child) => child.type === 'block')!;
      kept.push([statement.start, body.start]);
      held.push(text.slice(statement.start, body.start));
      for (const piece of pieces) {
        kept.push([piece.start, piece.end]);
        held.push(`#${textNumber(piece, text)}`);
      }
    }
    this.spans = kept;
    this.ranges = [...own, ...pieces].map((statement) => [statement.start, statement.end] as const);
    const positions = kept.map(([start, end]) => [lines.position(start), lines.lineAt(end)] as const);
    this.lineSpans = positions.map(([start, endLine]) => [start.line, endLine] as const);
    this.key = held.map((what, i) => `${positions[i][0].column}:${what}`).join('\u0000');
  }

  private readonly pieces: readonly Syntax[];

  root(): Syntax {
    // Statements moved by an edit are read whole only now (see settle).
    for (const statement of this.statements) settle(statement);
    if (!this.built) {
      this.built = { type: 'module', start: 0, end: this.text.length, children: [], parent: undefined };
      for (const statement of this.statements) {
        if (statement === this.main?.definition) this.mainBlock = this.mainCopy(statement);
        this.built.children.push(statement === this.main?.definition ? this.mainBlock!.parent! : statement);
      }
    }
    // The statements are the file's, and other parts (and the whole file) hang them on theirs too.
    for (const child of this.built.children) child.parent = this.built;
    for (const piece of this.pieces) piece.parent = this.mainBlock;
    return this.built;
  }

  private built: Syntax | undefined;
  /** The body of this part's copy of main: this part's statements of main. */
  private mainBlock: Syntax | undefined;

  source(): string {
    const chunks: string[] = [];
    let at = 0;
    const blank = this.blank();
    for (const [start, end] of this.spans) {
      chunks.push(blank.slice(at, start), this.text.slice(start, end));
      at = end;
    }
    chunks.push(blank.slice(at));
    return chunks.join('');
  }

  /** `def main():` with only this part's statements in its body: that body. */
  private mainCopy(definition: Syntax): Syntax {
    const copy: Syntax = { type: definition.type, start: definition.start, end: definition.end, children: [], parent: undefined };
    let block: Syntax | undefined;
    for (const child of definition.children) {
      // The name and the empty parameter list are leaves.
      const each: Syntax = { type: child.type, start: child.start, end: child.end, children: child.type === 'block' ? [...this.pieces] : child.children, parent: copy };
      if (child.type === 'block') block = each;
      copy.children.push(each);
    }
    return block!;
  }
}

/**
 * A number for a statement's text: equal texts, equal numbers. The lowering keeps a statement's object while its
 * text stays the same, so the text is read (and hashed) only for statements it lowered anew.
 */
function textNumber(statement: Syntax, source: string): number {
  let number = numberOfStatement.get(statement);
  if (number === undefined) {
    const text = source.slice(statement.start, statement.end);
    number = numberOfText.get(text);
    if (number === undefined) {
      if (numberOfText.size >= MAX_TEXTS_NUMBERED) numberOfText.clear();
      number = nextTextNumber++;
      numberOfText.set(text, number);
    }
    numberOfStatement.set(statement, number);
  }
  return number;
}

const numberOfStatement = new WeakMap<Syntax, number>();
const numberOfText = new Map<string, number>();
/** Texts numbered before are forgotten past this many (their statements are then numbered anew: no harm). */
const MAX_TEXTS_NUMBERED = 5_000;
let nextTextNumber = 1;

/** The text with every character but line breaks made a space. */
export function blanked(text: string): string {
  const spaces: string[] = [];
  const lines = text.split('\n');
  return lines.map((line) => (spaces[line.length] ??= ' '.repeat(line.length))).join('\n');
}

function lazily<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

