import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildPanelHtml, checkNonce, createNonce, panelCsp } from '../../../src/core/view/panelHtml';
import { decodeEntities, startTags } from './htmlCheck';

const NONCE = 'AbCdEfGhIjKlMnOpQrStUv==';
const CSP_SOURCE = 'https://*.vscode-cdn.net';
const options = {
  cspSource: CSP_SOURCE,
  nonce: NONCE,
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUris: ['https://x.vscode-cdn.net/ext/media/a.css', 'https://x.vscode-cdn.net/ext/media/flamegraph-panel.css'],
  title: 'Flame graph: <run> & "profile"',
};

describe('buildPanelHtml', () => {
  const html = buildPanelHtml(options);
  const tags = startTags(html);

  it('sets exactly the CSP of the design: nothing by default, scripts by nonce, styles, images and fonts from the webview', () => {
    const meta = tags.filter((t) => t.name === 'meta' && t.attributes.get('http-equiv') === 'Content-Security-Policy');
    assert.equal(meta.length, 1);
    assert.equal(
      decodeEntities(meta[0].attributes.get('content') ?? ''),
      `default-src 'none'; script-src 'nonce-${NONCE}'; style-src ${CSP_SOURCE}; img-src ${CSP_SOURCE} data:; font-src ${CSP_SOURCE}`,
    );
    assert.equal(panelCsp(CSP_SOURCE, NONCE), decodeEntities(meta[0].attributes.get('content') ?? ''));
  });

  it('has one script, carrying the nonce and loading the bundle, with no inline code', () => {
    const scripts = tags.filter((t) => t.name === 'script');
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0].attributes.get('nonce'), NONCE);
    assert.equal(scripts[0].attributes.get('src'), options.scriptUri);
    assert.equal(scripts[0].text?.trim(), '');
  });

  it('links the stylesheets in the order given, and inlines no style', () => {
    const links = tags.filter((t) => t.name === 'link' && t.attributes.get('rel') === 'stylesheet').map((t) => t.attributes.get('href'));
    assert.deepEqual(links, options.styleUris);
    assert.equal(tags.filter((t) => t.name === 'style').length, 0);
  });

  it('has no inline style attribute and no event handler attribute on any element', () => {
    for (const tag of tags) {
      assert.ok(!tag.attributes.has('style'), `<${tag.name}> has a style attribute`);
      for (const name of tag.attributes.keys()) assert.ok(!name.startsWith('on'), `<${tag.name}> has ${name}`);
    }
  });

  it('escapes the title in <title> and in the heading', () => {
    assert.ok(html.includes('<title>Flame graph: &lt;run&gt; &amp; &quot;profile&quot;</title>'));
    assert.ok(html.includes('>Flame graph: &lt;run&gt; &amp; &quot;profile&quot;</h1>'));
    assert.ok(!html.includes('<run>'));
  });

  it('carries the element ids the webview bundle looks up', () => {
    const ids = new Set(tags.map((t) => t.attributes.get('id')).filter((id) => id !== undefined));
    for (const id of ['pf-title', 'pf-summary', 'pf-pruned', 'pf-search', 'pf-search-result', 'pf-goto', 'pf-reset', 'pf-orientation', 'pf-selection', 'pf-message', 'pf-message-text', 'pf-message-close', 'pf-chart', 'pf-tooltip', 'pf-tip-name', 'pf-tip-location', 'pf-tip-self', 'pf-tip-total', 'pf-tip-hint']) {
      assert.ok(ids.has(id), `#${id} missing`);
    }
  });

  it('refuses a nonce that could break out of the policy or the attribute', () => {
    assert.throws(() => buildPanelHtml({ ...options, nonce: `abc' 'unsafe-inline` }));
    assert.throws(() => checkNonce('short'));
    assert.throws(() => checkNonce('AAAAAAAAAAAAAAAAAAAA"><script>'));
  });
});

describe('createNonce', () => {
  it('gives a fresh 128-bit base64 value each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    for (const n of nonces) {
      assert.match(n, /^[A-Za-z0-9+/]{22}==$/);
      assert.equal(checkNonce(n), n);
    }
  });
});
