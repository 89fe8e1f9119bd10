// GIL001 cpu-bound-thread: pure-Python work run by a thread, which the GIL serializes.

import type { Facts } from '../facts';
import { COMPREHENSION_TYPES, type FrameRecord, type WorkItem, comprehensionIterables, isRetryLoop } from '../facts/execution';
import { type Evaluator, returnExpressions, yieldExpressions } from '../facts/values';
import { type Work, addWork, freeGuesses, guesses, noWork, overStoredFunctions, zeroOps } from '../facts/work';
import { takesReceiver } from '../facts/scopes';
import type { ThreadStart } from '../facts/threads';
import { type Syntax, walk } from '../parse/syntax';
import { gilMs, releasedMs } from '../workload/profile';
import { DEFAULT_PROFILE } from '../workload/profiles';
import { byCall, code, headerRange, lineAt, startedAt } from './describe';
import type { Finding, Rule } from './types';

/** Below this much GIL-held time (under half a switch interval) a loop is not worth a warning, whatever its shape. */
export const CPU_BOUND_MIN_MS = 2;

export const cpuBoundThread: Rule = {
  doc: {
    code: 'GIL001',
    name: 'cpu-bound-thread',
    title: 'CPU-bound work in a thread',
    whatItDoes:
      'Finds loops and comprehensions that do pure-Python computation inside code run by a thread (a `threading.Thread` '
      + 'target, a `Thread` subclass\'s `run`, a `Timer` function or a `ThreadPoolExecutor` task), directly or through the '
      + 'helpers it calls. It reports the outermost such loop in the function nearest the thread\'s entry; a heavy '
      + 'statement without a loop of its own (`sorted(rows, key=...)`, or work in C that keeps the GIL, `sum` over a large '
      + 'list) is reported when it is what the thread does, and left to the loop or comprehension when the thread also runs one; '
      + 'a comprehension of Python code beside a loop is a loop too, reported when it is CPU-bound on its own and at least a '
      + 'tenth of the heaviest loop. A worker '
      + 'that waits for its jobs (`while True: batch = q.get()`, or a Condition) has the work it does with one job '
      + 'reported, the loop over the batch or the function it calls, when the file sizes that job (the jobs the file puts in '
      + 'its queue add up as a pool\'s tasks do: 24 frames for 3 resizer threads are 24 runs of a frame\'s work); so has a service '
      + 'loop that runs until an Event stops it (`while not self._stop.wait(0.02): self._rebuild()`). A loop whose '
      + 'items come back to back (`for order in iter(inbox.get, None)` fed by a loop that puts them without waiting) '
      + 'is itself the work, though not the time it spends putting items in queues (`for line in fh: lines_q.put(line)` '
      + 'hands work over, and waits when a bounded queue is full). Runs that take '
      + 'turns add up: 400 pool tasks of half a millisecond on 4 workers are 50 ms for each worker, and twenty threads of '
      + '0.7 ms keep the GIL 14 ms between them. Runs that short count only when together they keep it two switch intervals '
      + '(10 ms): five threads of 1.1 ms each mostly end before another asks for the GIL, and are not reported; nor are Timers a '
      + 'loop staggers further apart than one run lasts (`Timer(i * 0.005, ingest, ...)`), which run one after another.',
    whyIsThisBad:
      'CPython runs Python bytecode in one thread at a time: a thread must hold the Global Interpreter Lock (GIL) to run, '
      + 'and a waiting thread only gets it when the holder is asked to drop it after the switch interval (5 ms by default). '
      + 'So CPU-bound threads take turns instead of running in parallel: N threads of pure-Python work finish no sooner '
      + 'than one thread doing all of it, and the switching adds overhead. Only blocking I/O, sleeps, lock waits and '
      + 'native code that releases the GIL (hashlib on large buffers, zlib, NumPy) overlap. Free-threaded builds '
      + '(3.13t, 3.14t) do run such threads in parallel.',
    example: [
      'import threading',
      '',
      'def crunch(n):',
      '    total = 0',
      '    for i in range(n):  # GIL001: runs one thread at a time',
      '        total += i * i',
      '    return total',
      '',
      'threads = [threading.Thread(target=crunch, args=(5_000_000,)) for _ in range(4)]',
    ].join('\n'),
    useInstead: [
      'from concurrent.futures import ProcessPoolExecutor',
      '',
      'def crunch(n):',
      '    return sum(i * i for i in range(n))',
      '',
      'if __name__ == "__main__":',
      '    with ProcessPoolExecutor() as pool:  # one interpreter, and one GIL, per process',
      '        totals = list(pool.map(crunch, [5_000_000] * 4))',
    ].join('\n'),
    fixSafety:
      'Moving work to processes changes how arguments and results travel (they are pickled) and needs a `__main__` guard; '
      + 'review the quick fix before keeping it.',
    defaultSeverity: 'warning',
  },

  check(facts: Facts): Finding[] {
    const byNode = new Map<Syntax, { item: WorkItem; starts: ThreadStart[]; entry: string; share: number; runs: number; jobs?: number; through?: Set<Syntax> }>();
    for (const execution of facts.executions) {
      const start = execution.start;
      if (execution.kind !== 'thread' || !start || !execution.root) continue;
      const share = tasksPerWorker(start);
      const runs = runsTogether(start, gilMs(execution.root.work, DEFAULT_PROFILE) + releasedMs(execution.root.work, DEFAULT_PROFILE));
      const file: FileFacts = { backToBack: facts.fedBackToBack, queueItems: facts.queueItems, source: facts.module.source, evaluator: facts.evaluator, jobsOf: new Map(), onceThrough: new Map() };
      for (const item of cpuBoundItems(execution.root, 0, runs, file)) {
        const through = file.onceThrough.get(item.node);
        const found = byNode.get(item.node);
        if (found) {
          if (!found.starts.includes(start)) found.starts.push(start);
          if (!through) found.through = undefined;
          else found.through?.add(through);
        } else {
          byNode.set(item.node, { item, starts: [start], entry: start.targetText, share, runs, jobs: file.jobsOf.get(item.node), ...(through ? { through: new Set([through]) } : {}) });
        }
      }
    }
    // A loop that runs once in one thread (an etcher given one plate) and more in others of the same code (two plates
    // each): the work to move is that loop, reported for them all, not what its one round runs.
    const sameCode = (a: ThreadStart, b: ThreadStart) => a.call === b.call || facts.sameThread(a) === facts.sameThread(b);
    for (const [node, found] of byNode) {
      const outer = found.through && [...found.through].map((loop) => byNode.get(loop));
      if (!outer?.every((loop) => loop && found.starts.every((start) => loop.starts.some((other) => sameCode(start, other))))) continue;
      for (const loop of outer) for (const start of found.starts) if (!loop!.starts.includes(start)) loop!.starts.push(start);
      byNode.delete(node);
    }
    return [...byNode.values()].map(({ item, starts, entry, share, runs, jobs }) => {
      const range = item.kind === 'loop' ? headerRange(item.node) : { start: item.node.start, end: item.node.end };
      const ms = gilMs(item.work, DEFAULT_PROFILE);
      const where = byCall(starts).map((start) => startedAt(start, facts.module.lines)).join('; ');
      const concurrent = starts.reduce((sum, start) => sum + Math.min(start.count.value, start.concurrency), 0);
      const what = item.kind === 'loop' ? 'This loop' : item.kind === 'recursion' ? 'This recursive call' : 'This statement';
      // `sum(range(n))`, `text.split()`, a loop of `json.dumps(rows)`: C loops that keep the GIL, more than bytecode.
      const kindOfWork = item.kind !== 'recursion' && mostlyInC(item) ? 'work in C that keeps the GIL' : 'pure-Python work';
      const outcome = concurrent > 1
        ? `these threads take turns holding the GIL, so they run one at a time and gain nothing over a single thread`
        : `while it runs, every other thread waits for the GIL in turns of the switch interval`;
      const assumptions = item.work.assumptions.length > 0 ? ` (${item.work.assumptions[0]})` : '';
      const guessed = guesses(item.work) > 0;
      return {
        code: 'GIL001' as const,
        message:
          `${what} is CPU-bound ${kindOfWork} (${amount(ms, guessed)} holding the GIL${jobs ? perJob(ms, jobs) : perRun(ms, share, runs, guessed)}${assumptions}) run by ${where}, `
          + `entered through ${code(entry)}: ${outcome}. Use processes (ProcessPoolExecutor) or code that releases the GIL.`,
        start: range.start,
        end: range.end,
        related: byCall(starts).map((start) => ({
          message: `${startedAt(start, facts.module.lines)} runs ${code(start.targetText)}`,
          node: start.call,
        })),
        data: { threads: concurrent, line: lineAt(facts.module.lines, item.node.start), gilMs: Math.round(ms * 10) / 10 },
      };
    });
  },
};

