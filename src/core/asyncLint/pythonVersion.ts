/**
 * The project's minimum Python, read from pyproject.toml: `requires-python` first, then ruff's
 * `target-version`. The TaskGroup fix is offered only when this is 3.11 or later.
 */
import type { PythonVersion } from './types';

/** The lowest Python a `requires-python` specifier allows (`>=3.11`, `~=3.12`, `==3.11.*`), or undefined. */
export function minimumPython(specifier: string): PythonVersion | undefined {
  let best: PythonVersion | undefined;
  for (const clause of specifier.split(',')) {
    const m = /^\s*(>=|~=|==|>)\s*(\d+)\.(\d+)/.exec(clause);
    if (m === null) continue;
    const v = { major: Number(m[2]), minor: Number(m[3]) + (m[1] === '>' ? 1 : 0) };
    if (best === undefined || v.major > best.major || (v.major === best.major && v.minor > best.minor)) best = v;
  }
  return best;
}

/** The target Python of a pyproject.toml text, or undefined when it names none. */
export function targetPythonFromPyproject(toml: string): PythonVersion | undefined {
  const requires = /^\s*requires-python\s*=\s*["']([^"']+)["']/m.exec(toml);
  if (requires !== null) {
    const v = minimumPython(requires[1]);
    if (v !== undefined) return v;
  }
  const ruff = /^\s*target-version\s*=\s*["']py(\d)(\d+)["']/m.exec(toml);
  return ruff === null ? undefined : { major: Number(ruff[1]), minor: Number(ruff[2]) };
}

/** True when `v` is at least major.minor. */
export function atLeast(v: PythonVersion | undefined, major: number, minor: number): boolean {
  return v !== undefined && (v.major > major || (v.major === major && v.minor >= minor));
}
