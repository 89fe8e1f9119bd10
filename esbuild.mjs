// Builds every bundle: the extension (CommonJS for VS Code's Node host, `vscode` external), the CLI and the bench
// (Node), and copies the parser's WASM next to them. `--production` minifies; `--watch` rebuilds on change.
import { build, context } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const require = createRequire(import.meta.url);
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

mkdirSync('dist', { recursive: true });
copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), 'dist/tree-sitter.wasm');
copyFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'), 'dist/tree-sitter-python.wasm');
// `gil-lens calibrate` runs these with the interpreter it measures.
copyFileSync('src/calibrate/calibrate.py', 'dist/calibrate.py');
copyFileSync('src/calibrate/snippets.py', 'dist/snippets.py');
// `gil-lens measure` and the editor's Measure command run programs under this tracer.
copyFileSync('src/measure/tracer.py', 'dist/tracer.py');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  define: { GIL_LENS_VERSION: JSON.stringify(version) },
  // web-tree-sitter's ESM build reads import.meta.url; CommonJS bundles give it the script's own path.
  banner: { js: 'const import_meta_url = require("url").pathToFileURL(__filename).href;' },
  inject: [],
};

const entries = [
  { entryPoints: ['src/cli/index.ts'], outfile: 'dist/cli.js' },
  // The worker threads `gil-lens check` starts for many files (src/cli/pool.ts finds it next to cli.js).
  { entryPoints: ['src/cli/worker.ts'], outfile: 'dist/cli-worker.js' },
  { entryPoints: ['bench/bench.ts'], outfile: 'dist/bench.js', external: ['playwright-core'] },
  { entryPoints: ['scripts/fit-reference.ts'], outfile: 'dist/fit-reference.js' },
  { entryPoints: ['scripts/fuzz.ts'], outfile: 'dist/fuzz.js' },
  { entryPoints: ['scripts/score.ts'], outfile: 'dist/score.js' },
  { entryPoints: ['scripts/parts-check.ts'], outfile: 'dist/parts-check.js' },
  { entryPoints: ['scripts/edit-check.ts'], outfile: 'dist/edit-check.js' },
  { entryPoints: ['scripts/segment-check.ts'], outfile: 'dist/segment-check.js' },
  { entryPoints: ['scripts/predict-corpus.ts'], outfile: 'dist/predict-corpus.js' },
];
// The webview's script runs in the browser (Mermaid inside); its stylesheet is copied as it is.
// ES modules split into chunks, so the panel loads Mermaid's core and the gantt chart only, not every diagram type.
entries.push({ entryPoints: ['webview/main.ts'], outdir: 'dist/webview', splitting: true, platform: 'browser', format: 'esm', target: 'es2022', banner: {}, define: {} });
mkdirSync('dist/webview', { recursive: true });
copyFileSync('webview/style.css', 'dist/webview/style.css');
if (existsSync('src/extension/extension.ts')) {
  entries.push({ entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] });
  entries.push({ entryPoints: ['src/extension/worker.ts'], outfile: 'dist/extension-worker.js' });
}

const options = entries
  .filter((entry) => entry.entryPoints.every((file) => existsSync(file)))
  .map((entry) => (entry.platform === 'browser'
    ? { ...common, ...entry, sourcemap: false, minify: true }
    : { ...common, ...entry, banner: entry.banner ?? common.banner, define: { ...common.define, 'import.meta.url': 'import_meta_url' } }));

if (watch) {
  for (const option of options) await (await context(option)).watch();
} else {
  await Promise.all(options.map((option) => build(option)));
}