/** What the judging needs of the whole file. */
interface FileFacts {
  /** Queues fed item after item by loops that do not wait (see Facts.fedBackToBack). */
  readonly backToBack: ReadonlySet<string>;
  /** Items put in each queue, when the file counts them all (see Facts.queueItems). */
  readonly queueItems: ReadonlyMap<string, number>;
  readonly source: string;
  readonly evaluator: Evaluator;
  /** Filled in: the pieces of a job found heavy over the jobs the file puts in a worker's queue, with that count. */
  readonly jobsOf: Map<Syntax, number>;
  /** Filled in: the pieces found inside a loop that runs once (see cpuBoundItems), with that loop. */
  readonly onceThrough: Map<Syntax, Syntax>;
}

/**
 * Statements of a frame that only make generators (`pipeline = downsample(decode(c))`, each callee a function with a
 * `yield`) whose values a later loop of the frame goes through (`for i, frame in enumerate(pipeline):`), or a later
 * call's loop (`price_day(fare, tickets)`), by the name they put them in.
 */
function consumedGenerators(record: FrameRecord, evaluator: Evaluator): Map<string, Syntax> {
  const made = new Map<string, Syntax>();
  const looked = new Set<Syntax>();
  const givesGenerator = (call: WorkItem) => !!call.callee && makesGenerator(call.callee);
  for (const item of record.items) {
    if (item.kind !== 'call' || looked.has(item.node) || !givesGenerator(item)) continue;
    const statement = item.node;
    looked.add(statement);
    const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
    const target = assignment?.type === 'assignment' ? assignment.children[0] : undefined;
    if (target?.type !== 'identifier') continue;
    const name = evaluator.text(target);
    const calls = record.items.filter((other) => other.kind === 'call' && other.node === statement);
    if (!calls.every(givesGenerator)) continue;
    // The generator itself, not what goes through it at once (`lines = list(read_manifest(path))`).
    const value = assignment!.children[assignment!.children.length - 1];
    const calledName = value?.type === 'call' ? lastName(value.children[0]!, evaluator) : undefined;
    if (!calls.some((call) => call.callee!.fn?.name === calledName)) continue;
    // The iterable itself, or inside `enumerate(...)`, `zip(...)`; or handed to a call whose loop goes through it
    // (`total = price_day(ride, fare, tickets)`, see consumingLoop).
    const consumed = record.items.some((other) => other.node.start > statement.end && (other.kind === 'loop'
      ? other.node.type === 'for_statement' && evaluator.mentions(other.node.children[1], name)
      : other.kind === 'statement' && !!consumingLoop(other.node, record, evaluator, namedArgument([name], evaluator))));
    if (consumed) made.set(name, statement);
  }
  return made;
}

