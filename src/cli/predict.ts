// `gil-lens predict`: the GIL model's prediction for one file, as text, the versioned JSON contract, a Mermaid
// gantt chart or Chrome trace-event JSON (Perfetto).

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Analyzer, Prediction } from '../model';
import { durationText as ms } from '../model/format';
import { toChromeTrace } from '../model/timeline/chrome';
import { lanesOf, toMermaid } from '../model/timeline/mermaid';
import { PYTHON_VERSIONS, type VersionProfile, profileFor } from '../model/workload/profiles';
import { readPythonFile } from './files';

export class UsageError extends Error {}

const FORMATS = ['text', 'json', 'mermaid', 'trace'];

export function predictCommand(analyzer: Analyzer, args: readonly string[], out: (text: string) => void, err: (text: string) => void): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      format: { type: 'string', default: 'text' },
      python: { type: 'string' },
      cores: { type: 'string' },
      profile: { type: 'string' },
      'switch-interval': { type: 'string' },
      'io-latency': { type: 'string' },
    },
    allowPositionals: true,
  });
  const format = values.format ?? 'text';
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format ${JSON.stringify(format)} (one of ${FORMATS.join(', ')})`);
  if (positionals.length !== 1) throw new UsageError('predict needs exactly one file');
  if (values.python && !profileFor(values.python)) {
    throw new UsageError(`unknown Python version ${JSON.stringify(values.python)} (one of ${PYTHON_VERSIONS.join(', ')})`);
  }
  const cores = values.cores === undefined ? undefined : Number(values.cores);
  if (cores !== undefined && (!Number.isInteger(cores) || cores < 1 || cores > 1024)) throw new UsageError('--cores takes a whole number from 1 to 1024');
  const interval = values['switch-interval'] === undefined ? undefined : Number(values['switch-interval']);
  if (interval !== undefined && !(interval > 0 && interval <= 1000)) throw new UsageError('--switch-interval takes milliseconds, more than 0 and at most 1000');
  const ioLatency = values['io-latency'] === undefined ? undefined : Number(values['io-latency']);
  if (ioLatency !== undefined && !(ioLatency >= 0 && ioLatency <= 600_000)) throw new UsageError('--io-latency takes milliseconds, from 0 to 600000');
  const profile = values.profile ? loadProfile(values.profile) : undefined;

  const path = positionals[0];
  const read = readPythonFile(path);
  if ('problem' in read) {
    err(`gil-lens: ${path}: ${read.problem}\n`);
    return 2;
  }
  const { prediction, problems } = analyzer.predict(read.text, {
    python: values.python ?? profile?.python, cores, profile, switchIntervalMs: interval, ioLatencyMs: ioLatency,
  });
  for (const problem of problems) err(`gil-lens: ${path}: ${problem}\n`);
  if (!prediction) return 2;
  const lanes = lanesOf(prediction.threads);
  switch (format) {
    case 'json':
      out(`${JSON.stringify({ version: 1, path, ...withoutVersion(prediction) }, null, 2)}\n`);
      break;
    case 'mermaid':
      out(toMermaid(prediction.timeline.segments, lanes, { title: `Predicted GIL timeline, CPython ${prediction.python}` }));
      break;
    case 'trace':
      out(toChromeTrace(prediction.timeline.segments, lanes, `${path} (predicted, CPython ${prediction.python})`));
      break;
    default:
      out(formatPrediction(path, prediction));
  }
  return 0;
}

function withoutVersion(prediction: Prediction): Omit<Prediction, 'version'> {
  const { version: _version, ...rest } = prediction;
  return rest;
}

/** A profile written by `gil-lens calibrate`. */
function loadProfile(path: string): VersionProfile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read profile ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const profile = parsed as Partial<VersionProfile>;
  if (!profile || typeof profile !== 'object' || typeof profile.python !== 'string' || typeof profile.opNs !== 'object') {
    throw new UsageError(`${path} is not a GIL Lens profile (write one with gil-lens calibrate)`);
  }
  const base = profileFor(profile.python) ?? profileFor(profile.python.replace(/t$/, '')) ?? profileFor('3.11')!;
  return { ...base, ...profile, opNs: { ...base.opNs, ...profile.opNs } } as VersionProfile;
}

export function formatPrediction(path: string, prediction: Prediction): string {
  const { scenarios } = prediction;
  const sequential = scenarios.sequential.wallMs;
  const lines = [
    `${path}: CPython ${prediction.python}, ${prediction.cores} core${prediction.cores === 1 ? '' : 's'}, switch interval ${prediction.switchIntervalMs} ms`,
    '',
    'threads',
    ...prediction.threads.map((t) =>
      `  ${t.name.padEnd(12)} ${t.target.slice(0, 28).padEnd(28)} line ${String(t.line).padEnd(5)} ${t.kind.padEnd(5)} `
      + `cpu ${ms(t.cpuMs).padStart(9)}  io ${ms(t.ioMs).padStart(9)}  native ${ms(t.nativeMs).padStart(9)}${t.daemon ? '  daemon' : ''}`),
    '',
    'scenarios        wall        speed-up',
    ...([['sequential', scenarios.sequential], ['threads', scenarios.threads], ['processes', scenarios.processes],
      ['free-threaded', scenarios.freeThreaded]] as const).map(([name, s]) =>
      (s.endless ? `  ${name.padEnd(14)} ${'never ends'.padStart(10)}  -`
        : s.cutShort ? `  ${name.padEnd(14)} ${`≥ ${ms(s.wallMs)}`.padStart(10)}  -`
        : `  ${name.padEnd(14)} ${ms(s.wallMs).padStart(10)}  ${sequential > 0 && s.wallMs > 0 ? `${(sequential / s.wallMs).toFixed(2)}x` : '-'}`)),
  ];
  if (prediction.assumptions.length > 0) lines.push('', 'assumptions', ...prediction.assumptions.map((a) => `  - ${a}`));
  return `${lines.join('\n')}\n`;
}
