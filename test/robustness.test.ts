// Bad input never breaks the analyzer or `gil-lens check`: binary, undecodable and oddly encoded files, syntax
// errors, pathological nesting, a ~10 MB file and thousands of files each end in a clear problem or a partial
// result, never an exception, a hang or a stack trace. Large inputs are generated in the temporary directory.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePython, readPythonFile } from '../src/cli/files';
import { main } from '../src/cli/main';
import type { AnalysisResult } from '../src/model';
import { CLI } from './buildCli';
import { analyze, getAnalyzer, py } from './helpers';

/** A threaded program with a known race: after one line of imports, GIL001 on line 6 and GIL002 on line 7. */
function counterProgram(name = 'counter'): string {
  return py`
    ${name} = 0

    def increment_${name}():
        global ${name}
        for _ in range(100_000):
            ${name} += 1

    for _ in range(4):
        threading.Thread(target=increment_${name}).start()
  `;
}

function found(result: AnalysisResult): string[] {
  return result.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`);
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'gil-lens-robust-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

async function check(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (text) => { out += text; }, (text) => { err += text; });
  return { code, out, err };
}

describe('files that are not plain UTF-8 Python', () => {
  const program = `import threading\n${counterProgram()}`;

  it('a binary file (NUL bytes) is a problem, not an analysis', async () => {
    expect(decodePython(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]))).toEqual({ problem: 'binary file (contains NUL bytes): not analyzed' });
    const path = join(scratch, 'lib.py');
    writeFileSync(path, Buffer.concat([Buffer.from(program), Buffer.from([0x00, 0x00, 0xff])]));
    expect(await check('check', path)).toEqual({ code: 0, out: `${path}: binary file (contains NUL bytes): not analyzed\nNo findings in 1 file.\n`, err: '' });
  });

  it('invalid UTF-8 is a problem', () => {
    expect(decodePython(Buffer.concat([Buffer.from(program), Buffer.from('x = "\xe9t\xe9"\n', 'latin1')])))
      .toEqual({ problem: 'not valid UTF-8 text: not analyzed' });
  });

  it('a latin-1 file with a coding cookie is decoded as Python would and analyzed', async () => {
    const source = `# -*- coding: latin-1 -*-\n"""Caf\u00e9 cr\u00e8me: a r\u00e9sum\u00e9 of \u00bfraces?"""\nimport threading\n${counterProgram()}`;
    const path = join(scratch, 'latin.py');
    writeFileSync(path, Buffer.from(source, 'latin1'));
    expect(readPythonFile(path)).toEqual({ text: source });
    const result = await check('check', '--format', 'json', path);
    expect(result.code).toBe(1);
    const [file] = JSON.parse(result.out).files;
    expect(file.problems).toEqual([]);
    expect(file.diagnostics.map((d: { code: string; line: number }) => `${d.code}@${d.line}`)).toEqual(['GIL001@8', 'GIL002@9']);
  });

  it.each([
    ['# vim: set fileencoding=latin_1 :', 'latin1'],
    ['# coding=iso-8859-1-unix', 'latin1'],
    ['# coding: cp1252', 'latin1'],
    ['# -*- coding: utf-8-unix -*-', 'utf8'],
  ] as const)('the cookie %j is understood', (cookie, bytes) => {
    expect(decodePython(Buffer.from(`${cookie}\nx = "caf\u00e9"\n`, bytes))).toEqual({ text: `${cookie}\nx = "caf\u00e9"\n` });
  });

  it.each([
    [Buffer.from('# coding: klingon\nx = 1\n'), 'unknown source encoding "klingon": not analyzed'],
    [Buffer.from('# coding: ascii\nx = "caf\xe9"\n', 'latin1'), 'not valid ASCII text: not analyzed'],
    [Buffer.from('\xef\xbb\xbf# coding: latin-1\nx = 1\n', 'latin1'), 'UTF-8 byte order mark with a "latin-1" coding cookie: not analyzed'],
  ])('an encoding Python would refuse is a problem: %s', (bytes, problem) => {
    expect(decodePython(bytes)).toEqual({ problem });
  });

  it('a cookie on line 2 counts only after a comment or blank line, as in CPython', () => {
    expect(decodePython(Buffer.from('#!/usr/bin/env python\n# coding: latin-1\nx = "\xe9"\n', 'latin1'))).toEqual({ text: '#!/usr/bin/env python\n# coding: latin-1\nx = "\u00e9"\n' });
    expect(decodePython(Buffer.from('x = 1\n# coding: latin-1\ny = "\xe9"\n', 'latin1'))).toEqual({ problem: 'not valid UTF-8 text: not analyzed' });
  });

  it('old Mac line endings (lone CR) are line breaks, as Python reads them', async () => {
    const decoded = decodePython(Buffer.from(program.replace(/\n/g, '\r')));
    expect('text' in decoded && found(await analyze(decoded.text))).toEqual(['GIL001@6:5', 'GIL002@7:9']);
  });

  it('a file that cannot be read is an I/O error, not a crash', () => {
    expect(readPythonFile(scratch)).toEqual({ problem: 'cannot read: EISDIR', unreadable: true });
  });

  it('empty and blank files are checked quietly', async () => {
    for (const text of ['', '\n\n\n', '   \t  ', '\ufeff', '# only a comment about threading\n']) {
      expect(await analyze(text)).toMatchObject({ diagnostics: [], problems: [] });
    }
  });
});

