import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ToolMissingError } from '../../../src/core/errors';
import { resolveProgram } from '../../../src/core/verify/resolveProgram';

const dir = mkdtempSync(join(tmpdir(), 'pf-resolve-'));
const tool = join(dir, 'mytool');
writeFileSync(tool, '#!/bin/sh\n');
chmodSync(tool, 0o755);
writeFileSync(join(dir, 'notexec'), '');

test('a bare name is found on the PATH of the given environment', () => {
  assert.equal(resolveProgram('mytool', '/', { PATH: `/nonexistent:${dir}` }), tool);
});

test('a name with a slash is resolved against the working folder', () => {
  assert.equal(resolveProgram('./mytool', dir, { PATH: '' }), tool);
});

test('a bare name is not looked up in the working folder or in relative PATH entries', () => {
  assert.throws(() => resolveProgram('mytool', dir, { PATH: '.:bin' }), ToolMissingError);
});

test('a file without execute permission is not a program', () => {
  assert.throws(() => resolveProgram('./notexec', dir, { PATH: '' }), /is not an executable file/);
});

test('a missing program says it was not found on PATH', () => {
  assert.throws(() => resolveProgram('no-such-tool-xyz', dir, { PATH: dir }), /'no-such-tool-xyz' was not found on PATH/);
});
