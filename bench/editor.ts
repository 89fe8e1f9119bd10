// Bench of the editor side: the work the extension's activation does, cold in a fresh process (load the bundle and
// the parser, analyze the first file),
// and the Visualize GIL panel's first render of a 16-thread program's timeline in Chromium: the panel's own bundle
// (dist/webview) served over HTTP to headless Chromium with a stand-in for VS Code's webview API, timed by the
// panel itself from the message to the drawn chart (Mermaid's gantt chunk loaded on that first render included).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { createAnalyzer } from '../src/model';
import { chartOf } from '../src/model/timeline/mermaid';
import { readParserWasm } from '../src/node/wasm';
import type { ShowMessage } from '../webview/messages';
import { PANEL_BODY } from '../webview/page';
import { buildThreadedProgram } from './threadedProgram';

const RENDER_TARGET_MS = 300;
const PAGE_LOADS = 5;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export async function benchActivation(print: (line: string) => void): Promise<object> {
  // Cold, as VS Code activates: a fresh Node process loads the bundle, compiles the parser's WASM and analyzes one
  // file (the CLI does exactly that, then waits for V8's background compiler to go quiet before it exits, which the
  // extension never does: see src/cli/settle.ts); an empty Node process is the reference, and the difference is the
  // activation, with that wait in it.
  const cli = join(__dirname, 'cli.js');
  const example = join(__dirname, '..', 'examples', 'counter_four_threads.py');
  const time = (args: string[]) => {
    const started = performance.now();
    spawnSync(process.execPath, args, { stdio: 'ignore' });
    return performance.now() - started;
  };
  const empty: number[] = [];
  const full: number[] = [];
  for (let i = 0; i < 5; i++) {
    empty.push(time(['-e', '']));
    full.push(time([cli, 'check', example]));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const ms = median(full) - median(empty);
  print('\n== Editor ==');
  print(`Activation work, cold (a fresh process loads the bundle and the parser's WASM and analyzes one file; the CLI's exit wait included), median of 5: `
    + `${ms.toFixed(0)} ms beyond an empty Node process (${median(empty).toFixed(0)} ms)`);
  return { activationMs: ms, emptyProcessMs: median(empty) };
}

export async function benchPanelRender(print: (line: string) => void): Promise<object | undefined> {
  const dist = join(__dirname, 'webview');
  if (!existsSync(join(dist, 'main.js')) || !existsSync(CHROMIUM)) {
    print(`Panel first render: skipped (${existsSync(CHROMIUM) ? 'dist/webview is not built' : `no Chromium at ${CHROMIUM}`})`);
    return undefined;
  }
  const message = await sixteenThreads();
  const server = await serve(dist);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const firsts: number[] = [];
  try {
    for (let i = 0; i < PAGE_LOADS; i++) {
      const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`);
      await page.waitForFunction(() => (window as unknown as { messages: unknown[] }).messages.length > 0);
      await page.evaluate((show) => window.postMessage(show, '*'), message as unknown as Record<string, unknown>);
      const rendered = await page.waitForFunction(() => (window as unknown as { messages: Array<{ type: string; ms?: number }> }).messages.find((m) => m.type === 'rendered'));
      const { ms } = (await rendered.jsonValue()) as { ms: number };
      firsts.push(ms);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  firsts.sort((a, b) => a - b);
  const median = firsts[Math.floor(firsts.length / 2)];
  print(`Visualize GIL panel, first render of a 16-thread program (${message.bars.length} bars) in Chromium, median of ${PAGE_LOADS} fresh pages: `
    + `${median.toFixed(0)} ms [${firsts.map((ms) => ms.toFixed(0)).join(', ')}] (target ≤ ${RENDER_TARGET_MS} ms) ${median <= RENDER_TARGET_MS ? 'met' : 'MISSED'}`);
  return { bars: message.bars.length, medianMs: median, runsMs: firsts };
}

/** The panel's message for a program with 16 CPU-bound threads, from the real prediction. */
async function sixteenThreads(): Promise<ShowMessage> {
  const analyzer = await createAnalyzer(readParserWasm());
  const source = [
    'import threading', '', 'def crunch(n):', '    total = 0', '    for i in range(n):', '        total += i * i', '    return total', '',
    'threads = [threading.Thread(target=crunch, args=(200_000,)) for _ in range(16)]', 'for t in threads:', '    t.start()',
    'for t in threads:', '    t.join()', '',
  ].join('\n');
  const prediction = analyzer.predict(source).prediction!;
  const lanes = prediction.threads.map((t) => ({ id: t.id, name: t.id === 0 ? 'MainThread' : `${t.name} ${t.target}` }));
  const { text, bars } = chartOf(prediction.timeline.segments, lanes, { title: 'Predicted GIL timeline' });
  return {
    type: 'show', uri: 'file:///bench.py', file: 'bench.py', python: prediction.python, cores: prediction.cores,
    switchIntervalMs: prediction.switchIntervalMs, chart: text, bars: bars.map((b) => ({ id: b.id, line: b.line, thread: b.thread, state: b.state, mix: b.mix })),
    scenarios: [], assumptions: prediction.assumptions, truncated: false,
  };
}

/** The panel's page as the extension writes it, with VS Code's webview API replaced by a recorder. */
const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="stylesheet" href="style.css"></head>
<body class="vscode-dark">
<script>
  window.messages = [];
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.messages.push(m), getState: () => undefined, setState: () => {} });
</script>
${PANEL_BODY}
<script type="module" src="main.js"></script>
</body></html>`;

function serve(root: string): Promise<Server> {
  const types: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html' };
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent((request.url ?? '/').split('?')[0])).replace(/^(\.\.[/\\])+/, '');
    if (path === '/index.html') {
      response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      return;
    }
    const file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Edits (each made twice: the change, then Ctrl+Z) per rhythm of the editor latency run. */
const LATENCY_EDITS = 6;

/**
 * What a user feels after a one-character edit in the 10,000-line module, in a real VS Code (e2e/latency.mjs:
 * code-server in headless Chromium, the packaged extension): from the keystroke to the Problems count and to GIL
 * Lens's status item. It needs code-server, which `npm run e2e` installs; without it, skipped.
 */
export function benchEditorLatency(print: (line: string) => void, lines: number): object | undefined {
  const root = join(__dirname, '..');
  const codeServer = join(process.env.CS_DIR ?? join(root, '.e2e', 'code-server'), 'node_modules', '.bin', 'code-server');
  if (!existsSync(codeServer) || !existsSync(CHROMIUM)) {
    print(`Edit latency in VS Code: skipped (${existsSync(CHROMIUM) ? 'code-server is not installed: run npm run e2e once' : `no Chromium at ${CHROMIUM}`})`);
    return undefined;
  }
  const folder = mkdtempSync(join(tmpdir(), 'gil-lens-latency-'));
  try {
    const program = join(folder, 'orders.py');
    writeFileSync(program, buildThreadedProgram(lines));
    const json = join(folder, 'latency.json');
    const run = spawnSync(process.execPath, [join(root, 'e2e', 'latency.mjs'), program, String(LATENCY_EDITS), '--json', json], { cwd: root, encoding: 'utf8', timeout: 20 * 60_000 });
    if (run.status !== 0 || !existsSync(json)) {
      print(`Edit latency in VS Code: failed (${(run.stderr || run.stdout || String(run.error ?? '')).trim().split('\n').pop()})`);
      return undefined;
    }
    const result = JSON.parse(readFileSync(json, 'utf8'));
    const figures = (f: { p50: number; p95: number }) => `p50 ${f.p50.toFixed(0)} ms, p95 ${f.p95.toFixed(0)} ms`;
    print(`Edit latency in VS Code (code-server in headless Chromium), ${result.lines}-line module, ${result.idle.problems.samples.length} one-character edits per rhythm:`);
    print(`  after a pause:  Problems count ${figures(result.idle.problems)}; GIL Lens status (with the prediction) ${figures(result.idle.summary)}`);
    print(`  ${result.quick.pauseMs} ms after the last result: Problems count ${figures(result.quick.problems)}`);
    return result;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
