// Writes one synthetic profile (deterministic for a seed), for trying the parsers by hand:
//
//   node --import tsx bench/generate.ts raw|speedscope UNIQUE_STACKS OUT_FILE [--seed N] [--threads N]
//
// e.g. `... raw 100000 /tmp/p.txt` writes ~120 MB of py-spy raw text. The benchmarks generate
// their own inputs through bench/generate/benchInputs.ts and cache them in bench/out/.
import { writeRawProfile, writeSpeedscopeProfile } from './generate/writeProfiles';

function option(args: string[], name: string): number | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : undefined;
}

const args = process.argv.slice(2);
const [format, stacks, out] = args;
if ((format !== 'raw' && format !== 'speedscope') || !(Number(stacks) > 0) || out === undefined) {
  console.error('usage: bench/generate.ts raw|speedscope UNIQUE_STACKS OUT_FILE [--seed N] [--threads N]');
  process.exit(2);
}
const shape = { uniqueStacks: Math.floor(Number(stacks)), seed: option(args, '--seed') ?? 1, threads: option(args, '--threads') ?? 0 };
const written = format === 'raw' ? writeRawProfile(out, shape) : writeSpeedscopeProfile(out, shape);
console.log(`${out}: ${(written.bytes / 1e6).toFixed(1)} MB, ${written.uniqueStacks} distinct stacks, ${written.samples} samples`);
