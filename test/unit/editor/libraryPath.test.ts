import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLibraryPath } from '../../../src/core/editor/libraryPath';

test('a file under site-packages is library code', () => {
  assert.equal(isLibraryPath('/home/me/proj/.venv/lib/python3.12/site-packages/requests/sessions.py'), true);
});

test("a file under Debian's dist-packages is library code", () => {
  assert.equal(isLibraryPath('/usr/lib/python3/dist-packages/yaml/__init__.py'), true);
});

test('a file of the standard library under lib/pythonX.Y is library code', () => {
  assert.equal(isLibraryPath('/usr/lib/python3.12/json/decoder.py'), true);
  assert.equal(isLibraryPath('/root/.pyenv/versions/3.13.1/lib/python3.13t/asyncio/events.py'), true);
});

test("a file of the Windows installer's standard library is library code", () => {
  assert.equal(isLibraryPath('C:\\Users\\me\\AppData\\Local\\Programs\\Python\\Python312\\Lib\\json\\decoder.py'), true);
  assert.equal(isLibraryPath('C:\\proj\\.venv\\Lib\\site-packages\\numpy\\core\\numeric.py'), true);
});

test('frozen modules and exec strings are library code', () => {
  assert.equal(isLibraryPath('<frozen importlib._bootstrap>'), true);
  assert.equal(isLibraryPath('<string>'), true);
});

test("the user's own files are not library code, even in a folder named lib", () => {
  assert.equal(isLibraryPath('/home/me/proj/app/main.py'), false);
  assert.equal(isLibraryPath('/home/me/proj/lib/python3.py'), false);
  assert.equal(isLibraryPath('C:\\proj\\lib\\util.py'), false);
  assert.equal(isLibraryPath('app/main.py'), false);
});
