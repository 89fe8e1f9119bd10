// The split that lets an edit re-analyse only what it touched (src/model/parts.ts): which statements go together, and
// that a document analysed part by part after edits finds what a fresh analysis of the whole file finds.

import { describe, expect, it } from 'vitest';
import { buildThreadedProgram } from '../bench/threadedProgram';
import { type AnalysisResult, type PythonDocument, factsAt } from '../src/model';
import { getAnalyzer, placed, py, typeInto } from './helpers';

/** Two programs in one module, sharing only imports, and a main() that runs both. */
const TWO_PROGRAMS = py`
  import threading

  counter = 0

  def bump():
      global counter
      for _ in range(100_000):
          counter += 1

  def run_counter():
      threads = [threading.Thread(target=bump) for _ in range(4)]
      for t in threads:
          t.start()
      for t in threads:
          t.join()

  tasks = list(range(1_000))
  done = []

  def drain():
      while tasks:
          done.append(tasks.pop())

  def run_drain():
      workers = [threading.Thread(target=drain) for _ in range(3)]
      for w in workers:
          w.start()
      for w in workers:
          w.join()

  def main():
      run_counter()
      run_drain()

  if __name__ == "__main__":
      main()
`;

function codes(result: AnalysisResult): string[] {
  return result.diagnostics.map((d) => `${d.code}@${d.line}`);
}

/** The text with `insert` typed just before the first `at`. */
function typed(text: string, at: string, insert: string): { text: string; offset: number } {
  const offset = text.indexOf(at);
  expect(offset, at).toBeGreaterThanOrEqual(0);
  return { text: text.slice(0, offset) + insert + text.slice(offset), offset };
}

/** Types `insert` just before the first `at` in an open document. */
function edit(document: PythonDocument, before: string, at: string, insert: string): string {
  return typeInto(document, before, typed(before, at, insert).offset, 0, insert);
}

