// One build script, several bundles: the extension (Node, CJS, `vscode` external), the CLI
// (Node, CJS, with a shebang) and the flame graph webview (browser IIFE, d3 bundled).
// d3-flame-graph injects its stylesheet at run time, which the webview CSP blocks, so its CSS
// is copied to dist/ and loaded as a file (shared/DESIGN.md, security rules).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

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
    external: ['vscode'],
    alias: { 'web-tree-sitter': treeSitterCjs },
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

function copyFlameGraphCss() {
  // The package's "exports" hide package.json; its main file sits in dist/ beside the CSS.
  const distDir = dirname(require.resolve('d3-flame-graph'));
  mkdirSync('dist', { recursive: true });
  copyFileSync(join(distDir, 'd3-flamegraph.css'), join('dist', 'flamegraph.css'));
}

function copyLintWasm() {
  mkdirSync('dist', { recursive: true });
  for (const file of lintWasm) copyFileSync(file, join('dist', basename(file)));
}

copyFlameGraphCss();
copyLintWasm();
if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
