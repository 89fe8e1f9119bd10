// End-to-end tests of the packaged extension in a real VS Code: code-server (VS Code 1.100) in Debian's headless
// Chromium, driven by playwright-core. Builds the .vsix, installs it, opens example files and checks what a user
// sees: the squiggle and the Problems entry with the rule code, a hover, a quick fix editing the file, Visualize GIL
// with one lane per thread and a bar click moving the cursor, Measure drawing a real run under the prediction, and bad input (injected markup, a 5 MB file) leaving
// the editor responsive. Screenshots go to .e2e/screenshots (the README's pictures are copied from there).
//
// Usage: npm run e2e   (CHROMIUM=/path/to/chromium to use another browser; KEEP=1 keeps the run folder)

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_DIR, ensureCodeServer, launchChromium, startCodeServer } from './codeServer.mjs';

const ROOT = join(import.meta.dirname, '..');
const RUN = join(E2E_DIR, 'run');
const WORKSPACE = join(RUN, 'workspace');
const SHOTS = join(E2E_DIR, 'screenshots');
const PORT = 8700 + Math.floor(Math.random() * 200);

const started = Date.now();
const log = (text) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${text}`);
const results = [];

async function check(name, body) {
  const t0 = Date.now();
  try {
    await body();
    results.push({ name, ok: true, ms: Date.now() - t0 });
    log(`ok   ${name}`);
  } catch (error) {
    results.push({ name, ok: false, ms: Date.now() - t0, error: String(error?.message ?? error).split('\n')[0] });
    log(`FAIL ${name}: ${String(error?.message ?? error).split('\n')[0]}`);
    await shot(`fail-${name.replace(/\W+/g, '-')}`).catch(() => {});
  }
}

let page;
async function shot(name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

function prepareWorkspace() {
  rmSync(RUN, { recursive: true, force: true });
  mkdirSync(WORKSPACE, { recursive: true });
  mkdirSync(SHOTS, { recursive: true });
  copyFileSync(join(ROOT, 'examples', 'counter_four_threads.py'), join(WORKSPACE, 'counter.py'));
  copyFileSync(join(ROOT, 'examples', 'downloads_threads_sleep.py'), join(WORKSPACE, 'downloads.py'));
  copyFileSync(join(ROOT, 'examples', 'downloads_asyncio_blocking.py'), join(WORKSPACE, 'blocking.py'));
  // Markup and Mermaid directives where user text reaches the views: names, strings, comments.
  writeFileSync(join(WORKSPACE, 'injection.py'), [
    '"""</svg><script>window.parent.postMessage({type: "reveal", line: 999}, "*")</script>"""',
    'import threading',
    '# %%{init: {"securityLevel": "loose"}}%%  <img src=x onerror=alert(1)>',
    'count = 0',
    '',
    'def work_script_tag(label="<script>alert(1)</script>"):',
    '    global count',
    '    for _ in range(200_000):',
    '        count += 1',
    '',
    'threads = [threading.Thread(target=work_script_tag, name="</svg>%%{init}%%") for _ in range(2)]',
    'for t in threads:',
    '    t.start()',
    'for t in threads:',
    '    t.join()',
    '',
  ].join('\n'));
  // Python that is mostly syntax errors.
  writeFileSync(join(WORKSPACE, 'broken.py'), ['import threading', 'def (:', '  ) ] } for while', 'class', 'x = = =', 'threading.Thread(target=', "    '''unterminated", ''].join('\n'));
  // About 5 MB of Python.
  const block = readFileSync(join(ROOT, 'examples', 'counter_four_threads.py'), 'utf8').replace(/"""[^]*?"""/, '');
  const parts = [];
  for (let i = 0, size = 0; size < 5_000_000; i++) {
    parts.push(block.replaceAll('increment', `increment_${i}`).replaceAll('counter', `counter_${i}`));
    size += parts[i].length + 1;
  }
  writeFileSync(join(WORKSPACE, 'big.py'), parts.join('\n'));
}

async function openFile(base, name, firstLine) {
  const url = `${base}/?folder=${encodeURIComponent(WORKSPACE)}&payload=${encodeURIComponent(JSON.stringify([['openFile', `vscode-remote://127.0.0.1:${PORT}${join(WORKSPACE, name)}`]]))}`;
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  await page.locator('.monaco-editor .view-lines', { hasText: firstLine }).first().waitFor({ timeout: 60_000 });
}

async function command(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

async function goToLine(line) {
  // Under load the box opens late: typed before it is there, the digits and the Enter would go into the file. Right
  // after a click in the panel, VS Code may not yet count the editor as active and the box answers "Open a text
  // editor first" (seen in one of this session's three CI runs): then close it, click into the editor and ask again.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.waitForTimeout(300);
    const noEditor = await page.locator('.quick-input-widget', { hasText: 'Open a text editor first' }).count();
    if (noEditor === 0) break;
    if (attempt >= 3) throw new Error('Go to Line found no active editor, three times');
    await page.keyboard.press('Escape');
    await page.locator('.monaco-editor .view-lines').first().click();
  }
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').first().waitFor({ state: 'hidden', timeout: 15_000 });
  await page.locator('.monaco-editor .line-numbers.active-line-number', { hasText: new RegExp(`^\\s*${line}\\s*$`) }).first().waitFor({ timeout: 15_000 });
}

/** Moves the cursor (a line, then keys) in the open editor and shows the hover there; gives it once it has `text`. */
async function hoverAt(line, keys, text) {
  await page.locator('.monaco-editor .view-lines').first().click();
  await goToLine(line);
  for (const key of keys) await page.keyboard.press(key);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: text });
  await hover.waitFor({ state: 'visible', timeout: 20_000 });
  return hover;
}

/** Opens the file, waits for its findings, runs Visualize GIL and waits for the chart; gives the panel's frame. */
async function visualize(base, name) {
  await openFile(base, name, 'import threading');
  await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 60_000 });
  await command('GIL Lens: Visualize GIL');
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  await frame.locator('#chart svg').waitFor({ timeout: 60_000 });
  return frame;
}

async function main() {
  log('building the .vsix');
  execFileSync('npm', ['run', 'package', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  ensureCodeServer();
  prepareWorkspace();
  const server = await startCodeServer({ port: PORT, vsix: join(ROOT, 'gil-lens.vsix'), run: RUN });
  log(`code-server on ${server.base}`);
  const profile = join(tmpdir(), `gil-lens-e2e-${process.pid}`);
  const browser = await launchChromium(profile);
  try {
    page = browser.pages()[0] ?? await browser.newPage();
    page.on('pageerror', (error) => log(`  [page error] ${String(error).slice(0, 200)}`));

    await check('diagnostics: squiggle and Problems entry with the rule code', async () => {
      await openFile(server.base, 'counter.py', 'import threading');
      await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 60_000 });
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'GIL002' }).first().waitFor({ timeout: 15_000 });
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'GIL001' }).first().waitFor({ timeout: 15_000 });
      await shot('problems');
      await page.keyboard.press('Control+Shift+M');
    });

    await check('hover: the rule explained at the flagged update', async () => {
      // The problem's own hover comes first; GIL Lens's explanation joins it.
      const hover = await hoverAt(11, ['End', ...Array(5).fill('ArrowLeft')], 'Latent on CPython 3.10');
      const text = await hover.innerText();
      if (!/GIL002 · /.test(text) || !/free-threaded/.test(text)) throw new Error(`hover text: ${text.slice(0, 300)}`);
      await shot('hover');
      await page.keyboard.press('Escape');
    });

    await check('codelens: the predicted outcome above the thread start', async () => {
      const lens = page.locator('.monaco-editor .codelens-decoration', { hasText: 'serialized by the GIL' }).first();
      await lens.waitFor({ timeout: 30_000 });
    });

    await check('quick fix: the update wrapped in with counter_lock:', async () => {
      await goToLine(11);
      await page.keyboard.press('End');
      await page.keyboard.press('Control+.');
      const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'with counter_lock' }).first();
      await fix.waitFor({ timeout: 15_000 });
      await shot('quick-fix');
      // The preferred fix is the one selected: Enter applies it.
      await page.keyboard.press('Enter');
      await page.locator('.monaco-editor .view-lines', { hasText: 'with counter_lock:' }).first().waitFor({ timeout: 15_000 });
      await page.locator('.monaco-editor .view-lines', { hasText: 'counter_lock = threading.Lock()' }).first().waitFor({ timeout: 15_000 });
      // Undo, so the file is as it was for what follows.
      await page.keyboard.press('Control+Z');
    });

    await check('quick fix: time.sleep in a coroutine becomes await asyncio.sleep', async () => {
      await openFile(server.base, 'blocking.py', 'import asyncio');
      await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 60_000 });
      await goToLine(8);
      // Inside the call (`time.sl|eep`), which the finding's range holds whichever way its end is counted.
      await page.keyboard.press('Home');
      for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
      const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'await asyncio.sleep' }).first();
      // A request made while the new file's analysis is still on its way finds no actions: ask again.
      for (let attempt = 1; ; attempt++) {
        await page.keyboard.press('Control+.');
        try {
          await fix.waitFor({ timeout: 10_000 });
          break;
        } catch (error) {
          if (attempt === 3) throw error;
          await page.keyboard.press('Escape');
        }
      }
      await page.keyboard.press('Enter');
      await page.locator('.monaco-editor .view-lines', { hasText: 'await asyncio.sleep(seconds)' }).first().waitFor({ timeout: 15_000 });
      // The finding goes with the blocking call: GIL Lens's status says so once the edit is analyzed.
      await page.locator('.statusbar-item', { hasText: 'GIL: no findings' }).first().waitFor({ timeout: 30_000 });
      await shot('quick-fix-async');
      await page.keyboard.press('Control+Z');
    });

    await check('Visualize GIL: one lane per thread, and a bar click moves the cursor to its line', async () => {
      const frame = await visualize(server.base, 'counter.py');
      const lanes = await frame.locator('#chart svg .sectionTitle').allTextContents();
      const names = lanes.map((l) => l.trim()).filter(Boolean);
      if (names.length !== 5 || !names.includes('MainThread') || names.filter((n) => n.includes('increment')).length !== 4) {
        throw new Error(`lanes: ${JSON.stringify(names)}`);
      }
      await shot('visualize');
      const cursorLine = page.locator('.monaco-editor .line-numbers.active-line-number').first();
      if ((await cursorLine.textContent())?.trim() === '10') throw new Error('the cursor was on line 10 before the click');
      await frame.locator('#chart rect.bar[data-line="10"]').first().click();
      // The editor's cursor line, not the status bar's "Ln 10": that shows only while the editor has the keyboard
      // focus, which headless Chromium sometimes leaves in the panel's frame (a run of this check failed that way
      // with the cursor on line 10).
      await page.locator('.monaco-editor .line-numbers.active-line-number', { hasText: /^\s*10\s*$/ }).first().waitFor({ timeout: 15_000 });
      // The cursor on line 10: that line's bars are highlighted.
      await frame.locator('#chart rect.bar.highlight').first().waitFor({ timeout: 15_000 });
    });

    await check('Visualize GIL follows edits: two threads instead of four give three lanes', async () => {
      // Typing goes to the editor: click into it first, as a user coming from the panel would.
      await page.locator('.monaco-editor .view-lines').first().click();
      await goToLine(14);
      await page.keyboard.press('End');
      // Before `)]`: the 4 of range(4) is just left of the cursor.
      for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('2');
      // Under load (a cold first run) the typed text has taken more than 10 s to show.
      await page.locator('.monaco-editor .view-lines', { hasText: 'range(2)]' }).first().waitFor({ timeout: 30_000 });
      const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      const deadline = Date.now() + 30_000;
      for (;;) {
        const lanes = (await frame.locator('#chart svg .sectionTitle').allTextContents()).map((l) => l.trim()).filter(Boolean);
        if (lanes.length === 3) break;
        if (Date.now() > deadline) throw new Error(`lanes after the edit: ${JSON.stringify(lanes)}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      await page.keyboard.press('Control+Z');
      await page.keyboard.press('Control+Z');
    });

    await check('Measure: the file runs under the tracer, and its measured lanes show under the prediction', async () => {
      await page.locator('.monaco-editor .view-lines').first().click();
      await command('GIL Lens: Measure: Run the File and Compare with the Prediction');
      const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      // The program runs about a second here (python3 on PATH); cold, the run and the drawing take longer.
      await frame.locator('#measured-chart svg').waitFor({ timeout: 90_000 });
      const lanes = (await frame.locator('#measured-chart svg .sectionTitle').allTextContents()).map((l) => l.trim()).filter(Boolean);
      if (lanes.length !== 5 || lanes.filter((lane) => lane.includes('increment')).length !== 4) throw new Error(`measured lanes: ${JSON.stringify(lanes)}`);
      const rows = await frame.locator('#measured-threads tr').count();
      if (rows !== 5) throw new Error(`${rows} rows in the measured table`);
      const wall = await frame.locator('#measured-wall').textContent();
      if (!/wall time [\d.]+ m?s, predicted [\d.]+ m?s \([+-]\d+%\)/.test(wall ?? '')) throw new Error(`wall: ${wall}`);
      // Beside the predicted CodeLens above the thread start, what its threads did.
      await page.locator('.monaco-editor .codelens-decoration', { hasText: 'measured: 4 threads' }).first().waitFor({ timeout: 20_000 });
      await frame.locator('#measured').scrollIntoViewIfNeeded();
      await shot('measure');
      // The hover at the thread start now says what its threads really did, under the prediction.
      const hover = await hoverAt(14, ['Home', ...Array(20).fill('ArrowRight')], 'Measured on CPython');
      const text = await hover.innerText();
      if (!/Predicted on CPython/.test(text) || !/4 threads made or started here ran/.test(text)) throw new Error(`hover text: ${text.slice(0, 400)}`);
      await page.keyboard.press('Escape');
    });

    await check('bad input: markup in names, strings and comments stays text in the panel', async () => {
      const frame = await visualize(server.base, 'injection.py');
      // VS Code adds a script of its own to the frame; none may come from the file's text.
      const injected = await frame.locator('script', { hasText: 'alert' }).count() + await frame.locator('img, [onerror]').count();
      if (injected !== 0) throw new Error(`${injected} elements from the file's text became markup`);
      const lanes = await frame.locator('#chart svg .sectionTitle').allTextContents();
      if (!lanes.some((lane) => lane.includes('work_script_tag'))) throw new Error(`lanes: ${JSON.stringify(lanes)}`);
      await shot('injection');
    });

    await check('bad input: a file of syntax errors gets an answer, and the editor goes on', async () => {
      await openFile(server.base, 'broken.py', 'import threading');
      await page.locator('.statusbar-item', { hasText: 'GIL: no findings' }).first().waitFor({ timeout: 30_000 });
      await goToLine(1);
      await page.keyboard.type('still_typing = 1\n');
      await page.locator('.monaco-editor .view-lines', { hasText: 'still_typing = 1' }).first().waitFor({ timeout: 10_000 });
    });

    await check('bad input: a 5 MB file leaves the editor responsive', async () => {
      await openFile(server.base, 'big.py', 'import threading');
      await goToLine(3);
      const t0 = Date.now();
      await page.keyboard.type('x_typed = 1\n');
      await page.locator('.monaco-editor .view-lines', { hasText: 'x_typed = 1' }).first().waitFor({ timeout: 10_000 });
      log(`  typed into the 5 MB file; the text showed after ${Date.now() - t0} ms`);
      await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 90_000 });
      await shot('big-file');
    });
  } finally {
    await browser.close();
    server.stop();
    rmSync(profile, { recursive: true, force: true });
    if (!process.env.KEEP) rmSync(WORKSPACE, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r.ok);
  log(`${results.length - failed.length} of ${results.length} end-to-end checks passed`);
  writeFileSync(join(E2E_DIR, 'results.json'), JSON.stringify({ results, seconds: (Date.now() - started) / 1000 }, null, 2));
  process.exit(failed.length === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
