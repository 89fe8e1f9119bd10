// A module's syntax tree: one tree-sitter tree, or, while a large module is edited, one per segment of it.
// tree-sitter's incremental re-parse of a one-character edit reads the whole old tree: ~10 ms on a 10,000-line
// module wherever the edit is. A large module being edited is kept in segments as well, each a run of its top-level
// statements parsed on its own (tree-sitter's included ranges), and an edit re-parses only the segment it falls in.
// A segment starts where a top-level statement starts a line: nothing of Python's tokens (a bracket, a string, an
// indent) is open there, so while every segment parses without an error, together they are the whole module's tree.
// An edit on a segment's first line or the line before it (a `\` or an `else:` there) merges the two. A syntax error
// is another matter: how tree-sitter recovers may depend on all the text after it (a string left open in one segment
// closes in a later one). The segments are still read when each error stays inside one statement, in a way that
// cannot reach past it (`errorStaysInside`: a typo, a stray space); else the whole module's tree is read, parsed
// again with the edits made since (npm run segment-check compares both with fresh parses).

import type { Edit, Language, Node, Point, Tree } from 'web-tree-sitter';
import type { PythonParser } from './parser';

/** A run of the module's top-level statements and their tree. It ends where the next segment starts. */
export interface Segment {
  tree: Tree;
  start: number;
  /** The 0-based line `start` is on (always at its beginning). */
  startRow: number;
}

export interface SegmentOptions {
  /**
   * About how long a segment is (characters): a module is kept in segments once it is four times as long, and a
   * segment is split again once it is twice as long.
   */
  readonly segmentChars?: number;
}

/** 16,000 characters: the bench's 10,024-line module in 17 segments, a keystroke's re-parse p50 9 -> 2.4 ms. */
const SEGMENT_CHARS = 16_000;

export class ModuleTree {
  /** The whole module, edited with every edit but parsed again only when its segments have an error. */
  private whole: Tree;
  /** The segments, once the module was edited while long enough (and had no error). */
  private split: Segment[] | undefined;
  /** What is read: the segments while none has an error, else the whole module as one segment. */
  private view: Segment[];
  private text: string;
  private readonly segmentChars: number;

  constructor(private readonly parser: PythonParser, text: string, options: SegmentOptions = {}) {
    this.text = text;
    this.whole = parser.parse(text);
    this.view = [{ tree: this.whole, start: 0, startRow: 0 }];
    this.segmentChars = options.segmentChars ?? SEGMENT_CHARS;
  }

  /** The trees to read, in the module's order: each segment's, or the whole module's. */
  get segments(): readonly Segment[] {
    return this.view;
  }

  get language(): Language {
    return this.whole.language;
  }

  get hasError(): boolean {
    return this.view.some((segment) => segment.tree.rootNode.hasError);
  }

  /** The smallest node that spans `[start, end)`, in the segment that holds `start`. */
  descendantForIndex(start: number, end: number): Node | null {
    return this.view[segmentAt(this.view, start)].tree.rootNode.descendantForIndex(start, end);
  }

  /**
   * Applies one edit (`text` the result). The segments that the edit touches are parsed again; the whole module's
   * tree takes the edit, and is parsed again only if a segment has an error (or there are no segments yet).
   */
  update(text: string, edit: Edit): void {
    const previous = this.text;
    this.text = text;
    this.whole.edit(edit);
    const split = this.split;
    if (split) {
      this.updateSplit(split, previous, edit);
      if (split.every((segment, i) => errorStaysInside(segment.tree.rootNode, text, i === 0))) {
        this.view = split;
        return;
      }
    }
    const whole = this.parser.parse(text, this.whole);
    free(this.whole);
    this.whole = whole;
    this.view = [{ tree: whole, start: 0, startRow: 0 }];
    // Segments with an error where the whole module has none no longer start where statements do (a string spans
    // the start of one now): split again.
    this.splitWhole();
  }

