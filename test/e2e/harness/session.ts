/** One person's session: code-server with the extension, Chromium, the workspace open. */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
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

/** What a test file does around its session (useSession). */
export interface SessionHooks {
  /** Runs before the session starts: prepares the workspace or checks what the test needs. */
  readonly before?: () => void | Promise<void>;
  /** Runs once the session has stopped, whether the tests passed or not: removes what the test made. */
  readonly after?: () => void | Promise<void>;
}

/**
 * The test file's session: starts it in a node:test `before` hook and stops it in an `after`
 * hook (call at the top level of the file). Returns what each test calls to get the session,
 * which fails pointing at the hook's error when the session did not start.
 */
export function useSession(options: SessionOptions, hooks: SessionHooks = {}): () => Session {
  let session: Session | undefined;
  before(async () => {
    await hooks.before?.();
    session = await startSession(options);
  });
  after(async () => {
    try {
      await session?.stop();
    } finally {
      await hooks.after?.();
    }
  });
  return () => {
    assert.ok(session, 'the session did not start (see the before hook error)');
    return session;
  };
}

/**
 * useSession on a copy of examples/ in a fresh temporary folder (<tmp>/pf-e2e-NAME-XXXXXX/examples),
 * for tests that change files there: examples/ itself stays as it is. The copy is removed after
 * the session stops, before `hooks.after` runs.
 */
export function useExamplesSession(name: string, options: Omit<SessionOptions, 'name' | 'workspace'> = {}, hooks: SessionHooks = {}): () => Session {
  const home = mkdtempSync(join(tmpdir(), `pf-e2e-${name}-`));
  const workspace = join(home, 'examples');
  return useSession(
    { ...options, name, workspace },
    {
      before: async () => {
        cpSync(examplesDir, workspace, { recursive: true });
        await hooks.before?.();
      },
      after: async () => {
        rmSync(home, { recursive: true, force: true });
        await hooks.after?.();
      },
    },
  );
}
