// Vitest global setup: builds dist/ (node esbuild.mjs) before any test file runs when the bundles the CLI tests
// start as subprocesses are missing or older than the sources, so those tests never run a stale gil-lens and two
// test files never build at once.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
const BUNDLES = [CLI, join(ROOT, 'dist', 'cli-worker.js'), join(ROOT, 'dist', 'extension-worker.js')];

export function setup(): void {
  if (!isStale()) return;
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'pipe' });
}

function isStale(): boolean {
  if (!BUNDLES.every((bundle) => existsSync(bundle))) return true;
  const built = Math.min(...BUNDLES.map((bundle) => statSync(bundle).mtimeMs));
  return newestSource([join(ROOT, 'src'), join(ROOT, 'esbuild.mjs'), join(ROOT, 'package.json')]) > built;
}

function newestSource(paths: string[]): number {
  let newest = 0;
  for (const path of paths) {
    const stats = statSync(path);
    if (stats.isDirectory()) newest = Math.max(newest, newestSource(readdirSync(path).map((name) => join(path, name))));
    else newest = Math.max(newest, stats.mtimeMs);
  }
  return newest;
}
