/**
 * The panel is not a way in (issue 9, point 2), as properties over seeded hostile strings rather
 * than the fixed examples of test/unit/view and test/unit/editor: whatever a title, function name,
 * path or command line holds, the pages keep their CSP and their nonce scripts and gain no
 * element, hover Markdown stays text, and the host accepts only well-formed webview messages.
 *
 * Not testable here: "openLocation only opens files of the loaded profile" is checked in
 * src/host/flameGraphPanel.ts (`this.data.files.includes(file)`), which needs VS Code; the E2E
 * suite should post an openLocation for a file outside the profile and see nothing open.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeMarkdown } from '../../../src/core/editor/markdown';
import { hoverMarkdown } from '../../../src/core/editor/hoverText';
import type { LineNeighbours } from '../../../src/core/editor/lineNeighbours';
import { parsePySpyRawText } from '../../../src/core/formats/pySpyRaw';
import { buildFlameGraphData } from '../../../src/core/model/callTree';
import type { ProfileMeta } from '../../../src/core/model/profile';
import { parseFromWebview, type FromWebview } from '../../../src/core/protocol';
import { buildPanelHtml, panelCsp } from '../../../src/core/view/panelHtml';
import { buildStandaloneHtml, standaloneCsp } from '../../../src/core/view/standaloneHtml';
import { decodeEntities, startTags, type StartTag } from '../view/htmlCheck';
import { Rng } from './mutator';

const SEED = 0x9e11a7;
const NONCE = 'UmVsaWFiaWxpdHlOb25jZTE=';
const CSP_SOURCE = 'https://*.vscode-cdn.net';

/** Pieces that have broken out of HTML, JSON-in-script, Markdown or a terminal somewhere. */
const FRAGMENTS = [
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>',
  '<!--<script>',
  '</title><script>alert(1)</script>',
  '</style><style>*{}</style>',
  '<svg onload=alert(1)>',
  '[x](javascript:alert(1))',
  '[x](command:workbench.action.terminal.new)',
  '<a href="javascript:alert(1)">x</a>',
  '"><b>',
  "'-alert(1)-'",
  '${alert(1)}',
  '`x`',
  '\u202e',
  '\u2066',
  '\u2028',
  '\u2029',
  '\n# heading\n',
  '\r\n',
  '\u0000',
  '\u001b[31m',
  '&lt;',
  '&#60;',
  '\\',
  '$(zap)',
  ']]>',
  '{{7*7}}',
  'Größe 計算 🔥',
];

function hostile(rng: Rng): string {
  let s = '';
  for (let k = 1 + rng.int(4); k > 0; k--) s += rng.chance(0.8) ? rng.pick(FRAGMENTS) : String.fromCharCode(rng.int(0x3000));
  return s;
}

const tagNames = (tags: readonly StartTag[]): string[] => tags.map((t) => t.name);

function cspOf(tags: readonly StartTag[]): string {
  const metas = tags.filter((t) => t.name === 'meta' && t.attributes.get('http-equiv') === 'Content-Security-Policy');
  assert.equal(metas.length, 1, 'exactly one CSP meta element');
  return decodeEntities(metas[0].attributes.get('content') ?? '');
}

function assertNoHandlersOrScriptUrls(tags: readonly StartTag[]): void {
  for (const tag of tags) {
    for (const [name, value] of tag.attributes) {
      assert.ok(!name.startsWith('on'), `<${tag.name}> has ${name}`);
      assert.ok(!/^\s*javascript:/i.test(decodeEntities(value)), `<${tag.name} ${name}> is a javascript: URL`);
    }
  }
}

describe('the panel page, whatever its title', () => {
  const options = { cspSource: CSP_SOURCE, nonce: NONCE, scriptUri: 'https://x.vscode-cdn.net/dist/webview.js', styleUris: ['https://x.vscode-cdn.net/media/flamegraph-panel.css'] };
  const benign = tagNames(startTags(buildPanelHtml({ ...options, title: 'profile' })));

  it('keeps the same elements, its CSP and its one nonce script for 300 hostile titles', () => {
    const rng = new Rng(SEED);
    for (let i = 0; i < 300; i++) {
      const title = hostile(rng);
      const tags = startTags(buildPanelHtml({ ...options, title }));
      assert.deepEqual(tagNames(tags), benign, `title ${JSON.stringify(title)}`);
      assert.equal(cspOf(tags), panelCsp(CSP_SOURCE, NONCE));
      for (const s of tags.filter((t) => t.name === 'script')) assert.equal(s.attributes.get('nonce'), NONCE);
      assertNoHandlersOrScriptUrls(tags);
    }
  });
});

