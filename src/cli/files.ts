// Finding and reading the Python files the command line was given: directories are walked for *.py (skipping
// hidden, cache and virtual-environment folders, never following symlinked folders), and each file is decoded the
// way Python would (UTF-8, or the PEP 263 coding cookie), with binary and undecodable files reported, not read.

import { lstatSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SKIPPED_DIRECTORIES = new Set(['__pycache__', 'node_modules', 'site-packages', '.git', '.hg', '.svn', '.tox', '.venv', 'venv']);

export interface InputFile {
  readonly path: string;
}

/**
 * Expands the given paths. A path that does not exist is returned in `missing`, and a folder that cannot be listed
 * (no permission, say) in `unreadable`: both are I/O errors the command line reports.
 */
export function collectPythonFiles(paths: readonly string[]): { files: string[]; missing: string[]; unreadable: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const unreadable: string[] = [];
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      missing.push(path);
      continue;
    }
    if (stats.isDirectory()) walkDirectory(path, files, unreadable);
    else files.push(path);
  }
  return { files, missing, unreadable };
}

function walkDirectory(root: string, into: string[], unreadable: string[]): void {
  const pending = [root];
  while (pending.length > 0) {
    const directory = pending.pop()!;
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      unreadable.push(directory);
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

/** The text of a file, or why it was not read: `unreadable` marks an I/O error rather than a file that is not Python. */
export type ReadResult = { readonly text: string } | { readonly problem: string; readonly unreadable?: boolean };

/** Reads a file as Python source text. */
export function readPythonFile(path: string): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { problem: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, unreadable: true };
  }
  return decodePython(bytes);
}

/**
 * Decodes source bytes as CPython's tokenizer does: UTF-8 unless a PEP 263 cookie names another encoding, and any
 * lone carriage return read as a line break (old Mac line endings), which keeps every offset where it was.
 */
export function decodePython(bytes: Uint8Array): ReadResult {
  if (bytes.includes(0)) return { problem: 'binary file (contains NUL bytes): not analyzed' };
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const cookie = codingCookie(bytes);
  const encoding = cookie === undefined ? 'utf-8' : pythonEncoding(cookie);
  if (encoding === undefined) return { problem: `unknown source encoding ${JSON.stringify(cookie)}: not analyzed` };
  // Python refuses a file whose byte order mark says UTF-8 while its cookie says something else.
  if (hasBom && encoding !== 'utf-8') return { problem: `UTF-8 byte order mark with a ${JSON.stringify(cookie)} coding cookie: not analyzed` };
  const text = decode(bytes, encoding);
  if (text === undefined) return { problem: `not valid ${(cookie ?? encoding).toUpperCase()} text: not analyzed` };
  return { text: text.replace(/\r(?!\n)/g, '\n') };
}

function decode(bytes: Uint8Array, encoding: string): string | undefined {
  // WHATWG's TextDecoder reads the labels latin-1 and ascii as windows-1252, which is not what Python means by them.
  if (encoding === 'latin-1') return Buffer.from(bytes).toString('latin1');
  if (encoding === 'ascii') return bytes.every((byte) => byte < 0x80) ? Buffer.from(bytes).toString('latin1') : undefined;
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** PEP 263: `# -*- coding: latin-1 -*-` on the first line, or on the second when the first is a comment or blank. */
function codingCookie(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 400)).toString('latin1').replace(/^\xef\xbb\xbf/, '').split(/\r\n|\r|\n/);
  for (const line of head.slice(0, 2)) {
    const match = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(line);
    if (match) return match[1];
    if (!/^[ \t\f]*(#.*)?$/.test(line)) return undefined;
  }
  return undefined;
}

// Python's own spellings of the encodings it is most often given, by their normalized names (lower case, with
// underscores and hyphens alike): the families Python reads differently from WHATWG's labels, or that WHATWG
// does not know by these names.
const PYTHON_ENCODINGS: Record<string, string> = {
  'utf-8': 'utf-8', 'utf8': 'utf-8', 'u8': 'utf-8', 'utf': 'utf-8', 'cp65001': 'utf-8',
  'latin-1': 'latin-1', 'latin1': 'latin-1', 'latin': 'latin-1', 'l1': 'latin-1', 'iso-8859-1': 'latin-1',
  'iso8859-1': 'latin-1', 'iso-latin-1': 'latin-1', 'iso8859': 'latin-1', '8859': 'latin-1', 'cp819': 'latin-1',
  'ascii': 'ascii', 'us-ascii': 'ascii', '646': 'ascii', 'us': 'ascii',
  'cp932': 'shift_jis', 'ms932': 'shift_jis', 'sjis': 'shift_jis', 'cp936': 'gbk', 'cp949': 'euc-kr', 'cp950': 'big5',
};

/** The decoder for a cookie's encoding name, or undefined when neither Python's names nor WHATWG's know it. */
function pythonEncoding(name: string): string | undefined {
  const normalized = name.toLowerCase().replace(/_/g, '-');
  // Like CPython's tokenizer, "utf-8-..." and "latin-1-..." variants name the base encoding.
  const base = /^(utf-8|latin-1|iso-8859-1|iso-latin-1)-/.exec(normalized)?.[1] ?? normalized;
  const known = PYTHON_ENCODINGS[base];
  if (known) return known;
  for (const label of [base, name.toLowerCase()]) {
    try {
      return new TextDecoder(label).encoding;
    } catch {
      // Not a WHATWG label either; try the next spelling.
    }
  }
  return undefined;
}
