import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hoverMarkdown, lensText, type LineHoverInput } from '../../../src/core/editor/hoverText';
import { lineNeighbours } from '../../../src/core/editor/lineNeighbours';
import type { ProfileMeta } from '../../../src/core/model/profile';
import { cpuMeta, profileOf, py, serviceProfile } from './handBuilt';

const focusLink = 'command:profileFirst.focusLine?%5B%22x%22%5D';

function workHover(extra: Partial<LineHoverInput> = {}): string {
  const profile = serviceProfile();
  const n = lineNeighbours(profile, '/app/lib.py', 3);
  return hoverMarkdown({ file: '/app/lib.py', line: 3, self: n.self, total: n.total, profileTotal: 125, meta: profile.meta, neighbours: n, focusLink, ...extra });
}

test('the hover shows self and total as share, samples and seconds, then callers, callees and the focus link', () => {
  assert.equal(
    workHover(),
    [
      '**Profile First** · lib\\.py:3',
      '',
      '- **self** 52.0 % · 65 samples · 650 ms',
      '- **total** 64.0 % · 80 samples · 800 ms',
      '',
      "**Callers** (share of this line's total)",
      '- 75.0 % handle — server\\.py:20',
      '- 25.0 % main — main\\.py:10',
      '',
      "**Calls** (share of this line's total)",
      '- 18.8 % loads — decoder\\.py:337',
      '',
      `[Focus in flame graph](${focusLink})`,
    ].join('\n'),
  );
});

test('without a sampling rate the hover shows samples and no seconds', () => {
  const text = workHover({ meta: { tool: 'collapsed', kind: 'cpu', unit: 'samples' } });
  assert.ok(text.includes('- **self** 52.0 % · 65 samples\n- **total** 64.0 % · 80 samples\n'), text);
});

test('a memory hover shows bytes', () => {
  const meta: ProfileMeta = { tool: 'memray', kind: 'memory', unit: 'bytes' };
  const text = hoverMarkdown({ file: '/app/x.py', line: 1, self: 1024, total: 2048, profileTotal: 4096, meta });
  assert.equal(text, '**Profile First** · x\\.py:1\n\n- **self** 25.0 % · 1.0 KiB\n- **total** 50.0 % · 2.0 KiB');
});

test('a zoomed hover says which frame the shares are of', () => {
  assert.ok(workHover({ zoomedTo: 'handle' }).includes('\n\n_Shares are of the zoom on handle._\n\n'));
});

test('a stale hover warns that the numbers describe the recorded version', () => {
  assert.ok(
    workHover({ stale: true }).includes(
      '\n\n⚠ **Stale:** this file changed after the recording; these numbers describe the recorded version and may belong to another line.\n\n',
    ),
  );
});

test('hostile function names and paths in the hover are escaped and render as text', () => {
  const evilImg = py('<img src=x onerror=alert(1)>', '/app/<script>.py', 2);
  const evilLink = py('[x](javascript:alert(1))', '/app/lib.py', 9);
  const target = py('target', '/app/lib.py', 3);
  const profile = profileOf([
    [[evilImg, target], 3],
    [[evilLink, target], 1],
  ]);
  const n = lineNeighbours(profile, '/app/lib.py', 3);
  const text = hoverMarkdown({ file: '/app/<b onmouseover=x>.py', line: 3, self: n.self, total: n.total, profileTotal: 4, meta: cpuMeta, neighbours: n, zoomedTo: '*[z](command:evil)*' });
  assert.ok(text.startsWith('**Profile First** · &lt;b onmouseover\\=x&gt;\\.py:3\n'), text);
  assert.ok(text.includes('- 75.0 % &lt;img src\\=x onerror\\=alert\\(1\\)&gt; — &lt;script&gt;\\.py:2'), text);
  assert.ok(text.includes('- 25.0 % \\[x\\]\\(javascript\\:alert\\(1\\)\\) — lib\\.py:9'), text);
  assert.ok(text.includes('_Shares are of the zoom on \\*\\[z\\]\\(command\\:evil\\)\\*._'), text);
  assert.ok(!/<img|<b|<script|\]\(javascript|\]\(command/.test(text), text);
});

test('a very long function name is shortened to 120 characters', () => {
  const long = py('f'.repeat(500), '/a.py', 1);
  const profile = profileOf([[[long, py('t', '/b.py', 2)], 1]]);
  const n = lineNeighbours(profile, '/b.py', 2);
  const text = hoverMarkdown({ file: '/b.py', line: 2, self: 1, total: 1, profileTotal: 1, meta: cpuMeta, neighbours: n });
  assert.ok(text.includes(`- 100.0 % ${'f'.repeat(119)}… — a\\.py:1`), text);
});

test('the focus link target is kept inside the link even with parentheses and spaces', () => {
  assert.ok(workHover({ focusLink: 'command:profileFirst.focusLine?["/a (1).py"]' }).endsWith('[Focus in flame graph](command:profileFirst.focusLine?[%22/a%20%281%29.py%22])'));
});

test('the lens shows total share, total time and self share', () => {
  assert.equal(lensText({ self: 41, total: 123 }, 1000, cpuMeta), 'Profile First: 12.3 % total · 1.23 s · 4.1 % self');
});

test('the lens leaves out the time when the sampling rate is unknown', () => {
  assert.equal(lensText({ self: 41, total: 123 }, 1000, { tool: 'collapsed', kind: 'cpu', unit: 'samples' }), 'Profile First: 12.3 % total · 4.1 % self');
});

test('a memory lens shows bytes', () => {
  assert.equal(lensText({ self: 512, total: 3 * 1024 * 1024 }, 12 * 1024 * 1024, { tool: 'memray', kind: 'memory', unit: 'bytes' }), 'Profile First: 25.0 % total · 3.0 MiB · <0.1 % self');
});
