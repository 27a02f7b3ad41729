/**
 * Activation: creates the log, the flame graph panel, the profile viewer and the recording
 * controller, and registers the commands. Nothing is parsed or spawned here (activation must
 * stay cheap); every disposable goes through context.subscriptions.
 */
import * as vscode from 'vscode';
import { FunctionLensProvider } from './editor/functionLenses';
import { FOCUS_LINE_COMMAND, HotLineHoverProvider, type FocusLineArgs } from './editor/hotLineHover';
import { HotLinesController } from './editor/hotLines';
import { ProfileStatus } from './editor/profileStatus';
import { FlameGraphPanel } from './flameGraphPanel';
import { AsyncDiagnostics } from './lint/asyncDiagnostics';
import { AsyncQuickFixes } from './lint/asyncQuickFixes';
import { createLog } from './log';
import { showError } from './notify';
import { ProfileViewer } from './profileViewer';
import { RecordingController } from './recordingController';
import { registerHistoryCommands } from './history/historyCommands';
import { ProfileHistory } from './history/profileHistory';
import { PROFILES_VIEW_ID, ProfilesViewProvider } from './history/profilesView';
import { recordingsFolder } from './recordingsFolder';
import { readRecordSettings } from './settings';
import { VerificationPanel } from './verify/verificationPanel';
import { VerifyController } from './verify/verifyController';
import { CANCEL_VERIFICATION_COMMAND } from './verify/verifyStatus';

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  context.subscriptions.push(log);
  try {
    const panel = new FlameGraphPanel(context.extensionUri, log);
    const viewer = new ProfileViewer(panel, log);
    const recorder = new RecordingController(context, viewer, log);
    const hotLines = new HotLinesController(log);
    context.subscriptions.push(panel, viewer, recorder, hotLines, new ProfileStatus(hotLines));
    context.subscriptions.push(
      viewer.onDidLoad((loaded) => void hotLines.show(loaded)),
      panel.onDidZoom((nodeId) => void hotLines.zoom(nodeId)),
      panel.onDidRequestMemoryMode((mode) => viewer.switchMemoryMode(mode)),
      panel.onDidRequestMallocRerun(() => void recorder.rerunMemoryWithMalloc().catch((err: unknown) => showError(err, log))),
      vscode.languages.registerHoverProvider(PYTHON_FILES, new HotLineHoverProvider(hotLines)),
      vscode.languages.registerCodeLensProvider(PYTHON_FILES, new FunctionLensProvider(hotLines)),
    );
    const asyncLint = new AsyncDiagnostics(viewer, log);
    context.subscriptions.push(
      asyncLint,
      vscode.languages.registerCodeActionsProvider(PYTHON_FILES, new AsyncQuickFixes(asyncLint), { providedCodeActionKinds: AsyncQuickFixes.kinds }),
    );

    const register = (id: string, run: (...args: unknown[]) => unknown) =>
      context.subscriptions.push(
        vscode.commands.registerCommand(id, async (...args: unknown[]) => {
          try {
            await run(...args);
          } catch (err) {
            showError(err, log);
          }
        }),
      );
    register('profileFirst.profileFile', (uri) => recorder.profileFile(uri instanceof vscode.Uri ? uri : undefined));
    register('profileFirst.attach', () => recorder.attach());
    register('profileFirst.profileMemory', (uri) => recorder.profileMemory(uri instanceof vscode.Uri ? uri : undefined));
    register('profileFirst.attachMemory', () => recorder.attachMemory());
    register('profileFirst.stop', () => recorder.stop());
    register('profileFirst.openProfile', (uri) => openProfile(viewer, uri instanceof vscode.Uri ? uri : undefined));
    register('profileFirst.clearHints', () => hotLines.clear());
    register('profileFirst.scanWorkspace', () => asyncLint.scanWorkspace());
    register('profileFirst.switchProfile', () => switchProfile(viewer));
    // The run history: nothing is read until the Profiles view asks for its first items.
    const history = new ProfileHistory(() => recordingsFolder(context, readRecordSettings(log).outputDirectory), log);
    const profilesView = new ProfilesViewProvider(history, log);
    context.subscriptions.push(
      history,
      profilesView,
      vscode.window.registerTreeDataProvider(PROFILES_VIEW_ID, profilesView),
      recorder.onDidRecord((file) => void history.register(file)),
    );
    registerHistoryCommands(register, history, viewer);
    const verificationPanel = new VerificationPanel(context.extensionUri);
    const verifier = new VerifyController(verificationPanel, log);
    context.subscriptions.push(verificationPanel, verifier);
    register('profileFirst.verifyChange', (request) => verifier.verify(request));
    register(CANCEL_VERIFICATION_COMMAND, () => verifier.cancel());
    register(FOCUS_LINE_COMMAND, (args) => {
      const focus = parseFocusArgs(args);
      if (focus === undefined) return;
      if (!panel.isOpen) viewer.reveal();
      panel.focusLocation(focus.file, focus.line, focus.name);
    });
  } catch (err) {
    // Activation errors are shown to the user, not only buried in the extension host log.
    showError(err, log);
  }
}

const PYTHON_FILES: vscode.DocumentSelector = [{ scheme: 'file', language: 'python' }];

/** Validates the focus command's argument (it arrives from a hover link, so it is checked). */
function parseFocusArgs(value: unknown): FocusLineArgs | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.file !== 'string') return undefined;
  const line = typeof v.line === 'number' && Number.isInteger(v.line) && v.line > 0 ? v.line : undefined;
  const name = typeof v.name === 'string' ? v.name : undefined;
  return { file: v.file, line, name };
}

async function switchProfile(viewer: ProfileViewer): Promise<void> {
  const items = viewer.recent.map((r) => ({ label: r.title, description: r.path, loaded: r }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage('No profile is loaded yet. Record one or use Profile First: Open Profile….');
    return;
  }
  const choice = await vscode.window.showQuickPick(items, { title: 'Profile First: show which profile?' });
  if (choice !== undefined) viewer.show(choice.loaded);
}

async function openProfile(viewer: ProfileViewer, uri: vscode.Uri | undefined): Promise<void> {
  let target = uri;
  if (target === undefined) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: 'Open Profile',
      title: 'Profile First: Open Profile',
      filters: { Profiles: ['json', 'txt', 'collapsed', 'folded', 'raw', 'speedscope'], 'All files': ['*'] },
    });
    target = picked?.[0];
  }
  if (target === undefined) return;
  await viewer.open(target.fsPath);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions, including running recordings.
}