/** An argument that is one of these names. */
function namedArgument(names: Iterable<string>, evaluator: Evaluator): (arg: Syntax) => boolean {
  const set = new Set(names);
  return (arg) => arg.type === 'identifier' && set.has(evaluator.text(arg));
}

/** The name a callee ends with (`decode` of `self.decode`). */
function lastName(callee: Syntax, evaluator: Evaluator): string {
  return evaluator.text(callee.type === 'attribute' ? callee.children[callee.children.length - 1] : callee);
}

/**
 * The statement's work with that of the generators it goes through that earlier statements of the frame made
 * (`tickets = ticket_roll(...)`, then `price_day(ride, fare, tickets)`): what the loop that drives them does.
 */
function withPipelines(item: WorkItem, record: FrameRecord, pipelines: ReadonlyMap<string, Syntax>, evaluator: Evaluator): Work {
  let work: Work | undefined;
  for (const [name, made] of pipelines) {
    if (made.end > item.node.start || !consumingLoop(item.node, record, evaluator, namedArgument([name], evaluator))) continue;
    const maker = record.items.find((other) => other.kind === 'statement' && other.node === made);
    if (maker) work = addWork(work ?? addWork(noWork(), item.work), maker.work);
  }
  return work ?? item.work;
}

/** The jobs a worker's loop takes from its queues, all workers together, when the file counts every one put. */
function jobsPut(loop: WorkItem, file: FileFacts): number | undefined {
  let jobs = 0;
  for (const queue of loop.work.awaitsItems ?? []) {
    const items = file.queueItems.get(queue);
    if (items === undefined) return undefined;
    jobs += items;
  }
  return jobs > 0 ? jobs : undefined;
}

/**
 * The CPU-bound pieces of a frame, nearest the entry: a heavy loop is reported itself; a heavy statement is
 * reported unless most of its work is a call into a function of this file, which is then searched the same way.
 */
