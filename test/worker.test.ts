// The editor's analysis worker (dist/extension-worker.js, built by test/buildCli.ts), run as the extension runs it:
// a worker thread spoken to with protocol.ts's requests. It answers every request in order, and work on a version
// of a document that an edit waiting behind it makes stale stops early, so the edit's own analysis does not wait.

import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildThreadedProgram } from '../bench/threadedProgram';
import type { Method, Requests, ResponseMessage } from '../src/extension/protocol';
import { getAnalyzer } from './helpers';

const WORKER = join(__dirname, '..', 'dist', 'extension-worker.js');
const URI = 'file:///work/orders.py';

/** The worker, and its answers by request id. */
class WorkerClient {
  readonly worker = new Worker(WORKER);
  private nextId = 1;
  private readonly waiting = new Map<number, (message: ResponseMessage) => void>();
  /** Request ids in the order their answers came. */
  readonly answered: number[] = [];
  readonly ready: Promise<void>;

  constructor() {
    this.ready = new Promise((resolve) => this.worker.once('message', () => resolve()));
    this.worker.on('message', (message: ResponseMessage) => {
      this.answered.push(message.id);
      this.waiting.get(message.id)?.(message);
    });
  }

  /** Posts a request at once (without waiting for earlier answers); resolves with its result. */
  request<M extends Method>(method: M, params: Requests[M]['params']): { id: number; result: Promise<Requests[M]['result']> } {
    const id = this.nextId++;
    const result = new Promise<Requests[M]['result']>((resolve, reject) => {
      this.waiting.set(id, (message) => ('error' in message ? reject(new Error(message.error)) : resolve(message.result as Requests[M]['result'])));
    });
    this.worker.postMessage({ id, method, params });
    return { id, result };
  }
}

/** The one-character edit: the `+` of the first `counter_0 += step` deleted. */
function deletePlus(text: string): { text: string; change: Requests['change']['params']['changes'][number] } {
  const at = text.indexOf('counter_0 += step') + 'counter_0 '.length;
  const before = text.slice(0, at).split('\n');
  const position = { row: before.length - 1, column: before[before.length - 1].length };
  return {
    text: text.slice(0, at) + text.slice(at + 1),
    change: {
      text: '', rangeOffset: at, rangeLength: 1,
      edit: { startIndex: at, oldEndIndex: at + 1, newEndIndex: at, startPosition: position, oldEndPosition: { ...position, column: position.column + 1 }, newEndPosition: position },
    },
  };
}

describe('the analysis worker', () => {
  let client: WorkerClient;
  beforeAll(async () => {
    client = new WorkerClient();
    await client.ready;
  });
  afterAll(async () => {
    await client.worker.terminate();
  });

  it('drops a prediction that an edit waiting behind it makes stale, and analyzes the edit as a fresh analysis does', async () => {
    const program = buildThreadedProgram(10_000);
    await client.request('open', { uri: URI, version: 1, text: program }).result;
    const first = await client.request('analyze', { uri: URI, version: 1, options: {} }).result;
    expect(first?.diagnostics.length).toBeGreaterThan(300);

    // Typed while the prediction of version 1 runs: the prediction (hundreds of ms for this file) gives up, and says
    // nothing (undefined), where a finished one would be the prediction.
    const edited = deletePlus(program);
    const prediction = client.request('predict', { uri: URI, version: 1, options: {} });
    const change = client.request('change', { uri: URI, version: 2, changes: [edited.change], text: edited.text });
    const analysis = client.request('analyze', { uri: URI, version: 2, options: {} });
    expect(await prediction.result).toBeUndefined();
    await change.result;
    const second = await analysis.result;
    expect(client.answered.slice(-3)).toEqual([prediction.id, change.id, analysis.id]);

    const fresh = (await getAnalyzer()).analyze(edited.text);
    expect(second?.diagnostics).toEqual(fresh.diagnostics);
    expect(second!.diagnostics.length).toBe(first!.diagnostics.length - 1);

    // Not cancelled: version 2's prediction, asked with nothing behind it, is made.
    const made = await client.request('predict', { uri: URI, version: 2, options: {} }).result;
    expect(made?.threads.length).toBeGreaterThan(100);
    const expected = (await getAnalyzer()).predict(edited.text).prediction;
    expect(JSON.stringify(made)).toEqual(JSON.stringify(expected));
  });

  it('drops an analysis that an edit waiting behind it makes stale; an analysis of another document goes on', async () => {
    const program = buildThreadedProgram(10_000);
    const other = 'file:///work/other.py';
    await client.request('open', { uri: URI, version: 10, text: program }).result;
    await client.request('open', { uri: other, version: 1, text: program }).result;
    const edited = deletePlus(program);
    const stale = client.request('analyze', { uri: URI, version: 10, options: {} });
    const untouched = client.request('analyze', { uri: other, version: 1, options: {} });
    client.request('change', { uri: URI, version: 11, changes: [edited.change], text: edited.text });
    const current = client.request('analyze', { uri: URI, version: 11, options: {} });
    expect(await stale.result).toBeUndefined();
    expect((await untouched.result)?.diagnostics.length).toBe((await getAnalyzer()).analyze(program).diagnostics.length);
    expect((await current.result)?.diagnostics).toEqual((await getAnalyzer()).analyze(edited.text).diagnostics);
  });
});
