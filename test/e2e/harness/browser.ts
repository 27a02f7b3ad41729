/** Debian's Chromium, driven by playwright-core (never a downloaded browser). */
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath } from './paths';

/** The flags of shared/DESIGN.md: headless, no sandbox (root in CI), no background network. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BrowserSession {
  readonly browser: Browser;
  readonly page: Page;
  /** Every JavaScript dialog (alert/confirm/prompt) the page or its frames opened. */
  readonly dialogs: string[];
  /** Uncaught page errors, for failure messages. */
  readonly pageErrors: string[];
  /** Console messages of the page and its frames (CSP violations show up here). */
  readonly consoleMessages: string[];
  /** URLs the page and its frames requested. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Launches Chromium with one page sized like a laptop screen. */
export async function openBrowser(): Promise<BrowserSession> {
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_FLAGS, timeout: 60_000 });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const consoleMessages: string[] = [];
  const requests: string[] = [];
  // On the context, so dialogs of every frame (webviews are out-of-process iframes) count.
  context.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  context.on('console', (message) => consoleMessages.push(`${message.type()}: ${message.text()}`));
  context.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    browser,
    page,
    dialogs,
    pageErrors,
    consoleMessages,
    requests,
    close: () => browser.close(),
  };
}
