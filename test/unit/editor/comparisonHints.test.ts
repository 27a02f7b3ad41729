import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildComparisonLineHints, comparisonHintText, type LineChange } from '../../../src/core/editor/comparisonHints';

function change(file: string, line: number, before: number, after: number): LineChange {
  return { file, line, before, after, changePoints: after - before, candidateWeight: after * 10 };
}

describe('comparison hints', () => {
  it('say the change in points with a down or up arrow', () => {
    assert.equal(comparisonHintText(-18.24), '▼ 18.2 pts');
    assert.equal(comparisonHintText(3.06), '▲ 3.1 pts');
    assert.equal(comparisonHintText(-0.04), '▲ 0.0 pts');
  });

  it('mark only lines whose change reaches the floor, sorted by line, heat by the size of the change', () => {
    const hints = buildComparisonLineHints(
      [change('/app/m.py', 9, 60, 20), change('/app/m.py', 3, 40, 43.1), change('/app/m.py', 5, 30, 30.2), change('/app/m.py', 7, 0, 0)],
      { minLinePercent: 0.5 },
    );
    assert.deepEqual([...hints.keys()], ['/app/m.py']);
    assert.deepEqual(
      hints.get('/app/m.py')?.map((h) => [h.line, h.text, h.level, h.totalShare, h.total]),
      [
        [3, '▲ 3.1 pts', 2, 0.431, 431],
        [9, '▼ 40.0 pts', 5, 0.2, 200],
      ],
    );
  });

  it('maps recorded paths to local ones and drops unmapped files', () => {
    const hints = buildComparisonLineHints([change('/box/a.py', 2, 10, 30), change('/box/lib.py', 1, 50, 10)], {
      minLinePercent: 1,
      localPath: (f) => (f === '/box/a.py' ? '/home/me/a.py' : undefined),
    });
    assert.deepEqual([...hints.entries()].map(([f, h]) => [f, h.map((x) => x.text)]), [['/home/me/a.py', ['▲ 20.0 pts']]]);
  });
});
