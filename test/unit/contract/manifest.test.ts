// Contract between package.json and the code: every declared command is registered and every
// registered command is declared; every declared setting is read and every read setting is
// declared; executable settings are machine-scoped and restricted in untrusted workspaces.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    configuration: { properties: Record<string, { scope?: string; markdownDescription?: string; description?: string; default?: unknown }> };
    menus: Record<string, { command: string }[]>;
  };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
};

function sources(dir: string): string {
  let text = '';
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) text += sources(p);
    else if (name.endsWith('.ts')) text += `\n${readFileSync(p, 'utf8')}`;
  }
  return text;
}

const hostCode = sources(join(root, 'src', 'host'));
/** Command ids registered in src/host: `register('id'` / `registerCommand('id'`, or through a `const X = 'id'`. */
function registeredCommands(): string[] {
  const constants = new Map([...hostCode.matchAll(/const (\w+) = '(profileFirst\.[\w.]+)'/g)].map((m) => [m[1], m[2]] as const));
  const ids: string[] = [];
  for (const m of hostCode.matchAll(/\b(?:registerCommand|register)\(\s*(?:'(profileFirst\.[\w.]+)'|(\w+)\s*,)/g)) {
    const id = m[1] ?? constants.get(m[2]);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

const declaredCommands = manifest.contributes.commands.map((c) => c.command).sort();
const declaredSettings = Object.keys(manifest.contributes.configuration.properties).sort();

test('every declared command is registered by the extension', () => {
  const registered = registeredCommands();
  for (const id of declaredCommands) assert.ok(registered.includes(id), `${id} is declared in package.json but never registered`);
});

test('every registered command is declared in package.json', () => {
  const registered = registeredCommands();
  assert.ok(registered.length > 0, 'no registerCommand calls found');
  for (const id of registered) assert.ok(declaredCommands.includes(id), `${id} is registered but not declared in package.json`);
});

test('every command has the Profile First category and a title', () => {
  for (const c of manifest.contributes.commands) {
    assert.equal(c.category, 'Profile First', `${c.command} category`);
    assert.ok(c.title.length > 0, `${c.command} title`);
  }
});

test('menus only refer to declared commands', () => {
  for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
    for (const item of items) assert.ok(declaredCommands.includes(item.command), `${menu} refers to undeclared ${item.command}`);
  }
});

const settingReads = [...hostCode.matchAll(/(?:readNumber|readBool|readString|readEnum|readObject|readMachineSetting)(?:<[^>]*>)?\(\s*'([\w.]+)'/g)].map((m) => `profileFirst.${m[1]}`);

test('every declared setting is read by the extension', () => {
  for (const key of declaredSettings) assert.ok(settingReads.includes(key), `${key} is declared but never read`);
});

test('every setting the extension reads is declared', () => {
  assert.ok(settingReads.length > 0, 'no setting reads found');
  for (const key of settingReads) assert.ok(declaredSettings.includes(key), `${key} is read but not declared in package.json`);
});

test('every setting has a description and a default', () => {
  for (const [key, spec] of Object.entries(manifest.contributes.configuration.properties)) {
    assert.ok((spec.markdownDescription ?? spec.description ?? '').length > 10, `${key} needs a description`);
    assert.ok('default' in spec, `${key} needs a default`);
  }
});

test('settings that name an executable or a path are machine-scoped and restricted', () => {
  const machine = [...hostCode.matchAll(/readMachineSetting(?:<[^>]*>)?\(\s*'([\w.]+)'/g)].map((m) => `profileFirst.${m[1]}`);
  assert.ok(machine.includes('profileFirst.pyspyPath'));
  const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
  for (const key of machine) {
    assert.equal(manifest.contributes.configuration.properties[key]?.scope, 'machine', `${key} must be machine-scoped`);
    assert.ok(restricted.includes(key), `${key} must be a restricted configuration`);
  }
});
