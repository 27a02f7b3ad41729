import type { Frame, FrameKind } from '../model/profile';

/**
 * The text form of one frame as py-spy writes it in `--format raw` (src/flamegraph.rs,
 * `Flamegraph::increment`): `name (file:line)`, `name (file)` when the line is 0 or
 * `--nolineno`, and a bare `name` when the file is empty. Brendan Gregg's collapsed format
 * (flamegraph.pl input) uses the same text, usually with bare names only.
 */

// py-spy's pseudo-frames (src/main.rs `record_samples`): `thread ({tid})` or
// `thread ({tid}): {name}` with --threads (tid is decimal on Linux, a hex pthread id on
// macOS), and `process {pid}:"{cmdline}"` with --subprocesses, parents first. The command
// line and the thread name are written unescaped, so they may hold `;`, `"` and `)`.
const THREAD_FRAME = /^thread \(([0-9A-Za-z]+)\)(?:: ([^]*))?$/;
const PROCESS_FRAME = /^process (\d+):"([^]*)"$/;
const LINE_SUFFIX = /:(\d+)$/;
const HEX_ADDRESS = /^0x[0-9a-fA-F]+$/;

/** A `thread (TID)[: name]` pseudo-frame, or undefined when the text is not one. */
export function parseThreadFrame(text: string): Frame | undefined {
  return THREAD_FRAME.test(text) ? { name: text, kind: 'thread' } : undefined;
}

/** A `process PID:"cmdline"` pseudo-frame with its command line, or undefined. */
export function parseProcessFrame(text: string): { frame: Frame; commandLine: string } | undefined {
  const m = PROCESS_FRAME.exec(text);
  return m ? { frame: { name: text, kind: 'process' }, commandLine: m[2] } : undefined;
}

/** True when a name + empty file is one of py-spy's pseudo-frames (speedscope writes them with `file: ""`). */
export function pseudoFrameKind(name: string): 'thread' | 'process' | undefined {
  if (THREAD_FRAME.test(name)) return 'thread';
  if (PROCESS_FRAME.test(name)) return 'process';
  return undefined;
}

/**
 * Python code objects carry a path ending in .py (.pyw, .pyx for Cython) or a bracketed
 * pseudo-filename such as `<frozen runpy>`, `<string>` or `<stdin>`; anything else (a C
 * source, a shared library, no file at all) is native code.
 */
export function codeFrameKind(file: string | undefined): FrameKind {
  if (file === undefined) return 'native';
  if (/\.py[wx]?$/i.test(file)) return 'python';
  if (file.startsWith('<') && file.endsWith('>')) return 'python';
  return 'native';
}

/**
 * Parses a code frame right-anchored: the file sits in the last parenthesised group, so
 * `C:\x\y.py:12`, `/tmp/a (1):b/c.py:3` and C++ names with parentheses all split correctly.
 * The group is found by matching the final `)` backwards with balanced parentheses; when
 * the file's own parentheses are unbalanced, the first ` (` is used instead (Python names
 * never contain a space). Line 0 means "unknown" in py-spy and becomes undefined; `(?)` is
 * py-spy's unresolved native module and becomes "no file".
 */
export function parseCodeFrame(text: string): Frame {
  const open = fileGroupStart(text);
  if (open < 0) return { name: text, kind: codeFrameKind(undefined) };
  const name = text.slice(0, open - 1);
  const inner = text.slice(open + 1, -1);
  if (inner === '?') return { name, kind: 'native' };
  const m = LINE_SUFFIX.exec(inner);
  if (m && m.index > 0) {
    const file = inner.slice(0, m.index);
    const line = Number(m[1]);
    // A corrupt line number too large to be exact (400 digits is Infinity) is "unknown" too.
    return line > 0 && Number.isSafeInteger(line) ? { name, file, line, kind: codeFrameKind(file) } : { name, file, kind: codeFrameKind(file) };
  }
  return { name, file: inner, kind: codeFrameKind(inner) };
}

/** True for a bare native address such as `0x7f12ab`, which py-spy writes when it has no symbol. */
export function isHexAddress(text: string): boolean {
  return HEX_ADDRESS.test(text);
}

/** Index of the `(` that opens the trailing ` (file…)` group, or -1 when there is none. */
function fileGroupStart(text: string): number {
  const n = text.length;
  // Needs at least `x (y)`: a name, a space, and a non-empty group.
  if (n < 5 || text.charCodeAt(n - 1) !== 0x29 /* ) */) return -1;
  let depth = 0;
  for (let i = n - 1; i > 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x29) depth++;
    else if (c === 0x28 /* ( */ && --depth === 0) {
      if (text.charCodeAt(i - 1) === 0x20 && i >= 2 && i < n - 2) return i;
      break;
    }
  }
  const first = text.indexOf(' (');
  return first > 0 && first + 1 < n - 2 ? first + 1 : -1;
}