  /**
   * Splits the module into segments from its whole tree, if long enough and without an error: at the first edit,
   * or before it (`Analyzer.open`'s documents are split when first read, not at their first keystroke).
   */
  splitWhole(): void {
    if (this.whole.rootNode.hasError || this.text.length < 4 * this.segmentChars) return;
    const parts = this.splitAt(this.whole, 0, 0, undefined);
    if (!parts) return;
    for (const segment of this.split ?? []) free(segment.tree);
    this.split = parts;
    this.view = parts;
  }

  delete(): void {
    free(this.whole);
    for (const segment of this.split ?? []) free(segment.tree);
    this.split = undefined;
    this.view = [];
  }

  /** Edits every segment's tree and parses again those the edit touched, with the neighbours of a boundary on its lines. */
  private updateSplit(segments: Segment[], previous: string, edit: Edit): void {
    let first = segmentAt(segments, edit.startIndex);
    while (first > 0 && edit.startIndex <= lineEnd(previous, segments[first].start)) first--;
    let last = segmentAt(segments, edit.oldEndIndex);
    while (last + 1 < segments.length && edit.oldEndIndex >= lineBefore(previous, segments[last + 1].start)) last++;
    // Trees wholly before the edit stand as they did: the others move with it.
    for (let i = first; i < segments.length; i++) segments[i].tree.edit(edit);
    const delta = edit.newEndIndex - edit.oldEndIndex;
    const rows = edit.newEndPosition.row - edit.oldEndPosition.row;
    for (let i = last + 1; i < segments.length; i++) {
      segments[i].start += delta;
      segments[i].startRow += rows;
    }
    // One segment now, parsed again with the first one's tree (edited already).
    const merged = segments[first];
    const tree = this.parser.parse(this.text, merged.tree, this.rangeOf(merged, segments[last + 1]));
    for (let i = first; i <= last; i++) free(segments[i].tree);
    merged.tree = tree;
    segments.splice(first + 1, last - first);
    // Merged segments grow: split again once twice as long as meant (and without an error).
    const end = segments[first + 1]?.start ?? this.text.length;
    const parts = end - merged.start >= 2 * this.segmentChars && !tree.rootNode.hasError && this.splitAt(tree, merged.start, merged.startRow, segments[first + 1]);
    if (parts) {
      segments.splice(first, 1, ...parts);
      free(tree);
    }
  }

  /**
   * The segments of `tree` (a segment's or the whole module's, without an error, starting at `start` on line `row`
   * and ending where `next` starts), cut where its top-level statements start lines, each about `segmentChars`
   * long; each parsed with `tree` to reuse (the caller frees it). Undefined where there is nowhere to cut.
   */
  private splitAt(tree: Tree, start: number, row: number, next: Segment | undefined): Segment[] | undefined {
    const end = next?.start ?? this.text.length;
    const segments: Segment[] = [{ tree, start, startRow: row }];
    let from = start;
    const cursor = tree.rootNode.walk();
    try {
      for (let more = cursor.gotoFirstChild(); more; more = cursor.gotoNextSibling()) {
        const at = cursor.startIndex;
        // Not so close to the end that the last segment would be short, nor in a line's middle (`x = 1; y = 2`).
        if (at - from < this.segmentChars || end - at < this.segmentChars || !cursor.nodeIsNamed || cursor.nodeType === 'comment') continue;
        if (at > 0 && this.text[at - 1] !== '\n') continue;
        segments.push({ tree, start: at, startRow: cursor.startPosition.row });
        from = at;
      }
    } finally {
      cursor.delete();
    }
    if (segments.length === 1) return undefined;
    for (let i = 0; i < segments.length; i++) segments[i].tree = this.parser.parse(this.text, tree, this.rangeOf(segments[i], segments[i + 1] ?? next));
    return segments;
  }

