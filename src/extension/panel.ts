// The Visualize GIL panel beside the editor: the predicted timeline (Mermaid, drawn in the webview), the four
// scenarios and the assumptions for the active Python file, and under them its last measured run (Measure). It
// follows the active editor and its edits, highlights the bars of the cursor's line, reveals a bar's line when
// clicked, and comes back after a reload (serializer).

import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { Prediction } from '../model';
import { measuredSummary } from '../model/assist/measured';
import { compareRun, machineScaleOf, profileForRun } from '../model/measure/compare';
import type { TracerReport } from '../model/measure/report';
import { MAX_DRAWN_LANES, measuredLanes } from '../model/measure/timeline';
import { toChromeTrace } from '../model/timeline/chrome';
import { chartOf, lanesOf } from '../model/timeline/mermaid';
import { profileVersionOf } from '../node/tracer';
import type { FromWebview, MeasuredView, ToWebview } from '../../webview/messages';
import { PANEL_BODY } from '../../webview/page';
import type { Documents } from './documents';
import { MEASURE_COMMAND } from './measure';
import type { Measurement, Measurements } from './measurements';

export const PANEL_TYPE = 'gilLens.timeline';

export class GilPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private shown: { prediction: Prediction; chart: string } | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private scaled: { measurement: Measurement; version: number; prediction: Promise<Prediction | undefined> } | undefined;

  constructor(private readonly context: vscode.ExtensionContext, private readonly documents: Documents, private readonly measurements: Measurements) {
    this.subscriptions.push(
      vscode.window.registerWebviewPanelSerializer(PANEL_TYPE, {
        deserializeWebviewPanel: async (panel, state: { uri?: string } | undefined) => {
          const document = state?.uri ? await vscode.workspace.openTextDocument(vscode.Uri.parse(state.uri)).then((d) => d, () => undefined) : undefined;
          this.attach(panel);
          if (document) this.follow(document);
        },
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.panel && editor?.document.languageId === 'python') this.follow(editor.document);
      }),
      documents.onDidAnalyze((document) => {
        if (this.panel && document === this.document) void this.update();
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (this.panel && event.textEditor.document === this.document) {
          this.post({ type: 'highlight', line: event.selections[0].active.line + 1 });
        }
      }),
    );
  }

  /** Opens (or reveals) the panel for `uri`, or the active Python file. */
  async show(uri?: vscode.Uri): Promise<void> {
    const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'python') {
      void vscode.window.showInformationMessage('GIL Lens: open a Python file to visualize what the GIL does to it.');
      return;
    }
    if (!this.panel) {
      this.attach(vscode.window.createWebviewPanel(PANEL_TYPE, 'GIL timeline', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist')],
      }));
    } else {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    }
    this.follow(document);
  }

  /** Keeps a measured run of the file and shows it under the prediction. */
  async showMeasurement(document: vscode.TextDocument, report: TracerReport): Promise<void> {
    this.measurements.set(document, report);
    await this.show(document.uri);
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist')] };
    panel.webview.html = this.html(panel.webview);
    panel.webview.onDidReceiveMessage((message: FromWebview) => this.receive(message));
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.document = undefined;
      this.shown = undefined;
    });
  }

  private follow(document: vscode.TextDocument): void {
    this.document = document;
    void this.update();
  }

  private async update(): Promise<void> {
    const document = this.document;
    if (!this.panel || !document) return;
    const file = basename(document.uri.fsPath || document.uri.path);
    this.panel.title = `GIL · ${file}`;
    const version = document.version;
    const prediction = await this.documents.prediction(document);
    // Edited meanwhile (the prediction may have been cancelled): the new version's analysis updates the panel.
    if (!this.panel || document !== this.document || document.version !== version) return;
    if (!prediction) {
      this.shown = undefined;
      this.post({ type: 'empty', uri: document.uri.toString(), file, reason: 'No prediction for this file: it is too large, or it has no Python code to run.' });
      return;
    }
    const measured = await this.measuredView(document, prediction);
    if (!this.panel || document !== this.document || document.version !== version) return;
    const { text, bars } = chartOf(prediction.timeline.segments, lanesOf(prediction.threads), { title: `Predicted GIL timeline, CPython ${prediction.python}` });
    this.shown = { prediction, chart: text };
    const { sequential, threads, processes, freeThreaded } = prediction.scenarios;
    const speedUp = (wallMs: number) => (wallMs > 0 ? sequential.wallMs / wallMs : 0);
    const row = (name: string, wall: { wallMs: number; endless?: true; cutShort?: true }, speed: number) =>
      (wall.endless ? { name, wallMs: wall.wallMs, speedUp: 0, endless: true }
        : wall.cutShort ? { name, wallMs: wall.wallMs, speedUp: 0, cutShort: true } : { name, wallMs: wall.wallMs, speedUp: speed });
    this.post({
      type: 'show', uri: document.uri.toString(), file, python: prediction.python, cores: prediction.cores, switchIntervalMs: prediction.switchIntervalMs,
      chart: text, bars: bars.map((bar) => ({ id: bar.id, line: bar.line, thread: bar.thread, state: bar.state, mix: bar.mix })),
      scenarios: [
        row('sequential', sequential, 1),
        row('threads (as written)', threads, speedUp(threads.wallMs)),
        row('processes', processes, speedUp(processes.wallMs)),
        row('free-threaded', freeThreaded, speedUp(freeThreaded.wallMs)),
      ],
      assumptions: prediction.assumptions, truncated: prediction.timeline.truncated,
      measured,
    });
  }

  private async measuredView(document: vscode.TextDocument, prediction: Prediction): Promise<MeasuredView | undefined> {
    const measurement = this.measurements.get(document);
    if (!measurement) return undefined;
    const { report, timeline } = measurement;
    const reference = compareRun(prediction, timeline, report.wallMs);
    // The same prediction for the measured interpreter, its CPU costs scaled to this machine by the run's CPU time:
    // what error remains is the model's, not the machine's speed.
    const scale = machineScaleOf(reference);
    const python = profileVersionOf(report);
    const scaledPrediction = scale ? await this.scaledPrediction(document, measurement, python, scale) : undefined;
    const scaled = scale && scaledPrediction ? { comparison: compareRun(scaledPrediction, timeline, report.wallMs), python, cpuScale: 1 / scale } : undefined;
    const lanes = measuredLanes(timeline);
    const drawn = lanes.slice(0, MAX_DRAWN_LANES);
    const { text, bars } = chartOf(timeline.segments, drawn, { title: `Measured, CPython ${report.python}` });
    const { rows, notes } = measuredSummary({
      report, timeline, lanes, drawn: drawn.length, reference, referencePython: prediction.python, scaled, stale: document.version !== measurement.version,
    });
    const wall = (scaled?.comparison ?? reference).wall;
    return {
      title: `Measured, CPython ${report.python}${report.gil ? '' : ' without the GIL'}${scaled ? ', beside the prediction scaled to this machine' : ''}`,
      chart: text,
      bars: bars.map((bar) => ({ id: bar.id, line: bar.line, thread: bar.thread, state: bar.state, mix: bar.mix })),
      wall: { measuredMs: report.wallMs, predictedMs: wall.predictedMs, errorPercent: wall.error * 100 },
      threads: rows,
      notes,
    };
  }

  /** The prediction scaled to a measured run's machine, made once per document version and run. */
  private async scaledPrediction(document: vscode.TextDocument, measurement: Measurement, python: string, scale: number): Promise<Prediction | undefined> {
    const known = this.scaled;
    if (known?.measurement === measurement && known.version === document.version) return known.prediction;
    const prediction = this.documents.predictionWith(document, { python, profile: profileForRun(python, scale) });
    this.scaled = { measurement, version: document.version, prediction };
    return prediction;
  }

  private async receive(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        await this.update();
        return;
      case 'reveal': {
        if (!this.document) return;
        const editor = await vscode.window.showTextDocument(this.document, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
        const line = Math.max(0, Math.min(message.line - 1, this.document.lineCount - 1));
        const range = this.document.lineAt(line).range;
        editor.selection = new vscode.Selection(range.start, range.start);
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        return;
      }
      case 'copyMermaid':
        if (!this.shown) return;
        await vscode.env.clipboard.writeText(this.shown.chart);
        void vscode.window.showInformationMessage('GIL Lens: the timeline is on the clipboard as Mermaid.');
        return;
      case 'exportTrace': {
        if (!this.shown || !this.document) return;
        const target = await vscode.window.showSaveDialog({
          defaultUri: this.document.uri.with({ path: this.document.uri.path.replace(/\.py$/, '') + '.gil-trace.json' }),
          filters: { 'Chrome trace (Perfetto)': ['json'] },
        });
        if (!target) return;
        const trace = toChromeTrace(this.shown.prediction.timeline.segments, lanesOf(this.shown.prediction.threads), `${basename(this.document.uri.path)} (predicted)`);
        await vscode.workspace.fs.writeFile(target, Buffer.from(trace, 'utf8'));
        void vscode.window.showInformationMessage(`GIL Lens: trace written to ${target.fsPath}; open it in ui.perfetto.dev.`);
        return;
      }
      case 'measure':
        if (this.document) await vscode.commands.executeCommand(MEASURE_COMMAND, this.document.uri);
        return;
      case 'rendered':
        // The bench times the panel's first render from this message; the editor has no use for it.
        return;
    }
  }

  private post(message: ToWebview): void {
    void this.panel?.webview.postMessage(message);
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview', 'main.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview', 'style.css'));
    // Mermaid styles its SVG with inline <style>: styles may be inline. Scripts: ours by nonce, and the chunks it
    // imports from the extension's own dist/ folder (the only folder the webview may load from).
    const csp = `default-src 'none'; img-src ${webview.cspSource} data:; font-src ${webview.cspSource}; style-src ${webview.cspSource} 'unsafe-inline'; script-src 'nonce-${nonce}' ${webview.cspSource};`;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>GIL timeline</title>
</head>
<body>
${PANEL_BODY}
<script type="module" nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
