/** Frame fills (webview/frameColors.ts): kinds, the search match, and differential colours in comparisons. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FlameNode } from '../../../src/core/model/flameTree';
import { frameFill, largestAbsDelta, SEARCH_MATCH_FILL } from '../../../webview/frameColors';

function node(name: string, delta?: number, children: FlameNode[] = []): FlameNode {
  return { id: 0, name, kind: 'python', self: 1, total: 1, children, ...(delta !== undefined ? { delta } : {}) };
}

describe('frame colours', () => {
  it('colours a grown frame red, a shrunk one blue, saturated by |delta| over the largest |delta|', () => {
    assert.equal(frameFill(node('f', 2), false, 2), 'rgb(235, 47, 47)');
    assert.equal(frameFill(node('f', 1), false, 2), 'rgb(235, 141, 141)');
    assert.equal(frameFill(node('f', -1), false, 2), 'rgb(141, 141, 235)');
    assert.equal(frameFill(node('f', -4), false, 2), 'rgb(47, 47, 235)', 'clamped at full strength');
  });

  it('colours an unchanged frame near-white', () => {
    assert.equal(frameFill(node('f', 0), false, 2), 'rgb(235, 235, 235)');
    assert.equal(frameFill(node('f', 0.5), false, 0), 'rgb(235, 235, 235)', 'no scale: no saturation');
  });

  it('lets a search match win over the differential colour', () => {
    assert.equal(frameFill(node('f', 2), true, 2), SEARCH_MATCH_FILL);
  });

  it('keeps the kind colours when a node has no delta', () => {
    assert.match(frameFill(node('f'), false, 2), /^hsl\(\d+, \d+%, \d+%\)$/);
  });

  it('finds the largest |delta| anywhere in the tree', () => {
    assert.equal(largestAbsDelta(node('root', 0.5, [node('a', -3, [node('c', 1)]), node('b')])), 3);
    assert.equal(largestAbsDelta(node('root')), 0);
  });
});
