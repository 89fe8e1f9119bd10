// GIL004 blocking-call-in-async: a blocking call on the event loop thread.

import type { Facts } from '../facts';
import type { BlockingCall } from '../facts/execution';
import type { Syntax } from '../parse/syntax';
import { code } from './describe';
import type { Finding, Rule } from './types';

const REPLACEMENTS: Record<string, string> = {
  'time.sleep': '`await asyncio.sleep(...)`',
  'a sleep': '`await asyncio.sleep(...)`',
  'an HTTP request': 'an async client (aiohttp, httpx.AsyncClient) or `await asyncio.to_thread(...)`',
  'file I/O': '`await asyncio.to_thread(...)` for the whole read or write (or aiofiles)',
  'a flush to disk': '`await asyncio.to_thread(...)` for the whole write and flush',
};

export const blockingCallInAsync: Rule = {
  doc: {
    code: 'GIL004',
    name: 'blocking-call-in-async',
    title: 'Blocking call inside a coroutine',
    whatItDoes:
      'Finds calls that block the calling thread (`time.sleep`, `urlopen`, `requests.get`, blocking socket calls, '
      + '`subprocess.run`, file reads and writes, `queue.Queue.get`, `Thread.join`...) made on the event loop: inside an `async def`, directly or '
      + 'through synchronous helpers it calls. Work handed to `asyncio.to_thread` or `run_in_executor` is not reported, '
      + 'nor is a `join()` of threads the coroutine already awaited the end of (`while t.is_alive(): await asyncio.sleep(0.1)`), '
      + 'or of a thread whose last act sets an event the coroutine waited for, which returns at once. Nor is a thread pool\'s '
      + '`shutdown()` after the coroutine awaited (its work done, its threads idle), or a `join()` in the coroutine `asyncio.run` '
      + 'runs, after its last `await` with no task of its own made: no other task is there to stall. A file read or written whole by a serializer (`with open(path) as fh: json.load(fh)`, '
      + '`json.dump`, `pickle.load`, `pickle.dump`) is reported at its `open`, which has no read of its own to point at; '
      + 'one of an in-memory buffer (`io.StringIO`) does not wait.',
    whyIsThisBad:
      'A coroutine gives up the event loop only at an `await`. A blocking call releases the GIL, so other threads can '
      + 'run, but the event loop thread itself is stuck in the call: no other task makes progress until it returns. '
      + 'Three "concurrent" downloads that each call `time.sleep(0.5)` take 1.5 s instead of 0.5 s.',
    example: [
      'async def download(name, seconds=0.5):',
      '    time.sleep(seconds)  # GIL004: blocks every other task',
      '    return name',
    ].join('\n'),
    useInstead: [
      'async def download(name, seconds=0.5):',
      '    await asyncio.sleep(seconds)',
      '    return name',
      '',
      '# or, for a blocking library call:',
      '#     data = await asyncio.to_thread(requests.get, url)',
    ].join('\n'),
    defaultSeverity: 'warning',
  },

  check(facts: Facts): Finding[] {
    const byCall = new Map<Syntax, BlockingCall>();
    for (const execution of facts.executions) {
      if (execution.kind !== 'async') continue;
      for (const blocking of execution.blocking) {
        if (!blocking.asyncFn) continue;
        if (!byCall.has(blocking.call)) byCall.set(blocking.call, blocking);
      }
    }
    const source = facts.module.source;
    return [...byCall.values()].map((blocking) => {
      const callText = source.slice(blocking.call.start, blocking.call.end);
      const asyncFn = blocking.asyncFn!;
      const via = blocking.via.length > 0
        ? ` through the synchronous ${blocking.via.map((fn) => code(`${fn.name}()`)).join(' → ')}`
        : '';
      const instead = REPLACEMENTS[blocking.name] ?? REPLACEMENTS[blocking.what] ?? '`await asyncio.to_thread(...)` or an async API';
      return {
        code: 'GIL004' as const,
        message:
          `${code(callText)} waits for ${blocking.what} on the event loop: it runs in the coroutine ${code(`async def ${asyncFn.name}`)}`
          + `${via}, and until it returns no other task runs (the GIL is released, but the loop thread is stuck). Use ${instead}.`,
        start: blocking.call.start,
        end: blocking.call.end,
        related: [{ message: `coroutine ${code(asyncFn.name)}`, node: asyncFn.node }],
        data: { call: blocking.name },
      };
    });
  },
};
