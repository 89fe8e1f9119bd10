// Work arithmetic: every operation kind is carried by each way of combining work (the helpers spell the kinds out).

import { describe, expect, it } from 'vitest';
import { OP_KINDS, addOps, addWork, maxWork, noWork, ops, scaleWork, totalOps, withTraces } from '../src/model/facts/work';

describe('work arithmetic', () => {
  for (const traced of [true, false]) {
    it(`carries every operation kind (${traced ? 'with' : 'without'} traces)`, () => {
      withTraces(traced, () => {
        for (const [i, kind] of OP_KINDS.entries()) {
          const one = ops(i + 1, kind);
          expect(totalOps(one.ops)).toBe(i + 1);
          expect(addWork(noWork(), one).ops[kind]).toBe(i + 1);
          expect(addOps(ops(2, kind), one.ops).ops[kind]).toBe(i + 3);
          expect(scaleWork(one, 3).ops[kind]).toBe(3 * (i + 1));
          expect(maxWork(one, ops(1, kind)).ops[kind]).toBe(i + 1);
          expect(maxWork(noWork(), one).ops[kind]).toBe(i + 1);
        }
        const all = OP_KINDS.reduce((work, kind) => addWork(work, ops(1, kind)), noWork());
        expect(totalOps(all.ops)).toBe(OP_KINDS.length);
        if (traced) expect(all.trace).toHaveLength(1);
      });
    });
  }
});
