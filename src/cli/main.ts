// The `gil-lens` command line.
//   gil-lens check [--format text|json|sarif] PATH...
// Exit status: 0 nothing found, 1 findings, 2 usage or I/O error (message on stderr).

import { parseArgs } from 'node:util';
import { type Analyzer, createAnalyzer } from '../model';
import { readParserWasm } from '../node/wasm';
import { collectPythonFiles, readPythonFile } from './files';
import { type FileReport, formatJson, formatSarif, formatText } from './formats';

declare const GIL_LENS_VERSION: string;
const VERSION = typeof GIL_LENS_VERSION === 'string' ? GIL_LENS_VERSION : '0.0.0-dev';

const USAGE = `Usage:
  gil-lens check [--format text|json|sarif] PATH...   find GIL and threading problems
  gil-lens --version

Directories are searched for *.py files.
Exit status: 0 nothing found, 1 findings, 2 usage or I/O error.
`;

class UsageError extends Error {}

export async function main(argv: readonly string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === '--version' || command === '-V') {
      out(`gil-lens ${VERSION}\n`);
      return 0;
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      (command === undefined ? err : out)(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === 'check') return await check(rest, out, err);
    throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`gil-lens: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    err(`gil-lens: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

async function check(args: readonly string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { format: { type: 'string', default: 'text' } },
    allowPositionals: true,
  });
  const format = values.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown format ${JSON.stringify(format)}`);
  if (positionals.length === 0) throw new UsageError('check needs at least one path');

  const { files, missing } = collectPythonFiles(positionals);
  for (const path of missing) err(`gil-lens: ${path}: no such file or directory\n`);
  const analyzer = await createAnalyzer(readParserWasm());
  const reports = files.map((path) => checkFile(analyzer, path));
  const rendered = format === 'json' ? formatJson(reports) : format === 'sarif' ? formatSarif(reports, VERSION) : formatText(reports);
  out(rendered);
  if (missing.length > 0) return 2;
  return reports.some((report) => report.diagnostics.length > 0) ? 1 : 0;
}

function checkFile(analyzer: Analyzer, path: string): FileReport {
  const read = readPythonFile(path);
  if ('problem' in read) return { path, problems: [read.problem], diagnostics: [] };
  const result = analyzer.analyze(read.text);
  return { path, problems: result.problems, diagnostics: result.diagnostics };
}
