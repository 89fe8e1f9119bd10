// Checks the segments a large module is parsed in while it is edited (src/model/parse/segments.ts): each file is
// kept in small segments and edited at random (most edits taken back at once, as typing does), and after each edit
// read in segments (no syntax error, or one that stays in its statement) they must hold what a fresh parse of the
// whole text holds: the same top-level statements, each the same tree, and the same syntax problems. Inside a
// statement with a syntax error, and in versions read whole with one (re-parsed incrementally, as without segments),
// tree-sitter's recovery does not always match a fresh parse: those are counted, next to the count for a tree
// re-parsed after every edit (no segments) in the same versions, and do not fail the check.
//
// Usage: npm run segment-check -- [--edits 20] [--segment-chars 1000] [--seed 1] PATH...

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { Node } from 'web-tree-sitter';
import { seededRandom } from '../bench/random';
import { collectPythonFiles } from '../src/cli/files';
import { type SyntaxProblem, loadPythonParser, syntaxProblems } from '../src/model/parse/parser';
import { ModuleTree } from '../src/model/parse/segments';
import { LineIndex } from '../src/model/parse/syntax';
import { readParserWasm } from '../src/node/wasm';
import { editAt } from '../test/helpers';

/** Typed at random: single characters, and what opens or closes brackets, strings and blocks across lines. */
const TYPED = [' ', '0', 'x', '\n', '(', ')', ':', '"', "'", '"""', '#', '\\', '\n    ', 'else:', '@d\n'];

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { edits: { type: 'string', default: '20' }, 'segment-chars': { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' } },
  });
  const parser = await loadPythonParser(readParserWasm());
  const segmentChars = Number(values['segment-chars']);
  let files = 0;
  let versions = 0;
  let segmented = 0;
  let differ = 0;
  let broken = 0;
  let segmentedBroken = 0;
  let segmentedPlainDiffer = 0;
  let insideDiffer = 0;
  let brokenDiffer = 0;
  let plainDiffer = 0;
  for (const path of collectPythonFiles(positionals).files) {
    // Each file's edits from its own seed, so that one file checked alone is edited as in the whole run.
    const random = seededRandom(Number(values.seed) * 7_919 + hashOf(basename(path)));
    let text = readFileSync(path, 'utf8');
    if (text.includes('\r') || text.includes('\u0000')) continue;
    files++;
    const tree = new ModuleTree(parser, text, { segmentChars });
    // The whole module re-parsed after every edit, as without segments (never long enough to split).
    const plain = new ModuleTree(parser, text, { segmentChars: Number.POSITIVE_INFINITY });
    // The last edit, for taking it back: most are (a keystroke and its deletion), so most versions stay valid.
    let undo: { at: number; removed: number; inserted: string } | undefined;
    for (let i = 0; i <= Number(values.edits); i++) {
      let at = 0;
      let removed = 0;
      let inserted = '';
      // The first edit changes nothing: the file as it is, once split.
      if (undo && random() < 0.85) ({ at, removed, inserted } = undo);
      else if (i > 0) {
        at = Math.floor(random() * text.length);
        const kind = random();
        if (kind < 0.3) removed = Math.min(1 + Math.floor(random() * 3), text.length - at);
        else if (kind < 0.8) inserted = TYPED[Math.floor(random() * TYPED.length)];
        else {
          const from = Math.floor(random() * text.length);
          inserted = text.slice(from, from + 1 + Math.floor(random() * 40));
        }
      }
      undo = undo && at === undo.at && inserted === undo.inserted ? undefined : { at, removed: inserted.length, inserted: text.slice(at, at + removed) };
      const { after, edit } = editAt(text, at, removed, inserted);
      text = after;
      tree.update(text, edit);
      plain.update(text, edit);
      versions++;
      // Parsed whole: a module tree is split only as it is edited.
      const fresh = new ModuleTree(parser, text);
      const difference = compare(tree, fresh, text);
      const plainFound = tree.hasError ? compare(plain, fresh, text) : { inside: false };
      const plainDiffers = () => !!plainFound.outside || !!plainFound.inside;
      fresh.delete();
      if (tree.segments.length === 1 && tree.hasError) {
        broken++;
        if (difference.outside || difference.inside) brokenDiffer++;
        if (plainDiffers()) plainDiffer++;
        continue;
      }
      if (tree.segments.length > 1) segmented++;
      if (tree.hasError && tree.segments.length > 1) {
        segmentedBroken++;
        if (difference.inside) insideDiffer++;
        if (plainDiffers()) segmentedPlainDiffer++;
      }
      if (!difference.outside) continue;
      differ++;
      console.log(`${path}, edit ${i} ${JSON.stringify({ at, removed, inserted })}, ${tree.segments.length} segments: ${difference.outside}`);
    }
    tree.delete();
    plain.delete();
  }
  console.log(`${files} files, ${versions} versions: ${segmented} read in segments (${segmentedBroken} of them with a syntax error that stays in its segment), ${broken} read whole with a syntax error`);
  console.log(`versions read in segments: ${differ} differ from a fresh parse outside a statement with a syntax error`);
  console.log(`  with a syntax error: ${insideDiffer} read that statement otherwise (re-parsed after every edit, as without segments: ${segmentedPlainDiffer} differ)`);
  console.log(`versions read whole with a syntax error: ${brokenDiffer} differ from a fresh parse (re-parsed after every edit, as without segments: ${plainDiffer})`);
  process.exitCode = differ > 0 ? 1 : 0;
}

