/**
 * How a launched program gets the await timer: its directory first on PYTHONPATH (Python's
 * `site` then imports its sitecustomize.py, which chains to any other sitecustomize) and
 * PROFILE_FIRST_AWAITS naming the file to write. Only for programs we start: a running process
 * (attach) has long finished its start-up, so nothing can be loaded into it this way.
 */
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { ToolMissingError } from '../errors';
import { awaitsPath } from './awaitsFile';

/** The environment variable the timer reads its output path from. */
export const AWAITS_ENV = 'PROFILE_FIRST_AWAITS';

/** Finds python/await_timing/ next to the sources (tsx) or the bundle (dist/). */
export function findAwaitTimingDir(from = __dirname): string {
  for (let dir = from, i = 0; i < 6; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'python', 'await_timing');
    if (existsSync(join(candidate, 'sitecustomize.py'))) return candidate;
  }
  throw new ToolMissingError('await timer', `python/await_timing/sitecustomize.py was not found above ${from}; the installation is incomplete: reinstall Profile First.`);
}

/** `env` plus the timer for a program whose CPU profile goes to `profilePath` (the user's PYTHONPATH is kept, after ours). */
export function awaitTimingEnvironment(env: NodeJS.ProcessEnv, timerDir: string, profilePath: string, pathDelimiter = delimiter): NodeJS.ProcessEnv {
  const existing = env.PYTHONPATH;
  const pythonPath = existing === undefined || existing === '' ? timerDir : `${timerDir}${pathDelimiter}${existing}`;
  return { ...env, PYTHONPATH: pythonPath, [AWAITS_ENV]: awaitsPath(profilePath) };
}
