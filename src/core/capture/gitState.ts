/**
 * The git commit (and whether the tree had changes) of the folder a recording was made in, so
 * the history can say which version of the code a profile measured. Best effort: no git, not a
 * repository, or a slow repository gives undefined, and a recording never waits for it longer
 * than the timeout.
 */
import { execFile } from 'node:child_process';
import type { GitState } from '../formats/sidecar';

/** `git status` on a huge tree can take seconds; a recording's metadata is not worth more. */
const DEFAULT_TIMEOUT_MS = 2000;

/** Runs git with an argument array; resolves its stdout, or undefined on any failure. */
function runGit(folder: string, args: readonly string[], timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    try {
      execFile(
        'git',
        // core.fsmonitor names a program git runs on `status`; a repository's own .git/config
        // must not make us run it. GIT_OPTIONAL_LOCKS=0 keeps `status` from taking
        // the index lock, as VS Code's git extension does, so we never block the user's git.
        ['-c', 'core.fsmonitor=false', ...args],
        { cwd: folder, timeout: timeoutMs, windowsHide: true, maxBuffer: 4 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' } },
        (err, stdout) => resolve(err ? undefined : stdout),
      );
    } catch {
      resolve(undefined);
    }
  });
}

/** The HEAD commit and dirty flag of `folder`'s repository; undefined when git is missing, fails or is too slow. */
export async function readGitState(folder: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<GitState | undefined> {
  const [head, status] = await Promise.all([
    runGit(folder, ['rev-parse', 'HEAD'], timeoutMs),
    runGit(folder, ['status', '--porcelain'], timeoutMs),
  ]);
  const commit = head?.trim();
  if (commit === undefined || !/^[0-9a-f]{7,64}$/.test(commit) || status === undefined) return undefined;
  return { commit, dirty: status.trim() !== '' };
}
