import * as vscode from 'vscode';
import type { Log } from './log';

/** The subset of the Python extension's public API we use (ms-python.python, `environments`). */
interface PythonExtensionApi {
  readonly environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { readonly path: string } | undefined;
    resolveEnvironment(env: { readonly path: string } | string): Promise<{ readonly executable?: { readonly uri?: vscode.Uri } } | undefined>;
  };
}

/**
 * The interpreter to run a script with: our own `profileFirst.pythonPath` user setting, else the
 * interpreter selected in the Python extension, else `python.defaultInterpreterPath` (user value
 * only), else `python3`. Returns a command or path; capture resolves it to an absolute path.
 */
export async function selectedInterpreter(resource: vscode.Uri | undefined, override: string, log: Log): Promise<string> {
  if (override !== '') return override;
  const fromExtension = await fromPythonExtension(resource, log);
  if (fromExtension !== undefined) return fromExtension;
  const info = vscode.workspace.getConfiguration('python').inspect<string>('defaultInterpreterPath');
  const configured = info?.globalValue;
  if (typeof configured === 'string' && configured.trim() !== '' && configured !== 'python') return configured.trim();
  return process.platform === 'win32' ? 'python' : 'python3';
}

async function fromPythonExtension(resource: vscode.Uri | undefined, log: Log): Promise<string | undefined> {
  const ext = vscode.extensions.getExtension<PythonExtensionApi>('ms-python.python');
  if (ext === undefined) return undefined;
  try {
    const api = ext.isActive ? ext.exports : await ext.activate();
    const envs = api?.environments;
    if (envs === undefined) return undefined;
    const active = envs.getActiveEnvironmentPath(resource);
    if (active === undefined) return undefined;
    const resolved = await envs.resolveEnvironment(active);
    return resolved?.executable?.uri?.fsPath ?? active.path;
  } catch (err) {
    log.warn(`Could not ask the Python extension for the selected interpreter: ${String(err)}`);
    return undefined;
  }
}
