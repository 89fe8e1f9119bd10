// Runs every Python fixture in test/fixtures. A line marked `# expect: GIL00N` must get that finding on that line;
// a line marked `# ok: GIL00N` must not. Any other finding fails the test too: every finding needs an expectation.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from './helpers';

const FIXTURES = join(__dirname, 'fixtures');
const MARKER = /#\s*(expect|ok):\s*([A-Z0-9, ]+)/g;

function fixtureFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? fixtureFiles(join(directory, entry.name)).map((f) => join(entry.name, f))
      : entry.name.endsWith('.py') ? [entry.name] : []);
}

describe('fixtures', () => {
  for (const file of fixtureFiles(FIXTURES)) {
    it(file, async () => {
      const source = readFileSync(join(FIXTURES, file), 'utf8');
      const expected = new Set<string>();
      const forbidden = new Set<string>();
      source.split('\n').forEach((text, index) => {
        for (const match of text.matchAll(MARKER)) {
          for (const code of match[2].split(/[\s,]+/).filter(Boolean)) {
            (match[1] === 'expect' ? expected : forbidden).add(`${index + 1} ${code}`);
          }
        }
      });
      const result = await analyze(source);
      const found = new Set(result.diagnostics.map((d) => `${d.line} ${d.code}`));
      const messages = result.diagnostics.map((d) => `${d.line} ${d.code}: ${d.message}`);
      expect({ missing: [...expected].filter((e) => !found.has(e)), problems: result.problems.filter((p) => p.startsWith('internal')) })
        .toEqual({ missing: [], problems: [] });
      expect([...found].filter((f) => forbidden.has(f)), messages.join('\n')).toEqual([]);
      expect([...found].filter((f) => !expected.has(f)), messages.join('\n')).toEqual([]);
    });
  }
});
