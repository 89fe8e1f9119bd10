// The analysis worker: a worker thread of the extension host that owns the model (parser, incremental documents,
// analyses, predictions) and answers the requests of protocol.ts in order. Nothing here touches vscode.

import { parentPort } from 'node:worker_threads';
import { type AnalysisResult, type AnalyzeOptions, type Analyzer, type PredictOptions, type Prediction, type PythonDocument, createAnalyzer } from '../model';
import { quickFixes } from '../model/assist/fixes';
import { hoverAt } from '../model/assist/hover';
import { startLenses } from '../model/assist/lens';
import { LineIndex } from '../model/parse/syntax';
import { readParserWasm } from '../node/wasm';
import type { Method, RequestMessage, Requests, ResponseMessage } from './protocol';

/** Files larger than this get diagnostics but no prediction (simulating them would stall hovers). */
const PREDICT_MAX_CHARS = 400_000;

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
    const result = analysisOf(state);
    return { diagnostics: result.diagnostics, problems: result.problems, starts: result.facts?.starts.filter((s) => !s.isTask).length ?? 0 };
  },
  predict({ uri, version, options }) {
    const state = states.get(uri);
    if (!state || state.version !== version) return undefined;
    return predictionOf(state, options);
  },
  hover({ uri, version, offset, options }) {
    const state = states.get(uri);
    if (!state || state.version !== version) return undefined;
    const result = analysisOf(state);
    if (!result.facts) return undefined;
    const prediction = result.facts.starts.length > 0 ? predictionOf(state, options) : undefined;
    return hoverAt({ source: state.text, diagnostics: result.diagnostics, facts: result.facts, prediction, lines: new LineIndex(state.text) }, offset);
  },
  fixes({ uri, version, target }) {
    const state = states.get(uri);
    if (!state || state.version !== version) return [];
    return quickFixes(state.text, target, analysisOf(state).facts);
  },
  lenses({ uri, version, options }) {
    const state = states.get(uri);
    if (!state || state.version !== version) return [];
    const facts = analysisOf(state).facts;
    if (!facts || facts.starts.length === 0) return [];
    const prediction = predictionOf(state, options);
    return prediction ? startLenses(facts, prediction) : [];
  },
};

function analysisOf(state: State): AnalysisResult {
  if (state.analysis?.version !== state.version) state.analysis = { version: state.version, result: state.model.analyze(state.options) };
  return state.analysis.result;
}

function predictionOf(state: State, options: PredictOptions): Prediction | undefined {
  const key = JSON.stringify(options);
  if (state.prediction?.version === state.version && state.prediction.key === key) return state.prediction.prediction;
  const prediction = state.text.length <= PREDICT_MAX_CHARS ? analyzer.predict(state.text, options).prediction : undefined;
  state.prediction = { version: state.version, key, prediction };
  return prediction;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('the analysis worker must run in a worker thread');
  analyzer = await createAnalyzer(readParserWasm());
  port.on('message', (message: RequestMessage) => {
    let response: ResponseMessage;
    try {
      const handler = handlers[message.method] as (params: unknown) => unknown;
      response = { id: message.id, result: handler(message.params) };
    } catch (error) {
      response = { id: message.id, error: error instanceof Error ? error.stack ?? error.message : String(error) };
    }
    port.postMessage(response);
  });
  port.postMessage({ id: 0, result: 'ready' } satisfies ResponseMessage);
}

void main();
