// The text pre-checks must never say no where the syntax tree would say yes.

import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { WordHits, WordIndex, alternatives, grownNames, mayAssign, mayCall, mayGrow, mayMakeThreadLocal, mayPassAsArgument } from '../src/model/facts/text';
import { analyze, py } from './helpers';

describe('text pre-checks', () => {
  it('sees assignments in every spelling the tree accepts', () => {
    expect(mayAssign('self.total = 0', 'total')).toBe(true);
    expect(mayAssign('self.total: int = 0', 'total')).toBe(true);
    expect(mayAssign('self.total \\\n    = 0', 'total')).toBe(true);
    expect(mayAssign('if self.total == 0: pass', 'total')).toBe(false);
    expect(mayAssign('self.assertEqual(a, b)', 'assertEqual')).toBe(false);
    expect(mayAssign('self.subtotal = 0', 'total')).toBe(false);
    // One of several targets, bare, in brackets or over lines.
    expect(mayAssign('self.total, self.count = 0, 0', 'total')).toBe(true);
    expect(mayAssign('(self.total,\n self.count) = pair', 'total')).toBe(true);
    expect(mayAssign('[self.total, self.count] = pair', 'count')).toBe(true);
    expect(mayAssign('print(self.total, self.count)\nx == 1', 'total')).toBe(false);
  });

  it('sees calls, with spaces, line continuations or a comment before the parenthesis', () => {
    expect(mayCall('start_server()', 'start_server')).toBe(true);
    expect(mayCall('self.start_server (port)', 'start_server')).toBe(true);
    expect(mayCall('run(start_server  # why\n  (1))', 'start_server')).toBe(true);
    expect(mayCall('callback = start_server', 'start_server')).toBe(false);
    expect(mayCall('restart_server()', 'start_server')).toBe(false);
  });

  it('sees a name passed as an argument, positionally, in a tuple of arguments, or by keyword', () => {
    expect(mayPassAsArgument('fill(raw)', 'raw')).toBe(true);
    expect(mayPassAsArgument('Thread(target=fill, args=(part, raw))', 'raw')).toBe(true);
    expect(mayPassAsArgument('Thread(target=fill, args=(raw,))', 'raw')).toBe(true);
    expect(mayPassAsArgument('fill(part,\n     out=raw )', 'raw')).toBe(true);
    expect(mayPassAsArgument('raw.append(x)\ny = raw[0]\nif a == raw: pass', 'raw')).toBe(false);
    expect(mayPassAsArgument('fill(raw_pages)', 'raw')).toBe(false);
  });

  it('sees a container grow by a method, an augmented assignment, or a dict key', () => {
    expect(mayGrow('for p in ps:\n    paths.append(p)', 'paths', false)).toBe(true);
    expect(mayGrow('paths . extend (more)', 'paths', false)).toBe(true);
    expect(mayGrow('paths += [p]', 'paths', false)).toBe(true);
    expect(mayGrow('seen[key(x)] = True', 'seen', true)).toBe(true);
    // A list's item write keeps its length; reads and other objects' methods are not growth.
    expect(mayGrow('out[i] = x', 'out', false)).toBe(false);
    expect(mayGrow('if seen[k] == 1: pass', 'seen', true)).toBe(false);
    expect(mayGrow('n = len(paths)\nself.paths.append(p)\nall_paths.append(p)', 'paths', false)).toBe(false);
    expect(mayGrow('paths.count(p)', 'paths', false)).toBe(false);
  });

  it('sees every way code can make a thread-local, and rules out only prose', () => {
    expect(mayMakeThreadLocal('tls = threading.local()')).toBe(true);
    expect(mayMakeThreadLocal('class Ctx(threading.local):')).toBe(true);
    expect(mayMakeThreadLocal('class Ctx(local, Base):')).toBe(true);
    expect(mayMakeThreadLocal('from threading import local as TLS')).toBe(true);
    expect(mayMakeThreadLocal('from threading import (\n    local\n)')).toBe(true);
    expect(mayMakeThreadLocal('make = _thread._local\nctx = make()')).toBe(true);
    expect(mayMakeThreadLocal('make = threading.local if threaded else dict')).toBe(true);
    expect(mayMakeThreadLocal('# local time = utc time + utc offset\nmsg = "unable to get local issuer"')).toBe(false);
    expect(mayMakeThreadLocal("kind = 'local'\nlocals()\nlocal_copy = 1")).toBe(false);
  });

  it('answers for every name of a module in one pass as it does name by name', () => {
    const directory = join(__dirname, 'fixtures');
    const texts = readdirSync(directory).filter((name) => name.endsWith('.py')).map((name) => readFileSync(join(directory, name), 'utf8'));
    texts.push('a.append(1)\nb [k] = 2\nc+=[3]\nd[e[0]] == 1\nself.f.add(2)\ng . update({})\nh[1:2] = []\nheapq.heappush(i, 3)\ninsort( j ,4)\nheappush(k.x, 1)\nheappush(lm, 2)\n');
    let grown = 0;
    for (const text of texts) {
      const { byMethod, keyed } = grownNames(text);
      for (const name of new Set(text.match(/[A-Za-z_]\w*/g))) {
        expect(byMethod.has(name), name).toBe(mayGrow(text, name, false));
        expect(keyed.has(name), name).toBe(mayGrow(text, name, true));
        if (keyed.has(name)) grown++;
      }
    }
    expect(grown).toBeGreaterThan(10);
  });

  it('finds the same places with the word index as by scanning the text', () => {
    const directory = join(__dirname, 'fixtures');
    const texts = readdirSync(directory).filter((name) => name.endsWith('.py')).map((name) => readFileSync(join(directory, name), 'utf8'));
    texts.push('jobs.append(1)\n1jobs.append(2)\njobs2.append(3)\nx.jobs[k] = 1\nf(jobs)\nf(a, jobs)\ng(out=jobs)\nnaïve_jobs += [1]\njobs');
    let checked = 0;
    for (const text of texts) {
      const words = new WordIndex(text);
      for (const name of new Set(text.match(/[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*/g))) {
        const whole = [...text.matchAll(new RegExp(`(?<![\\w\\u0080-\\uffff])${escapeName(name)}(?![\\w\\u0080-\\uffff])`, 'g'))].map((m) => m.index);
        expect(words.occurrences(name), name).toEqual(whole);
        for (const keyed of [false, true]) {
          for (const asAttribute of [false, true]) {
            expect(mayGrow(text, name, keyed, asAttribute, words), name).toBe(mayGrow(text, name, keyed, asAttribute));
          }
        }
        expect(mayPassAsArgument(text, name, words), name).toBe(mayPassAsArgument(text, name));
        checked++;
      }
      const middle = text.length >> 1;
      const name = text.match(/[A-Za-z_]\w*/)?.[0];
      if (name) expect(words.within(name, middle, text.length)).toEqual(words.occurrences(name).filter((at) => at >= middle));
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('finds a whole match inside a range', () => {
    const text = 'def a():\n    pool.submit(f)\n\ndef b():\n    pass\n';
    const hits = new WordHits(text, new RegExp(`\\.(${alternatives(['submit', 'map'])})\\(`, 'g'));
    const b = text.indexOf('def b');
    expect(hits.within(0, b)).toBe(true);
    expect(hits.within(b, text.length)).toBe(false);
    expect(hits.within(0, text.indexOf('submit'))).toBe(false);
  });
});

describe('the pre-check before analysis', () => {
  it('skips a file whose thread words are all prose (comments, docstrings, strings)', async () => {
    const prose = py`
      """Helpers that are not thread-safe; see the Timer notes."""
      # acquire nothing here: callers hold the lock
      NOTE = "runs in an executor, async or not"
      def total(xs):
          return sum(xs)  # thread
    `;
    const result = await analyze(prose);
    expect(result.parts).toBeUndefined();
    expect(result.diagnostics).toEqual([]);
  });

  it('analyzes a file as soon as one word is code, however much prose comes first', async () => {
    const code = py`
      """Thread, Timer, acquire, async, executor: all in a docstring."""
      # a thread comment, an acquire comment
      # an async comment, an executor comment
      from threading import Thread as Worker
      counter = 0
      def bump():
          global counter
          for _ in range(100_000):
              counter += 1
      workers = [Worker(target=bump) for _ in range(4)]
      for w in workers: w.start()
    `;
    const result = await analyze(code);
    expect(result.parts).toBeDefined();
    expect(result.diagnostics.map((d) => d.code)).toContain('GIL002');
  });

  it('analyzes processes too: their starts are shown in the editor', async () => {
    const processes = py`
      import multiprocessing
      def square(n):
          return sum(i * i for i in range(n))
      if __name__ == "__main__":
          procs = [multiprocessing.Process(target=square, args=(10**6,)) for _ in range(2)]
          for p in procs: p.start()
          for p in procs: p.join()
    `;
    const result = await analyze(processes);
    expect(result.parts?.flatMap((part) => part.facts.starts.map((start) => start.isProcess))).toEqual([true]);
  });

  it("an f-string's interpolation is code, and so is text in a syntax error", async () => {
    expect((await analyze('print(f"{threading.active_count()}")\n')).parts).toBeDefined();
    expect((await analyze('x = (threading\n')).parts).toBeDefined();
  });
});

function escapeName(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
