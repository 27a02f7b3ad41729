/**
 * Tells the profile format from a file's first bytes, so the right parser runs and files
 * that are not profiles (binaries, compressed data, SVG flame graphs) are refused with a
 * message that says what they are and what to record instead.
 */

/** What the first bytes say. `text` means py-spy raw or collapsed stacks; `memray` a memray capture (.bin). */
export type SniffResult =
  | { readonly format: 'speedscope' }
  | { readonly format: 'memray' }
  | { readonly format: 'text' }
  | { readonly format: 'unsupported'; readonly problem: string };

/** How many bytes `sniffFormat` wants to see (more is fine, fewer works for small files). */
export const SNIFF_BYTES = 64 * 1024;

const RECORD_HINT = 'record with py-spy --format raw or --format speedscope';

/** Classifies a file from its first bytes (`head`); `head` may be the whole file. */
export function sniffFormat(head: Uint8Array): SniffResult {
  if (head.length === 0) return unsupported('the file is empty');
  if (startsWith(head, MEMRAY_MAGIC) || (startsWith(head, LZ4_MAGIC) && includes(head.subarray(0, 64), MEMRAY_MAGIC))) {
    // Measured with memray 1.20.0: a capture starts with `memray\0` (--no-compress), or is an
    // LZ4 frame (the default --compress-on-exit) whose first block starts with it.
    return { format: 'memray' };
  }
  if (startsWith(head, GZIP_MAGIC)) return unsupported('the file is gzip-compressed: decompress it first');
  if (startsWith(head, ZIP_MAGIC)) return unsupported('the file is a zip archive, not a profile');
  if (startsWith(head, LZ4_MAGIC)) return unsupported('the file is LZ4-compressed, not a profile');
  if (startsWith(head, UTF16LE_BOM) || startsWith(head, UTF16BE_BOM)) {
    return unsupported('the file is UTF-16 text: save it as UTF-8');
  }
  if (hasBinaryBytes(head) || !isUtf8(head)) {
    return unsupported(`binary data, not a profile (expected py-spy raw/collapsed text or speedscope JSON; ${RECORD_HINT})`);
  }
  let i = startsWith(head, UTF8_BOM) ? UTF8_BOM.length : 0;
  while (i < head.length && isSpace(head[i])) i++;
  if (i === head.length) return head.length < SNIFF_BYTES ? unsupported('the file is empty (only blank lines)') : { format: 'text' };
  if (head[i] === 0x7b /* { */) return { format: 'speedscope' };
  if (head[i] === 0x5b /* [ */) {
    return unsupported(`a JSON array (py-spy --format chrometrace?) is not a supported format; ${RECORD_HINT}`);
  }
  // Only markup: py-spy raw lines themselves often start with `<module> (`.
  if (MARKUP.test(new TextDecoder().decode(head.subarray(i, i + 16)))) {
    return unsupported(`an SVG/HTML/XML file (py-spy's default --format flamegraph?) cannot be read back; ${RECORD_HINT}`);
  }
  return { format: 'text' };
}

const MARKUP = /^<(\?xml|svg|!doctype|html)/i;

const MEMRAY_MAGIC = bytes('memray\0');
const LZ4_MAGIC = [0x04, 0x22, 0x4d, 0x18];
const GZIP_MAGIC = [0x1f, 0x8b];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

function unsupported(problem: string): SniffResult {
  return { format: 'unsupported', problem };
}

function bytes(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

function startsWith(head: Uint8Array, magic: readonly number[]): boolean {
  if (head.length < magic.length) return false;
  return magic.every((b, i) => head[i] === b);
}

function includes(head: Uint8Array, needle: readonly number[]): boolean {
  outer: for (let i = 0; i + needle.length <= head.length; i++) {
    for (let j = 0; j < needle.length; j++) if (head[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/** Control bytes that never occur in profile text (NUL and friends; tab, CR, LF, FF, ESC allowed). */
function hasBinaryBytes(head: Uint8Array): boolean {
  for (const b of head) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) return true;
  }
  return false;
}

function isUtf8(head: Uint8Array): boolean {
  try {
    // stream: a multi-byte character cut at the end of the head is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}
