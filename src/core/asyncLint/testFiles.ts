/**
 * Test files are skipped by default (as Fixit and Pants do): tests hold two thirds of the raw
 * hits and are sequential on purpose (shared/reference/async-rewrite-hazards.md §4.4).
 */

/** True for `test_*.py`, `*_test.py`, `conftest.py` and anything under a `tests/` folder. */
export function isTestFile(path: string): boolean {
  const parts = path.split(/[\\/]+/);
  const base = parts[parts.length - 1] ?? '';
  if (base === 'conftest.py' || /^test_.*\.py$/.test(base) || /_test\.py$/.test(base)) return true;
  return parts.slice(0, -1).includes('tests');
}
