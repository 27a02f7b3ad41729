// Loads an extension bundle with `vscode` resolved to bench/lib/vscodeStub.js and times
// require() + activate(), as VS Code's own activation time counts both. Records every child
// process, worker and file read from the moment the bundle starts loading, to show that nothing
// is spawned or parsed at activation. Prints one JSON line. Plain JavaScript: the measured
// process must not load a TypeScript loader.
//
//   node bench/lib/activationProbe.js BUNDLE
'use strict';

const Module = require('node:module');
const path = require('node:path');
const childProcess = require('node:child_process');
const fs = require('node:fs');
const workerThreads = require('node:worker_threads');

const bundle = path.resolve(process.argv[2]);
const stub = path.join(__dirname, 'vscodeStub.js');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? stub : resolve.call(this, request, ...rest);
};
const vscodeStub = require(stub); // loaded before timing: VS Code has its API ready before it activates us

const spawned = [];
const read = [];
let recording = false;
function watch(object, names, log) {
  for (const name of names) {
    const original = object[name];
    if (typeof original !== 'function') continue;
    object[name] = function (...args) {
      if (recording) log.push(`${name} ${String(args[0])}`);
      return original.apply(this, args);
    };
  }
}
watch(childProcess, ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'], spawned);
watch(fs, ['readFile', 'readFileSync', 'createReadStream', 'open', 'openSync'], read);
watch(fs.promises, ['readFile', 'open'], read);
const OriginalWorker = workerThreads.Worker;
workerThreads.Worker = class extends OriginalWorker {
  constructor(...args) {
    if (recording) spawned.push(`Worker ${String(args[0])}`);
    super(...args);
  }
};

const root = path.resolve(__dirname, '..', '..');
const memento = { get: (_k, fallback) => fallback, update: async () => undefined, keys: () => [], setKeysForSync: () => undefined };
const context = {
  subscriptions: [],
  extensionUri: { scheme: 'file', fsPath: root, path: root, toString: () => `file://${root}` },
  extensionPath: root,
  globalStorageUri: { scheme: 'file', fsPath: path.join(root, 'bench', 'out', 'storage'), path: path.join(root, 'bench', 'out', 'storage') },
  storageUri: undefined,
  logUri: { scheme: 'file', fsPath: path.join(root, 'bench', 'out', 'logs') },
  workspaceState: memento,
  globalState: memento,
  secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: () => ({ dispose() {} }) },
  extensionMode: 1,
  asAbsolutePath: (p) => path.join(root, p),
};

recording = true;
let started = 0;
let loaded = 0;
let activated = 0;
try {
  started = performance.now();
  const extension = require(bundle);
  loaded = performance.now();
  extension.activate(context);
  activated = performance.now();
} catch (err) {
  // One line: a minified bundle in a stack trace would flood the terminal.
  const where = String(err && err.stack).split('\n').find((l) => l.includes(' at ')) || '';
  process.stderr.write(`activation failed under the vscode stub: ${String(err && err.message).slice(0, 300)} ${where.trim().slice(0, 200)}\n`);
  process.exit(1);
}
// Work activation schedules (promises, timers) counts too: keep watching for a moment.
setTimeout(() => {
  recording = false;
  // The loader reading the bundle itself (and package.json lookups) is not the extension reading files.
  const ownReads = read.filter((r) => !r.includes(bundle) && !r.endsWith('package.json'));
  const result = {
    requireMs: loaded - started,
    activateMs: activated - loaded,
    spawned,
    read: ownReads,
    shown: vscodeStub.__shown,
    subscriptions: context.subscriptions.length,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0); // the extension's own timers (debounces) must not keep the probe alive
}, 300);