describe('the standalone page, whatever the profile holds', () => {
  /** A py-spy raw profile whose every frame name, path and command line is hostile. */
  function hostileProfileText(rng: Rng): string {
    const frame = (): string => `${hostile(rng).replace(/[;\n\r]/g, '')} (/app/${hostile(rng).replace(/[;\n\r:()]/g, '')}.py:${1 + rng.int(99)})`;
    const lines: string[] = [];
    for (let i = 1 + rng.int(6); i > 0; i--) {
      const stack = Array.from({ length: 1 + rng.int(5) }, frame);
      const pseudo = rng.chance(0.3) ? `process 7:"${hostile(rng).replace(/[\n\r]/g, '')}";thread (1);` : '';
      lines.push(`${pseudo}${stack.join(';')} ${1 + rng.int(50)}`);
    }
    return lines.join('\n');
  }

  const page = (title: string, text: string): { html: string; data: ReturnType<typeof buildFlameGraphData> } => {
    const profile = parsePySpyRawText(text, 'hostile.txt');
    const data = buildFlameGraphData(profile, { title, minFramePercent: 0 });
    return { html: buildStandaloneHtml({ title, data, script: 'void 0;', css: '.a{}', nonce: NONCE }), data };
  };
  const benign = tagNames(startTags(page('profile', 'main (/app/a.py:1) 3').html));

  it('keeps the same elements, its CSP and its two nonce scripts, and carries the names back intact, for 100 hostile profiles', () => {
    const rng = new Rng(SEED + 1);
    for (let i = 0; i < 100; i++) {
      const text = hostileProfileText(rng);
      const { html, data } = page(hostile(rng), text);
      const tags = startTags(html);
      assert.deepEqual(tagNames(tags), benign, `profile ${JSON.stringify(text)}`);
      assert.equal(cspOf(tags), standaloneCsp(NONCE));
      for (const t of tags.filter((x) => x.name === 'script' || x.name === 'style')) assert.equal(t.attributes.get('nonce'), NONCE);
      assertNoHandlersOrScriptUrls(tags);
      const embedded = tags.find((t) => t.attributes.get('id') === 'profile-data');
      assert.deepEqual(JSON.parse(embedded?.text ?? 'null'), JSON.parse(JSON.stringify(data)), 'the embedded data is the data, names unchanged');
    }
  });
});

