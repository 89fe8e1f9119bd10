// The model's front door: source text in, diagnostics and thread facts out.
// `createAnalyzer` loads the parser once (asynchronously); `analyze` is then synchronous, never throws on any input,
// and returns partial results with problems listed when the source is broken. `PythonDocument` keeps the previous
// tree and lowered statements of one file so that re-analysis after an edit only redoes what changed.

import type { Edit, Tree } from 'web-tree-sitter';
import { Cancelled, type CancelCheck } from './cancel';
import { type Facts, extractFacts } from './facts';
import { DEFAULT_LIMITS, WORKLOAD_LIMITS } from './facts/execution';
import { type LoweringCache, deleteTree, lowerModule } from './parse/lower';
import { type ParserWasm, type PythonParser, loadPythonParser, syntaxProblems } from './parse/parser';
import { type Comment, LineIndex, type Syntax } from './parse/syntax';
import { type PredictOptions, type Prediction, predict } from './predict';
import { RULES } from './rules';
import type { Finding, RuleCode, Severity } from './rules/types';

export interface AnalyzeOptions {
  /** Rules to run, by code or name; all when absent. */
  readonly rules?: readonly string[];
  /** Severity per rule code, overriding each rule's default. */
  readonly severities?: Readonly<Partial<Record<RuleCode, Severity>>>;
}

export interface RelatedLocation {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** A finding placed in the file. Lines and columns are 1-based; columns count UTF-16 code units. */
export interface Diagnostic {
  readonly code: RuleCode;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly related: readonly RelatedLocation[];
  readonly data?: Readonly<Record<string, string | number | boolean>>;
}

export interface AnalysisResult {
  readonly diagnostics: Diagnostic[];
  /** Syntax errors and other reasons the results may be partial, in words. */
  readonly problems: string[];
  /**
   * The facts behind the diagnostics, for the workload and the views; absent when analysis was skipped. After
   * `Analyzer.analyze` the syntax tree is freed, so function bodies the analysis did not read cannot be read (that
   * throws): to read facts further, as hovers and fixes do, analyze a document kept open (`Analyzer.open`).
   */
  readonly facts?: Facts;
  /** Milliseconds the stages took (lowering the tree and judging; the facts' own are in `facts.times`), for the bench. */
  readonly times?: { readonly lower: number; readonly rules: number };
  /** Set when the analysis stopped because its `CancelCheck` said so: the rest says nothing then. */
  readonly cancelled?: true;
}

/** A prediction and why it may be missing or partial; `cancelled` as in `AnalysisResult`. */
export interface PredictionResult {
  readonly prediction?: Prediction;
  readonly problems: string[];
  readonly cancelled?: true;
}

export class Analyzer {
  constructor(readonly parser: PythonParser) {}

  /** Analyzes a whole file. */
  analyze(source: string, options: AnalyzeOptions = {}): AnalysisResult {
    const document = new PythonDocument(this.parser, source);
    try {
      return document.analyze(options);
    } finally {
      document.dispose();
    }
  }

  /**
   * Predicts what the GIL does to the program: the workload of each thread and the simulated scenarios. Unlike
   * `analyze` it always builds the facts, since even a program without threads has a sequential run time.
   */
  predict(text: string, options: PredictOptions = {}): PredictionResult {
    const document = new PythonDocument(this.parser, text);
    try {
      return document.predict(options);
    } finally {
      document.dispose();
    }
  }

  /** A document to analyze repeatedly as it is edited. */
  open(source: string): PythonDocument {
    return new PythonDocument(this.parser, source);
  }
}

export async function createAnalyzer(wasm: ParserWasm): Promise<Analyzer> {
  return new Analyzer(await loadPythonParser(wasm));
}

/**
 * One file being edited. `update` applies an edit (tree-sitter's incremental re-parse) and `analyze` re-lowers only
 * top-level statements whose text changed.
 */
export class PythonDocument {
  private tree: Tree | undefined;
  private lowering: LoweringCache | undefined;

  private text: string;

  constructor(private readonly parser: PythonParser, text: string) {
    this.text = normalizeLineEnds(text);
  }

  get source(): string {
    return this.text;
  }

