/**
 * A seeded mutator for profile files: every case is a pure function of (seed, case index), so a
 * failure is replayed exactly with PF_FUZZ_SEED (and PF_FUZZ_ONLY for one case). The operators
 * are the ways real profile files go wrong (cut short by a full disk or a killed writer, bit rot,
 * hand edits, other tools' output) plus the hostile shapes a crafted file can take (huge
 * numbers, deep nesting, megabyte names, invalid UTF-8).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../../../src/core/verify/stats/prng';

/** Small, fast, seedable PRNG (mulberry32); quality is plenty for choosing mutations. */
export class Rng {
  private readonly uniform: () => number;

  constructor(seed: number) {
    this.uniform = mulberry32(seed);
  }

  /** A uniform 32-bit unsigned integer (mulberry32 gives it divided by 2^32, exactly). */
  next(): number {
    return this.uniform() * 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : this.next() % n;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() / 0x1_0000_0000 < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/** The seed of case `index` under run seed `seed` (splitmix-style mixing, so neighbours differ). */
export function caseSeed(seed: number, index: number): number {
  let z = (seed ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** One real fixture: its name and bytes. */
export interface Fixture {
  readonly name: string;
  readonly bytes: Buffer;
}

/** One generated input. */
export interface FuzzCase {
  readonly index: number;
  /** The fixture it started from. */
  readonly fixture: string;
  /** The operators applied, in order (for the failure message). */
  readonly ops: readonly string[];
  readonly bytes: Buffer;
  /** When set, written as the profile's `.pfmeta.json` sidecar. */
  readonly sidecar?: Buffer;
}

/**
 * Profile fixtures made by the real tools (test/fixtures/pyspy and test/fixtures/memray): the
 * text and JSON ones by default, or the binary memray captures (`.bin`) with `binary`.
 */
export function loadFixtures(fixturesRoot: string, binary = false): Fixture[] {
  const out: Fixture[] = [];
  const wanted = binary ? /\.bin$/ : /\.(txt|json|folded|collapsed)$/;
  for (const dir of ['pyspy', 'memray']) {
    let names: string[];
    try {
      names = readdirSync(join(fixturesRoot, dir));
    } catch {
      continue; // no fixtures of that tool
    }
    for (const name of names.sort()) {
      if (!wanted.test(name) || name.endsWith('.pfmeta.json')) continue;
      out.push({ name: `${dir}/${name}`, bytes: readFileSync(join(fixturesRoot, dir, name)) });
    }
  }
  return out;
}

/** Mutated inputs are capped so a case stays well under the 2 s budget on a slow machine. */
const MAX_CASE_BYTES = 6 * 1024 * 1024;
const MEGABYTE = 1024 * 1024;
/** Nesting depth of the deep-JSON operator (the "JSON arrays 100k deep"). */
const DEEP = 100_000;

type Operator = (input: Buffer, rng: Rng, ctx: { fixtures: readonly Fixture[] }) => Buffer;

const enc = (s: string): Buffer => Buffer.from(s, 'utf8');
const lines = (b: Buffer): string[] => b.toString('latin1').split('\n');
const joinLines = (ls: readonly string[]): Buffer => Buffer.from(ls.join('\n'), 'latin1');

/** Positions worth cutting at: anywhere, line ends, inside a multi-byte character, inside a number, near the end. */
function truncationOffset(input: Buffer, rng: Rng): number {
  const n = input.length;
  if (n === 0) return 0;
  switch (rng.int(7)) {
    case 0:
      return rng.int(n);
    case 1: {
      const nl = input.indexOf(0x0a, rng.int(n));
      return nl < 0 ? n - 1 : nl + rng.int(2);
    }
    case 2: {
      const start = rng.int(n);
      for (let i = start; i < n; i++) if (input[i] >= 0x80) return i + 1;
      return start;
    }
    case 3: {
      const start = rng.int(n);
      for (let i = start; i < n; i++) if (input[i] >= 0x30 && input[i] <= 0x39) return i + 1;
      return start;
    }
    case 4:
      return n - 1 - rng.int(Math.min(n, 4));
    case 5:
      return 1 + rng.int(Math.min(n, 16));
    default:
      return Math.min(n, 65_536) - rng.int(3); // the sniffer's window
  }
}

const HUGE_AND_ODD_NUMBERS = [
  '9'.repeat(400),
  '1e308',
  '1e309',
  '1.7976931348623157e308',
  '-1',
  '-3',
  '-0',
  'NaN',
  'Infinity',
  '-Infinity',
  '0',
  '0.0',
  '1e-400',
  '4294967296',
  '9007199254740993',
  '0x1F',
  '1_000',
  '+1',
  '.5',
  '5.',
  '',
  '00000000000000000000001',
  '1'.repeat(30),
];

const HOSTILE_TEXT = [
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>',
  '[x](javascript:alert(1))',
  '\u202egnp.exe',
  '"; process 1:"x',
  'thread (0x1); ',
  '\\u0000',
  ';;;;',
  ') (',
  '(((',
  '${jndi:x}',
  '__proto__',
];

const INVALID_UTF8 = [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xe2, 0x82], [0xc0, 0xaf], [0xfe, 0xfe]];

/** A value to put where JSON expects something else. */
function oddJsonValue(rng: Rng): unknown {
  return rng.pick<() => unknown>([
    () => null,
    () => true,
    () => [],
    () => ({}),
    () => 'x',
    () => -1,
    () => 1e308,
    () => 2 ** 53 + 1,
    () => 0.5,
    () => rng.pick(HOSTILE_TEXT),
    () => [[[[[1]]]]],
    () => ({ type: 'O', frame: 0, at: 0 }),
    () => 'A'.repeat(MEGABYTE),
  ])();
}

/** Walks to a random node of a parsed JSON document and replaces, deletes or duplicates it. */
function mutateJsonTree(doc: unknown, rng: Rng): unknown {
  const root: { v: unknown } = { v: doc };
  let parent: Record<string, unknown> | unknown[] = root as unknown as Record<string, unknown>;
  let key: string | number = 'v';
  for (let depth = 0; depth < 12; depth++) {
    const value: unknown = Array.isArray(parent) ? parent[key as number] : parent[key as string];
    if (typeof value !== 'object' || value === null || rng.chance(0.2)) break;
    const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    if (keys.length === 0) break;
    parent = value as Record<string, unknown> | unknown[];
    key = rng.pick(keys);
  }
  const action = rng.int(4);
  if (Array.isArray(parent)) {
    const i = key as number;
    if (action === 0) parent.splice(i, 1);
    else if (action === 1) parent.splice(i, 0, ...Array.from({ length: 1 + rng.int(50) }, () => parent[i] as unknown));
    else parent[i] = oddJsonValue(rng);
  } else if (action === 0) {
    delete parent[key as string];
  } else {
    parent[key as string] = oddJsonValue(rng);
  }
  return root.v;
}

/** Wraps `inner` in `depth` levels of arrays or objects. */
function deepJson(depth: number, rng: Rng, inner = '0', closed = true): string {
  const asObject = rng.chance(0.3);
  const open = asObject ? '{"a":' : '[';
  const close = asObject ? '}' : ']';
  return open.repeat(depth) + inner + (closed ? close.repeat(depth) : '');
}

const OPERATORS: Readonly<Record<string, Operator>> = {
  truncate: (input, rng) => input.subarray(0, truncationOffset(input, rng)),
  bitFlips: (input, rng) => {
    const out = Buffer.from(input);
    for (let k = 1 + rng.int(8); k > 0 && out.length > 0; k--) out[rng.int(out.length)] ^= 1 << rng.int(8);
    return out;
  },
  randomBytes: (input, rng) => {
    const at = rng.int(input.length + 1);
    const junk = Buffer.from(Array.from({ length: 1 + rng.int(16) }, () => rng.int(256)));
    return Buffer.concat([input.subarray(0, at), junk, input.subarray(at)]);
  },
  duplicateLines: (input, rng) => {
    const ls = lines(input);
    const i = rng.int(ls.length);
    const wanted = rng.chance(0.1) ? 1 + rng.int(5000) : 1 + rng.int(4);
    const times = Math.min(wanted, Math.floor(MAX_CASE_BYTES / (ls[i].length + 1)));
    ls.splice(i, 0, ...Array.from({ length: times }, () => ls[i]));
    return joinLines(ls);
  },
  deleteLines: (input, rng) => {
    const ls = lines(input);
    ls.splice(rng.int(ls.length), 1 + rng.int(3));
    return joinLines(ls);
  },
  swapLines: (input, rng) => {
    const ls = lines(input);
    const a = rng.int(ls.length);
    const b = rng.int(ls.length);
    [ls[a], ls[b]] = [ls[b], ls[a]];
    return joinLines(ls);
  },
  oddNumbers: (input, rng) => {
    const text = input.toString('latin1');
    const numbers = [...text.matchAll(/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g)];
    if (numbers.length === 0) return Buffer.from(`${text} ${rng.pick(HUGE_AND_ODD_NUMBERS)}`, 'latin1');
    const all = rng.chance(0.2);
    const target = rng.pick(numbers);
    const replacement = rng.pick(HUGE_AND_ODD_NUMBERS);
    let out = '';
    let last = 0;
    for (const m of numbers) {
      if (!all && m !== target) continue;
      out += text.slice(last, m.index) + replacement;
      last = (m.index ?? 0) + m[0].length;
    }
    return Buffer.from(out + text.slice(last), 'latin1');
  },
  deepNesting: (input, rng) => {
    const text = input.toString('utf8');
    const closed = rng.chance(0.7);
    if (text.trimStart().startsWith('{')) {
      // Put the deep value where the parser will look: profiles, frames, samples or events.
      const key = rng.pick(['"profiles":', '"frames":', '"samples":', '"events":', '"weights":']);
      const at = text.indexOf(key);
      if (at >= 0 && rng.chance(0.8)) return enc(text.slice(0, at + key.length) + deepJson(DEEP, rng, '', closed) + (closed ? ',"x":' : '') + text.slice(at + key.length));
      return enc(deepJson(DEEP, rng, text, closed));
    }
    // Raw text: one stack 100k frames deep.
    const frame = rng.pick(['f (/app/a.py:1)', 'g', 'thread (1)', 'process 1:"x"']);
    return enc(`${text}\n${Array.from({ length: DEEP }, () => frame).join(';')} ${1 + rng.int(9)}\n`);
  },
  megabyteName: (input, rng) => {
    const text = input.toString('utf8');
    const name = rng.chance(0.5) ? 'x'.repeat(MEGABYTE) : Array.from({ length: MEGABYTE / 32 }, () => rng.pick(HOSTILE_TEXT)).join('').slice(0, MEGABYTE);
    if (text.trimStart().startsWith('{')) {
      const names = [...text.matchAll(/"name"\s*:\s*"/g)];
      if (names.length === 0) return enc(`{"shared":{"frames":[{"name":${JSON.stringify(name)}}]},"profiles":[]}`);
      const m = rng.pick(names);
      const at = (m.index ?? 0) + m[0].length;
      return enc(text.slice(0, at) + JSON.stringify(name).slice(1, -1) + text.slice(at));
    }
    const ls = text.split('\n');
    const i = rng.int(ls.length);
    const segments = ls[i].split(';');
    segments[rng.int(segments.length)] = `${name} (/app/x.py:1)`;
    ls[i] = segments.join(';');
    return enc(ls.join('\n'));
  },
  invalidUtf8: (input, rng) => {
    const at = rng.chance(0.3) ? 0 : rng.int(input.length + 1);
    return Buffer.concat([input.subarray(0, at), Buffer.from(rng.pick(INVALID_UTF8)), input.subarray(at)]);
  },
  lineEndings: (input, rng) => {
    const text = input.toString('latin1');
    const style = rng.pick(['\r\n', '\r', '\n\n', '\r\r\n', '\u2028']);
    return Buffer.from(rng.chance(0.5) ? text.replace(/\n/g, style) : text.replace(/\n/, style), style === '\u2028' ? 'utf8' : 'latin1');
  },
  byteOrderMark: (input, rng) => {
    const bom = rng.pick([[0xef, 0xbb, 0xbf], [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb]]);
    const tail = rng.chance(0.2) ? Buffer.from(' \n\t') : Buffer.alloc(0);
    return Buffer.concat([Buffer.from(bom), tail, input]);
  },
  emptyish: (_input, rng) => enc(rng.pick(['', '\n', '\n\n\n', ' ', '\t\r\n', '\ufeff', '{}', '[]', 'null', '0', '{', '"', ' 1', ';', ';; 1'])),
  splice: (input, rng, ctx) => {
    const other = rng.pick(ctx.fixtures).bytes;
    return Buffer.concat([input.subarray(0, rng.int(input.length + 1)), other.subarray(rng.int(other.length + 1))]);
  },
  hostileText: (input, rng) => {
    const text = input.toString('utf8');
    const at = rng.int(text.length + 1);
    const s = rng.pick(HOSTILE_TEXT);
    return enc(text.slice(0, at) + (text.trimStart().startsWith('{') ? JSON.stringify(s).slice(1, -1) : s) + text.slice(at));
  },
  jsonStructure: (input, rng) => {
    let doc: unknown;
    try {
      doc = JSON.parse(input.toString('utf8'));
    } catch {
      return OPERATORS.bitFlips(input, rng, { fixtures: [] });
    }
    for (let k = 1 + rng.int(3); k > 0; k--) doc = mutateJsonTree(doc, rng);
    try {
      return enc(JSON.stringify(doc) ?? '');
    } catch {
      return OPERATORS.bitFlips(input, rng, { fixtures: [] }); // nested too deeply for JSON.stringify's recursion
    }
  },
  manyProfiles: (_input, rng) => {
    // More profiles than a spread argument list can take (V8's limit is ~120k arguments).
    const count = 135_000 + rng.int(10_000);
    const unit = rng.pick(['seconds', 'milliseconds', 'bytes', 'none']);
    const one = `{"type":"sampled","unit":"${unit}","startValue":0,"endValue":${rng.int(3)},"samples":[],"weights":[]}`;
    const head = rng.chance(0.5) ? '"exporter":"py-spy@0.4.3",' : '';
    return enc(`{${head}"shared":{"frames":[]},"profiles":[${Array.from({ length: count }, () => one).join(',')}]}`);
  },
  evented: (_input, rng) => {
    // Evented profiles: opens without closes, closes out of order, time running backwards, huge gaps.
    const n = 1 + rng.int(2000);
    const events: string[] = [];
    let at = 0;
    let open = 0;
    for (let i = 0; i < n; i++) {
      at += rng.chance(0.05) ? -1 : rng.chance(0.05) ? 1e308 : rng.int(5);
      const close = open > 0 && rng.chance(0.4);
      events.push(`{"type":"${close ? 'C' : 'O'}","frame":${rng.int(3)},"at":${at}}`);
      open += close ? -1 : 1;
    }
    return enc(
      `{"shared":{"frames":[{"name":"a"},{"name":"b","file":"/b.py","line":2},{"name":"c"}]},"profiles":[{"type":"evented","unit":"${rng.pick(['none', 'seconds'])}","startValue":0,"endValue":${at + rng.int(10)},"events":[${events.join(',')}]}]}`,
    );
  },
};

/** Operator names, in a fixed order (the first cases run each one alone). */
export const OPERATOR_NAMES: readonly string[] = Object.keys(OPERATORS);

/** Sidecar contents that must never stop a profile opening (or be trusted). */
const ODD_SIDECARS = ['{"sampleRate":1e309,"durationSec":-1}', '{"sampleRate":"100"}', '[1,2', '', 'null', '{"sampleRate":0}', `{"commandLine":"${'x'.repeat(2 * MEGABYTE)}"}`, '{"sampleRate":100,"durationSec":1e308}'];

/**
 * Builds case `index` of run `seed`. The first cases apply each operator alone to each kind of
 * input, so every operator runs in every run; later cases combine one to three at random.
 */
export function makeCase(seed: number, index: number, fixtures: readonly Fixture[]): FuzzCase {
  const rng = new Rng(caseSeed(seed, index));
  const fixture = rng.pick(fixtures);
  const ops: string[] = [];
  const warmup = OPERATOR_NAMES.length * 4;
  if (index < warmup) ops.push(OPERATOR_NAMES[index % OPERATOR_NAMES.length]);
  else for (let k = 1 + rng.int(3); k > 0; k--) ops.push(rng.pick(OPERATOR_NAMES));
  // Expensive operators are rare outside the warm-up, so the default run stays fast.
  for (let k = 0; k < ops.length; k++) {
    if (index >= warmup && (ops[k] === 'manyProfiles' || ops[k] === 'deepNesting' || ops[k] === 'megabyteName') && !rng.chance(0.15)) ops[k] = 'truncate';
  }
  let bytes: Buffer = fixture.bytes;
  for (const [k, op] of ops.entries()) {
    try {
      bytes = OPERATORS[op](bytes, rng, { fixtures });
    } catch {
      // A mutator limit (e.g. a string too long to build) must not end the run: cut instead.
      ops[k] = `${op}→truncate`;
      bytes = OPERATORS.truncate(bytes, rng, { fixtures });
    }
    // manyProfiles is large on purpose (its point is the profile count); everything else is capped.
    if (bytes.length > MAX_CASE_BYTES && op !== 'manyProfiles') bytes = bytes.subarray(0, MAX_CASE_BYTES);
  }
  const sidecar = rng.chance(0.08) ? enc(rng.pick(ODD_SIDECARS)) : undefined;
  return { index, fixture: fixture.name, ops, bytes, ...(sidecar !== undefined && { sidecar }) };
}
