import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { BENCH_OUT } from '../generate/benchInputs';
import type { BenchSuite } from '../lib/benchContext';
import { row, type BenchRow } from '../lib/benchRow';
import { productionBundles } from '../lib/bundles';
import { median } from '../lib/measureProcess';

/**
 * Extension activation: require() + activate() of the production bundle in a fresh Node process
 * with `vscode` stubbed (bench/lib/activationProbe.js), against an extension that only registers
 * one command, loaded the same way; whether anything was spawned or read; and the bundle's size.
 */

const PROBE = path.join(__dirname, '..', 'lib', 'activationProbe.js');
const TRIVIAL_EXTENSION = `const vscode = require('vscode');
exports.activate = (context) => {
  context.subscriptions.push(vscode.commands.registerCommand('bench.noop', () => undefined));
};
`;

interface ProbeResult {
  readonly requireMs: number;
  readonly activateMs: number;
  readonly spawned: readonly string[];
  readonly read: readonly string[];
  readonly shown: readonly string[];
}

function probe(bundle: string): ProbeResult {
  return JSON.parse(execFileSync(process.execPath, [PROBE, bundle], { encoding: 'utf8' })) as ProbeResult;
}

function medianActivation(bundle: string, runs: number): { ms: number; last: ProbeResult } {
  probe(bundle); // warm the file cache, as a second window start would
  const results = Array.from({ length: runs }, () => probe(bundle));
  return { ms: median(results.map((r) => r.requireMs + r.activateMs)), last: results[results.length - 1] };
}

export const activationSuite: BenchSuite = {
  name: 'activation',
  async run(ctx) {
    const { extension } = await productionBundles();
    const trivial = path.join(BENCH_OUT, 'build', 'trivialExtension.js');
    mkdirSync(path.dirname(trivial), { recursive: true });
    writeFileSync(trivial, TRIVIAL_EXTENSION);
    const runs = ctx.sizes.mode === 'tiny' ? 1 : 7;
    ctx.log(`extension activation (${runs} fresh processes each)`);
    const ours = medianActivation(extension, runs);
    const base = medianActivation(trivial, runs);
    if (ours.last.shown.length > 0) throw new Error(`activation showed messages under the stub: ${ours.last.shown.join(' | ')}`);
    const effects = ours.last.spawned.length + ours.last.read.length;
    const bytes = statSync(extension).size;
    // The lint engine (parser glue and rules) is a bundle of its own, required at the first lint.
    const lintEngineBytes = statSync(path.join(path.dirname(extension), 'lintEngine.js')).size;
    const rows: BenchRow[] = [
      row({
        name: 'extension activation (require + activate)',
        value: ours.ms,
        unit: 'ms',
        baseline: base.ms,
        baselineWhat: 'an extension registering one command',
        target: { on: 'value', max: 50 },
        note: `median of ${runs} fresh Node processes, vscode stubbed; activate() alone ${ours.last.activateMs.toFixed(1)} ms`,
      }),
      row({
        name: 'activation: processes spawned + files read',
        value: effects,
        unit: 'calls',
        baseline: 0,
        baselineWhat: 'target',
        target: { on: 'value', max: 0 },
        note: effects === 0 ? 'nothing spawned, nothing read or parsed (watched for 300 ms after activate)' : [...ours.last.spawned, ...ours.last.read].join('; '),
      }),
      row({
        name: 'extension bundle size (production, without wasm)',
        value: bytes / 1024,
        unit: 'KiB',
        baseline: 1024,
        baselineWhat: 'target 1 MB',
        target: { on: 'value', max: 1024 },
        note: `minified as \`npm run package\` builds it; beside it ship the tree-sitter wasm files and lintEngine.js (${(lintEngineBytes / 1024).toFixed(0)} KiB, loaded at the first lint)`,
      }),
    ];
    return rows;
  },
};