  /** Applies one edit: `edit` in tree-sitter's terms (UTF-16 offsets, 0-based rows and columns), `text` the result. */
  update(text: string, edit?: Edit): void {
    if (this.tree && edit) this.tree.edit(edit);
    else this.dropTree();
    this.text = normalizeLineEnds(text);
    if (this.tree) {
      const next = this.parser.parse(text, this.tree);
      deleteTree(this.tree);
      this.tree = next;
    }
  }

  /** `cancelled` is asked now and then: when it says so, the analysis stops and says it was cancelled. */
  analyze(options: AnalyzeOptions = {}, cancelled?: CancelCheck): AnalysisResult {
    const source = this.text;
    const problems: string[] = [];
    if (source.includes('\u0000')) {
      return { diagnostics: [], problems: ['the file contains NUL bytes: it is not Python source'] };
    }
    try {
      this.tree ??= this.parser.parse(source);
      // Most files need no line numbers: built only for syntax problems and files analyzed further.
      let lines: LineIndex | undefined;
      if (this.tree.rootNode.hasError) {
        lines = new LineIndex(source);
        for (const problem of syntaxProblems(this.tree, lines)) {
          problems.push(`syntax error at ${problem.line + 1}:${problem.column + 1}${problem.message === 'unexpected text' ? '' : `: ${problem.message}`}`);
        }
      }
      // Nothing here can start a thread, define a coroutine or take a lock: no rule can fire.
      if (!concernsThreads(source, this.tree)) return { diagnostics: [], problems };
      lines ??= new LineIndex(source);
      const began = performance.now();
      const lowered = lowerModule(this.tree, source, this.lowering);
      this.lowering = lowered.cache;
      const lower = performance.now() - began;
      const facts = extractFacts(lowered.root, source, cancelled ? { ...DEFAULT_LIMITS, cancelled } : DEFAULT_LIMITS, lines);
      if (facts.truncated) problems.push('the analysis stopped early (the file is too large or too deeply nested): results are partial');
      const judging = performance.now();
      const diagnostics = judge(facts, lowered.comments(), lines, options);
      return { diagnostics, problems, facts, times: { lower, rules: performance.now() - judging } };
    } catch (error) {
      if (error instanceof Cancelled) return { diagnostics: [], problems: [], cancelled: true };
      // A bug of ours must not become the user's problem: say so and carry on with no findings.
      problems.push(`internal error: ${error instanceof Error ? error.message : String(error)}`);
      return { diagnostics: [], problems };
    }
  }

  /**
   * Predicts what the GIL does to the program (see `Analyzer.predict`), from the document's current tree and lowered
   * statements: after an edit, only the touched statement is parsed and lowered again. `cancelled` as in `analyze`.
   */
  predict(options: PredictOptions = {}, cancelled?: CancelCheck): PredictionResult {
    const source = this.text;
    const problems: string[] = [];
    if (source.includes('\u0000')) return { problems: ['the file contains NUL bytes: it is not Python source'] };
    try {
      this.tree ??= this.parser.parse(source);
      const lines = new LineIndex(source);
      if (this.tree.rootNode.hasError) {
        for (const problem of syntaxProblems(this.tree, lines)) problems.push(`syntax error at ${problem.line + 1}:${problem.column + 1}`);
      }
      const lowered = lowerModule(this.tree, source, this.lowering);
      this.lowering = lowered.cache;
      const facts = extractFacts(lowered.root, source, cancelled ? { ...WORKLOAD_LIMITS, cancelled } : WORKLOAD_LIMITS, lines);
      return { prediction: predict(facts, options, cancelled), problems };
    } catch (error) {
      if (error instanceof Cancelled) return { problems: [], cancelled: true };
      problems.push(`internal error: ${error instanceof Error ? error.message : String(error)}`);
      return { problems };
    }
  }

  dispose(): void {
    this.dropTree();
  }

