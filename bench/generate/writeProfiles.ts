import { closeSync, openSync, writeSync } from 'node:fs';
import { forEachSyntheticStack, forEachSyntheticStackShuffled, syntheticFrame, syntheticFrameText, type StackShape } from './syntheticStacks';

/**
 * Writers for the synthetic stacks in the two formats py-spy records: `--format raw` (one line
 * per distinct stack) and `--format speedscope` (one entry per sample, weight 1/rate seconds,
 * frames in first-use order after the profiles, as py-spy's src/speedscope.rs writes them).
 * Written synchronously in big chunks: a generator has nothing else to do meanwhile.
 */

/** What a writer produced. */
export interface WrittenProfile {
  readonly bytes: number;
  readonly uniqueStacks: number;
  readonly samples: number;
}

const FLUSH_CHARS = 4 * 1024 * 1024;

/** Appends text to a file descriptor in large writes. */
class ChunkedWriter {
  private buffer: string[] = [];
  private pending = 0;
  bytes = 0;

  constructor(private readonly fd: number) {}

  /** Bytes written so far, including the buffered text (the writers only write ASCII before the frames). */
  get offset(): number {
    return this.bytes + this.pending;
  }

  write(text: string): void {
    this.buffer.push(text);
    this.pending += text.length;
    if (this.pending >= FLUSH_CHARS) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    this.bytes += writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.pending = 0;
  }
}

function withFile(path: string, write: (out: ChunkedWriter) => { uniqueStacks: number; samples: number }): WrittenProfile {
  const fd = openSync(path, 'w');
  try {
    const out = new ChunkedWriter(fd);
    const counts = write(out);
    out.flush();
    return { bytes: out.bytes, ...counts };
  } finally {
    closeSync(fd);
  }
}

/** Writes py-spy raw text: `frame;frame;… COUNT` per distinct stack, in random order as py-spy does. */
export function writeRawProfile(path: string, shape: StackShape): WrittenProfile {
  return withFile(path, (out) => {
    const texts = new Map<number, string>();
    let uniqueStacks = 0;
    let samples = 0;
    forEachSyntheticStackShuffled(shape, (frames, depth, count) => {
      const parts: string[] = [];
      for (let i = 0; i < depth; i++) {
        let text = texts.get(frames[i]);
        if (text === undefined) texts.set(frames[i], (text = syntheticFrameText(frames[i])));
        parts.push(text);
      }
      out.write(`${parts.join(';')} ${count}\n`);
      uniqueStacks++;
      samples += count;
    });
    return { uniqueStacks, samples };
  });
}

/** How many distinct stacks are buffered and their samples interleaved, so identical samples are not all adjacent (as in a real recording). */
const INTERLEAVE_WINDOW = 256;
/** Room left for endValue, which is only known after the samples: filled in afterwards (JSON allows the spaces). */
const END_VALUE_WIDTH = 24;

/**
 * Writes a py-spy-style speedscope file: one sampled profile in seconds per thread (py-spy
 * writes one per thread and no thread frames; with `shape.threads` 0 there is one), every sample
 * weighing 1/rate.
 */
export function writeSpeedscopeProfile(path: string, shape: StackShape, rate = 100): WrittenProfile {
  const profiles: { endValueAt: number; samples: number }[] = [];
  const threaded = (shape.threads ?? 0) > 0;
  const written = withFile(path, (out) => {
    const index = new Map<number, number>(); // synthetic frame id → position in shared.frames
    const order: number[] = [];
    const window: { text: string; count: number }[] = [];
    let uniqueStacks = 0;
    let samples = 0;
    let profileSamples = 0;
    let thread = -1;
    const drain = (): void => {
      for (let round = 0; window.length > 0; round++) {
        for (const entry of window) out.write(profileSamples++ === 0 ? entry.text : `,${entry.text}`);
        let kept = 0;
        for (const entry of window) if (entry.count > round + 1) window[kept++] = entry;
        window.length = kept;
      }
    };
    const open = (name: string): void => {
      out.write(`${profiles.length === 0 ? '' : ','}{"type":"sampled","name":${JSON.stringify(name)},"unit":"seconds","startValue":0.0,"endValue":`);
      profiles.push({ endValueAt: out.offset, samples: 0 });
      out.write(`${' '.repeat(END_VALUE_WIDTH)},"samples":[`);
      profileSamples = 0;
    };
    const close = (): void => {
      drain();
      const weight = String(1 / rate);
      out.write('],"weights":[');
      for (let i = 0; i < profileSamples; i++) out.write(i === 0 ? weight : `,${weight}`);
      out.write(']}');
      profiles[profiles.length - 1].samples = profileSamples;
      samples += profileSamples;
    };
    out.write('{"$schema":"https://www.speedscope.app/file-format-schema.json","profiles":[');
    forEachSyntheticStack(shape, (frames, depth, count) => {
      const root = threaded ? frames[0] : 0;
      if (root !== thread || profiles.length === 0) {
        if (profiles.length > 0) close();
        open(threaded ? pySpyThreadName(syntheticFrame(root).name) : 'Thread 9000 "MainThread"');
        thread = root;
      }
      const ids: number[] = [];
      for (let i = threaded ? 1 : 0; i < depth; i++) {
        let id = index.get(frames[i]);
        if (id === undefined) {
          id = order.length;
          index.set(frames[i], id);
          order.push(frames[i]);
        }
        ids.push(id);
      }
      uniqueStacks++;
      window.push({ text: `[${ids.join(',')}]`, count });
      if (window.length >= INTERLEAVE_WINDOW) drain();
    });
    if (profiles.length > 0) close();
    out.write('],"shared":{"frames":[');
    order.forEach((id, i) => {
      const f = syntheticFrame(id);
      out.write(`${i === 0 ? '' : ','}{"name":${JSON.stringify(f.name)},"file":${JSON.stringify(f.file ?? '')},"line":${f.line ?? 0},"col":null}`);
    });
    out.write(']},"activeProfileIndex":null,"exporter":"py-spy@0.4.1","name":"py-spy profile","version":"0.4.1"}\n');
    return { uniqueStacks, samples };
  });
  const fd = openSync(path, 'r+');
  try {
    for (const p of profiles) writeSync(fd, String(p.samples / rate).padEnd(END_VALUE_WIDTH), p.endValueAt);
  } finally {
    closeSync(fd);
  }
  return written;
}

/** `thread (9001): worker-1` (our raw pseudo-frame) as py-spy names a speedscope profile: `Thread 9001 "worker-1"`. */
function pySpyThreadName(frameName: string): string {
  const m = /^thread \((\d+)\): (.*)$/.exec(frameName);
  return m === null ? frameName : `Thread ${m[1]} "${m[2]}"`;
}
