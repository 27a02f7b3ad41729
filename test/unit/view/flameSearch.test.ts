import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileFrameSearch, findWidestFrame, prunedBelowPercent, searchShare, type FrameMatcher } from '../../../src/core/view/flameSearch';
import { flameData, TreeBuilder } from './flameData';

/** all(100) → main(100) → [work(60) → [work(40) → [helper(10)]], io(30), helper(10)] */
function recursiveTree() {
  const t = new TreeBuilder();
  const innerWork = t.py('work', '/app/lib.py', 3, 30, [t.py('helper', '/app/lib.py', 9, 10)]);
  const outerWork = t.py('work', '/app/lib.py', 3, 20, [innerWork]);
  const main = t.py('main', '/app/main.py', 1, 0, [outerWork, t.py('io', '/app/io.py', 5, 30), t.py('helper', '/app/lib.py', 9, 10)]);
  return t.node('all', 'root', 0, [main]);
}

function matcher(pattern: string): FrameMatcher {
  const compiled = compileFrameSearch(pattern);
  assert.ok(compiled.ok);
  return compiled.matches;
}

describe('searchShare', () => {
  it('counts a recursive function once per sample: the outer frame already holds the inner one', () => {
    const share = searchShare(recursiveTree(), matcher('^work$'));
    assert.deepEqual(share, { weight: 60, share: 0.6, frames: 2 });
  });

  it('adds matches on separate paths, and skips a match nested under another match', () => {
    // helper under work is inside work's 60; the helper beside it adds 10.
    const share = searchShare(recursiveTree(), matcher('work|helper'));
    assert.deepEqual(share, { weight: 70, share: 0.7, frames: 4 });
  });

  it('matches file paths too', () => {
    assert.equal(searchShare(recursiveTree(), matcher('io\\.py$')).weight, 30);
  });

  it('never matches the synthetic root, even with a pattern that matches everything', () => {
    const share = searchShare(recursiveTree(), matcher('.*'));
    assert.equal(share.weight, 100);
    assert.equal(share.frames, 6);
  });

  it('gives a zero share for an empty profile', () => {
    const t = new TreeBuilder();
    assert.deepEqual(searchShare(t.node('all', 'root', 0), matcher('x')), { weight: 0, share: 0, frames: 0 });
  });
});

describe('compileFrameSearch', () => {
  it('ignores case when the pattern has no capitals, and respects it when it has', () => {
    const t = new TreeBuilder();
    const node = t.py('LoadConfig', '/app/c.py', 1, 1);
    assert.ok(matcher('loadconfig')(node));
    assert.ok(matcher('LoadConfig')(node));
    assert.ok(!matcher('Loadconfig')(node));
  });

  it('reports an invalid regular expression instead of throwing', () => {
    const compiled = compileFrameSearch('work(');
    assert.equal(compiled.ok, false);
    assert.ok(!compiled.ok && compiled.error.length > 0);
  });
});

describe('findWidestFrame', () => {
  it('finds the widest frame at a file and line (the outer call of a recursion)', () => {
    const root = recursiveTree();
    const found = findWidestFrame(root, { file: '/app/lib.py', line: 3 });
    assert.equal(found?.total, 60);
    assert.equal(found?.self, 20);
  });

  it('takes any line of the file when no line is given', () => {
    assert.equal(findWidestFrame(recursiveTree(), { file: '/app/lib.py' })?.total, 60);
  });

  it('falls back to the name when nothing is at that location', () => {
    const found = findWidestFrame(recursiveTree(), { file: '/elsewhere/io.py', line: 99, name: 'io' });
    assert.equal(found?.name, 'io');
  });

  it('finds nothing for a location and name absent from the profile', () => {
    assert.equal(findWidestFrame(recursiveTree(), { file: '/nope.py', line: 1, name: 'nope' }), undefined);
  });

  it('prefers the shallowest of equally wide frames', () => {
    const t = new TreeBuilder();
    const deep = t.py('f', '/a.py', 1, 10);
    const shallow = t.py('f', '/a.py', 1, 0, [t.py('g', '/b.py', 1, 0, [deep])]);
    const root = t.node('all', 'root', 0, [shallow]);
    assert.equal(findWidestFrame(root, { file: '/a.py', line: 1 })?.id, shallow.id);
  });
});

describe('prunedBelowPercent', () => {
  it('reads the pruning share applied, and nothing when no frame was folded', () => {
    const data = flameData('t', recursiveTree());
    assert.equal(prunedBelowPercent(data), undefined);
    assert.equal(prunedBelowPercent({ ...data, foldedBelowPercent: 0.1 }), 0.1);
    assert.equal(prunedBelowPercent({ ...data, foldedBelowPercent: Number.NaN }), undefined);
  });
});
