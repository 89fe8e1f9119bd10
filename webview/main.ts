// The Visualize GIL panel's script: draws the predicted timeline (and a measured run, when there is one) with
// Mermaid (strict security: no HTML or callbacks from the chart text), ties each bar to its source line, and puts
// every text from the user's code or its run into the page through textContent only.

import mermaid from 'mermaid';
import type { ChartBar, FromWebview, MeasuredView, ShowMessage, ToWebview } from './messages';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): { uri?: string } | undefined;
  setState(state: { uri?: string }): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const light = document.body.classList.contains('vscode-light') || document.body.classList.contains('vscode-high-contrast-light');

const $ = (id: string) => document.getElementById(id)!;
let current: ShowMessage | undefined;
let renders = 0;

$('measure').addEventListener('click', () => vscode.postMessage({ type: 'measure' }));
$('copy').addEventListener('click', () => vscode.postMessage({ type: 'copyMermaid' }));
$('export').addEventListener('click', () => vscode.postMessage({ type: 'exportTrace' }));

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (message.type === 'show') void show(message);
  else if (message.type === 'empty') empty(message.file, message.reason, message.uri);
  else if (message.type === 'highlight') highlight(message.line);
});
vscode.postMessage({ type: 'ready' });

async function show(message: ShowMessage): Promise<void> {
  current = message;
  vscode.setState({ uri: message.uri });
  $('title').textContent = `${message.file} · CPython ${message.python} · ${message.cores} cores · switch interval ${message.switchIntervalMs} ms`;
  scenarios(message);
  list($('assumptions'), message.assumptions.length > 0 ? message.assumptions : ['none']);
  $('notice').textContent = message.truncated ? 'The timeline was cut short: it shows the start of the run.' : '';
  measured(message.measured);
  const started = performance.now();
  try {
    // Drawn at the panel's width, so labels stay readable instead of the whole chart being scaled down.
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: light ? 'default' : 'dark', gantt: { useWidth: Math.max(480, $('chart').clientWidth) } });
    if (!(await draw($('chart'), message.chart, message.bars, message))) return;
    if (message.measured) await draw($('measured-chart'), message.measured.chart, message.measured.bars, message);
    vscode.postMessage({ type: 'rendered', ms: performance.now() - started, bars: message.bars.length });
  } catch (error) {
    $('chart').textContent = `The chart could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Draws one chart into its container and ties its bars to their lines; false when a newer message came meanwhile. */
async function draw(container: HTMLElement, chart: string, bars: readonly ChartBar[], message: ShowMessage): Promise<boolean> {
  const id = `gil-chart-${++renders}`;
  try {
    const { svg } = await mermaid.render(id, chart);
    if (current !== message) return false;
    container.innerHTML = svg;
    for (const bar of bars) {
      // Mermaid names a task's rectangle after the diagram and the task: `${diagram}-${task}`.
      const rect = container.querySelector<SVGRectElement>(`rect[id="${id}-${bar.id}"]`);
      if (!rect) continue;
      rect.classList.add('bar', `state-${bar.state}`);
      if (bar.mix) stripe(rect, bar);
      rect.setAttribute('data-line', String(bar.line));
      // The bar's words as a tooltip (the labels inside bars are hidden: a hundred of them overlap).
      const label = container.querySelector(`text[id="${id}-${bar.id}-text"]`)?.textContent ?? bar.state;
      const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
      title.textContent = bar.line > 0 ? `${label} (line ${bar.line}; click to go there)` : label;
      rect.append(title);
      if (bar.line > 0) rect.addEventListener('click', () => vscode.postMessage({ type: 'reveal', line: bar.line }));
    }
    return true;
  } finally {
    document.getElementById(`d${id}`)?.remove();
  }
}

/** The measured run's section: hidden when the file has none. */
function measured(view: MeasuredView | undefined): void {
  $('measured').hidden = !view;
  if (!view) return;
  const error = `${view.wall.errorPercent >= 0 ? '+' : ''}${view.wall.errorPercent.toFixed(0)}%`;
  $('measured-wall').textContent = `${view.title}: wall time ${time(view.wall.measuredMs)}, predicted ${time(view.wall.predictedMs)} (${error}).`;
  $('measured-chart').textContent = 'Drawing the measured timeline…';
  const rows = view.threads.map((thread) => {
    const row = document.createElement('tr');
    const cells = [thread.name, thread.line > 0 ? String(thread.line) : '–', time(thread.cpuMs), thread.waitingMs === undefined ? '?' : time(thread.waitingMs),
      time(thread.blockedMs), thread.predicted ? time(thread.predicted.cpuMs) : '–', thread.predicted ? time(thread.predicted.waitingMs) : '–'];
    for (const text of cells) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    return row;
  });
  $('measured-threads').replaceChildren(...rows);
  list($('measured-notes'), view.notes);
}

function time(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

/** A summarised stretch drawn as thin stripes of its states, each as wide as its share: threads taking turns. */
function stripe(rect: SVGGraphicsElement, bar: ChartBar): void {
  const svg = rect.ownerSVGElement;
  if (!svg || !bar.mix) return;
  const ns = 'http://www.w3.org/2000/svg';
  const pattern = document.createElementNS(ns, 'pattern');
  pattern.setAttribute('id', `mix-${rect.id}`);
  pattern.setAttribute('patternUnits', 'userSpaceOnUse');
  pattern.setAttribute('width', '10');
  pattern.setAttribute('height', '10');
  let x = 0;
  for (const [state, share] of Object.entries(bar.mix)) {
    const part = document.createElementNS(ns, 'rect');
    part.setAttribute('x', String(x));
    part.setAttribute('width', String((share ?? 0) / 10));
    part.setAttribute('height', '10');
    part.classList.add(`mix-${state}`);
    pattern.append(part);
    x += (share ?? 0) / 10;
  }
  let defs = svg.querySelector('defs');
  if (!defs) {
    defs = document.createElementNS(ns, 'defs');
    svg.prepend(defs);
  }
  defs.append(pattern);
  rect.style.fill = `url(#mix-${rect.id})`;
}

function empty(file: string, reason: string, uri: string): void {
  current = undefined;
  vscode.setState({ uri });
  $('title').textContent = file;
  $('chart').textContent = reason;
  $('scenarios').replaceChildren();
  $('assumptions').replaceChildren();
  $('measured').hidden = true;
}

function scenarios(message: ShowMessage): void {
  const rows = message.scenarios.map((scenario) => {
    const row = document.createElement('tr');
    const wall = scenario.endless ? 'never ends' : scenario.cutShort ? `≥ ${time(scenario.wallMs)}` : time(scenario.wallMs);
    for (const text of [scenario.name, wall, scenario.endless || scenario.cutShort ? '–' : `${scenario.speedUp.toFixed(2)}×`]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    return row;
  });
  $('scenarios').replaceChildren(...rows);
}

function list(element: HTMLElement, items: readonly string[]): void {
  element.replaceChildren(...items.map((item) => {
    const li = document.createElement('li');
    li.textContent = item;
    return li;
  }));
}

function highlight(line: number): void {
  for (const rect of Array.from(document.querySelectorAll('rect.bar'))) {
    rect.classList.toggle('highlight', rect.getAttribute('data-line') === String(line));
  }
}
