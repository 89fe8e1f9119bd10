// Small helpers the rules share to say where and why: ranges for loop headers, line numbers, and how many threads
// a start creates, in words.

import type { ThreadStart } from '../facts/threads';
import type { LineIndex, Syntax } from '../parse/syntax';

/** The header of a compound statement (`for i in range(n):`), or the whole node for a simple one. */
export function headerRange(node: Syntax): { start: number; end: number } {
  const block = node.children.find((child) => child.type === 'block');
  if (!block) return { start: node.start, end: node.end };
  // The header ends at the colon before the block; the block's start is past the newline and indentation.
  const previous = node.children[node.children.indexOf(block) - 1];
  return { start: node.start, end: previous ? previous.end + 1 : block.start };
}

/** 1-based line of an offset. */
export function lineAt(lines: LineIndex, offset: number): number {
  return lines.lineAt(offset) + 1;
}

export function code(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return `\`${oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine}\``;
}

/** "4 threads", "one thread", "tasks of a pool of 4 workers", "many threads". */
export function threadCount(start: ThreadStart): string {
  const count = start.count;
  const running = Math.min(count.value, start.concurrency);
  const noun = start.via.includes('add_done_callback') ? 'pool callbacks'
    : start.via.includes('.submit') || start.via.includes('.map') || start.via.includes('apply') || start.via.includes('run_in_executor')
      ? 'pool tasks' : start.isProcess ? 'processes' : 'threads';
  if (!count.known) return count.value <= 1 ? `one or more ${noun}` : `several ${noun}`;
  if (count.value === 1) return noun === 'threads' ? 'one thread' : noun === 'processes' ? 'one process' : noun === 'pool tasks' ? 'one pool task' : 'one pool callback';
  if (start.concurrency === 1 && noun === 'threads') return `${count.value.toLocaleString('en-US')} threads, one at a time`;
  if (Number.isFinite(start.concurrency) && running < count.value) {
    return `${count.value.toLocaleString('en-US')} ${noun} on ${running} worker${running === 1 ? '' : 's'}`;
  }
  return `${count.value.toLocaleString('en-US')} ${noun}`;
}

/**
 * Starts made by the same call, as one: a comprehension over a literal list is followed item by item (so each
 * thread knows its own arguments), but it is still "5 threads started at line 28", said once.
 */
export function byCall(starts: readonly ThreadStart[]): ThreadStart[] {
  // Items of one loop (one caller's frame) add up, and so do starts the main thread makes between the same two
  // joins (`launch()` called twice) and the daemons one walk makes; the same call walked from another caller or
  // context starts its threads at another time, so the largest of those stands for them.
  const byFrame = new Map<Syntax, Map<number | string, ThreadStart>>();
  for (const start of starts) {
    let frames = byFrame.get(start.call);
    if (!frames) byFrame.set(start.call, (frames = new Map()));
    const together = start.phase ?? (start.daemon ? `daemons of ${start.madeBy}` : start.spawner.id);
    const seen = frames.get(together);
    frames.set(together, seen ? {
      ...seen,
      count: { value: seen.count.value + start.count.value, known: seen.count.known && start.count.known },
      // One call: one pool (its workers), or threads that all run at once.
      concurrency: Number.isFinite(seen.concurrency) && seen.concurrency > 1 ? seen.concurrency : seen.concurrency + start.concurrency,
    } : start);
  }
  // A comprehension over a container known to be empty starts none: no thread of it is there to name.
  return [...byFrame.values()].map((frames) => [...frames.values()].reduce((a, b) => (b.count.value > a.count.value ? b : a)))
    .filter((start) => !start.count.known || start.count.value > 0);
}

/** "4 threads started at line 14 (threading.Thread)". */
export function startedAt(start: ThreadStart, lines: LineIndex): string {
  return `${threadCount(start)} started at line ${lineAt(lines, start.call.start)} (${start.via})`;
}

/**
 * A lock that keeps other processes out of `variable` (`pages.value`, `stock[sku]`), in words: a Value's or an
 * Array's own (`get_lock()`), or one made to be shared.
 */
export function processLock(variable: string, type: string): string {
  const holder = variable.split(/[.[]/)[0];
  return type === 'multiprocessing.Value' || type === 'multiprocessing.Array'
    ? `\`with ${holder}.get_lock():\`, or a \`multiprocessing.Lock\` passed to every process`
    : 'a lock from the same manager (`manager.Lock()`) passed to every process';
}
