/**
 * The Profile First flame graph panel, as a person uses it: read a frame's share from its
 * tooltip, search, click to zoom, Go to source. Element ids are the page skeleton's
 * (src/core/view/pageBody.ts); frames are d3-flame-graph's `g.frame` with a `name` attribute.
 */
import type { Frame, Locator, Page } from 'playwright-core';
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

function attributeValue(value: string): string {
  // A CSS string: JSON's escaping of `"` and `\` is also valid CSS.
  return JSON.stringify(value);
}

/** All drawn frames of a function (the same name can be drawn at several places and lines). */
export function framesNamed(frame: Frame, name: string): Locator {
  return frame.locator(`${ids.chart} g.frame[name=${attributeValue(name)}]`);
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
      const frames = await frame.locator(`${ids.chart} g.frame`).count();
      return header.includes(title) && rendered > 0 && frames > 0 ? true : undefined;
    },
    RENDER_TIMEOUT_MS,
  );
  return frame;
}

/** Index of the widest drawn frame of a function. */
async function widestIndex(frame: Frame, name: string): Promise<number> {
  const widths = await framesNamed(frame, name).evaluateAll((gs) => gs.map((g) => Number(g.querySelector('rect')?.getAttribute('width') ?? 0)));
  if (widths.length === 0) {
    const shown = await frame.locator(`${ids.chart} g.frame`).evaluateAll((gs) => [...new Set(gs.map((g) => g.getAttribute('name')))].slice(0, 30));
    throw new Error(`no frame named ${JSON.stringify(name)} in the flame graph; frames shown: ${JSON.stringify(shown)}`);
  }
  return widths.indexOf(Math.max(...widths));
}

/** The widest drawn frame of a function. */
export async function widestFrame(frame: Frame, name: string): Promise<Locator> {
  return framesNamed(frame, name).nth(await widestIndex(frame, name));
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
  const target = await widestFrame(frame, name);
  await target.locator('rect').hover();
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
  const fills = await framesNamed(frame, name).evaluateAll((gs) => gs.map((g) => g.querySelector('rect')?.getAttribute('fill') ?? ''));
  return fills.length > 0 && fills.every((fill) => fill === SEARCH_MATCH_FILL);
}

/** The drawn width of the function's widest frame as a share (0..1) of the chart's width. */
export async function widthShare(frame: Frame, name: string): Promise<number> {
  const target = await widestFrame(frame, name);
  return target.evaluate((g) => {
    const svg = g instanceof SVGGraphicsElement ? g.ownerSVGElement : null;
    const width = Number(g.querySelector('rect')?.getAttribute('width') ?? 0);
    const total = Number(svg?.getAttribute('width') ?? 0);
    return total > 0 ? width / total : 0;
  });
}
