import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { BenchSuite } from '../lib/benchContext';
import { missingRow, row, type BenchRow } from '../lib/benchRow';

/**
 * Lint throughput: bench/lint.bench.ts belongs to the async-lint work and is only run here, as
 * its own process; its printed lines are read back ("baseline: … N lines/s", "lint … N lines/s").
 */

const LINT_BENCH = path.join(__dirname, '..', 'lint.bench.ts');
const NAME = 'lint on a generated 50,000-line file: throughput';
const TARGET = { on: 'value', min: 150_000 } as const;

function linesPerSecond(text: string, prefix: RegExp): number | undefined {
  for (const line of text.split('\n')) {
    if (!prefix.test(line)) continue;
    const m = /([\d,]+)\s*lines\/s/.exec(line);
    if (m !== null) return Number(m[1].replace(/,/g, ''));
  }
  return undefined;
}

/** Reads the lint bench's output into a row, or says why it cannot. */
export function lintRowFrom(stdout: string): BenchRow {
  const lint = linesPerSecond(stdout, /^lint\b/);
  const parse = linesPerSecond(stdout, /^baseline\b/);
  if (lint === undefined || parse === undefined) {
    return missingRow(NAME, 'lines/s', `bench/lint.bench.ts printed no "lint … lines/s" and "baseline: … lines/s" lines: ${stdout.trim().split('\n')[0] ?? ''}`, TARGET);
  }
  const size = /generated file: ([^\n]*)/.exec(stdout)?.[1];
  return row({
    name: NAME,
    value: lint,
    unit: 'lines/s',
    baseline: parse,
    baselineWhat: 'tree-sitter parse alone',
    target: TARGET,
    note: `from bench/lint.bench.ts${size === undefined ? '' : `: ${size}`}`,
  });
}

export const lintSuite: BenchSuite = {
  name: 'lint',
  async run(ctx) {
    if (!existsSync(LINT_BENCH)) return [missingRow(NAME, 'lines/s', 'not available yet (bench/lint.bench.ts does not exist)', TARGET)];
    ctx.log('lint (bench/lint.bench.ts)');
    const r = spawnSync(process.execPath, ['--import', 'tsx', LINT_BENCH], { encoding: 'utf8', timeout: 10 * 60_000 });
    if (r.status !== 0) return [missingRow(NAME, 'lines/s', `bench/lint.bench.ts failed (exit ${r.status}): ${(r.stderr ?? '').trim().split('\n').slice(-1)[0] ?? ''}`, TARGET)];
    return [lintRowFrom(r.stdout)];
  },
};
