/**
 * The canvas flame graph's geometry (webview/flameLayout.ts): spans, zoom, orientation, the
 * one-pixel floor, hit testing and keyboard steps, with exact pixel positions on a small tree.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FlameNode } from '../../../src/core/model/flameTree';
import { hitTest, layoutTree, placeFrames, stepFrame, type Placement, type Viewport } from '../../../webview/flameLayout';

function node(id: number, name: string, self: number, children: FlameNode[] = []): FlameNode {
  const total = self + children.reduce((sum, c) => sum + c.total, 0);
  return { id, name, kind: 'python', self, total, children };
}

/**
 * root 16 ─┬─ a 12 (self 4) ─┬─ c 6
 *          │                 └─ d 2
 *          └─ b 4
 * Children are given narrowest first to show that the layout sorts them widest first.
 */
function tree(): FlameNode {
  return { ...node(0, 'root', 0, [node(4, 'b', 4), node(1, 'a', 4, [node(3, 'd', 2), node(2, 'c', 6)])]), kind: 'root' };
}

const VIEW: Viewport = { width: 160, cellHeight: 18, inverted: true, zoom: 0, minFrameWidth: 1 };

/** name → [x, y, width, faded] of each drawn frame. */
function boxes(placement: Placement, layout: ReturnType<typeof layoutTree>): Record<string, [number, number, number, boolean]> {
  return Object.fromEntries(placement.frames.map((f) => [layout.frames[f.index].node.name, [f.x, f.y, f.width, f.faded]]));
}

describe('flame graph layout', () => {
  it('orders frames depth first, widest child first, with spans as fractions of the root', () => {
    const layout = layoutTree(tree());
    assert.deepEqual(
      layout.frames.map((f) => [f.node.name, f.parent, f.depth, f.start, f.end, f.subtreeEnd, f.children]),
      [
        ['root', -1, 0, 0, 1, 5, [1, 4]],
        ['a', 0, 1, 0, 0.75, 4, [2, 3]],
        ['c', 1, 2, 0, 0.375, 3, []],
        ['d', 1, 2, 0.375, 0.5, 4, []],
        ['b', 0, 1, 0.75, 1, 5, []],
      ],
    );
    assert.equal(layout.maxDepth, 2);
  });

  it('places every frame at its exact pixel position in an icicle (root at the top)', () => {
    const layout = layoutTree(tree());
    const placement = placeFrames(layout, VIEW);
    assert.deepEqual(boxes(placement, layout), {
      root: [0, 0, 160, false],
      a: [0, 18, 120, false],
      c: [0, 36, 60, false],
      d: [60, 36, 20, false],
      b: [120, 18, 40, false],
    });
    assert.equal(placement.height, 54);
  });

  it('puts the root at the bottom in a flame graph', () => {
    const layout = layoutTree(tree());
    const placement = placeFrames(layout, { ...VIEW, inverted: false });
    assert.deepEqual(boxes(placement, layout), {
      root: [0, 36, 160, false],
      a: [0, 18, 120, false],
      c: [0, 0, 60, false],
      d: [60, 0, 20, false],
      b: [120, 18, 40, false],
    });
  });

  it('zooms a frame to the full width, shows its ancestors full width and faded, and hides its siblings', () => {
    const layout = layoutTree(tree());
    const placement = placeFrames(layout, { ...VIEW, zoom: 1 });
    assert.deepEqual(boxes(placement, layout), {
      root: [0, 0, 160, true],
      a: [0, 18, 160, false],
      c: [0, 36, 80, false],
      d: [80, 36, 80 / 3, false],
    });
  });

  it('skips frames narrower than the minimum width, and everything below them', () => {
    const layout = layoutTree(tree());
    // 2 px wide: a is 1.5 px, b 0.5 px, c 0.75 px, d 0.25 px.
    const placement = placeFrames(layout, { ...VIEW, width: 2 });
    assert.deepEqual(Object.keys(boxes(placement, layout)), ['root', 'a']);
  });

  it('finds the frame under a point, and nothing in a gap or outside the chart', () => {
    const layout = layoutTree(tree());
    const placement = placeFrames(layout, VIEW);
    const at = (x: number, y: number): string | undefined => {
      const hit = hitTest(layout, placement, x, y);
      return hit === undefined ? undefined : layout.frames[hit.index].node.name;
    };
    assert.equal(at(5, 5), 'root');
    assert.equal(at(119.5, 20), 'a');
    assert.equal(at(120, 20), 'b');
    assert.equal(at(59, 40), 'c');
    assert.equal(at(60, 40), 'd');
    assert.equal(at(80, 40), undefined, 'the self part of a has no frame below it');
    assert.equal(at(5, 60), undefined);
    assert.equal(at(160, 5), undefined);
    const flame = placeFrames(layout, { ...VIEW, inverted: false });
    assert.equal(hitTest(layout, flame, 5, 5)?.index, 2, 'the top row of a flame graph is the deepest');
    assert.equal(hitTest(layout, flame, 5, 40)?.index, 0);
  });

  it('moves the keyboard focus to the parent, the widest drawn child and the drawn siblings', () => {
    const layout = layoutTree(tree());
    const icicle = placeFrames(layout, VIEW);
    assert.equal(stepFrame(layout, icicle, 1, 'right'), 4);
    assert.equal(stepFrame(layout, icicle, 4, 'left'), 1);
    assert.equal(stepFrame(layout, icicle, 4, 'right'), undefined);
    assert.equal(stepFrame(layout, icicle, 2, 'right'), 3);
    assert.equal(stepFrame(layout, icicle, 1, 'down'), 2);
    assert.equal(stepFrame(layout, icicle, 2, 'up'), 1);
    assert.equal(stepFrame(layout, icicle, 0, 'up'), undefined);
    assert.equal(stepFrame(layout, icicle, 0, 'left'), undefined);
    const flame = placeFrames(layout, { ...VIEW, inverted: false });
    assert.equal(stepFrame(layout, flame, 1, 'up'), 2, 'in a flame graph the children are above');
    assert.equal(stepFrame(layout, flame, 1, 'down'), 0);
    const zoomed = placeFrames(layout, { ...VIEW, zoom: 1 });
    assert.equal(stepFrame(layout, zoomed, 1, 'right'), undefined, 'a hidden sibling is not a step');
  });

  it('draws an empty profile as its root alone, across the width', () => {
    const layout = layoutTree({ ...node(0, 'all', 0), kind: 'root' });
    assert.deepEqual(boxes(placeFrames(layout, VIEW), layout), { all: [0, 0, 160, false] });
  });
});
