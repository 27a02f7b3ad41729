/** Profile First's commands as a person reaches them: palette titles and the file dialog; its log. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Session } from './session';
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

/**
 * What the session's "Profile First" output channel holds so far: VS Code writes it to
 * <user-data-dir>/logs/<time>/window1/exthost/output_logging_<time>/N-Profile First.log (the
 * newest such file after a window reload). Undefined until the extension has logged.
 */
export function profileFirstLog(session: Session): string | undefined {
  const logs = join(session.server.userDataDir, 'logs');
  if (!existsSync(logs)) return undefined;
  const files = (readdirSync(logs, { recursive: true }) as string[]).filter((entry) => entry.endsWith('Profile First.log')).map((entry) => join(logs, entry));
  const newest = files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  return newest === undefined ? undefined : readFileSync(newest, 'utf8');
}