describe('parts of a module', () => {
  it('are the statements that share names: two programs and the main() that runs both make two parts', async () => {
    const analyzer = await getAnalyzer();
    const document = analyzer.open(TWO_PROGRAMS);
    const each = document.analyzeEachPart();
    expect(each.parts).toHaveLength(2);
    expect(codes(each)).toEqual(codes(await analyzer.analyze(TWO_PROGRAMS)));
    expect(codes(each)).toEqual(['GIL001@7', 'GIL002@8', 'GIL003@21']);
    // Each part holds its program and its call in main().
    const calls = [TWO_PROGRAMS.indexOf('    run_counter()'), TWO_PROGRAMS.indexOf('    run_drain()')];
    expect(calls.map((offset) => each.parts!.findIndex((part) => part.covers(offset + 4)))).toEqual([0, 1]);
    document.dispose();
  });

  it("find, each on its own, what the whole finds in the bench's module of many programs", async () => {
    const analyzer = await getAnalyzer();
    const program = buildThreadedProgram(2_000);
    const document = analyzer.open(program);
    const each = document.analyzeEachPart();
    document.dispose();
    expect(each.parts!.length).toBeGreaterThan(40);
    const whole = await analyzer.analyze(program);
    expect(whole.diagnostics.length).toBeGreaterThan(60);
    expect(each.diagnostics).toEqual(whole.diagnostics);
  });

  it('are read whole again when an edit changes many of them at once: an import, which every part has', async () => {
    const analyzer = await getAnalyzer();
    const program = buildThreadedProgram(2_000);
    const document = analyzer.open(program);
    document.analyze();
    // A keystroke in one program: its part alone.
    let text = edit(document, program, 'ROUNDS_0 = 100_000', '#');
    let result = document.analyze();
    expect(result.parts!.length).toBeGreaterThan(40);
    expect(result.parts!.filter((part) => !part.reused)).toHaveLength(1);
    // An import typed: every part's text changed.
    text = edit(document, text, 'import queue', 'import os\n');
    result = document.analyze();
    expect(result.parts).toHaveLength(1);
    expect(result.diagnostics).toEqual((await analyzer.analyze(text)).diagnostics);
    document.dispose();
  });

  it("stay apart when a stray character lifts a function's statements to the top of the module", async () => {
    const analyzer = await getAnalyzer();
    const program = buildThreadedProgram(300);
    const document = analyzer.open(program);
    const valid = document.analyzeEachPart().parts!.length;
    // `w hile True:` in the first worker: error recovery leaves the statements of the function after it at the top,
    // indented (its start loop among them).
    const text = edit(document, program, 'hile True:', ' ');
    const tree = analyzer.parser.parse(text);
    const lifted = tree.rootNode.namedChildren.filter((node) => node?.type === 'for_statement' && node.startPosition.column > 0);
    tree.delete();
    expect(lifted.length).toBeGreaterThan(0);
    // Read as the body of a function, they start no thread beside every statement the module runs after them.
    const result = document.analyzeEachPart();
    expect(result.parts!.length).toBeGreaterThanOrEqual(valid - 1);
    expect(placed(result.diagnostics)).toEqual(placed((await analyzer.analyze(text)).diagnostics));
    document.dispose();
  });

  it('are one when statements share a global, a local of main, or the file reaches names by text', async () => {
    const analyzer = await getAnalyzer();
    const partsOf = (source: string) => {
      const document = analyzer.open(source);
      const count = document.analyzeEachPart().parts?.length;
      document.dispose();
      return count;
    };
    // `done` is both programs' now.
    expect(partsOf(TWO_PROGRAMS.replace('global counter\n', 'global counter\n    done.append(1)\n'))).toBe(1);
    // main() hands one program's result to the other.
    expect(partsOf(TWO_PROGRAMS.replace('    run_counter()\n    run_drain()', '    total = run_counter()\n    run_drain(total)').replace('def run_drain():', 'def run_drain(total):'))).toBe(1);
    expect(partsOf(TWO_PROGRAMS.replace('tasks = list(range(1_000))', 'tasks = list(range(1_000))\nglobals()["extra"] = 1'))).toBe(1);
    // A main() that can return early runs its later statements only sometimes: not split.
    expect(partsOf(TWO_PROGRAMS.replace('    run_counter()\n', '    if run_counter():\n        return\n'))).toBe(1);
  });

  it("go together by module-level names only: a function's loop variable is its own, even when the module binds one too", async () => {
    const analyzer = await getAnalyzer();
    // `_` is bump's and run_counter's loop variable, and the module's (a loop of the script's own): the programs
    // still share nothing.
    const source = `${TWO_PROGRAMS}\nfor _ in range(3):\n    print(_)\n`;
    const document = analyzer.open(source);
    const each = document.analyzeEachPart();
    expect(each.parts).toHaveLength(2);
    expect(codes(each)).toEqual(codes(await analyzer.analyze(source)));
    document.dispose();
  });

  it('go together after a statement the module runs that starts a thread, though they share no name with it', async () => {
    const analyzer = await getAnalyzer();
    // The main thread writes `counter` after a thread is started at the top of the script: the whole file reports
    // that write beside the bump threads' ones, so the counter program cannot be read apart from the start.
    const source = py`
      import threading

      threading.Thread(target=print, daemon=True).start()

      counter = 0

      def bump(step):
          global counter
          for n in range(100_000):
              counter += step

      def run_counter():
          threads = [threading.Thread(target=bump, args=(1,)) for k in range(4)]
          for t in threads:
              t.start()
          for t in threads:
              t.join()
    `;
    const document = analyzer.open(source);
    const each = document.analyzeEachPart();
    document.dispose();
    expect(each.parts).toHaveLength(1);
    expect(each.diagnostics).toEqual((await analyzer.analyze(source)).diagnostics);
    expect(each.diagnostics.find((d) => d.code === 'GIL002')?.message).toContain('and the main thread write');
    // Started inside a function the module only defines, it runs nothing at the top: two parts.
    const defined = source.replace('threading.Thread(target=print, daemon=True).start()', 'def spin():\n    threading.Thread(target=print, daemon=True).start()');
    const other = analyzer.open(defined);
    expect(other.analyzeEachPart().parts).toHaveLength(2);
    other.dispose();
  });

  it('go together with a raise at the top of a script when they acquire a lock there', async () => {
    const analyzer = await getAnalyzer();
    // The raise shares no name with the lock, but it is the path that leaves the lock held.
    const source = py`
      import sys
      import threading

      lock = threading.Lock()
      ready = len(sys.argv) > 1

      lock.acquire()
      if ready:
          raise SystemExit(1)
      lock.release()
    `;
    const document = analyzer.open(source);
    const each = document.analyzeEachPart();
    document.dispose();
    expect(codes(each)).toEqual(['GIL005@7']);
    expect(each.diagnostics).toEqual((await analyzer.analyze(source)).diagnostics);
  });

  it('keep their grouping while typing changes no name they link by, and group again when it does', async () => {
    const analyzer = await getAnalyzer();
    const document = analyzer.open(TWO_PROGRAMS);
    document.analyze();
    // A local renamed in run_drain: its part is analysed again, alone.
    let text = edit(document, TWO_PROGRAMS, 'workers', 'all_');
    text = edit(document, text, 'in workers', 'all_');
    text = edit(document, text, 'in workers', 'all_');
    let result = document.analyze();
    expect(result.parts?.map((part) => part.reused)).toEqual([true, false]);
    expect(codes(result)).toEqual(codes(await analyzer.analyze(text)));
    // drain() now reads the counter program's global: the two programs are one part.
    text = edit(document, text, 'tasks.pop())', 'counter + ');
    result = document.analyze();
    expect(result.parts).toHaveLength(1);
    expect(result.diagnostics).toEqual((await analyzer.analyze(text)).diagnostics);
    document.dispose();
  });

  it('are analysed again only when their text changed, and find what a fresh analysis finds', async () => {
    const analyzer = await getAnalyzer();
    const document = analyzer.open(TWO_PROGRAMS);
    expect(document.analyze().parts).toHaveLength(1);  // the first analysis reads the module whole
    // A longer loop in the counter program: its part is analysed again, the drain program's findings are kept.
    let text = edit(document, TWO_PROGRAMS, '100_000', '9');
    let result = document.analyze();
    expect(result.parts?.map((part) => part.reused)).toEqual([false, true]);
    expect(codes(result)).toEqual(codes(await analyzer.analyze(text)));
    // The kept part stands one character further on, on the same lines: its facts, made when read, read its text there.
    const call = text.indexOf('threading.Thread(target=drain)');
    const facts = factsAt(result, call);
    expect(facts?.starts.map((start) => start.call.start)).toEqual([call]);
    const runDrain = text.slice(text.indexOf('def run_drain'), text.indexOf('def main'));
    expect(facts?.module.source.slice(text.indexOf('def run_drain')).startsWith(runDrain)).toBe(true);
    // A lock around the drain (lines added: main's calls move, so both parts are analysed again): its GIL003 goes.
    text = edit(document, text, 'tasks = list', 'lock = threading.Lock()\n');
    const loop = '    while tasks:\n        done.append(tasks.pop())';
    text = typeInto(document, text, text.indexOf(loop), loop.length, '    while True:\n        with lock:\n            if not tasks:\n                return\n            done.append(tasks.pop())');
    result = document.analyze();
    expect(codes(result)).toEqual(codes(await analyzer.analyze(text)));
    expect(codes(result)).toEqual(['GIL001@7', 'GIL002@8']);
    document.dispose();
  });

  it('keep their findings when lines are added above them, moved with them (the lines their messages name too)', async () => {
    const analyzer = await getAnalyzer();
    const document = analyzer.open(TWO_PROGRAMS);
    document.analyze();
    // Two blank lines typed at the top of the file: every statement moves down.
    const text = edit(document, TWO_PROGRAMS, 'import threading', '\n\n');
    const result = document.analyze();
    expect(result.parts?.map((part) => part.reused)).toEqual([true, true]);
    const fresh = await analyzer.analyze(text);
    expect(result.diagnostics).toEqual(fresh.diagnostics);
    expect(codes(result)).toEqual(['GIL001@9', 'GIL002@10', 'GIL003@23']);
    expect(result.diagnostics.find((d) => d.code === 'GIL002')?.message).toContain('started at line 13');
    // The kept part's facts, made when read, stand where its statements now stand.
    const call = text.indexOf('threading.Thread(target=drain)');
    expect(factsAt(result, call)?.starts.map((start) => start.call.start)).toEqual([call]);
    document.dispose();
  });

  it('move their findings with a line added in another part, below the imports', async () => {
    const analyzer = await getAnalyzer();
    const document = analyzer.open(TWO_PROGRAMS);
    document.analyze();
    // A blank line typed in the counter program: the drain program's statements keep their text and move down.
    const text = edit(document, TWO_PROGRAMS, '    for _ in range(100_000)', '\n');
    const result = document.analyze();
    expect(result.parts?.map((part) => part.reused)).toEqual([false, true]);
    expect(result.diagnostics).toEqual((await analyzer.analyze(text)).diagnostics);
    expect(codes(result)).toEqual(['GIL001@8', 'GIL002@9', 'GIL003@22']);
    document.dispose();
  });

  it('keep their findings under a stray character that merges them for a version, and read their facts when asked', async () => {
    const analyzer = await getAnalyzer();
    const document = analyzer.open(TWO_PROGRAMS);
    document.analyze();
    const broken = edit(document, TWO_PROGRAMS, 'tasks = list', ')');
    expect(document.analyze().problems.some((problem) => problem.startsWith('syntax error'))).toBe(true);
    expect(typeInto(document, broken, broken.indexOf(')tasks'), 1, '')).toBe(TWO_PROGRAMS);
    const result = document.analyze();
    expect(result.parts?.every((part) => part.reused)).toBe(true);
    expect(codes(result)).toEqual(['GIL001@7', 'GIL002@8', 'GIL003@21']);
    // The facts of a kept part are made when read: the drain thread's start is there.
    const facts = factsAt(result, TWO_PROGRAMS.indexOf('threading.Thread(target=drain)'));
    expect(facts?.starts.map((start) => start.targetText)).toEqual(['drain']);
    document.dispose();
  });

  it('take a # noqa typed after a statement, outside the text a part is kept by', async () => {
    const analyzer = await getAnalyzer();
    const source = py`
      import threading

      counter = 0

      def bump():
          global counter
          for _ in range(100_000):
              counter += 1

      worker = threading.Thread(target=bump)
      worker.start()
      counter += 1
      worker.join()
    `;
    const document = analyzer.open(source);
    expect(codes(document.analyze())).toEqual(['GIL001@7', 'GIL002@8', 'GIL002@12']);
    // A comment after a top-level statement is no part of it: the part's findings are kept, the comment applies.
    edit(document, source, '\nworker.join()', '  # noqa: GIL002');
    const result = document.analyze();
    expect(result.parts?.map((part) => part.reused)).toEqual([true]);
    expect(codes(result)).toEqual(['GIL001@7', 'GIL002@8']);
    document.dispose();
  });
});
