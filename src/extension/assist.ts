// Hovers, quick fixes, CodeLens and the status bar: each asks the model (src/model/assist) and turns its answer
// into VS Code objects, nothing more.

import * as vscode from 'vscode';
import { fileSummary } from '../model/assist/lens';
import { measuredAtLine, measuredLensTitle } from '../model/assist/measured';
import type { Documents } from './documents';
import type { Measurements } from './measurements';
import { readSettings } from './settings';

export const VISUALIZE_COMMAND = 'gilLens.visualize';

export class HoverProvider implements vscode.HoverProvider {
  constructor(private readonly documents: Documents, private readonly measurements: Measurements) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const info = await this.documents.hover(document, document.offsetAt(position));
    if (!info || document.isClosed) return undefined;
    // At a thread start of a measured file, what its threads really did, under the prediction.
    const measurement = this.measurements.get(document);
    const line = document.positionAt(info.start).line + 1;
    const measured = measurement && measuredAtLine(measurement.timeline, line, measurement.report.python, measurement.version !== document.version);
    const markdown = new vscode.MarkdownString(measured ? `${info.markdown}\n\n${measured}` : info.markdown);
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(info.start), document.positionAt(info.end)));
  }
}

export class QuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly documents: Documents) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source === 'GIL Lens');
    if (ours.length === 0) return [];
    const result = await this.documents.analysis(document);
    if (!result) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const code = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
      const finding = result.diagnostics.find((d) => d.code === code && d.line === diagnostic.range.start.line + 1 && d.column === diagnostic.range.start.character + 1);
      if (!finding) continue;
      for (const fix of await this.documents.fixes(document, finding)) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred;
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of fix.edits) {
          action.edit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.text);
        }
        actions.push(action);
      }
    }
    return actions;
  }
}

export class StartLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly documents: Documents, private readonly measurements: Measurements) {
    documents.onDidAnalyze(() => this.changed.fire());
    measurements.onDidChange(() => this.changed.fire());
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!readSettings(document).codeLens) return [];
    const result = await this.documents.analysis(document);
    if (!result || result.starts === 0) return [];
    const lenses = await this.documents.lenses(document);
    const measurement = this.measurements.get(document);
    return lenses.flatMap((lens) => {
      const at = document.positionAt(lens.offset);
      const range = new vscode.Range(at, at);
      const predicted = new vscode.CodeLens(range, { title: `${lens.title} · Visualize`, command: VISUALIZE_COMMAND, arguments: [document.uri] });
      // After a Measure run, what the threads of this line really did, beside the prediction.
      const measured = measurement && measuredLensTitle(measurement.timeline, at.line + 1);
      return measured ? [predicted, new vscode.CodeLens(range, { title: measured, command: VISUALIZE_COMMAND, arguments: [document.uri] })] : [predicted];
    });
  }
}

/** The active Python file's summary in the status bar; clicking it opens the GIL view. */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('gilLens.summary', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly documents: Documents) {
    this.item.name = 'GIL Lens';
    this.item.command = VISUALIZE_COMMAND;
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      documents.onDidAnalyze((document) => {
        if (document === vscode.window.activeTextEditor?.document) void this.update();
      }),
    );
    void this.update();
  }

  private async update(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'python') {
      this.item.hide();
      return;
    }
    const version = document.version;
    const result = await this.documents.analysis(document);
    if (!result || document !== vscode.window.activeTextEditor?.document) return;
    const prediction = result.starts > 0 ? await this.documents.prediction(document) : undefined;
    // Edited meanwhile (the prediction may have been cancelled): the new version's analysis updates the item.
    if (document.version !== version) return;
    this.item.text = `$(pulse) ${fileSummary(result.diagnostics.length, prediction)}`;
    this.item.tooltip = 'GIL Lens: findings in this file and the predicted speed-up of its threads. Click for the GIL timeline.';
    this.item.show();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}
