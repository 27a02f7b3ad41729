// One build script, several bundles: the extension (Node, CJS, `vscode` external), the CLI
// (Node, CJS, with a shebang) and the flame graph webview (browser IIFE; the flame graph is
// drawn on a canvas, the memory chart with d3-selection; its stylesheet is media/flamegraph-panel.css).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// web-tree-sitter (the async lint's Python parser): esbuild would pick its ESM build, which
// finds its wasm through import.meta.url and fails at Parser.init() inside a CJS bundle, so the
// Node bundles take the CommonJS build; both .wasm files are copied beside the bundles, where
// src/core/asyncLint/pythonParser.ts looks first (__dirname).
const treeSitterCjs = require.resolve('web-tree-sitter');
const lintWasm = [require.resolve('web-tree-sitter/web-tree-sitter.wasm'), require.resolve('tree-sitter-python/tree-sitter-python.wasm')];

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  {
    ...common,
    entryPoints: ['src/host/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    // The lint engine is required at the first lint from its own file (src/host/lint/loadLintEngine.ts),
    // so activation neither compiles nor runs it (issue 8: activation ≤ 50 ms).
    external: ['vscode', './lintEngine.js'],
  },
  {
    ...common,
    entryPoints: ['src/host/lint/lintEngine.ts'],
    outfile: 'dist/lintEngine.js',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    alias: { 'web-tree-sitter': treeSitterCjs },
  },
  {
    // The parse worker (src/core/load/profileLoadWorker.ts): the extension host reads big profiles
    // in a worker_threads Worker so its thread stays responsive (issue 8).
    ...common,
    entryPoints: ['src/core/load/profileLoadWorker.ts'],
    outfile: 'dist/profileWorker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    alias: { 'web-tree-sitter': treeSitterCjs },
  },
  {
    ...common,
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome114',
  },
];

function copyLintWasm() {
  mkdirSync('dist', { recursive: true });
  for (const file of lintWasm) copyFileSync(file, join('dist', basename(file)));
}

copyLintWasm();
if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
