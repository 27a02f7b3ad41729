import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { ProfileParseError } from '../errors';
import type { Profile } from '../model/profile';
import { LineTooLongError, readLines } from './lineReader';
import { parsePySpyRaw } from './pySpyRaw';
import { readSidecar } from './sidecar';
import { SNIFF_BYTES, sniffFormat } from './sniff';
import { snippet } from './snippet';
import { parseSpeedscope } from './speedscope';

/** Limits for reading one profile file. */
export interface ReadProfileOptions {
  /** Largest speedscope JSON file read, in bytes (default and maximum: V8's string limit, ~512 MiB). */
  readonly maxJsonBytes?: number;
  /** Longest raw/collapsed line accepted, in characters (default 64 Mi). */
  readonly maxLineChars?: number;
}

/**
 * V8 cannot build a string longer than 0x1fffffe8 characters (Node 20), so JSON.parse on a
 * bigger file is impossible; checking the size first gives a message instead of a crash.
 */
const V8_MAX_STRING = 0x1fffffe8;
const DEFAULT_MAX_LINE_CHARS = 64 * 1024 * 1024;

/**
 * Reads a profile file of any supported format (py-spy raw, collapsed stacks, speedscope
 * JSON), telling the format from its first bytes. Raw files are streamed line by line; a
 * `<file>.pfmeta.json` sidecar, when present, supplies the rate, duration and command line
 * the file does not carry. Every failure is a one-line ProfileParseError naming the file.
 */
export async function readProfileFile(path: string, opts: ReadProfileOptions = {}): Promise<Profile> {
  const info = await statProfile(path);
  const head = await readHead(path);
  const sniffed = sniffFormat(head);
  if (sniffed.format === 'unsupported') throw new ProfileParseError(path, sniffed.problem);
  if (sniffed.format === 'speedscope') return readSpeedscopeFile(path, info, opts);

  const sidecar = await readSidecar(path);
  const stream = createReadStream(path);
  try {
    return await parsePySpyRaw(readLines(stream, opts.maxLineChars ?? DEFAULT_MAX_LINE_CHARS), path, {
      ...sidecar,
      fromPySpy: sidecar !== undefined,
    });
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
  const limit = Math.min(opts.maxJsonBytes ?? V8_MAX_STRING, V8_MAX_STRING);
  if (info.size > limit) {
    throw new ProfileParseError(
      path,
      `the JSON file is ${megabytes(info.size)}, more than the ${megabytes(limit)} that can be read; record a shorter or lower-rate profile, or use --format raw, which is streamed`,
    );
  }
  let doc: unknown;
  try {
    const text = await readFile(path, 'utf8');
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    if (err instanceof SyntaxError) {
      throw new ProfileParseError(path, `not valid JSON (truncated or not a speedscope file?): ${oneLine(err.message)}`);
    }
    throw asParseError(path, err);
  }
  return parseSpeedscope(doc, path);
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
