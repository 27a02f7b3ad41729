/**
 * Profile strings as shown on screen. Bidirectional-text controls in a function name or path
 * (U+202E RIGHT-TO-LEFT OVERRIDE and friends, the "Trojan Source" trick, CVE-2021-42574) would
 * make a name read as something it is not, e.g. `safe\u202Eexe.txt` shown as "safetxt.exe".
 * They are replaced by a visible marker, as VS Code's editor highlights them.
 */

const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The text with every bidi control shown as `⟨U+202E⟩`. */
export function visibleText(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}
