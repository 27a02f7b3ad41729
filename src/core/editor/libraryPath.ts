import { isPseudoPath, splitPath } from './pathSegments';

/**
 * Which recorded paths are not the user's own code: installed packages, the standard library,
 * and code with no source file. Their lines are hidden unless `profileFirst.showLibraryCode`.
 *
 * Known limit: py-spy without `--full-filenames` records package-relative names
 * (`json/decoder.py`), which no longer say where the file lives; those count as user code.
 */

// `lib/python3.12`, `lib64/python3.13t` (free-threaded build), `lib/pypy3.10`: the POSIX stdlib layout.
const POSIX_STDLIB_DIR = /^(?:python|pypy)\d+(?:\.\d+)?t?$/i;
// `C:\Python312\Lib\…`: the Windows installer's layout (the folder name carries the version).
const WINDOWS_PYTHON_HOME = /^python\d+$/i;

/** True for site-packages / dist-packages, the standard library, and `<frozen …>` / `<string>` pseudo-files. */
export function isLibraryPath(path: string): boolean {
  if (isPseudoPath(path)) return true;
  const segments = splitPath(path).segments.map((s) => s.toLowerCase());
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s === 'site-packages' || s === 'dist-packages') return true;
    const prev = i > 0 ? segments[i - 1] : '';
    if ((prev === 'lib' || prev === 'lib64') && POSIX_STDLIB_DIR.test(s)) return true;
    if (s === 'lib' && WINDOWS_PYTHON_HOME.test(prev)) return true;
  }
  return false;
}
