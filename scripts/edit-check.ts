// Checks the editor's path through parts (PythonDocument after edits; src/model/parts.ts, lower.ts): random edits
// typed one after another into the bench's module of many programs, each version analysed as the editor does (the
// parts an edit touched read again, the others kept) and compared with a fresh analysis of its text. Edits pile up,
// so later versions are far from the generated module: names renamed, lines broken, syntax errors left in. The
// document keeps the module in small segments (see src/model/parse/segments.ts), so that edits cross their ends.
//
// `--undo P`: each edit is, with probability P, the last one taken back (a keystroke and its deletion), so that
// more versions are valid Python and read in segments.
//
// Usage: npm run edit-check -- [--lines 3000] [--edits 150] [--seed 1] [--segment-chars 2000] [--undo 0]

import { parseArgs } from 'node:util';
import { seededRandom } from '../bench/random';
import { buildThreadedProgram } from '../bench/threadedProgram';
import { createAnalyzer } from '../src/model';
import { readParserWasm } from '../src/node/wasm';
import { placed, typeInto } from '../test/helpers';

/** Single characters typed: a space, a digit, an identifier's letters, an opening bracket, a colon, a line break. */
const TYPED = [' ', '0', 'x', '_', '(', ':', '\n'];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      lines: { type: 'string', default: '3000' }, edits: { type: 'string', default: '150' }, seed: { type: 'string', default: '1' },
      'segment-chars': { type: 'string', default: '2000' }, undo: { type: 'string', default: '0' },
    },
  });
  const analyzer = await createAnalyzer(readParserWasm());
  const random = seededRandom(Number(values.seed));
  let text = buildThreadedProgram(Number(values.lines));
  const document = analyzer.open(text, { segmentChars: Number(values['segment-chars']) });
  document.analyze();
  let differ = 0;
  let segmented = 0;
  const edits = Number(values.edits);
  const undoing = Number(values.undo);
  let undo: { at: number; removed: number; inserted: string } | undefined;
  for (let i = 1; i <= edits; i++) {
    let at = Math.floor(random() * text.length);
    const kind = random();
    let removed = 0;
    let inserted = '';
    if (undo && undoing > 0 && random() < undoing) ({ at, removed, inserted } = undo);
    else if (kind < 0.4) inserted = TYPED[Math.floor(random() * TYPED.length)];
    else if (kind < 0.7) removed = Math.min(1 + Math.floor(random() * 3), text.length - at);
    else {
      // A run of the module's own text: often a name of another program, which links parts that were apart.
      const from = Math.floor(random() * text.length);
      inserted = text.slice(from, from + 1 + Math.floor(random() * 12));
    }
    const what = JSON.stringify({ at, removed: text.slice(at, at + removed), inserted });
    undo = undo && at === undo.at && inserted === undo.inserted ? undefined : { at, removed: inserted.length, inserted: text.slice(at, at + removed) };
    text = typeInto(document, text, at, removed, inserted);
    if (document.segmentCount > 1) segmented++;
    const [typed, fresh] = [placed(document.analyze().diagnostics), placed(analyzer.analyze(text).diagnostics)];
    if (JSON.stringify(typed) === JSON.stringify(fresh)) continue;
    differ++;
    console.log(`edit ${i} ${what}: the typed-in version differs from a fresh analysis`);
    for (const line of fresh.filter((d) => !typed.includes(d))) console.log(`  fresh only: ${line.slice(0, 200)}`);
    for (const line of typed.filter((d) => !fresh.includes(d))) console.log(`  typed only: ${line.slice(0, 200)}`);
  }
  document.dispose();
  console.log(`${edits} versions of a ${values.lines}-line module (seed ${values.seed}), ${segmented} read in segments: ${differ} differ from a fresh analysis`);
  process.exitCode = differ > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
