import { isLibraryPath } from './libraryPath';
import { appendSegments, foldsCase, isPseudoPath, joinPath, pathKey, sameSegment, splitPath, type SplitPath } from './pathSegments';

/**
 * Maps a path as recorded (possibly on another machine: a container, CI, a Windows box) to a
 * file of this workspace. Rules, in order: the exact path; the user's `profileFirst.pathMappings`
 * prefixes (longest wins); a relative path under a workspace root; the workspace file sharing
 * the longest run of trailing path segments. An ambiguous match is reported, never guessed:
 * hints on the wrong file are worse than no hints.
 */

/** How a recorded path was matched to a local file. */
export type PathMatchKind = 'exact' | 'mapping' | 'suffix' | 'relative';

/** A recorded path resolved to a local file. */
export interface PathMatch {
  readonly localPath: string;
  readonly how: PathMatchKind;
  /** Why this file was chosen when other candidates existed, or what was skipped on the way. */
  readonly note?: string;
}

/** A recorded path that maps to nothing, with the reason (for the log). */
export interface PathMiss {
  readonly localPath: undefined;
  /** `ambiguous`: several files fit equally well; `notAFile`: `<frozen …>`, `<string>`, empty. */
  readonly how: 'ambiguous' | 'notFound' | 'notAFile';
  readonly note: string;
}

/** What the mapper needs to know about this workspace. */
export interface PathMapperOptions {
  /** Absolute local paths of the workspace's files (e.g. from `workspace.findFiles('**∕*.py')`). */
  readonly workspaceFiles: readonly string[];
  /** Absolute local paths of the workspace folders, in order. */
  readonly workspaceRoots: readonly string[];
  /** `profileFirst.pathMappings`: recorded prefix → local prefix, variables already substituted. */
  readonly pathMappings: Readonly<Record<string, string>>;
  /** The platform the files are opened on (`process.platform`). */
  readonly platform: NodeJS.Platform;
  /** Checks a local path outside `workspaceFiles` (a venv, the stdlib); without it only workspace files match. */
  readonly fileExists?: (localPath: string) => boolean;
}

/** Resolves recorded paths against one workspace; build it once per profile load. */
export interface PathMapper {
  /** The local file for a recorded path, or undefined when there is none or it is ambiguous. */
  map(recordedPath: string): PathMatch | undefined;
  /** Like `map`, with the reason when nothing matched. */
  resolve(recordedPath: string): PathMatch | PathMiss;
}

interface WorkspaceFile {
  readonly path: string;
  readonly split: SplitPath;
}

interface PrefixMapping {
  readonly from: SplitPath;
  readonly to: SplitPath;
  readonly label: string;
}

/** Builds a mapper over the workspace's files, indexed by file name for the suffix match. */
export function createPathMapper(options: PathMapperOptions): PathMapper {
  const { platform } = options;
  const localFold = foldsCase(platform);
  const byKey = new Map<string, string>();
  const byName = new Map<string, WorkspaceFile[]>();
  for (const path of options.workspaceFiles) {
    const split = splitPath(path);
    if (split.segments.length === 0) continue;
    byKey.set(pathKey(split, localFold), path);
    const name = split.segments[split.segments.length - 1].toLowerCase();
    const list = byName.get(name);
    if (list === undefined) byName.set(name, [{ path, split }]);
    else list.push({ path, split });
  }
  const roots = options.workspaceRoots.map(splitPath);
  const mappings: PrefixMapping[] = Object.entries(options.pathMappings)
    .map(([from, to]) => ({ from: splitPath(from), to: splitPath(to), label: `${from} → ${to}` }))
    .filter((m) => m.from.segments.length > 0 || m.from.absolute)
    .sort((a, b) => b.from.segments.length - a.from.segments.length);

  /** The local path for segments, if that file is known to exist. */
  const existing = (split: SplitPath): string | undefined => {
    const known = byKey.get(pathKey(split, localFold));
    if (known !== undefined) return known;
    const written = joinPath(split, platform);
    return options.fileExists?.(written) === true ? written : undefined;
  };

  const resolve = (recordedPath: string): PathMatch | PathMiss => {
    if (recordedPath.trim() === '' || isPseudoPath(recordedPath)) return miss('notAFile', [`${recordedPath || '(empty path)'} is not a file on disk`]);
    const recorded = splitPath(recordedPath);
    if (recorded.segments.length === 0) return miss('notAFile', [`${recordedPath} names no file`]);
    // A Windows path is only "exact" on Windows, a POSIX path only elsewhere.
    if (recorded.absolute && recorded.windows === (platform === 'win32')) {
      const found = existing(recorded);
      if (found !== undefined) return match(found, 'exact', []);
    }
    const notes: string[] = [];
    const fold = localFold || recorded.windows;
    const mapping = mappings.find((m) => hasPrefix(recorded, m.from, fold));
    if (mapping !== undefined) {
      // Only the longest matching prefix applies; if its target is missing, say so and keep looking.
      const target = appendSegments(mapping.to, recorded.segments.slice(mapping.from.segments.length));
      const found = existing(target);
      if (found !== undefined) return match(found, 'mapping', [`path mapping ${mapping.label}`]);
      notes.push(`path mapping ${mapping.label} gives ${joinPath(target, platform)}, which does not exist`);
    }
    if (!recorded.absolute) {
      const hits = [...new Set(roots.map((r) => existing(appendSegments(r, recorded.segments))).filter((p) => p !== undefined))];
      if (hits.length === 1) return match(hits[0], 'relative', notes);
      if (hits.length > 1) notes.push(`${recordedPath} exists under ${hits.length} workspace folders`);
    }
    return suffixMatch(recordedPath, recorded, byName.get(lastSegment(recorded).toLowerCase()) ?? [], fold, notes);
  };

  return {
    resolve,
    map(recordedPath) {
      const r = resolve(recordedPath);
      return r.localPath === undefined ? undefined : r;
    },
  };
}

