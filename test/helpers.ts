// Shared test setup: one analyzer per test process, the real parser loaded from node_modules or dist/.

import { type AnalysisResult, type Analyzer, type Diagnostic, type PythonDocument, createAnalyzer } from '../src/model';
import type { Edit } from 'web-tree-sitter';
import { LineIndex } from '../src/model/parse/syntax';
import { readParserWasm } from '../src/node/wasm';

let analyzer: Promise<Analyzer> | undefined;

export function getAnalyzer(): Promise<Analyzer> {
  analyzer ??= createAnalyzer(readParserWasm());
  return analyzer;
}

export async function analyze(source: string): Promise<AnalysisResult> {
  return (await getAnalyzer()).analyze(source);
}

/**
 * Analyzes `source` as the editor does, in a document kept open, so its facts can still be read afterwards (hovers
 * and fixes may read function bodies the analysis did not). Test sources are small: the documents are left to live.
 */
export async function analyzeOpen(source: string): Promise<AnalysisResult> {
  return (await getAnalyzer()).open(source).analyze();
}

/**
 * Replaces before[at, at + removed) by `inserted` in an open document, as the editor reports a change (tree-sitter's
 * edit, with rows and columns, then an incremental re-parse); returns the new text.
 */
export function typeInto(document: PythonDocument, before: string, at: number, removed: number, inserted: string): string {
  const { after, edit } = editAt(before, at, removed, inserted);
  document.update(after, edit);
  return after;
}

/** `removed` characters at `at` replaced by `inserted`: the text after, and the edit in tree-sitter's terms. */
export function editAt(before: string, at: number, removed: number, inserted: string): { after: string; edit: Edit } {
  const after = before.slice(0, at) + inserted + before.slice(at + removed);
  const point = (text: string, offset: number) => {
    const { line, column } = new LineIndex(text).position(offset);
    return { row: line, column };
  };
  return {
    after,
    edit: {
      startIndex: at, oldEndIndex: at + removed, newEndIndex: at + inserted.length,
      startPosition: point(before, at), oldEndPosition: point(before, at + removed), newEndPosition: point(after, at + inserted.length),
    },
  };
}

/** Diagnostics as lines that say where each stands and all it says, to compare two analyses' findings. */
export function placed(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message} ${JSON.stringify(d.related)}`);
}

/** `code` with its common leading indentation removed, so tests can indent Python inline. */
export function py(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values).replace(/^\n/, '');
  const indents = text.split('\n').filter((line) => line.trim()).map((line) => /^ */.exec(line)![0].length);
  const indent = Math.min(...indents);
  return text.split('\n').map((line) => line.slice(indent)).join('\n');
}

/** Python: `threads` threads each squaring and summing `rounds` numbers, started then joined in a loop. */
export function cpuThreadsProgram(rounds: string, threads: number): string {
  return py`
    import threading

    def crunch(n):
        total = 0
        for i in range(n):
            total += i * i
        return total

    threads = [threading.Thread(target=crunch, args=(${rounds},)) for _ in range(${threads})]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
  `;
}
