import * as vscode from 'vscode';

/** The one log channel of the extension ("Profile First" in the Output panel). */
export type Log = vscode.LogOutputChannel;

/** Creates the log channel; disposed with the extension. */
export function createLog(): Log {
  return vscode.window.createOutputChannel('Profile First', { log: true });
}
