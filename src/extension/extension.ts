// GIL Lens's VS Code entry point: loads the parser and wires the providers. Nothing else lives here.

import * as vscode from 'vscode';
import { createAnalyzer } from '../model';
import { readParserWasm } from '../node/wasm';
import { DiagnosticsProvider } from './diagnostics';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('GIL Lens', { log: true });
  context.subscriptions.push(log);
  try {
    const analyzer = await createAnalyzer(readParserWasm());
    const docsRoot = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
    context.subscriptions.push(new DiagnosticsProvider(analyzer, docsRoot, log));
  } catch (error) {
    log.error(`GIL Lens could not start: ${String(error)}`);
  }
}

export function deactivate(): void {}
