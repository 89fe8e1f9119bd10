// What a hover says at one place in a Python file, as Markdown, from the analysis and the prediction (never from a
// copy of them): on a finding, its rule's explanation for this line; on a thread start, what the GIL model predicts
// those threads do; on calls that release the GIL (sleeps, blocking I/O, hashlib/zlib), that they do; on
// `sys.setswitchinterval`, multiprocessing and locks, the concept in brief.

import type { Diagnostic } from '..';
import type { Facts } from '../facts';
import { effectOf } from '../facts/execution';
import { LOCK_TYPES, PROCESS_CONSTRUCTORS, PROCESS_POOLS } from '../facts/library';
import type { ThreadStart } from '../facts/threads';
import { type Value, canonicalType } from '../facts/values';
import type { LineIndex, Syntax } from '../parse/syntax';
import type { Prediction } from '../predict';
import { RULES } from '../rules';
import { predictedThreadsOf } from './lens';

export interface HoverInfo {
  readonly markdown: string;
  /** The range the hover is about (UTF-16 offsets). */
  readonly start: number;
  readonly end: number;
}

export interface HoverInput {
  readonly source: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly facts: Facts | undefined;
  /** The prediction for the file, when one was made (thread starts need it). */
  readonly prediction?: Prediction;
  readonly lines: LineIndex;
}

export function hoverAt(input: HoverInput, offset: number): HoverInfo | undefined {
  return findingHover(input, offset) ?? startHover(input, offset) ?? callHover(input, offset);
}

function findingHover(input: HoverInput, offset: number): HoverInfo | undefined {
  const at = (line: number, column: number) => input.lines.lineStart(line - 1) + column - 1;
  const finding = input.diagnostics.find((d) => at(d.line, d.column) <= offset && offset <= at(d.endLine, d.endColumn));
  if (!finding) return undefined;
  const doc = RULES.find((rule) => rule.doc.code === finding.code)?.doc;
  if (!doc) return undefined;
  // The finding's own message is in the editor's problem hover just above: this one explains it.
  const parts = [`**${finding.code} · ${doc.title}**`, doc.whyIsThisBad];
  if (finding.code === 'GIL002') parts.push(raceByVersion(finding.data?.race));
  parts.push(`Instead:\n\n\`\`\`python\n${doc.useInstead.trim()}\n\`\`\``);
  return { markdown: parts.join('\n\n'), start: at(finding.line, finding.column), end: at(finding.endLine, finding.endColumn) };
}

function raceByVersion(race: unknown): string {
  const freeThreaded = 'On the free-threaded builds (3.13t, 3.14t) the threads run at the same time: updates are lost there whatever sits between the read and the write.';
  if (race === 'processes') {
    return '**Loses updates on every version.** Each child process has its own interpreter and its own GIL, and they run at the same time on different cores: two processes can both read the shared value before either writes it back. The GIL cannot help here; only a lock the processes share can.';
  }
  return race === 'active'
    ? `**Loses updates today.** A call sits between the read and the write, and CPython (3.10–3.13 with the GIL) may switch threads at a call: another thread's update can land in between and be overwritten. ${freeThreaded}`
    : `**Latent on CPython 3.10–3.13 with the GIL.** Since 3.10 the interpreter asks for a switch only at calls and backward jumps, and none sits between this read and write, so it rarely loses an update, by accident. ${freeThreaded}`;
}

function startHover(input: HoverInput, offset: number): HoverInfo | undefined {
  const start = input.facts?.starts.find((s) => !s.isTask && s.call.start <= offset && offset <= s.call.end);
  if (!start) return undefined;
  const lines = [`**${describeStart(start)}**`];
  const prediction = input.prediction;
  const threads = prediction ? predictedThreadsOf(start, input.lines, prediction) : [];
  if (prediction && threads.length > 0) {
    const ids = new Set(threads.map((t) => t.id));
    const totals = { running: 0, waiting: 0, io: 0, native: 0 };
    for (const segment of prediction.timeline.segments) {
      if (!ids.has(segment.thread)) continue;
      totals[segment.state] += segment.endMs - segment.startMs;
    }
    const all = totals.running + totals.waiting + totals.io + totals.native;
    const share = (ms: number) => (all > 0 ? `${Math.round((ms / all) * 100)}%` : '0%');
    lines.push(`Predicted on CPython ${prediction.python}, ${prediction.cores} cores: running ${share(totals.running)}, waiting for the GIL ${share(totals.waiting)}, `
      + `in I/O or waiting on other threads ${share(totals.io)}, in native code without the GIL ${share(totals.native)} of their time.`);
    lines.push(whyOf(threads.map((t) => t.kind), start, prediction));
    const { sequential, threads: asWritten } = prediction.scenarios;
    if (asWritten.endless) lines.push('The whole program does not end within the simulated 600 s as written: a thread loops without end, or runs longer than that.');
    else if (asWritten.cutShort) lines.push(`The whole program: more than ${ms(asWritten.wallMs)} as written (the simulation stopped at its budget of events) against ${ms(sequential.wallMs)} run one thread after another.`);
    else if (sequential.wallMs > 0) lines.push(`The whole program: ${ms(asWritten.wallMs)} as written against ${ms(sequential.wallMs)} run one thread after another (${(sequential.wallMs / asWritten.wallMs).toFixed(2)}× speed-up).`);
    if (prediction.assumptions.length > 0) lines.push(`Assumed: ${prediction.assumptions.join('; ')}.`);
  } else {
    lines.push('Run **GIL Lens: Visualize GIL** for the predicted timeline.');
  }
  return { markdown: lines.join('\n\n'), start: start.call.start, end: start.call.end };
}

