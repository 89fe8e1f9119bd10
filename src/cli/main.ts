// The `gil-lens` command line.
//   gil-lens check [--format text|json|sarif] [--jobs N] PATH...
//   gil-lens predict [--format text|json|mermaid|trace] [--python V] [--cores N] [--profile FILE] PATH
//   gil-lens calibrate --python PATH [--out FILE]
//   gil-lens measure [--python PATH] [--runs N] [--timeout S] [--format text|json|mermaid] FILE [-- ARG...]
// Exit status: 0 nothing found, 1 findings (check), 2 usage or I/O error (message on stderr).

import { parseArgs } from 'node:util';
import { calibrateCommand } from './calibrate';
import { measureCommand } from './measure';
import { collectPythonFiles } from './files';
import { formatJson, formatSarif, formatText } from './formats';
import { checkFiles, defaultJobs } from './pool';
import { UsageError as CommandUsageError, predictCommand } from './predict';
import { loadAnalyzer } from './settle';

declare const GIL_LENS_VERSION: string;
const VERSION = typeof GIL_LENS_VERSION === 'string' ? GIL_LENS_VERSION : '0.0.0-dev';

const USAGE = `Usage:
  gil-lens check [--format text|json|sarif] [--jobs N] PATH...   find GIL and threading problems
  gil-lens predict [--format text|json|mermaid|trace] [--python 3.10|3.11|3.12|3.13|3.13t|3.14|3.14t]
                   [--cores N] [--profile FILE] [--switch-interval MS] [--io-latency MS] PATH
                                                   predict what the GIL does to one program's threads
  gil-lens calibrate --python PATH [--out FILE]    measure an interpreter: a profile for predict --profile
  gil-lens measure [--python PATH] [--runs N] [--timeout S] [--format text|json|mermaid] FILE [-- ARG...]
                                                   run the program under a tracer: what its threads did,
                                                   beside the prediction
  gil-lens --version

Directories are searched for *.py files. --jobs caps the threads used for many files (default: one per core).
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
    if (command === 'predict') return predictCommand(await loadAnalyzer(), rest, out, err);
    if (command === 'calibrate') return calibrateCommand(await loadAnalyzer(), rest, out, err);
    if (command === 'measure') return await measureCommand(await loadAnalyzer(), rest, out, err);
    throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  } catch (error) {
    if (error instanceof UsageError || error instanceof CommandUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
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
    options: { format: { type: 'string', default: 'text' }, jobs: { type: 'string', short: 'j' } },
    allowPositionals: true,
  });
  const format = values.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown format ${JSON.stringify(format)}`);
  const jobs = values.jobs === undefined ? defaultJobs() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('--jobs takes a whole number of threads, 1 or more');
  if (positionals.length === 0) throw new UsageError('check needs at least one path');

  const { files, missing, unreadable } = collectPythonFiles(positionals);
  for (const path of missing) err(`gil-lens: ${path}: no such file or directory\n`);
  for (const path of unreadable) err(`gil-lens: ${path}: cannot list this directory\n`);
  const reports = await checkFiles(files, jobs);
  for (const report of reports) {
    if (report.unreadable) err(`gil-lens: ${report.path}: ${report.problems.join('; ')}\n`);
  }
  const rendered = format === 'json' ? formatJson(reports) : format === 'sarif' ? formatSarif(reports, VERSION) : formatText(reports);
  out(rendered);
  // Other paths are still checked and reported, but an I/O error wins the exit status.
  if (missing.length > 0 || unreadable.length > 0 || reports.some((report) => report.unreadable)) return 2;
  return reports.some((report) => report.diagnostics.length > 0) ? 1 : 0;
}
