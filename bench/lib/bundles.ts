import { build } from 'esbuild';
import * as path from 'node:path';
import { BENCH_OUT } from '../generate/benchInputs';

/**
 * The CLI and extension bundles, built from the current sources the way `npm run package`
 * builds them (esbuild.mjs with --production: minified, no source map), into bench/out/build.
 * The benchmarks measure what ships without touching dist/, which other work builds into.
 * Keep the options in step with esbuild.mjs.
 */

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(BENCH_OUT, 'build');

/** Paths of the freshly built bundles. */
export interface Bundles {
  readonly cli: string;
  readonly extension: string;
  /** The flame graph page script (browser IIFE). */
  readonly webview: string;
  /** media/flamegraph-panel.css. */
  readonly panelCss: string;
}

let built: Promise<Bundles> | undefined;

/** Builds both bundles once per bench run. */
export function productionBundles(): Promise<Bundles> {
  built ??= buildBundles();
  return built;
}

async function buildBundles(): Promise<Bundles> {
  // The CommonJS build of web-tree-sitter, as esbuild.mjs aliases it (its ESM build cannot find its wasm in a CJS bundle).
  const treeSitterCjs = require.resolve('web-tree-sitter', { paths: [REPO_ROOT] });
  const common = {
    bundle: true,
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    platform: 'node',
    format: 'cjs',
    absWorkingDir: REPO_ROOT,
    alias: { 'web-tree-sitter': treeSitterCjs },
  } as const;
  const cli = path.join(OUT, 'cli.js');
  const extension = path.join(OUT, 'extension.js');
  const webview = path.join(OUT, 'webview.js');
  await Promise.all([
    build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: cli, target: 'node20', banner: { js: '#!/usr/bin/env node' } }),
    build({ ...common, entryPoints: ['src/host/extension.ts'], outfile: extension, target: 'node18', external: ['vscode', './lintEngine.js'] }),
    build({ ...common, entryPoints: ['src/host/lint/lintEngine.ts'], outfile: path.join(OUT, 'lintEngine.js'), target: 'node18' }),
    build({ ...common, entryPoints: ['webview/main.ts'], outfile: webview, platform: 'browser', format: 'iife', target: 'chrome114', alias: {} }),
  ]);
  return { cli, extension, webview, panelCss: path.join(REPO_ROOT, 'media', 'flamegraph-panel.css') };
}
