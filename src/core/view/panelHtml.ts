import { randomBytes } from 'node:crypto';
import { escapeHtml } from './escapeHtml';
import { flameGraphBodyHtml } from './pageBody';

/** What the VS Code flame graph panel's HTML needs; URIs come from `webview.asWebviewUri`. */
export interface PanelHtmlOptions {
  /** `webview.cspSource`: the origin the panel may load styles, images and fonts from. */
  readonly cspSource: string;
  /** A fresh nonce per page (createNonce); the only way a script may run. */
  readonly nonce: string;
  readonly scriptUri: string;
  /** Stylesheets, linked in this order (the panel has one: media/flamegraph-panel.css). */
  readonly styleUris: readonly string[];
  readonly title: string;
}

/** The Content-Security-Policy of the panel (shared/DESIGN.md, security rules). */
export function panelCsp(cspSource: string, nonce: string): string {
  return (
    `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${cspSource}; ` +
    `img-src ${cspSource} data:; font-src ${cspSource}`
  );
}

/**
 * The panel's HTML: strict CSP, scripts by nonce only, styles as files (no inline style is
 * allowed). The profile arrives later as a `showProfile` message, never in the HTML.
 */
export function buildPanelHtml(options: PanelHtmlOptions): string {
  const nonce = checkNonce(options.nonce);
  const styles = options.styleUris
    .map((uri) => `  <link rel="stylesheet" href="${escapeHtml(uri)}">`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(panelCsp(options.cspSource, nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1">
${styles}
  <title>${escapeHtml(options.title)}</title>
</head>
<body class="pf-body">
${flameGraphBodyHtml(options.title)}
<script nonce="${nonce}" src="${escapeHtml(options.scriptUri)}"></script>
</body>
</html>
`;
}

/** A random nonce for one page's CSP (128 bits, base64). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Returns the nonce if it is a CSP base64 value (so it can go into the policy and attributes as is); throws otherwise. */
export function checkNonce(nonce: string): string {
  if (!/^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(nonce)) throw new Error('CSP nonce must be at least 16 base64 characters');
  return nonce;
}
