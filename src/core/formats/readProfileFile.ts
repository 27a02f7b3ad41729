import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { ProfileParseError } from '../errors';
import type { Profile } from '../model/profile';
import { parseJsonStream } from './jsonStream';
import { forEachLineBytes, LineTooLongError } from './lineReader';
import { isMemrayExport, memoryProfileFor, parseMemrayExport } from './memrayExport';
import type { MemoryMode } from './memrayModel';
import { readMemrayProfile, type ReadMemrayOptions } from './memrayRead';
import { PySpyRawParser } from './pySpyRaw';
import { readSidecar } from './sidecar';
import { SNIFF_BYTES, sniffFormat } from './sniff';
import { snippet } from './snippet';
import { parseSpeedscope } from './speedscope';
import { countChunk, type StreamStats } from './streamStats';

/** Limits for reading one profile file. */
export interface ReadProfileOptions {
  /** Largest speedscope JSON file read, in bytes (default 4 GiB: the JSON is streamed, so memory, not V8's string limit, bounds it). */
  readonly maxJsonBytes?: number;
  /** Longest raw/collapsed line accepted, in characters (default 64 Mi). */
  readonly maxLineChars?: number;
  /** memray captures and exports: which memory to show (default `peak`, the report contract's). */
  readonly memoryMode?: MemoryMode;
  /** memray captures: how to run the export helper (interpreter, timeout, cancel…). */
  readonly memray?: Omit<ReadMemrayOptions, 'mode'>;
  /** Bytes per read from the file (default 1 MiB). */
  readonly chunkBytes?: number;
  /** Filled in with how raw and speedscope files were streamed (tests and benchmarks check it). */
  readonly streamStats?: StreamStats;
}

/**
 * Speedscope JSON is parsed from the byte stream (jsonStream.ts), never as one string, so V8's
 * ~512 MiB string limit does not apply; this default only keeps an absurd file from being tried.
 */
const DEFAULT_MAX_JSON_BYTES = 4 * 1024 * 1024 * 1024;
/** Read chunk size: fewer, larger reads cut per-chunk overhead (measured in bench/, parse rows); memory stays bounded. */
const READ_CHUNK_BYTES = 1024 * 1024;
const DEFAULT_MAX_LINE_CHARS = 64 * 1024 * 1024;

/**
 * Reads a profile file of any supported format (py-spy raw, collapsed stacks, speedscope
 * JSON, memray captures through python/memray_export.py), telling the format from its first
 * bytes. Raw files are streamed line by line; a
 * `<file>.pfmeta.json` sidecar, when present, supplies the rate, duration and command line
 * the file does not carry. Every failure is a one-line ProfileParseError naming the file.
 */
export async function readProfileFile(path: string, opts: ReadProfileOptions = {}): Promise<Profile> {
  const info = await statProfile(path);
  const head = await readHead(path);
  const sniffed = sniffFormat(head);
  if (sniffed.format === 'unsupported') throw new ProfileParseError(path, sniffed.problem);
  if (sniffed.format === 'speedscope') return checkWeights(await readSpeedscopeFile(path, info, opts), path);
  if (sniffed.format === 'memray') return readMemrayProfile(path, opts.memoryMode, opts.memray);

  const sidecar = await readSidecar(path);
  const stream = createReadStream(path, { highWaterMark: opts.chunkBytes ?? READ_CHUNK_BYTES });
  try {
    // Lines stay bytes until a frame is new (pySpyRaw.ts, addLineBytes): the measured fast path.
    const parser = new PySpyRawParser(path);
    const visit = (buf: Buffer, latin1: string, start: number, end: number, lineNumber: number): void => parser.addLineBytes(buf, latin1, start, end, lineNumber);
    await forEachLineBytes(stream, opts.maxLineChars ?? DEFAULT_MAX_LINE_CHARS, visit, opts.streamStats);
    return checkWeights(parser.finish({ ...sidecar, fromPySpy: sidecar !== undefined }), path);
  } catch (err) {
    if (err instanceof LineTooLongError) {
      throw new ProfileParseError(path, `line ${err.lineNumber} is longer than ${err.limit} characters: not a py-spy raw or collapsed file`);
    }
    throw asParseError(path, err);
  } finally {
    stream.destroy();
  }
}