describe('syntax errors', () => {
  it('are listed as "syntax error at L:C", and the findings in the valid parts are still reported', async () => {
    const result = await analyze(py`
      import threading

      counter = 0


      def broken_assignment():
          x = = 1
          return x


      def increment():
          global counter
          for _ in range(100_000):
              counter += 1


      def broken_keyword():
          class = 3
          return class


      def broken_tokens():
          total = 1 +* 2 $ 3
          return total ?? 0


      threads = [threading.Thread(target=increment) for _ in range(4)]
      for t in threads:
          t.start()
      for t in threads:
          t.join()
    `);
    expect(result.problems).toEqual(['syntax error at 7:9', 'syntax error at 18:5', 'syntax error at 19:5', 'syntax error at 23:5']);
    expect(found(result)).toEqual(['GIL001@13:5', 'GIL002@14:9']);
  });

  it('a broken line whose value holds itself (error recovery joins it to the next) still ends', async () => {
    // A fuzzed example (seed 76): `items` came to stand for an expression reading `items[i::2]`, and describing a
    // thread's arguments followed the value into itself until the stack overflowed.
    const source = [
      'import threading', '', '', 'def work(batch):', '    pass', '', '',
      'items = liems())', 'threads = [threading.Thread(target=work, args=(items[i::2],)) for i in range(2)]',
      'for t in threads:', '    t.start()', '',
    ].join('\n');
    const result = await analyze(source);
    expect(result.problems).toEqual(['syntax error at 8:9']);
  });

  it('a file that is nothing but errors gives problems, never an exception', async () => {
    const garbage = `import threading\n${Array.from({ length: 2000 }, (_, i) => `)]}${'@$?'.repeat(i % 7)} def class ( = = :\n\t  \\\n`).join('')}`;
    const result = await analyze(garbage);
    expect(result.diagnostics).toEqual([]);
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.every((problem) => /^syntax error at \d+:\d+/.test(problem))).toBe(true);
  });
});

