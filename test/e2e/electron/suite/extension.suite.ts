// Runs inside VS Code's extension host (mocha, TDD interface): the packaged manifest activates
// and every command it contributes is registered.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'profile-first.profile-first';
const CORE_COMMANDS = ['profileFirst.profileFile', 'profileFirst.attach', 'profileFirst.stop', 'profileFirst.openProfile'];

/** The contributed command ids from the extension's own package.json. */
function contributedCommands(extension: vscode.Extension<unknown>): string[] {
  const contributes = (extension.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes;
  return (contributes?.commands ?? []).map((c) => c.command);
}

/** Declares the suite; called after mocha has installed its TDD globals. */
export function defineExtensionSuite(): void {
  suite('Profile First in VS Code', () => {
    test('the extension is installed and activates without error', async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is not loaded`);
      await extension.activate();
      assert.equal(extension.isActive, true);
    });

    test('the four core commands and every contributed command are registered', async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension);
      await extension.activate();
      const registered = new Set(await vscode.commands.getCommands(true));
      for (const id of new Set([...CORE_COMMANDS, ...contributedCommands(extension)])) {
        assert.ok(registered.has(id), `command ${id} is contributed but not registered`);
      }
    });
  });
}
