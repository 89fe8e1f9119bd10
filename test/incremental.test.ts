// Re-analysis after edits, as the editor does it (PythonDocument.update with tree-sitter's edit, then analyze,
// reusing unchanged statements), must give exactly what a fresh analysis of the same text gives: random edits,
// typed and deleted, valid or not, on every example program. Predictions made from the edited document (as the
// editor's worker makes them, after the analysis) must equal a fresh prediction too.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../src/model';
import { lowerModule, withEdit } from '../src/model/parse/lower';
import { loadPythonParser } from '../src/model/parse/parser';
import { ModuleTree } from '../src/model/parse/segments';
import type { Syntax } from '../src/model/parse/syntax';
import { readParserWasm } from '../src/node/wasm';
import { seededRandom } from '../bench/random';
import { getAnalyzer, typeInto } from './helpers';

const EXAMPLES = join(__dirname, '..', 'examples');
const EDITS_PER_PROGRAM = 25;
const PREDICTED_EDITS_PER_PROGRAM = 4;
/** What gets typed: tokens, indentation, whole statements that start threads or take locks, and junk. */
const TYPED = [
  '(', ')', ':', '\n', '    ', ' ', 'x', '1', 'lambda', 'with lock:\n    ', 'for x in y:\n    ', 'threading.Thread(target=f)',
  '#', '"', 'def g():\n    ', '\n\n', 'global counter\n', 'counter += 1\n',
];

