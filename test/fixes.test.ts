// Quick fixes, as the editor applies them: each fix's edits applied to the file, the result compared with what a
// developer would write, and analyzed again: the finding it fixes is gone and nothing new appears.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AnalysisResult, type Diagnostic, type Facts, factsAtDiagnostic } from '../src/model';
import { type Fix, applyEdits, quickFixes } from '../src/model/assist/fixes';
import { LineIndex } from '../src/model/parse/syntax';
import { analyze, analyzeOpen, py } from './helpers';

const EXAMPLES = join(__dirname, '..', 'examples');

async function fixesFor(source: string, code: string): Promise<Fix[]> {
  const result = await analyzeOpen(source);
  const finding = result.diagnostics.find((d) => d.code === code);
  expect(finding, `${code} in the source`).toBeDefined();
  return quickFixes(source, finding!, factsOf(source, result, finding!));
}

/** The facts of the part of the module a finding is in, as the editor reads them for its fixes. */
function factsOf(source: string, result: AnalysisResult, finding: Diagnostic): Facts | undefined {
  return factsAtDiagnostic(result, finding, new LineIndex(source));
}

async function codes(source: string): Promise<string[]> {
  return (await analyze(source)).diagnostics.map((d) => `${d.code}@${d.line}`);
}

describe('quick fixes', () => {
  it('wraps an unlocked update in a new module-level lock, importing nothing twice', async () => {
    const source = readFileSync(join(EXAMPLES, 'counter_four_threads.py'), 'utf8');
    const [wrap] = await fixesFor(source, 'GIL002');
    expect(wrap.title).toMatch(/with counter_lock:/);
    expect(wrap.preferred).toBe(true);
    const fixed = applyEdits(source, wrap.edits);
    expect(fixed).toContain('import threading\ncounter_lock = threading.Lock()\n');
    expect(fixed.match(/^import threading$/gm)).toHaveLength(1);
    expect(fixed).toContain('    for _ in range(N):\n        with counter_lock:\n            counter += 1\n');
    expect((await codes(fixed)).filter((c) => c.startsWith('GIL002'))).toEqual([]);
  });

  it('takes the other lock, never the one held, when two locks guard one dict from two sides', async () => {
    const source = py`
      import threading

      stock = {"widget": 500}
      order_lock = threading.Lock()
      restock_lock = threading.Lock()

      def order(qty):
          with order_lock:
              stock["widget"] -= qty

      def restock(qty):
          with restock_lock:
              stock["widget"] += qty

      threads = [threading.Thread(target=order, args=(5,)) for _ in range(3)]
      threads.append(threading.Thread(target=restock, args=(50,)))
      for t in threads:
          t.start()
      for t in threads:
          t.join()
    `;
    expect(await codes(source)).toEqual(['GIL002@9', 'GIL002@13']);
    const [wrap] = await fixesFor(source, 'GIL002');
    expect(wrap.title).toMatch(/with restock_lock:/);
    const fixed = applyEdits(source, wrap.edits);
    expect(fixed).toContain('    with order_lock:\n        with restock_lock:\n            stock["widget"] -= qty\n');
    // Both updates now hold restock_lock: neither is reported.
    expect(await codes(fixed)).toEqual([]);
  });

  it('holds the lock the file already has across a whole check-then-act', async () => {
    const source = py`
      import threading

      lock = threading.Lock()
      tasks = list(range(1000))
      done = []

      def worker():
          while True:
              if tasks:
                  n = tasks.pop()
                  done.append(n)
              else:
                  break

      threads = [threading.Thread(target=worker) for _ in range(4)]
      for t in threads:
          t.start()
      for t in threads:
          t.join()
    `;
    const [wrap] = await fixesFor(source, 'GIL003');
    expect(wrap.title).toMatch(/with lock:/);
    const fixed = applyEdits(source, wrap.edits);
    expect(fixed).toContain([
      '    while True:',
      '        with lock:',
      '            if tasks:',
      '                n = tasks.pop()',
      '                done.append(n)',
      '            else:',
      '                break',
    ].join('\n'));
    expect(fixed.match(/threading\.Lock\(\)/g)).toHaveLength(1);
    expect(await codes(fixed)).not.toContainEqual(expect.stringMatching(/^GIL003/));
  });

  it('adds # noqa with the code, or the code to a noqa already there', async () => {
    const source = readFileSync(join(EXAMPLES, 'counter_four_threads.py'), 'utf8');
    const suppress = (await fixesFor(source, 'GIL002')).at(-1)!;
    const fixed = applyEdits(source, suppress.edits);
    expect(fixed).toContain('counter += 1  # noqa: GIL002\n');
    expect(await codes(fixed)).not.toContainEqual(expect.stringMatching(/^GIL002/));

    const both = py`
      import threading
      counter = 0

      def bump():
          global counter
          for _ in range(100_000):
              counter += 1  # noqa: GIL001

      threads = [threading.Thread(target=bump) for _ in range(2)]
      for t in threads:
          t.start()
    `;
    const again = (await fixesFor(both, 'GIL002')).at(-1)!;
    expect(applyEdits(both, again.edits)).toContain('counter += 1  # noqa: GIL001, GIL002\n');
  });

  it('offers no threading lock for a race between processes, only the noqa', async () => {
    const source = py`
      import multiprocessing

      def sell(seats, n):
          if seats.value >= n:
              seats.value -= n

      if __name__ == "__main__":
          seats = multiprocessing.Value("i", 10)
          procs = [multiprocessing.Process(target=sell, args=(seats, 3)) for _ in range(4)]
          for p in procs:
              p.start()
    `;
    for (const code of ['GIL002', 'GIL003']) {
      const fixes = await fixesFor(source, code);
      expect(fixes.map((fix) => fix.title)).toEqual([expect.stringMatching(/noqa/)]);
    }
  });

  it('moves CPU-bound pool work to processes, adding the __main__ guard workers need', async () => {
    const source = py`
      from concurrent.futures import ThreadPoolExecutor

      def crunch(n):
          total = 0
          for i in range(n):
              total += i * i
          return total

      with ThreadPoolExecutor(max_workers=4) as pool:
          results = list(pool.map(crunch, [2_000_000, 2_000_000, 2_000_000, 2_000_000]))
      print(sum(results))
    `;
    const fixes = await fixesFor(source, 'GIL001');
    const pool = fixes.find((fix) => fix.title.includes('ProcessPoolExecutor'))!;
    const fixed = applyEdits(source, pool.edits);
    expect(fixed).toContain('from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor\n');
    expect(fixed).toContain(py`
      if __name__ == "__main__":
          with ProcessPoolExecutor(max_workers=4) as pool:
              results = list(pool.map(crunch, [2_000_000, 2_000_000, 2_000_000, 2_000_000]))
      print(sum(results))
    `);
    expect(await codes(fixed)).not.toContainEqual(expect.stringMatching(/^GIL001/));

    // A file that has its guard keeps it.
    const guarded = readFileSync(join(EXAMPLES, 'threadpool_fib_map.py'), 'utf8');
    const swap = (await fixesFor(guarded, 'GIL001')).find((fix) => fix.title.includes('ProcessPoolExecutor'))!;
    const swapped = applyEdits(guarded, swap.edits);
    expect(swapped.match(/__main__/g)).toHaveLength(1);
    expect(swapped).toContain('with ProcessPoolExecutor(max_workers=4) as executor:');
  });

  it('awaits a blocking call off the event loop: the loop\'s own sleep, or the call in a worker thread', async () => {
    const source = py`
      import asyncio
      import socket
      import threading
      import time

      def beacon(sock):
          sock.sendall(b"ping")

      async def poll(sock, pause):
          time.sleep(pause)
          reply = sock.recv(64).decode()
          return reply

      async def main():
          left, right = socket.socketpair()
          sender = threading.Thread(target=beacon, args=(left,))
          sender.start()
          sender.join()
          print(await asyncio.gather(poll(right, 0.01), asyncio.sleep(0.01)))

      asyncio.run(main())
    `;
    expect(await codes(source)).toEqual(['GIL004@10', 'GIL004@11', 'GIL004@18']);
    let fixed = source;
    for (const line of [18, 11, 10]) {
      const result = await analyzeOpen(fixed);
      const finding = result.diagnostics.find((d) => d.code === 'GIL004' && d.line === line)!;
      const [fix] = quickFixes(fixed, finding, factsOf(fixed, result, finding));
      expect(fix.preferred).toBe(true);
      fixed = applyEdits(fixed, fix.edits);
    }
    expect(fixed).toContain('    await asyncio.sleep(pause)\n');
    expect(fixed).toContain('    reply = (await asyncio.to_thread(sock.recv, 64)).decode()\n');
    expect(fixed).toContain('    await asyncio.to_thread(sender.join)\n');
    const after = await analyze(fixed);
    expect(after.problems).toEqual([]);
    expect(after.diagnostics.map((d) => d.code)).toEqual([]);
  });

  it('imports asyncio for the fix when the file has not, and uses the name it gave it when it has', async () => {
    const bare = py`
      import time
      from asyncio import run

      async def main():
          time.sleep(0.1)

      run(main())
    `;
    const [sleep] = await fixesFor(bare, 'GIL004');
    const fixed = applyEdits(bare, sleep.edits);
    expect(fixed).toContain('from asyncio import run\nimport asyncio\n');
    expect(fixed).toContain('    await asyncio.sleep(0.1)\n');
    expect(await codes(fixed)).toEqual([]);

    const aliased = py`
      import asyncio as aio
      import subprocess

      async def build(target):
          subprocess.run(["true", target], check=True)

      aio.run(build("docs"))
    `;
    const [run] = await fixesFor(aliased, 'GIL004');
    expect(run.title).toBe('Run subprocess.run(...) in a worker thread (await aio.to_thread)');
    const ran = applyEdits(aliased, run.edits);
    expect(ran).toContain('    await aio.to_thread(subprocess.run, ["true", target], check=True)\n');
    expect(ran).not.toContain('import asyncio\n');
    expect(await codes(ran)).toEqual([]);
  });

  it('awaits the coroutine\'s call of a blocking helper, and offers only the noqa for a with item', async () => {
    const source = py`
      import asyncio
      import json
      import time

      def settle(seconds):
          time.sleep(seconds)

      async def main(path):
          settle(0.2)
          with open(path, "w") as fh:
              json.dump({"done": True}, fh)

      asyncio.run(main("/dev/null"))
    `;
    const result = await analyzeOpen(source);
    const [helper, opened] = result.diagnostics.filter((d) => d.code === 'GIL004');
    expect([helper.line, opened.line]).toEqual([6, 10]);
    const [fix] = quickFixes(source, helper, factsOf(source, result, helper));
    expect(fix.title).toBe('Run settle(...) in a worker thread where `async def main` calls it (await asyncio.to_thread)');
    const fixed = applyEdits(source, fix.edits);
    expect(fixed).toContain('    await asyncio.to_thread(settle, 0.2)\n');
    expect(fixed).toContain('    time.sleep(seconds)\n');
    expect(await codes(fixed)).toEqual(['GIL004@10']);
    expect(quickFixes(source, opened, factsOf(source, result, opened)).map((f) => f.title)).toEqual(['Suppress GIL004 on this line (# noqa)']);
  });

  it('turns acquire ... release into a with block, dropping the releases before early returns', async () => {
    const source = py`
      import threading

      balance = 100
      balance_lock = threading.Lock()

      def withdraw(amount):
          balance_lock.acquire()  # take it
          global balance
          if amount > balance:
              balance_lock.release()
              return False
          if amount < 0:
              raise ValueError("negative amount")
          balance -= amount
          balance_lock.release()
          return True

      threads = [threading.Thread(target=withdraw, args=(30,)) for _ in range(4)]
      for t in threads:
          t.start()
      for t in threads:
          t.join()
    `;
    const [fix] = await fixesFor(source, 'GIL005');
    expect(fix.title).toBe('Hold balance_lock in a with block (released on every path)');
    expect(fix.preferred).toBe(true);
    const fixed = applyEdits(source, fix.edits);
    expect(fixed).toContain(py`
      def withdraw(amount):
          with balance_lock:  # take it
              global balance
              if amount > balance:
                  return False
              if amount < 0:
                  raise ValueError("negative amount")
              balance -= amount
          return True
    `);
    const after = await analyze(fixed);
    expect(after.problems).toEqual([]);
    expect(after.diagnostics.map((d) => d.code)).toEqual([]);
  });

  it('makes an awaited asyncio lock an async with block', async () => {
    const source = py`
      import asyncio

      async def record(lock, log, line):
          await lock.acquire()
          log.append(int(line))
          lock.release()

      async def main():
          lock = asyncio.Lock()
          log = []
          await asyncio.gather(*(record(lock, log, str(i)) for i in range(3)))

      asyncio.run(main())
    `;
    const [fix] = await fixesFor(source, 'GIL005');
    const fixed = applyEdits(source, fix.edits);
    expect(fixed).toContain('    async with lock:\n        log.append(int(line))\n\nasync def main');
    expect((await codes(fixed)).filter((c) => c.startsWith('GIL005'))).toEqual([]);
  });

  it('offers no with block where one would hold the lock longer than the code does', async () => {
    const source = py`
      import threading

      lock = threading.Lock()
      done = []

      def drain(jobs):
          for job in jobs:
              lock.acquire()
              if job is None:
                  lock.release()
                  continue
              if job < 0:
                  return
              done.append(job)
              lock.release()

      def never(jobs):
          lock.acquire()
          done.extend(jobs)

      threading.Thread(target=drain, args=([1, None, -1],)).start()
      threading.Thread(target=never, args=([2],)).start()
    `;
    const result = await analyzeOpen(source);
    const findings = result.diagnostics.filter((d) => d.code === 'GIL005');
    expect(findings.map((d) => d.line)).toEqual([8, 18]);
    for (const finding of findings) {
      expect(quickFixes(source, finding, factsOf(source, result, finding)).map((fix) => fix.title)).toEqual(['Suppress GIL005 on this line (# noqa)']);
    }
  });
});
