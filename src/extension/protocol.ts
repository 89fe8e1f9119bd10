// What the extension asks its analysis worker, and what it answers: plain data both ways (no vscode, no syntax
// trees), so the model runs in a worker thread and a long analysis never blocks the extension host.

import type { AnalyzeOptions, Diagnostic, PredictOptions, Prediction } from '../model';
import type { Fix, FixTarget } from '../model/assist/fixes';
import type { HoverInfo } from '../model/assist/hover';
import type { Lens } from '../model/assist/lens';

/** One edit as the model's incremental document takes it. */
export interface ChangeEdit {
  readonly text: string;
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly edit: import('web-tree-sitter').Edit;
}

export interface Requests {
  open: { params: { uri: string; version: number; text: string }; result: void };
  change: { params: { uri: string; version: number; changes: readonly ChangeEdit[]; text: string }; result: void };
  close: { params: { uri: string }; result: void };
  /** Undefined when a newer version arrived meanwhile (the result would be stale). */
  analyze: { params: { uri: string; version: number; options: AnalyzeOptions }; result: { diagnostics: Diagnostic[]; problems: string[]; starts: number } | undefined };
  /** Undefined when the file is too large to simulate, or when a newer version arrived meanwhile. */
  predict: { params: { uri: string; version: number; options: PredictOptions }; result: Prediction | undefined };
  hover: { params: { uri: string; version: number; offset: number; options: PredictOptions }; result: HoverInfo | undefined };
  fixes: { params: { uri: string; version: number; target: FixTarget }; result: Fix[] };
  lenses: { params: { uri: string; version: number; options: PredictOptions }; result: Lens[] };
}

export type Method = keyof Requests;

export interface RequestMessage<M extends Method = Method> {
  readonly id: number;
  readonly method: M;
  readonly params: Requests[M]['params'];
}

export type ResponseMessage =
  | { readonly id: number; readonly result: unknown }
  | { readonly id: number; readonly error: string };