/** The workspace file sharing the most trailing segments with the recorded path, if one clearly wins. */
function suffixMatch(recordedPath: string, recorded: SplitPath, sameName: readonly WorkspaceFile[], fold: boolean, notes: readonly string[]): PathMatch | PathMiss {
  const scored = sameName
    .map((file) => ({ file, shared: sharedSuffix(recorded.segments, file.split.segments, fold) }))
    .filter((c) => c.shared > 0)
    .sort((a, b) => b.shared - a.shared || (a.file.path < b.file.path ? -1 : 1));
  const [best, second] = scored;
  if (best === undefined) return miss('notFound', [...notes, `no workspace file is named ${lastSegment(recorded)}`]);
  if (second === undefined) {
    if (best.shared > 1 || recorded.segments.length === 1) return match(best.file.path, 'suffix', notes);
    // Only the file name agrees: trust it for the user's code (the one file of that name), but
    // never put a library file's numbers on a workspace file that merely shares its name.
    if (isLibraryPath(recordedPath)) return miss('notFound', [...notes, `${recordedPath} is library code; only its file name matches ${best.file.path}`]);
    return match(best.file.path, 'suffix', [...notes, `${best.file.path} is the only workspace file named ${lastSegment(recorded)}`]);
  }
  if (best.shared === second.shared) {
    const tied = scored.filter((c) => c.shared === best.shared).map((c) => c.file.path);
    return miss('ambiguous', [
      ...notes,
      `ambiguous: ${tied.join(', ')} each share the last ${segmentCount(best.shared)} with ${recordedPath}; add a profileFirst.pathMappings entry to choose`,
    ]);
  }
  const why =
    `chose ${best.file.path}: it shares the last ${segmentCount(best.shared)} (${trailing(recorded, best.shared)}) with ${recordedPath}, ` +
    `${second.file.path} only ${second.shared}`;
  return match(best.file.path, 'suffix', [...notes, why]);
}

function match(localPath: string, how: PathMatchKind, notes: readonly string[]): PathMatch {
  return notes.length === 0 ? { localPath, how } : { localPath, how, note: notes.join('; ') };
}

function miss(how: PathMiss['how'], notes: readonly string[]): PathMiss {
  return { localPath: undefined, how, note: notes.join('; ') };
}

function hasPrefix(path: SplitPath, prefix: SplitPath, fold: boolean): boolean {
  if (prefix.absolute !== path.absolute || prefix.segments.length > path.segments.length) return false;
  return prefix.segments.every((s, i) => sameSegment(s, path.segments[i], fold));
}

/** How many segments at the end of `a` and `b` are the same. */
function sharedSuffix(a: readonly string[], b: readonly string[], fold: boolean): number {
  let n = 0;
  while (n < a.length && n < b.length && sameSegment(a[a.length - 1 - n], b[b.length - 1 - n], fold)) n++;
  return n;
}

function lastSegment(path: SplitPath): string {
  return path.segments[path.segments.length - 1];
}

function trailing(path: SplitPath, n: number): string {
  return path.segments.slice(-n).join('/');
}

function segmentCount(n: number): string {
  return n === 1 ? 'path segment' : `${n} path segments`;
}
