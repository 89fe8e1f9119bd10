// The model's front door: source text in, diagnostics and thread facts out.
// `createAnalyzer` loads the parser once (asynchronously); `analyze` is then synchronous, never throws on any input,
// and returns partial results with problems listed when the source is broken. `PythonDocument` keeps the previous
// tree and lowered statements of one file so that re-analysis after an edit only redoes what changed.

import type { Edit } from 'web-tree-sitter';
import { Cancelled, type CancelCheck } from './cancel';
import { type Facts, type FactTimes, extractFacts } from './facts';
import { DEFAULT_LIMITS, WORKLOAD_LIMITS } from './facts/execution';
import { type ChangedText, type LoweringCache, UNCHANGED, lowerModule, withEdit } from './parse/lower';
import { type ParserWasm, type PythonParser, loadPythonParser, syntaxProblems } from './parse/parser';
import { ModuleTree, type SegmentOptions } from './parse/segments';
import { type Comment, LineIndex, type Syntax } from './parse/syntax';
import { type ModulePart, ModuleSplitter, blanked, concernsThreads } from './parts';
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
   * The facts behind the diagnostics, one set per part of the module analysed on its own (see parts.ts; most files
   * are one part); absent when analysis was skipped. After `Analyzer.analyze` the syntax tree is freed, so function
   * bodies the analysis did not read cannot be read (that throws): to read facts further, as hovers and fixes do,
   * analyze a document kept open (`Analyzer.open`).
   */
  readonly parts?: readonly AnalysedPart[];
  /** Milliseconds the stages took, summed over the parts analysed (not those whose findings were kept), for the bench. */
  readonly times?: AnalysisTimes;
  /** Set when the analysis stopped because its `CancelCheck` said so: the rest says nothing then. */
  readonly cancelled?: true;
}

/** A prediction and why it may be missing or partial; `cancelled` as in `AnalysisResult`. */
export interface PredictionResult {
  readonly prediction?: Prediction;
  readonly problems: string[];
  readonly cancelled?: true;
}

/** Milliseconds per stage: lowering the tree, splitting the module into parts, the facts' stages, the rules. */
export interface AnalysisTimes extends FactTimes {
  readonly lower: number;
  readonly split: number;
  readonly rules: number;
}

/** What a part's analysis leaves for the next version of the file: enough to answer without its facts. */
interface JudgedPart {
  readonly findings: readonly Diagnostic[];
  readonly starts: number;
  readonly threadStarts: number;
  readonly truncated: boolean;
}

/** One part of the module (see parts.ts) and what its analysis found. */
export class AnalysedPart {
  constructor(
    /** Where its statements are (a `ModulePart`, whose ranges are read only when asked for). */
    private readonly place: { readonly ranges: ReadonlyArray<readonly [number, number]> },
    private readonly judged: JudgedPart,
    private made: Facts | undefined,
    private readonly extract: () => Facts,
    /** Points the part's statements at it again (see ModulePart.root), before its facts are read. */
    private readonly point: () => void = () => {},
  ) {
    this.reused = made === undefined;
  }

  /** Whether its findings were kept from the file's previous versions (it was not analysed this time). */
  readonly reused: boolean;

  /** The offset ranges of the part's statements. */
  get ranges(): ReadonlyArray<readonly [number, number]> {
    return this.place.ranges;
  }

  /** Its findings, `# noqa` not applied. */
  get diagnostics(): readonly Diagnostic[] {
    return this.judged.findings;
  }

  /** Thread, process and task starts found in it. */
  get starts(): number {
    return this.judged.starts;
  }

  /** Thread and process starts found in it (tasks left out). */
  get threadStarts(): number {
    return this.judged.threadStarts;
  }

  get truncated(): boolean {
    return this.judged.truncated;
  }

  /** Its facts. A part whose findings were kept from the file's previous version is analysed on first read. */
  get facts(): Facts {
    this.point();
    return (this.made ??= this.extract());
  }

  covers(offset: number): boolean {
    return this.ranges.some(([start, end]) => start <= offset && offset <= end);
  }
}

/** The facts of the part of the module that holds `offset`: what a hover or a fix there reads. */
export function factsAt(result: AnalysisResult, offset: number): Facts | undefined {
  return result.parts?.find((part) => part.covers(offset))?.facts;
}

/** The facts of the part a diagnostic (or a fix's target) stands in: what its quick fixes read. */
export function factsAtDiagnostic(result: AnalysisResult, diagnostic: Place, lines: LineIndex): Facts | undefined {
  return factsAt(result, startOf(diagnostic, lines));
}

/** Where a diagnostic starts: 1-based line and column. */
type Place = Pick<Diagnostic, 'line' | 'column'>;

