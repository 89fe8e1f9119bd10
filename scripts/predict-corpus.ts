// Predicts the wall time of every labelled program, for measuring a change to the GIL model against real runs:
// writes `{ "path": wallMs }` (the threads scenario, CPython 3.11, 2 cores) as JSON. Run it before and after a
// change, time the programs that moved with scripts/time-programs.py, and compare with scripts/compare-predictions.py.
//
// Usage: npm run predict-corpus -- OUT.json [--assumptions FILE] [PATH...]   (default paths: test/fixtures
// test/known-gaps examples). `--assumptions FILE` also writes each prediction's assumptions, `{ "path": [...] }`: the
// guesses most programs share are where the model is weakest.

import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createAnalyzer } from '../src/model';
import { readParserWasm } from '../src/node/wasm';

function pythonFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => {
    const child = join(path, name);
    return statSync(child).isDirectory() ? pythonFiles(child) : name.endsWith('.py') && name !== 'measure.py' ? [child] : [];
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = args.indexOf('--assumptions');
  const assumptionsOut = flag >= 0 ? args.splice(flag, 2)[1] : undefined;
  const [out, ...paths] = args;
  if (!out) throw new Error('usage: predict-corpus OUT.json [--assumptions FILE] [PATH...]');
  const root = join(__dirname, '..');
  const analyzer = await createAnalyzer(readParserWasm());
  const walls: Record<string, number | null> = {};
  const assumptions: Record<string, readonly string[]> = {};
  const files = (paths.length > 0 ? paths : ['test/fixtures', 'test/known-gaps', 'examples'].map((p) => join(root, p))).flatMap(pythonFiles);
  for (const file of files) {
    const { prediction } = analyzer.predict(readFileSync(file, 'utf8'));
    walls[relative(root, file)] = prediction ? Math.round(prediction.scenarios.threads.wallMs * 1000) / 1000 : null;
    if (prediction) assumptions[relative(root, file)] = prediction.assumptions;
  }
  writeFileSync(out, `${JSON.stringify(walls, null, 0)}\n`);
  if (assumptionsOut) writeFileSync(assumptionsOut, `${JSON.stringify(assumptions, null, 1)}\n`);
  console.log(`${files.length} programs predicted into ${out}`);
}

void main();
