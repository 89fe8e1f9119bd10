// GIL Lens benchmark, in one process: raw tree-sitter parse against full analysis on the installed CPython standard
// library, re-analysis latency after one-character edits in a generated 10,000-line threaded module, then the GIL
// model: the simulator on 64 CPU-bound threads, and predict on each example; then the editor: activation work, the
// Visualize GIL panel's first render in Chromium, and (with code-server installed) the latency a user feels after a
// one-character edit of that module in a real VS Code (e2e/latency.mjs, in its own processes); then what Measure's
// tracer costs the programs it runs.
// Every figure is quoted against a reference measured in the same run, so a busy machine skews both sides alike.
// Usage: `npm run bench [-- [--only stdlib|edits|model|editor|measure] report.json]` prints the report and, given a path,
// writes the same figures as JSON.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Edit } from 'web-tree-sitter';
import { type AnalysisResult, type Analyzer, createAnalyzer } from '../src/model';
import { readParserWasm } from '../src/node/wasm';
import { benchActivation, benchEditorLatency, benchPanelRender } from './editor';
import { benchTracer } from './measure';
import { benchPredict, benchSimulation } from './model';
import { seededRandom } from './random';
import { type SourceFile, type Stdlib, countLines, findStdlib, readStdlibSources } from './stdlib';
import { buildThreadedProgram } from './threadedProgram';

const ROUNDS = 3;
/** Warm-up sees every WARMUP_STRIDE-th file once, so the measured passes run JIT-compiled code. */
const WARMUP_STRIDE = 8;
const ANALYSIS_TARGET_RATIO = 0.8;
const PROGRAM_LINES = 10_000;
const EDITS = 200;
const WARMUP_EDITS = 20;
/** A from-scratch reference analysis (and a result comparison) runs after every REFERENCE_STRIDE-th edit. */
const REFERENCE_STRIDE = 5;
const EDIT_P95_TARGET_MS = 30;

