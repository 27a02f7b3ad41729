/**
 * The part of the sequential-await lint the extension host calls, as its own bundle entry
 * (dist/lintEngine.js, see esbuild.mjs): it carries web-tree-sitter's glue and the rules, about
 * a third of the extension's code, which activation should neither compile nor run.
 * Load it through loadLintEngine(), never import it for its values.
 */
export { AsyncLinter } from '../../core/asyncLint';