function cpuBoundItems(record: FrameRecord, depth: number, together: number, file: FileFacts, thread: Work = record.work): WorkItem[] {
  const found: WorkItem[] = [];
  const add = (item: WorkItem) => {
    if (!found.some((f) => f.node === item.node)) found.push(item);
  };
  // The heavy pieces one round of a loop runs (see heavyInside), judged as a thread entering them would be.
  const addHeavyInside = (loop: WorkItem, runs = together): boolean => {
    const heavy = heavyInside(loop, runs);
    for (const inner of heavy) {
      for (const piece of inner.callee ? cpuBoundItems(inner.callee, depth + 1, runs, file, thread) : [inner]) {
        if (runs !== together && !file.jobsOf.has(piece.node)) file.jobsOf.set(piece.node, runs);
        add(piece);
      }
    }
    return heavy.length > 0;
  };
  // A worker waits for its items unless every queue it takes from is fed back to back (see Facts.fedBackToBack).
  const waitsForItems = (loop: WorkItem) => !!loop.work.awaitsItems?.some((queue) => !file.backToBack.has(queue));
  // `pipeline = downsample(decode(...))`, then `for frame in pipeline:`: the generators' loops run as that loop's
  // rounds ask for items, so their work is that loop's, reported there (a statement that only makes them is none).
  const pipelines = consumedGenerators(record, file.evaluator);
  const pipelineStatements = new Set(pipelines.values());
  for (const item of record.items) {
    if (pipelineStatements.has(item.node)) continue;
    // A lazy initialization is made once for all the threads (see WorkItem.once).
    const runs = item.once ? 1 : together;
    // A call in an `if` or `while` header has no statement of its own to report: the work is in the callee. So has
    // the call a `for` header makes once (`for k, state in simulate(seed):`), whose work the loop's rounds leave out.
    const header = (other: WorkItem) => other.kind === 'loop' && gilMs(other.work, DEFAULT_PROFILE) < gilMs(item.work, DEFAULT_PROFILE);
    if (item.kind === 'call' && item.callee && isCpuBound(item, runs)
      && !record.items.some((other) => other.kind !== 'call' && other.node === item.node && !header(other))) {
      cpuBoundItems(item.callee, depth + 1, runs, file, thread).forEach(add);
      continue;
    }
    if (item.kind === 'call') continue;
    // A worker's loop of guessed rounds that waits for each job (`while True: job = q.get()`): how many jobs come is
    // a guess, what one costs is not. The functions it calls are judged on their own sizes, and the loop is reported
    // only when none of them is heavy. A worker that takes its jobs without waiting (`get_nowait()` off a queue
    // filled before, or fed by a loop that puts them one after another) runs them back to back: its loop is the work.
    if (item.kind === 'loop' && item.iterations?.known === false && item.work.awaitsItems && depth < 12) {
      // Unless its items come back to back: then a loop over them (`for order in iter(inbox.get, STOP)`), or a pass of
      // its own over each (`for value in pixels`), heavy on the file's sizes, makes the loop the work, not a wait. A
      // worker's heavy calls (`while True: job = q.get(); route(job)`) are still judged in their functions.
      // The jobs the file puts in its queues are shared by the workers: 24 frames for 3 resizers are 24 runs of a
      // frame's work between them.
      const jobs = jobsPut(item, file) ?? runs;
      const heavy = heavyInside(item, jobs);
      const overItems = item.node.type === 'for_statement' || heavy.every((inner) => inner.kind === 'loop' && !inner.callee);
      if (!waitsForItems(item) && heavy.length > 0 && overItems) {
        add(item);
        continue;
      }
      if (addHeavyInside(item, jobs)) continue;
    }
    // A service loop that runs until told to stop (`while not self._halt.wait(0.01):`): how many passes it makes is a
    // guess, what one pass costs is not. Heavy calls and loops of a pass are judged on their own sizes.
    if (item.kind === 'loop' && item.iterations?.known === false && isServiceLoop(item.node, file.source) && depth < 12 && addHeavyInside(item)) continue;
    // A loop over the callbacks the file stores (`for fn in HOOKS.get(event, [])`) runs one handler a round: the work
    // to move is in the heavy handlers, each judged on its own.
    if (item.kind === 'loop' && overStoredFunctions(item.iterations?.assumption) && depth < 12 && addHeavyInside(item)) continue;
    if (!isCpuBound(item, runs)) {
      // Left out as a whole for a size it assumes beside a call it cannot see (`handler = ROUTER[path]`) or beside a
      // wait (`packed = rle_encode(fh.read())`), a statement can still reach a loop in a function it calls that does
      // not wait: that loop is judged on its own.
      const besideUnknown = item.work.opaque > 0 || releasedMs(item.work, DEFAULT_PROFILE) > 0;
      // So can one whose waits outweigh its work only because it calls both (`lambda: save(process(img))`): the
      // callee's pieces are judged as they are when the thread enters that function itself.
      // So can one left out as a short pass in C (see isCpuBound) whose C work is in fact a callee's loop of many
      // rounds, each a call into C (`fp = stretch(token, 2000)`, 2,000 small sha256 calls).
      if (item.kind === 'statement' && (besideUnknown || mostlyInC(item)) && depth < 12) {
        for (const call of record.items) {
          if (call.kind === 'call' && call.node === item.node && call.callee) cpuBoundItems(call.callee, depth + 1, runs, file, thread).forEach(add);
        }
      }
      // The same for a loop that waits, or whose rounds are a guess (a worker taking jobs off a queue, an analyzer
      // waking on a Condition for each of three windows): the functions it calls are judged on their own sizes
      // (`self._run(job)` reaching `rebuild_index(300_000)`, `dft_magnitudes(window)` of a 512-sample window).
      if (item.kind === 'loop' && besideUnknown && depth < 12) addHeavyInside(item);
      continue;
    }
    // A loop that runs once, or again only when a round fails (`for attempt in range(3): try: return fn() except
    // ...`), is no loop to move: what it runs is.
    if (item.kind === 'loop' && ((item.iterations?.known && item.iterations.value <= 1) || isRetryLoop(item.node)) && depth < 12) {
      const before = found.length;
      if (addHeavyInside(item)) {
        for (const piece of found.slice(before)) if (!file.onceThrough.has(piece.node)) file.onceThrough.set(piece.node, item.node);
        continue;
      }
    }
    if (item.kind === 'loop') {
      add(item);
      continue;
    }
    const recursion = record.items.find((other) => other.kind === 'recursion' && other.node === item.node);
    if (recursion) {
      // A divide and conquer's levels all run its merge loop: that loop is the work to move.
      add(recursion.loop ? { ...recursion, kind: 'loop', node: recursion.loop } : recursion);
      continue;
    }
    // `classify(self.grains(), mesh)`: the generator runs as the function handed it goes through it, so the
    // statement's work is that loop's, reported there.
    const consumer = depth < 12 ? consumingLoop(item.node, record, file.evaluator)
      ?? (pipelines.size > 0 ? consumingLoop(item.node, record, file.evaluator, namedArgument(pipelines.keys(), file.evaluator)) : undefined) : undefined;
    if (consumer) {
      add({ ...item, kind: 'loop', node: consumer, work: withPipelines(item, record, pipelines, file.evaluator) });
      continue;
    }
    // The statement's weight is mostly one call: the loop that does the work is in the callee. When the statement
    // calls one of several functions (`handler(event)` of a list of handlers), each that could be that weight.
    // Of several functions one call may run (`self.kernel()` of a kernel picked by name, each in some of the threads),
    // one CPU-bound on its own counts when within a factor of four of the heaviest: far lighter, it is more likely a
    // function the model could not rule out (a job class the registry holds, never given these rows).
    const calls = depth < 12 ? record.items.filter((other) => other.kind === 'call' && other.node === item.node && other.callee
      && !drivesGenerator(item.node, other.callee, file.evaluator)) : [];
    const weighty = calls.filter((other) => gilMs(other.work, DEFAULT_PROFILE) >= gilMs(item.work, DEFAULT_PROFILE) / 2
      || (other.alternative && isCpuBound(other, runs) && gilMs(other.work, DEFAULT_PROFILE) >= gilMs(item.work, DEFAULT_PROFILE) / 4));
    const inner = weighty.flatMap((call) => cpuBoundItems(call.callee!, depth + 1, runs, file, thread));
    if (inner.length > 0) {
      inner.forEach(add);
      continue;
    }
    // Work in C beside more time with the GIL released (`raw = "\n".join(chunk).encode()`, then zlib on it, here or
    // after the helper that joined it returns): the thread mostly lets others run, and a few milliseconds of C are
    // not what to move. (The thread's work only when the file sizes it: a guessed thousand blocks to compress
    // outweighs anything.)
    const around = guesses(thread) === 0 ? thread : record.work;
    if (mostlyInC(item) && releasedMs(around, DEFAULT_PROFILE) > gilMs(around, DEFAULT_PROFILE)) continue;
    // The callee's own pieces are each too light to count, but one loop of them does most of the statement's work
    // (`sig = shingle_signature(body)`, its set comprehension of shingles): that loop is where the work is.
    const bulk = weighty.length === 1 ? bulkOf(weighty[0].callee!, gilMs(item.work, DEFAULT_PROFILE)) : undefined;
    add(bulk ?? item);
  }
  // `lo, hi = min(samples), max(samples)` or `rows = sorted(rows, key=...)` beside the loop over them, or
  // `ordered = sorted(values)` in a helper beside the helper with the loop: the loop is the work to move, and one
  // finding a thread says so. Heavy statements are reported only when the thread has no such loop.
  const statement = (item: WorkItem) => item.kind === 'statement' && (depth === 0 || record.items.includes(item));
  const ownLoops = found.filter((item) => item.kind === 'loop' && (depth === 0 || record.items.includes(item)));
  // Unless the statement is a comprehension that outweighs every such loop (50,000 calls before a loop over twelve
  // months): then it is the work to move, and the lighter loops are not. A library's Python code is not this file's
  // loop to move (`statistics.pstdev(readings)` beside the loop that made them).
  const heaviestLoop = Math.max(0, ...ownLoops.map((item) => gilMs(item.work, DEFAULT_PROFILE)));
  // A comprehension that is the statement's whole value (`digits = [int(f"{a:e}"[0]) for a in history]`) is this
  // file's loop even when C does most of each round's work.
  const outweighs = (item: WorkItem) => statement(item) && holdsComprehension(item.node) && (!mostlyInC(item) || isComprehension(item.node))
    && gilMs(item.work, DEFAULT_PROFILE) > 4 * heaviestLoop;
  const heavier = ownLoops.length > 0 && found.some(outweighs);
  // A comprehension of this file's code is the loop of a function that has no other (`readings = [... for _ in
  // range(30_000)]`, then `statistics.pstdev(readings)`): a library call beside it is left to it, however heavy.
  const comprehensions = ownLoops.length > 0 ? [] : found.filter((item) => statement(item) && holdsComprehension(item.node));
  const besideComprehension = (item: WorkItem) => comprehensions.length > 0 && statement(item) && !comprehensions.includes(item);
  // A comprehension of bytecode heavy on its own is a loop of this function beside the others (`interest = [b * f - b
  // for b in balances]` before the loop that sums them), not a statement that leaves its work to them; unless its
  // weight rests on a guessed size.
  const ownComprehension = (item: WorkItem) => statement(item) && holdsComprehension(item.node) && !mostlyInC(item)
    && guesses(item.work) === 0;
  const kept = heavier ? found.filter((item) => !ownLoops.includes(item) && (!statement(item) || outweighs(item)))
    : ownLoops.length > 0 ? found.filter((item) => !statement(item) || ownComprehension(item)) : found.filter((item) => !besideComprehension(item));
  // `return sum(payoffs), len(payoffs)` after the helper whose comprehension made them: the bytecode is the work to
  // move; a lighter C statement beside it is not a finding of its own.
  const python = Math.max(0, ...kept.filter((item) => !mostlyInC(item)).map((item) => gilMs(item.work, DEFAULT_PROFILE)));
  // Nor is a statement of bytecode a fraction of the heaviest (`graded.sort(key=...)` after the comprehension that
  // graded 15,000 runners): one finding says where the thread's work is.
  const heaviest = Math.max(0, ...kept.map((item) => gilMs(item.work, DEFAULT_PROFILE)));
  // A comprehension beside the loops counts down to a tenth of the heaviest: a 4.6 ms comprehension before a 37 ms
  // loop was labelled by the engineer who wrote it (round 110a), a 4 ms count of white pixels after 79 ms of
  // dithering was not (round 18).
  return kept.filter((item) => item.kind !== 'statement'
    || (ownLoops.length > 0 && ownComprehension(item) && gilMs(item.work, DEFAULT_PROFILE) * 10 >= heaviest)
    || (mostlyInC(item) ? gilMs(item.work, DEFAULT_PROFILE) >= python : gilMs(item.work, DEFAULT_PROFILE) * 4 >= heaviest));
}

