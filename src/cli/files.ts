// Finding and reading the Python files the command line was given: directories are walked for *.py (skipping
// hidden, cache and virtual-environment folders, never following symlinked folders), and each file is decoded the
// way Python would (UTF-8, or the PEP 263 coding cookie), with binary and undecodable files reported, not read.

import { lstatSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SKIPPED_DIRECTORIES = new Set(['__pycache__', 'node_modules', 'site-packages', '.git', '.hg', '.svn', '.tox', '.venv', 'venv']);

export interface InputFile {
  readonly path: string;
}

/** Expands the given paths; a path that does not exist is returned in `missing`. */
export function collectPythonFiles(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      missing.push(path);
      continue;
    }
    if (stats.isDirectory()) walkDirectory(path, files);
    else files.push(path);
  }
  return { files, missing };
}

function walkDirectory(root: string, into: string[]): void {
  const pending = [root];
  while (pending.length > 0) {
    const directory = pending.pop()!;
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirectories: string[] = [];
    for (const entry of entries) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED_DIRECTORIES.has(entry.name)) subdirectories.push(path);
      } else if (entry.name.endsWith('.py') && (entry.isFile() || isFileLink(path))) {
        into.push(path);
      }
    }
    for (let i = subdirectories.length - 1; i >= 0; i--) pending.push(subdirectories[i]);
  }
}

function isFileLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink() && statSync(path).isFile();
  } catch {
    return false;
  }
}

export type ReadResult = { readonly text: string } | { readonly problem: string };

/** Reads a file as Python source text. */
export function readPythonFile(path: string): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { problem: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  return decodePython(bytes);
}

export function decodePython(bytes: Uint8Array): ReadResult {
  if (bytes.includes(0)) return { problem: 'binary file (contains NUL bytes): not analyzed' };
  const encoding = codingCookie(bytes) ?? 'utf-8';
  try {
    const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
    return { text: decoder.decode(bytes) };
  } catch (error) {
    if (error instanceof RangeError) return { problem: `unknown source encoding ${JSON.stringify(encoding)}: not analyzed` };
    return { problem: `not valid ${encoding.toUpperCase()} text: not analyzed` };
  }
}

/** PEP 263: `# -*- coding: latin-1 -*-` on the first or second line. */
function codingCookie(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 400)).toString('latin1').split(/\r?\n/).slice(0, 2);
  for (const line of head) {
    if (!/^[ \t\f]*#/.test(line)) continue;
    const match = /coding[:=][ \t]*([-\w.]+)/.exec(line);
    if (match) {
      const name = match[1].toLowerCase().replace(/_/g, '-');
      return name === 'utf-8-sig' ? 'utf-8' : name;
    }
  }
  return undefined;
}