async function readSpeedscopeFile(path: string, info: Stats, opts: ReadProfileOptions): Promise<Profile> {
  const limit = opts.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES;
  if (info.size > limit) {
    throw new ProfileParseError(
      path,
      `the JSON file is ${megabytes(info.size)}, more than the ${megabytes(limit)} that can be read; record a shorter or lower-rate profile, or use --format raw, which is streamed`,
    );
  }
  let doc: unknown;
  const stream = createReadStream(path, { highWaterMark: opts.chunkBytes ?? READ_CHUNK_BYTES });
  try {
    // Equal frame-index arrays (one per sample in py-spy files) share one object: see jsonStream.ts.
    doc = await parseJsonStream(counted(stream, opts.streamStats), { shareIntegerArrays: true });
  } catch (err) {
    if (err instanceof SyntaxError) {
      throw new ProfileParseError(path, `not valid JSON (truncated or not a speedscope file?): ${oneLine(err.message)}`);
    }
    throw asParseError(path, err);
  } finally {
    stream.destroy();
  }
  // The JSON python/memray_export.py writes (kept, or a test fixture) reads like its capture.
  if (isMemrayExport(doc)) return memoryProfileFor(parseMemrayExport(doc, path), opts.memoryMode ?? 'peak');
  // The document is ours alone: its shared sample arrays can become the stacks without a copy.
  return parseSpeedscope(doc, path, { adoptSampleArrays: true });
}

/**
 * Refuses a profile whose weights overflowed to Infinity (a count of 400 digits, or huge weights
 * summed when identical stacks merge): every share and total computed from it would be NaN.
 */
function checkWeights(profile: Profile, path: string): Profile {
  for (const w of profile.weights) {
    if (!Number.isFinite(w)) throw new ProfileParseError(path, 'a sample count or weight is too large to add up (it overflows to infinity): the file is corrupt');
  }
  return profile;
}

/** The stream's chunks, counted into `stats` (the JSON parser holds one chunk and at most one unfinished token). */
async function* counted(stream: AsyncIterable<Uint8Array>, stats: StreamStats | undefined): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) {
    countChunk(stats, chunk.length, chunk.length);
    yield chunk;
  }
}

async function statProfile(path: string): Promise<Stats> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (err) {
    throw asParseError(path, err);
  }
  if (info.isDirectory()) throw new ProfileParseError(path, 'is a directory, not a profile file');
  // FIFOs and devices could block or never end; profiles are regular files.
  if (!info.isFile()) throw new ProfileParseError(path, 'is not a regular file');
  return info;
}

async function readHead(path: string): Promise<Uint8Array> {
  try {
    const handle = await open(path, 'r');
    try {
      const buf = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await handle.read(buf, 0, SNIFF_BYTES, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw asParseError(path, err);
  }
}

/** Turns a file-system error (or anything else thrown while reading) into a one-line ProfileParseError. */
function asParseError(path: string, err: unknown): Error {
  if (err instanceof ProfileParseError) return err;
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  switch (code) {
    case 'ENOENT':
      return new ProfileParseError(path, 'file not found');
    case 'EISDIR':
      return new ProfileParseError(path, 'is a directory, not a profile file');
    case 'EACCES':
    case 'EPERM':
      return new ProfileParseError(path, 'permission denied: this user cannot read the file');
    case 'ERR_STRING_TOO_LONG':
      return new ProfileParseError(path, 'the file is too large to read as one JSON document');
    default: {
      const message = err instanceof Error ? err.message : String(err);
      return new ProfileParseError(path, `cannot read the file: ${oneLine(message)}`);
    }
  }
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? snippet(flat, 200) : flat;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(0)} MB`;
}
