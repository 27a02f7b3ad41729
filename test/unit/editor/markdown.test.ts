import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeMarkdown, safeLinkTarget } from '../../../src/core/editor/markdown';

test('an HTML element in a function name becomes entities, not an element', () => {
  assert.equal(escapeMarkdown('<img src=x onerror=alert(1)>'), '&lt;img src\\=x onerror\\=alert\\(1\\)&gt;');
});

test('a Markdown link in a function name is escaped so it stays text', () => {
  assert.equal(escapeMarkdown('[x](javascript:alert(1))'), '\\[x\\]\\(javascript\\:alert\\(1\\)\\)');
});

test('emphasis, code, headings, tables, strikethrough and theme icons are escaped', () => {
  assert.equal(escapeMarkdown('# *a* _b_ `c` |d| ~e~ $(zap)'), '\\# \\*a\\* \\_b\\_ \\`c\\` \\|d\\| \\~e\\~ \\$\\(zap\\)');
});

test('a backslash and an existing entity stay literal', () => {
  assert.equal(escapeMarkdown('a\\b &lt;'), 'a\\\\b &amp;lt\\;');
});

test('line breaks and control characters become one space, so a name cannot start a block', () => {
  assert.equal(escapeMarkdown('f\r\n\n# x\tend'), 'f \\# x end');
});

test('bidirectional override characters are removed', () => {
  assert.equal(escapeMarkdown('ab\u202ecd\u2066'), 'abcd');
});

test('plain letters, digits, spaces and non-ASCII text are unchanged', () => {
  assert.equal(escapeMarkdown('compute totals 42 Größe 計算'), 'compute totals 42 Größe 計算');
});

test('a link target keeps inside its parentheses: spaces, parentheses and quotes are percent-encoded', () => {
  assert.equal(safeLinkTarget('command:profileFirst.focusLine?["/a (1)/x.py"]'), 'command:profileFirst.focusLine?[%22/a%20%281%29/x.py%22]');
  assert.equal(safeLinkTarget('command:x?\u2028'), 'command:x?%E2%80%A8');
});
