// Finds and reads the parser's WebAssembly files in Node: next to the bundled script in an installed package
// (dist/), or in node_modules when running from source (tests, the bench).

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ParserWasm } from '../model/parse/parser';

const FILES = { runtime: 'tree-sitter.wasm', python: 'tree-sitter-python.wasm' } as const;

export function readParserWasm(): ParserWasm {
  return { runtime: readFileSync(locate('runtime')), python: readFileSync(locate('python')) };
}

function locate(which: keyof typeof FILES): string {
  const file = FILES[which];
  const here = typeof __dirname === 'string' ? __dirname : dirname(new URL(import.meta.url).pathname);
  for (const candidate of [join(here, file), join(here, '..', 'dist', file), join(here, '..', '..', 'dist', file)]) {
    if (existsSync(candidate)) return candidate;
  }
  const require = createRequire(join(here, 'index.js'));
  return require.resolve(which === 'runtime' ? 'web-tree-sitter/tree-sitter.wasm' : 'tree-sitter-python/tree-sitter-python.wasm');
}
