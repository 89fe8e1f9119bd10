// What a user feels after a one-character edit in a large file, measured in a real VS Code: code-server in headless
// Chromium with the packaged extension, the bench's 10,000-line threaded module open. The edit deletes the `+` of a
// flagged `counter += step` (the GIL002 goes away) and Ctrl+Z puts it back; each time, the clock runs from the
// keystroke's event in the page to the moment the window shows the new result:
//   - the Problems count in the status bar (the diagnostics: debounce, analysis in the worker, and the trip back);
//   - GIL Lens's own status item, which also waits for the prediction of the edited file.
// A measurement, not a test: it asserts only that each result arrives. `npm run bench` runs it when code-server is
// installed (by `npm run e2e`); alone: `node e2e/latency.mjs PROGRAM.py [EDITS] [--json OUT]` (VSIX=path: that package).

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { E2E_DIR, ensureCodeServer, launchChromium, startCodeServer } from './codeServer.mjs';

const ROOT = join(import.meta.dirname, '..');
const RUN = join(E2E_DIR, 'latency');
const WORKSPACE = join(RUN, 'workspace');
const PORT = 8900 + Math.floor(Math.random() * 100);
const FILE = 'orders.py';
/** The pause of the quick rhythm: an edit made soon after the squiggle moved. */
const QUICK_PAUSE_MS = 300;

/** Findings of one text by the CLI as built (dist/cli.js): what the editor should show. */
function findingsOf(text) {
  const path = join(RUN, 'probe.py');
  writeFileSync(path, text);
  let output;
  try {
    output = execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', '--format', 'json', path], { encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (error) {
    output = error.stdout; // exit 1: something found
  }
  const [file] = JSON.parse(output).files;
  return { diagnostics: file.diagnostics, problems: file.problems };
}

/**
 * The edit: the first flagged `name += value` whose `+`, deleted, leaves a file without syntax problems and with a
 * different number of findings. Gives the 1-based line and the column just after the `+`, and both counts.
 */
function chooseEdit(text) {
  const lines = text.split('\n');
  const before = findingsOf(text).diagnostics;
  for (const diagnostic of before.filter((d) => d.code === 'GIL002')) {
    const line = lines[diagnostic.line - 1];
    const plus = line.indexOf(' += ');
    if (plus < 0) continue;
    const edited = [...lines.slice(0, diagnostic.line - 1), line.slice(0, plus + 1) + line.slice(plus + 2), ...lines.slice(diagnostic.line)].join('\n');
    const after = findingsOf(edited);
    if (after.problems.length === 0 && after.diagnostics.length !== before.length) {
      return { line: diagnostic.line, column: plus + 3, text: line.trim(), findingsBefore: before.length, findingsAfter: after.diagnostics.length };
    }
  }
  throw new Error('no flagged `+=` whose deletion changes the findings');
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
};

