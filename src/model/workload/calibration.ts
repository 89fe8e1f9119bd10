// Fits a profile's operation costs to measurements: calibrate.py times the loops in snippets.py on an interpreter;
// here each loop body's operations are counted exactly as user code is counted, and a non-negative least-squares
// fit (relative error, coordinate descent) of time against counts gives nanoseconds per operation of each kind.

import { walkFunction } from '../facts/execution';
import { buildModule } from '../facts/scopes';
import { Evaluator } from '../facts/values';
import { OP_KINDS, type OpCounts, zeroOps } from '../facts/work';
import type { Syntax } from '../parse/syntax';

export interface SnippetCounts {
  readonly name: string;
  /** Operations of one round of the snippet's loop. */
  readonly ops: OpCounts;
  readonly cSteps: number;
}

/** Per-round operation counts of each `snippet_*` function's first loop. */
export function countSnippets(root: Syntax, source: string): SnippetCounts[] {
  const module = buildModule(root, source);
  const evaluator = new Evaluator(module);
  const counts: SnippetCounts[] = [];
  for (const fn of module.functions) {
    if (!fn.name.startsWith('snippet_')) continue;
    const record = walkFunction(evaluator, fn);
    const loop = record?.items.find((item) => item.kind === 'loop');
    if (!loop || !loop.iterations || loop.iterations.value <= 0) continue;
    const rounds = loop.iterations.value;
    const ops = zeroOps();
    for (const kind of OP_KINDS) ops[kind] = loop.work.ops[kind] / rounds;
    counts.push({ name: fn.name, ops, cSteps: loop.work.cSteps / rounds });
  }
  return counts;
}

export interface FittedCosts {
  readonly opNs: OpCounts;
  readonly cStepNs: number;
  /** Median relative error of the fit over the snippets. */
  readonly medianError: number;
}

/** Non-negative least squares on relative errors: costs ≥ 0 that best explain every snippet's time. */
export function fitCosts(counts: readonly SnippetCounts[], measuredNs: Readonly<Record<string, number>>): FittedCosts {
  const rows = counts.filter((row) => measuredNs[row.name] > 0).map((row) => ({
    x: [...OP_KINDS.map((kind) => row.ops[kind]), row.cSteps],
    y: measuredNs[row.name],
  }));
  const size = OP_KINDS.length + 1;
  // Normal equations of the weighted problem: weights 1/y² so each snippet counts by its relative error.
  const h = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const g = new Array<number>(size).fill(0);
  for (const { x, y } of rows) {
    const w = 1 / (y * y);
    for (let i = 0; i < size; i++) {
      g[i] += w * x[i] * y;
      for (let j = 0; j < size; j++) h[i][j] += w * x[i] * x[j];
    }
  }
  const cost = new Array<number>(size).fill(1);
  for (let sweep = 0; sweep < 5000; sweep++) {
    let change = 0;
    for (let i = 0; i < size; i++) {
      if (h[i][i] <= 0) {
        cost[i] = 0;
        continue;
      }
      let gradient = -g[i];
      for (let j = 0; j < size; j++) gradient += h[i][j] * cost[j];
      const next = Math.max(0, cost[i] - gradient / h[i][i]);
      change = Math.max(change, Math.abs(next - cost[i]));
      cost[i] = next;
    }
    if (change < 1e-9) break;
  }
  const errors = rows.map(({ x, y }) => Math.abs(x.reduce((sum, value, i) => sum + value * cost[i], 0) / y - 1)).sort((a, b) => a - b);
  const opNs = zeroOps();
  OP_KINDS.forEach((kind, i) => {
    opNs[kind] = Math.round(cost[i] * 100) / 100;
  });
  return { opNs, cStepNs: Math.round(cost[size - 1] * 100) / 100, medianError: errors[Math.floor(errors.length / 2)] ?? 0 };
}
