/** A shared linter for the unit tests, and a tiny way to write Python inline. */
import { AsyncLinter, type AsyncFinding, type AsyncLintOptions } from '../../../src/core/asyncLint';

let shared: Promise<AsyncLinter> | undefined;

/** One linter per test process (the wasm loads once). */
export function getLinter(): Promise<AsyncLinter> {
  shared ??= AsyncLinter.create();
  return shared;
}

/** Joins lines with `\n` and a final newline, so Python source reads naturally in tests. */
export function py(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** Lints `text` as `app/main.py` with extra options. */
export async function lintText(text: string, options: Partial<AsyncLintOptions> = {}): Promise<AsyncFinding[]> {
  return (await getLinter()).lint(text, { file: 'app/main.py', ...options });
}

/** A loop that gathers cleanly: `results = []` then `results.append(await fetch(item))`. */
export const SIMPLE_LOOP = py(
  'import asyncio',
  '',
  '',
  'async def main(items):',
  '    results = []',
  '    for item in items:',
  '        results.append(await fetch(item))',
  '    return results',
);
