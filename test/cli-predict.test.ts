// `gil-lens predict` through the command-line entry: formats, options, and the exit status on bad input.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (text) => { out += text; }, (text) => { err += text; });
  return { code, out, err };
}

const EXAMPLE = join(__dirname, '..', 'examples', 'squares_two_threads.py');

describe('gil-lens predict', () => {
  it('prints the JSON contract', async () => {
    const { code, out } = await run('predict', '--format', 'json', '--python', '3.13', '--cores', '4', EXAMPLE);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ version: 1, path: EXAMPLE, python: '3.13', cores: 4, switchIntervalMs: 5 });
    expect(Object.keys(json.scenarios)).toEqual(['sequential', 'threads', 'processes', 'freeThreaded']);
    expect(json.threads.filter((t: { target: string }) => t.target === 'compute_squares')).toHaveLength(2);
    expect(json.timeline.scenario).toBe('threads');
    expect(json.timeline.segments[0]).toEqual(expect.objectContaining({ thread: expect.any(Number), state: expect.any(String), line: expect.any(Number) }));
  });

  it('prints text, Mermaid and Chrome trace formats', async () => {
    expect((await run('predict', EXAMPLE)).out).toMatch(/scenarios\s+wall\s+speed-up[\s\S]*free-threaded/);
    expect((await run('predict', '--format', 'mermaid', EXAMPLE)).out).toMatch(/^---\ndisplayMode: compact/);
    expect(JSON.parse((await run('predict', '--format', 'trace', EXAMPLE)).out).traceEvents.length).toBeGreaterThan(3);
  });

  it('uses a profile written by calibrate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gil-lens-profile-'));
    const profile = join(dir, 'p.json');
    writeFileSync(profile, JSON.stringify({ python: '3.11', opNs: { iter: 1000 } }));
    const slow = JSON.parse((await run('predict', '--format', 'json', '--profile', profile, EXAMPLE)).out);
    const shipped = JSON.parse((await run('predict', '--format', 'json', '--python', '3.11', EXAMPLE)).out);
    expect(slow.scenarios.sequential.wallMs).toBeGreaterThan(shipped.scenarios.sequential.wallMs * 5);
  });

  it('gives blocking calls of unknown length the latency --io-latency says', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gil-lens-io-'));
    const file = join(dir, 'fetch.py');
    writeFileSync(file, [
      'import threading', 'import urllib.request', '',
      'def fetch(url):', '    for _ in range(10):', '        urllib.request.urlopen(url).read()', '',
      'threads = [threading.Thread(target=fetch, args=("http://example.com",)) for _ in range(2)]',
      'for t in threads:', '    t.start()', 'for t in threads:', '    t.join()', '',
    ].join('\n'));
    const wall = async (...options: string[]) => JSON.parse((await run('predict', '--format', 'json', ...options, file)).out).scenarios.threads.wallMs;
    const fast = await wall();
    const slow = await wall('--io-latency', '100');
    // Two threads overlap their waits: ten rounds of the latency each, at least.
    expect(slow).toBeGreaterThanOrEqual(1000);
    expect(slow).toBeGreaterThan(fast * 5);
    expect((await run('predict', '--io-latency', '-1', file)).code).toBe(2);
  });

  it('exits 2 on usage errors', async () => {
    expect((await run('predict')).code).toBe(2);
    expect((await run('predict', '--python', '2.7', EXAMPLE)).code).toBe(2);
    expect((await run('predict', '--cores', '0', EXAMPLE)).code).toBe(2);
    expect((await run('predict', '--format', 'xml', EXAMPLE)).code).toBe(2);
    const missing = await run('predict', join(tmpdir(), 'no-such-file.py'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read/);
  });
});
