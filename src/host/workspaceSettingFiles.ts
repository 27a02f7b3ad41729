import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

/**
 * What the workspace's own settings files say about one Profile First setting. VS Code drops
 * `machine`-scoped settings from workspace settings before an extension can `inspect()` them, so
 * a cloned repository's `.vscode/settings.json` naming an executable is already ignored; this
 * reads the files themselves so the log can say that it was (issue 9, point 3).
 */

/** One workspace value of a setting and the file that holds it. */
export interface WorkspaceSettingValue {
  readonly file: string;
  readonly value: unknown;
}

/** `profileFirst.<key>` as written in each workspace folder's `.vscode/settings.json` and in a `.code-workspace` file. */
export function workspaceSettingValues(fullKey: string): WorkspaceSettingValue[] {
  const out: WorkspaceSettingValue[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    const file = join(folder.uri.fsPath, '.vscode', 'settings.json');
    const settings = readJsonc(file);
    if (settings !== undefined && fullKey in settings) out.push({ file, value: settings[fullKey] });
  }
  const workspaceFile = vscode.workspace.workspaceFile;
  if (workspaceFile?.scheme === 'file') {
    const settings = readJsonc(workspaceFile.fsPath)?.settings;
    if (typeof settings === 'object' && settings !== null && fullKey in settings) {
      out.push({ file: workspaceFile.fsPath, value: (settings as Record<string, unknown>)[fullKey] });
    }
  }
  return out;
}

/** A JSON-with-comments object file, or undefined when it is missing or not an object. */
function readJsonc(file: string): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(stripJsonc(text));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Removes `//` and `/* *\/` comments and trailing commas outside strings (VS Code's settings dialect). */
export function stripJsonc(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === ',') {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j])) j++;
      if (text[j] !== '}' && text[j] !== ']') out += c;
    } else {
      out += c;
    }
  }
  return out;
}
