import * as vscode from 'vscode';
import { listPythonProcesses, type PythonProcess } from '../core/capture';
import type { Log } from './log';

interface ProcessItem extends vscode.QuickPickItem {
  readonly pid?: number;
  readonly commandLine?: string;
}

/** The process chosen to attach to. */
export interface PickedProcess {
  readonly pid: number;
  readonly commandLine?: string;
}

/** A QuickPick of running Python processes (busiest first) plus "Enter PID…". */
export async function pickProcess(log: Log): Promise<PickedProcess | undefined> {
  let processes: PythonProcess[] = [];
  try {
    processes = await listPythonProcesses({ excludePids: [process.pid] });
  } catch (err) {
    log.warn(`Could not list processes: ${String(err)}`);
  }
  const items: ProcessItem[] = processes.map((p) => ({
    label: `$(pulse) ${p.pid}`,
    description: `CPU ${p.cpuPercent.toFixed(1)} % · running ${formatAge(p.ageSec)}${p.user !== undefined ? ` · ${p.user}` : ''}`,
    detail: p.commandLine,
    pid: p.pid,
    commandLine: p.commandLine,
  }));
  items.push({ label: '$(edit) Enter PID…', description: 'a process not listed here' });
  const choice = await vscode.window.showQuickPick(items, {
    title: 'Profile First: Attach to Process',
    placeHolder: processes.length > 0 ? 'Pick a running Python process (busiest first)' : 'No running Python process found; enter a PID',
    matchOnDetail: true,
  });
  if (choice === undefined) return undefined;
  if (choice.pid !== undefined) return { pid: choice.pid, commandLine: choice.commandLine };
  const typed = await vscode.window.showInputBox({
    title: 'Profile First: Attach to Process',
    prompt: 'Process ID of the Python program to record',
    validateInput: (v) => (/^\s*\d+\s*$/.test(v) && Number(v) > 0 ? undefined : 'Enter a process ID: a positive whole number.'),
  });
  return typed === undefined ? undefined : { pid: Number(typed.trim()) };
}

function formatAge(sec: number): string {
  if (sec < 60) return `${Math.round(sec)} s`;
  if (sec < 3600) return `${Math.round(sec / 60)} min`;
  if (sec < 86400) return `${(sec / 3600).toFixed(1)} h`;
  return `${(sec / 86400).toFixed(1)} d`;
}
