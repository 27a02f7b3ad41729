/** Where the harness finds its tools, the packaged extension and the repository's examples. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The pins shared with setup.mjs (test/e2e/toolchain.json). */
interface Toolchain {
  readonly node: string;
  readonly chromium: string;
}

export const e2eDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(e2eDir, '..', '..');
export const artifactsDir = join(e2eDir, 'artifacts');
export const fixturesDir = join(e2eDir, 'fixtures');
export const examplesDir = join(repoRoot, 'examples');
export const vsixPath = join(repoRoot, 'profile-first.vsix');
export const pySpyPath = join(repoRoot, '.venv', 'bin', 'py-spy');

const toolchain = JSON.parse(readFileSync(join(e2eDir, 'toolchain.json'), 'utf8')) as Toolchain;

/** Node 24 from the npm package node@<pin>, installed by setup.mjs. */
export const node24BinDir = join(repoRoot, '.tools', 'node24', 'node_modules', 'node', 'bin');
export const node24 = join(node24BinDir, 'node');
export const codeServerEntry = join(e2eDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
/** Debian's chromium unless E2E_CHROMIUM names another binary (never a downloaded one). */
export const chromiumPath = process.env.E2E_CHROMIUM ?? toolchain.chromium;

const SETUP_HINT = 'run `node test/e2e/setup.mjs` first';

/** Throws a message saying how to get whatever the harness needs and is missing. */
export function checkPrerequisites(needs: { vsix: boolean; pySpy: boolean }): void {
  const missing: string[] = [];
  if (!existsSync(node24)) missing.push(`Node ${toolchain.node} (${node24}): ${SETUP_HINT}`);
  if (!existsSync(codeServerEntry)) missing.push(`code-server (${codeServerEntry}): ${SETUP_HINT}`);
  if (!existsSync(chromiumPath)) missing.push(`Chromium (${chromiumPath}): apt-get install -y chromium (or ${SETUP_HINT} as root)`);
  if (needs.vsix && !existsSync(vsixPath)) missing.push(`the packaged extension (${vsixPath}): run \`npm run package\``);
  if (needs.pySpy && !existsSync(pySpyPath)) missing.push(`py-spy (${pySpyPath}): run \`npm run setup\` (creates .venv with py-spy)`);
  if (missing.length > 0) throw new Error(`E2E prerequisites missing:\n  - ${missing.join('\n  - ')}`);
}


/**
 * The real CPython behind `python3` (sys.executable), not a pyenv shim: py-spy launching a shim
 * (a bash script that execs Python) gives up with "Failed to find python version from target
 * process" when the exec takes longer than its ~1 s retry, as it does on a loaded machine.
 */
export function realPython(): string {
  const result = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  const executable = result.stdout?.trim() ?? '';
  if (result.status !== 0 || executable === '') throw new Error('python3 is not on PATH: install Python 3 (apt-get install -y python3)');
  return executable;
}
