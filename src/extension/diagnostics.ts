// Keeps the Problems panel in step with open Python files: analyzes on open and, debounced, on every edit (through
// the model's incremental document), drops results for versions that are already stale, and clears on close.

import * as vscode from 'vscode';
import type { Analyzer, Diagnostic, PythonDocument } from '../model';
import { toEdit, toRange } from './convert';

const DEBOUNCE_MS = 250;
const SEVERITY: Record<Diagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export class DiagnosticsProvider implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('gil-lens');
  private readonly documents = new Map<string, PythonDocument>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly analyzer: Analyzer,
    private readonly docsRoot: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.refresh(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.changed(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
    );
    for (const document of vscode.workspace.textDocuments) this.refresh(document);
  }

  private changed(event: vscode.TextDocumentChangeEvent): void {
    const document = event.document;
    if (document.languageId !== 'python') return;
    const key = document.uri.toString();
    const model = this.documents.get(key);
    if (model) {
      // Apply each change in order so the kept tree matches the text; the analysis itself waits for a pause.
      let text = model.source;
      for (const change of event.contentChanges) {
        text = text.slice(0, change.rangeOffset) + change.text + text.slice(change.rangeOffset + change.rangeLength);
        model.update(text, toEdit(change));
      }
      if (text !== document.getText()) model.update(document.getText());
    }
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => this.refresh(document), DEBOUNCE_MS));
  }

  private refresh(document: vscode.TextDocument): void {
    if (document.languageId !== 'python' || document.isClosed) return;
    const key = document.uri.toString();
    try {
      let model = this.documents.get(key);
      if (!model) {
        model = this.analyzer.open(document.getText());
        this.documents.set(key, model);
      }
      const version = document.version;
      const result = model.analyze();
      if (document.version !== version) return;
      for (const problem of result.problems) if (problem.startsWith('internal')) this.log.error(`${document.uri.fsPath}: ${problem}`);
      this.collection.set(document.uri, result.diagnostics.map((d) => this.toDiagnostic(document, d)));
    } catch (error) {
      this.log.error(`analysis of ${document.uri.fsPath} failed: ${String(error)}`);
    }
  }

  private toDiagnostic(document: vscode.TextDocument, finding: Diagnostic): vscode.Diagnostic {
    const diagnostic = new vscode.Diagnostic(toRange(finding), finding.message, SEVERITY[finding.severity]);
    diagnostic.source = 'GIL Lens';
    diagnostic.code = { value: finding.code, target: vscode.Uri.joinPath(this.docsRoot, `${finding.code}.md`) };
    diagnostic.relatedInformation = finding.related.map((related) =>
      new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, toRange(related)), related.message));
    return diagnostic;
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.documents.get(key)?.dispose();
    this.documents.delete(key);
    this.collection.delete(document.uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const model of this.documents.values()) model.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }
}