/** The offset a diagnostic starts at. */
function startOf(diagnostic: Place, lines: LineIndex): number {
  return lines.lineStart(diagnostic.line - 1) + diagnostic.column - 1;
}

/** The facts of every part that starts something (threads, processes or tasks). */
export function factsWithStarts(result: AnalysisResult): Facts[] {
  return (result.parts ?? []).filter((part) => part.starts > 0).map((part) => part.facts);
}

function addTimes(sum: { -readonly [K in keyof FactTimes]: FactTimes[K] } & { rules: number }, times: FactTimes, rules: number): void {
  sum.scopes += times.scopes;
  for (const stage of Object.keys(times.walk) as Array<keyof FactTimes['walk']>) sum.walk[stage] += times.walk[stage];
  sum.lockFlow += times.lockFlow;
  sum.writers += times.writers;
  sum.rules += rules;
}

/** How many analyses a part's findings are kept for after the last one that had the part. */
const KEPT_VERSIONS = 8;

/** More parts than this (and than a quarter of them) to analyse again: the module is read whole instead. */
const MANY_PARTS = 8;

export class Analyzer {
  constructor(readonly parser: PythonParser) {}

  /** Analyzes a whole file. */
  analyze(source: string, options: AnalyzeOptions = {}): AnalysisResult {
    // Read once: no parts to keep findings of for a next version.
    const document = new PythonDocument(this.parser, source, false);
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
    const document = new PythonDocument(this.parser, text, false);
    try {
      return document.predict(options);
    } finally {
      document.dispose();
    }
  }

