/**
 * Webview panels' DOM. VS Code nests two iframes per webview: an outer `iframe.webview` (its
 * host page, pre/index.html) and inside it `iframe#active-frame`, whose `title` attribute is
 * the panel title at load time and whose document is the extension's HTML.
 */
import type { Frame, Page } from 'playwright-core';
import { waitFor } from './wait';

/** The content frame of the webview panel whose title starts with `titlePrefix`. */
export async function findWebviewFrame(page: Page, titlePrefix: string, timeoutMs = 60_000): Promise<Frame> {
  return waitFor(
    `a webview panel titled "${titlePrefix}…"`,
    async () => {
      let found: Frame | undefined;
      for (const frame of page.frames()) {
        if (frame.parentFrame() === null || frame.isDetached()) continue;
        const element = await frame.frameElement().catch(() => undefined);
        if (element === undefined) continue;
        const { id, title } = await element.evaluate((e) => (e instanceof Element ? { id: e.id, title: e.getAttribute('title') ?? '' } : { id: '', title: '' }));
        // The newest matching frame wins: an older one may be a panel being replaced.
        if (id === 'active-frame' && title.startsWith(titlePrefix)) found = frame;
      }
      return found;
    },
    timeoutMs,
  );
}

/** Every frame that belongs to a webview (outer host pages and their content), for safety checks. */
export function webviewFrames(page: Page): Frame[] {
  return page.frames().filter((frame) => frame.parentFrame() !== null && !frame.isDetached());
}

/** The editor tab titles that start with `prefix` (webview panels show their title on the tab). */
export async function tabTitles(page: Page, prefix: string): Promise<string[]> {
  const labels = await page.locator('.part.editor .tabs-container .tab').evaluateAll((tabs) => tabs.map((t) => t.getAttribute('aria-label') ?? ''));
  return labels.filter((label) => label.startsWith(prefix));
}
