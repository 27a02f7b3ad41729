// Tiny hand-built profiles for the editor tests: every number in them is chosen so the expected
// shares are exact decimals.
import type { Frame, ProfileMeta } from '../../../src/core/model/profile';
import { ProfileBuilder } from '../../../src/core/model/profileBuilder';
import type { Profile } from '../../../src/core/model/profile';

export const cpuMeta: ProfileMeta = { tool: 'py-spy', kind: 'cpu', unit: 'samples', sampleRate: 100 };

/** A Python frame. */
export function py(name: string, file: string, line: number): Frame {
  return { name, file, line, kind: 'python' };
}

export const thread: Frame = { name: 'thread (0x1)', kind: 'thread' };

/** A profile from root-first stacks of frames and their weights. */
export function profileOf(samples: readonly (readonly [readonly Frame[], number])[], meta: ProfileMeta = cpuMeta): Profile {
  const b = new ProfileBuilder();
  for (const [frames, weight] of samples) b.addStack(frames.map((f) => b.internFrame(f)), weight);
  return b.build(meta);
}

export const main = py('main', '/app/main.py', 10);
export const tick = py('tick', '/app/main.py', 14);
export const handle = py('handle', '/app/server.py', 20);
export const work = py('work', '/app/lib.py', 3);
export const parse = py('parse', '/app/lib.py', 8);
export const loads = py('loads', '/usr/lib/python3.12/json/decoder.py', 337);

/**
 * The service profile, 125 samples at 100 Hz:
 *   45  main → handle → work               (work's line is innermost)
 *   15  main → handle → work → loads
 *   20  main → work                        (main calls work directly)
 *   25  main → tick
 *   20  main → handle → parse
 */
export function serviceProfile(): Profile {
  return profileOf([
    [[thread, main, handle, work], 45],
    [[thread, main, handle, work, loads], 15],
    [[thread, main, work], 20],
    [[thread, main, tick], 25],
    [[thread, main, handle, parse], 20],
  ]);
}
