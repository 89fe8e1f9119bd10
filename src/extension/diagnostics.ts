// Keeps the Problems panel in step with open Python files: analyzes on open and, debounced, after edits (through
// the model's incremental document), skips versions that are already stale, and clears on close.

import * as vscode from 'vscode';
import type { Diagnostic } from '../model';
import { toRange } from './convert';
import type { Documents } from './documents';

/**
 * Typing pauses this long before an analysis is asked for. Short, because an analysis that the next keystroke makes
 * stale stops early in the worker: measured in code-server (e2e/latency.mjs), 120 ms instead of 250 ms brought the
 * Problems count after a one-character edit in a 10,000-line file sooner, in both of its rhythms.
 */
const DEBOUNCE_MS = 120;
const SEVERITY: Record<Diagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export class DiagnosticsProvider implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('gil-lens');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly documents: Documents, private readonly docsRoot: vscode.Uri) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.refresh(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.changed(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
    );
    this.refreshAll();
  }

  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.refresh(document);
  }

  private changed(event: vscode.TextDocumentChangeEvent): void {
    const document = event.document;
    if (document.languageId !== 'python' || event.contentChanges.length === 0) return;
    this.documents.applyChange(event);
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => this.refresh(document), DEBOUNCE_MS));
  }

  private refresh(document: vscode.TextDocument): void {
    if (document.languageId !== 'python' || document.isClosed) return;
    void this.documents.analysis(document).then((result) => {
      // Undefined: the document changed meanwhile, and the next refresh has the newer version.
      if (result && !document.isClosed) this.collection.set(document.uri, result.diagnostics.map((d) => this.toDiagnostic(document, d)));
    }, () => {});
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
    this.documents.forget(document);
    this.collection.delete(document.uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }
}
