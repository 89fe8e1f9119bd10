// Finds an installed CPython standard library and reads its Python files for the throughput benchmark.
// Prefers 3.13 (the version the design's parser figures were measured on) and says which interpreter it used; files
// that are not valid UTF-8 are skipped and counted rather than decoded lossily, so every side parses the same text.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { collectPythonFiles } from '../src/cli/files';

export interface Stdlib {
  /** The interpreter asked, as found. */
  readonly python: string;
  readonly version: string;
  readonly directory: string;
}

export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly lines: number;
}

export interface StdlibSources {
  readonly files: SourceFile[];
  readonly lines: number;
  readonly bytes: number;
  /** Files that are not valid UTF-8 (Latin-1 test data and the like). */
  readonly undecodable: string[];
}

/** The first interpreter that answers: python3.13 on PATH, then pyenv's 3.13 builds, then any python3. */
export function findStdlib(): Stdlib | undefined {
  for (const python of candidatePythons()) {
    const stdlib = askStdlib(python);
    if (stdlib) return stdlib;
  }
  return undefined;
}

function candidatePythons(): string[] {
  const candidates = ['python3.13'];
  const pyenvRoots = [process.env.PYENV_ROOT, join(homedir(), '.pyenv')].filter((root): root is string => !!root);
  for (const root of new Set(pyenvRoots)) {
    const versions = join(root, 'versions');
    if (!existsSync(versions)) continue;
    for (const version of readdirSync(versions).filter((name) => name.startsWith('3.13')).sort().reverse()) {
      candidates.push(join(versions, version, 'bin', 'python3.13'));
    }
  }
  candidates.push('python3', 'python');
  return candidates;
}

/** Asks one interpreter for its stdlib; undefined when it is missing or fails (a pyenv shim with no such version does). */
function askStdlib(python: string): Stdlib | undefined {
  const script = 'import sys, sysconfig; print(sys.version.split()[0]); print(sysconfig.get_paths()["stdlib"])';
  try {
    const output = execFileSync(python, ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 });
    const [version, directory] = output.trim().split('\n');
    if (!version || !directory || !existsSync(directory)) return undefined;
    return { python, version, directory };
  } catch {
    return undefined;
  }
}

/** Every *.py file under the stdlib, in a stable order, decoded as strict UTF-8. */
export function readStdlibSources(directory: string): StdlibSources {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const files: SourceFile[] = [];
  const undecodable: string[] = [];
  let lines = 0;
  let bytes = 0;
  for (const path of pythonFiles(directory)) {
    let raw: Buffer;
    try {
      raw = readFileSync(path);
    } catch {
      continue;
    }
    let text: string;
    try {
      text = decoder.decode(raw);
    } catch {
      undecodable.push(path);
      continue;
    }
    const count = countLines(text);
    files.push({ path, text, lines: count });
    lines += count;
    bytes += raw.length;
  }
  return { files, lines, bytes, undecodable };
}

/** The stdlib's Python files, found the way `gil-lens check` finds them (site-packages and caches skipped). */
function pythonFiles(root: string): string[] {
  return collectPythonFiles([root]).files.sort();
}

/** Lines as an editor counts them: a final line without a newline still counts. */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return text.endsWith('\n') ? count : count + 1;
}
