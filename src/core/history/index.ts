/** The run history: recordings of an output folder, their index, and what the Profiles view shows of them. */
export { type HistoryEntry, entryForProfile, compareNewestFirst, isPlainFileName } from './historyEntry';
export { HISTORY_INDEX_NAME, HISTORY_INDEX_VERSION, parseHistoryIndex, formatHistoryIndex } from './historyIndex';
export { HistoryStore, COMPANION_SUFFIXES } from './historyStore';
export { ATTACHED_GROUP_KEY, groupKeyOf, groupLabel, entryTimeLabel, entryDescription, entryTooltip, formatDuration, recordingTitle, type RecordingNaming } from './entryText';
export { baselineChoices, defaultComparison, type ComparisonChoice } from './comparisonChoice';
