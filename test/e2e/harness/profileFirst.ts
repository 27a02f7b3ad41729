/** Profile First's commands as a person reaches them: palette titles and the file dialog. */
import type { Page } from 'playwright-core';
import { pickPathInFileDialog, runCommand } from './workbench';

/** Palette titles ("category: title") of the extension's commands (package.json contributes.commands). */
export const commands = {
  profileFile: 'Profile First: Profile Python File',
  attach: 'Profile First: Attach to Process…',
  stop: 'Profile First: Stop Recording',
  openProfile: 'Profile First: Open Profile…',
} as const;

/** Runs Open Profile… and picks `path` in VS Code's file dialog. */
export async function openProfile(page: Page, path: string): Promise<void> {
  await runCommand(page, commands.openProfile);
  await pickPathInFileDialog(page, path);
}
