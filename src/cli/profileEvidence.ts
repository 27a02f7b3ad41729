/**
 * `lint --profile FILE`: the await timings recorded with a profile, as lint evidence. Recorded
 * paths are matched to the linted files like the editor matches them (pathMapper), so a
 * profile recorded in a container or another checkout still speaks for these files.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { awaitEvidenceLookup, awaitsPath, AWAITS_SUFFIX, isAwaitTimings, parseAwaitTimings, readAwaitTimings } from '../core/awaitTiming';
import type { AwaitEvidenceLookup } from '../core/asyncLint';
import { createPathMapper } from '../core/editor/pathMapper';
import { readSidecar } from '../core/formats/sidecar';
import { UsageError, type CliIo } from './cliIo';

/**
 * Evidence from `profile` (a profile with FILE.awaits.json beside it, or the awaits file
 * itself) for the files about to be linted (absolute paths); lookups take paths relative to
 * `io.cwd`, as lint reports them. Without usable timings: a warning, and undefined.
 */
export async function profileEvidence(profile: string, lintedFiles: readonly string[], io: CliIo): Promise<AwaitEvidenceLookup | undefined> {
  const given = resolve(io.cwd, profile);
  if (!existsSync(given) || !statSync(given).isFile()) throw new UsageError(`--profile: cannot read '${profile}' (no such file). Give a profile recorded with 'profile-first record'.`);
  const direct = given.endsWith(AWAITS_SUFFIX);
  const profilePath = direct ? given.slice(0, -AWAITS_SUFFIX.length) : given;
  const read = direct ? parseAwaitTimings(await readFile(given, 'utf8')) : await readAwaitTimings(given);
  if (!isAwaitTimings(read)) {
    const why = read === undefined ? 'there is none' : read.problem;
    io.stderr(`warning: no await timings for ${profile} (${awaitsPath(profile)}: ${why}); findings stay without waiting times. Record with 'profile-first record -- python script.py' (await timing is on by default).\n`);
    return undefined;
  }
  const sidecar = await readSidecar(profilePath);
  const mapper = createPathMapper({ workspaceFiles: lintedFiles, workspaceRoots: [io.cwd], pathMappings: {}, platform: process.platform, fileExists: existsSync });
  const lookup = awaitEvidenceLookup(read, { localPath: (recorded) => mapper.map(recorded)?.localPath, recordingSec: sidecar?.durationSec });
  return (file, line) => lookup(resolve(io.cwd, file), line);
}