function describeStart(start: ThreadStart): string {
  const count = start.count.value;
  const what = start.isProcess ? (count === 1 ? 'process' : 'processes') : count === 1 ? 'thread' : 'threads';
  return `${count === 1 ? 'One' : start.count.known ? String(count) : `About ${count}`} ${what} running \`${start.targetText}\` (${start.via})`;
}

function whyOf(kinds: readonly string[], start: ThreadStart, prediction: Prediction): string {
  if (start.isProcess) return 'Each process has an interpreter and a GIL of its own: they run in parallel, up to the cores, after paying their start-up.';
  if (kinds.every((kind) => kind === 'cpu')) {
    return kinds.length > 1
      ? `CPU-bound Python code: only the thread holding the GIL runs; a waiting one asks for it after the ${prediction.switchIntervalMs} ms switch interval, so they take turns and together run no faster than one.`
      : 'CPU-bound Python code: it holds the GIL while it runs, so the main thread and any other thread wait their turn.';
  }
  if (kinds.every((kind) => kind === 'io')) return 'Mostly waiting (I/O, sleeps, other threads), with the GIL released: their waits overlap.';
  return 'Part CPU, part waiting: their waits overlap, their Python code takes turns on the GIL.';
}

function callHover(input: HoverInput, offset: number): HoverInfo | undefined {
  const facts = input.facts;
  if (!facts) return undefined;
  const call = innermost(facts.module.root, offset, (node) => node.type === 'call' && !!node.children[0] && node.children[0].start <= offset && offset <= node.children[0].end);
  if (!call) return undefined;
  const callee = call.children[0];
  const value = facts.evaluator.evaluate(callee, frameAt(facts, call));
  if (value.kind !== 'external') return undefined;
  const name = canonicalType(value.name);
  const shown = `\`${input.source.slice(callee.start, callee.end)}\``;
  const text = conceptOf(name, value);
  if (text) return { markdown: text.replace('{call}', shown), start: callee.start, end: callee.end };
  const effect = effectOf(value.name, value.self);
  if (!effect) return undefined;
  const range = { start: callee.start, end: callee.end };
  switch (effect.kind) {
    case 'sleep':
      return { ...range, markdown: `${shown} **releases the GIL** while it sleeps: other threads run meanwhile, and sleeping threads overlap.` };
    case 'block':
      return { ...range, markdown: `${shown} waits for ${effect.what} and **releases the GIL** while it waits: other threads run, and threads waiting like this overlap. Coming back, it must win the GIL again (up to one switch interval next to a CPU-bound thread).` };
    case 'native':
      return { ...range, markdown: `${shown} runs ${effect.what} in C and **releases the GIL**${effect.minBytes ? ` on inputs over ${effect.minBytes - 1} bytes` : ''}: threads calling it can use several cores at once.` };
    case 'c-loop':
      return { ...range, markdown: `${shown} loops in C **holding the GIL**: fast, but no other thread runs until it returns.` };
  }
}

function conceptOf(name: string, value: Extract<Value, { kind: 'external' }>): string | undefined {
  if (name === 'sys.setswitchinterval') {
    return '{call} sets how long a thread may hold the GIL while another waits (5 ms by default): the waiting thread asks the holder to drop it after that long. Shorter means snappier I/O threads next to CPU-bound ones, and more switching overhead.';
  }
  if (name === 'sys.getswitchinterval') return '{call} reads the switch interval: how long a waiting thread lets the GIL holder run before asking for it (5 ms by default).';
  if (PROCESS_POOLS.has(name) || PROCESS_CONSTRUCTORS.has(name) || name.startsWith('multiprocessing.')) {
    return '{call}: **processes** have an interpreter and a GIL each, so CPU-bound Python code runs in parallel, up to the cores. Each pays a start-up (fork, spawn or forkserver) and the pickling of what it is sent and sends back.';
  }
  const lockType = value.self?.kind === 'instance' && value.self.type ? canonicalType(value.self.type) : name;
  if (LOCK_TYPES.has(lockType) || LOCK_TYPES.has(name)) {
    return '{call}: a **lock** makes a read-modify-write or a check-then-act happen as one step for the threads that take it. The GIL does not: it switches threads between bytecodes, and free-threaded builds have no GIL at all. Waiting for a lock releases the GIL.';
  }
  return undefined;
}

/** The frame to evaluate code at this node in: its function's, with unknown arguments, or the module's. */
function frameAt(facts: Facts, node: Syntax) {
  for (let at: Syntax | undefined = node.parent; at; at = at.parent) {
    const fn = at.type === 'function_definition' || at.type === 'lambda' ? facts.module.functionByNode.get(at) : undefined;
    if (fn) return facts.evaluator.genericFrame(fn);
  }
  return facts.evaluator.moduleFrame;
}

function innermost(root: Syntax, offset: number, accept: (node: Syntax) => boolean): Syntax | undefined {
  let found: Syntax | undefined;
  let at: Syntax | undefined = root;
  while (at) {
    if (accept(at)) found = at;
    at = at.children.find((child) => child.start <= offset && offset <= child.end);
  }
  return found;
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`;
}
