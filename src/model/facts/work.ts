// How much work a piece of code does, counted rather than timed: Python operations and C loop steps run with the
// GIL held, sleeps and blocking waits release it, native work runs without it. The workload turns counts into time
// with a per-version profile; the rules compare them to tell CPU-bound code from waiting code.

export interface Work {
  /** Python-level operations (about one bytecode each), GIL held. */
  ops: number;
  /** Element steps of loops that run in C with the GIL held (sum, sorted, str.join...). */
  cSteps: number;
  /** Known sleeps, in seconds. */
  sleepSeconds: number;
  /** Waits of unknown length (I/O, queues, other threads). */
  blocks: number;
  /** GIL-free native work, by unit kind (`hash-byte`, `pbkdf2-iteration`, `compress-byte`, `native-call`). */
  native: Record<string, number>;
  /** Loops whose iteration count was assumed, and other guesses, in words. */
  assumptions: string[];
  /** A loop with no known bound and no blocking call: it runs until data says stop. */
  spins: boolean;
  /** Calls into code the model cannot see (an unknown object's method, a module it does not know): they may wait. */
  opaque: number;
}

export function noWork(): Work {
  return { ops: 0, cSteps: 0, sleepSeconds: 0, blocks: 0, native: {}, assumptions: [], spins: false, opaque: 0 };
}

export function ops(count: number): Work {
  return { ...noWork(), ops: count };
}

/** Adds `more` into `into` (sequential composition). */
export function addWork(into: Work, more: Work): Work {
  into.ops += more.ops;
  into.cSteps += more.cSteps;
  into.sleepSeconds += more.sleepSeconds;
  into.blocks += more.blocks;
  into.opaque += more.opaque;
  for (const [kind, units] of Object.entries(more.native)) into.native[kind] = (into.native[kind] ?? 0) + units;
  for (const assumption of more.assumptions) if (!into.assumptions.includes(assumption)) into.assumptions.push(assumption);
  into.spins ||= more.spins;
  return into;
}

/** `work` repeated `times` times. */
export function scaleWork(work: Work, times: number): Work {
  const native: Record<string, number> = {};
  for (const [kind, units] of Object.entries(work.native)) native[kind] = units * times;
  return {
    ops: work.ops * times,
    cSteps: work.cSteps * times,
    sleepSeconds: work.sleepSeconds * times,
    blocks: work.blocks * times,
    opaque: work.opaque * times,
    native,
    assumptions: [...work.assumptions],
    spins: work.spins,
  };
}

/** The larger of two alternatives (branches of an if): the work an unlucky run does. */
export function maxWork(a: Work, b: Work): Work {
  const native: Record<string, number> = { ...a.native };
  for (const [kind, units] of Object.entries(b.native)) native[kind] = Math.max(native[kind] ?? 0, units);
  return {
    ops: Math.max(a.ops, b.ops),
    cSteps: Math.max(a.cSteps, b.cSteps),
    sleepSeconds: Math.max(a.sleepSeconds, b.sleepSeconds),
    blocks: Math.max(a.blocks, b.blocks),
    opaque: Math.max(a.opaque, b.opaque),
    native,
    assumptions: [...new Set([...a.assumptions, ...b.assumptions])],
    spins: a.spins || b.spins,
  };
}

export function waits(work: Work): boolean {
  return work.sleepSeconds > 0 || work.blocks > 0 || Object.keys(work.native).length > 0;
}
