/**
 * What the Profiles view shows for a recording, as plain strings (the host only wraps them in
 * tree items): the group a recording belongs to (its script), a time label and a one-line
 * description `cpu · 2.4 s · 100 Hz · 1a2b3c4 dirty`.
 */
import * as path from 'node:path';
import type { HistoryEntry } from './historyEntry';

/** Length of a short commit hash, as git shows it by default. */
const SHORT_COMMIT = 7;

/** Key of the group of recordings without a script (attached processes). */
export const ATTACHED_GROUP_KEY = '';

/** The group a recording is listed under: its script's path, or the attached-processes group. */
export function groupKeyOf(entry: HistoryEntry): string {
  return entry.script ?? ATTACHED_GROUP_KEY;
}

/** The label of a group: the script's file name. */
export function groupLabel(key: string): string {
  return key === ATTACHED_GROUP_KEY ? 'Attached processes' : path.basename(key);
}

/** Local date and time, `YYYY-MM-DD HH:MM:SS`: sortable and unambiguous in every locale. */
export function entryTimeLabel(entry: HistoryEntry): string {
  return localDateTime(new Date(entry.recordedAt));
}

function localDateTime(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** What a recording's sidecar says that names it for people (every field optional). */
export interface RecordingNaming {
  readonly script?: string;
  readonly startedAt?: string;
  readonly git?: { readonly commit: string; readonly dirty: boolean };
}

/**
 * One side of a comparison as people tell recordings apart: `cpu_hot.py 2026-11-28 01:32:50
 * (1a2b3c4 dirty)`; the file name when the sidecar does not know the script or the time.
 */
export function recordingTitle(fileName: string, naming: RecordingNaming | undefined): string {
  const started = naming?.startedAt === undefined ? undefined : new Date(naming.startedAt);
  if (naming?.script === undefined || started === undefined || Number.isNaN(started.getTime())) return fileName;
  const git = naming.git === undefined ? '' : ` (${naming.git.commit.slice(0, SHORT_COMMIT)}${naming.git.dirty ? ' dirty' : ''})`;
  return `${path.basename(naming.script)} ${localDateTime(started)}${git}`;
}

/** Seconds as people read them: `0.84 s`, `2.4 s`, `75 s`, `12 min 5 s`. */
export function formatDuration(sec: number): string {
  if (sec < 1) return `${sec.toFixed(2)} s`;
  if (sec < 10) return `${sec.toFixed(1)} s`;
  if (sec < 120) return `${Math.round(sec)} s`;
  const whole = Math.round(sec);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

/** `kind · duration · rate · commit [dirty]`, leaving out what the recording does not know. */
export function entryDescription(entry: HistoryEntry): string {
  const parts: string[] = [];
  const kind = entry.kind ?? (entry.tool === 'memray' ? 'memory' : entry.tool === 'py-spy' ? 'cpu' : undefined);
  if (kind !== undefined) parts.push(entry.mode === 'attach' ? `${kind} (attached)` : kind);
  if (entry.durationSec !== undefined) parts.push(formatDuration(entry.durationSec));
  if (entry.sampleRate !== undefined) parts.push(`${entry.sampleRate} Hz`);
  if (entry.git !== undefined) parts.push(`${entry.git.commit.slice(0, SHORT_COMMIT)}${entry.git.dirty ? ' dirty' : ''}`);
  return parts.join(' · ');
}

/** Several lines for a hover: where the profile is and how it was made. */
export function entryTooltip(entry: HistoryEntry): string {
  const lines = [entry.profilePath];
  if (entry.commandLine !== undefined && entry.commandLine !== '') lines.push(`Command: ${entry.commandLine}`);
  if (entry.interpreter !== undefined) lines.push(`Interpreter: ${entry.interpreter}`);
  if (entry.pid !== undefined) lines.push(`PID: ${entry.pid}`);
  if (entry.git !== undefined) lines.push(`Git: ${entry.git.commit}${entry.git.dirty ? ' (uncommitted changes)' : ''}`);
  return lines.join('\n');
}