/**
 * What differs between the tree read and the fresh one. `outside`: a difference anywhere but inside a statement that
 * has a syntax error in both, spanning the same text (in words); `inside`: whether such a statement differs within.
 */
function compare(tree: ModuleTree, fresh: ModuleTree, text: string): { outside?: string; inside: boolean } {
  const statementsOf = (module: ModuleTree) => module.segments.flatMap((segment) => segment.tree.rootNode.children.filter((node): node is Node => !!node));
  const [statements, expected] = [statementsOf(tree), statementsOf(fresh)];
  if (tree.hasError !== fresh.hasError) return { outside: `errors: segments ${tree.hasError}, fresh ${fresh.hasError}`, inside: false };
  const insides: Array<[number, number]> = [];
  for (let i = 0; i < Math.max(statements.length, expected.length); i++) {
    const [a, b] = [statements[i], expected[i]];
    if (a && b && sameTree(a, b)) continue;
    if (a && b && a.hasError && b.hasError && a.startIndex === b.startIndex && a.endIndex === b.endIndex) {
      insides.push([a.startIndex, a.endIndex]);
      continue;
    }
    const show = (node: Node | undefined) => (node ? `${node.type} ${node.startIndex}-${node.endIndex} ${JSON.stringify(text.slice(node.startIndex, node.startIndex + 40))}` : 'none');
    return { outside: `statement ${i}: segments ${show(a)}, fresh ${show(b)}`, inside: insides.length > 0 };
  }
  const lines = new LineIndex(text);
  const outside = (problem: SyntaxProblem) => {
    const at = lines.lineStart(problem.line) + problem.column;
    return !insides.some(([start, end]) => at >= start && at < end);
  };
  const [a, b] = [syntaxProblems(tree, lines).filter(outside), syntaxProblems(fresh, lines).filter(outside)];
  if (JSON.stringify(a) !== JSON.stringify(b)) return { outside: `syntax problems: segments ${JSON.stringify(a)}, fresh ${JSON.stringify(b)}`, inside: insides.length > 0 };
  return { inside: insides.length > 0 };
}

/** A string's hash (FNV-1a). */
function hashOf(text: string): number {
  let hash = 2_166_136_261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16_777_619) >>> 0;
  return hash;
}

/** Whether two subtrees have the same nodes, of the same types, at the same places (walked without recursion: code nests deep). */
function sameTree(a: Node, b: Node): boolean {
  const [left, right] = [a.walk(), b.walk()];
  try {
    for (;;) {
      if (left.nodeType !== right.nodeType || left.startIndex !== right.startIndex || left.endIndex !== right.endIndex || left.nodeIsMissing !== right.nodeIsMissing) return false;
      const [down, downToo] = [left.gotoFirstChild(), right.gotoFirstChild()];
      if (down !== downToo) return false;
      if (down) continue;
      // Up to the nearest ancestor with a next sibling, in both.
      for (;;) {
        const [next, nextToo] = [left.gotoNextSibling(), right.gotoNextSibling()];
        if (next !== nextToo) return false;
        if (next) break;
        const [up, upToo] = [left.gotoParent(), right.gotoParent()];
        if (up !== upToo) return false;
        if (!up) return true;
      }
    }
  } finally {
    left.delete();
    right.delete();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