async function main(): Promise<void> {
  // `--only stdlib|edits|model|editor|measure` runs one part (for a quick look; quote only full runs).
  const args = process.argv.slice(2);
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1] : undefined;
  const runs = (part: string) => !only || only === part;
  const jsonPath = args[0];
  const analyzer = await createAnalyzer(readParserWasm());
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  print(`GIL Lens bench — node ${process.version}, ${cpus().length} × ${cpu}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  print(`Model: ${modelVersion()}`);

  const throughput = runs('stdlib') ? benchStdlib(analyzer) : undefined;
  const edits = runs('edits') ? benchEdits(analyzer) : undefined;
  const simulation = runs('model') ? benchSimulation(print) : undefined;
  const predict = runs('model') ? benchPredict(analyzer, join(__dirname, '..', 'examples'), print) : undefined;
  const activation = runs('editor') ? await benchActivation(print) : undefined;
  const panel = runs('editor') ? await benchPanelRender(print) : undefined;
  const editorLatency = runs('editor') ? benchEditorLatency(print, PROGRAM_LINES) : undefined;
  const tracer = runs('measure') ? benchTracer(print) : undefined;
  if (jsonPath) {
    const json = { node: process.version, cpus: cpus().length, model: modelVersion(), throughput, edits, simulation, predict, activation, panel, editorLatency, tracer };
    writeFileSync(jsonPath, `${JSON.stringify(json, null, 2)}\n`);
    print(`\nJSON written to ${jsonPath}`);
  }
}

/** The commit measured, and whether src/model had uncommitted changes: the model changes under active development. */
function modelVersion(): string {
  try {
    const root = join(__dirname, '..');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--', 'src/model') !== '';
    return `commit ${git('rev-parse', '--short', 'HEAD')}${dirty ? ' plus uncommitted changes in src/model' : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 1 and 2: parse and analysis throughput on the standard library

interface Pass {
  readonly totalMs: number;
  /** Per file, in the order of the file list. */
  readonly fileMs: Float64Array;
}

function benchStdlib(analyzer: Analyzer): object | undefined {
  print('\n== Throughput on the CPython standard library ==');
  const stdlib = findStdlib();
  if (!stdlib) {
    print('No Python interpreter with a standard library was found (python3.13, pyenv 3.13*, python3): skipped.');
    return undefined;
  }
  const sources = readStdlibSources(stdlib.directory);
  const { files, lines } = sources;
  print(`Python ${stdlib.version} (${stdlib.python}), ${stdlib.directory}, site-packages excluded`);
  print(`${files.length} files, ${thousands(lines)} lines, ${(sources.bytes / 1e6).toFixed(1)} MB decoded as UTF-8; `
    + `${sources.undecodable.length} skipped as not UTF-8${sources.undecodable.length ? ` (${sources.undecodable.map(shortPath(stdlib)).join(', ')})` : ''}`);
  if (files.length === 0) return undefined;

  const { parses, analyses } = measureRounds(analyzer, files);
  const outcomes = analyses[0].outcomes;
  const worked = outcomes.map((outcome) => outcome.worked);
  const workedLines = sum(files.map((file, i) => (worked[i] ? file.lines : 0)));
  const parseMs = median(parses.map((pass) => pass.totalMs));
  const analysisMs = median(analyses.map((pass) => pass.totalMs));
  const parseWorkedMs = median(parses.map((pass) => subsetMs(pass, worked)));
  const analysisWorkedMs = median(analyses.map((pass) => subsetMs(pass, worked)));
  const ratio = parseMs / analysisMs;
  const workedRatio = parseWorkedMs / analysisWorkedMs;
  const health = resultHealth(outcomes);

  print(`Medians of ${ROUNDS} alternating rounds after a warm-up on 1/${WARMUP_STRIDE} of the files:`);
  print(`  raw parse (parser.parse + delete)   ${ms(parseMs).padStart(9)}  ${rate(lines, parseMs)}   [rounds: ${parses.map((p) => ms(p.totalMs)).join(', ')}]`);
  print(`  full analysis (analyzer.analyze)    ${ms(analysisMs).padStart(9)}  ${rate(lines, analysisMs)}   [rounds: ${analyses.map((p) => ms(p.totalMs)).join(', ')}]`);
  print(`  analysis/parse throughput ratio, all files: ${ratio.toFixed(2)}  (target ≥ ${ANALYSIS_TARGET_RATIO}) ${verdict(ratio >= ANALYSIS_TARGET_RATIO)}`);
  print(`Files where the analysis does real work (result.facts set: the thread/async/acquire pre-check passed):`);
  print(`  ${count(worked)} of ${files.length} files, ${thousands(workedLines)} lines; the others are only parsed (for syntax problems)`);
  print(`  raw parse ${ms(parseWorkedMs)} (${rate(workedLines, parseWorkedMs)}), analysis ${ms(analysisWorkedMs)} (${rate(workedLines, analysisWorkedMs)})`);
  print(`  analysis/parse throughput ratio, these files: ${workedRatio.toFixed(2)}  (target ≥ ${ANALYSIS_TARGET_RATIO}) ${verdict(workedRatio >= ANALYSIS_TARGET_RATIO)}`);
  // Machine noise moves whole rounds (a parse round has varied by a quarter here): each file's fastest run on each
  // side, summed, is a steadier estimate of the same ratio.
  const fastestAll = fastestSum(parses, undefined) / fastestSum(analyses, undefined);
  const fastestWorked = fastestSum(parses, worked) / fastestSum(analyses, worked);
  print(`Each file's fastest round, summed (steadier under machine noise): ratio ${fastestAll.toFixed(2)} all files, ${fastestWorked.toFixed(2)} analysed files`);
  const unstable = unstableFiles(analyses);
  printHealth(health, unstable, files.map((file) => shortPath(stdlib)(file.path)));
  const slowest = costliestFiles(files, parses, analyses, worked);
  print('Files where analysis costs most beyond parsing (fastest of the rounds):');
  for (const file of slowest) {
    print(`  ${shortPath(stdlib)(file.path).padEnd(44)} ${String(file.lines).padStart(6)} lines  parse ${ms(file.parseMs).padStart(8)}  `
      + `analysis ${ms(file.analysisMs).padStart(8)}  (${(file.analysisMs / file.parseMs).toFixed(1)}× parse)`);
  }

  return {
    python: stdlib, files: files.length, lines, bytes: sources.bytes, undecodable: sources.undecodable,
    parse: { medianMs: parseMs, linesPerSecond: lines / (parseMs / 1000), roundsMs: parses.map((p) => p.totalMs) },
    analysis: { medianMs: analysisMs, linesPerSecond: lines / (analysisMs / 1000), roundsMs: analyses.map((p) => p.totalMs) },
    ratio,
    fastestRoundRatios: { all: fastestAll, analyzedFiles: fastestWorked },
    analyzedFiles: { files: count(worked), lines: workedLines, parseMs: parseWorkedMs, analysisMs: analysisWorkedMs, ratio: workedRatio },
    results: { ...health, internalErrors: health.internalErrors.map((e) => ({ path: files[e.index].path, problem: e.problem })) },
    unstableFiles: unstable.map((i) => files[i].path),
    costliestFiles: slowest,
  };
}

/** Warm-up, then ROUNDS × (parse pass, analysis pass). */
function measureRounds(analyzer: Analyzer, files: readonly SourceFile[]): { parses: Pass[]; analyses: AnalysisPass[] } {
  warmUp(analyzer, files);
  const parses: Pass[] = [];
  const analyses: AnalysisPass[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which pass goes first, so a drift in machine load does not always favour the same side.
    const analysisFirst = round % 2 === 1;
    if (analysisFirst) analyses.push(analysisPass(analyzer, files));
    parses.push(parsePass(analyzer, files));
    if (!analysisFirst) analyses.push(analysisPass(analyzer, files));
  }
  return { parses, analyses };
}

function warmUp(analyzer: Analyzer, files: readonly SourceFile[]): void {
  for (let i = 0; i < files.length; i += WARMUP_STRIDE) {
    analyzer.parser.parse(files[i].text).delete();
    analyzer.analyze(files[i].text);
  }
}

/** Raw parsing: the same parser instance the analyzer uses (`loadPythonParser` loads once per process). */
function parsePass(analyzer: Analyzer, files: readonly SourceFile[]): Pass {
  return timePass(files, (text) => analyzer.parser.parse(text).delete());
}

/** What the report needs from one file's result; the result itself is dropped at once so its facts can be collected. */
interface Outcome {
  readonly worked: boolean;
  readonly diagnostics: number;
  readonly syntaxError: boolean;
  readonly truncated: boolean;
  readonly internalError?: string;
  /** The diagnostics' codes and places, to check that passes agree. */
  readonly fingerprint: string;
}

interface AnalysisPass extends Pass {
  readonly outcomes: Outcome[];
}

function analysisPass(analyzer: Analyzer, files: readonly SourceFile[]): AnalysisPass {
  const outcomes: Outcome[] = [];
  const pass = timePass(files, (text) => outcomes.push(outcomeOf(analyzer.analyze(text))));
  return { ...pass, outcomes };
}

function outcomeOf(result: AnalysisResult): Outcome {
  return {
    worked: result.parts !== undefined,
    diagnostics: result.diagnostics.length,
    syntaxError: result.problems.some((p) => p.startsWith('syntax error')),
    truncated: result.parts?.some((part) => part.truncated) ?? false,
    internalError: result.problems.find((p) => p.startsWith('internal error')),
    fingerprint: result.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`).join(' '),
  };
}

/** Indexes of files whose outcome differs between passes: analysis must not depend on what it analyzed before. */
function unstableFiles(analyses: readonly AnalysisPass[]): number[] {
  const [first, ...rest] = analyses;
  const same = (a: Outcome, b: Outcome) => a.worked === b.worked && a.fingerprint === b.fingerprint && a.syntaxError === b.syntaxError;
  return first.outcomes.flatMap((outcome, i) => (rest.every((pass) => same(outcome, pass.outcomes[i])) ? [] : [i]));
}

function timePass(files: readonly SourceFile[], work: (text: string) => void): Pass {
  const fileMs = new Float64Array(files.length);
  const begin = performance.now();
  for (let i = 0; i < files.length; i++) {
    const start = performance.now();
    work(files[i].text);
    fileMs[i] = performance.now() - start;
  }
  return { totalMs: performance.now() - begin, fileMs };
}

/** File `i`'s fastest time over the passes. */
function fastestMs(passes: readonly Pass[], i: number): number {
  return Math.min(...passes.map((pass) => pass.fileMs[i]));
}

/** Each file's fastest time over the passes, summed over the files `include` selects (all when absent). */
function fastestSum(passes: readonly Pass[], include: readonly boolean[] | undefined): number {
  let total = 0;
  for (let i = 0; i < passes[0].fileMs.length; i++) if (!include || include[i]) total += fastestMs(passes, i);
  return total;
}

function subsetMs(pass: Pass, include: readonly boolean[]): number {
  let total = 0;
  for (let i = 0; i < pass.fileMs.length; i++) if (include[i]) total += pass.fileMs[i];
  return total;
}

function resultHealth(outcomes: readonly Outcome[]) {
  const internalErrors: Array<{ index: number; problem: string }> = [];
  outcomes.forEach((outcome, index) => {
    if (outcome.internalError) internalErrors.push({ index, problem: outcome.internalError });
  });
  return {
    diagnostics: sum(outcomes.map((o) => o.diagnostics)),
    syntaxErrorFiles: count(outcomes.map((o) => o.syntaxError)),
    truncatedFiles: count(outcomes.map((o) => o.truncated)),
    internalErrors,
  };
}

function printHealth(health: ReturnType<typeof resultHealth>, unstable: readonly number[], names: readonly string[]): void {
  print(`Results: ${health.diagnostics} diagnostics, ${health.syntaxErrorFiles} files with syntax problems, `
    + `${health.truncatedFiles} cut short by a walk limit, ${health.internalErrors.length} internal errors`);
  if (unstable.length > 0) {
    print(`  !!! NONDETERMINISTIC: ${unstable.length} files got different results in different passes, e.g. ${unstable.slice(0, 3).map((i) => names[i]).join(', ')}`);
  } else {
    print(`  every file got the same result in all ${ROUNDS} analysis passes ✓`);
  }
  for (const failure of health.internalErrors) print(`  !!! INTERNAL ERROR in ${names[failure.index]}: ${failure.problem}`);
}

/** The five analyzed files with the largest analysis time beyond their parse time, each side its fastest round. */
function costliestFiles(files: readonly SourceFile[], parses: readonly Pass[], analyses: readonly Pass[], worked: readonly boolean[]) {
  return files
    .map((file, i) => ({ path: file.path, lines: file.lines, parseMs: fastestMs(parses, i), analysisMs: fastestMs(analyses, i), worked: worked[i] }))
    .filter((file) => file.worked)
    .sort((a, b) => b.analysisMs - b.parseMs - (a.analysisMs - a.parseMs))
    .slice(0, 5)
    .map(({ path, lines, parseMs, analysisMs }) => ({ path, lines, parseMs, analysisMs }));
}

// ---------------------------------------------------------------------------------------------------------------
// 3: re-analysis latency after one-character edits

interface PlannedEdit {
  readonly text: string;
  readonly edit: Edit;
  readonly description: string;
}

function benchEdits(analyzer: Analyzer): object {
  print(`\n== Re-analysis after a one-character edit in a ${thousands(PROGRAM_LINES)}-line threaded module ==`);
  const program = buildThreadedProgram(PROGRAM_LINES);
  const baseline = analyzer.analyze(program);
  const starts = baseline.parts?.reduce((sum, part) => sum + part.starts, 0) ?? 0;
  print(`Generated module: ${thousands(countLines(program))} lines, ${(program.length / 1000).toFixed(0)} kB, ${starts} thread starts, `
    + `${baseline.diagnostics.length} diagnostics (${codeCounts(baseline)})${baseline.parts?.some((part) => part.truncated) ? ', CUT SHORT by a walk limit' : ''}`);
  if (!baseline.parts) print('  !!! the analysis skipped this module: the latency below would not measure the analysis');

  // The first edits run colder code paths (incremental parse, cache reuse) than the stdlib pass warmed up.
  runEdits(analyzer, program, WARMUP_EDITS, 0x5eed, undefined);
  const measured = runEdits(analyzer, program, EDITS, 0xc0ffee, REFERENCE_STRIDE);
  return {
    lines: countLines(program), threadStarts: starts, diagnostics: baseline.diagnostics.length, edits: EDITS,
    ...reportEdits(measured),
  };
}

function reportEdits(measured: EditRun): object {
  const total = summarize(measured.totalMs);
  const update = summarize(measured.updateMs);
  const analyze = summarize(measured.analyzeMs);
  const scratch = summarize(measured.scratchMs);
  const brokenCount = count(measured.broken);
  const clean = summarize(measured.totalMs.filter((_, i) => !measured.broken[i]));
  const broken = summarize(measured.totalMs.filter((_, i) => measured.broken[i]));
  print(`${EDITS} edits at pseudo-random places: a space or a digit typed inside a line, then deleted again (backspace):`);
  print(`  incremental update + analyze       ${latencyLine(total)}   target p95 ≤ ${EDIT_P95_TARGET_MS} ms ${verdict(total.p95 <= EDIT_P95_TARGET_MS)}`);
  print(`    of which update (re-parse)       ${latencyLine(update)}`);
  print(`    of which analyze                 ${latencyLine(analyze)}`);
  const stages = stageLatencies(measured.stages);
  for (const [name, latency] of stages) print(`      ${`${name}`.padEnd(31)}${latencyLine(latency)}`);
  print(`    versions that are valid Python   ${latencyLine(clean)}   (${EDITS - brokenCount} edits)`);
  print(`    versions with a syntax error     ${latencyLine(broken)}   (${brokenCount} edits)`);
  print(`  from scratch analyzer.analyze     ${latencyLine(scratch)}   (after every ${REFERENCE_STRIDE}th edit, ${measured.scratchMs.length} runs)`);
  print(`  incremental p50 is ${(total.p50 / scratch.p50).toFixed(2)}× the from-scratch p50 (${(scratch.p50 / total.p50).toFixed(1)}× faster)`);
  if (measured.mismatches.length === 0) {
    print(`  incremental diagnostics equal from-scratch diagnostics on all ${measured.scratchMs.length} compared edits ✓`);
  } else {
    print(`  !!! MISMATCH: incremental diagnostics differ from a from-scratch analysis on ${measured.mismatches.length} of ${measured.scratchMs.length} compared edits`);
    for (const mismatch of measured.mismatches.slice(0, 5)) print(`  !!!   ${mismatch}`);
  }
  if (measured.problemMismatches > 0) {
    print(`  note: syntax-problem lists differed on ${measured.problemMismatches} compared edits (tree-sitter's incremental error recovery may differ)`);
  }

  return {
    incremental: total, update, analyze, stages: Object.fromEntries(stages.map(([name, latency]) => [name.trim(), latency])), fromScratch: scratch,
    validVersions: clean, brokenVersions: { count: brokenCount, ...broken }, mismatches: measured.mismatches, problemMismatches: measured.problemMismatches,
  };
}

interface EditRun {
  readonly totalMs: number[];
  readonly updateMs: number[];
  readonly analyzeMs: number[];
  /** Per edit: whether the edited version had syntax problems. */
  readonly broken: boolean[];
  /** Per edit: milliseconds per stage of the analysis, by stage name. */
  readonly stages: Array<Map<string, number>>;
  readonly scratchMs: number[];
  readonly mismatches: string[];
  problemMismatches: number;
}

/** Applies `count` edits to one open document; every `referenceStride`-th also runs (and is compared to) a fresh analysis. */
function runEdits(analyzer: Analyzer, program: string, count: number, seed: number, referenceStride: number | undefined): EditRun {
  const run: EditRun = { totalMs: [], updateMs: [], analyzeMs: [], broken: [], stages: [], scratchMs: [], mismatches: [], problemMismatches: 0 };
  const document = analyzer.open(program);
  document.analyze();
  let i = 0;
  for (const planned of editSequence(program, count, seededRandom(seed))) {
    const start = performance.now();
    document.update(planned.text, planned.edit);
    const updated = performance.now();
    const result = document.analyze();
    const end = performance.now();
    run.updateMs.push(updated - start);
    run.analyzeMs.push(end - updated);
    run.totalMs.push(end - start);
    run.broken.push(result.problems.some((p) => p.startsWith('syntax error')));
    run.stages.push(stageTimes(result));
    if (referenceStride !== undefined && i % referenceStride === 0) compareWithScratch(analyzer, planned, result, run);
    i++;
  }
  document.dispose();
  return run;
}

/** The analysis's stages in the order they run, each with the milliseconds it took. */
function stageTimes(result: AnalysisResult): Map<string, number> {
  const times = result.times;
  const walk = times?.walk;
  return new Map([
    ['lowering', times?.lower ?? 0],
    ['splitting into parts', times?.split ?? 0],
    ['scopes', times?.scopes ?? 0],
    ['walk: finding spawners', walk?.spawnerSearch ?? 0],
    ['walk: main thread', walk?.main ?? 0],
    ['walk: spawners alone', walk?.spawners ?? 0],
    ['walk: coroutines', walk?.coroutines ?? 0],
    ['walk: threads', walk?.threads ?? 0],
    ['lock flow', times?.lockFlow ?? 0],
    ['writers', times?.writers ?? 0],
    ['rules', times?.rules ?? 0],
  ]);
}

/** Each stage's latency over the edits. */
function stageLatencies(stages: ReadonlyArray<Map<string, number>>): Array<[string, Latency]> {
  const names = [...stages[0]?.keys() ?? []];
  return names.map((name) => [name, summarize(stages.map((times) => times.get(name) ?? 0))]);
}

function compareWithScratch(analyzer: Analyzer, planned: PlannedEdit, incremental: AnalysisResult, run: EditRun): void {
  const start = performance.now();
  const fresh = analyzer.analyze(planned.text);
  run.scratchMs.push(performance.now() - start);
  const a = JSON.stringify(incremental.diagnostics);
  const b = JSON.stringify(fresh.diagnostics);
  if (a !== b) {
    const index = incremental.diagnostics.findIndex((d, k) => JSON.stringify(d) !== JSON.stringify(fresh.diagnostics[k]));
    const first = index === -1 ? fresh.diagnostics[incremental.diagnostics.length] : incremental.diagnostics[index];
    run.mismatches.push(`after ${planned.description}: ${incremental.diagnostics.length} incremental vs ${fresh.diagnostics.length} fresh diagnostics; `
      + `first difference at ${first ? `${first.code} ${first.line}:${first.column}` : 'the end of the list'}`);
  }
  if (JSON.stringify(incremental.problems) !== JSON.stringify(fresh.problems)) run.problemMismatches++;
}

/**
 * The edits, as typing makes them: a space or a digit typed at a pseudo-random place inside a line (after its
 * indentation, which would move a block instead), then deleted again with backspace. Random deletions elsewhere would
 * pile up breakage until every version was broken; this way each version is the module plus at most one stray character.
 */
function* editSequence(program: string, count: number, random: () => number): Generator<PlannedEdit> {
  const lines = program.split('\n');
  for (let i = 0; i < count; i += 2) {
    const char = i % 4 === 0 ? ' ' : String(Math.floor(random() * 10));
    const { row, column, offset } = pickPosition(lines, random);
    const typed = program.slice(0, offset) + char + program.slice(offset);
    const before = { row, column };
    const after = { row, column: column + 1 };
    yield {
      text: typed,
      edit: { startIndex: offset, oldEndIndex: offset, newEndIndex: offset + 1, startPosition: before, oldEndPosition: before, newEndPosition: after },
      description: `edit ${i} (insert ${JSON.stringify(char)} at ${row + 1}:${column + 1})`,
    };
    if (i + 1 >= count) break;
    yield {
      text: program,
      edit: { startIndex: offset, oldEndIndex: offset + 1, newEndIndex: offset, startPosition: before, oldEndPosition: after, newEndPosition: before },
      description: `edit ${i + 1} (delete ${JSON.stringify(char)} at ${row + 1}:${column + 1})`,
    };
  }
}

/** A position inside a line with some code on it, after the indentation; may be the line's end. */
function pickPosition(lines: readonly string[], random: () => number): { row: number; column: number; offset: number } {
  let row: number;
  let indent: number;
  do {
    row = Math.floor(random() * lines.length);
    indent = lines[row].length - lines[row].trimStart().length;
  } while (lines[row].length - indent < 2);
  const column = indent + 1 + Math.floor(random() * (lines[row].length - indent));
  let offset = column;
  for (let r = 0; r < row; r++) offset += lines[r].length + 1;
  return { row, column, offset };
}

function codeCounts(result: AnalysisResult): string {
  const counts = new Map<string, number>();
  for (const d of result.diagnostics) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  return [...counts].sort().map(([code, n]) => `${code} ×${n}`).join(', ');
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics and formatting

interface Latency {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly mean: number;
}

function summarize(samples: readonly number[]): Latency {
  if (samples.length === 0) return { p50: NaN, p95: NaN, max: NaN, mean: NaN };
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples), mean: sum(samples) / samples.length };
}

/** Nearest-rank percentile: always one of the samples. */
function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function count(flags: readonly boolean[]): number {
  return flags.filter(Boolean).length;
}

function latencyLine(l: Latency): string {
  return `p50 ${ms(l.p50).padStart(8)}   p95 ${ms(l.p95).padStart(8)}   max ${ms(l.max).padStart(8)}`;
}

function ms(value: number): string {
  if (Number.isNaN(value)) return 'n/a';
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
}

function rate(lines: number, milliseconds: number): string {
  return `${(lines / milliseconds).toFixed(1)}k lines/s`;
}

function thousands(n: number): string {
  return n.toLocaleString('en-US');
}

function verdict(ok: boolean): string {
  return ok ? 'OK' : 'MISSED';
}

function shortPath(stdlib: Stdlib): (path: string) => string {
  return (path) => (path.startsWith(stdlib.directory) ? path.slice(stdlib.directory.length + 1) : path);
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
