/**
 * A small HTML tokenizer for tests: enough of the HTML parsing rules (raw-text `<script>` and
 * `<style>` content, comments, quoted attributes) to list the tags a browser would see, so a
 * test can say "no inline style", "every script has the nonce" or "the JSON tag ends here".
 */

/** One start tag as a browser would tokenize it. */
export interface StartTag {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  /** For <script> and <style>: the raw text up to the end tag a browser would find. */
  readonly text?: string;
}

const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** The start tags of a document in order. Script end is found as a browser does when the script holds no `<!--`. */
export function startTags(html: string): StartTag[] {
  const tags: StartTag[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const m = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(lt, lt + 64));
    if (m === null) {
      i = lt + 1;
      continue;
    }
    const name = m[1].toLowerCase();
    const close = findTagEnd(html, lt + m[0].length);
    const attributes = new Map<string, string>();
    const attrText = html.slice(lt + m[0].length, close);
    for (const a of attrText.matchAll(ATTRIBUTE)) attributes.set(a[1].toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '');
    i = close + 1;
    if (name === 'script' || name === 'style') {
      const endRe = new RegExp(`</${name}[\\s/>]`, 'i');
      const rest = html.slice(i);
      const end = rest.search(endRe);
      const text = end < 0 ? rest : rest.slice(0, end);
      tags.push({ name, attributes, text });
      i += end < 0 ? rest.length : end;
    } else {
      tags.push({ name, attributes });
    }
  }
  return tags;
}

function findTagEnd(html: string, from: number): number {
  let quote: string | undefined;
  for (let j = from; j < html.length; j++) {
    const c = html[j];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j;
  }
  return html.length;
}

/** Decodes the five entities escapeHtml produces (enough to read back titles and attributes). */
export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? _);
}