describe('hover Markdown with hostile strings', () => {
  const meta: ProfileMeta = { tool: 'py-spy', kind: 'cpu', unit: 'samples', sampleRate: 100 };
  /** Characters CommonMark gives a meaning to, outside an escape or an entity. */
  const BARE_MARKUP = /(?<![\\&])[<>[\]()`*_#|~$!]/;

  it('renders script end tags, RTL overrides, javascript: links and line breaks in names, paths and zoom labels as text on their own lines', () => {
    const hover = (name: () => string): string => {
      const neighbours: LineNeighbours = {
        self: 2,
        total: 4,
        callers: [{ name: name(), file: `/app/${name()}.py`, line: 3, weight: 2, share: 0.5 }],
        callees: [{ name: name(), weight: 1, share: 0.25 }],
      };
      return hoverMarkdown({ file: `/srv/${name()}/x.py`, line: 7, self: 2, total: 4, profileTotal: 10, meta, neighbours, zoomedTo: name() });
    };
    const benignLines = hover(() => 'work').split('\n').length;
    const rng = new Rng(SEED + 2);
    for (let i = 0; i < 300; i++) {
      const text = hover(() => hostile(rng));
      assert.ok(!/[<\u202a-\u202e\u2066-\u2069\u2028\u2029\u0000]/.test(text), `markup or bidi control in ${JSON.stringify(text)}`);
      // The block layout is ours: a name cannot add a line (a heading, a list item, a new paragraph).
      assert.equal(text.split('\n').length, benignLines, JSON.stringify(text));
      for (const line of text.split('\n')) {
        const mine = line.replace(/\*\*[A-Za-z ]+\*\*|_Shares are of the zoom on |\._$|\(share of this line's total\)|^- /g, '');
        assert.ok(!BARE_MARKUP.test(mine.replace(/&(lt|gt|amp);/g, '')), `bare markup from a name in ${JSON.stringify(line)}`);
      }
    }
  });
});

describe('escapeMarkdown on random text', () => {
  /** Undoes escapeMarkdown's escapes: backslash + punctuation, and the three entities. */
  function unescape(text: string): string {
    return text.replace(/\\([!-/:-@[-`{-~])|&(lt|gt|amp);/g, (_, punct: string | undefined, entity: string | undefined) =>
      punct ?? ({ lt: '<', gt: '>', amp: '&' } as Record<string, string>)[entity ?? ''],
    );
  }

  it('is lossless for visible text: unescaping gives back the input, and no ASCII punctuation is left bare', () => {
    const rng = new Rng(SEED + 3);
    for (let i = 0; i < 3000; i++) {
      const input = Array.from({ length: rng.int(40) }, () => (rng.chance(0.8) ? String.fromCharCode(0x20 + rng.int(0x5f)) : String.fromCharCode(0xa0 + rng.int(0x2000)))).join('').replace(/[\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]/g, 'x');
      const out = escapeMarkdown(input);
      assert.equal(unescape(out), input, JSON.stringify(input));
      const bare = out.replace(/\\[!-/:-@[-`{-~]|&(lt|gt|amp);/g, '');
      assert.ok(!/[!-/:-@[-`{-~]/.test(bare), `bare punctuation in ${JSON.stringify(out)} from ${JSON.stringify(input)}`);
    }
  });

  it('leaves no line break, control or bidirectional character, whatever the input', () => {
    const rng = new Rng(SEED + 4);
    for (let i = 0; i < 3000; i++) {
      const input = Array.from({ length: rng.int(30) }, () => String.fromCharCode(rng.chance(0.5) ? rng.int(0x40) : rng.pick([0x85, 0x200e, 0x200f, 0x202a, 0x202e, 0x2066, 0x2069, 0x2028, 0x2029, 0x061c, 0x7f]))).join('');
      assert.ok(!/[\u0000-\u001f\u007f\u0085\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(escapeMarkdown(input)), JSON.stringify(input));
    }
  });
});

describe('parseFromWebview', () => {
  it('rejects what is not a message of the union: wrong types, missing or malformed fields, unknown types', () => {
    const rejected: unknown[] = [
      undefined,
      null,
      'ready',
      42,
      [],
      ['ready'],
      {},
      { type: 'READY' },
      { type: 'executeCommand', command: 'workbench.action.terminal.new' },
      { type: 'openLocation' },
      { type: 'openLocation', file: '', line: 1 },
      { type: 'openLocation', file: 'x'.repeat(4097), line: 1 },
      { type: 'openLocation', file: ['/a.py'], line: 1 },
      { type: 'openLocation', file: { toString: () => '/a.py' }, line: 1 },
      { type: 'openLocation', file: '/a.py', line: 0 },
      { type: 'openLocation', file: '/a.py', line: -1 },
      { type: 'openLocation', file: '/a.py', line: 1.5 },
      { type: 'openLocation', file: '/a.py', line: NaN },
      { type: 'openLocation', file: '/a.py', line: Infinity },
      { type: 'openLocation', file: '/a.py', line: '3' },
      { type: 'openLocation', file: '/a.py', line: null },
      { type: 'zoomed' },
      { type: 'zoomed', nodeId: -1 },
      { type: 'zoomed', nodeId: 0.5 },
      { type: 'zoomed', nodeId: '3' },
      // An own "__proto__" key (JSON-made data) must not act as a prototype. (An inherited `type`
      // cannot arrive: webview messages are structured clones, always plain objects.)
      JSON.parse('{"__proto__": {"type": "ready"}}'),
    ];
    for (const value of rejected) assert.equal(parseFromWebview(value), undefined, `accepted ${JSON.stringify(value) ?? String(value)}`);
  });

  it('passes on only the fields of the message type, so nothing extra (a command id) reaches the host', () => {
    assert.deepEqual(parseFromWebview({ type: 'openLocation', file: '/a.py', line: 3, command: 'x', args: ['y'] }), { type: 'openLocation', file: '/a.py', line: 3 });
    assert.deepEqual(parseFromWebview({ type: 'ready', command: 'x' }), { type: 'ready' });
    assert.deepEqual(parseFromWebview({ type: 'zoomed', nodeId: null, file: '/etc/passwd' }), { type: 'zoomed', nodeId: null });
  });

  it('never throws on 5000 random values and returns only well-formed members of the union', () => {
    const rng = new Rng(SEED + 5);
    const value = (depth: number): unknown => {
      switch (rng.int(depth > 2 ? 6 : 8)) {
        case 0:
          return null;
        case 1:
          return rng.pick([0, 1, -1, 2.5, NaN, Infinity, 2 ** 53, 7]);
        case 2:
          return rng.pick(['', 'ready', 'openLocation', 'zoomed', '/a.py', hostile(rng)]);
        case 3:
          return rng.chance(0.5);
        case 4:
          return undefined;
        case 5:
          return rng.pick(['ready', 'openLocation', 'zoomed']);
        case 6:
          return Array.from({ length: rng.int(3) }, () => value(depth + 1));
        default: {
          const o: Record<string, unknown> = {};
          for (const key of ['type', 'file', 'line', 'nodeId', 'command']) if (rng.chance(0.6)) o[key] = key === 'type' && rng.chance(0.7) ? rng.pick(['ready', 'openLocation', 'zoomed']) : value(depth + 1);
          return o;
        }
      }
    };
    const wellFormed = (m: FromWebview): boolean => {
      switch (m.type) {
        case 'ready':
          return Object.keys(m).length === 1;
        case 'openLocation':
          return Object.keys(m).length === 3 && typeof m.file === 'string' && m.file.length > 0 && Number.isInteger(m.line) && m.line >= 1;
        case 'zoomed':
          return Object.keys(m).length === 2 && (m.nodeId === null || (Number.isInteger(m.nodeId) && m.nodeId >= 0));
        default:
          return false;
      }
    };
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      const v = value(0);
      const m = parseFromWebview(v);
      if (m === undefined) continue;
      accepted++;
      assert.ok(wellFormed(m), `accepted ${JSON.stringify(v)} as ${JSON.stringify(m)}`);
    }
    assert.ok(accepted > 100, `only ${accepted} values were well-formed: the generator is too weak`);
  });
});
