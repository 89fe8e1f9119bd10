// GIL Lens's VS Code entry point: loads the parser and wires the providers. Nothing else lives here.

import * as vscode from 'vscode';
import { HoverProvider, QuickFixProvider, StartLensProvider, StatusItem, VISUALIZE_COMMAND } from './assist';
import { DiagnosticsProvider } from './diagnostics';
import { Documents } from './documents';
import { MEASURE_COMMAND, MeasureCommand } from './measure';
import { Measurements } from './measurements';
import { GilPanel } from './panel';

const PYTHON: vscode.DocumentSelector = [{ language: 'python' }];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('GIL Lens', { log: true });
  context.subscriptions.push(log);
  try {
    // The model runs in a worker thread (dist/extension-worker.js): the extension host never waits on an analysis.
    const documents = new Documents(context.extensionUri, log);
    const diagnostics = new DiagnosticsProvider(documents, vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules'));
    const measurements = new Measurements();
    const panel = new GilPanel(context, documents, measurements);
    const measure = new MeasureCommand(panel, log);
    context.subscriptions.push(
      documents,
      diagnostics,
      panel,
      measure,
      measurements,
      vscode.languages.registerHoverProvider(PYTHON, new HoverProvider(documents, measurements)),
      vscode.languages.registerCodeActionsProvider(PYTHON, new QuickFixProvider(documents), { providedCodeActionKinds: QuickFixProvider.kinds }),
      vscode.languages.registerCodeLensProvider(PYTHON, new StartLensProvider(documents, measurements)),
      new StatusItem(documents),
      vscode.commands.registerCommand(VISUALIZE_COMMAND, (uri?: vscode.Uri) => panel.show(uri)),
      vscode.commands.registerCommand(MEASURE_COMMAND, (uri?: vscode.Uri) => measure.run(uri)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration('gilLens')) return;
        documents.invalidate();
        diagnostics.refreshAll();
      }),
    );
    log.info('GIL Lens is ready');
  } catch (error) {
    log.error(`GIL Lens could not start: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  }
}

export function deactivate(): void {}
