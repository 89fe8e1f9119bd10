// `gil-lens check` against the command-line contract in DESIGN.md: exit statuses, the text, JSON and SARIF outputs,
// directory walking, and the worker threads used for many files. Most tests call main() in this process; the last
// ones run the bundled dist/cli.js (built by test/buildCli.ts) to prove the shipped binary and its workers work.

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildThreadedProgram } from '../bench/threadedProgram';
import { main } from '../src/cli/main';
import { checkFiles } from '../src/cli/pool';
import { CLI } from './buildCli';

const ROOT = join(__dirname, '..');
// Paths as a user would type them from the repository root, which is where vitest runs.
const COUNTER = 'examples/counter_four_threads.py';
const EXAMPLES = 'examples';

interface Run { code: number; out: string; err: string }

async function run(...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(argv, (text) => { out += text; }, (text) => { err += text; });
  return { code, out, err };
}

function runBinary(...argv: string[]): Run {
  const result = spawnSync(process.execPath, [CLI, ...argv], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: result.status ?? -1, out: result.stdout, err: result.stderr };
}

interface JsonDiagnostic { code: string; rule: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number }
interface JsonOutput { version: number; files: { path: string; problems: string[]; diagnostics: JsonDiagnostic[] }[] }

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'gil-lens-cli-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function write(relative: string, content: string | Buffer): string {
  const path = join(scratch, relative);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

const QUIET = 'import threading\n\ndef main():\n    print("no threads started here")\n';

describe('exit status', () => {
  it('is 0 when nothing is found', async () => {
    const quiet = write('quiet.py', QUIET);
    expect(await run('check', quiet)).toEqual({ code: 0, out: 'No findings in 1 file.\n', err: '' });
  });

  it('is 1 when something is found', async () => {
    const result = await run('check', COUNTER);
    expect(result.code).toBe(1);
    expect(result.err).toBe('');
  });

  it.each([
    [[], /^Usage:/],
    [['frobnicate'], /^gil-lens: unknown command "frobnicate"\n\nUsage:/],
    [['check', '--format', 'xml', COUNTER], /^gil-lens: unknown format "xml"\n\nUsage:/],
    [['check'], /^gil-lens: check needs at least one path\n\nUsage:/],
    [['check', '--format', 'json'], /^gil-lens: check needs at least one path/],
    [['check', '--bogus', COUNTER], /^gil-lens: Unknown option '--bogus'/],
    [['check', '--jobs', '0', COUNTER], /^gil-lens: --jobs takes a whole number of threads/],
  ])('is 2 on the usage error %j, with a message on stderr and nothing on stdout', async (argv, message) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.out).toBe('');
  });

  it('is 2 on a missing path, and the other paths are still reported', async () => {
    const missing = join(scratch, 'no-such-file.py');
    const result = await run('check', missing, COUNTER);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`gil-lens: ${missing}: no such file or directory\n`);
    expect(result.out).toContain(`${COUNTER}:11:9: GIL002 `);
    expect(result.out.endsWith('Found 2 findings in 1 file.\n')).toBe(true);
  });
});

describe('--format json', () => {
  it('follows the contract: version, files with the path as given, problems and 1-based diagnostics', async () => {
    const result = await run('check', '--format', 'json', COUNTER);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.out) as JsonOutput;
    expect(Object.keys(json)).toEqual(['version', 'files']);
    expect(json.version).toBe(1);
    expect(json.files.map((file) => Object.keys(file))).toEqual([['path', 'problems', 'diagnostics']]);
    const [file] = json.files;
    expect(file.path).toBe(COUNTER);
    expect(file.problems).toEqual([]);
    for (const d of file.diagnostics) {
      expect(Object.keys(d)).toEqual(['code', 'rule', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn']);
    }
    // `for _ in range(N):` is line 10 from column 5; `counter += 1` is line 11, columns 9 to 21 (end exclusive).
    expect(file.diagnostics.map(({ message, ...place }) => ({ ...place, message: message.length > 0 }))).toEqual([
      { code: 'GIL001', rule: 'cpu-bound-thread', severity: 'warning', message: true, line: 10, column: 5, endLine: 10, endColumn: 23 },
      { code: 'GIL002', rule: 'nonatomic-shared-update', severity: 'warning', message: true, line: 11, column: 9, endLine: 11, endColumn: 21 },
    ]);
    expect(file.diagnostics[1].message).toMatch(/^`counter \+= 1` reads, changes and writes back `counter`/);
  });

  it('lists a file that could not be analyzed with its problem and no diagnostics', async () => {
    const binary = write('json/blob.py', Buffer.from([0x69, 0x6d, 0x70, 0x00, 0x01, 0x02]));
    const broken = write('json/broken.py', 'import threading\n\ndef f(:\n    pass\n');
    const result = await run('check', '--format', 'json', binary, broken);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.out) as JsonOutput).files).toEqual([
      { path: binary, problems: ['binary file (contains NUL bytes): not analyzed'], diagnostics: [] },
      { path: broken, problems: [expect.stringMatching(/^syntax error at 3:\d+/)], diagnostics: [] },
    ]);
  });
});

