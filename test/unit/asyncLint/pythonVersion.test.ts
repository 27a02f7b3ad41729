import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { atLeast, minimumPython, targetPythonFromPyproject } from '../../../src/core/asyncLint';

describe('target Python', () => {
  test('the minimum of a requires-python specifier is its lower bound', () => {
    assert.deepEqual(minimumPython('>=3.11'), { major: 3, minor: 11 });
    assert.deepEqual(minimumPython('>=3.9, <4'), { major: 3, minor: 9 });
    assert.deepEqual(minimumPython('~=3.12'), { major: 3, minor: 12 });
    assert.deepEqual(minimumPython('==3.13.*'), { major: 3, minor: 13 });
    assert.equal(minimumPython('<3.12'), undefined);
  });

  test('pyproject.toml is read from requires-python first, then ruff target-version', () => {
    assert.deepEqual(targetPythonFromPyproject('[project]\nrequires-python = ">=3.10"\n[tool.ruff]\ntarget-version = "py312"\n'), { major: 3, minor: 10 });
    assert.deepEqual(targetPythonFromPyproject('[tool.ruff]\ntarget-version = "py311"\n'), { major: 3, minor: 11 });
    assert.equal(targetPythonFromPyproject('[project]\nname = "x"\n'), undefined);
  });

  test('atLeast compares major and minor, and unknown is never enough', () => {
    assert.ok(atLeast({ major: 3, minor: 11 }, 3, 11));
    assert.ok(atLeast({ major: 4, minor: 0 }, 3, 11));
    assert.ok(!atLeast({ major: 3, minor: 10 }, 3, 11));
    assert.ok(!atLeast(undefined, 3, 11));
  });
});
