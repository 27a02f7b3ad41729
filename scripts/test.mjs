#!/usr/bin/env node
// `npm test`: set-up, then typecheck, lint, build and package, then every test layer (unit,
// integration, end-to-end) in ONE node test runner invocation, so its summary is the last line.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2); // e.g. `npm test -- unit` runs only test/unit

function run(label, cmd, args) {
  console.log(`\n== ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.error || r.status !== 0) {
    console.error(`${label} failed${r.error ? `: ${r.error.message}` : ` (exit status ${r.status})`}.`);
    process.exit(r.status || 1);
  }
}

function testFiles(dir) {
  const out = [];
  const abs = join(root, dir);
  if (!existsSync(abs)) return out;
  for (const name of readdirSync(abs)) {
    if (name === 'node_modules' || name === 'artifacts' || name === 'electron') continue;
    const p = join(abs, name);
    if (statSync(p).isDirectory()) out.push(...testFiles(relative(root, p)));
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out.sort();
}

const layers = only.length > 0 ? only : ['unit', 'integration', 'e2e'];
run('set-up', process.execPath, [join(root, 'scripts', 'setup.mjs')]);
if (layers.includes('e2e') && existsSync(join(root, 'test', 'e2e', 'setup.mjs'))) {
  run('end-to-end set-up', process.execPath, [join(root, 'test', 'e2e', 'setup.mjs')]);
}
run('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']);
run('typecheck webview', 'npx', ['tsc', '--noEmit', '-p', 'webview']);
run('lint', 'npx', ['eslint', '--max-warnings', '0', '.']);
run('package', 'npm', ['run', '--silent', 'package']);

const files = layers.flatMap((layer) => testFiles(join('test', layer)));
if (files.length === 0) {
  console.error('No test files found.');
  process.exit(1);
}
console.log(`\n== tests (${layers.join(', ')}): ${files.length} files`);
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', '--test-timeout=600000', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, PROFILE_FIRST_ROOT: root } },
);
process.exit(r.status ?? 1);
