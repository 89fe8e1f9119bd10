// Splits a module into parts that can be analysed each on its own. Python code reaches other code and shared state
// only through names: statements that share no module-level name cannot call each other, start each other's threads
// or touch each other's globals, so what the rules find in one group of them is the same with or without the rest
// of the file. A keystroke then re-analyses only the part it touched (PythonDocument keeps each part's findings by
// its text, and moves them with it). Imports bind the same thing wherever they are: every part gets them all. A
// `main()` that only calls into the rest, one statement after another, is split too (each statement goes with the
// names it uses), or every module with such an entry point would be one part. Two things the module does as it runs
// link statements with no name shared, as the engine reads them: a thread started and left running (what runs after
// it goes with it), and a `raise` at the top (it goes with the top-level `acquire`s). A file that reaches names by
// text (`globals()`, `exec`, `sys.modules`) is one part.

import type { ModuleTree } from './parse/segments';
import { type ModuleInfo, type Scope, buildModule, resolveName } from './facts/scopes';
import { settle } from './parse/lower';
import { type LineIndex, type Syntax, childOfType } from './parse/syntax';

/** One part of a module: what is analysed together. */
export interface ModulePart {
  /**
   * Identifies the part's statements by their text and columns: two parts with one key find the same things, moved
   * by as many lines as their statements moved (see `lineSpans`).
   */
  readonly key: string;
  /**
   * The first and last line (0-based) of each span, the imports' first: where the statements stand, for moving what
   * was found (two parts with one key list them in one order).
   */
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
  /** Every identifier in it, at any depth (attribute names and keywords too). */
  readonly words: ReadonlySet<string>;
  /** Its words outside function and lambda bodies: what it names when the module runs it. */
  readonly topWords: ReadonlySet<string>;
  /**
   * The names in it that can be module-level ones: its words but those that name a local of a function, class or
   * comprehension in it (a loop variable `i` in two functions links nothing).
   */
  readonly uses: ReadonlySet<string>;
  /** The module-level names it binds, `global` declarations in its functions included. */
  readonly binds: readonly string[];
  /** It reaches names by text, or binds them in ways not read here: the module cannot be split. */
  readonly dynamic: boolean;
  /** Its text has a word that can start a thread, define a coroutine or take a lock, in code (not prose). */
  readonly concerned: boolean;
  /** For a plain `def name():` (no parameters, not async): the name, the first thing asked of a `main()`. */
  readonly bareFunction?: string;
  /** Nothing in it returns, raises, yields, awaits or declares a global or nonlocal: as a `main()`, it can be split. */
  readonly straight: boolean;
  /** Run by the module, it can end the run early: a `raise` or `return` (error recovery makes those) or an exit call outside function bodies. */
  readonly exits: boolean;
}

/** Names through which code reaches other names by text, or module state by the back door. */
const DYNAMIC_NAMES = new Set([
  'globals', 'locals', 'vars', 'eval', 'exec', '__import__', '__main__', '__dict__', 'modules', 'import_module',
  '__builtins__', '__getattr__', 'reload',
]);

/** A call of these in a `main()` can end it early: its later statements then may not run. */
const EXITS = new Set(['exit', '_exit', 'quit', 'abort']);

