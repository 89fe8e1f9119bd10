// A worker thread of `gil-lens check`, bundled as dist/cli-worker.js: it loads the parser once, says it is ready,
// then checks each file the main thread sends and answers with that file's report (see pool.ts).

import { parentPort } from 'node:worker_threads';
import { createAnalyzer } from '../model';
import { readParserWasm } from '../node/wasm';
import { type CheckRequest, type WorkerMessage, checkFile } from './pool';

const port = parentPort;
if (!port) throw new Error('cli-worker.js runs only as a worker thread of gil-lens');

createAnalyzer(readParserWasm()).then((analyzer) => {
  port.on('message', (request: CheckRequest) => {
    const reply: WorkerMessage = { type: 'report', index: request.index, report: checkFile(analyzer, request.path) };
    port.postMessage(reply);
  });
  const ready: WorkerMessage = { type: 'ready' };
  port.postMessage(ready);
}, (error: unknown) => {
  // Rethrown outside the promise so that the worker stops and the main thread hears of it as an 'error' event.
  setImmediate(() => {
    throw error;
  });
});
