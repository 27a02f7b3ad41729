/** Tree questions the tests ask about rewritten Python, answered with the same parser as the lint. */
import { loadPythonParser } from '../../../src/core/asyncLint/pythonParser';

/**
 * Text of every generator expression that contains an await: PEP 530 makes it an async
 * generator, and `list.extend(await f(x) for x in xs)` raises TypeError (ruff PERF401's bug).
 */
export async function generatorExpressionsWithAwait(text: string): Promise<string[]> {
  const parser = await loadPythonParser();
  const tree = parser.parse(text);
  try {
    return tree.rootNode
      .descendantsOfType('generator_expression')
      .filter((g) => g.descendantsOfType('await').length > 0)
      .map((g) => g.text);
  } finally {
    tree.delete();
  }
}

/** How many ERROR and MISSING nodes `text` parses with. */
export async function syntaxErrorCount(text: string): Promise<number> {
  return (await loadPythonParser()).syntaxErrorCount(text);
}