/** Nodes that make a `main()` more than a straight run of statements. */
const MAIN_BREAKERS = new Set(['return_statement', 'yield', 'await', 'raise_statement', 'global_statement', 'nonlocal_statement']);

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
export function concernsThreads(source: string, tree: ModuleTree, start = 0, end = source.length): boolean {
  const words = new RegExp(CONCERN_WORDS.source, 'gi');
  // Only the range is searched: a search of the whole source would run on past it to the next word.
  const text = start === 0 && end === source.length ? source : source.slice(start, end);
  let prose = 0;
  for (let match = words.exec(text); match; match = words.exec(text)) {
    const at = start + match.index;
    const node = tree.descendantForIndex(at, at + match[0].length);
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
 * Splits the versions of one module as it is edited. A keystroke changes one statement, and rarely the names it
 * uses or binds: then its statements go together as they did in the last version, and are not grouped again.
 */
export class ModuleSplitter {
  private last: Grouping | undefined;

  /**
   * The parts of a module, those with nothing to analyse left out; undefined when it cannot be split (the whole
   * module is then one part). `root` is the lowered module, `tree` the syntax tree it was lowered from, `blank`
   * gives the source `blanked`.
   */
  split(root: Syntax, tree: ModuleTree, source: string, lines: LineIndex, blank = lazily(() => blanked(source))): ModulePart[] | undefined {
    const statements = root.children;
    // Names are read only for statements not met before (the lowering's reused ones keep theirs).
    const all = statements.map((statement) => namesOf(statement, source, tree, lines));
    if (all.some((each) => each.dynamic) || statements.some((statement) => statement.type === 'match_statement')) {
      this.last = undefined;
      return undefined;
    }
    const grouping = (this.last && regroup(this.last, statements, all, source, tree, lines)) ?? group(statements, all, source, tree, lines);
    this.last = grouping;
    const notes = new SpanNotes(source, lines);
    const imports = new ImportSpans(grouping.importIndexes.map((i) => statements[i]), notes);
    // A part whose statements are the last version's, on the same lines, keeps its description (most parts, after a
    // keystroke, even when it changed how statements go together): found by its first statement, then checked whole.
    const importsStand = !!this.imports && imports.key === this.imports.key && sameSpans(imports.lineSpans, this.imports.lineSpans);
    const before = new Map(importsStand ? this.parts?.map((part) => [part.first, part.described]) : []);
    this.imports = imports;
    // Main's definition and its callers, in file order: where a part with statements of main has them.
    const mainStatements = grouping.main && mergeByStart([grouping.main.definition], grouping.main.callers);
    const header = grouping.main && notes.header(grouping.main.definition);
    this.parts = grouping.groups.map((places) => {
      const own = places.filter((place) => !place.piece).map((place) => statements[place.index]);
      const pieces = places.filter((place) => place.piece).map((place) => grouping.main!.pieces[place.index][0]);
      const main = pieces.length > 0 ? grouping.main : undefined;
      const top = main ? mergeByStart(own, mainStatements!) : own;
      const kept = before.get(firstOf(own, pieces));
      const described = kept && stands(kept, top, pieces, main, header, lines) ? kept : describe(top, pieces, main, imports, notes);
      return new Part(own, top, pieces, imports, main, source, blank, described);
    });
    return this.parts;
  }

  private parts: Part[] | undefined;
  private imports: ImportSpans | undefined;
}

/** How a module's statements go together, kept to group its next version by. */
interface Grouping {
  readonly statements: readonly Syntax[];
  readonly all: readonly StatementNames[];
  readonly importIndexes: readonly number[];
  readonly main: EntryPoint | undefined;
  readonly mainIndex: number;
  readonly callerIndexes: readonly number[];
  /** The groups with something to analyse, each in file order: its statements, then its statements of main. */
  readonly groups: ReadonlyArray<readonly UnitPlace[]>;
  readonly context: GroupingContext;
}

/** What grouping read of the module besides each statement's own names (see `sameLinks`). */
interface GroupingContext {
  readonly moduleNames: ReadonlySet<string>;
  /** The names top-level statements call and nothing else: main's, and any other that could have been. */
  readonly calledAlone: ReadonlySet<string>;
  /** Main's locals; empty without a split main. */
  readonly locals: ReadonlySet<string>;
  readonly starters: ReadonlySet<string>;
  readonly concernedImportNames: ReadonlySet<string>;
}

/** Where a unit stands: a top-level statement's index, or (`piece`) the index of a statement of main's body. */
interface UnitPlace {
  readonly piece: boolean;
  readonly index: number;
}

/**
 * The last grouping, when the statements link as its statements did: each is the same statement, or one that
 * `sameLinks` (main's too, statement by statement); else undefined.
 */
function regroup(
  last: Grouping, statements: readonly Syntax[], all: readonly StatementNames[], source: string, tree: ModuleTree, lines: LineIndex,
): Grouping | undefined {
  if (statements.length !== last.statements.length) return undefined;
  for (let i = 0; i < statements.length; i++) {
    const [statement, before] = [statements[i], last.statements[i]];
    if (statement === before) continue;
    // What an import binds, and what a top-level call names, is read whole (see entryPoint).
    const whole = IMPORTS.has(statement.type) || statement.type === 'expression_statement' || statement.type === 'if_statement';
    if (statement.type !== before.type || !sameLinks(all[i], last.all[i], last.context, whole)) return undefined;
  }
  let main = last.main;
  if (main) {
    const definition = statements[last.mainIndex];
    // Its statements are read where they now stand.
    settle(definition);
    let { pieces, locals } = main;
    if (definition !== main.definition) {
      const body = definition.children.find((child) => child.type === 'block');
      const split = body && splitBody(definition, body, all[last.mainIndex].bareFunction!, source, tree, lines);
      if (!split || split.pieces.length !== pieces.length || split.pieces.some(([, names], k) => !sameLinks(names, pieces[k][1], last.context, false))) return undefined;
      ({ pieces, locals } = split);
    }
    main = { definition, pieces, locals, callers: last.callerIndexes.map((i) => statements[i]) };
  }
  return { ...last, statements, all, main };
}

/**
 * Whether two statements' names link them alike, in the module `context` was read from: the same flags and binds,
 * the same uses of module-level names (and main's locals), the same words grouping looks for (calls of main,
 * thread starters, names of imports that concern threads, exits); with `whole`, the same words and uses.
 */
function sameLinks(a: StatementNames, b: StatementNames, context: GroupingContext, whole: boolean): boolean {
  if (a === b) return true;
  if (a.dynamic !== b.dynamic || a.concerned !== b.concerned || a.straight !== b.straight || a.exits !== b.exits || a.bareFunction !== b.bareFunction) return false;
  if (a.binds.length !== b.binds.length || a.binds.some((name, i) => name !== b.binds[i])) return false;
  if (whole) return sameSet(a.words, b.words) && sameSet(a.topWords, b.topWords) && sameSet(a.uses, b.uses);
  const linking = (name: string) => context.moduleNames.has(name) || context.locals.has(name);
  const looked = (name: string) => context.calledAlone.has(name) || context.starters.has(name) || context.concernedImportNames.has(name)
    || EXITS.has(name) || name === 'acquire';
  return sameWithin(a.uses, b.uses, linking) && sameWithin(a.words, b.words, looked) && sameWithin(a.topWords, b.topWords, looked);
}

/** Whether the names of `a` and `b` that are `wanted` are the same. */
function sameWithin(a: ReadonlySet<string>, b: ReadonlySet<string>, wanted: (name: string) => boolean): boolean {
  return !someOf(a, (name) => wanted(name) && !b.has(name)) && !someOf(b, (name) => wanted(name) && !a.has(name));
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && !someOf(a, (name) => !b.has(name));
}

/** Groups a module's statements: those that name one module-level name (or, within main, one of its locals) go together. */
function group(statements: readonly Syntax[], all: readonly StatementNames[], source: string, tree: ModuleTree, lines: LineIndex): Grouping {
  const importIndexes: number[] = [];
  const moduleNames = new Set<string>();
  const binders = new Map<string, number>();
  statements.forEach((statement, i) => {
    if (IMPORTS.has(statement.type)) importIndexes.push(i);
    else for (const name of all[i].binds) {
      moduleNames.add(name);
      binders.set(name, (binders.get(name) ?? 0) + 1);
    }
  });

  const calledAlone = callees(statements, all);
  const main = entryPoint(statements, all, calledAlone, binders, source, tree, lines);
  const units: Array<UnitPlace & { readonly names: StatementNames }> = [];
  statements.forEach((statement, i) => {
    if (IMPORTS.has(statement.type) || statement === main?.definition || main?.callers.includes(statement)) return;
    units.push({ piece: false, index: i, names: all[i] });
  });
  main?.pieces.forEach(([, names], i) => units.push({ piece: true, index: i, names }));

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
  // A statement the module runs that starts a thread itself (a watchdog Timer, a worker at the top of a script) can
  // leave it running beside every one it runs later: while it runs, the main thread's writes are concurrent and its
  // joins end no phase (see Walker.closeWindow), so they go together. The module runs its statements in order (a
  // `def` runs nothing), main's where main is called; in main, its statements' words are read whole.
  const starters = new Set(STARTERS);
  for (const i of importIndexes) {
    if (someOf(all[i].words, (name) => STARTERS.has(name))) for (const name of all[i].binds) starters.add(name);
  }
  // The units in the order the module runs them (main's statements come last among the units, in order).
  const firstPiece = units.length - (main?.pieces.length ?? 0);
  const unitOfStatement = new Map(units.slice(0, firstPiece).map((unit, i) => [unit.index, i]));
  const runs: number[] = [];
  statements.forEach((statement, i) => {
    if (main && statement === main.callers[0]) main.pieces.forEach((_, k) => runs.push(firstPiece + k));
    const unit = unitOfStatement.get(i);
    if (unit !== undefined && statement.type !== 'function_definition') runs.push(unit);
  });
  let running: number | undefined;
  for (const i of runs) {
    const unit = units[i];
    if (running !== undefined) parent[find(i)] = find(running);
    else if (someOf(unit.piece ? unit.names.words : unit.names.topWords, (name) => starters.has(name))) running = i;
  }
  // A statement that can end the run early (`raise` at the top of a script, or a `return` the parser lifted there)
  // is a path out of every lock the module acquires as it runs (see unreleasedLock), with the statements that do.
  const top = runs.filter((i) => !units[i].piece);
  const exiting = top.filter((i) => units[i].names.exits);
  const acquiring = top.filter((i) => units[i].names.topWords.has('acquire'));
  if (exiting.length > 0) for (const i of [...exiting, ...acquiring]) parent[find(i)] = find(exiting[0]);
  const groups = new Map<number, Array<(typeof units)[number]>>();
  units.forEach((unit, i) => {
    const members = groups.get(find(i));
    if (members) members.push(unit);
    else groups.set(find(i), [unit]);
  });

  // An import whose text can concern threads (`from threading import Thread as T`) makes its users concerned.
  const concernedImportNames = new Set(importIndexes.flatMap((i) => (all[i].concerned ? all[i].binds : [])));
  const concerned = [...groups.values()].filter((members) => members.some((unit) => unit.names.concerned
    || someOf(unit.names.words, (name) => concernedImportNames.has(name))));
  return {
    statements, all, importIndexes, main,
    mainIndex: main ? statements.indexOf(main.definition) : -1,
    callerIndexes: main ? main.callers.map((caller) => statements.indexOf(caller)) : [],
    groups: concerned.map((members) => members.map(({ piece, index }) => ({ piece, index }))),
    context: { moduleNames, calledAlone, locals: main?.locals ?? new Set(), starters, concernedImportNames },
  };
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
  statements: readonly Syntax[], all: readonly StatementNames[], calledAlone: ReadonlySet<string>, binders: ReadonlyMap<string, number>,
  source: string, tree: ModuleTree, lines: LineIndex,
): EntryPoint | undefined {
  if (calledAlone.size === 0) return undefined;
  for (const [i, definition] of statements.entries()) {
    const name = all[i].bareFunction;
    if (name === undefined || !calledAlone.has(name) || binders.get(name) !== 1) continue;
    settle(definition);
    const callers = statements.filter((statement, i) => statement !== definition && all[i].words.has(name));
    const callsOnly = (statement: Syntax) => (statement.type === 'expression_statement' || statement.type === 'if_statement')
      && !someOf(namesOfStatement.get(statement)!.words, (used) => used !== name && !CALLER_NAMES.has(used));
    if (callers.length === 0 || !callers.every(callsOnly)) continue;
    const body = definition.children.find((child) => child.type === 'block');
    const split = body && all[i].straight && splitBody(definition, body, name, source, tree, lines);
    if (split) return { definition, ...split, callers };
  }
  return undefined;
}

/** The names top-level statements call and nothing else (`main()`, `if __name__ == "__main__": main()`). */
function callees(statements: readonly Syntax[], all: readonly StatementNames[]): Set<string> {
  const calledAlone = new Set<string>();
  statements.forEach((statement, i) => {
    if (statement.type !== 'expression_statement' && statement.type !== 'if_statement') return;
    let named: string | undefined;
    let count = 0;
    for (const used of all[i].words) {
      if (CALLER_NAMES.has(used)) continue;
      named = used;
      if (++count > 1) break;
    }
    if (count === 1) calledAlone.add(named!);
  });
  return calledAlone;
}

const splitBodies = new WeakMap<Syntax, Pick<EntryPoint, 'pieces' | 'locals'> | null>();

/** A main function's statements and its local names, when it runs its statements one after another. */
function splitBody(
  definition: Syntax, body: Syntax, name: string, source: string, tree: ModuleTree, lines: LineIndex,
): Pick<EntryPoint, 'pieces' | 'locals'> | undefined {
  let split = splitBodies.get(definition);
  if (split !== undefined) return split ?? undefined;
  split = null;
  const pieces = body.children
    .filter((piece, i) => !(i === 0 && isDocstring(piece)))
    // Typed in, main is a new statement, but its other statements are the last version's (see lower.ts): their names are kept.
    .map((piece) => [piece, namesOf(piece, source, tree, lines)] as const);
  if (pieces.length >= 2 && !pieces.some(([, names]) => names.dynamic || names.words.has(name) || someOf(names.words, (used) => EXITS.has(used)))) {
    // What a statement would bind at module level, it binds in main: main's locals.
    split = { pieces, locals: new Set(pieces.flatMap(([, names]) => names.binds)) };
  }
  splitBodies.set(definition, split);
  return split ?? undefined;
}

function isDocstring(statement: Syntax): boolean {
  return statement.type === 'expression_statement' && statement.children.length === 1 && statement.children[0].type === 'string';
}

/** A statement's names, from its lowered form: what it names, binds, and which of its names are module-level. */
function namesOf(statement: Syntax, source: string, tree: ModuleTree, lines: LineIndex): StatementNames {
  let names = namesOfStatement.get(statement);
  if (names) return names;
  settle(statement);
  const module = buildModule({ type: 'module', start: statement.start, end: statement.end, children: [statement], parent: undefined }, source, lines);
  const found = namesIn(statement, module, source, tree);
  const binds = [...found.globals, ...module.scope.bindings.keys()];
  const dynamic = found.unread || someOf(found.words, (name) => DYNAMIC_NAMES.has(name)) || (found.wildcard && !IMPORTS.has(statement.type));
  const [nameNode, params] = statement.children;
  const bare = statement.type === 'function_definition' && !source.startsWith('async', statement.start) && nameNode?.type === 'identifier'
    && params?.type === 'parameters' && params.children.length === 0;
  names = {
    words: found.words, topWords: found.topWords, uses: found.uses, binds, dynamic, straight: !found.breaks,
    exits: found.exits || someOf(found.topWords, (name) => EXITS.has(name)), concerned: concernsThreads(source, tree, statement.start, statement.end),
    ...(bare ? { bareFunction: source.slice(nameNode.start, nameNode.end) } : {}),
  };
  namesOfStatement.set(statement, names);
  return names;
}

/**
 * The names in a lowered statement (`module` is the statement alone, its scopes built): every identifier at any
 * depth (`words`) and outside function bodies (`topWords`), those that may name module-level things (`uses`: all but
 * the locals of a function, lambda, class body or comprehension in it, by Python's scoping), the names its functions
 * declare `global`, whether it imports `*`, whether it `breaks` a straight run (MAIN_BREAKERS) and whether it
 * `exits` outside function bodies. Attribute names and keywords are not variables: they are words and uses alike.
 * Annotations are leaves of the lowered form: their identifiers are read from the tree, as uses.
 */
function namesIn(statement: Syntax, module: ModuleInfo, source: string, tree: ModuleTree) {
  const words = new Set<string>();
  const topWords = new Set<string>();
  const uses = new Set<string>();
  const globals: string[] = [];
  let wildcard = false;
  let breaks = false;
  let exits = false;
  /** An annotation whose node was not found: its names are not known. */
  let unread = false;
  // Nodes inside a scope's node that are evaluated in the enclosing scope: names, defaults, bases, first iterables.
  const outside = new Map<Syntax, readonly [Scope, boolean]>();
  // Each node with its scope, whether it can be a variable, and whether it runs at the top (outside function bodies).
  const pending: Array<[Syntax, Scope, boolean, boolean]> = [[statement, module.scope, true, true]];
  while (pending.length > 0) {
    const [node, inherited, variable, inheritedTop] = pending.pop()!;
    const [scope, top] = outside.get(node) ?? [inherited, inheritedTop];
    if (node.type === 'identifier') {
      const name = source.slice(node.start, node.end);
      words.add(name);
      if (top) topWords.add(name);
      const binding = variable ? resolveName(scope, name, module.scope) : undefined;
      if (!binding || binding.scope.kind === 'module') uses.add(name);
      continue;
    }
    if (node.type === 'type') {
      const names = annotationNames(node, tree, source);
      if (!names) unread = true;
      for (const name of names ?? []) {
        words.add(name);
        uses.add(name);
        if (top) topWords.add(name);
      }
      continue;
    }
    if (node.type === 'wildcard_import') wildcard = true;
    if (MAIN_BREAKERS.has(node.type)) breaks = true;
    if (top && (node.type === 'raise_statement' || node.type === 'return_statement')) exits = true;
    // `global counter` in a function binds a module-level name wherever the function is.
    if (node.type === 'global_statement') for (const name of node.children) if (name.type === 'identifier') globals.push(source.slice(name.start, name.end));
    let inner = scope;
    const fn = module.functionByNode.get(node);
    const cls = fn ? undefined : module.classByNode.get(node);
    if (fn) {
      void fn.body; // reading the body finds its bindings (and its nested functions' nodes)
      inner = fn.scope;
      const name = childOfType(node, 'identifier');
      if (name && !fn.isLambda) outside.set(name, [scope, top]);
      for (const param of fn.params) if (param.defaultValue) outside.set(param.defaultValue, [scope, top]);
    } else if (cls) {
      inner = cls.scope;
      for (const child of node.children) if (child.type !== 'block') outside.set(child, [scope, top]);
    } else if (node.type.endsWith('comprehension') || node.type === 'generator_expression') {
      inner = module.scopeByNode.get(node) ?? scope;
      const first = node.children.find((child) => child.type === 'for_in_clause');
      for (const iterable of first?.children.slice(1) ?? []) outside.set(iterable, [scope, top]);
    }
    const notVariable = node.type === 'attribute' ? node.children[1] : node.type === 'keyword_argument' ? node.children[0] : undefined;
    for (const child of node.children) pending.push([child, inner, child !== notVariable, top && !fn]);
  }
  return { words, topWords, uses, globals, wildcard, unread, breaks, exits };
}

/** The identifiers in an annotation (a leaf of the lowered form), from the tree; undefined if its node is not there. */
function annotationNames(leaf: Syntax, tree: ModuleTree, source: string): string[] | undefined {
  let node = tree.descendantForIndex(leaf.start, leaf.end);
  while (node && node.type !== 'type' && node.parent?.startIndex === leaf.start && node.parent.endIndex === leaf.end) node = node.parent;
  if (node?.type !== 'type' || node.startIndex !== leaf.start || node.endIndex !== leaf.end) return undefined;
  return node.descendantsOfType('identifier').flatMap((found) => (found ? [source.slice(found.startIndex, found.endIndex)] : []));
}

/** A part's first statement: its first top-level one, else its first of main. */
function firstOf(own: readonly Syntax[], pieces: readonly Syntax[]): Syntax {
  return own[0] ?? pieces[0];
}

/** What tells whether a part changed, and where its lines are (see ModulePart): read once while its statements stand. */
interface Description {
  readonly key: string;
  readonly lineSpans: ReadonlyArray<readonly [number, number]>;
  /** Its spans' notes, in file order: its statements' (main's header for main), each piece's after main's header. */
  readonly held: readonly SpanNote[];
}

/** A part's `top` statements (in file order, main's definition among them when it has `pieces`), noted. */
function describe(top: readonly Syntax[], pieces: readonly Syntax[], main: EntryPoint | undefined, imports: ImportSpans, notes: SpanNotes): Description {
  const held: SpanNote[] = [];
  eachSpan(top, pieces, main, (statement, isHeader) => {
    held.push(isHeader ? notes.header(statement) : notes.statement(statement));
  });
  // The imports' spans come first (described once for every part), then the part's own, each with how many
  // imports stand before it: the key still tells their order.
  return {
    held,
    lineSpans: [...imports.lineSpans, ...held.map((note) => note.lines)],
    key: `${imports.key}\u0001${held.map((note) => `${imports.before(note.span[0])}:${note.key}`).join('\u0000')}`,
  };
}

/**
 * Whether a part described before is described the same now: the same statements (main's header the same text),
 * each on the lines and at the column it was (only their offsets moved). The imports are checked by the caller.
 */
function stands(
  described: Description, top: readonly Syntax[], pieces: readonly Syntax[], main: EntryPoint | undefined, header: SpanNote | undefined, lines: LineIndex,
): boolean {
  const { held } = described;
  let k = 0;
  const same = eachSpan(top, pieces, main, (statement, isHeader) => {
    const note = held[k++];
    if (!note || (isHeader ? note.key !== header!.key : note.statement !== statement)) return false;
    const [start, end] = isHeader ? header!.span : [statement.start, statement.end];
    if (note.lines[1] !== lines.lineAt(end)) return false;
    const line = lines.lineAt(start);
    return note.lines[0] === line && note.column === start - lines.lineStart(line);
  });
  return same && k === held.length;
}

/**
 * Visits a part's spans in file order: its `top` statements, and for main's definition (when the part has `pieces`)
 * its header (`def main():`) then the part's statements of main. `visit` returning false stops it (it returns false).
 */
function eachSpan(
  top: readonly Syntax[], pieces: readonly Syntax[], main: EntryPoint | undefined, visit: (statement: Syntax, isHeader: boolean) => boolean | void,
): boolean {
  for (const statement of top) {
    if (statement !== main?.definition) {
      if (visit(statement, false) === false) return false;
      continue;
    }
    if (visit(statement, true) === false) return false;
    for (const piece of pieces) if (visit(piece, false) === false) return false;
  }
  return true;
}

class Part implements ModulePart {
  readonly key: string;
  readonly lineSpans: ReadonlyArray<readonly [number, number]>;

  /**
   * `own`: the part's top-level statements; `top`: those with main's definition and callers when it has `pieces`
   * (main's statements), in file order. A keystroke makes every part anew but analyses one or two: its description
   * is kept from the last version while its statements stand, the rest is built when asked for, from where its
   * statements stand now.
   */
  constructor(
    private readonly own: readonly Syntax[], private readonly top: readonly Syntax[], private readonly pieces: readonly Syntax[],
    private readonly imports: ImportSpans, private readonly main: EntryPoint | undefined, private readonly text: string,
    private readonly blank: () => string, readonly described: Description,
  ) {
    this.key = described.key;
    this.lineSpans = described.lineSpans;
  }

  /** How the next version finds its description. */
  get first(): Syntax {
    return firstOf(this.own, this.pieces);
  }

  get spans(): ReadonlyArray<readonly [number, number]> {
    if (!this.madeSpans) {
      const spans: Array<readonly [number, number]> = [];
      eachSpan(this.top, this.pieces, this.main, (statement, isHeader) => {
        spans.push([statement.start, isHeader ? statement.children.find((child) => child.type === 'block')!.start : statement.end]);
      });
      this.madeSpans = mergeByStart(this.imports.spans, spans);
    }
    return this.madeSpans;
  }

  get ranges(): ReadonlyArray<readonly [number, number]> {
    return (this.madeRanges ??= [...this.own, ...this.pieces].map((statement) => [statement.start, statement.end] as const));
  }

  private madeSpans: ReadonlyArray<readonly [number, number]> | undefined;
  private madeRanges: ReadonlyArray<readonly [number, number]> | undefined;

  /** The part's top-level statements, in file order; the split main's copy stands where main stood. */
  private get statements(): readonly Syntax[] {
    return (this.allStatements ??= mergeByStart(this.imports.statements, this.top));
  }

  private allStatements: readonly Syntax[] | undefined;

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

/** Where a span of a part stands and what it holds, for the part's key. */
interface SpanNote {
  readonly span: readonly [number, number];
  /** Its first and last line (0-based). */
  readonly lines: readonly [number, number];
  /** Its column and its text (a statement's by its number): what the key holds for it. */
  readonly key: string;
  /** Its first line's column. */
  readonly column: number;
  /** The statement it notes (none for main's header). */
  readonly statement?: Syntax;
}

/** Spans described once per split: a statement stands in one part, but main's header and the imports in many. */
class SpanNotes {
  private readonly notes = new Map<Syntax, SpanNote>();

  constructor(private readonly text: string, private readonly lines: LineIndex) {}

  statement(statement: Syntax): SpanNote {
    let note = this.notes.get(statement);
    if (!note) {
      note = this.note(statement.start, statement.end, `#${textNumber(statement, this.text)}`, statement);
      this.notes.set(statement, note);
    }
    return note;
  }

  /** `def main():`, up to its body. */
  header(definition: Syntax): SpanNote {
    const body = definition.children.find((child) => child.type === 'block')!;
    let note = this.notes.get(body);
    if (!note) {
      note = this.note(definition.start, body.start, this.text.slice(definition.start, body.start));
      this.notes.set(body, note);
    }
    return note;
  }

  private note(start: number, end: number, what: string, statement?: Syntax): SpanNote {
    const { line, column } = this.lines.position(start);
    return { span: [start, end], lines: [line, this.lines.lineAt(end)], key: `${column}:${what}`, column, statement };
  }
}

/** The imports every part has, described once. */
class ImportSpans {
  readonly spans: ReadonlyArray<readonly [number, number]>;
  readonly lineSpans: ReadonlyArray<readonly [number, number]>;
  readonly key: string;

  constructor(readonly statements: readonly Syntax[], notes: SpanNotes) {
    const held = statements.map((statement) => notes.statement(statement));
    this.spans = held.map((note) => note.span);
    this.lineSpans = held.map((note) => note.lines);
    this.key = held.map((note) => note.key).join('\u0000');
  }

  /** How many imports start before `offset`. */
  before(offset: number): number {
    let low = 0;
    let high = this.statements.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.statements[middle].start < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

function sameSpans(a: ReadonlyArray<readonly [number, number]>, b: ReadonlyArray<readonly [number, number]>): boolean {
  return a.length === b.length && a.every(([first, last], i) => first === b[i][0] && last === b[i][1]);
}

/** Two lists of statements or spans, each in file order, as one in file order. */
function mergeByStart<T extends Syntax | readonly [number, number]>(a: readonly T[], b: readonly T[]): T[] {
  const start = (each: T) => ('start' in each ? each.start : each[0]);
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) merged.push(j >= b.length || (i < a.length && start(a[i]) < start(b[j])) ? a[i++] : b[j++]);
  return merged;
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

function someOf(names: ReadonlySet<string>, wanted: (name: string) => boolean): boolean {
  for (const name of names) if (wanted(name)) return true;
  return false;
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

