import type * as LintEngineModule from './lintEngine';

/** What dist/lintEngine.js exports. */
export type LintEngine = typeof LintEngineModule;

let engine: LintEngine | undefined;

/**
 * The lint engine, loaded on first use. In the package `./lintEngine.js` is a separate bundle
 * beside dist/extension.js (esbuild.mjs marks the path external), so activation does not pay
 * for it (issue 8: activation ≤ 50 ms); under tsx the same path resolves to lintEngine.ts.
 */
export function loadLintEngine(): LintEngine {
  // A plain require on purpose: an import would make esbuild inline the engine into the extension bundle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  engine ??= require('./lintEngine.js') as LintEngine;
  return engine;
}