/** The loop or comprehension of Python code doing at least half of `totalMs`, among a function's own pieces. */
function bulkOf(record: FrameRecord, totalMs: number): WorkItem | undefined {
  const loops = record.items.filter((item) => item.kind === 'loop' || (item.kind === 'statement' && holdsComprehension(item.node) && !mostlyInC(item)));
  const heaviest = loops.reduce<WorkItem | undefined>((most, item) => (!most || gilMs(item.work, DEFAULT_PROFILE) > gilMs(most.work, DEFAULT_PROFILE) ? item : most), undefined);
  return heaviest && gilMs(heaviest.work, DEFAULT_PROFILE) * 2 >= totalMs ? heaviest : undefined;
}

/** `while not stop.is_set():` or `while not self._stop.wait(interval):`: a loop an Event ends. */
function isServiceLoop(node: Syntax, source: string): boolean {
  if (node.type !== 'while_statement') return false;
  let found = false;
  walk(node.children[0], (at) => {
    if (found || at.type === 'lambda') return false;
    const callee = at.type === 'call' ? at.children[0] : undefined;
    const method = callee?.type === 'attribute' ? callee.children[callee.children.length - 1] : undefined;
    const name = method?.type === 'identifier' ? source.slice(method.start, method.end) : '';
    found = name === 'is_set' || name === 'wait';
    return !found;
  });
  return found;
}

