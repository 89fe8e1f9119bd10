// The Measure command: runs the active Python file with the user's interpreter under the bundled tracer (in a
// trusted workspace only), shows the program's output in its own channel, and hands the measured run to the
// Visualize GIL panel, which draws it under the prediction.

import * as vscode from 'vscode';
import { profileVersionOf, traceProgram } from '../node/tracer';
import type { GilPanel } from './panel';

export const MEASURE_COMMAND = 'gilLens.measure';

export class MeasureCommand implements vscode.Disposable {
  private readonly output = vscode.window.createOutputChannel('GIL Lens: program output');
  private running = false;

  constructor(private readonly panel: GilPanel, private readonly log: vscode.LogOutputChannel) {}

  async run(uri?: vscode.Uri): Promise<void> {
    const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'python') {
      void vscode.window.showInformationMessage('GIL Lens: open a Python file to measure it.');
      return;
    }
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('GIL Lens: Measure runs the file, so it needs a trusted workspace.');
      return;
    }
    if (document.uri.scheme !== 'file') {
      void vscode.window.showWarningMessage('GIL Lens: Measure runs files on disk; save this one first.');
      return;
    }
    if (this.running) {
      void vscode.window.showInformationMessage('GIL Lens: a measurement is already running.');
      return;
    }
    // Like Run Python File: what runs is what the editor shows.
    if (document.isDirty && !(await document.save())) return;
    const python = await interpreterFor(document.uri);
    const config = vscode.workspace.getConfiguration('gilLens', document);
    const timeoutMs = Math.max(1, config.get<number>('measure.timeoutSeconds') ?? 60) * 1000;
    const file = vscode.workspace.asRelativePath(document.uri);
    this.output.clear();
    this.output.appendLine(`$ ${python} ${file}  (under GIL Lens's tracer)`);
    this.running = true;
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `GIL Lens: measuring ${file}`, cancellable: true },
        (_progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          return traceProgram({
            python, script: document.uri.fsPath, timeoutMs, signal: controller.signal, onOutput: (text) => this.output.append(text),
          });
        },
      );
      if ('problem' in result) {
        this.log.warn(`Measure ${file}: ${result.problem}`);
        if (result.problem !== 'cancelled') {
          this.output.show(true);
          const hint = /no such interpreter/.test(result.problem) ? ' Set gilLens.measure.pythonPath, or select an interpreter in the Python extension.' : '';
          void vscode.window.showErrorMessage(`GIL Lens: could not measure ${file}: ${result.problem}.${hint}`);
        }
        return;
      }
      const { report } = result;
      this.output.appendLine(`[exit status ${report.exitCode}; ${report.wallMs.toFixed(1)} ms; CPython ${report.python}${report.gil ? '' : ' without the GIL'}]`);
      this.log.info(`Measured ${file}: CPython ${report.python} (${profileVersionOf(report)}), ${report.threads.length} threads, ${report.wallMs.toFixed(1)} ms`);
      await this.panel.showMeasurement(document, report);
    } finally {
      this.running = false;
    }
  }

  dispose(): void {
    this.output.dispose();
  }
}

/** The setting, the Python extension's interpreter for this file, its default path setting, or python3. */
async function interpreterFor(uri: vscode.Uri): Promise<string> {
  const own = vscode.workspace.getConfiguration('gilLens', uri).get<string>('measure.pythonPath');
  if (own) return own;
  try {
    const extension = vscode.extensions.getExtension<PythonExtensionApi>('ms-python.python');
    const api = extension && (extension.isActive ? extension.exports : await extension.activate());
    const path = api?.environments?.getActiveEnvironmentPath(uri)?.path;
    if (path) return path;
  } catch {
    // The Python extension is missing or answered unexpectedly: fall back on the settings.
  }
  const configured = vscode.workspace.getConfiguration('python', uri).get<string>('defaultInterpreterPath');
  if (configured && configured !== 'python') return configured;
  return process.platform === 'win32' ? 'python' : 'python3';
}

/** The part of the Python extension's API used here. */
interface PythonExtensionApi {
  readonly environments?: { getActiveEnvironmentPath(resource?: vscode.Uri): { readonly path: string } | undefined };
}
