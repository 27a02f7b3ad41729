import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPathMapper, type PathMapperOptions } from '../../../src/core/editor/pathMapper';

const workspace: PathMapperOptions = {
  workspaceRoots: ['/home/me/proj'],
  workspaceFiles: [
    '/home/me/proj/app/main.py',
    '/home/me/proj/app/models/user.py',
    '/home/me/proj/tests/models/user.py',
    '/home/me/proj/app/util.py',
    '/home/me/proj/scripts/util.py',
    '/home/me/proj/app/settings.py',
    '/home/me/proj/.venv/lib/python3.12/site-packages/requests/sessions.py',
  ],
  pathMappings: {},
  platform: 'linux',
};

test('a recorded path that is a workspace file maps to itself', () => {
  assert.deepEqual(createPathMapper(workspace).map('/home/me/proj/app/main.py'), { localPath: '/home/me/proj/app/main.py', how: 'exact' });
});

test('a recorded path outside the workspace maps exactly when the host says the file exists', () => {
  const mapper = createPathMapper({ ...workspace, fileExists: (p) => p === '/usr/lib/python3.12/json/decoder.py' });
  assert.deepEqual(mapper.map('/usr/lib/python3.12/json/decoder.py'), { localPath: '/usr/lib/python3.12/json/decoder.py', how: 'exact' });
});

test('a container path maps through the user prefix mapping', () => {
  const mapper = createPathMapper({ ...workspace, pathMappings: { '/srv/app': '/home/me/proj/app' } });
  assert.deepEqual(mapper.map('/srv/app/models/user.py'), {
    localPath: '/home/me/proj/app/models/user.py',
    how: 'mapping',
    note: 'path mapping /srv/app → /home/me/proj/app',
  });
});

test('the longest matching mapping prefix wins over a shorter one', () => {
  const mapper = createPathMapper({ ...workspace, pathMappings: { '/srv': '/home/me/proj/app', '/srv/tests': '/home/me/proj/tests' } });
  assert.equal(mapper.map('/srv/tests/models/user.py')?.localPath, '/home/me/proj/tests/models/user.py');
  assert.equal(mapper.map('/srv/models/user.py')?.localPath, '/home/me/proj/app/models/user.py');
});

test('a mapping whose target does not exist is noted and the suffix match still finds the file', () => {
  const mapper = createPathMapper({ ...workspace, pathMappings: { '/srv/app': '/elsewhere' } });
  assert.deepEqual(mapper.map('/srv/app/main.py'), {
    localPath: '/home/me/proj/app/main.py',
    how: 'suffix',
    note: 'path mapping /srv/app → /elsewhere gives /elsewhere/main.py, which does not exist',
  });
});

test('a relative path resolves against the workspace roots', () => {
  assert.deepEqual(createPathMapper(workspace).map('app/util.py'), { localPath: '/home/me/proj/app/util.py', how: 'relative' });
});

test('a relative path with ./ and ../ segments resolves lexically', () => {
  assert.equal(createPathMapper(workspace).map('./scripts/../app/settings.py')?.localPath, '/home/me/proj/app/settings.py');
});

test('a relative path found under two workspace roots is ambiguous and says so', () => {
  const mapper = createPathMapper({
    ...workspace,
    workspaceRoots: ['/home/me/a', '/home/me/b'],
    workspaceFiles: ['/home/me/a/app/x.py', '/home/me/b/app/x.py'],
  });
  assert.deepEqual(mapper.resolve('app/x.py'), {
    localPath: undefined,
    how: 'ambiguous',
    note:
      'app/x.py exists under 2 workspace folders; ambiguous: /home/me/a/app/x.py, /home/me/b/app/x.py each share the last 2 path segments with app/x.py; ' +
      'add a profileFirst.pathMappings entry to choose',
  });
});

test('a container path with no mapping matches the workspace file with the longest common suffix', () => {
  assert.deepEqual(createPathMapper(workspace).map('/srv/app/main.py'), { localPath: '/home/me/proj/app/main.py', how: 'suffix' });
});

test('with two candidates the suffix match picks the longer match and says why', () => {
  assert.deepEqual(createPathMapper(workspace).map('/srv/code/app/models/user.py'), {
    localPath: '/home/me/proj/app/models/user.py',
    how: 'suffix',
    note:
      'chose /home/me/proj/app/models/user.py: it shares the last 3 path segments (app/models/user.py) with /srv/code/app/models/user.py, ' +
      '/home/me/proj/tests/models/user.py only 2',
  });
});

