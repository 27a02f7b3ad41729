/**
 * The Profile First flame graph panel, as a person uses it: read a frame's share from its
 * tooltip, search, click to zoom, Go to source. Element ids are the page skeleton's
 * (src/core/view/pageBody.ts). Frames are drawn on a canvas, so where a frame is comes from the
 * page's read-only query `window.profileFirstFlameGraph.frameRects(name)` (webview/flameQuery.ts);
 * the pointer is then moved and clicked there with the real mouse.
 */
import type { Frame, Page } from 'playwright-core';
import type { DrawnFrame } from '../../../webview/flameQuery';
import { SEARCH_MATCH_FILL } from '../../../webview/frameColors';
import { findWebviewFrame } from './webview';
import { notificationTexts } from './workbench';
import { waitFor } from './wait';

export const FLAME_GRAPH_TITLE = 'Flame Graph';

export const ids = {
  title: '#pf-title',
  search: '#pf-search',
  searchResult: '#pf-search-result',
  goto: '#pf-goto',
  reset: '#pf-reset',
  selection: '#pf-selection',
  message: '#pf-message-text',
  chart: '#pf-chart',
  tooltip: '#pf-tooltip',
  tipName: '#pf-tip-name',
  tipTotal: '#pf-tip-total',
} as const;

// Generous: a loaded 2-core machine can take a minute to record, parse and load a webview.
const RENDER_TIMEOUT_MS = 120_000;

/** The canvas the flame graph is drawn on. */
const CANVAS = `${ids.chart} canvas`;

/** All drawn frames of a function (the same name can be drawn at several places and lines), in canvas CSS pixels. */
export function framesNamed(frame: Frame, name: string): Promise<DrawnFrame[]> {
  return frame.evaluate((n) => window.profileFirstFlameGraph?.frameRects(n) ?? [], name);
}

/** The distinct names of every drawn frame. */
export async function drawnFrameNames(frame: Frame): Promise<string[]> {
  const frames = await frame.evaluate(() => window.profileFirstFlameGraph?.frameRects() ?? []);
  return [...new Set(frames.map((f) => f.name))];
}

/** Waits for the flame graph panel to show a profile whose header title contains `title`; returns its frame. */
export async function waitForFlameGraph(page: Page, title: string): Promise<Frame> {
  let frame: Frame;
  try {
    frame = await findWebviewFrame(page, FLAME_GRAPH_TITLE, RENDER_TIMEOUT_MS);
  } catch (error) {
    throw new Error(`${(error as Error).message}; notifications: ${JSON.stringify(await notificationTexts(page))}`);
  }
  await waitFor(
    `the flame graph of "${title}" to be drawn`,
    async () => {
      const header = await frame.locator(ids.title).innerText({ timeout: 1_000 });
      const rendered = await frame.locator('body[data-pf-rendered]').count();
      const frames = await frame.evaluate(() => window.profileFirstFlameGraph?.frameRects().length ?? 0);
      return header.includes(title) && rendered > 0 && frames > 0 ? true : undefined;
    },
    RENDER_TIMEOUT_MS,
  );
  return frame;
}

/** The widest drawn frame of a function. */
export async function widestFrame(frame: Frame, name: string): Promise<DrawnFrame> {
  const frames = await framesNamed(frame, name);
  if (frames.length === 0) {
    throw new Error(`no frame named ${JSON.stringify(name)} in the flame graph; frames shown: ${JSON.stringify((await drawnFrameNames(frame)).slice(0, 30))}`);
  }
  return frames.reduce((widest, f) => (f.width > widest.width ? f : widest));
}

/** The middle of a drawn frame, in canvas CSS pixels (where a person would point). */
function middle(drawn: DrawnFrame): { x: number; y: number } {
  return { x: drawn.x + drawn.width / 2, y: drawn.y + drawn.height / 2 };
}

/** Moves the mouse onto a drawn frame. */
export async function hoverFrame(frame: Frame, drawn: DrawnFrame): Promise<void> {
  await frame.locator(CANVAS).hover({ position: middle(drawn) });
}

/** Clicks a drawn frame with the mouse (Ctrl/Cmd with `modifiers`). */
export async function clickFrame(frame: Frame, drawn: DrawnFrame, modifiers?: ('Control' | 'Meta')[]): Promise<void> {
  await frame.locator(CANVAS).click({ position: middle(drawn), ...(modifiers !== undefined ? { modifiers } : {}) });
}

/** Parses the first "12.3 %" in a text. */
export function parsePercent(text: string): number | undefined {
  const match = /(\d+(?:\.\d+)?)\s*%/.exec(text);
  return match?.[1] !== undefined ? Number(match[1]) : undefined;
}

/**
 * A function's share of the profile in percent, as the tooltip shows it when the pointer rests
 * on its widest frame ("Total: 94 samples · 88.7 % · 0.94 s").
 */
export async function frameShare(frame: Frame, name: string): Promise<{ percent: number; tooltip: string }> {
  await hoverFrame(frame, await widestFrame(frame, name));
  return waitFor(`the tooltip of ${name}`, async () => {
    if (!(await frame.locator(ids.tooltip).isVisible())) return undefined;
    if ((await frame.locator(ids.tipName).innerText()) !== name) return undefined;
    const tooltip = await frame.locator(ids.tooltip).innerText();
    const percent = parsePercent(await frame.locator(ids.tipTotal).innerText());
    return percent === undefined ? undefined : { percent, tooltip };
  });
}

/** Types a search and waits for the panel to report the matched share. */
export async function search(frame: Frame, text: string): Promise<string> {
  // Click first, as a person does: the pointer leaves the chart and its tooltip closes.
  await frame.locator(ids.search).click();
  await frame.locator(ids.search).fill(text);
  await frame.locator(ids.search).press('Enter');
  return waitFor(`search results for ${text}`, async () => {
    const result = (await frame.locator(ids.searchResult).innerText()).trim();
    return result !== '' ? result : undefined;
  });
}

/** True when every drawn frame of the function has the search-match fill. */
export async function isHighlighted(frame: Frame, name: string): Promise<boolean> {
  const frames = await framesNamed(frame, name);
  return frames.length > 0 && frames.every((f) => f.highlighted && f.fill === SEARCH_MATCH_FILL);
}

/** The drawn width of the function's widest frame as a share (0..1) of the chart's width. */
export async function widthShare(frame: Frame, name: string): Promise<number> {
  const target = await widestFrame(frame, name);
  const total = await frame.locator(CANVAS).evaluate((canvas) => canvas.getBoundingClientRect().width);
  return total > 0 ? target.width / total : 0;
}
