// Fuzzes the model with mutated Python: each mutant of an example program (or, with --stdlib, of a standard-library
// file that concerns threads) is analyzed in a document kept open, as the editor's worker does, predicted, hovered at
// random places, given its lenses and quick fixes; and its mutations are typed one by one into the file it came from,
// as an editor would (each analysed part by part, see src/model/parts.ts). It reports internal errors, exceptions,
// slow files, fixes that break a file's syntax, and typing that ends apart from a fresh analysis of the mutant, and
// writes each offending mutant to the output folder to reproduce.
// (This found a simulator stall, reads of a freed syntax tree and an event budget that ignored thousands of tasks;
// test/incremental.test.ts does the same for edits.)
//
// Usage: npm run fuzz [-- --count 2000 --seed 7 --stdlib --slow-ms 1000 --out /tmp/gil-lens-fuzz]

import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seededRandom } from '../bench/random';
import { findStdlib, readStdlibSources } from '../bench/stdlib';
import { createAnalyzer, factsAt, factsAtDiagnostic, factsWithStarts, mayConcernThreads } from '../src/model';
import { typeInto } from '../test/helpers';
import { applyEdits, quickFixes } from '../src/model/assist/fixes';
import { hoverAt } from '../src/model/assist/hover';
import { startLenses } from '../src/model/assist/lens';
import { LineIndex } from '../src/model/parse/syntax';
import { readParserWasm } from '../src/node/wasm';

/** What mutations insert: brackets, indentation, statements that start threads or take locks, and junk. */
const PIECES = [
  '(', ')', ':', '\n', '    ', 'lambda', 'async ', 'await ', 'with lock:', 'for x in y:', 'while True:', 'threading.Thread(target=',
  'global x', 'nonlocal x', '*', '**', '[', ']', '{', '}', '"', "'", '\\', '#', 'yield', 'def f(', 'class C(threading.Thread):',
  '.acquire()', '.release()', 'x += 1', '0', '# noqa: GIL002',
];
const HOVERS_PER_FILE = 20;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' }, stdlib: { type: 'boolean', default: false },
      'slow-ms': { type: 'string', default: '1000' }, out: { type: 'string', default: '/tmp/gil-lens-fuzz' },
    },
  });
  const seeds = values.stdlib ? stdlibSeeds() : exampleSeeds();
  const analyzer = await createAnalyzer(readParserWasm());
  const random = seededRandom(Number(values.seed));
  mkdirSync(values.out, { recursive: true });
  const count = Number(values.count);
  const slowMs = Number(values['slow-ms']);
  const tally = { exceptions: 0, internalErrors: 0, slow: 0, brokenByFix: 0, hovers: 0, lenses: 0, fixes: 0, worstMs: 0, typedApart: 0 };
  const keep = (kind: string, index: number, text: string, detail: string) => {
    const file = join(values.out, `${kind}-${index}.py`);
    writeFileSync(file, text);
    console.log(`${kind} #${index}: ${detail} (${file})`);
  };
  for (let i = 0; i < count; i++) {
    const seed = seeds[Math.floor(random() * seeds.length)];
    const edits = mutations(seed, random);
    const text = edits.reduce(applyTextEdit, seed);
    const document = analyzer.open(text);
    try {
      const started = performance.now();
      const result = document.analyze();
      const { prediction, problems } = analyzer.predict(text);
      const ms = performance.now() - started;
      tally.worstMs = Math.max(tally.worstMs, ms);
      if (ms > slowMs) {
        tally.slow++;
        keep('slow', i, text, `analyze + predict took ${ms.toFixed(0)} ms`);
      }
      const internal = [...result.problems, ...problems].find((problem) => problem.startsWith('internal error'));
      if (internal) {
        tally.internalErrors++;
        keep('internal', i, text, internal);
      }
      const lines = new LineIndex(text);
      for (let h = 0; h < HOVERS_PER_FILE; h++) {
        const offset = Math.floor(random() * (text.length + 1));
        const facts = factsAt(result, offset);
        if (facts && hoverAt({ source: text, diagnostics: result.diagnostics, facts, prediction, lines }, offset)) tally.hovers++;
      }
      if (prediction) for (const facts of factsWithStarts(result)) tally.lenses += startLenses(facts, prediction).length;
      const parsed = !result.problems.some((problem) => problem.startsWith('syntax error'));
      for (const diagnostic of result.diagnostics) {
        for (const fix of quickFixes(text, diagnostic, factsAtDiagnostic(result, diagnostic, lines))) {
          tally.fixes++;
          const fixed = applyEdits(text, fix.edits);
          if (parsed && analyzer.analyze(fixed).problems.some((problem) => problem.startsWith('syntax error'))) {
            tally.brokenByFix++;
            keep('fix-breaks-syntax', i, text, `${diagnostic.code} at ${diagnostic.line}: ${fix.title}`);
          }
        }
      }
      // As the editor meets it: the file opened unbroken, then each change typed into it, analysed after each (the
      // parts of the module the change touched analysed again): it must end where a fresh analysis does.
      const typed = analyzer.open(seed);
      try {
        typed.analyze();
        let current = seed;
        let last = typed.analyze();
        for (const edit of edits) {
          current = typeInto(typed, current, edit.at, edit.removed, edit.inserted);
          last = typed.analyze();
          const typedInternal = last.problems.find((problem) => problem.startsWith('internal error'));
          if (typedInternal) {
            tally.internalErrors++;
            keep('internal-typed', i, current, typedInternal);
          }
        }
        if (JSON.stringify(last.diagnostics) !== JSON.stringify(result.diagnostics)) {
          tally.typedApart++;
          keep('typed-apart', i, text, `typed in: ${last.diagnostics.length} findings, fresh: ${result.diagnostics.length}`);
        }
      } finally {
        typed.dispose();
      }
    } catch (error) {
      tally.exceptions++;
      keep('exception', i, text, error instanceof Error ? error.stack?.split('\n').slice(0, 3).join(' | ') ?? error.message : String(error));
    } finally {
      document.dispose();
    }
  }
  console.log(`${count} mutants of ${values.stdlib ? 'standard-library files' : 'the examples'} (seed ${values.seed}): `
    + `${tally.exceptions} exceptions, ${tally.internalErrors} internal errors, ${tally.slow} slower than ${slowMs} ms `
    + `(worst ${tally.worstMs.toFixed(0)} ms), ${tally.brokenByFix} fixes that break the syntax, `
    + `${tally.typedApart} typed in that end apart from a fresh analysis; `
    + `${tally.hovers} hovers, ${tally.lenses} lenses, ${tally.fixes} fixes made`);
  process.exitCode = tally.exceptions + tally.internalErrors + tally.brokenByFix + tally.typedApart > 0 ? 1 : 0;
}

