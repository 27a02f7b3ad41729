/**
 * Public surface of the sequential-await lint, for the VS Code host (diagnostics and code
 * actions) and the CLI. Everything here is pure: no VS Code, no file system writes.
 */
export { AsyncLinter, FixRefusedError, type AsyncLintReport, type SilencedCode } from './asyncLinter';
export { CONCURRENCY_SAFE_MARKER } from './moduleFacts';
export { atLeast, minimumPython, targetPythonFromPyproject } from './pythonVersion';
export { applyEdits } from './sourceText';
export { isTestFile } from './testFiles';
export * from './types';
