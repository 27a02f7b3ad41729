/**
 * Paths as lists of segments, independent of the separator style they were written in. A
 * profile may come from another machine (a container, a Windows box), so a recorded path is
 * never handed to `node:path`, whose rules are those of the machine we run on.
 */

/** A path split into segments; `.` removed and `..` applied lexically. */
export interface SplitPath {
  /** Starts at a root: `/`, a drive (`C:\`), a UNC share (`\\server\share`) or `\`. */
  readonly absolute: boolean;
  /** Written Windows-style: a drive letter, a UNC prefix, or backslashes and no slash. */
  readonly windows: boolean;
  /** `\\server\share\…`: kept apart so the path can be written back with its prefix. */
  readonly unc: boolean;
  /** The segments after the root; a Windows drive is the first segment (`C:`). */
  readonly segments: readonly string[];
}

const DRIVE = /^[A-Za-z]:(?:[\\/]|$)/;

/** Splits a path written in POSIX or Windows style into segments. */
export function splitPath(path: string): SplitPath {
  const unc = path.startsWith('\\\\');
  // A POSIX file name may contain a backslash, so only paths that look Windows-made split on it.
  const windows = DRIVE.test(path) || unc || (path.includes('\\') && !path.includes('/'));
  const absolute = windows ? DRIVE.test(path) || path.startsWith('\\') || path.startsWith('/') : path.startsWith('/');
  const parts = path.split(windows ? /[\\/]+/ : /\/+/).filter((s) => s !== '' && s !== '.');
  // Most paths have no `..`; they need no second pass (this runs once per workspace file).
  if (!parts.includes('..')) return { absolute, windows, unc, segments: parts };
  // `..` never climbs above a drive or the root; in a relative path a leading `..` is kept.
  return appendSegments({ absolute, windows, unc, segments: [] }, parts);
}

/** `base` with `rest` appended, applying `..` the way `splitPath` does. */
export function appendSegments(base: SplitPath, rest: readonly string[]): SplitPath {
  const segments = [...base.segments];
  for (const s of rest) {
    if (s === '..' && segments.length > 0 && segments[segments.length - 1] !== '..' && !isDrive(segments[segments.length - 1])) segments.pop();
    else if (s !== '..' || !base.absolute) segments.push(s);
  }
  return { ...base, segments };
}

/** True for a Windows drive segment such as `C:`. */
export function isDrive(segment: string | undefined): boolean {
  return segment !== undefined && /^[A-Za-z]:$/.test(segment);
}

/** True when file names on this platform compare without case (Windows, and macOS by default). */
export function foldsCase(platform: NodeJS.Platform): boolean {
  return platform === 'win32' || platform === 'darwin';
}

/** A lookup key for a split path: the same key means the same file. */
export function pathKey(path: SplitPath, fold: boolean): string {
  const key = `${path.absolute ? '/' : ''}${path.segments.join('/')}`;
  return fold ? key.toLowerCase() : key;
}

/** Writes segments back as a path of the given platform (the machine the file will be opened on). */
export function joinPath(path: SplitPath, platform: NodeJS.Platform): string {
  if (platform !== 'win32') return `${path.absolute ? '/' : ''}${path.segments.join('/')}`;
  const body = path.segments.join('\\');
  if (path.unc) return `\\\\${body}`;
  if (isDrive(path.segments[0])) return path.segments.length === 1 ? `${body}\\` : body;
  return `${path.absolute ? '\\' : ''}${body}`;
}

/** The last segment of a path written in either style. */
export function baseName(path: string): string {
  const { segments } = splitPath(path);
  return segments.length > 0 ? segments[segments.length - 1] : path;
}

/** Compares two segments, without case when asked. */
export function sameSegment(a: string, b: string, fold: boolean): boolean {
  return fold ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** True for names such as `<frozen runpy>`, `<string>`, `<stdin>`: code with no file on disk. */
export function isPseudoPath(path: string): boolean {
  return path.startsWith('<') && path.endsWith('>');
}
