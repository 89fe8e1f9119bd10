// A real VS Code for the end-to-end tests: code-server (VS Code 1.100) installed from npm into .e2e/, started on
// 127.0.0.1 with its own folders and quiet settings, with the packaged extension installed from its .vsix; and the
// headless Chromium that drives it.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = join(import.meta.dirname, '..');
export const E2E_DIR = join(ROOT, '.e2e');
const INSTALL_DIR = process.env.CS_DIR ?? join(E2E_DIR, 'code-server');
const BIN = join(INSTALL_DIR, 'node_modules', '.bin', 'code-server');

/** Installs code-server unless it is there already (about 70 s the first time). */
export function ensureCodeServer() {
  if (existsSync(join(INSTALL_DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules.asar'))) return;
  console.log(`installing code-server into ${INSTALL_DIR} ...`);
  execFileSync('bash', [join(ROOT, 'e2e', 'install-code-server.sh'), INSTALL_DIR], { stdio: 'inherit' });
}

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'window.restoreWindows': 'none',
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.colorTheme': 'Default Dark Modern',
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'git.openRepositoryInParentFolders': 'never',
  'git.enabled': false,
};

/** Starts code-server with the .vsix installed; resolves once it answers /healthz. */
export async function startCodeServer({ port, vsix, run }) {
  const dirs = ['user-data/User', 'extensions', 'xdg-config', 'xdg-data', 'xdg-cache'].map((d) => join(run, d));
  for (const dir of dirs) mkdirSync(dir, { recursive: true });
  writeFileSync(join(run, 'user-data', 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  const env = {
    ...process.env, XDG_CONFIG_HOME: join(run, 'xdg-config'), XDG_DATA_HOME: join(run, 'xdg-data'), XDG_CACHE_HOME: join(run, 'xdg-cache'),
  };
  const common = ['--user-data-dir', join(run, 'user-data'), '--extensions-dir', join(run, 'extensions')];
  execFileSync(BIN, [...common, '--install-extension', vsix, '--force'], { env, stdio: 'pipe' });
  const child = spawn(BIN, [
    ...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened',
  ], { env, detached: true, stdio: ['ignore', 'ignore', 'ignore'] });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stop(child);
      throw new Error('code-server did not answer /healthz within 60 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { base, stop: () => stop(child) };
}

/** Stops code-server and everything it started (its own process group). */
function stop(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** Debian's headless Chromium (CHROMIUM=path for another) with a profile folder of its own. */
export function launchChromium(profile) {
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 900 },
    env: { ...process.env, XDG_CONFIG_HOME: join(profile, 'xdg-config'), XDG_CACHE_HOME: join(profile, 'xdg-cache') },
  });
}
