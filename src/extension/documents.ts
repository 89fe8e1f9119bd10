// The extension's side of the analysis worker (worker.ts): keeps the worker's copy of each open Python document in
// step with the editor, asks it for analyses, predictions, hovers, fixes and lenses, and caches what it answers per
// document version. The worker thread does the work, so the extension host never waits on an analysis.

import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type { Diagnostic, PredictOptions, Prediction } from '../model';
import type { Fix, FixTarget } from '../model/assist/fixes';
import type { HoverInfo } from '../model/assist/hover';
import type { Lens } from '../model/assist/lens';
import { toEdit } from './convert';
import type { Method, Requests, ResponseMessage } from './protocol';
import { readSettings } from './settings';

export interface Analysis {
  readonly version: number;
  readonly diagnostics: Diagnostic[];
  readonly problems: string[];
  /** Thread starts found (asyncio tasks aside). */
  readonly starts: number;
}

export class Documents implements vscode.Disposable {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  /** Documents the worker has, by URI, at the version it has. */
  private readonly opened = new Map<string, number>();
  private readonly analyses = new Map<string, Analysis>();
  private readonly predictions = new Map<string, { version: number; prediction: Promise<Prediction | undefined> }>();
  private readonly analyzed = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires when a document has a new analysis. */
  readonly onDidAnalyze = this.analyzed.event;

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {}

  /** Sends an editor change to the worker's copy (an incremental re-parse there); the analysis waits until asked. */
  applyChange(event: vscode.TextDocumentChangeEvent): void {
    const document = event.document;
    const key = document.uri.toString();
    if (!this.opened.has(key)) return;
    const changes = event.contentChanges.map((change) => ({ text: change.text, rangeOffset: change.rangeOffset, rangeLength: change.rangeLength, edit: toEdit(change) }));
    this.opened.set(key, document.version);
    void this.request('change', { uri: key, version: document.version, changes, text: document.getText() }).catch((error) => this.fail(error));
  }

  /** The analysis of the document's current version (undefined if the document changed meanwhile). */
  async analysis(document: vscode.TextDocument): Promise<Analysis | undefined> {
    const key = document.uri.toString();
    const cached = this.analyses.get(key);
    if (cached?.version === document.version) return cached;
    const version = await this.sync(document);
    const settings = readSettings(document);
    const started = Date.now();
    const result = await this.request('analyze', { uri: key, version, options: { rules: settings.rules, severities: settings.severities } });
    if (!result || document.version !== version) return undefined;
    const took = Date.now() - started;
    if (took > 1000) this.log.info(`${document.uri.fsPath}: analysis took ${took} ms (in the worker)`);
    for (const problem of result.problems) if (problem.startsWith('internal')) this.log.error(`${document.uri.fsPath}: ${problem}`);
    const analysis = { version, ...result };
    this.analyses.set(key, analysis);
    this.analyzed.fire(document);
    return analysis;
  }

  prediction(document: vscode.TextDocument): Promise<Prediction | undefined> {
    const key = document.uri.toString();
    const cached = this.predictions.get(key);
    if (cached?.version === document.version) return cached.prediction;
    const prediction = this.sync(document).then((version) => this.request('predict', { uri: key, version, options: readSettings(document).predict }));
    this.predictions.set(key, { version: document.version, prediction });
    return prediction;
  }

  /** A prediction with some options other than the settings' (not cached): a measured run's interpreter and machine. */
  async predictionWith(document: vscode.TextDocument, options: Partial<PredictOptions>): Promise<Prediction | undefined> {
    const version = await this.sync(document);
    return this.request('predict', { uri: document.uri.toString(), version, options: { ...readSettings(document).predict, ...options } });
  }

  async hover(document: vscode.TextDocument, offset: number): Promise<HoverInfo | undefined> {
    const version = await this.sync(document);
    return this.request('hover', { uri: document.uri.toString(), version, offset, options: readSettings(document).predict });
  }

  async fixes(document: vscode.TextDocument, target: FixTarget): Promise<Fix[]> {
    const version = await this.sync(document);
    return this.request('fixes', { uri: document.uri.toString(), version, target });
  }

  async lenses(document: vscode.TextDocument): Promise<Lens[]> {
    const version = await this.sync(document);
    return this.request('lenses', { uri: document.uri.toString(), version, options: readSettings(document).predict });
  }

  forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.analyses.delete(key);
    this.predictions.delete(key);
    if (this.opened.delete(key)) void this.request('close', { uri: key }).catch(() => {});
  }

  /** Drops every cached result (the settings changed). */
  invalidate(): void {
    this.analyses.clear();
    this.predictions.clear();
  }

  /** Makes sure the worker has this version of the document; gives that version. */
  private async sync(document: vscode.TextDocument): Promise<number> {
    const key = document.uri.toString();
    if (this.opened.get(key) !== document.version) {
      this.opened.set(key, document.version);
      await this.request('open', { uri: key, version: document.version, text: document.getText() });
    }
    return document.version;
  }

  private request<M extends Method>(method: M, params: Requests[M]['params']): Promise<Requests[M]['result']> {
    const worker = this.start();
    const id = this.nextId++;
    return this.ready!.then(() => new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, method, params });
    }));
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(join(this.extensionUri.fsPath, 'dist', 'extension-worker.js'));
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      worker.once('message', (message: ResponseMessage) => ('error' in message ? reject(new Error(message.error)) : resolve()));
      worker.once('error', reject);
    });
    worker.on('message', (message: ResponseMessage) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if ('error' in message) waiting.reject(new Error(message.error));
      else waiting.resolve(message.result);
    });
    worker.on('exit', (code) => {
      // A crash of ours must not end the extension: the next request starts a fresh worker with fresh copies.
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.opened.clear();
      for (const waiting of this.pending.values()) waiting.reject(new Error(`the analysis worker stopped (exit code ${code})`));
      this.pending.clear();
      if (code !== 0) this.log.error(`the analysis worker stopped (exit code ${code}); it restarts on the next request`);
    });
    return worker;
  }

  private fail(error: unknown): void {
    this.log.error(`GIL Lens: ${error instanceof Error ? error.message : String(error)}`);
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    this.analyzed.dispose();
  }
}
