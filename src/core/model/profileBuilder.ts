import type { Frame, Profile, ProfileMeta } from './profile';
import { StackTable } from './stackTable';

/**
 * Builds a Profile incrementally: interns frames by identity (name, file, line, kind) and
 * merges identical stacks, so a parser can stream lines or samples into it without holding
 * its input. One builder per parse.
 */
export class ProfileBuilder {
  private readonly frames: Frame[] = [];
  private readonly frameIds = new Map<string, number>();
  /** Stacks by value (integer hashing: no key string per sample). */
  private readonly stacks = new StackTable();
  private readonly weights: number[] = [];

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

  /**
   * Adds `weight` to the root-first stack of frame indices (the first `length` of them), merging
   * it with an identical stack, and returns the stack's id (-1 when the weight is 0: such a
   * sample adds nothing and does not create a stack). The caller may reuse `frameIds`
   * afterwards: a new stack is copied.
   */
  addStack(frameIds: ArrayLike<number>, weight: number, length = frameIds.length): number {
    if (weight === 0) return -1;
    const before = this.stacks.size;
    const id = this.stacks.intern(frameIds, length);
    if (this.stacks.size > before) this.weights.push(weight);
    else this.weights[id] += weight;
    return id;
  }

  /**
   * addStack for a stack that is already an array of this builder's frame indices and will never
   * change (a parser's own shared array): kept as is when new, instead of copied. Halves the
   * stack memory of a big speedscope file, whose samples arrive as such arrays (jsonStream.ts).
   */
  addStackArray(frameIds: number[], weight: number): number {
    if (weight === 0) return -1;
    const before = this.stacks.size;
    const id = this.stacks.adopt(frameIds);
    if (this.stacks.size > before) this.weights.push(weight);
    else this.weights[id] += weight;
    return id;
  }

  /** Adds `weight` to a stack `addStack` returned, without looking the stack up again. */
  addWeight(stackId: number, weight: number): void {
    if (weight !== 0) this.weights[stackId] += weight;
  }

  /** Number of distinct stacks so far. */
  get stackCount(): number {
    return this.stacks.size;
  }

  /** Finishes the profile with its metadata. The builder should not be used afterwards. */
  build(meta: ProfileMeta): Profile {
    return { meta, frames: this.frames, stacks: this.stacks.all, weights: this.weights };
  }
}
