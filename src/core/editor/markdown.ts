/**
 * Escaping for the Markdown VS Code renders in hovers. Function names and paths come from the
 * profiled program and the profile file, so they are untrusted: a function named
 * `[x](command:…)` must not become a link, nor `<img onerror=…>` an element
 * (shared/reference/flamegraph-and-security.md §2.3).
 */

// Every ASCII punctuation character may be backslash-escaped in CommonMark, and an escaped one
// is always literal text: no emphasis, link, heading, list, table cell, autolink (`https:` /
// `www.` need their punctuation) or theme icon (`$(…)`).
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;
// Line breaks would start a new block; other control characters have no business in a label.
const CONTROL = /[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g;
// Bidirectional overrides can make text read differently from what it is (CVE-2021-42574).
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// `<`, `>` and `&` become entities rather than `\<`: literal text to Markdown and HTML alike.
const HTML_ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Makes a profile string render as exactly that text, on one line, in Markdown. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(CONTROL, ' ')
    .replace(BIDI, '')
    .replace(PUNCTUATION, (c) => HTML_ENTITY[c] ?? `\\${c}`);
}

/** Keeps a link target inside its `(…)`: percent-encodes the characters that would end or split it. */
export function safeLinkTarget(target: string): string {
  // encodeURIComponent leaves `(`, `)` and `'` alone, so ASCII is encoded by hand.
  return target.replace(/[\s()<>\\"'`\u0000-\u001f\u007f]/g, (c) =>
    c.charCodeAt(0) < 0x80 ? `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(c),
  );
}
