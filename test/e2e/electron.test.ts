// The @vscode/test-electron suite (activation, registered commands) inside a real VS Code.
// It needs a VS Code binary; without one it is skipped with one line saying why.
import { test } from 'node:test';
import { electronSuiteSkipReason, runElectronSuite } from './electron/runElectronSuite';

test('in VS Code (Electron) the extension activates and registers every contributed command', { timeout: 300_000 }, async (t) => {
  const reason = electronSuiteSkipReason();
  if (reason !== undefined) {
    t.skip(reason);
    return;
  }
  await runElectronSuite(process.env.VSCODE_EXECUTABLE_PATH ?? '');
});
