// Lowers tree-sitter's tree into plain `Syntax` objects, once per parse.
// Only named nodes are kept; operators are read back from the source between operands when a rule needs them.
// Subtrees that analysis never reads (string internals, type annotations) are not descended into, and top-level
// statements whose text did not change since the previous version are reused (shifted to their new offsets), so a
// keystroke in a large file lowers only the statement it touched.

import type { Node, Tree } from 'web-tree-sitter';
import type { Comment, Syntax } from './syntax';

/** Node types lowered without their children. */
const LEAVES = new Set([
  'identifier', 'integer', 'float', 'true', 'false', 'none', 'ellipsis', 'escape_sequence', 'keyword_separator',
  'positional_separator', 'import_prefix', 'wildcard_import', 'line_continuation', 'type_conversion', 'type',
  'string_start', 'string_content', 'string_end', 'pass_statement', 'break_statement', 'continue_statement',
]);

interface CachedStatement {
  readonly syntax: Syntax;
  readonly comments: Comment[];
}

/** What a lowering keeps for the next one: top-level statements by their exact text. */
export type LoweringCache = Map<string, CachedStatement[]>;

export interface LoweredModule {
  readonly root: Syntax;
  readonly comments: Comment[];
  readonly cache: LoweringCache;
}

export function lowerModule(tree: Tree, source: string, previous?: LoweringCache): LoweredModule {
  const rootNode = tree.rootNode;
  const root: Syntax = { type: 'module', start: 0, end: source.length, children: [], parent: undefined };
  const comments: Comment[] = [];
  const cache: LoweringCache = new Map();
  const typeNames = tree.language.types;
  for (const child of rootNode.namedChildren) {
    if (!child) continue;
    const start = child.startIndex;
    const end = child.endIndex;
    const text = source.slice(start, end);
    let entry = takeCached(previous, text);
    if (entry) {
      shift(entry, start - entry.syntax.start);
    } else {
      const own: Comment[] = [];
      entry = { syntax: lowerSubtree(child, source, typeNames, own), comments: own };
    }
    if (entry.syntax.type === 'comment') {
      comments.push(...entry.comments);
    } else {
      entry.syntax.parent = root;
      root.children.push(entry.syntax);
      comments.push(...entry.comments);
    }
    const list = cache.get(text);
    if (list) list.push(entry);
    else cache.set(text, [entry]);
  }
  return { root, comments, cache };
}

function takeCached(previous: LoweringCache | undefined, text: string): CachedStatement | undefined {
  const list = previous?.get(text);
  if (!list || list.length === 0) return undefined;
  return list.shift();
}

function shift(entry: CachedStatement, delta: number): void {
  if (delta === 0) return;
  const stack: Syntax[] = [entry.syntax];
  while (stack.length > 0) {
    const node = stack.pop()!;
    node.start += delta;
    node.end += delta;
    for (const child of node.children) stack.push(child);
  }
  for (const comment of entry.comments) {
    comment.start += delta;
    comment.end += delta;
  }
}

function typeName(node: Node, typeNames: readonly string[]): string {
  // ERROR nodes have a symbol outside the grammar's table.
  return typeNames[node.typeId] ?? node.type;
}

/** Lowers one tree-sitter subtree iteratively: user code can nest deeper than the JS stack. */
function lowerSubtree(top: Node, source: string, typeNames: readonly string[], comments: Comment[]): Syntax {
  const topType = typeName(top, typeNames);
  const result: Syntax = { type: topType, start: top.startIndex, end: top.endIndex, children: [], parent: undefined };
  if (topType === 'comment') {
    comments.push({ start: result.start, end: result.end, text: source.slice(result.start, result.end) });
    return result;
  }
  const pending: Array<[Node, Syntax]> = [[top, result]];
  while (pending.length > 0) {
    const [node, syntax] = pending.pop()!;
    if (LEAVES.has(syntax.type)) continue;
    const isString = syntax.type === 'string';
    if (isString && !isFormatString(source, syntax.start)) continue;
    for (const child of node.namedChildren) {
      if (!child) continue;
      const type = typeName(child, typeNames);
      if (type === 'comment') {
        comments.push({ start: child.startIndex, end: child.endIndex, text: child.text });
        continue;
      }
      // Inside an f-string only the interpolated expressions matter.
      if (isString && type !== 'interpolation') continue;
      const lowered: Syntax = { type, start: child.startIndex, end: child.endIndex, children: [], parent: syntax };
      syntax.children.push(lowered);
      pending.push([child, lowered]);
    }
  }
  return result;
}

/** True when the string literal starting at `start` has an f prefix (f"", rf'', Fr"""...). */
function isFormatString(source: string, start: number): boolean {
  for (let i = start; i < start + 3 && i < source.length; i++) {
    const ch = source[i];
    if (ch === 'f' || ch === 'F') return true;
    if (ch === '"' || ch === "'") return false;
  }
  return false;
}
