import * as vscode from 'vscode';
import { PermissionDeniedError, ProfileFirstError, RunFailedError, ToolMissingError } from '../core/errors';
import type { Log } from './log';

/**
 * Turns errors into notifications a person can act on: a missing tool offers to install it into
 * the interpreter in a terminal; a permission problem offers to copy the command that works; a
 * failed run offers the log. Anything unexpected is logged with its stack and shown in one line.
 */
export function showError(err: unknown, log: Log): void {
  if (err instanceof ToolMissingError) {
    const install = err.installCommand;
    log.error(err.message);
    const actions = install !== undefined ? ['Install', 'Show Log'] : ['Show Log'];
    void vscode.window.showErrorMessage(err.message, ...actions).then((choice) => {
      if (choice === 'Install' && install !== undefined) runInTerminal(`Install ${err.tool}`, install);
      if (choice === 'Show Log') log.show(true);
    });
    return;
  }
  if (err instanceof PermissionDeniedError) {
    log.error(err.message);
    const command = err.suggestedCommand;
    const actions = command !== undefined ? ['Copy Command', 'Show Log'] : ['Show Log'];
    void vscode.window.showErrorMessage(err.message, ...actions).then((choice) => {
      if (choice === 'Copy Command' && command !== undefined) void vscode.env.clipboard.writeText(command);
      if (choice === 'Show Log') log.show(true);
    });
    return;
  }
  if (err instanceof RunFailedError) {
    log.error(err.message);
    if (err.stderr.trim() !== '') log.error(err.stderr.trimEnd());
    void vscode.window.showErrorMessage(err.message, 'Show Log').then((choice) => {
      if (choice === 'Show Log') log.show(true);
    });
    return;
  }
  if (err instanceof ProfileFirstError) {
    log.error(err.message);
    void vscode.window.showErrorMessage(err.message);
    return;
  }
  const text = err instanceof Error ? err.message : String(err);
  log.error(err instanceof Error && err.stack !== undefined ? err.stack : text);
  void vscode.window.showErrorMessage(`Profile First failed unexpectedly: ${text.split('\n')[0]}. The log has the details.`, 'Show Log').then((choice) => {
    if (choice === 'Show Log') log.show(true);
  });
}

/** Runs a command visibly in a new terminal (used for installs the user asked for). */
export function runInTerminal(name: string, argv: readonly string[]): void {
  const terminal = vscode.window.createTerminal({ name });
  terminal.show();
  terminal.sendText(argv.map(shellQuote).join(' '));
}

/** Quotes one argument for POSIX shells and PowerShell alike (single quotes, doubled inside). */
function shellQuote(arg: string): string {
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return process.platform === 'win32' ? `'${arg.replace(/'/g, "''")}'` : `'${arg.replace(/'/g, `'\\''`)}'`;
}
