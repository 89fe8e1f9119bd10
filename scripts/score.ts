// Scores labelled Python programs as the held-out rounds are scored: every `# expect: GIL00N` marker is a label the
// engine should find on its line; any other finding (on a `# ok:` line or an unlabelled one) counts as flagged.
// Prints one line per program that disagrees with its labels (every program with -v), then the totals, precision and
// recall. Used to score new rounds of programs and the known gaps in test/known-gaps.
//
// Usage: npm run score -- [-v] PATH...   (files, or folders walked for .py files)

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createAnalyzer } from '../src/model';
import { readParserWasm } from '../src/node/wasm';

const MARKER = /#\s*(expect|ok):\s*([A-Z0-9, ]+)/g;

function pythonFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => {
    const child = join(path, name);
    return statSync(child).isDirectory() ? pythonFiles(child) : name.endsWith('.py') ? [child] : [];
  });
}

function labels(source: string): Set<string> {
  const expected = new Set<string>();
  source.split('\n').forEach((text, index) => {
    for (const match of text.matchAll(MARKER)) {
      if (match[1] !== 'expect') continue;
      for (const code of match[2].split(/[\s,]+/).filter(Boolean)) expected.add(`${index + 1} ${code}`);
    }
  });
  return expected;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { verbose: { type: 'boolean', short: 'v' } } });
  const analyzer = await createAnalyzer(readParserWasm());
  let found = 0;
  let missed = 0;
  let flagged = 0;
  let programs = 0;
  let agreeing = 0;
  for (const file of positionals.flatMap(pythonFiles)) {
    const source = readFileSync(file, 'utf8');
    const expected = labels(source);
    const result = analyzer.analyze(source);
    const reported = new Set(result.diagnostics.map((d) => `${d.line} ${d.code}`));
    const hits = [...expected].filter((label) => reported.has(label));
    const misses = [...expected].filter((label) => !reported.has(label));
    const extras = result.diagnostics.filter((d) => !expected.has(`${d.line} ${d.code}`));
    const internal = result.problems.filter((p) => p.startsWith('internal'));
    found += hits.length;
    missed += misses.length;
    flagged += extras.length;
    programs++;
    const agrees = misses.length === 0 && extras.length === 0 && internal.length === 0;
    if (agrees) agreeing++;
    if (agrees && !values.verbose) continue;
    console.log(`${agrees ? 'ok  ' : 'FAIL'} ${file}: found ${hits.length}, missed [${misses.join(', ')}]`
      + `, flagged [${extras.map((d) => `${d.line} ${d.code}`).join(', ')}]${internal.length ? `, ${internal.join('; ')}` : ''}`);
    if (values.verbose) for (const d of extras) console.log(`       ${d.line} ${d.code}: ${d.message}`);
  }
  const precision = found / Math.max(1, found + flagged);
  const recall = found / Math.max(1, found + missed);
  console.log(`${programs} programs, ${agreeing} agree; found ${found}, missed ${missed}, flagged ${flagged}; `
    + `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
