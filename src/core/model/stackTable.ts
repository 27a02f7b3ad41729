/**
 * Distinct integer sequences (stacks of frame indices), found again by value in O(length):
 * an open-addressing hash table over the sequences' own numbers. It replaces a Map keyed by
 * `ids.join(',')`, which built one string per sample and was the measured bottleneck of the
 * speedscope parser (bench/, "parse" rows: 650k samples spent most of their time in join and
 * its garbage). Each sequence is copied once, when it is first seen.
 */
export class StackTable {
  private readonly sequences: number[][] = [];
  private hashes = new Int32Array(1024);
  /** Slot → sequence index + 1 (0 = empty). Always at most half full. */
  private slots = new Int32Array(2048);

  /** Number of distinct sequences. */
  get size(): number {
    return this.sequences.length;
  }

  /** The distinct sequences, in first-seen order (index = id). */
  get all(): readonly number[][] {
    return this.sequences;
  }

  /** The id of this sequence, adding a copy the first time it is seen (then the id is `size - 1`). */
  intern(ids: ArrayLike<number>, length = ids.length): number {
    const hash = hashSequence(ids, length);
    const found = this.find(ids, length, hash);
    if (found >= 0) return found;
    const copy = new Array<number>(length);
    for (let i = 0; i < length; i++) copy[i] = ids[i];
    return this.add(copy, hash);
  }

  /** Like intern, but the first time `array` itself is kept, not a copy: the caller must never change it afterwards. */
  adopt(array: number[]): number {
    const hash = hashSequence(array, array.length);
    const found = this.find(array, array.length, hash);
    return found >= 0 ? found : this.add(array, hash);
  }

  /** The stored array equal to `array`, or `array` itself (adopted) the first time: lets equal arrays share one object. */
  canonical(array: number[]): number[] {
    return this.sequences[this.adopt(array)];
  }

  private find(ids: ArrayLike<number>, length: number, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot];
      if (entry === 0) return -1;
      const id = entry - 1;
      if (this.hashes[id] === hash && sameSequence(this.sequences[id], ids, length)) return id;
    }
  }

  private add(sequence: number[], hash: number): number {
    const id = this.sequences.length;
    this.sequences.push(sequence);
    if (id >= this.hashes.length) this.hashes = grow(this.hashes, this.hashes.length * 2);
    this.hashes[id] = hash;
    this.insert(id, hash);
    if ((id + 1) * 2 > this.slots.length) this.rehash();
    return id;
  }

  private insert(id: number, hash: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = id + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let id = 0; id < this.sequences.length; id++) this.insert(id, this.hashes[id]);
  }
}

function grow(array: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(length);
  bigger.set(array);
  return bigger;
}

function sameSequence(a: readonly number[], b: ArrayLike<number>, length: number): boolean {
  if (a.length !== length) return false;
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A 32-bit hash of the first `length` numbers (multiply-rotate per element, then a murmur3 finaliser). */
export function hashSequence(ids: ArrayLike<number>, length: number): number {
  let h = length | 0;
  for (let i = 0; i < length; i++) {
    h = Math.imul(h ^ ids[i], 0x9e3779b1);
    h = (h << 13) | (h >>> 19);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) & 0x7fffffff;
}
