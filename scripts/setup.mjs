#!/usr/bin/env node
// Installs what the project needs on a fresh machine, idempotently, and says what it did:
// npm packages (npm ci when node_modules is missing or older than the lock file) and the
// project's .venv with the pinned py-spy and memray (python/requirements-dev.txt).
// Plain Node with no dependencies, because it runs before `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');

function step(text) {
  if (!quiet) console.log(`setup: ${text}`);
}

function fail(text) {
  console.error(`setup: ${text}`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit', ...opts });
  if (r.error) fail(`could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`'${cmd} ${args.join(' ')}' failed with exit status ${r.status}.`);
}

function npmPackages() {
  const stamp = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= statSync(lock).mtimeMs) {
    step('npm packages are installed');
    return;
  }
  step('installing npm packages (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

function findPython() {
  for (const candidate of [process.env.PROFILE_FIRST_PYTHON, 'python3', 'python'].filter(Boolean)) {
    const r = spawnSync(candidate, ['-c', 'import sys; print(sys.version_info[:2] >= (3, 8))'], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim() === 'True') return candidate;
  }
  fail('no Python 3.8 or newer found. Install python3 (with venv and pip) and run this again.');
}

function venv() {
  const venvDir = join(root, '.venv');
  const bin = process.platform === 'win32' ? join(venvDir, 'Scripts') : join(venvDir, 'bin');
  const py = join(bin, process.platform === 'win32' ? 'python.exe' : 'python');
  const requirements = join(root, 'python', 'requirements-dev.txt');
  const stamp = join(venvDir, '.requirements-installed');
  const wanted = readFileSync(requirements, 'utf8');
  if (existsSync(py) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) {
    step('.venv has the pinned py-spy and memray');
    return;
  }
  if (!existsSync(py)) {
    step('creating .venv');
    run(findPython(), ['-m', 'venv', venvDir]);
  }
  step('installing python/requirements-dev.txt into .venv (py-spy, memray, uvloop for tests)');
  run(py, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirements]);
  writeFileSync(stamp, wanted);
}

npmPackages();
venv();
