/**
 * The run history of one output folder: an index file listing the recordings newest first,
 * kept consistent with the files on disk. The files are the truth: a recording whose files
 * were deleted outside drops out, a profile with a sidecar that the index does not know (a
 * CLI recording, a lost index write) is added, and a missing, truncated or corrupt index is
 * rebuilt from the folder, so no recording is ever lost from the list. The index is written
 * atomically (temp file + rename): a reader sees the old or the new index, never half of one.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../capture/recordingFiles';
import { ProfileFirstError } from '../errors';
import { SIDECAR_SUFFIX } from '../formats/sidecar';
import { compareNewestFirst, entryForProfile, isPlainFileName, type HistoryEntry } from './historyEntry';
import { formatHistoryIndex, HISTORY_INDEX_NAME, parseHistoryIndex } from './historyIndex';

/**
 * Files we write beside a profile, named `<profile><suffix>`; deleting a recording deletes
 * them too. memray's forked children's captures (`<capture>.<pid>`) are matched separately.
 */
export const COMPANION_SUFFIXES: readonly string[] = [SIDECAR_SUFFIX, '.awaits.json'];

/** Temporary names of our writers (`<file>.tmp-<pid>…`): never a finished recording. */
const TEMPORARY_NAME = /\.tmp-\d+/;