  /** The text from `segment` to `next` (or to the end) as tree-sitter's range. */
  private rangeOf(segment: Segment, next: Segment | undefined) {
    const startPosition: Point = { row: segment.startRow, column: 0 };
    if (next) return { startIndex: segment.start, endIndex: next.start, startPosition, endPosition: { row: next.startRow, column: 0 } };
    return { startIndex: segment.start, endIndex: this.text.length, startPosition, endPosition: endOf(this.text, segment.start, segment.startRow) };
  }
}

/**
 * Whether a segment's syntax errors (if any) stay in it: read as the whole module reads them. They must all lie in
 * one of its statements, between two that parsed cleanly (after the first segment's start, where nothing comes
 * before), the next one at the start of its line as a top-level statement is: tree-sitter settled how to read them
 * before the segment ends, and it ends as it does in the whole module.
 * And no erroneous text may hold a quote or a backslash, nor may the parser have supplied a string's or a bracket's
 * end: a string or bracket left open in the segment may close in a later one in the whole module, which reads
 * otherwise from there on.
 */
function errorStaysInside(root: Node, text: string, first: boolean): boolean {
  if (!root.hasError) return true;
  // Recovered from at the top: the segment is one error with its tokens in it.
  if (root.type !== 'module') return false;
  const statements = root.children;
  let broken = -1;
  for (let i = 0; i < statements.length; i++) {
    if (!statements[i]?.hasError) continue;
    if (broken >= 0) return false;
    broken = i;
  }
  if (broken < 0 || (broken === 0 && !first)) return false;
  // The next statement (not a comment) stands at the top, where a statement of the module starts: not lifted there
  // by the recovery.
  const next = statements.slice(broken + 1).find((node) => node?.type !== 'comment');
  if (!next || next.startPosition.column !== 0) return false;
  const stack: Node[] = [statements[broken]!];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.isMissing && CLOSERS.has(node.type)) return false;
    if (node.type === 'ERROR') {
      const erroneous = text.slice(node.startIndex, node.endIndex);
      for (const opener of UNSETTLING) if (erroneous.includes(opener)) return false;
    }
    for (const child of node.children) if (child && (child.hasError || child.isMissing)) stack.push(child);
  }
  return true;
}

/**
 * Characters that, in erroneous text, may open what runs on past the segment in the whole module: a string (a quote,
 * a backslash before a line break), a bracket (its closing one left over), a comment (that hides a closing bracket).
 */
const UNSETTLING = ['"', "'", '\\', '#', '(', ')', '[', ']', '{', '}'];

/** Tokens that close what was opened: supplied by the parser (missing), what they close may run on in the whole module. */
const CLOSERS = new Set(['string_end', ')', ']', '}']);

/** Index of the segment that holds `offset` (the last one for the text's end). */
function segmentAt(segments: readonly Segment[], offset: number): number {
  let low = 0;
  let high = segments.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (segments[middle].start <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

function free(tree: Tree): void {
  lifeOf(tree).alive = false;
  tree.delete();
}

/** Whether a tree is still allocated: its nodes point into WebAssembly memory that `delete` frees. */
export interface TreeLife {
  alive: boolean;
}

const lives = new WeakMap<Tree, TreeLife>();

/**
 * A tree's life. Function bodies lowered lazily (see lower.ts) keep a tree's nodes: once the tree is freed they
 * cannot be read, and say so (rather than read freed memory) until a newer lowering takes them over.
 */
export function lifeOf(tree: Tree): TreeLife {
  let life = lives.get(tree);
  if (!life) {
    life = { alive: true };
    lives.set(tree, life);
  }
  return life;
}

/** Where a text ends, counting lines from `start` (on line `row`). */
function endOf(text: string, start: number, row: number): Point {
  let lineStart = start;
  for (let i = text.indexOf('\n', start); i !== -1; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: text.length - lineStart };
}

/** The end of the line `offset` is on. */
function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end;
}

/** The start of the line before the one that starts at `offset`. */
function lineBefore(text: string, offset: number): number {
  return offset < 2 ? 0 : text.lastIndexOf('\n', offset - 2) + 1;
}