/** `rows = [...]`, `return {...}`: a statement whose value is a comprehension itself, not a call made on one. */
function isComprehension(node: Syntax): boolean {
  const expression = node.type === 'expression_statement' || node.type === 'return_statement' ? node.children[0] : undefined;
  const value = expression?.type === 'assignment' ? expression.children[expression.children.length - 1] : expression;
  return !!value && COMPREHENSION_TYPES.has(value.type);
}

/**
 * `best = min(waste(lay) for lay in candidate_layouts(panels, 10_000))`: the generator function's loop runs as the
 * comprehension's rounds ask for items, so its work is the comprehension's, reported on the statement, as a loop over
 * a generator is (see consumedGenerators).
 */
function drivesGenerator(statement: Syntax, callee: FrameRecord, evaluator: Evaluator): boolean {
  const fn = callee.fn;
  if (!fn?.body || yieldExpressions(fn.body).length === 0) return false;
  // The pipeline's outer generator or one it wraps (`brands(healthy(ear_tags(section)))`).
  let drives = false;
  for (const iterable of comprehensionIterables(statement)) {
    walk(iterable, (at) => {
      if (drives || at.type === 'lambda' || COMPREHENSION_TYPES.has(at.type)) return false;
      const called = at.type === 'call' ? at.children[0] : undefined;
      if (called) drives = lastName(called, evaluator) === fn.name;
      return !drives;
    });
  }
  return drives;
}

