import * as path from 'node:path';
import * as vscode from 'vscode';
import { baselineChoices, defaultComparison, entryDescription, entryTimeLabel, groupKeyOf, groupLabel, type HistoryEntry } from '../../core/history';
import type { ProfileViewer } from '../profileViewer';
import type { ProfileHistory } from './profileHistory';
import { HistoryItemNode, OPEN_HISTORY_COMMAND } from './profilesView';

/** Registers a command with the extension's error handling (extension.ts passes its own). */
export type RegisterCommand = (id: string, run: (...args: unknown[]) => unknown) => void;

/** Says what to do when there is nothing to compare. */
const RECORD_TWICE =
  'Compare Profiles needs two recordings. Record the script twice first (Profile First: Profile Python File, before and after your change), then compare.';

/** A quick-pick row for a recording. */
interface EntryPick extends vscode.QuickPickItem {
  readonly entry?: HistoryEntry;
  readonly otherCandidate?: true;
}

function entryPick(entry: HistoryEntry, note?: string): EntryPick {
  const details = [groupLabel(groupKeyOf(entry)), entryDescription(entry)].filter((s) => s !== '').join(' · ');
  return { label: entryTimeLabel(entry), description: note === undefined ? details : `${note} · ${details}`, detail: entry.profilePath, entry };
}

/**
 * The Profiles view's item commands (open, compare with…, reveal, delete), its Refresh, and
 * `Profile First: Compare Profiles…`.
 */
export function registerHistoryCommands(register: RegisterCommand, history: ProfileHistory, viewer: ProfileViewer): void {
  register(OPEN_HISTORY_COMMAND, async (node) => {
    const entry = entryOf(node);
    if (entry !== undefined) await viewer.open(entry.profilePath, `${groupLabel(groupKeyOf(entry))} · ${entryTimeLabel(entry)}`);
  });
  register('profileFirst.history.compareWith', async (node) => {
    const entry = entryOf(node);
    if (entry !== undefined) await compareWith(history, viewer, entry);
  });
  register('profileFirst.history.reveal', async (node) => {
    const entry = entryOf(node);
    if (entry !== undefined) await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(entry.profilePath));
  });
  register('profileFirst.history.delete', async (node) => {
    const entry = entryOf(node);
    if (entry !== undefined) await deleteRecording(history, entry);
  });
  register('profileFirst.history.refresh', () => history.refresh());
  register('profileFirst.compareProfiles', (...args) => compareProfiles(history, viewer, args));
}

/** The recording a command was invoked on (a Profiles view item), else undefined. */
function entryOf(arg: unknown): HistoryEntry | undefined {
  if (arg instanceof HistoryItemNode) return arg.entry;
  return undefined;
}

/** `Compare Profiles…`: two paths (baseline, candidate); a history item (the candidate); or the default pair, changeable. */
async function compareProfiles(history: ProfileHistory, viewer: ProfileViewer, args: readonly unknown[]): Promise<void> {
  const [first, second] = args.map((a) => (a instanceof vscode.Uri ? a.fsPath : a));
  if (typeof first === 'string' && typeof second === 'string') {
    await viewer.compare(first, second);
    return;
  }
  const item = entryOf(first);
  if (item !== undefined) {
    await compareWith(history, viewer, item);
    return;
  }
  const entries = await history.entries();
  const proposal = defaultComparison(entries);
  if (proposal === undefined) {
    void vscode.window.showInformationMessage(RECORD_TWICE);
    return;
  }
  const { candidate } = proposal;
  const rows: EntryPick[] = [
    entryPick(proposal.baseline, 'previous recording (default)'),
    ...baselineChoices(entries, candidate).slice(1).map((e) => entryPick(e)),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(arrow-swap) Choose another candidate…', description: `instead of the newest, ${entryTimeLabel(candidate)}`, otherCandidate: true },
  ];
  const picked = await vscode.window.showQuickPick(rows, {
    title: `Profile First: compare the newest recording (${groupLabel(groupKeyOf(candidate))}, ${entryTimeLabel(candidate)}) with…`,
    placeHolder: 'Enter compares with the previous recording of the same script',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (picked === undefined) return;
  if (picked.otherCandidate === true) {
    const other = await vscode.window.showQuickPick(
      entries.map((e) => entryPick(e)),
      { title: 'Profile First: which recording is the candidate (the changed version)?', matchOnDescription: true },
    );
    if (other?.entry !== undefined) await compareWith(history, viewer, other.entry);
    return;
  }
  if (picked.entry !== undefined) await viewer.compare(picked.entry.profilePath, candidate.profilePath);
}

/** Picks a baseline for `candidate` (recordings of the same script first) and compares. */
async function compareWith(history: ProfileHistory, viewer: ProfileViewer, candidate: HistoryEntry): Promise<void> {
  const choices = baselineChoices(await history.entries(), candidate);
  if (choices.length === 0) {
    void vscode.window.showInformationMessage(RECORD_TWICE);
    return;
  }
  const picked = await vscode.window.showQuickPick(
    choices.map((e) => entryPick(e)),
    {
      title: `Profile First: compare ${groupLabel(groupKeyOf(candidate))} · ${entryTimeLabel(candidate)} with… (the baseline)`,
      placeHolder: 'The recording to compare against, e.g. the one before your change',
      matchOnDescription: true,
      matchOnDetail: true,
    },
  );
  if (picked?.entry !== undefined) await viewer.compare(picked.entry.profilePath, candidate.profilePath);
}

/** Deletes a recording after a modal confirmation (recordings are never deleted without asking). */
async function deleteRecording(history: ProfileHistory, entry: HistoryEntry): Promise<void> {
  const choice = await vscode.window.showWarningMessage(
    `Delete the recording of ${groupLabel(groupKeyOf(entry))} from ${entryTimeLabel(entry)}?`,
    { modal: true, detail: `${entry.profilePath} and its metadata files will be deleted from disk (${path.dirname(entry.profilePath)}).` },
    'Delete',
  );
  if (choice === 'Delete') await history.remove(entry);
}
