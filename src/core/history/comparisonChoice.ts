/**
 * Which two recordings "Compare Profiles" proposes: the newest recording as the candidate and
 * the one before it of the same script as the baseline (comparing two versions of one program
 * is the usual question), other recordings offered after those of the same script.
 */
import type { HistoryEntry } from './historyEntry';
import { groupKeyOf } from './entryText';

/** A proposed comparison. */
export interface ComparisonChoice {
  readonly baseline: HistoryEntry;
  readonly candidate: HistoryEntry;
}

/**
 * Baselines to offer for `candidate`: every other recording, those of the same script first,
 * each group newest first (entries come newest first).
 */
export function baselineChoices(entries: readonly HistoryEntry[], candidate: HistoryEntry): HistoryEntry[] {
  const others = entries.filter((e) => e.id !== candidate.id);
  const key = groupKeyOf(candidate);
  return [...others.filter((e) => groupKeyOf(e) === key), ...others.filter((e) => groupKeyOf(e) !== key)];
}

/**
 * The default comparison for entries sorted newest first: the newest is the candidate, the
 * newest other recording of its script (else the next newest) the baseline; undefined with
 * fewer than two recordings.
 */
export function defaultComparison(entries: readonly HistoryEntry[]): ComparisonChoice | undefined {
  const candidate = entries[0];
  if (candidate === undefined) return undefined;
  const baseline = baselineChoices(entries, candidate)[0];
  return baseline === undefined ? undefined : { baseline, candidate };
}
