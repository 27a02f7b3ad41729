/**
 * Files a memray recording leaves: the capture (written by memray under a temporary name and
 * moved into place once memray has finished it), forked children's captures, and the sidecar
 * `<capture>.pfmeta.json` that names the interpreter that recorded (the only one sure to read
 * the capture back: memray reads only its own version's captures).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { GitState } from '../formats/sidecar';
import { sidecarPathFor, writeFileAtomic } from './recordingFiles';

/** Contents of a memray recording's `<capture>.pfmeta.json`. */
export interface MemraySidecar {
  readonly tool: 'memray';
  readonly kind: 'memory';
  /** The interpreter whose memray recorded (and can read) the capture. */
  readonly interpreter: string;
  readonly memrayVersion?: string;
  /** Wall-clock seconds from start to the end of tracking. */
  readonly durationSec: number;
  /** The profiled program's command line, shell-quoted for display. */
  readonly commandLine: string;
  readonly script?: string;
  readonly args?: readonly string[];
  /** The workspace's commit and dirty flag when it is a git repository. */
  readonly git?: GitState;
  /** ISO 8601. */
  readonly startedAt: string;
  readonly pid?: number;
  readonly mode: 'launch' | 'attach';
  /** Tracking options used (native, tracePythonAllocators, followFork, aggregate). */
  readonly options: Readonly<Record<string, boolean | number | string>>;
  /** PYTHONMALLOC in the program's environment (`malloc` gives exact leak reports). */
  readonly pythonMalloc?: string;
  /** Captures written by forked children (`--follow-fork`), final paths. */
  readonly childCaptures?: readonly string[];
  /** The memray command line that made the capture. */
  readonly recordedWith: string;
}

/** Writes the sidecar for a capture; returns its path. */
export async function writeMemraySidecar(captureFile: string, sidecar: MemraySidecar): Promise<string> {
  const file = sidecarPathFor(captureFile);
  await writeFileAtomic(file, `${JSON.stringify(sidecar, null, 2)}\n`);
  return file;
}

/** Where memray writes until the capture is finished (memray refuses an existing output file). */
export function temporaryCapturePath(finalFile: string, pid = process.pid): string {
  return `${finalFile}.tmp-${pid}.bin`;
}

/** memray compresses a finished capture into `<file>.lz4.tmp`, then renames it over `<file>` (memray 1.20.0, FileSink). */
export function compressionTempPath(file: string): string {
  return `${file}.lz4.tmp`;
}

const LZ4_MAGIC = Buffer.from([0x04, 0x22, 0x4d, 0x18]);
const MEMRAY_MAGIC = Buffer.from('memray\0', 'latin1');
/** Offset of the header's u64 allocation count in an uncompressed capture (memray 1.20.0, header version 13). */
const HEADER_ALLOCATIONS_OFFSET = 17;

/**
 * How far memray is with a capture file:
 * - `missing`: not created yet;
 * - `writing`: being recorded, or being compressed (`.lz4.tmp` exists), or never finished
 *   (an uncompressed capture whose header still counts 0 allocations: memray fills the count in
 *   when tracking ends);
 * - `finished`: compressed (memray compresses only after tracking ended) or, without
 *   compression, a header whose allocation count was filled in.
 */
export async function captureFileState(file: string): Promise<'missing' | 'writing' | 'finished'> {
  let head: Buffer;
  try {
    const handle = await fs.open(file, 'r');
    try {
      const buf = Buffer.alloc(64);
      const { bytesRead } = await handle.read(buf, 0, 64, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return 'missing';
  }
  const compressing = await fs.access(compressionTempPath(file)).then(() => true, () => false);
  if (compressing) return 'writing';
  if (head.subarray(0, 4).equals(LZ4_MAGIC)) return 'finished';
  if (head.length >= HEADER_ALLOCATIONS_OFFSET + 8 && head.subarray(0, MEMRAY_MAGIC.length).equals(MEMRAY_MAGIC)) {
    return head.readBigUInt64LE(HEADER_ALLOCATIONS_OFFSET) > 0n ? 'finished' : 'writing';
  }
  return 'writing';
}

/** Children's captures (`--follow-fork`: memray writes `<output>.<pid>`) beside a temporary capture. */
export async function childCaptureFiles(temporaryFile: string): Promise<{ file: string; pid: number }[]> {
  const dir = path.dirname(temporaryFile);
  const prefix = `${path.basename(temporaryFile)}.`;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)))
    .map((n) => ({ file: path.join(dir, n), pid: Number(n.slice(prefix.length)) }));
}

/** Removes a temporary capture and memray's own temporary files beside it. */
export async function removeTemporaryCapture(temporaryFile: string): Promise<void> {
  const children = await childCaptureFiles(temporaryFile);
  const files = [temporaryFile, compressionTempPath(temporaryFile), ...children.flatMap((c) => [c.file, compressionTempPath(c.file)])];
  await Promise.all(files.map((f) => fs.rm(f, { force: true })));
}
