import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseName, joinPath, splitPath } from '../../../src/core/editor/pathSegments';

test('a POSIX path splits on slashes only, so a backslash stays part of a name', () => {
  assert.deepEqual(splitPath('/srv/app/a\\b.py'), { absolute: true, windows: false, unc: false, segments: ['srv', 'app', 'a\\b.py'] });
});

test('a Windows path splits on both separators and keeps its drive as the first segment', () => {
  assert.deepEqual(splitPath('C:\\proj/app\\x.py'), { absolute: true, windows: true, unc: false, segments: ['C:', 'proj', 'app', 'x.py'] });
});

test('a UNC path is absolute and is written back with its prefix on Windows', () => {
  const split = splitPath('\\\\server\\share\\x.py');
  assert.deepEqual(split, { absolute: true, windows: true, unc: true, segments: ['server', 'share', 'x.py'] });
  assert.equal(joinPath(split, 'win32'), '\\\\server\\share\\x.py');
});

test('.. never climbs above the root or the drive, and a leading .. of a relative path is kept', () => {
  assert.deepEqual(splitPath('/a/../../b.py').segments, ['b.py']);
  assert.deepEqual(splitPath('C:\\..\\b.py').segments, ['C:', 'b.py']);
  assert.deepEqual(splitPath('../a/./b.py').segments, ['..', 'a', 'b.py']);
});

test('segments are written back in the style of the platform the file is opened on', () => {
  assert.equal(joinPath(splitPath('C:\\proj\\x.py'), 'win32'), 'C:\\proj\\x.py');
  assert.equal(joinPath(splitPath('/srv/x.py'), 'linux'), '/srv/x.py');
  assert.equal(joinPath(splitPath('app\\x.py'), 'linux'), 'app/x.py');
});

test('the base name of a path in either style is its last segment', () => {
  assert.equal(baseName('C:\\proj\\x.py'), 'x.py');
  assert.equal(baseName('/srv/app/y.py'), 'y.py');
});
