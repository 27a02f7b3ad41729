/**
 * Activation: creates the log, the flame graph panel, the profile viewer and the recording
 * controller, and registers the commands. Nothing is parsed or spawned here (activation must
 * stay cheap); every disposable goes through context.subscriptions.
 */
import * as vscode from 'vscode';
import { FlameGraphPanel } from './flameGraphPanel';
import { createLog } from './log';
import { showError } from './notify';
import { ProfileViewer } from './profileViewer';
import { RecordingController } from './recordingController';

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  context.subscriptions.push(log);
  try {
    const panel = new FlameGraphPanel(context.extensionUri, log);
    const viewer = new ProfileViewer(panel, log);
    const recorder = new RecordingController(context, viewer, log);
    context.subscriptions.push(panel, viewer, recorder);

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
    register('profileFirst.stop', () => recorder.stop());
    register('profileFirst.openProfile', (uri) => openProfile(viewer, uri instanceof vscode.Uri ? uri : undefined));
  } catch (err) {
    // Activation errors are shown to the user, not only buried in the extension host log.
    showError(err, log);
  }
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
