import type { Frame, Profile, ProfileMeta } from './profile';

/**
 * Builds a Profile incrementally: interns frames by identity (name, file, line, kind) and
 * merges identical stacks, so a parser can stream lines or samples into it without holding
 * its input. One builder per parse.
 */
export class ProfileBuilder {
  private readonly frames: Frame[] = [];
  private readonly frameIds = new Map<string, number>();
  private readonly stacks: number[][] = [];
  private readonly weights: number[] = [];
  private readonly stackIds = new Map<string, number>();

  /** Returns the index of this frame, adding it the first time it is seen. */
  internFrame(frame: Frame): number {
    const key = `${frame.kind}\u0000${frame.name}\u0000${frame.file ?? ''}\u0000${frame.line ?? ''}`;
    let id = this.frameIds.get(key);
    if (id === undefined) {
      id = this.frames.length;
      this.frames.push(frame);
      this.frameIds.set(key, id);
    }
    return id;
  }

  /** Adds `weight` to the root-first stack of frame indices, merging it with an identical stack. */
  addStack(frameIds: readonly number[], weight: number): void {
    if (weight === 0) return;
    const key = frameIds.join(',');
    const existing = this.stackIds.get(key);
    if (existing !== undefined) {
      this.weights[existing] += weight;
      return;
    }
    this.stackIds.set(key, this.stacks.length);
    this.stacks.push(frameIds.slice());
    this.weights.push(weight);
  }

  /** Number of distinct stacks so far. */
  get stackCount(): number {
    return this.stacks.length;
  }

  /** Finishes the profile with its metadata. The builder should not be used afterwards. */
  build(meta: ProfileMeta): Profile {
    return { meta, frames: this.frames, stacks: this.stacks, weights: this.weights };
  }
}