export async function measureEditLatency({ program, edits = 10, log = console.log }) {
  rmSync(RUN, { recursive: true, force: true });
  mkdirSync(WORKSPACE, { recursive: true });
  // VSIX=path measures a package built elsewhere (another commit's, for a comparison).
  const vsix = process.env.VSIX ?? join(ROOT, 'gil-lens.vsix');
  if (!process.env.VSIX) {
    log('building the .vsix');
    execFileSync('npm', ['run', 'package', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  ensureCodeServer();
  const text = readFileSync(program, 'utf8');
  const edit = chooseEdit(text);
  log(`edit: line ${edit.line}, delete the + of \`${edit.text}\` (${edit.findingsBefore} findings, then ${edit.findingsAfter})`);
  copyFileSync(program, join(WORKSPACE, FILE));

  const server = await startCodeServer({ port: PORT, vsix, run: RUN });
  const profile = join(tmpdir(), `gil-lens-latency-${process.pid}`);
  const browser = await launchChromium(profile);
  try {
    const page = browser.pages()[0] ?? await browser.newPage();
    const url = `${server.base}/?folder=${encodeURIComponent(WORKSPACE)}&payload=${encodeURIComponent(JSON.stringify([['openFile', `vscode-remote://127.0.0.1:${PORT}${join(WORKSPACE, FILE)}`]]))}`;
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 60_000 });
    // The first analysis of the whole file, with its prediction, before any edit.
    await page.locator('.statusbar-item', { hasText: `GIL: ${edit.findingsBefore} findings` }).first().waitFor({ timeout: 120_000 });
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.type(`${edit.line}:${edit.column}`);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').first().waitFor({ state: 'hidden', timeout: 15_000 });

    // In the page: the time of the next keydown, and the times the two status bar entries first show a count.
    await page.evaluate(() => {
      window.__latency = { keydown: 0 };
      window.addEventListener('keydown', (event) => { window.__latency.keydown = event.timeStamp; }, true);
    });
    // Resolves when the Problems count shows `count` (and, with `summary`, GIL Lens's status item too).
    const timeUntil = (count, summary) => page.evaluate(({ count, summary }) => new Promise((resolve, reject) => {
      const problemsText = () => document.getElementById('status.problems')?.getAttribute('aria-label') ?? '';
      const summaryText = () => [...document.querySelectorAll('.statusbar-item')].map((item) => item.textContent ?? '').find((t) => t.includes('GIL: ')) ?? '';
      const warnings = new RegExp(`\\bWarnings: ${count}\\b`);
      const found = { problems: 0, summary: summary ? 0 : -1 };
      const deadline = performance.now() + 60_000;
      const poll = () => {
        const now = performance.now();
        if (!found.problems && warnings.test(problemsText())) found.problems = now;
        if (!found.summary && summaryText().includes(`GIL: ${count} findings`)) found.summary = now;
        if (found.problems && found.summary) {
          const start = window.__latency.keydown;
          resolve({ problems: found.problems - start, summary: found.summary - start });
        } else if (now > deadline) {
          reject(new Error(`no count of ${count} after 60 s: Problems "${problemsText()}", GIL Lens "${summaryText()}"`));
        } else {
          setTimeout(poll, 2);
        }
      };
      poll();
    }), { count, summary });

    // Two rhythms: each edit made after a pause long enough for everything to settle; then each edit made soon
    // after the previous one's squiggle changed, while the worker may still be busy with that version's prediction.
    const samples = { idle: { problems: [], summary: [] }, quick: { problems: [] } };
    for (const rhythm of ['idle', 'quick']) {
      log(rhythm === 'idle' ? 'after a pause (1 s after both updates):' : `soon after the last result (${QUICK_PAUSE_MS} ms after the Problems count):`);
      for (let i = 0; i < edits; i++) {
        for (const [key, findings] of [['Backspace', edit.findingsAfter], ['Control+Z', edit.findingsBefore]]) {
          await page.keyboard.press(key);
          const took = await timeUntil(findings, rhythm === 'idle');
          samples[rhythm].problems.push(took.problems);
          if (rhythm === 'idle') samples.idle.summary.push(took.summary);
          log(`  ${key.padEnd(9)} Problems after ${took.problems.toFixed(0).padStart(5)} ms${rhythm === 'idle' ? `, GIL Lens status after ${took.summary.toFixed(0).padStart(5)} ms` : ''}`);
          await page.waitForTimeout(rhythm === 'idle' ? 1000 : QUICK_PAUSE_MS);
        }
      }
      // Let the last prediction finish before the next rhythm starts.
      await page.locator('.statusbar-item', { hasText: `GIL: ${edit.findingsBefore} findings` }).first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(1000);
    }
    const summarize = (values) => ({ p50: percentile(values, 0.5), p95: percentile(values, 0.95), max: Math.max(...values), samples: values });
    return {
      file: basename(program), lines: text.split('\n').length, edit,
      idle: { problems: summarize(samples.idle.problems), summary: summarize(samples.idle.summary) },
      quick: { pauseMs: QUICK_PAUSE_MS, problems: summarize(samples.quick.problems) },
    };
  } finally {
    await browser.close();
    server.stop();
    rmSync(profile, { recursive: true, force: true });
  }
}

if (process.argv[1] === import.meta.filename) {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf('--json');
  const jsonPath = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : undefined;
  const [program, edits] = args;
  if (!program) {
    console.error('usage: node e2e/latency.mjs PROGRAM.py [EDITS] [--json OUT]');
    process.exit(2);
  }
  const result = await measureEditLatency({ program, edits: Number(edits ?? 10) });
  const line = (name, figures) => `${name}: p50 ${figures.p50.toFixed(0)} ms, p95 ${figures.p95.toFixed(0)} ms, max ${figures.max.toFixed(0)} ms`;
  console.log(line('after a pause: Problems count updated', result.idle.problems));
  console.log(line('after a pause: GIL Lens status updated', result.idle.summary));
  console.log(line(`soon after (${QUICK_PAUSE_MS} ms): Problems count updated`, result.quick.problems));
  if (jsonPath) writeFileSync(jsonPath, `${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}
