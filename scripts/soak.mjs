#!/usr/bin/env node
// `npm run soak`: the reliability tests at the full size, too long for `npm test`:
// 50,000 fuzzed profile files (and the CLI on 200 of the refused ones), and 100 start/cancel
// cycles each of launch and attach recordings with the real py-spy. The counts can be changed
// through the same variables the tests read (PF_FUZZ_CASES, PF_FUZZ_CLI, PF_CYCLES), and a fuzz
// run is replayed with PF_FUZZ_SEED. The last line is the test runner's summary.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = ['test/unit/fuzz/parsers.fuzz.test.ts', 'test/integration/reliability/cycles.test.ts'];

if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.log('== build (the fuzz test runs dist/cli.js)');
  const b = spawnSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const env = {
  ...process.env,
  PF_FUZZ_CASES: process.env.PF_FUZZ_CASES || '50000',
  PF_FUZZ_CLI: process.env.PF_FUZZ_CLI || '200',
  PF_CYCLES: process.env.PF_CYCLES || '100',
  PROFILE_FIRST_ROOT: root,
};
console.log(`== soak: ${env.PF_FUZZ_CASES} fuzz cases (CLI on ${env.PF_FUZZ_CLI}), ${env.PF_CYCLES} launch and ${env.PF_CYCLES} attach cycles`);
const started = Date.now();
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', '--test-timeout=7200000', ...files], {
  cwd: root,
  stdio: 'inherit',
  env,
});
console.log(`soak took ${((Date.now() - started) / 60000).toFixed(1)} min`);
process.exit(r.status ?? 1);