describe('--format text', () => {
  it('prints path:line:col: CODE message for each finding, then the summary', async () => {
    const [text, json] = await Promise.all([run('check', COUNTER), run('check', '--format', 'json', COUNTER)]);
    const diagnostics = (JSON.parse(json.out) as JsonOutput).files[0].diagnostics;
    expect(text.out).toBe([
      `${COUNTER}:10:5: GIL001 ${diagnostics[0].message}`,
      `${COUNTER}:11:9: GIL002 ${diagnostics[1].message}`,
      'Found 2 findings in 1 file.',
      '',
    ].join('\n'));
  });

  it('prints problems as path: problem and counts every file checked', async () => {
    const binary = write('text/blob.py', Buffer.from([0x00, 0xff]));
    const quiet = write('text/quiet.py', QUIET);
    const result = await run('check', binary, quiet);
    expect(result).toEqual({ code: 0, out: `${binary}: binary file (contains NUL bytes): not analyzed\nNo findings in 2 files.\n`, err: '' });
  });

  it('says "finding" for one', async () => {
    const result = await run('check', 'examples/downloads_asyncio_blocking.py');
    expect(result.out).toMatch(/^examples\/downloads_asyncio_blocking\.py:8:5: GIL004 `time\.sleep\(seconds\)`.*\nFound 1 finding in 1 file\.\n$/);
  });
});

describe('--format sarif', () => {
  const require = createRequire(__filename);
  // The official SARIF 2.1.0 schema, as Microsoft's SARIF SDK ships it with its validator (the Multitool).
  const schema = require(`@microsoft/sarif-multitool-${process.platform}/sarif-2.1.0.json`) as object;
  const multitool = require('@microsoft/sarif-multitool') as string;

  let sarifPath: string;
  let sarif: any;
  let json: JsonOutput;
  beforeAll(async () => {
    // The examples (every rule), plus a file that cannot be analyzed and a name that needs percent-encoding.
    const extra = write('sarif/my file é.py', readFileSync(join(ROOT, COUNTER)));
    const binary = write('sarif/blob.py', Buffer.from([0x00]));
    const result = await run('check', '--format', 'sarif', EXAMPLES, extra, binary);
    expect(result.code).toBe(1);
    sarif = JSON.parse(result.out);
    sarifPath = write('sarif/out.sarif', result.out);
    json = JSON.parse((await run('check', '--format', 'json', EXAMPLES, extra, binary)).out) as JsonOutput;
  });

  it('is valid against the official SARIF 2.1.0 JSON schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    // The schema really is checking: a region on line 0 is rejected.
    const broken = structuredClone(sarif);
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(broken)).toBe(false);
  });

  it('has what GitHub code scanning needs: rules with help, and results placed in files by relative URI', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    const { driver } = sarif.runs[0].tool;
    expect(driver.name).toBe('GIL Lens');
    const ids = driver.rules.map((rule: { id: string }) => rule.id);
    expect(ids).toEqual(['GIL001', 'GIL002', 'GIL003', 'GIL004', 'GIL005']);
    for (const rule of driver.rules) {
      expect(rule.help.text.length).toBeGreaterThan(40);
      expect(rule.help.markdown).toMatch(/^# .*\n\n## What it does\n/);
      expect(rule.shortDescription.text).not.toBe('');
    }

    const expected = json.files.flatMap((file) => file.diagnostics.map((d) => ({ file: file.path, d })));
    expect(sarif.runs[0].results).toHaveLength(expected.length);
    sarif.runs[0].results.forEach((result: any, i: number) => {
      const { file, d } = expected[i];
      expect(result.ruleId).toBe(d.code);
      expect(ids[result.ruleIndex]).toBe(d.code);
      expect(result.message.text).toBe(d.message);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      // A relative path stays a relative reference (no scheme, no leading slash); an absolute one is a file:// URI.
      if (isAbsolute(file)) {
        expect(fileURLToPath(artifactLocation.uri)).toBe(file);
      } else {
        expect(artifactLocation.uri).not.toMatch(/^[a-z]+:|^\/|\\/);
        expect(decodeURIComponent(artifactLocation.uri)).toBe(file);
      }
      expect(region).toEqual({ startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn });
    });
    expect(sarif.runs[0].results.some((result: any) => result.locations[0].physicalLocation.artifactLocation.uri.endsWith('/my%20file%20%C3%A9.py'))).toBe(true);
    // A file that could not be analyzed is a tool notification, not a result.
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toEqual([expect.objectContaining({
      level: 'warning', message: { text: 'binary file (contains NUL bytes): not analyzed' },
    })]);
  });

  it('passes the SARIF SDK validator (schema and SARIF rules) with no errors', () => {
    const report = join(scratch, 'sarif', 'validation.sarif');
    const result = spawnSync(multitool, ['validate', sarifPath, '--rule-kind', 'Sarif;Gh', '-o', report, '--log', 'ForceOverwrite'], {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    });
    expect(result.error).toBeUndefined();
    expect(result.stdout).toContain('Analysis completed successfully');
    const findings = JSON.parse(readFileSync(report, 'utf8')).runs[0].results as { level: string; ruleId: string; message: { text: string } }[];
    // Warnings (such as SARIF2005, no informationUri for a tool with no web page yet) are advice, not invalidity.
    expect(findings.filter((finding) => finding.level === 'error')).toEqual([]);
  });
});

