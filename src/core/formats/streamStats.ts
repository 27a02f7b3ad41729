/**
 * What reading a file looked like: filled in by the streaming readers when a caller passes one,
 * so tests and benchmarks can check that a file went through in small chunks and was never held
 * whole (a 300 MB recording must not become a 300 MB string).
 */
export interface StreamStats {
  /** Chunks read from the file. */
  chunks: number;
  /** The largest chunk, in bytes. */
  largestChunk: number;
  /** The most bytes the reader held at once: the current chunk plus an unfinished line or token. */
  largestHeld: number;
}

/** A fresh StreamStats with nothing read yet. */
export function emptyStreamStats(): StreamStats {
  return { chunks: 0, largestChunk: 0, largestHeld: 0 };
}

/** Records one chunk of `size` while `held` characters or bytes (that chunk included) are in memory. */
export function countChunk(stats: StreamStats | undefined, size: number, held: number): void {
  if (stats === undefined) return;
  stats.chunks++;
  if (size > stats.largestChunk) stats.largestChunk = size;
  if (held > stats.largestHeld) stats.largestHeld = held;
}