/** A change to a text: `removed` characters at `at` replaced by `inserted`. */
interface TextEdit {
  readonly at: number;
  readonly removed: number;
  readonly inserted: string;
}

/** Up to five edits: a deletion of up to 20 characters, an inserted piece, or a copied run of the file itself. */
function mutations(text: string, random: () => number): TextEdit[] {
  const edits: TextEdit[] = [];
  const count = Math.floor(random() * 6);
  for (let e = 0; e < count; e++) {
    const at = Math.floor(random() * text.length);
    const kind = random();
    let edit: TextEdit;
    if (kind < 0.3) edit = { at, removed: Math.min(1 + Math.floor(random() * 20), text.length - at), inserted: '' };
    else if (kind < 0.8) edit = { at, removed: 0, inserted: PIECES[Math.floor(random() * PIECES.length)] };
    else {
      const from = Math.floor(random() * text.length);
      edit = { at, removed: 0, inserted: text.slice(from, from + 200) };
    }
    edits.push(edit);
    text = applyTextEdit(text, edit);
  }
  return edits;
}

function applyTextEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.at) + edit.inserted + text.slice(edit.at + edit.removed);
}

function exampleSeeds(): string[] {
  const folder = join(__dirname, '..', 'examples');
  return readdirSync(folder).filter((name) => name.endsWith('.py')).sort().map((name) => readFileSync(join(folder, name), 'utf8'));
}

function stdlibSeeds(): string[] {
  const stdlib = findStdlib();
  if (!stdlib) throw new Error('no Python standard library found (python3.13, pyenv 3.13*, python3)');
  return readStdlibSources(stdlib.directory).files.map((file) => file.text).filter((text) => mayConcernThreads(text) && text.length < 60_000);
}

void main();
