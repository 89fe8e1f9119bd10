// A large module being edited is parsed in segments (src/model/parse/segments.ts): an edit parses again only the
// segment it falls in, and what is read must always be what a fresh parse of the whole text gives.

import type { Node } from 'web-tree-sitter';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PythonParser, loadPythonParser } from '../src/model/parse/parser';
import { ModuleTree } from '../src/model/parse/segments';
import { readParserWasm } from '../src/node/wasm';
import { seededRandom } from '../bench/random';
import { buildThreadedProgram } from '../bench/threadedProgram';
import { editAt, getAnalyzer, placed, typeInto } from './helpers';

/** Sixty small functions, no blank lines between them; the fortieth has a docstring. */
const MODULE = Array.from({ length: 60 }, (_, i) => `def f_${i}():\n${i === 40 ? '    """Forty."""\n' : ''}    return ${i}\n`).join('');
/** Segments of about 200 characters: the module is about 1,800. */
const SEGMENT_CHARS = 200;

let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser(readParserWasm());
});

/** The top-level statements read, as tree-sitter prints them, with their places. */
function statements(tree: ModuleTree): string[] {
  return tree.segments.flatMap((segment) => segment.tree.rootNode.children.map((node: Node | null) => `${node!.startIndex}-${node!.endIndex} ${node!.toString()}`));
}

/** What a fresh parse of the whole text reads. */
function fresh(text: string): { statements: string[]; hasError: boolean } {
  const tree = new ModuleTree(parser, text);
  try {
    return { statements: statements(tree), hasError: tree.hasError };
  } finally {
    tree.delete();
  }
}

/** Applies `removed`/`inserted` at `at` to the tree; the new text. */
function type(tree: ModuleTree, text: string, at: number, removed: number, inserted: string): string {
  const { after, edit } = editAt(text, at, removed, inserted);
  tree.update(after, edit);
  return after;
}

