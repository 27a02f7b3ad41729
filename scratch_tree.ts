import { readFileSync } from 'node:fs';
import { loadPythonParser } from './src/core/asyncLint/pythonParser';
(async () => {
  const p = await loadPythonParser();
  const t = p.parse(readFileSync(process.argv[2], 'utf8'));
  for (const c of t.rootNode.namedChildren) console.log(c.type, c.startPosition.row + 1, c.endPosition.row + 1, c.hasError);
})();
