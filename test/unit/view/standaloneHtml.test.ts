import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inlineScriptText, jsonForScriptElement } from '../../../src/core/view/escapeHtml';
import { buildStandaloneHtml, standaloneCsp } from '../../../src/core/view/standaloneHtml';
import { HOSTILE_NAMES, hostileData } from './flameData';
import { decodeEntities, startTags } from './htmlCheck';

const NONCE = 'cHJvZmlsZS1maXJzdC10ZXN0';
const data = hostileData();
const script = 'console.log("bundle");';
const css = '.pf-body { color: red; }';

function page(overrides: Partial<Parameters<typeof buildStandaloneHtml>[0]> = {}): string {
  return buildStandaloneHtml({ title: data.title, data, script, css, nonce: NONCE, ...overrides });
}

describe('buildStandaloneHtml', () => {
  it('embeds the data so that JSON.parse of the element text gives it back, hostile names included', () => {
    const tags = startTags(page());
    const dataTag = tags.find((t) => t.attributes.get('id') === 'profile-data');
    assert.ok(dataTag?.text !== undefined);
    assert.equal(dataTag.attributes.get('type'), 'application/json');
    assert.deepEqual(JSON.parse(dataTag.text), data);
  });

  it('lets no </script> or <!-- in a frame name end the data element: its text has no "<" at all', () => {
    const html = page();
    const tags = startTags(html);
    const dataTag = tags.find((t) => t.attributes.get('id') === 'profile-data');
    assert.ok(dataTag?.text !== undefined);
    assert.ok(!dataTag.text.includes('<'));
    // Exactly our two scripts: the hostile names made no element of their own.
    assert.deepEqual(tags.filter((t) => t.name === 'script').map((t) => t.attributes.get('id') ?? 'bundle'), ['profile-data', 'bundle']);
    assert.ok(!tags.some((t) => t.name === 'img'));
    for (const name of Object.values(HOSTILE_NAMES).filter((n) => n.includes('<'))) assert.ok(!html.includes(name), `markup from a name in the page: ${name}`);
  });

  it('sets the standalone CSP: nothing loads, inline script and style only by nonce', () => {
    const meta = startTags(page()).find((t) => t.name === 'meta' && t.attributes.get('http-equiv') === 'Content-Security-Policy');
    assert.equal(
      decodeEntities(meta?.attributes.get('content') ?? ''),
      `default-src 'none'; script-src 'nonce-${NONCE}'; style-src 'nonce-${NONCE}'; img-src data:; base-uri 'none'; form-action 'none'`,
    );
    assert.equal(standaloneCsp(NONCE), decodeEntities(meta?.attributes.get('content') ?? ''));
  });

  it('puts the nonce on every script and style element', () => {
    const tags = startTags(page()).filter((t) => t.name === 'script' || t.name === 'style');
    assert.equal(tags.length, 3);
    for (const tag of tags) assert.equal(tag.attributes.get('nonce'), NONCE, `<${tag.name}> without the nonce`);
  });

  it('has no inline style attribute, event handler attribute or external resource', () => {
    for (const tag of startTags(page())) {
      assert.ok(!tag.attributes.has('style'), `<${tag.name}> has a style attribute`);
      assert.ok(!tag.attributes.has('src'), `<${tag.name}> loads ${tag.attributes.get('src')}`);
      assert.ok(!(tag.name === 'link'), 'a <link> in a self-contained page');
      for (const name of tag.attributes.keys()) assert.ok(!name.startsWith('on'), `<${tag.name}> has ${name}`);
    }
  });

  it('escapes the title in <title> and the heading', () => {
    const html = page();
    const escaped = '&lt;b&gt;evil&lt;/b&gt; &amp; &quot;title&quot; &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;';
    assert.ok(html.includes(`<title>${escaped}</title>`));
    assert.ok(html.includes(`>${escaped}</h1>`));
  });

  it('inlines the bundle and the CSS, keeping a "</script>" inside the bundle from ending its element', () => {
    const hostileScript = 'const s = "</script><script>alert(1)</script>"; const c = "<!--";';
    const tags = startTags(page({ script: hostileScript, css: 'a::after { content: "</style><script>x</script>"; }' }));
    const scripts = tags.filter((t) => t.name === 'script');
    assert.equal(scripts.length, 2);
    assert.equal(scripts[1].text?.trim(), inlineScriptText(hostileScript));
    // The escaped bundle still means the same JavaScript.
    assert.equal(new Function(`${inlineScriptText(hostileScript)}; return s + c;`)(), '</script><script>alert(1)</script><!--');
    const styles = tags.filter((t) => t.name === 'style');
    assert.equal(styles.length, 1);
    assert.ok(styles[0].text?.includes('content: "<\\/style><script>x</script>"'));
  });

  it('uses a fresh nonce per page when none is given', () => {
    const a = buildStandaloneHtml({ title: 't', data, script, css });
    const b = buildStandaloneHtml({ title: 't', data, script, css });
    const nonceOf = (html: string) => startTags(html).find((t) => t.name === 'style')?.attributes.get('nonce');
    assert.notEqual(nonceOf(a), nonceOf(b));
  });
});

describe('jsonForScriptElement', () => {
  it('escapes <, >, & and the JavaScript line separators, and parses back to the same value', () => {
    const value = { s: '</script><!-- & > \u2028\u2029' };
    const json = jsonForScriptElement(value);
    assert.equal(json, '{"s":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u003e \\u2028\\u2029"}');
    assert.deepEqual(JSON.parse(json), value);
  });
});
