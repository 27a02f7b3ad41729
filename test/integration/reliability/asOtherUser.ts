/**
 * Running core code as another (non-root) user, for the permission tests: the entry script is
 * bundled with esbuild into a folder every user can read (the repository may sit under a
 * private home), together with a copy of py-spy, and run through `setpriv`, which drops root's
 * uid, gid, groups and with them every capability (CAP_SYS_PTRACE included).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

/** The unprivileged user the tests act as: `nobody` exists on every Linux. */
export const NOBODY = { uid: 65534, gid: 65534 };
/** The throw-away user that owns the target processes (created on first use). */
export const TARGET_USER = 'pf-reliability';

/** Fails with what to install when the machine cannot switch users. */
export function requireUserSwitching(): void {
  if (process.platform !== 'linux') throw new Error('The permission tests run targets as other users, which needs Linux.');
  if (process.getuid?.() !== 0) throw new Error('The permission tests create a user and switch to it, which needs root (CI runs as root): run them as root.');
  for (const [tool, pkg] of [
    ['setpriv', 'util-linux (apt-get install util-linux)'],
    ['useradd', 'passwd (apt-get install passwd)'],
  ] as const) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status !== 0) {
      throw new Error(`The permission tests need ${tool}, which is not installed: install ${pkg}.`);
    }
  }
}

/** uid and gid of TARGET_USER, created (system user, no home, no login) when missing. */
export function ensureTargetUser(): { uid: number; gid: number } {
  const lookup = (): { uid: number; gid: number } | undefined => {
    const r = spawnSync('id', ['-u', TARGET_USER], { encoding: 'utf8' });
    if (r.status !== 0) return undefined;
    return { uid: Number(r.stdout.trim()), gid: Number(execFileSync('id', ['-g', TARGET_USER], { encoding: 'utf8' }).trim()) };
  };
  const existing = lookup();
  if (existing) return existing;
  const r = spawnSync('useradd', ['--system', '--no-create-home', '--user-group', '--shell', '/usr/sbin/nologin', TARGET_USER], { encoding: 'utf8' });
  // 9: created meanwhile by a parallel run.
  if (r.status !== 0 && r.status !== 9) throw new Error(`useradd ${TARGET_USER} failed: ${r.stderr.trim()}`);
  const made = lookup();
  if (!made) throw new Error(`useradd ${TARGET_USER} reported success but the user does not exist`);
  return made;
}

/** `setpriv` arguments that run a command as uid:gid with no supplementary groups. */
export function asUser(user: { uid: number; gid: number }, argv: readonly string[]): string[] {
  return [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', ...argv];
}

/** A folder every user can read and enter, holding a bundle of `entry` and a copy of py-spy. */
export function prepareSharedFolder(entry: string, pyspy: string): { dir: string; script: string; pyspy: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pf-as-user-'));
  chmodSync(dir, 0o755);
  const script = join(dir, 'entry.cjs');
  buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: script, logLevel: 'error' });
  chmodSync(script, 0o644);
  const pyspyCopy = join(dir, 'py-spy');
  copyFileSync(pyspy, pyspyCopy);
  chmodSync(pyspyCopy, 0o755);
  return { dir, script, pyspy: pyspyCopy };
}

/** The first of `candidates` that `user` can run (`python -c pass`); the pyenv ones under /root usually are not. */
export function pythonFor(user: { uid: number; gid: number }, candidates: readonly string[]): string {
  for (const python of candidates) {
    if (!existsSync(python)) continue;
    if (spawnSync('setpriv', asUser(user, [python, '-c', 'pass']), { stdio: 'ignore', timeout: 10_000 }).status === 0) return python;
  }
  throw new Error(`No Python interpreter that uid ${user.uid} can run among ${candidates.join(', ')}: install one outside private homes (apt-get install python3).`);
}

/** Node for the other user: this one, when that user may run it. */
export function nodeFor(user: { uid: number; gid: number }): string {
  if (spawnSync('setpriv', asUser(user, [process.execPath, '-e', '0']), { stdio: 'ignore', timeout: 10_000 }).status === 0) return process.execPath;
  throw new Error(`uid ${user.uid} cannot run ${process.execPath} (a private home?): install Node outside it (e.g. /usr/bin/node from the nodejs package).`);
}