/**
 * The loop that drives a generator the statement makes (a call of a function that gives one) when it hands that call
 * to another call of this frame's, one whose loop goes through that parameter (`classify(self.grains(), mesh)` with
 * `for size, damp in grains:` in `classify`).
 */
function consumingLoop(statement: Syntax, record: FrameRecord, evaluator: Evaluator, handed?: (arg: Syntax) => boolean): Syntax | undefined {
  const calls = record.items.filter((other) => other.kind === 'call' && other.node === statement && !!other.callee);
  // What the statement hands on: a generator it makes, or (`handed`) one an earlier statement put in a variable.
  const generators = handed ? undefined : new Set(calls.flatMap((call) => (call.callee!.fn && makesGenerator(call.callee!) ? [call.callee!.fn.name] : [])));
  if (generators?.size === 0) return undefined;
  const isGenerator = handed ?? ((arg: Syntax) => arg.type === 'call' && generators!.has(lastName(arg.children[0]!, evaluator)));
  let loop: Syntax | undefined;
  walk(statement, (at) => {
    if (loop || at.type === 'lambda' || COMPREHENSION_TYPES.has(at.type)) return false;
    const args = at.type === 'call' ? at.children[1]?.children ?? [] : [];
    const position = args.findIndex(isGenerator);
    if (position < 0) return undefined;
    const name = lastName(at.children[0]!, evaluator);
    // Decorated (`@log_call()`), the call runs the wrapper, which calls the function by that name.
    const taker = (calls.find((other) => other.callee!.fn?.name === name)
      ?? calls.flatMap((other) => other.callee!.items).find((inner) => inner.kind === 'call' && inner.callee?.fn?.name === name))?.callee?.fn;
    // Its parameter at that place (after `self` for a method, not for a staticmethod), gone through by a loop of its body.
    const param = taker?.params[position + (takesReceiver(taker) ? 1 : 0)]?.name;
    // (A generator taking another, `dedupe(parse(lines))`, is a stage of the pipeline, not what drives it.)
    if (!taker?.body || !param || yieldExpressions(taker.body).length > 0) return undefined;
    walk(taker.body, (inner) => {
      if (loop || inner.type === 'function_definition' || inner.type === 'lambda') return false;
      if (inner.type === 'for_statement' && inner.children[1]?.type === 'identifier' && evaluator.text(inner.children[1]) === param) loop = inner;
      return !loop;
    });
    return !loop;
  });
  return loop;
}

/**
 * Does calling this function give a generator: it yields, or each of its returns is a call of one that does
 * (`return strained(stage, mesh)` at the end of a chain it builds)?
 */
function makesGenerator(record: FrameRecord): boolean {
  const body = record.fn?.body;
  if (!body) return false;
  if (yieldExpressions(body).length > 0) return true;
  const returns = returnExpressions(body);
  return returns.length > 0 && returns.every((value) => value.type === 'call' && record.items.some((item) => item.kind === 'call'
    && item.node.start <= value.start && item.node.end >= value.end && !!item.callee?.fn?.body && yieldExpressions(item.callee.fn.body).length > 0));
}

/** Does this statement hold a comprehension or generator expression (outside nested functions)? */
function holdsComprehension(node: Syntax): boolean {
  let found = false;
  walk(node, (at) => {
    if (found || at.type === 'lambda' || at.type === 'function_definition') return false;
    found = COMPREHENSION_TYPES.has(at.type);
    return !found;
  });
  return found;
}

/**
 * The calls and loops a round of this loop makes that are CPU-bound on sizes the file gives, or bounds it gives (all
 * 25,000 words a filtered list can hold), not on guesses (see WorkItem.inner).
 */
function heavyInside(loop: WorkItem, together: number): WorkItem[] {
  return (loop.inner ?? []).filter((inner) => (inner.callee || inner.kind === 'loop') && !inner.work.guessed && isCpuBound(inner, together));
}

/** The GIL time of a piece of work's queue operations (put, get), in milliseconds. */
function handingOver(item: WorkItem): number {
  const queueOps = { ...zeroOps(), queue: item.work.ops.queue };
  return gilMs({ ...item.work, ops: queueOps, cSteps: 0 }, DEFAULT_PROFILE);
}

/** Most of this work's GIL time is spent in C loops, not in bytecode. */
function mostlyInC(item: WorkItem): boolean {
  const inC = gilMs({ ...item.work, ops: zeroOps() }, DEFAULT_PROFILE);
  return inC > gilMs(item.work, DEFAULT_PROFILE) / 2;
}

/**
 * A pool's worker runs task after task: its work is a task's times its share of the tasks (240 counted tasks on 4
 * workers, 60 each). Threads of their own run their code once.
 */
function tasksPerWorker(start: ThreadStart): number {
  if (!start.count.known || !Number.isFinite(start.concurrency) || start.concurrency <= 0) return 1;
  return Math.max(1, Math.ceil(start.count.value / start.concurrency));
}

