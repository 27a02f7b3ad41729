/**
 * Escaping for the HTML we generate. Profile strings never go through these builders (the
 * webview sets them with textContent); only the page title and asset URIs do.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and for quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/**
 * JSON for a `<script type="application/json">` element. `<`, `>` and `&` become \u escapes,
 * so no string in the data can close the element (`</script>`) or open a comment (`<!--`),
 * which in script data would change where the element ends. JSON.parse reads them back as is.
 */
export function jsonForScriptElement(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('value cannot be serialised as JSON');
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * JavaScript made safe to inline in a `<script>` element: `</script` would end the element and
 * `<!--` switches the HTML parser into its escaped script state. Both can only occur in strings,
 * regular expressions or comments of a bundle, where `<\/` and `\x3C` mean the same characters.
 */
export function inlineScriptText(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '\\x3C!--');
}

/** CSS made safe to inline in a `<style>` element (only `</style` ends that raw-text element). */
export function inlineStyleText(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}
