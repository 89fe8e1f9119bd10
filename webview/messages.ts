// The messages between the extension and the Visualize GIL webview, typed on both sides.

import type { MeasuredRow } from '../src/model/assist/measured';

export interface ChartBar {
  /** Mermaid's task id, which is also its rectangle's id in the SVG. */
  readonly id: string;
  readonly line: number;
  readonly thread: number;
  readonly state: 'running' | 'waiting' | 'io' | 'native';
  /** A summarised stretch (threads taking turns): the share of each state in it, in percent. */
  readonly mix?: Readonly<Partial<Record<'running' | 'waiting' | 'io' | 'native', number>>>;
}

export interface ShowMessage {
  readonly type: 'show';
  /** The document's URI, kept by the webview so the panel can be restored. */
  readonly uri: string;
  readonly file: string;
  readonly python: string;
  readonly cores: number;
  readonly switchIntervalMs: number;
  readonly chart: string;
  readonly bars: readonly ChartBar[];
  /**
   * `endless`: a thread of this scenario was still running at the simulation's horizon (600 s). `cutShort`: the
   * simulation stopped at its budget of events, `wallMs` is a lower bound.
   */
  readonly scenarios: ReadonlyArray<{ readonly name: string; readonly wallMs: number; readonly speedUp: number; readonly endless?: boolean; readonly cutShort?: boolean }>;
  readonly assumptions: readonly string[];
  readonly truncated: boolean;
  /** The last measured run of this file, when there is one. */
  readonly measured?: MeasuredView;
}

/** A measured run (the Measure command) drawn under the prediction, with the two compared. */
export interface MeasuredView {
  readonly title: string;
  readonly chart: string;
  readonly bars: readonly ChartBar[];
  /** Measured and predicted wall time, and the prediction's error in percent of the measured. */
  readonly wall: { readonly measuredMs: number; readonly predictedMs: number; readonly errorPercent: number };
  readonly threads: readonly MeasuredRow[];
  /** What to keep in mind reading it: an error the program ended with, an edited file, a different Python version. */
  readonly notes: readonly string[];
}

export type ToWebview =
  | ShowMessage
  | { readonly type: 'empty'; readonly uri: string; readonly file: string; readonly reason: string }
  | { readonly type: 'highlight'; readonly line: number };

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal'; readonly line: number }
  | { readonly type: 'copyMermaid' }
  | { readonly type: 'exportTrace' }
  /** Run the Measure command on the panel's file. */
  | { readonly type: 'measure' }
  /** How long the chart took to draw, for the bench. */
  | { readonly type: 'rendered'; readonly ms: number; readonly bars: number };
