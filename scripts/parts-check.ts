// Checks the split that edits rely on (src/model/parts.ts): each file analysed whole and each of its parts analysed on
// its own must find the same things, placed the same. Prints every file where they differ, then the totals.
//
// Usage: npm run parts-check -- PATH...   (files, or folders walked as `gil-lens check` walks them)

import { readFileSync } from 'node:fs';
import { collectPythonFiles } from '../src/cli/files';
import { createAnalyzer } from '../src/model';
import { readParserWasm } from '../src/node/wasm';
import { placed } from '../test/helpers';

async function main(): Promise<void> {
  const analyzer = await createAnalyzer(readParserWasm());
  let files = 0;
  let split = 0;
  let parts = 0;
  let differ = 0;
  // The files `gil-lens check` would read there.
  for (const path of collectPythonFiles(process.argv.slice(2)).files) {
    const text = readFileSync(path, 'utf8');
    const wholeDocument = analyzer.open(text);
    const whole = wholeDocument.analyze();
    wholeDocument.dispose();
    const partsDocument = analyzer.open(text);
    const each = partsDocument.analyzeEachPart();
    partsDocument.dispose();
    files++;
    if ((each.parts?.length ?? 0) > 1) split++;
    parts += each.parts?.length ?? 0;
    const [a, b] = [placed(whole.diagnostics), placed(each.diagnostics)];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    differ++;
    console.log(`${path}: ${each.parts?.length} parts`);
    for (const line of a.filter((d) => !b.includes(d))) console.log(`  whole only: ${line.slice(0, 200)}`);
    for (const line of b.filter((d) => !a.includes(d))) console.log(`  parts only: ${line.slice(0, 200)}`);
  }
  console.log(`${files} files, ${split} split (${parts} parts in all): ${differ} differ`);
  process.exitCode = differ > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