test('two candidates matching equally long are not guessed: undefined, with a note', () => {
  const mapper = createPathMapper(workspace);
  assert.equal(mapper.map('/srv/other/util.py'), undefined);
  assert.deepEqual(mapper.resolve('/srv/other/util.py'), {
    localPath: undefined,
    how: 'ambiguous',
    note:
      'ambiguous: /home/me/proj/app/util.py, /home/me/proj/scripts/util.py each share the last path segment with /srv/other/util.py; ' +
      'add a profileFirst.pathMappings entry to choose',
  });
});

test('a file name that is unique in the workspace matches even when its directory differs, with a note', () => {
  assert.deepEqual(createPathMapper(workspace).map('/srv/config/settings.py'), {
    localPath: '/home/me/proj/app/settings.py',
    how: 'suffix',
    note: '/home/me/proj/app/settings.py is the only workspace file named settings.py',
  });
});

test('a library file is never mapped onto a workspace file that only shares its name', () => {
  const mapper = createPathMapper({ ...workspace, workspaceFiles: ['/home/me/proj/app/decoder.py'] });
  assert.deepEqual(mapper.resolve('/usr/lib/python3.12/json/decoder.py'), {
    localPath: undefined,
    how: 'notFound',
    note: '/usr/lib/python3.12/json/decoder.py is library code; only its file name matches /home/me/proj/app/decoder.py',
  });
});

test("a container's site-packages file maps onto the workspace venv's copy", () => {
  assert.equal(
    createPathMapper(workspace).map('/usr/local/lib/python3.12/site-packages/requests/sessions.py')?.localPath,
    '/home/me/proj/.venv/lib/python3.12/site-packages/requests/sessions.py',
  );
});

test('a Windows path opened on Linux matches by segment', () => {
  assert.deepEqual(createPathMapper(workspace).map('C:\\proj\\app\\models\\user.py')?.localPath, '/home/me/proj/app/models/user.py');
});

test('a Windows prefix mapping applies on Linux, ignoring the case of the recorded path', () => {
  const mapper = createPathMapper({ ...workspace, pathMappings: { 'C:\\Work\\Proj': '/home/me/proj' } });
  assert.deepEqual(mapper.map('c:\\work\\proj\\app\\util.py'), {
    localPath: '/home/me/proj/app/util.py',
    how: 'mapping',
    note: 'path mapping C:\\Work\\Proj → /home/me/proj',
  });
});

test('on Windows a recorded path with other case and forward slashes is the same file', () => {
  const mapper = createPathMapper({
    workspaceRoots: ['C:\\proj'],
    workspaceFiles: ['C:\\proj\\app\\main.py'],
    pathMappings: {},
    platform: 'win32',
  });
  assert.deepEqual(mapper.map('c:/Proj/app/MAIN.py'), { localPath: 'C:\\proj\\app\\main.py', how: 'exact' });
});

test('on Windows a mapped path is written with backslashes when checked on disk', () => {
  const checked: string[] = [];
  const mapper = createPathMapper({
    workspaceRoots: ['C:\\proj'],
    workspaceFiles: [],
    pathMappings: { '/srv/app': 'D:\\code\\app' },
    platform: 'win32',
    fileExists: (p) => (checked.push(p), p === 'D:\\code\\app\\x.py'),
  });
  assert.deepEqual(mapper.map('/srv/app/x.py'), { localPath: 'D:\\code\\app\\x.py', how: 'mapping', note: 'path mapping /srv/app → D:\\code\\app' });
  assert.deepEqual(checked, ['D:\\code\\app\\x.py']);
});

test('on Linux the case of a recorded path must match', () => {
  assert.deepEqual(createPathMapper(workspace).resolve('/srv/APP/Main.py'), {
    localPath: undefined,
    how: 'notFound',
    note: 'no workspace file is named Main.py',
  });
});

test('frozen modules and exec strings are not files', () => {
  const mapper = createPathMapper(workspace);
  assert.deepEqual(mapper.resolve('<frozen importlib._bootstrap>'), { localPath: undefined, how: 'notAFile', note: '<frozen importlib._bootstrap> is not a file on disk' });
  assert.equal(mapper.map('<string>'), undefined);
  assert.equal(mapper.map(''), undefined);
});
