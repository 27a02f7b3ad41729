import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Profile } from '../../src/core/model/profile';
import { ProfileBuilder } from '../../src/core/model/profileBuilder';
import { forEachSyntheticStackShuffled, syntheticFrame, type StackShape } from './syntheticStacks';
import { writeRawProfile, writeSpeedscopeProfile, type WrittenProfile } from './writeProfiles';

/**
 * Benchmark inputs: generated on first use into bench/out/inputs (git-ignored) and reused while
 * the generator is unchanged (bump GENERATOR_VERSION when its output changes), so a second
 * `npm run bench` does not spend a minute writing 500 MB again.
 */

/** Part of every cached file name: a changed generator must not reuse old files. */
const GENERATOR_VERSION = 2;

/** Where generated inputs and other bench artefacts go (git-ignored; never committed). */
export const BENCH_OUT = path.resolve(__dirname, '..', 'out');

export type InputFormat = 'raw' | 'speedscope';

/** A generated profile file and what is in it. */
export interface BenchInput extends WrittenProfile {
  readonly file: string;
  readonly format: InputFormat;
  readonly shape: StackShape;
}

/** The file for `shape` in `format`, generated if it is not cached yet (`log` hears when it is). */
export function ensureInput(format: InputFormat, shape: StackShape, log?: (message: string) => void, dir = path.join(BENCH_OUT, 'inputs')): BenchInput {
  mkdirSync(dir, { recursive: true });
  const ext = format === 'raw' ? 'txt' : 'speedscope.json';
  const base = `g${GENERATOR_VERSION}-${shape.uniqueStacks}-s${shape.seed ?? 1}-t${shape.threads ?? 0}.${ext}`;
  const file = path.join(dir, base);
  const metaFile = `${file}.meta.json`;
  if (existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as WrittenProfile;
    if (statSync(file).size === meta.bytes) return { file, format, shape, ...meta };
  }
  log?.(`generating ${base} (once; cached in ${dir})`);
  const partial = `${file}.${process.pid}.partial`; // per process: two runs may generate the same input at once
  const written = format === 'raw' ? writeRawProfile(partial, shape) : writeSpeedscopeProfile(partial, shape);
  renameSync(partial, file);
  writeFileSync(metaFile, JSON.stringify(written));
  return { file, format, shape, ...written };
}

/**
 * The same synthetic stacks as the raw files, in the same (random) order, built straight into a
 * Profile (no file, no parse): for the flame graph at 10^6 stacks, whose raw file would be over 1 GB.
 */
export function generatedProfile(shape: StackShape): Profile {
  const builder = new ProfileBuilder();
  const ids = new Map<number, number>();
  const stack: number[] = [];
  forEachSyntheticStackShuffled(shape, (frames, depth, count) => {
    stack.length = 0;
    for (let i = 0; i < depth; i++) {
      let id = ids.get(frames[i]);
      if (id === undefined) {
        const f = syntheticFrame(frames[i]);
        id = builder.internFrame(f.file === undefined ? { name: f.name, kind: 'thread' } : { ...f, kind: 'python' });
        ids.set(frames[i], id);
      }
      stack.push(id);
    }
    builder.addStack(stack, count);
  });
  return builder.build({ tool: 'py-spy', kind: 'cpu', unit: 'samples', sampleRate: 100 });
}