/**
 * How many runs of this code take turns holding the GIL: every task of a pool, every thread of a start (when the
 * file counts them). Their work adds up: twenty threads of 0.7 ms each keep the GIL for 14 ms between them.
 */
function runsTogether(start: ThreadStart, runMs: number): number {
  // Timers a loop staggers further apart than a run lasts fire one after another's end: they never take turns.
  if (start.staggerMs !== undefined && runMs <= start.staggerMs) return 1;
  return start.count.known && Number.isFinite(start.count.value) ? Math.max(1, start.count.value) : 1;
}

/**
 * Short runs (under CPU_BOUND_MIN_MS each) count only when together they hold the GIL this long: two switch
 * intervals. Held-out labels agree: 12 pool tasks of 1.6 ms, five tellers of 1.5 ms, 18 tasks of 0.4 ms were not
 * CPU-bound to the engineers who wrote them (rounds 96 to 99).
 */
const SHORT_RUNS_MIN_MS = 2 * DEFAULT_PROFILE.switchIntervalMs;

/**
 * A run lighter than this is not worth a finding, however many of them there are: handing a task to a pool's worker
 * costs about as much. Heavier ones add up (1,200 tasks of a 64-cell Life row, 15 ms measured, were CPU-bound to the
 * engineer who wrote them, round 105).
 */
const MIN_RUN_MS = 0.02;

/** Heavy enough to matter (`runs` runs of it together), and more time holding the GIL than waiting. */
export function isCpuBound(item: WorkItem, together = 1): boolean {
  // Only work the file sizes adds up across runs: an assumed size times sixty tasks is a guess sixty times over.
  const guessed = guesses(item.work);
  const runs = guessed > 0 ? 1 : together;
  // Time spent handing items over (`for line in fh: lines_q.put(line)`) feeds other threads, and waits whenever a
  // bounded queue is full: it is not computation to move elsewhere.
  const once = gilMs(item.work, DEFAULT_PROFILE) - handingOver(item);
  const held = once * runs;
  const released = releasedMs(item.work, DEFAULT_PROFILE) * runs;
  if (held < CPU_BOUND_MIN_MS || once < MIN_RUN_MS) return false;
  // Runs shorter than that each end before a waiting thread's drop request comes due: they take turns, but only
  // some switch intervals of them between them are worth a finding (five tellers of 1.1 ms are not, twenty threads
  // of 0.7 ms are).
  if (once < CPU_BOUND_MIN_MS && held < SHORT_RUNS_MIN_MS) return false;
  // A statement whose time is one pass in C (a join, a sort, building a few hundred records) is worth a finding only
  // when one run of it is long on its own: short ones add up across tasks, but none of them is work to move.
  if (item.kind === 'statement' && mostlyInC(item) && once < CPU_BOUND_MIN_MS) return false;
  // A loop of unknown length that calls code we cannot see may well be waiting in it (a socket, a queue): when it
  // makes such a call every round. One made once, around the rounds (opening the file a generator then reads), is
  // no round's wait.
  const rounds = item.kind === 'loop' ? item.iterations?.value : undefined;
  if (guessed > 0 && item.work.opaque > 0 && !(rounds !== undefined && rounds > 1 && item.work.opaque < rounds)) return false;
  // Work that also waits, sized by guesses on guesses (a monitor that sweeps a registry of unknown size, for rounds
  // of unknown number, then waits): the wait is real and the work is not known to outweigh it. Sizes the code bounds
  // (a filter's input) are no such guesses: work four times the wait outweighs it.
  if (guessed >= 2 && released > 0 && (freeGuesses(item.work) >= 2 || held < 4 * released)) return false;
  return held >= released;
}

/** How a job's time adds up over the jobs the file puts in the workers' queue. */
function perJob(ms: number, jobs: number): string {
  return ` a job, ${formatMs(ms * jobs)} for the ${jobs} jobs the file queues`;
}

/** How a run's time adds up: over the tasks a pool's worker runs, or over the threads of a start when one is short. */
function perRun(ms: number, share: number, runs: number, assumed: boolean): string {
  if (assumed) return '';
  if (share > 1) return ` a task, ${formatMs(ms * share)} for each worker`;
  if (runs > 1 && ms < CPU_BOUND_MIN_MS) return ` in each thread, ${formatMs(ms * runs)} for the ${runs} of them`;
  return '';
}

/**
 * How long, in words. Guessed sizes multiplied together can reach absurd totals (days of a dominator loop whose
 * rounds are all assumed): past a minute a guess only says it is long.
 */
function amount(ms: number, assumed: boolean): string {
  return assumed && ms > GUESS_CEILING_MS ? `more than ${formatMs(GUESS_CEILING_MS)}` : `about ${formatMs(ms)}`;
}

const GUESS_CEILING_MS = 60_000;

function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}