  /** A document to analyze repeatedly as it is edited (`options`: how a large one is kept in segments). */
  open(source: string, options: SegmentOptions = {}): PythonDocument {
    return new PythonDocument(this.parser, source, true, options);
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
  private tree: ModuleTree | undefined;
  private lowering: LoweringCache | undefined;
  /** Where the text changed since it was last lowered (`unknown`: replaced with no edit said). */
  private changed: ChangedText | 'unknown' | undefined;
  /** Each part's findings by the part's key (see parts.ts), from recent versions of the file, and their options. */
  private readonly judged = new Map<string, { readonly part: JudgedPart; readonly lines: LineSpans; used: number }>();
  private judgedOptions: string | undefined;
  /** The text `blanked`, kept up to date by edits: parts' sources are made from it. */
  private blank: string | undefined;
  private readonly splitter = new ModuleSplitter();
  /** Analyses run so far: `judged` entries say which one used them last. */
  private analyses = 0;

  private text: string;

  /**
   * `edited`: whether the document will be edited, so that each part's findings are worth keeping for the next
   * version, and a long one is kept in segments (see parse/segments.ts) from the start.
   */
  constructor(private readonly parser: PythonParser, text: string, private readonly edited = true, private readonly segmentOptions: SegmentOptions = {}) {
    this.text = normalizeLineEnds(text);
  }

  get source(): string {
    return this.text;
  }

  /** How many segments the module's syntax tree is read in now (see parse/segments.ts): 1 when it is read whole. */
  get segmentCount(): number {
    return this.tree?.segments.length ?? 1;
  }

  /** Applies one edit: `edit` in tree-sitter's terms (UTF-16 offsets, 0-based rows and columns), `text` the result. */
  update(text: string, edit?: Edit): void {
    if (!edit) this.dropTree();
    this.changed = edit && this.changed !== 'unknown' ? withEdit(this.changed, edit) : 'unknown';
    const previous = this.text;
    this.text = normalizeLineEnds(text);
    // The blanked text takes the same edit: read whole only once (building it costs more than a parse of the edit).
    this.blank = edit && this.blank !== undefined && previous.length - (edit.oldEndIndex - edit.startIndex) + (edit.newEndIndex - edit.startIndex) === this.text.length
      ? this.blank.slice(0, edit.startIndex) + blanked(this.text.slice(edit.startIndex, edit.newEndIndex)) + this.blank.slice(edit.oldEndIndex)
      : undefined;
    if (this.tree && edit) this.tree.update(this.text, edit);
  }

  /**
   * `cancelled` is asked now and then: when it says so, the analysis stops and says it was cancelled. The first
   * analysis reads the module whole; after an edit, only the parts of the module (see parts.ts) whose text changed
   * are analysed again, each on its own.
   */
  analyze(options: AnalyzeOptions = {}, cancelled?: CancelCheck): AnalysisResult {
    return this.analyzeAs(options, cancelled, false);
  }

  /** Analyses every part of the module on its own, as edits do: `analyze` reads the module whole the first time. */
  analyzeEachPart(options: AnalyzeOptions = {}): AnalysisResult {
    return this.analyzeAs(options, undefined, true);
  }

  private analyzeAs(options: AnalyzeOptions, cancelled: CancelCheck | undefined, eachPart: boolean): AnalysisResult {
    const source = this.text;
    const problems: string[] = [];
    if (source.includes('\u0000')) {
      return { diagnostics: [], problems: ['the file contains NUL bytes: it is not Python source'] };
    }
    try {
      this.tree ??= this.parse(source);
      // Most files need no line numbers: built only for syntax problems and files analyzed further.
      let lines: LineIndex | undefined;
      if (this.tree.hasError) {
        lines = new LineIndex(source);
        for (const problem of syntaxProblems(this.tree, lines)) {
          problems.push(`syntax error at ${problem.line + 1}:${problem.column + 1}${problem.message === 'unexpected text' ? '' : `: ${problem.message}`}`);
        }
      }
      // Nothing here can start a thread, define a coroutine or take a lock: no rule can fire.
      if (!concernsThreads(source, this.tree)) return { diagnostics: [], problems };
      const index = lines ?? new LineIndex(source);
      const began = performance.now();
      const lowered = lowerModule(this.tree, source, this.lowering, this.changed ?? UNCHANGED);
      this.lowering = lowered.cache;
      this.changed = undefined;
      const splitting = performance.now();
      const parts = this.edited || eachPart ? this.splitter.split(lowered.root, this.tree, source, index, () => (this.blank ??= blanked(source))) : undefined;
      const split = performance.now();
      const limits = cancelled ? { ...DEFAULT_LIMITS, cancelled } : DEFAULT_LIMITS;
      const optionsKey = JSON.stringify(options);
      if (this.judgedOptions !== optionsKey) {
        this.judged.clear();
        this.judgedOptions = optionsKey;
      }
      const version = ++this.analyses;
      const times = { scopes: 0, walk: { spawnerSearch: 0, main: 0, spawners: 0, coroutines: 0, threads: 0 }, lockFlow: 0, writers: 0, rules: 0 };
      const judgeFacts = (facts: Facts): JudgedPart => {
        const rulesBegan = performance.now();
        const starts = facts.starts;
        const judged = { findings: judge(facts, index, options), starts: starts.length, threadStarts: starts.filter((start) => !start.isTask).length, truncated: facts.truncated };
        addTimes(times, facts.times, performance.now() - rulesBegan);
        return judged;
      };
      let analysed: AnalysedPart[];
      const unjudged = parts?.filter((part) => !this.judged.has(part.key)).length ?? 0;
      if (!parts || (!eachPart && (this.judged.size === 0 || unjudged > Math.max(MANY_PARTS, parts.length / 4)))) {
        // A first analysis reads the module whole (one walk costs less than one per part), and leaves each part's
        // share of what it found for the next version of the file; so does an edit that changes many parts at once
        // (an import: every part has the imports).
        lowered.settle();
        const facts = extractFacts(lowered.root, source, limits, index);
        const whole = judgeFacts(facts);
        analysed = [new AnalysedPart({ ranges: [[0, source.length]] }, whole, facts, () => facts)];
        for (const [i, share] of (parts && shares(parts, facts, whole, index))?.entries() ?? []) {
          this.judged.set(parts![i].key, { part: share, lines: parts![i].lineSpans, used: version });
        }
      } else {
        // A part judged before with the same options, its text and columns the same, has the same findings, moved
        // with its lines.
        analysed = parts.map((part) => {
          const kept = this.judged.get(part.key);
          let result = kept && moved(kept.part, kept.lines, part.lineSpans);
          let facts: Facts | undefined;
          if (!result) {
            facts = extractFacts(part.root(), part.source(), limits, index, part.spans);
            result = judgeFacts(facts);
          }
          this.judged.set(part.key, { part: result, lines: part.lineSpans, used: version });
          // Read later (a hover), the facts of a kept part are made then, with no cancel check left to stop them.
          return new AnalysedPart(part, result, facts, () => extractFacts(part.root(), part.source(), DEFAULT_LIMITS, index, part.spans), () => part.root());
        });
      }
      // A stray character often breaks a statement for a version or two (merging parts): what the versions before
      // it found is kept a little longer than that.
      for (const [key, entry] of this.judged) if (entry.used <= version - KEPT_VERSIONS) this.judged.delete(key);
      if (analysed.some((part) => part.truncated)) problems.push('the analysis stopped early (the file is too large or too deeply nested): results are partial');
      const diagnostics = suppress(analysed.flatMap((part) => part.diagnostics), lowered.comments(), index);
      return { diagnostics, problems, parts: analysed, times: { lower: splitting - began, split: split - splitting, ...times } };
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
      this.tree ??= this.parse(source);
      const lines = new LineIndex(source);
      if (this.tree.hasError) {
        for (const problem of syntaxProblems(this.tree, lines)) problems.push(`syntax error at ${problem.line + 1}:${problem.column + 1}`);
      }
      const lowered = lowerModule(this.tree, source, this.lowering, this.changed ?? UNCHANGED);
      this.lowering = lowered.cache;
      this.changed = undefined;
      lowered.settle();
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

  private parse(source: string): ModuleTree {
    const tree = new ModuleTree(this.parser, source, this.segmentOptions);
    // Split now, when the file is read, rather than at its first keystroke (only a file being edited).
    if (this.edited) tree.splitWhole();
    return tree;
  }

  private dropTree(): void {
    this.tree?.delete();
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
 * What a whole-module analysis found, shared out to the parts: each finding and start to the part it stands in.
 * Undefined when that is not what the parts would find on their own: a walk cut short, or something that stands
 * in no part.
 */
function shares(parts: readonly ModulePart[], facts: Facts, whole: JudgedPart, lines: LineIndex): JudgedPart[] | undefined {
  if (whole.truncated) return undefined;
  const partAt = (offset: number) => parts.findIndex((part) => part.ranges.some(([start, end]) => start <= offset && offset < end));
  const findings = parts.map((): Diagnostic[] => []);
  for (const finding of whole.findings) {
    const index = partAt(startOf(finding, lines));
    if (index < 0) return undefined;
    findings[index].push(finding);
  }
  const starts = parts.map(() => ({ all: 0, threads: 0 }));
  for (const start of facts.starts) {
    const index = partAt(start.call.start);
    if (index < 0) return undefined;
    starts[index].all++;
    if (!start.isTask) starts[index].threads++;
  }
  return parts.map((_, i) => ({ findings: findings[i], starts: starts[i].all, threadStarts: starts[i].threads, truncated: false }));
}

type LineSpans = ModulePart['lineSpans'];

/**
 * A part's findings, moved with its statements: each line they name (where a finding stands, its related places, a
 * line its message names) by as many lines as the statement holding that line moved. Undefined when some line is in
 * none of them.
 */
function moved(judged: JudgedPart, before: LineSpans, after: LineSpans): JudgedPart | undefined {
  if (before.every(([first], i) => first === after[i][0])) return judged;
  let lost = false;
  // Lines here are 1-based, spans' 0-based.
  const move = (line: number) => {
    const span = before.findIndex(([first, last]) => first <= line - 1 && line - 1 <= last);
    if (span < 0) lost = true;
    return span < 0 ? line : line + after[span][0] - before[span][0];
  };
  const inMessage = (message: string) => message.replace(/\bline (\d+)\b/g, (_, line: string) => `line ${move(Number(line))}`);
  const findings = judged.findings.map((finding) => ({
    ...finding,
    line: move(finding.line), endLine: move(finding.endLine), message: inMessage(finding.message),
    related: finding.related.map((related) => ({ ...related, line: move(related.line), endLine: move(related.endLine), message: inMessage(related.message) })),
    ...(typeof finding.data?.line === 'number' ? { data: { ...finding.data, line: move(finding.data.line) } } : {}),
  }));
  return lost ? undefined : { ...judged, findings };
}

/** The findings of one part, placed in the file, before `# noqa` comments are applied. */
function judge(facts: Facts, lines: LineIndex, options: AnalyzeOptions): Diagnostic[] {
  const enabled = options.rules?.map((r) => r.toLowerCase());
  const diagnostics: Diagnostic[] = [];
  for (const rule of RULES) {
    const { code, name } = rule.doc;
    if (enabled && !enabled.includes(code.toLowerCase()) && !enabled.includes(name)) continue;
    const severity = options.severities?.[code] ?? rule.doc.defaultSeverity;
    for (const finding of rule.check(facts)) diagnostics.push(place(finding, name, severity, lines));
  }
  return diagnostics;
}

/**
 * The parts' findings as the file's: those a `# noqa` suppresses left out, in order. Applied after the parts are
 * judged, since a comment at the end of a line lies outside the statement, and so outside the text a part is kept by.
 */
function suppress(found: readonly Diagnostic[], comments: readonly Comment[], lines: LineIndex): Diagnostic[] {
  const suppressions = noqaByLine(comments, lines);
  const diagnostics = found.filter((diagnostic) => !isSuppressed(suppressions, diagnostic));
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
export { mayConcernThreads } from './parts';
export type { Finding, RuleCode, RuleDoc, Severity } from './rules/types';
export type { ParserWasm } from './parse/parser';
export type { CancelCheck } from './cancel';
export type { Facts } from './facts';
export type { PredictOptions, Prediction, PredictedThread } from './predict';
