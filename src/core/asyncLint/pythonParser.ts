/**
 * Loads web-tree-sitter and the tree-sitter-python grammar (both WebAssembly) once per process.
 *
 * Where the .wasm files are: the esbuild bundles (dist/cli.js, dist/extension.js) have them
 * copied beside themselves into dist/, so `__dirname` finds them; under tsx (tests, bench) they
 * are taken from node_modules. web-tree-sitter's ESM build fails at `Parser.init()` once bundled
 * (it locates its wasm through `import.meta.url`), so esbuild.mjs aliases it to the CommonJS
 * build and `locateFile` below hands it the path.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
// Types only: the runtime is imported on first use (below), so loading the extension does not
// run web-tree-sitter's module code (measured at about 8 ms of the activation time).
import type { Node, Tree } from 'web-tree-sitter';

/** The runtime's own wasm and the Python grammar, by the names the bundle copies them to. */
const RUNTIME_WASM = 'web-tree-sitter.wasm';
const PYTHON_WASM = 'tree-sitter-python.wasm';

/** A ready Python parser. */
export interface PythonParser {
  /** Parses a whole file. The caller owns the tree and calls `tree.delete()` when done. */
  parse(text: string): Tree;
  /** True when `text` parses without ERROR or MISSING nodes. */
  parsesCleanly(text: string): boolean;
  /** How many ERROR and MISSING nodes `text` parses with (0 for valid Python). */
  syntaxErrorCount(text: string): number;
}

let loading: Promise<PythonParser> | undefined;

/** Loads the wasm files on first use; later calls share the same parser. */
export function loadPythonParser(): Promise<PythonParser> {
  loading ??= load().catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

async function load(): Promise<PythonParser> {
  const { Language, Parser } = await import('web-tree-sitter');
  const runtimeWasm = wasmPath(RUNTIME_WASM, 'web-tree-sitter/web-tree-sitter.wasm');
  await Parser.init({ locateFile: () => runtimeWasm });
  const language = await Language.load(wasmPath(PYTHON_WASM, 'tree-sitter-python/tree-sitter-python.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  const parse = (text: string): Tree => {
    const tree = parser.parse(text);
    if (tree === null) throw new Error('tree-sitter returned no tree (parser has no language).');
    return tree;
  };
  return {
    parse,
    parsesCleanly(text) {
      const tree = parse(text);
      try {
        return !tree.rootNode.hasError;
      } finally {
        tree.delete();
      }
    },
    syntaxErrorCount(text) {
      const tree = parse(text);
      try {
        return countErrors(tree.rootNode);
      } finally {
        tree.delete();
      }
    },
  };
}

/** Counts ERROR and MISSING nodes, descending only into subtrees that contain one. */
function countErrors(node: Node): number {
  if (!node.hasError) return 0;
  if (node.isError || node.isMissing) return 1 + node.children.reduce((n, c) => n + countErrors(c), 0);
  return node.children.reduce((n, c) => n + countErrors(c), 0);
}

/** The bundled copy beside this file when there is one, else the package's own file. */
function wasmPath(bundledName: string, packagePath: string): string {
  const bundled = join(__dirname, bundledName);
  if (existsSync(bundled)) return bundled;
  try {
    return require.resolve(packagePath);
  } catch {
    throw new Error(
      `cannot find ${bundledName}: not beside ${__dirname} and package '${packagePath.split('/')[0]}' is not installed. ` +
        'Run npm install (development) or rebuild with node esbuild.mjs (bundle).',
    );
  }
}
