import { escapeHtml } from './escapeHtml';
import { LEAKS_INEXACT_NOTE, NO_SNAPSHOTS_TEXT } from './memoryText';

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
${memorySectionHtml()}
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
${comparisonSectionHtml()}
<div id="pf-tooltip" class="pf-tooltip" role="tooltip" hidden>
  <div id="pf-tip-name" class="pf-tip-name"></div>
  <div id="pf-tip-location" class="pf-tip-location"></div>
  <div class="pf-tip-row"><span class="pf-tip-key">Self</span><span id="pf-tip-self"></span></div>
  <div class="pf-tip-row"><span class="pf-tip-key">Total</span><span id="pf-tip-total"></span></div>
  <div id="pf-tip-hint" class="pf-tip-hint"></div>
</div>`;
}

/**
 * The memory section above the flame graph (hidden until a memory profile with a MemoryView
 * arrives): the chart, the Peak | Leaks switch and the leaks note. Fixed text only.
 */
function memorySectionHtml(): string {
  return `<section id="pf-memory" class="pf-memory" aria-label="Memory over time" hidden>
  <div class="pf-memory-bar">
    <span class="pf-memory-title">Memory over time</span>
    <span class="pf-legend pf-legend-rss">RSS</span>
    <span class="pf-legend pf-legend-heap">heap</span>
    <span class="pf-spacer"></span>
    <div id="pf-memory-modes" class="pf-segmented" role="group" aria-label="Memory shown in the flame graph" hidden>
      <button id="pf-mode-peak" class="pf-segment" type="button" aria-pressed="false" title="Memory held at the high-water mark">Peak</button>
      <button id="pf-mode-leaks" class="pf-segment" type="button" aria-pressed="false" title="Memory not freed when tracking ended">Leaks</button>
    </div>
  </div>
  <div id="pf-memory-chart" class="pf-memory-chart"></div>
  <div id="pf-memory-empty" class="pf-memory-empty" hidden>${escapeHtml(NO_SNAPSHOTS_TEXT)}</div>
  <div id="pf-leaks-note" class="pf-note" role="note" hidden>
    <span class="pf-note-text">${escapeHtml(LEAKS_INEXACT_NOTE)}</span>
    <button id="pf-rerun-malloc" class="pf-button" type="button" title="Record the program again with PYTHONMALLOC=malloc">Re-run with PYTHONMALLOC=malloc</button>
  </div>
</section>`;
}

/**
 * The comparison section under the flame graph (hidden until a comparison arrives): the legend,
 * the table of changes (rows filled in with textContent) and the repeated-runs button.
 */
function comparisonSectionHtml(): string {
  return `<section id="pf-comparison" class="pf-comparison" aria-label="Comparison" hidden>
  <div class="pf-comparison-bar">
    <span class="pf-comparison-heading">Changes</span>
    <span class="pf-legend pf-legend-grew">grew</span>
    <span class="pf-legend pf-legend-shrank">shrank</span>
    <span class="pf-spacer"></span>
    <button id="pf-verify-comparison" class="pf-button" type="button" title="Run both programs several times, alternately, and test wall time, CPU time and memory">Verify with repeated runs</button>
  </div>
  <div id="pf-comparison-summary" class="pf-comparison-summary"></div>
  <div id="pf-comparison-note" class="pf-note" role="note"></div>
  <table id="pf-comparison-table" class="pf-comparison-table" aria-label="Functions and lines whose share changed, largest change first">
    <thead><tr id="pf-comparison-head"></tr></thead>
    <tbody id="pf-comparison-rows"></tbody>
  </table>
  <div id="pf-comparison-test" class="pf-comparison-footnote"></div>
  <div id="pf-comparison-omitted" class="pf-comparison-footnote"></div>
</section>`;
}
