// Python parsing with tree-sitter (web-tree-sitter + tree-sitter-python's WASM).
// Loading is asynchronous and happens once; parsing after that is synchronous, never throws, and returns the
// tree-sitter tree with the syntax problems it found. The host supplies the WASM bytes, so this file runs unchanged
// in Node, a worker and a browser.

import { Language, Parser, type Tree, type Node, type Range } from 'web-tree-sitter';
import type { ModuleTree } from './segments';
import type { LineIndex } from './syntax';

export interface ParserWasm {
  /** web-tree-sitter's runtime (`tree-sitter.wasm`). */
  readonly runtime: Uint8Array;
  /** The Python grammar (`tree-sitter-python.wasm`). */
  readonly python: Uint8Array;
}

/** A loaded grammar; one per process is enough. */
export interface PythonParser {
  readonly language: Language;
  /**
   * Parses `text`, reusing `oldTree` (already edited to match) when given; only `range` of it when given (the rest
   * is not read, as if it were not there).
   */
  parse(text: string, oldTree?: Tree, range?: Range): Tree;
}

let loading: Promise<PythonParser> | undefined;

export function loadPythonParser(wasm: ParserWasm): Promise<PythonParser> {
  loading ??= (async () => {
    await Parser.init({ wasmBinary: wasm.runtime });
    const language = await Language.load(wasm.python);
    const parser = new Parser();
    parser.setLanguage(language);
    return {
      language,
      parse(text: string, oldTree?: Tree, range?: Range): Tree {
        const tree = parser.parse(text, oldTree ?? null, range && { includedRanges: [range] });
        // parse() returns null only without a language or when a progress callback cancels; neither happens here.
        if (!tree) throw new Error('tree-sitter returned no tree');
        return tree;
      },
    };
  })();
  return loading;
}

export interface SyntaxProblem {
  readonly message: string;
  /** 0-based. */
  readonly line: number;
  readonly column: number;
}

const MAX_PROBLEMS = 20;

/**
 * Lists the places where the parser had to recover: ERROR nodes (unexpected text) and MISSING nodes (text the
 * grammar needed and did not find). Only subtrees that contain an error are visited.
 */
export function syntaxProblems(tree: ModuleTree, lines: LineIndex): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  // Each segment's root, the last first: popped in source order.
  const stack: Node[] = tree.segments.map((segment) => segment.tree.rootNode).filter((root) => root.hasError).reverse();
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const node = stack.pop()!;
    if (node.isMissing) {
      const { line, column } = lines.position(node.startIndex);
      problems.push({ message: `missing ${JSON.stringify(node.type)}`, line, column });
      continue;
    }
    if (node.type === 'ERROR') {
      const { line, column } = lines.position(node.startIndex);
      problems.push({ message: 'unexpected text', line, column });
      continue;
    }
    const children = node.children.filter((child): child is Node => !!child && (child.hasError || child.isMissing));
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return problems;
}
