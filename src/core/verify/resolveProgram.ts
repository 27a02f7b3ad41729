/**
 * Finds the program of a command before running it, so a typo fails at once with a clear
 * message instead of after the warm-up runs, and so a bare name is never looked up in the
 * working folder first (DESIGN.md security rules: resolve to an absolute path yourself).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { ToolMissingError } from '../errors';

/**
 * Absolute path of `program`: a name with a slash is taken relative to `cwd`; a bare name is
 * searched in the PATH of `env` only. Throws ToolMissingError when it is not an executable file.
 */
export function resolveProgram(program: string, cwd: string, env: NodeJS.ProcessEnv): string {
  const hasSlash = program.includes('/') || (process.platform === 'win32' && program.includes('\\'));
  if (hasSlash || isAbsolute(program)) {
    const path = resolve(cwd, program);
    if (isExecutableFile(path)) return path;
    throw new ToolMissingError(program, `${path} is not an executable file.`);
  }
  // Relative PATH entries (and the empty entry, meaning ".") would make the lookup depend on the
  // working folder, which may be an untrusted checkout: skipped.
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter((d) => d !== '' && isAbsolute(d));
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const path = join(dir, program + ext);
      if (isExecutableFile(path)) return path;
    }
  }
  throw new ToolMissingError(program, `'${program}' was not found on PATH. Give its full path, or install it.`);
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
