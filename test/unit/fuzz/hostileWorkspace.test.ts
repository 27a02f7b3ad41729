/**
 * A hostile workspace runs nothing (issue 9, point 3), from the manifest and the host's source:
 * a cloned repository's .vscode/settings.json must not be able to choose what Profile First runs,
 * with what arguments, or where it writes. test/unit/contract/manifest.test.ts checks the settings
 * the host reads with readMachineSetting; this file names them, so dropping one from that reader
 * cannot also drop its protection, and checks the declarations themselves.
 * (Refusing to record in Restricted Mode is behaviour of the running extension: the E2E suite.)
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..', '..');

interface SettingSpec {
  readonly type?: string | string[];
  readonly scope?: string;
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, SettingSpec> } };
  capabilities?: { untrustedWorkspaces?: { supported?: boolean | string; description?: string; restrictedConfigurations?: string[] } };
};
const settings = manifest.contributes.configuration.properties;
const untrusted = manifest.capabilities?.untrustedWorkspaces;
const restricted = untrusted?.restrictedConfigurations ?? [];

/** The settings that name an executable, its arguments or an output folder (memrayPath once memray support declares it). */
const EXECUTION_SETTINGS = ['profileFirst.pyspyPath', 'profileFirst.pythonPath', 'profileFirst.programArgs', 'profileFirst.outputDirectory', ...('profileFirst.memrayPath' in settings ? ['profileFirst.memrayPath'] : [])];

/** Setting names that say "a program, its arguments or a place on disk". */
const EXECUTION_NAME = /(Path|Directory|Dir|Folder|Args|Arguments|Executable|Command|Interpreter|Binary)$/;

function sources(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (name.endsWith('.ts')) out.push({ file: p.slice(root.length + 1), text: readFileSync(p, 'utf8') });
  }
  return out;
}

test('pyspyPath, pythonPath, programArgs and outputDirectory (and memrayPath when declared) are machine-scoped and restricted in untrusted workspaces', () => {
  for (const key of EXECUTION_SETTINGS) {
    assert.ok(key in settings, `${key} is not declared in package.json`);
    assert.equal(settings[key].scope, 'machine', `${key} must have "scope": "machine"`);
    assert.ok(restricted.includes(key), `${key} must be listed in capabilities.untrustedWorkspaces.restrictedConfigurations`);
  }
});

test('any other setting named like a program, its arguments or a folder is protected the same way', () => {
  const named = Object.keys(settings).filter((key) => EXECUTION_NAME.test(key) && !EXECUTION_SETTINGS.includes(key));
  for (const key of named) {
    assert.equal(settings[key].scope, 'machine', `${key} looks like it names a program or a folder: make it machine-scoped (or rename it)`);
    assert.ok(restricted.includes(key), `${key} looks like it names a program or a folder: list it under restrictedConfigurations`);
  }
});

test('every restricted configuration names a declared setting, so a typo cannot leave one unprotected', () => {
  for (const key of restricted) assert.ok(key in settings, `restrictedConfigurations lists ${key}, which is not a declared setting`);
});

test('the extension declares limited support for untrusted workspaces, with a description', () => {
  assert.equal(untrusted?.supported, 'limited');
  assert.ok((untrusted?.description ?? '').length > 20, 'say what works in Restricted Mode and what does not');
});

test('the host reads executable settings only through inspect(), never with get(), which would take a workspace value', () => {
  const keys = [...EXECUTION_SETTINGS.map((k) => k.slice('profileFirst.'.length)), 'defaultInterpreterPath'];
  const get = new RegExp(`\\.get(?:<[^>]*>)?\\(\\s*['"\`](?:profileFirst\\.)?(?:python\\.)?(${keys.join('|')})['"\`]`);
  for (const { file, text } of sources(join(root, 'src', 'host'))) {
    const m = get.exec(text);
    assert.equal(m, null, `${file} reads ${m?.[1]} with get(): use readMachineSetting / inspect() and take only the user value`);
  }
  const settingsTs = readFileSync(join(root, 'src', 'host', 'settings.ts'), 'utf8');
  const list = /MACHINE_SETTINGS\s*=\s*\[([^\]]*)\]/.exec(settingsTs)?.[1] ?? '';
  for (const key of EXECUTION_SETTINGS) {
    assert.ok(list.includes(`'${key.slice('profileFirst.'.length)}'`), `${key} is missing from MACHINE_SETTINGS in src/host/settings.ts`);
  }
});