describe('directories', () => {
  it('are walked for *.py in name order, skipping hidden, cache and environment folders and folder links', async () => {
    const tree = join(scratch, 'tree');
    for (const file of ['a.py', 'b.txt', 'sub/c.py', 'sub/deeper/d.py', '.hidden/e.py', '__pycache__/f.py', 'node_modules/g.py',
      'venv/h.py', 'sub/.git/i.py', 'sub/__pycache__/j.py']) {
      write(join('tree', file), QUIET);
    }
    symlinkSync(join(tree, 'sub'), join(tree, 'link'));
    symlinkSync(join(tree, 'a.py'), join(tree, 'linked.py'));
    const tool = write('tree-tool', QUIET);
    const result = await run('check', '--format', 'json', tree, tool);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.out) as JsonOutput).files.map((file) => file.path)).toEqual([
      join(tree, 'a.py'), join(tree, 'linked.py'), join(tree, 'sub', 'c.py'), join(tree, 'sub', 'deeper', 'd.py'),
      // A file named on the command line is checked whatever its extension.
      tool,
    ]);
  });
});

describe('worker threads', () => {
  // Stand-in workers speaking pool.ts's protocol: they prove the pool keeps the order and survives a crash, fast.
  // A worker holds its answers until it has heard from another one, so that the first to start cannot take every
  // file before the second is ready: the test then does not depend on how fast threads start on a loaded machine.
  const FAKE_WORKER = `
    const { parentPort, threadId, BroadcastChannel } = require('node:worker_threads');
    if (process.env.FAKE_WORKER_FAILS_TO_START) throw new Error('no parser here');
    const peers = new BroadcastChannel('gil-lens-fake-pool-' + process.pid);
    peers.unref();
    let held = [];
    const answer = ({ index, path }) => {
      if (path.includes('crash')) process.exit(7);
      parentPort.postMessage({ type: 'report', index, report: { path, problems: ['seen by ' + threadId], diagnostics: [] } });
    };
    peers.onmessage = ({ data }) => {
      if (data === 'hello') peers.postMessage('here');
      if (held) { const waiting = held; held = undefined; waiting.forEach(answer); }
    };
    peers.postMessage('hello');
    parentPort.postMessage({ type: 'ready' });
    parentPort.on('message', (request) => (held ? held.push(request) : answer(request)));
  `;

  it('return the reports in path order, and a file whose worker dies gets a problem while the rest go on', async () => {
    const worker = write('fake-worker.js', FAKE_WORKER);
    const paths = Array.from({ length: 100 }, (_, i) => (i === 37 ? `file-${i}-crash.py` : `file-${i}.py`));
    const reports = await checkFiles(paths, 2, worker);
    expect(reports.map((report) => report.path)).toEqual(paths);
    expect(reports[37].problems).toEqual(['internal error: the analysis stopped (exit code 7)']);
    // The work was shared: at least two threads answered (the one that died may have answered nothing before).
    expect(new Set(reports.filter((_, i) => i !== 37).map((report) => report.problems[0])).size).toBeGreaterThanOrEqual(2);
  });

  it('fail the run when a worker cannot start, as loading the parser in this thread would', async () => {
    const worker = write('fake-worker-fails.js', `process.env.FAKE_WORKER_FAILS_TO_START = '1';\n${FAKE_WORKER}`);
    await expect(checkFiles(Array.from({ length: 64 }, (_, i) => `f${i}.py`), 2, worker)).rejects.toThrow(/failed to start: no parser here/);
  });
});