describe('pathological nesting and size', () => {
  // Each is a valid (or nearly valid) module that mentions threading, so the whole analysis runs; the race after it
  // must still be found.
  const cases: [string, () => string][] = [
    ['1,000 nested parentheses', () => `x = ${'('.repeat(1000)}1${')'.repeat(1000)}\n`],
    ['1,000 nested lists and calls', () => `x = ${'f(['.repeat(500)}1${'])'.repeat(500)}\n`],
    ['200 nested if blocks', () => `${Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}if x${i}:\n`).join('')}${' '.repeat(200)}pass\n`],
    ['a 50,000-term sum', () => `x = ${Array(50_000).fill('1').join(' + ')}\n`],
    ['a 20,000-link attribute and call chain', () => `x = a${'.b()'.repeat(20_000)}\n`],
    ['300 nested function definitions', () => `${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}def f${i}():\n`).join('')}${' '.repeat(300)}return 1\n`],
    ['300 nested functions each calling the next', () => Array.from({ length: 300 }, (_, i) => {
      const indent = ' '.repeat(i);
      return `${indent}def g${i}():\n${indent} counter_g = ${i}\n${i < 299 ? `${indent} g${i + 1}()\n` : ''}`;
    }).join('')],
    ['1,000 nested lambdas', () => `x = ${'lambda: '.repeat(1000)}1\n`],
  ];

  it.each(cases)('%s: no exception, done in seconds, later findings kept', async (_name, make) => {
    const source = `import threading\n${make()}\n${counterProgram()}`;
    const line = source.split('\n').indexOf('def increment_counter():') + 1;
    const started = performance.now();
    const result = await analyze(source);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.problems.filter((problem) => problem.startsWith('internal'))).toEqual([]);
    expect(found(result)).toContain(`GIL002@${line + 3}:9`);
  });

  it('a ~10 MB file completes, with the findings in it', async () => {
    // A generated module as they come: a threaded service, many helpers, and a large embedded resource.
    const parts = [`import threading\n${counterProgram()}`];
    for (let k = 0; k < 8_000; k++) {
      parts.push(`\n\ndef helper_${k}(a, b):\n    """Scale and clamp."""\n    c = a + b * ${k}\n    if c > 10:\n        return c - 1\n    return [x for x in range(c)]\n`);
    }
    parts.push('\n\nRESOURCE = (\n');
    let size = parts.reduce((total, part) => total + part.length, 0);
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const line = `    b"${Buffer.from(`resource block ${i} `.repeat(4)).toString('base64')}"\n`;
      parts.push(line);
      size += line.length;
    }
    parts.push(')\n');
    const source = parts.join('');
    expect(source.length).toBeGreaterThan(10 * 1024 * 1024);
    const result = await analyze(source);
    expect(result.problems).toEqual([]);
    expect(found(result)).toEqual(['GIL001@6:5', 'GIL002@7:9']);
  });
});

describe('many files', () => {
  it('a directory of 3,000 small files is reported in full by the CLI', () => {
    const tree = join(scratch, 'three-thousand');
    for (let i = 0; i < 3_000; i++) {
      const directory = join(tree, `package_${String(i % 30).padStart(2, '0')}`);
      if (i < 30) mkdirSync(directory, { recursive: true });
      const content = i % 100 === 0 ? `import threading\n${counterProgram(`counter_${i}`)}` : `import threading\n\n\ndef work_${i}(items):\n    return sorted(items)[:${i}]\n`;
      writeFileSync(join(directory, `module_${String(i).padStart(4, '0')}.py`), content);
    }
    const result = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', tree], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const files = JSON.parse(result.stdout).files as { path: string; problems: string[]; diagnostics: { code: string }[] }[];
    expect(files).toHaveLength(3_000);
    expect(new Set(files.map((file) => file.path)).size).toBe(3_000);
    expect(files.map((file) => file.path)).toEqual([...files.map((file) => file.path)].sort());
    expect(files.filter((file) => file.problems.length > 0)).toEqual([]);
    expect(files.flatMap((file) => file.diagnostics.map((d) => d.code)).sort()).toEqual([...Array(30).fill('GIL001'), ...Array(30).fill('GIL002')]);
  });
});

describe('facts read after an analysis', () => {
  it('never read a freed syntax tree: a body a one-shot analysis left unread says so, an open document reads it', async () => {
    // The analysis builds function bodies only when it reads them; the rest point into the parser's memory.
    const source = py`
      import threading

      LIMIT = 10

      def untouched():
          total = 0
          for i in range(LIMIT):
              total += i
          return total

      threading.Thread(target=print, args=(LIMIT,)).start()
    `;
    const analyzer = await getAnalyzer();
    const bodyOf = (result: AnalysisResult) => result.parts!.flatMap((part) => part.facts.module.functions).find((fn) => fn.name === 'untouched')!.body!.children;
    expect(() => bodyOf(analyzer.analyze(source))).toThrow(/syntax tree was freed/);
    const document = analyzer.open(source);
    expect(bodyOf(document.analyze()).map((statement) => statement.type)).toEqual(['expression_statement', 'for_statement', 'return_statement']);
    document.dispose();
  });
});
