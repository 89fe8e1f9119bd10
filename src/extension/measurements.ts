// The last measured run of each file (the Measure command writes it; the panel and hovers read it), with the
// document version it ran, so the views can say when the file has changed since.

import * as vscode from 'vscode';
import type { TracerReport } from '../model/measure/report';
import { type MeasuredTimeline, measuredTimeline } from '../model/measure/timeline';

export interface Measurement {
  readonly report: TracerReport;
  readonly timeline: MeasuredTimeline;
  readonly version: number;
}

export class Measurements implements vscode.Disposable {
  private readonly byUri = new Map<string, Measurement>();
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument>();
  /** A file got a new measured run. */
  readonly onDidChange = this.changed.event;

  set(document: vscode.TextDocument, report: TracerReport): void {
    this.byUri.set(document.uri.toString(), { report, timeline: measuredTimeline(report), version: document.version });
    this.changed.fire(document);
  }

  get(document: vscode.TextDocument): Measurement | undefined {
    return this.byUri.get(document.uri.toString());
  }

  dispose(): void {
    this.changed.dispose();
  }
}