  private dropTree(): void {
    if (this.tree) deleteTree(this.tree);
    this.tree = undefined;
    this.lowering = undefined;
  }
}

/**
 * Old Mac line ends (a lone CR) become LF: Python reads them as line breaks and tree-sitter does not. The length
 * stays the same, so every offset still points at the same character.
 */
function normalizeLineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
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

const CONCERN_WORDS = /thread|timer|async|acquire|executor|multiprocessing/i;

/** Node types whose text is prose, not code: a word there names nothing. */
const PROSE = new Set(['comment', 'string_content', 'string_start', 'string_end', 'escape_sequence']);

/** After this many words found in prose, the file is analyzed anyway: the check must stay cheap. */
const MAX_PROSE_WORDS = 200;

/**
 * `mayConcernThreads`, with the tree's word on where each hit lies: one in a comment or a string (a docstring that
 * says "thread-safe") does not count. Of the standard library's 394 files that pass the text check, 90 pass it only
 * so, and are then spared the analysis.
 */
function concernsThreads(source: string, tree: Tree): boolean {
  const words = new RegExp(CONCERN_WORDS.source, 'gi');
  let prose = 0;
  for (let match = words.exec(source); match; match = words.exec(source)) {
    const node = tree.rootNode.descendantForIndex(match.index, match.index + match[0].length);
    if (!node || !PROSE.has(node.type) || ++prose > MAX_PROSE_WORDS) return true;
  }
  return false;
}

function judge(facts: Facts, comments: readonly Comment[], lines: LineIndex, options: AnalyzeOptions): Diagnostic[] {
  const enabled = options.rules?.map((r) => r.toLowerCase());
  const suppressions = noqaByLine(comments, lines);
  const diagnostics: Diagnostic[] = [];
  for (const rule of RULES) {
    const { code, name } = rule.doc;
    if (enabled && !enabled.includes(code.toLowerCase()) && !enabled.includes(name)) continue;
    const severity = options.severities?.[code] ?? rule.doc.defaultSeverity;
    for (const finding of rule.check(facts)) {
      const diagnostic = place(finding, name, severity, lines);
      if (isSuppressed(suppressions, diagnostic)) continue;
      diagnostics.push(diagnostic);
    }
  }
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
  return diagnostics;
}

function place(finding: Finding, rule: string, severity: Severity, lines: LineIndex): Diagnostic {
  const start = lines.position(finding.start);
  const end = lines.position(finding.end);
  return {
    code: finding.code, rule, severity, message: finding.message,
    line: start.line + 1, column: start.column + 1, endLine: end.line + 1, endColumn: end.column + 1,
    related: finding.related.map((related) => locate(related.message, related.node, lines)),
    data: finding.data,
  };
}

function locate(message: string, node: Syntax, lines: LineIndex): RelatedLocation {
  const start = lines.position(node.start);
  const end = lines.position(node.end);
  return { message, line: start.line + 1, column: start.column + 1, endLine: end.line + 1, endColumn: end.column + 1 };
}

/** `# noqa` (all codes) or `# noqa: GIL002, GIL003` comments, by 1-based line. */
function noqaByLine(comments: readonly Comment[], lines: LineIndex): Map<number, Set<string> | 'all'> {
  const byLine = new Map<number, Set<string> | 'all'>();
  for (const comment of comments) {
    const match = /#\s*noqa\b(?::\s*([A-Za-z0-9_,\s-]+))?/i.exec(comment.text);
    if (!match) continue;
    const line = lines.lineAt(comment.start) + 1;
    if (!match[1]) {
      byLine.set(line, 'all');
      continue;
    }
    const codes = new Set(match[1].split(/[\s,]+/).filter(Boolean).map((c) => c.toUpperCase()));
    const previous = byLine.get(line);
    if (previous !== 'all') byLine.set(line, previous ? new Set([...previous, ...codes]) : codes);
  }
  return byLine;
}

/** Suppressed by a noqa on the finding's first or last line. */
function isSuppressed(suppressions: Map<number, Set<string> | 'all'>, diagnostic: Diagnostic): boolean {
  for (const line of new Set([diagnostic.line, diagnostic.endLine])) {
    const rule = suppressions.get(line);
    if (rule === 'all' || rule?.has(diagnostic.code)) return true;
  }
  return false;
}

export { RULES } from './rules';
export type { Finding, RuleCode, RuleDoc, Severity } from './rules/types';
export type { ParserWasm } from './parse/parser';
export type { CancelCheck } from './cancel';
export type { Facts } from './facts';
export type { PredictOptions, Prediction, PredictedThread } from './predict';
