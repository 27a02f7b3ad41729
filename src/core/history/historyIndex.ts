/**
 * The history index file, `<output folder>/profile-first-history.json`:
 * `{ "version": 1, "entries": [ … newest first … ] }`. It is a cache of the sidecars, so a
 * reader is strict (anything unexpected means "rebuild from the files"), and an entry that does
 * not validate is dropped rather than trusted.
 */
import type { HistoryEntry } from './historyEntry';
import { entryFromValue } from './historyEntry';

/** The index's file name inside an output folder. */
export const HISTORY_INDEX_NAME = 'profile-first-history.json';
/** Format version written; another version is read as unusable (and rebuilt). */
export const HISTORY_INDEX_VERSION = 1;

/** The entries of an index's text, or why it cannot be used. */
export type ParsedIndex = { readonly ok: true; readonly entries: HistoryEntry[] } | { readonly ok: false; readonly problem: string };

/** Parses an index; entries are re-rooted in `dir` (paths are never taken from the file). */
export function parseHistoryIndex(text: string, dir: string): ParsedIndex {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: text.trim() === '' ? 'it is empty' : 'it is not valid JSON (truncated or overwritten?)' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: 'it is not a JSON object' };
  const o = value as Record<string, unknown>;
  if (o.version !== HISTORY_INDEX_VERSION) return { ok: false, problem: `its version is ${JSON.stringify(o.version)}, expected ${HISTORY_INDEX_VERSION}` };
  if (!Array.isArray(o.entries)) return { ok: false, problem: 'it has no entries list' };
  const entries: HistoryEntry[] = [];
  const seen = new Set<string>();
  for (const raw of o.entries) {
    const entry = entryFromValue(raw, dir);
    if (entry === undefined || seen.has(entry.id)) continue;
    seen.add(entry.id);
    entries.push(entry);
  }
  return { ok: true, entries };
}

/** The index's text for entries (already sorted); `profilePath` is left out (derived from the folder on reading). */
export function formatHistoryIndex(entries: readonly HistoryEntry[]): string {
  const stored = entries.map(({ profilePath: _derived, ...rest }) => rest);
  return `${JSON.stringify({ version: HISTORY_INDEX_VERSION, entries: stored }, null, 2)}\n`;
}
