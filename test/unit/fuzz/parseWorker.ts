/**
 * Child process of the parser fuzz test: parses one file per message and answers with what
 * happened. Parsing runs here, not in the test process, so a case that hangs (a synchronous
 * loop never yields to a timer) or exhausts memory can be killed and reported by its index.
 */
import { open } from 'node:fs/promises';
import { ProfileParseError } from '../../../src/core/errors';
import { readProfileFile } from '../../../src/core/formats/readProfileFile';
import { SNIFF_BYTES, sniffFormat } from '../../../src/core/formats/sniff';
import type { Profile } from '../../../src/core/model/profile';

/** Sent by the test: parse this file. */
export interface ParseRequest {
  readonly index: number;
  readonly file: string;
}

/** Sent back: how the parse ended. */
export interface ParseReply {
  readonly index: number;
  /** `profile`: parsed; `parseError`: a ProfileParseError; `otherError`: anything else thrown. */
  readonly outcome: 'profile' | 'parseError' | 'otherError';
  readonly errorName?: string;
  readonly message?: string;
  /** ProfileParseError.file. */
  readonly errorFile?: string;
  /** The sniffer's verdict on the first bytes, or the exception it threw. */
  readonly sniff: string;
  /** Broken invariants of a returned Profile (empty when it is sound). */
  readonly profileProblems: readonly string[];
  /** Wall-clock and CPU milliseconds (user + system, all threads) spent on the case. */
  readonly ms: number;
  readonly cpuMs: number;
}

/** What a Profile promises its readers: finite non-negative weights, frame indices in range, sane metadata. */
export function profileProblems(p: Profile): string[] {
  const problems: string[] = [];
  if (p.stacks.length !== p.weights.length) problems.push(`${p.stacks.length} stacks but ${p.weights.length} weights`);
  for (let i = 0; i < p.weights.length && problems.length < 5; i++) {
    const w = p.weights[i];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) problems.push(`weight ${i} is ${w}`);
  }
  for (let i = 0; i < p.stacks.length && problems.length < 5; i++) {
    for (const f of p.stacks[i]) {
      if (!Number.isInteger(f) || f < 0 || f >= p.frames.length) {
        problems.push(`stack ${i} refers to frame ${f} of ${p.frames.length}`);
        break;
      }
    }
  }
  for (const f of p.frames) {
    if (typeof f.name !== 'string') problems.push('a frame without a name');
    if (f.line !== undefined && (!Number.isInteger(f.line) || f.line < 1)) problems.push(`a frame with line ${f.line}`);
    if (problems.length >= 5) break;
  }
  const { sampleRate, durationSec } = p.meta;
  if (sampleRate !== undefined && !(Number.isFinite(sampleRate) && sampleRate > 0)) problems.push(`sampleRate ${sampleRate}`);
  if (durationSec !== undefined && !(Number.isFinite(durationSec) && durationSec >= 0)) problems.push(`durationSec ${durationSec}`);
  return problems;
}

async function sniffFile(file: string): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      const buf = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await handle.read(buf, 0, SNIFF_BYTES, 0);
      const r = sniffFormat(buf.subarray(0, bytesRead));
      return r.format === 'unsupported' ? `unsupported: ${r.problem}` : r.format;
    } finally {
      await handle.close();
    }
  } catch (err) {
    return `threw ${(err as Error).name}: ${(err as Error).message}`;
  }
}

async function handle(req: ParseRequest): Promise<ParseReply> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const spent = (): { ms: number; cpuMs: number } => {
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
  };
  const sniff = await sniffFile(req.file);
  try {
    const profile = await readProfileFile(req.file);
    return { index: req.index, outcome: 'profile', sniff, profileProblems: profileProblems(profile), ...spent() };
  } catch (err) {
    const e = err as Error;
    const base = { index: req.index, sniff, profileProblems: [], ...spent(), errorName: e?.constructor?.name ?? typeof err, message: String(e?.message ?? err) };
    if (err instanceof ProfileParseError) return { ...base, outcome: 'parseError', errorFile: err.file };
    return { ...base, outcome: 'otherError', message: `${base.message}\n${e?.stack ?? ''}` };
  }
}

if (process.send !== undefined) {
  process.on('message', (req: ParseRequest) => {
    void handle(req).then((reply) => process.send?.(reply));
  });
  // The test process went away (or killed the channel): nothing more will come.
  process.on('disconnect', () => process.exit(0));
}
