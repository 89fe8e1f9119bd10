// One analyzed state per open Python document: the model's incremental document, the last analysis (with the
// version it is for) and, made when a hover or lens first asks, the prediction for that version.

import * as vscode from 'vscode';
import type { AnalysisResult, Analyzer, Prediction, PythonDocument } from '../model';
import { toEdit } from './convert';
import { type Settings, readSettings } from './settings';

/** Files larger than this get diagnostics but no prediction (simulating them would stall the hover). */
const PREDICT_MAX_CHARS = 400_000;

interface State {
  readonly model: PythonDocument;
  analysis?: { readonly version: number; readonly result: AnalysisResult };
  prediction?: { readonly version: number; readonly prediction: Prediction | undefined };
}

export class Documents implements vscode.Disposable {
  private readonly states = new Map<string, State>();
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires when a document has a new analysis. */
  readonly onDidAnalyze = this.changed.event;

  constructor(private readonly analyzer: Analyzer, private readonly log: vscode.LogOutputChannel) {}

  /** Applies an editor change to the kept tree (incremental re-parse); the analysis waits until asked. */
  applyChange(event: vscode.TextDocumentChangeEvent): void {
    const state = this.states.get(event.document.uri.toString());
    if (!state) return;
    let text = state.model.source;
    for (const change of event.contentChanges) {
      text = text.slice(0, change.rangeOffset) + change.text + text.slice(change.rangeOffset + change.rangeLength);
      state.model.update(text, toEdit(change));
    }
    if (text !== event.document.getText()) state.model.update(event.document.getText());
  }

  /** The analysis of the document's current version, made now if there is none. */
  analysis(document: vscode.TextDocument): AnalysisResult {
    const state = this.state(document);
    if (state.analysis?.version === document.version) return state.analysis.result;
    const settings = readSettings(document);
    const started = Date.now();
    const result = state.model.analyze({ rules: settings.rules, severities: settings.severities });
    const took = Date.now() - started;
    if (took > 500) this.log.info(`${document.uri.fsPath}: analysis took ${took} ms`);
    for (const problem of result.problems) if (problem.startsWith('internal')) this.log.error(`${document.uri.fsPath}: ${problem}`);
    state.analysis = { version: document.version, result };
    this.changed.fire(document);
    return result;
  }

  /** The prediction for the document's current version (undefined for files too large or without Python to run). */
  prediction(document: vscode.TextDocument): Prediction | undefined {
    const state = this.state(document);
    if (state.prediction?.version === document.version) return state.prediction.prediction;
    let prediction: Prediction | undefined;
    const text = document.getText();
    if (text.length <= PREDICT_MAX_CHARS) {
      const settings: Settings = readSettings(document);
      prediction = this.analyzer.predict(text, settings.predict).prediction;
    }
    state.prediction = { version: document.version, prediction };
    return prediction;
  }

  forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.states.get(key)?.model.dispose();
    this.states.delete(key);
  }

  /** Drops every cached result (the settings changed). */
  invalidate(): void {
    for (const state of this.states.values()) {
      state.analysis = undefined;
      state.prediction = undefined;
    }
  }

  private state(document: vscode.TextDocument): State {
    const key = document.uri.toString();
    let state = this.states.get(key);
    if (!state) {
      state = { model: this.analyzer.open(document.getText()) };
      this.states.set(key, state);
    }
    return state;
  }

  dispose(): void {
    for (const state of this.states.values()) state.model.dispose();
    this.states.clear();
    this.changed.dispose();
  }
}
