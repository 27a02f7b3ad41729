import assert from 'node:assert/strict';
import { test } from 'node:test';
import { descendantsOf } from '../../../src/core/capture/processTree';

test('descendants are found breadth first, children before grandchildren', () => {
  const table = [
    { pid: 10, ppid: 1 },
    { pid: 11, ppid: 10 },
    { pid: 12, ppid: 10 },
    { pid: 13, ppid: 11 },
    { pid: 14, ppid: 13 },
    { pid: 20, ppid: 1 },
  ];
  assert.deepEqual(descendantsOf(10, table), [11, 12, 13, 14]);
  assert.deepEqual(descendantsOf(20, table), []);
});

test('a cycle in a racy process table does not loop forever', () => {
  assert.deepEqual(descendantsOf(1, [{ pid: 2, ppid: 1 }, { pid: 1, ppid: 2 }]), [2]);
});
