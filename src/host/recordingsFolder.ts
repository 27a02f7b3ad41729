import * as path from 'node:path';
import type * as vscode from 'vscode';

/**
 * The folder new recordings go to, and whose history the Profiles view shows: the
 * `profileFirst.outputDirectory` setting, else `recordings/` in the extension's storage for
 * this workspace (global storage without a workspace). Computed, never created, here.
 */
export function recordingsFolder(context: vscode.ExtensionContext, outputDirectory: string): string {
  if (outputDirectory !== '') return path.resolve(outputDirectory);
  return path.join((context.storageUri ?? context.globalStorageUri).fsPath, 'recordings');
}