/** The history of recordings in one folder. Cheap to construct: nothing is read until asked. */
export class HistoryStore {
  /** Path of the index file. */
  readonly indexPath: string;
  /** Operations run one after another so two changes never interleave their index writes. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    /** The output folder (absolute). */
    readonly dir: string,
    /** Where a line about a repaired index goes (the host's log). */
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.dir = path.resolve(dir);
    this.indexPath = path.join(this.dir, HISTORY_INDEX_NAME);
  }

  /** The recordings, newest first, reconciled with the folder (the index is rewritten if that changed anything). */
  list(): Promise<HistoryEntry[]> {
    return this.serial(() => this.reconcile());
  }

  /** Adds or replaces an entry (by id) and writes the index; the entry's profile must be in this folder. */
  add(entry: HistoryEntry): Promise<HistoryEntry[]> {
    if (!isPlainFileName(entry.id) || path.resolve(entry.profilePath) !== path.join(this.dir, entry.id)) {
      return Promise.reject(new ProfileFirstError(`${entry.profilePath} is not in the history folder ${this.dir}; it was not added to the history.`));
    }
    return this.serial(async () => {
      // The first recording in a folder has no index yet: nothing to report about that.
      const entries = (await this.reconcile({ quietWhenMissing: true })).filter((e) => e.id !== entry.id);
      entries.push({ ...entry, profilePath: path.join(this.dir, entry.id) });
      entries.sort(compareNewestFirst);
      await this.write(entries);
      return entries;
    });
  }

  /** Adds the profile at `profilePath` with the metadata of its sidecar; undefined when the file does not exist. */
  async addProfile(profilePath: string): Promise<HistoryEntry | undefined> {
    const entry = await entryForProfile(profilePath);
    if (entry === undefined) return undefined;
    await this.add(entry);
    return entry;
  }

  /**
   * Deletes a recording: the profile, its sidecar and the companions we wrote, then drops it
   * from the index. Callers ask the user first (recordings are never deleted without asking).
   */
  remove(id: string): Promise<HistoryEntry[]> {
    if (!isPlainFileName(id)) return Promise.reject(new ProfileFirstError(`"${id}" is not a recording of this history.`));
    return this.serial(async () => {
      const profile = path.join(this.dir, id);
      const names = await fs.readdir(this.dir).catch(() => [] as string[]);
      const companions = names.filter((n) => n !== id && n.startsWith(`${id}.`) && isCompanion(n.slice(id.length)));
      // The profile first: if a companion then cannot be deleted, the recording is still gone
      // from the list (the folder scan only lists profiles that exist).
      for (const file of [profile, ...companions.map((n) => path.join(this.dir, n))]) {
        try {
          await fs.rm(file, { force: true });
        } catch (err) {
          throw new ProfileFirstError(`Could not delete ${file}: ${(err as Error).message}. Check the folder's permissions and delete it by hand.`);
        }
      }
      const entries = (await this.reconcile()).filter((e) => e.id !== id);
      await this.write(entries);
      return entries;
    });
  }

  /** Rebuilds the index from the profiles with sidecars in the folder, ignoring the current index. */
  rebuild(): Promise<HistoryEntry[]> {
    return this.serial(async () => {
      const entries = await this.scan(await this.names());
      await this.write(entries);
      return entries;
    });
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async names(): Promise<string[]> {
    try {
      return await fs.readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new ProfileFirstError(`Cannot read the recordings folder ${this.dir}: ${(err as Error).message}. Check its permissions or choose another folder in profileFirst.outputDirectory.`);
    }
  }

  /** Profiles in the folder that have a sidecar, as entries, newest first. */
  private async scan(names: readonly string[], skip: ReadonlySet<string> = new Set()): Promise<HistoryEntry[]> {
    const present = new Set(names);
    const found: HistoryEntry[] = [];
    for (const name of names) {
      if (!name.endsWith(SIDECAR_SUFFIX)) continue;
      const id = name.slice(0, -SIDECAR_SUFFIX.length);
      if (id === '' || skip.has(id) || !present.has(id) || TEMPORARY_NAME.test(id)) continue;
      const entry = await entryForProfile(path.join(this.dir, id));
      if (entry !== undefined) found.push(entry);
    }
    return found.sort(compareNewestFirst);
  }

  /** The index's entries whose files still exist, plus recordings on disk it does not list. */
  private async reconcile(options: { quietWhenMissing?: boolean } = {}): Promise<HistoryEntry[]> {
    const names = await this.names();
    const text = await fs.readFile(this.indexPath, 'utf8').catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : ''));
    const parsed = text === undefined ? undefined : parseHistoryIndex(text, this.dir);
    if (parsed === undefined || !parsed.ok) {
      const entries = await this.scan(names);
      if (parsed !== undefined) {
        this.log(`The history index ${this.indexPath} could not be used (${parsed.problem}); rebuilt it from the ${entries.length} recording(s) in the folder.`);
        await this.writeQuietly(entries);
      } else if (entries.length > 0 && options.quietWhenMissing !== true) {
        this.log(`No history index in ${this.dir}; built one from the ${entries.length} recording(s) in the folder.`);
        await this.writeQuietly(entries);
      }
      return entries;
    }
    const present = new Set(names);
    const kept = parsed.entries.filter((e) => present.has(e.id));
    const added = await this.scan(names, new Set(parsed.entries.map((e) => e.id)));
    if (kept.length === parsed.entries.length && added.length === 0) return kept;
    const entries = [...kept, ...added].sort(compareNewestFirst);
    await this.writeQuietly(entries);
    return entries;
  }

  /** Listing must work in a folder we cannot write (a read-only copy): the repair is then only in memory. */
  private async writeQuietly(entries: readonly HistoryEntry[]): Promise<void> {
    try {
      await this.write(entries);
    } catch (err) {
      this.log((err as Error).message);
    }
  }

  private async write(entries: readonly HistoryEntry[]): Promise<void> {
    try {
      await fs.mkdir(this.dir, { recursive: true });
      await writeFileAtomic(this.indexPath, formatHistoryIndex(entries));
    } catch (err) {
      throw new ProfileFirstError(`Could not write the history index ${this.indexPath}: ${(err as Error).message}. The recordings themselves are safe; check the folder's permissions.`);
    }
  }
}

/** A companion suffix: one we write, or `.<pid>` (a memray child capture). */
function isCompanion(suffix: string): boolean {
  return COMPANION_SUFFIXES.includes(suffix) || /^\.\d+$/.test(suffix);
}
