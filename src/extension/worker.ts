// The analysis worker: a worker thread of the extension host that owns the model (parser, incremental documents,
// analyses, predictions) and answers the requests of protocol.ts in order; work on a version that an edit waiting
// behind it replaces stops early (supersededCheck). Nothing here touches vscode.

import { type MessagePort, parentPort, receiveMessageOnPort } from 'node:worker_threads';
import { type AnalysisResult, type AnalyzeOptions, type Analyzer, type CancelCheck, type PredictOptions, type Prediction, type PythonDocument, createAnalyzer, factsAt, factsAtDiagnostic, factsWithStarts } from '../model';
import { quickFixes } from '../model/assist/fixes';
import { hoverAt } from '../model/assist/hover';
import { startLenses } from '../model/assist/lens';
import { LineIndex } from '../model/parse/syntax';
import { readParserWasm } from '../node/wasm';
import type { Method, RequestMessage, Requests, ResponseMessage } from './protocol';

/** Files larger than this get diagnostics but no prediction (simulating them would stall hovers). */
const PREDICT_MAX_CHARS = 400_000;
/** How often, at most, a long analysis or prediction looks for requests that make it stale. */
const STALE_LOOK_MS = 5;

interface State {
  readonly model: PythonDocument;
  version: number;
  text: string;
  analysis?: { readonly version: number; readonly result: AnalysisResult };
  options: AnalyzeOptions;
  prediction?: { readonly version: number; readonly key: string; readonly prediction: Prediction | undefined };
}

const states = new Map<string, State>();
let analyzer: Analyzer;
let port: MessagePort;
/** Requests taken off the port early by a stale check (see supersededCheck), to handle next, in order. */
const backlog: RequestMessage[] = [];

type Handlers = { [M in Method]: (params: Requests[M]['params']) => Requests[M]['result'] };

const handlers: Handlers = {
  open({ uri, version, text }) {
    states.get(uri)?.model.dispose();
    states.set(uri, { model: analyzer.open(text), version, text, options: {} });
  },
  change({ uri, version, changes, text }) {
    const state = states.get(uri);
    if (!state) {
      handlers.open({ uri, version, text });
      return;
    }
    let current = state.text;
    for (const change of changes) {
      current = current.slice(0, change.rangeOffset) + change.text + current.slice(change.rangeOffset + change.rangeLength);
      state.model.update(current, change.edit);
    }
    if (current !== text) state.model.update(text);
    state.text = text;
    state.version = version;
  },
  close({ uri }) {
    states.get(uri)?.model.dispose();
    states.delete(uri);
  },
  analyze({ uri, version, options }) {
    const state = states.get(uri);
    if (!state || state.version !== version) return undefined;
    state.options = options;
    const result = analysisOf(state, supersededCheck(uri));
    if (result.cancelled) return undefined;
    return { diagnostics: result.diagnostics, problems: result.problems, starts: result.parts?.reduce((sum, part) => sum + part.threadStarts, 0) ?? 0 };
  },
  predict({ uri, version, options }) {
    const state = states.get(uri);
    if (!state || state.version !== version) return undefined;
    return predictionOf(state, options, supersededCheck(uri));
  },
  hover({ uri, version, offset, options }) {
    const state = states.get(uri);
    if (!state || state.version !== version) return undefined;
    const result = analysisOf(state);
    const facts = factsAt(result, offset);
    if (!facts) return undefined;
    const prediction = result.parts?.some((part) => part.starts > 0) ? predictionOf(state, options) : undefined;
    return hoverAt({ source: state.text, diagnostics: result.diagnostics, facts, prediction, lines: new LineIndex(state.text) }, offset);
  },
  fixes({ uri, version, target }) {
    const state = states.get(uri);
    if (!state || state.version !== version) return [];
    return quickFixes(state.text, target, factsAtDiagnostic(analysisOf(state), target, new LineIndex(state.text)));
  },
  lenses({ uri, version, options }) {
    const state = states.get(uri);
    if (!state || state.version !== version) return [];
    const starting = factsWithStarts(analysisOf(state));
    if (starting.length === 0) return [];
    const prediction = predictionOf(state, options, supersededCheck(uri));
    return prediction ? starting.flatMap((facts) => startLenses(facts, prediction)) : [];
  },
};

/** The analysis of the document's version, cached; a cancelled one (`stale` said so) is not kept. */
function analysisOf(state: State, stale?: CancelCheck): AnalysisResult {
  if (state.analysis?.version === state.version) return state.analysis.result;
  const result = state.model.analyze(state.options, stale);
  if (!result.cancelled) state.analysis = { version: state.version, result };
  return result;
}

/** The prediction of the document's version, cached; undefined when too large or cancelled (not kept then). */
function predictionOf(state: State, options: PredictOptions, stale?: CancelCheck): Prediction | undefined {
  const key = JSON.stringify(options);
  if (state.prediction?.version === state.version && state.prediction.key === key) return state.prediction.prediction;
  if (state.text.length > PREDICT_MAX_CHARS) return undefined;
  const result = state.model.predict(options, stale);
  if (!result.cancelled) state.prediction = { version: state.version, key, prediction: result.prediction };
  return result.prediction;
}

/**
 * A stale check for work on the current version of `uri`: true once an edit, reopening or close of that document
 * waits behind it (typed while the work ran). The worker answers in order, so without it the analysis of the edit
 * would wait for work nobody wants. Waiting requests it sees move to the backlog, which is handled next.
 */
function supersededCheck(uri: string): CancelCheck {
  let lastLook = performance.now();
  return () => {
    const now = performance.now();
    if (now - lastLook < STALE_LOOK_MS) return false;
    lastLook = now;
    for (let received = receiveMessageOnPort(port); received; received = receiveMessageOnPort(port)) backlog.push(received.message as RequestMessage);
    return backlog.some((request) => SUPERSEDING.has(request.method) && (request.params as { uri?: string }).uri === uri);
  };
}

/** Requests after which earlier work on the same document is stale. */
const SUPERSEDING: ReadonlySet<Method> = new Set(['open', 'change', 'close']);

function respond(message: RequestMessage): void {
  let response: ResponseMessage;
  try {
    const handler = handlers[message.method] as (params: unknown) => unknown;
    response = { id: message.id, result: handler(message.params) };
  } catch (error) {
    response = { id: message.id, error: error instanceof Error ? error.stack ?? error.message : String(error) };
  }
  port.postMessage(response);
}

async function main(): Promise<void> {
  if (!parentPort) throw new Error('the analysis worker must run in a worker thread');
  port = parentPort;
  analyzer = await createAnalyzer(readParserWasm());
  port.on('message', (message: RequestMessage) => {
    respond(message);
    // Requests a stale check took off the port came before any still on it.
    while (backlog.length > 0) respond(backlog.shift()!);
  });
  port.postMessage({ id: 0, result: 'ready' } satisfies ResponseMessage);
}

void main();
