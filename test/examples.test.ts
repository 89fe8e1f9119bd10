// The labelled example programs in examples/ (copied from the shared examples): every expected finding at its line (or an accepted
// alternative), no finding of a forbidden kind inside a forbidden span, and no finding nobody asked for.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from './helpers';

const EXAMPLES = join(__dirname, '..', 'examples');
const LABELS = join(EXAMPLES, 'examples.labels.json');

interface Label { kind: string; line: number; alt_lines?: number[]; span?: [number, number] }
interface Case { expect: Label[]; forbid: Label[] }

const cases: Record<string, Case> = existsSync(LABELS) ? JSON.parse(readFileSync(LABELS, 'utf8')).cases : {};

describe.skipIf(Object.keys(cases).length === 0)('labelled examples', () => {
  for (const [file, labels] of Object.entries(cases)) {
    it(file, async () => {
      const result = await analyze(readFileSync(join(EXAMPLES, file), 'utf8'));
      const found = result.diagnostics.map((d) => ({ kind: d.rule, line: d.line, message: d.message }));
      const matches = (label: Label, hit: { kind: string; line: number }) =>
        hit.kind === label.kind && [label.line, ...(label.alt_lines ?? [])].includes(hit.line);
      const missing = labels.expect.filter((label) => !found.some((hit) => matches(label, hit)));
      const forbidden = found.filter((hit) => labels.forbid.some((label) =>
        label.kind === hit.kind && hit.line >= (label.span?.[0] ?? label.line) && hit.line <= (label.span?.[1] ?? label.line)));
      const unexpected = found.filter((hit) => !labels.expect.some((label) => matches(label, hit)));
      expect({ missing, forbidden, unexpected }).toEqual({ missing: [], forbidden: [], unexpected: [] });
    });
  }
});
