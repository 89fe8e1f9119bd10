// The plain-data syntax tree the rest of the model reads.
// It is lowered once from tree-sitter's tree (see lower.ts) so that analysis runs on ordinary JS objects instead of
// crossing into WebAssembly for every node; it keeps tree-sitter's node type names and named children in order.

export interface Syntax {
  readonly type: string;
  /** UTF-16 offsets into the source, like JS string indices. */
  start: number;
  end: number;
  readonly children: Syntax[];
  parent: Syntax | undefined;
}

/** A comment seen while lowering; kept aside because `# noqa` suppressions live in them. */
export interface Comment {
  start: number;
  end: number;
  readonly text: string;
}

/** Maps offsets to 0-based lines and columns (UTF-16 code units, as editors count). */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 0-based line of an offset. */
  lineAt(offset: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  position(offset: number): { line: number; column: number } {
    const line = this.lineAt(offset);
    return { line, column: offset - this.lineStarts[line] };
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }
}

/** The source text a node covers. */
export function textOf(source: string, node: Syntax): string {
  return source.slice(node.start, node.end);
}

export function childOfType(node: Syntax, type: string): Syntax | undefined {
  for (const child of node.children) if (child.type === type) return child;
  return undefined;
}

export function childrenOfType(node: Syntax, type: string): Syntax[] {
  return node.children.filter((child) => child.type === type);
}

/** Nearest ancestor (not the node itself) whose type is one of `types`. */
export function ancestorOfType(node: Syntax, types: ReadonlySet<string>): Syntax | undefined {
  for (let at = node.parent; at; at = at.parent) if (types.has(at.type)) return at;
  return undefined;
}

export function isAncestor(ancestor: Syntax, node: Syntax): boolean {
  for (let at: Syntax | undefined = node; at; at = at.parent) if (at === ancestor) return true;
  return false;
}

/** The statement that holds `node` directly in a block (or in the module). */
export function blockStatementOf(node: Syntax): Syntax {
  let at = node;
  while (at.parent && at.parent.type !== 'block' && at.parent.type !== 'module') at = at.parent;
  return at;
}

/**
 * Visits `root` and its descendants depth-first, in source order, without recursion (user code may nest deeply).
 * `enter` returns false to skip a node's children.
 */
export function walk(root: Syntax, enter: (node: Syntax) => boolean | void): void {
  const stack: Syntax[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (enter(node) === false) continue;
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

const NO_OPAQUE_NODES: ReadonlySet<string> = new Set();

/**
 * The deepest node of `root` that contains `offset`, not looking inside nodes of the `opaque` types (children are in
 * source order: a binary search a level).
 */
export function nodeAt(root: Syntax, offset: number, opaque: ReadonlySet<string> = NO_OPAQUE_NODES): Syntax {
  let node = root;
  for (;;) {
    if (node !== root && opaque.has(node.type)) return node;
    const children = node.children;
    let low = 0;
    let high = children.length - 1;
    let found: Syntax | undefined;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const child = children[middle];
      if (offset < child.start) high = middle - 1;
      else if (offset >= child.end) low = middle + 1;
      else {
        found = child;
        break;
      }
    }
    if (!found) return node;
    node = found;
  }
}