function fingerprint(result: AnalysisResult): string[] {
  return result.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`);
}

describe('re-analysis after edits', () => {
  it('gives what a fresh analysis of the edited text gives, edit after edit', async () => {
    const analyzer = await getAnalyzer();
    const names = readdirSync(EXAMPLES).filter((name) => name.endsWith('.py')).sort();
    const random = seededRandom(3);
    let withFindings = 0;
    let compared = 0;
    for (const name of names) {
      let text = readFileSync(join(EXAMPLES, name), 'utf8');
      // Small segments (see parse/segments.ts), so that these small programs are parsed in several while valid
      // (segments.test.ts edits a larger module in them more).
      const document = analyzer.open(text, { segmentChars: 300 });
      document.analyze();
      /** Replaces `removed` characters at `at` with `typed`, as an editor reports it, and compares the analyses. */
      const edit = (at: number, removed: number, typed: string, what: string) => {
        text = typeInto(document, text, at, removed, typed);
        const incremental = fingerprint(document.analyze());
        expect(incremental, `${name}, ${what}: ${JSON.stringify(text)}`).toEqual(fingerprint(analyzer.analyze(text)));
        compared++;
        if (incremental.length > 0) withFindings++;
      };
      for (let i = 0; i < EDITS_PER_PROGRAM; i++) {
        const at = Math.floor(random() * text.length);
        const removed = random() < 0.4 ? Math.min(text.length - at, 1 + Math.floor(random() * 8)) : 0;
        const before = text.slice(at, at + removed);
        const typed = removed > 0 ? '' : TYPED[Math.floor(random() * TYPED.length)];
        edit(at, removed, typed, `edit ${i + 1}`);
        // Half the time it is undone at once (a typo and its backspace): the text goes back to a version analysed before.
        if (random() < 0.5) edit(at, typed.length, before, `undoing edit ${i + 1}`);
      }
      document.dispose();
    }
    // The comparison is worth something only if many versions have findings to get wrong (half the examples are
    // correct programs, and edits break the rest): 106 of the 522 compared do.
    expect(compared).toBeGreaterThan(names.length * EDITS_PER_PROGRAM);
    expect(withFindings).toBeGreaterThanOrEqual(80);
  });

  it('predicts from the edited document what a fresh prediction of the edited text predicts', async () => {
    const analyzer = await getAnalyzer();
    const names = readdirSync(EXAMPLES).filter((name) => name.endsWith('.py')).sort();
    const random = seededRandom(5);
    let predicted = 0;
    for (const name of names) {
      let text = readFileSync(join(EXAMPLES, name), 'utf8');
      const document = analyzer.open(text);
      document.analyze();
      for (let i = 0; i < PREDICTED_EDITS_PER_PROGRAM; i++) {
        const at = Math.floor(random() * text.length);
        const typed = TYPED[Math.floor(random() * TYPED.length)];
        text = typeInto(document, text, at, 0, typed);
        document.analyze();
        const fromDocument = document.predict();
        expect(JSON.stringify(fromDocument), `${name}, edit ${i + 1}: ${JSON.stringify(text)}`).toEqual(JSON.stringify(analyzer.predict(text)));
        if (fromDocument.prediction && fromDocument.prediction.threads.length > 1) predicted++;
      }
      document.dispose();
    }
    // Worth something only if many edited versions still have threads to predict.
    expect(predicted).toBeGreaterThanOrEqual(names.length);
  });
});

describe('the lowering of an edited module', () => {
  it('knows where several edits changed the text: before the change it is as it was, after it as it was, moved', () => {
    const random = seededRandom(7);
    const pick = (n: number) => Math.floor(random() * n);
    for (let round = 0; round < 300; round++) {
      const first = 'abcdefghijklmnopqrstuvwxyz'.repeat(2);
      let text = first;
      let changed;
      for (let edits = 1 + pick(4); edits > 0; edits--) {
        const start = pick(text.length + 1);
        const oldEnd = start + pick(Math.min(5, text.length - start) + 1);
        const inserted = 'XYZ'.slice(0, pick(4));
        text = text.slice(0, start) + inserted + text.slice(oldEnd);
        changed = withEdit(changed, { startIndex: start, oldEndIndex: oldEnd, newEndIndex: start + inserted.length });
      }
      expect(text.slice(0, changed!.start)).toBe(first.slice(0, changed!.start));
      expect(text.slice(changed!.end)).toBe(first.slice(changed!.end - changed!.delta));
      expect(text.length - first.length).toBe(changed!.delta);
    }
  });

  /** A lowered node with everything under it (function bodies lowered now), as plain data. */
  function shape(node: Syntax): unknown {
    return [node.type, node.start, node.end, node.children.map(shape)];
  }

  // Told where the text changed, it finds the statements around the change by their places; else by their texts.
  it.each([['where it changed', true], ['not where', false]])('takes the statements of a function body it lowers again from the last version: only the one typed in is new (told %s)', async (_told, told) => {
    const parser = await loadPythonParser(readParserWasm());
    const calls = Array.from({ length: 30 }, (_, i) => `    step_${i}(${i})  # call ${i}\n`).join('');
    const before = `import threading\n\ndef main():\n${calls}    def nested():\n        return [x for x in range(3)]  # inner\n    nested()\n\nmain()\n`;
    const tree = new ModuleTree(parser, before);
    const old = lowerModule(tree, before);
    const body = (root: Syntax) => root.children.find((statement) => statement.type === 'function_definition')!.children.find((child) => child.type === 'block')!;
    const oldStatements = [...body(old.root).children];
    // Read nested()'s body too, so that it is offered lowered.
    oldStatements.forEach(shape);

    // `step_3(3)` becomes `step_3(3, 1)`: main is a new statement, and its other statements move by 3 characters.
    const at = before.indexOf('(3)') + 2;
    const after = `${before.slice(0, at)}, 1${before.slice(at)}`;
    const edit = { startIndex: at, oldEndIndex: at, newEndIndex: at + 3, startPosition: { row: 6, column: 12 }, oldEndPosition: { row: 6, column: 12 }, newEndPosition: { row: 6, column: 15 } };
    tree.update(after, edit);
    const lowered = lowerModule(tree, after, old.cache, told ? withEdit(undefined, edit) : 'unknown');
    const anew = body(lowered.root).children.filter((statement) => !oldStatements.includes(statement));
    expect(anew.map((statement) => after.slice(statement.start, statement.end))).toEqual(['step_3(3, 1)']);
    // The statements before and after main are the last version's, moved.
    const others = (root: Syntax) => root.children.filter((statement) => statement.type !== 'function_definition');
    expect(others(lowered.root)).toEqual(others(old.root));
    others(lowered.root).forEach((statement, i) => expect(statement).toBe(others(old.root)[i]));

    // What it holds is what a fresh lowering of the text holds, comments too (once moved statements are settled).
    lowered.settle();
    const fresh = lowerModule(new ModuleTree(parser, after), after);
    expect(shape(lowered.root)).toEqual(shape(fresh.root));
    const comments = (module: typeof lowered) => module.comments().map((comment) => [comment.start, comment.text]).sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(comments(lowered)).toEqual(comments(fresh));
    expect(comments(lowered)).toHaveLength(31);
  });
});
