#!/usr/bin/env node
// `npm run demo`: the main job end to end on a fresh machine. Installs what is missing, builds,
// profiles examples/ with the real py-spy and memray, prints the hottest lines and the
// sequential-await findings, writes a self-contained
// HTML flame graph, packages the .vsix and opens VS Code on examples/ with the extension
// installed: `code` when it is on PATH, otherwise a local code-server on 127.0.0.1.
// With --no-open (or CI=true, or no terminal) it stops before opening an editor.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.profile-first', 'demo');
const venvPython = join(root, '.venv', process.platform === 'win32' ? 'Scripts/python.exe' : 'bin/python');
const cli = join(root, 'dist', 'cli.js');
const noOpen = process.argv.includes('--no-open') || process.env.CI === 'true' || !process.stdout.isTTY;

function title(text) {
  console.log(`\n\x1b[1m== ${text}\x1b[0m`);
}

function run(cmd, args, { allowFail = false } = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (!allowFail && (r.error || r.status !== 0)) {
    console.error(`demo: '${[cmd, ...args].join(' ')}' failed${r.error ? `: ${r.error.message}` : ` (exit status ${r.status})`}.`);
    process.exit(1);
  }
  return r.status ?? 1;
}

function onPath(name) {
  const r = spawnSync(process.platform === 'win32' ? 'where' : 'which', [name], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0].trim() : undefined;
}

title('Set-up');
run(process.execPath, [join(root, 'scripts', 'setup.mjs')]);
run(process.execPath, [join(root, 'esbuild.mjs')]);
mkdirSync(out, { recursive: true });

title('CPU profile of examples/cpu_hot.py (py-spy, 100 Hz, 2 s)');
const cpuProfile = join(out, 'cpu_hot.speedscope.json');
run(process.execPath, [cli, 'record', '--rate', '100', '-o', cpuProfile, '--', venvPython, join(root, 'examples', 'cpu_hot.py'), '2']);

title('Hottest lines');
run(process.execPath, [cli, 'report', cpuProfile, '--top', '8']);

title('Memory profile of examples/mem_hot.py (memray, memory held at the peak)');
const memProfile = join(out, 'mem_hot.bin');
run(process.execPath, [cli, 'memory', '-o', memProfile, '--', venvPython, join(root, 'examples', 'mem_hot.py')]);
run(process.execPath, [cli, 'report', memProfile, '--top', '5']);

title('Sequential awaits in examples/ (exit status 1 means findings)');
run(process.execPath, [cli, 'lint', join(root, 'examples')], { allowFail: true });

title('Self-contained HTML flame graph');
const htmlOut = join(out, 'cpu_hot.html');
run(process.execPath, [cli, 'html', cpuProfile, '-o', htmlOut]);

title('Packaging the extension');
run('npm', ['run', '--silent', 'package']);
const vsix = join(root, 'profile-first.vsix');

if (noOpen) {
  title('Done');
  console.log(`Profile: ${cpuProfile}\nHTML flame graph: ${htmlOut}\nExtension: ${vsix}`);
  console.log('Not opening an editor (--no-open, CI or no terminal). Run `npm run demo` in a terminal to open VS Code.');
  process.exit(0);
}

title('Opening VS Code on examples/');
const code = onPath('code');
if (code !== undefined) {
  run(code, ['--install-extension', vsix, '--force']);
  run(code, [join(root, 'examples')]);
  console.log('VS Code is open on examples/. Run "Profile First: Profile Python File" on cpu_hot.py.');
  process.exit(0);
}
const serverScript = join(root, 'test', 'e2e', 'serve.ts');
if (!existsSync(serverScript)) {
  console.error('demo: neither `code` nor the code-server harness (test/e2e) is available.');
  process.exit(1);
}
console.log('`code` is not on PATH: installing and starting a local code-server on 127.0.0.1 (Ctrl+C to stop).');
run(process.execPath, [join(root, 'test', 'e2e', 'setup.mjs')]);
const child = spawn(process.execPath, ['--import', 'tsx', serverScript, '--workspace', join(root, 'examples'), '--vsix', vsix], { cwd: root, stdio: 'inherit' });
process.on('SIGINT', () => child.kill('SIGINT'));
child.on('exit', (code) => process.exit(code ?? 0));