describe('the bundled binary (dist/cli.js)', () => {
  it('checks the examples and exits 1', () => {
    const result = runBinary('check', EXAMPLES);
    expect(result.err).toBe('');
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${COUNTER}:11:9: GIL002 `);
    expect(result.out).toMatch(/\nFound \d+ findings in 14 files\.\n$/);
  });

  it('gives the same output with worker threads as in one thread, in every format', () => {
    // Enough files for the workers to start, with findings, syntax errors, undecodable files and deep nesting among them.
    const tree = join(scratch, 'many');
    const counter = readFileSync(join(ROOT, COUNTER), 'utf8');
    for (let i = 0; i < 160; i++) {
      const name = join(tree, `pkg${i % 7}`, `module_${String(i).padStart(3, '0')}.py`);
      const kind = i % 8;
      const content = kind === 0 ? counter.replaceAll('counter', `counter_${i}`)
        : kind === 1 ? `${counter}\ndef broken(:\n    x = = 1\n`
          : kind === 2 ? Buffer.from([0x78, 0x3d, 0x00])
            : kind === 3 ? Buffer.from('import threading\nx = "\xff\xfe"\n', 'latin1')
              : kind === 4 ? `import threading\nx = ${'('.repeat(300)}1${')'.repeat(300)}\n`
                : kind === 5 ? readFileSync(join(ROOT, 'examples', 'worklist_check_then_pop.py'))
                  : `import threading\n\ndef f${i}():\n    return ${i}\n`;
      mkdirSync(join(name, '..'), { recursive: true });
      writeFileSync(name, content);
    }
    for (const format of ['json', 'text', 'sarif']) {
      const sequential = runBinary('check', '--format', format, '--jobs', '1', tree);
      const parallel = runBinary('check', '--format', format, '--jobs', '2', tree);
      expect(sequential.code).toBe(1);
      expect(parallel).toEqual(sequential);
    }
  });

  it('stops with one line on stderr, not a stack trace, when its reader closes the pipe early (`| head`)', async () => {
    // Its 338 findings make about 540 KB of SARIF, far more than the socket pair Node gives a child for stdout holds
    // (208 KiB here; the 200 KB of its JSON once fitted), so writes are still pending when the reader goes.
    const program = join(scratch, 'orders.py');
    writeFileSync(program, buildThreadedProgram(10_000));
    const outcome = await new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'check', '--format', 'sarif', program], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (chunk) => { err += chunk; });
      // Like `head -c 10`: take the first bytes, then close the read end.
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', (code) => resolve({ code, err }));
    });
    expect(outcome.code).toBe(2);
    expect(outcome.err).toBe('gil-lens: the output was closed before everything was written (broken pipe)\n');
  });

  it('exits once its output is written, run after run (Node can deadlock at exit: nodejs/node#54918)', async () => {
    // Before the fix in src/cli/settle.ts this program's prediction hung in about 9 runs of 100, two at a time.
    const program = join(ROOT, 'examples', 'convoy_pipe_latency.py');
    const once = () => new Promise<string>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'predict', program], { cwd: ROOT, stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        resolve(signal ? `killed after 15 s (${signal})` : `exit ${code}`);
      });
    });
    const outcomes: string[] = [];
    for (let pair = 0; pair < 12; pair++) outcomes.push(...await Promise.all([once(), once()]));
    expect(outcomes).toEqual(Array(24).fill('exit 0'));
  });
});
