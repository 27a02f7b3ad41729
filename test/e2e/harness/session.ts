/** One person's session: code-server with the extension, Chromium, the workspace open. */
import type { Page } from 'playwright-core';
import { screenshot } from './artifacts';
import { openBrowser, type BrowserSession } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import { checkPrerequisites, examplesDir, pySpyPath, realPython, vsixPath } from './paths';
import { openFolder } from './workbench';

export interface SessionOptions {
  /** Prefix of this session's artifacts (server log). */
  readonly name: string;
  /** Default: examples/. */
  readonly workspace?: string;
  /** Install the packaged extension (default true; the smoke test runs without it). */
  readonly withExtension?: boolean;
  /** false: Restricted Mode (workspace trust on, folder not trusted). Default true. */
  readonly trusted?: boolean;
  readonly settings?: Readonly<Record<string, unknown>>;
}

export interface Session {
  readonly server: CodeServer;
  readonly browser: BrowserSession;
  readonly page: Page;
  /** Closes the browser and stops the server; safe to call twice. */
  stop(): Promise<void>;
}

/** Starts everything and opens the workspace; on any failure, stops what it started. */
export async function startSession(options: SessionOptions): Promise<Session> {
  const withExtension = options.withExtension ?? true;
  checkPrerequisites({ vsix: withExtension, pySpy: withExtension });
  const workspace = options.workspace ?? examplesDir;
  const server = await startCodeServer({
    name: options.name,
    workspace,
    trusted: options.trusted ?? true,
    ...(withExtension ? { vsix: vsixPath } : {}),
    // py-spy from the project's .venv and the real interpreter (see realPython): user
    // settings, as a person would configure them.
    settings: { ...(withExtension ? { 'profileFirst.pyspyPath': pySpyPath, 'profileFirst.pythonPath': realPython() } : {}), ...options.settings },
  });
  let browser: BrowserSession | undefined;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    // The last thing a person saw, whether the tests passed or not.
    if (browser !== undefined) await screenshot(browser.page, `${options.name}-99-last`).catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server.stop();
  };
  try {
    browser = await openBrowser();
    await openFolder(browser.page, server.url, workspace);
    return { server, browser, page: browser.page, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
