import { escapeHtml } from './escapeHtml';

/**
 * The static markup of the flame graph page, shared by the VS Code panel and the standalone
 * HTML file so both run the same webview bundle against the same element ids. It holds no
 * profile strings (the title is escaped; everything else is filled in by the webview with
 * textContent), no inline styles and no event handler attributes.
 */
export function flameGraphBodyHtml(title: string): string {
  return `<header class="pf-header">
  <h1 id="pf-title" class="pf-title">${escapeHtml(title)}</h1>
  <div id="pf-summary" class="pf-summary"></div>
  <div id="pf-pruned" class="pf-pruned" hidden></div>
</header>
<div class="pf-toolbar" role="toolbar" aria-label="Flame graph">
  <input id="pf-search" class="pf-search" type="search" placeholder="Search (regex)" aria-label="Search frames by regular expression (case-insensitive unless it has capitals)" spellcheck="false" autocomplete="off">
  <span id="pf-search-result" class="pf-search-result" aria-live="polite"></span>
  <span class="pf-spacer"></span>
  <button id="pf-goto" class="pf-button" type="button" disabled title="Open the selected frame's source (or Ctrl/Cmd+click a frame)">Go to source</button>
  <button id="pf-reset" class="pf-button" type="button" title="Show the whole profile">Reset zoom</button>
  <button id="pf-orientation" class="pf-button pf-toggle" type="button" aria-pressed="false" title="Root at the bottom (flame graph) instead of the top (icicle)">Flame graph</button>
</div>
<div id="pf-selection" class="pf-selection" aria-live="polite"></div>
<div id="pf-message" class="pf-message" role="status" hidden>
  <span id="pf-message-text" class="pf-message-text"></span>
  <button id="pf-message-close" class="pf-message-close" type="button" aria-label="Dismiss">×</button>
</div>
<main id="pf-chart" class="pf-chart" aria-label="Flame graph"></main>
<div id="pf-tooltip" class="pf-tooltip" role="tooltip" hidden>
  <div id="pf-tip-name" class="pf-tip-name"></div>
  <div id="pf-tip-location" class="pf-tip-location"></div>
  <div class="pf-tip-row"><span class="pf-tip-key">Self</span><span id="pf-tip-self"></span></div>
  <div class="pf-tip-row"><span class="pf-tip-key">Total</span><span id="pf-tip-total"></span></div>
  <div id="pf-tip-hint" class="pf-tip-hint"></div>
</div>`;
}
