// Hovers, from the analysis and the prediction of real example files, at the places a developer would point at.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { factsAt, factsWithStarts } from '../src/model';
import { hoverAt } from '../src/model/assist/hover';
import { fileSummary, startLenses } from '../src/model/assist/lens';
import { LineIndex } from '../src/model/parse/syntax';
import { getAnalyzer, py } from './helpers';

const EXAMPLES = join(__dirname, '..', 'examples');

async function hoverOn(source: string, needle: string, nth = 0): Promise<string | undefined> {
  const analyzer = await getAnalyzer();
  const result = analyzer.open(source).analyze();
  const { prediction } = analyzer.predict(source);
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = source.indexOf(needle, offset + 1);
  expect(offset, needle).toBeGreaterThanOrEqual(0);
  const facts = factsAt(result, offset + 1);
  return facts && hoverAt({ source, diagnostics: result.diagnostics, facts, prediction, lines: new LineIndex(source) }, offset + 1)?.markdown;
}

describe('hovers', () => {
  it('explain a flagged update at its line: the read-modify-write, the versions it shows on, free-threading', async () => {
    const source = readFileSync(join(EXAMPLES, 'counter_four_threads.py'), 'utf8');
    const text = await hoverOn(source, 'counter += 1', 1);
    expect(text).toMatch(/^\*\*GIL002 · /);
    expect(text).toMatch(/Latent on CPython 3\.10–3\.13/);
    expect(text).toMatch(/free-threaded builds \(3\.13t, 3\.14t\)/);
    expect(text).toMatch(/```python\n/);
  });

  it('says an update with a call inside loses updates today', async () => {
    const source = py`
      import threading
      total = 0

      def weigh(x):
          return x * 2

      def add(items):
          global total
          for item in items:
              total += weigh(item)

      threads = [threading.Thread(target=add, args=(list(range(1000)),)) for _ in range(4)]
      for t in threads:
          t.start()
    `;
    expect(await hoverOn(source, 'total += weigh')).toMatch(/Loses updates today/);
  });

  it('says child processes lose updates of a shared Value on every version, the GIL notwithstanding', async () => {
    const source = py`
      import multiprocessing

      def count(hits):
          for _ in range(1000):
              hits.value += 1

      if __name__ == "__main__":
          hits = multiprocessing.Value("i", 0)
          procs = [multiprocessing.Process(target=count, args=(hits,)) for _ in range(4)]
          for p in procs:
              p.start()
    `;
    const text = await hoverOn(source, 'hits.value += 1');
    expect(text).toMatch(/^\*\*GIL002 · /);
    expect(text).toMatch(/Loses updates on every version/);
    expect(text).not.toMatch(/Latent/);
  });

  it('tell what the GIL model predicts for the threads a start makes', async () => {
    const source = readFileSync(join(EXAMPLES, 'counter_four_threads.py'), 'utf8');
    const text = await hoverOn(source, 'threading.Thread(');
    expect(text).toMatch(/^\*\*4 threads running `increment` \(threading\.Thread\)\*\*/);
    expect(text).toMatch(/running \d+%, waiting for the GIL \d+%/);
    expect(text).toMatch(/take turns/);
    const sleeping = await hoverOn(readFileSync(join(EXAMPLES, 'downloads_threads_sleep.py'), 'utf8'), 'threading.Thread(');
    expect(sleeping).toMatch(/waits overlap/);
  });

  it('say which calls release the GIL, and explain the switch interval, processes and locks', async () => {
    const sleepy = readFileSync(join(EXAMPLES, 'downloads_threads_sleep.py'), 'utf8');
    expect(await hoverOn(sleepy, 'time.sleep', 1)).toMatch(/`time\.sleep` \*\*releases the GIL\*\*/);
    const hashing = readFileSync(join(EXAMPLES, 'password_hash_pbkdf2_threads.py'), 'utf8');
    expect(await hoverOn(hashing, 'pbkdf2_hmac')).toMatch(/releases the GIL/);
    const source = py`
      import sys
      import threading
      import multiprocessing
      from concurrent.futures import ProcessPoolExecutor

      sys.setswitchinterval(0.001)
      lock = threading.Lock()

      def work():
          with lock:
              pass

      threading.Thread(target=work).start()
      multiprocessing.Process(target=work).start()
      with ProcessPoolExecutor() as pool:
          pool.submit(work)
    `;
    expect(await hoverOn(source, 'setswitchinterval')).toMatch(/switch interval|waiting thread asks/);
    expect(await hoverOn(source, 'threading.Lock')).toMatch(/\*\*lock\*\*/);
    expect(await hoverOn(source, 'ProcessPoolExecutor()')).toMatch(/\*\*processes\*\* have an interpreter and a GIL each/);
    expect(await hoverOn(source, 'multiprocessing.Process')).toMatch(/Each process has an interpreter and a GIL of its own/);
  });
});

describe('code lenses and the status bar', () => {
  it('sum up each start in a few words', async () => {
    const analyzer = await getAnalyzer();
    const read = (name: string) => readFileSync(join(EXAMPLES, name), 'utf8');
    const lens = (name: string) => {
      const source = read(name);
      const result = analyzer.open(source).analyze();
      const prediction = analyzer.predict(source).prediction!;
      return factsWithStarts(result).flatMap((facts) => startLenses(facts, prediction)).map((l) => l.title);
    };
    expect(lens('counter_four_threads.py')).toEqual([expect.stringMatching(/^4 threads · serialized by the GIL · 0\.\d\d× vs sequential$/)]);
    expect(lens('downloads_threads_sleep.py')).toEqual([expect.stringMatching(/^3 threads · waits overlap · 3\.00× vs sequential$/)]);
    expect(lens('squares_multiprocessing.py')).toEqual([expect.stringMatching(/^2 processes · in parallel · 1\.\d\d× vs sequential$/)]);
    const prediction = analyzer.predict(read('counter_four_threads.py')).prediction!;
    expect(fileSummary(2, prediction)).toMatch(/^GIL: 2 findings · threads 0\.\d\d×$/);
    expect(fileSummary(0, undefined)).toBe('GIL: no findings');
  });
});
