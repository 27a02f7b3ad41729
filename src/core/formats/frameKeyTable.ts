/**
 * Frame texts found again inside a line without cutting them out: an open-addressing table keyed
 * by a hash of a few characters (the length, the first four, the last eight: a frame's name and
 * its `file:line)` tail), each hit confirmed by comparing the whole text. The raw parser looks
 * up every frame of every line (2.4 million in the 100 MB bench file); looking each up as a
 * string key in a Map or object cost ~270 ns a frame and was the measured bottleneck of
 * `report` (bench/, "parse" rows). Keys are the frames' bytes read as latin1, one character a
 * byte, so equal keys are exactly equal bytes.
 */
export class FrameKeyTable {
  private readonly keys: string[] = [];
  private hashes = new Int32Array(1024);
  private values = new Int32Array(1024);
  /**
   * Slot s is the pair (hash, entry + 1) at [2s, 2s + 1] (entry + 1 = 0: empty), so a probe reads
   * one cache line. At most half full, and small: it is probed for every frame of every line.
   */
  private slots = new Int32Array(2 * 2048);
  /**
   * Every key, for lookups whose probe met too many same-hash strangers: crafted input (many
   * frames alike in length, head and tail) then costs a Map lookup, not a walk of the chain.
   */
  private readonly byKey = new Map<string, number>();

  /** Number of keys. */
  get size(): number {
    return this.keys.length;
  }

  /** The value stored for the text `line[start, end)`, or -1 when it was never added. */
  find(line: string, start: number, end: number): number {
    const hash = sampleHash(line, start, end);
    const length = end - start;
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let strangers = 0;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[2 * slot + 1] - 1;
      if (entry < 0) return -1;
      if (slots[2 * slot] !== hash) continue;
      const key = this.keys[entry];
      if (key.length === length && line.slice(start, end) === key) return this.values[entry];
      if (++strangers > MAX_STRANGERS) return this.byKey.get(line.slice(start, end)) ?? -1;
    }
  }

  /**
   * The entry whose key has the hash of `line[start, end)`, or -1: a candidate the caller must
   * confirm (keyOf), for callers that confirm many frames at once (a whole line). It reads only
   * the slots (no key, no length): the probes were a quarter of the fast path's profile.
   */
  candidate(line: string, start: number, end: number): number {
    const hash = sampleHash(line, start, end);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[2 * slot + 1] - 1;
      if (entry < 0 || slots[2 * slot] === hash) return entry;
    }
  }

  /** The key of an entry candidate() returned. */
  keyOf(entry: number): string {
    return this.keys[entry];
  }

  /** The value of an entry candidate() returned. */
  valueOf(entry: number): number {
    return this.values[entry];
  }

  /** Stores `value` for `key`, the text `line[start, end)` the caller just failed to find (as a string of its own, not a slice of the line). */
  add(key: string, value: number): void {
    const entry = this.keys.length;
    const hash = sampleHash(key, 0, key.length);
    this.keys.push(key);
    this.byKey.set(key, value);
    if (entry >= this.hashes.length) {
      this.hashes = grow(this.hashes, this.hashes.length * 2);
      this.values = grow(this.values, this.values.length * 2);
    }
    this.hashes[entry] = hash;
    this.values[entry] = value;
    this.insert(entry);
    if (this.keys.length * 4 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2);
      for (let e = 0; e < this.keys.length; e++) this.insert(e);
    }
  }

  private insert(entry: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const hash = this.hashes[entry];
    let slot = hash & mask;
    while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    slots[2 * slot] = hash;
    slots[2 * slot + 1] = entry + 1;
  }
}

/** Same-hash keys of another text a probe may compare before it asks the Map. */
const MAX_STRANGERS = 4;

/**
 * A 31-bit hash of the length and at most twelve characters (the first four, the last eight),
 * so it costs the same for any length; texts of eight characters or fewer are hashed whole.
 */
export function sampleHash(text: string, start: number, end: number): number {
  const length = end - start;
  let h = Math.imul(length, 0x9e3779b1);
  if (length > 8) {
    h = Math.imul(h ^ (text.charCodeAt(start) | (text.charCodeAt(start + 1) << 8) | (text.charCodeAt(start + 2) << 16) | (text.charCodeAt(start + 3) << 24)), 0x9e3779b1);
    h = Math.imul(h ^ (text.charCodeAt(end - 8) | (text.charCodeAt(end - 7) << 8) | (text.charCodeAt(end - 6) << 16) | (text.charCodeAt(end - 5) << 24)), 0x85ebca6b);
    h = Math.imul(h ^ (text.charCodeAt(end - 4) | (text.charCodeAt(end - 3) << 8) | (text.charCodeAt(end - 2) << 16) | (text.charCodeAt(end - 1) << 24)), 0xc2b2ae35);
  } else {
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x9e3779b1);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 12)) & 0x7fffffff;
}

function grow(array: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(length);
  bigger.set(array);
  return bigger;
}