describe('a module kept in segments while it is edited', () => {
  it('is split at its first edit, holds what a fresh parse holds, and parses again only the segment an edit falls in', () => {
    const tree = new ModuleTree(parser, MODULE, { segmentChars: SEGMENT_CHARS });
    expect(tree.segments).toHaveLength(1);
    let text = type(tree, MODULE, MODULE.indexOf('return 30') + 'return 30'.length, 0, '0');
    expect(tree.segments.length).toBeGreaterThan(4);
    expect(statements(tree)).toEqual(fresh(text).statements);
    // Each segment starts a line, with a statement.
    for (const segment of tree.segments.slice(1)) expect(text.slice(segment.start, segment.start + 6)).toBe('def f_');

    const before = tree.segments.map((segment) => segment.tree);
    text = type(tree, text, text.indexOf('return 300') + 'return 3'.length, 1, '');
    expect(text).toBe(MODULE);
    expect(tree.segments.filter((segment) => !before.includes(segment.tree))).toHaveLength(1);
    expect(statements(tree)).toEqual(fresh(text).statements);
    // An edit near the top moves the segments below it.
    text = type(tree, text, 0, 0, '# a comment\n');
    expect(statements(tree)).toEqual(fresh(text).statements);
    tree.delete();
  });

  it('reads the whole module while a segment has a syntax error: a string opened in one segment closes in a later one', () => {
    const tree = new ModuleTree(parser, MODULE, { segmentChars: SEGMENT_CHARS });
    let text = type(tree, MODULE, 0, 0, '#\n');
    const segments = tree.segments.length;
    // The string runs from f_10 to f_40's docstring in the whole module; alone, f_10's segment cannot close it.
    const at = text.indexOf('return 10');
    text = type(tree, text, at, 0, '"""');
    expect(tree.segments).toHaveLength(1);
    expect(tree.hasError).toBe(fresh(text).hasError);
    expect(statements(tree)).toEqual(fresh(text).statements);
    expect(statements(tree).some((statement) => statement.includes('f_10') && statement.includes('Forty'))).toBe(false);
    // Taken back, the segments are read again.
    text = type(tree, text, at, 3, '');
    expect(tree.segments).toHaveLength(segments);
    expect(statements(tree)).toEqual(fresh(text).statements);
    tree.delete();
  });

  it('stays in segments for a typo inside a statement, read as a fresh parse reads it', () => {
    const tree = new ModuleTree(parser, MODULE, { segmentChars: SEGMENT_CHARS });
    let text = type(tree, MODULE, 0, 0, '#\n');
    const segments = tree.segments.length;
    // `return 3 0`: an error in f_30, with f_31 standing at the top after it.
    text = type(tree, text, text.indexOf('return 30') + 'return 3'.length, 0, ' ');
    expect(tree.hasError).toBe(true);
    expect(tree.segments).toHaveLength(segments);
    expect(statements(tree)).toEqual(fresh(text).statements);
    tree.delete();
  });

  it('merges two segments when an edit is on the line before the second: a backslash there joins the lines', () => {
    const tree = new ModuleTree(parser, MODULE, { segmentChars: SEGMENT_CHARS });
    let text = type(tree, MODULE, 0, 0, '#\n');
    const boundary = tree.segments[2].start;
    text = type(tree, text, boundary - 1, 0, ' \\');
    expect(tree.hasError).toBe(true);
    expect(fresh(text).hasError).toBe(true);
    expect(statements(tree)).toEqual(fresh(text).statements);
    text = type(tree, text, boundary - 1, 2, '');
    expect(tree.segments.length).toBeGreaterThan(1);
    expect(statements(tree)).toEqual(fresh(text).statements);
    tree.delete();
  });

  it('is split again once a string spans where a segment started and the module is valid', () => {
    const tree = new ModuleTree(parser, MODULE, { segmentChars: SEGMENT_CHARS });
    let text = type(tree, MODULE, 0, 0, '#\n');
    // Segment 3 starts at f_c: a string from f_(c-2)'s body to f_(c+1)'s, two lines from the boundary either side.
    const c = Number(/^def f_(\d+)/.exec(text.slice(tree.segments[3].start))![1]);
    const opened = text.indexOf(`    return ${c - 2}\n`) + 4;
    text = type(tree, text, opened, `return ${c - 2}`.length, 'x = """');
    expect(tree.segments).toHaveLength(1);
    const closed = text.indexOf(`    return ${c + 1}\n`) + 4;
    text = type(tree, text, closed, `return ${c + 1}`.length, '"""');
    expect(fresh(text).hasError).toBe(false);
    expect(tree.hasError).toBe(false);
    expect(tree.segments.length).toBeGreaterThan(1);
    expect(statements(tree)).toEqual(fresh(text).statements);
    tree.delete();
  });
});

describe('a document kept in segments while it is edited', () => {
  it('finds what a fresh analysis finds, keystroke after keystroke, each typed and deleted, with comment lines added', async () => {
    const analyzer = await getAnalyzer();
    let text = buildThreadedProgram(600);
    const document = analyzer.open(text, { segmentChars: 1_000 });
    document.analyze();
    // Split when first read, before any keystroke.
    expect(document.segmentCount).toBeGreaterThan(1);
    const random = seededRandom(7);
    let segmented = 0;
    let compared = 0;
    for (let i = 0; i < 30; i++) {
      const at = Math.floor(random() * text.length);
      const typed = [' ', '0', 'x', '(', ':', '\n'][Math.floor(random() * 6)];
      for (const [removed, inserted] of [[0, typed], [typed.length, '']] as const) {
        text = typeInto(document, text, at, removed, inserted);
        const found = placed(document.analyze().diagnostics);
        expect(found, `edit ${i + 1} at ${at}: ${JSON.stringify(inserted)}`).toEqual(placed(analyzer.analyze(text).diagnostics));
        compared++;
        if (document.segmentCount > 1) segmented++;
      }
      // A comment line, kept: what stands after it moves for good.
      const line = text.indexOf('\n', at) + 1;
      text = typeInto(document, text, line, 0, '# note\n');
    }
    // Deleted, each keystroke leaves the module valid: those versions, at least, are read in segments.
    expect(segmented).toBeGreaterThanOrEqual(compared / 2);
    document.dispose();
  });
});
