// The harness itself, without the extension: code-server starts, Chromium opens the workspace.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { screenshot } from './harness/artifacts';
import { useSession } from './harness/session';
import { explorerItem, openFile, readEditorLineText, waitForActiveEditor } from './harness/workbench';

const current = useSession({ name: 'smoke', withExtension: false });

test('code-server opens examples/ in Chromium and the explorer lists cpu_hot.py', { timeout: 120_000 }, async () => {
  const { page } = current();
  await explorerItem(page, 'cpu_hot.py').waitFor({ state: 'visible', timeout: 30_000 });
  await screenshot(page, 'smoke-01-explorer');
});

test('Quick Open shows cpu_hot.py in an editor with its hot line', { timeout: 120_000 }, async () => {
  const { page } = current();
  await openFile(page, 'cpu_hot.py');
  await waitForActiveEditor(page, 'cpu_hot.py');
  const line = await readEditorLineText(page, 13);
  assert.match(line ?? '', /total \+= .*# HOT/);
  await screenshot(page, 'smoke-02-editor');
});
