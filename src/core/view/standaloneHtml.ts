import type { FlameGraphData } from '../model/flameTree';
import { escapeHtml, inlineScriptText, inlineStyleText, jsonForScriptElement } from './escapeHtml';
import { flameGraphBodyHtml } from './pageBody';
import { checkNonce, createNonce } from './panelHtml';

/** What one self-contained flame graph page is made of. */
export interface StandaloneHtmlOptions {
  readonly title: string;
  readonly data: FlameGraphData;
  /** The webview bundle (dist/webview.js). */
  readonly script: string;
  /** The page's stylesheet (media/flamegraph-panel.css). */
  readonly css: string;
  /** Only for tests that need a stable page; a fresh random nonce otherwise. */
  readonly nonce?: string;
}

/** The element id the webview reads the embedded profile from when it runs outside VS Code. */
export const PROFILE_DATA_ELEMENT_ID = 'profile-data';

/** The CSP of the standalone page: nothing loads from anywhere; inline code runs only by nonce. */
export function standaloneCsp(nonce: string): string {
  return `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data:; base-uri 'none'; form-action 'none'`;
}

/**
 * One self-contained HTML page: the same body and bundle as the panel, with the JS and CSS
 * inlined and the profile embedded as JSON in a non-executable script element (the bundle reads
 * it when `acquireVsCodeApi` is absent). Profile strings stay data: `<` is escaped in the JSON
 * and the webview sets every string with textContent.
 */
export function buildStandaloneHtml(options: StandaloneHtmlOptions): string {
  const nonce = checkNonce(options.nonce ?? createNonce());
  const csp = escapeHtml(standaloneCsp(nonce));
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="generator" content="Profile First">
  <title>${escapeHtml(options.title)}</title>
  <style nonce="${nonce}">
${inlineStyleText(options.css)}
  </style>
</head>
<body class="pf-body pf-standalone">
${flameGraphBodyHtml(options.title)}
<script nonce="${nonce}" id="${PROFILE_DATA_ELEMENT_ID}" type="application/json">${jsonForScriptElement(options.data)}</script>
<script nonce="${nonce}">
${inlineScriptText(options.script)}
</script>
</body>
</html>
`;
}
