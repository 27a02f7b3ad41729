/**
 * What a person does in the VS Code workbench, by keyboard and mouse: open a folder, Quick
 * Open a file (Ctrl+P), run a command from the palette (F1), read notifications, the editor
 * and the status bar. Selectors are VS Code 1.139's DOM (code-server 4.139).
 */
import type { Locator, Page } from 'playwright-core';
import { waitFor } from './wait';

const UI_TIMEOUT_MS = 30_000;

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;
const QUICK_INPUT_ROWS = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;
const EDITOR_GROUPS = '.part.editor .editor-group-container';
const ACTIVE_GROUP = `${EDITOR_GROUPS}.active`;

function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

/** Opens `folder` in the workbench and waits until the explorer shows it. */
export async function openFolder(page: Page, serverUrl: string, folder: string): Promise<void> {
  await page.goto(`${serverUrl}/?folder=${encodeURIComponent(folder)}`, { timeout: UI_TIMEOUT_MS });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
}

/** The explorer row of a file or folder name (top level of the workspace). */
export function explorerItem(page: Page, name: string): Locator {
  return page.locator('.explorer-folders-view .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exactly(name) }) });
}

/** The quick input row whose label is exactly `label`. */
function quickInputRow(page: Page, label: string): Locator {
  return page.locator(QUICK_INPUT_ROWS).filter({ has: page.locator('.label-name', { hasText: exactly(label) }) }).first();
}

/** Opens a workspace file by name with Quick Open (Ctrl+P) and waits for its editor tab. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator(QUICK_INPUT_BOX);
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await input.fill(name);
  const row = quickInputRow(page, name);
  try {
    // The first file search of a session starts the search service: several seconds.
    await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  } catch {
    throw new Error(`Quick Open does not offer "${name}"; it shows ${JSON.stringify(await page.locator(QUICK_INPUT_ROWS).allInnerTexts())}`);
  }
  await row.click();
  await waitForActiveEditor(page, name);
}

/**
 * Runs a command by its palette title (e.g. "Profile First: Open Profile…") via F1. Commands
 * contributed by extensions appear once the extension host has read their manifests, a few
 * seconds after the workbench shows: until then the palette is reopened and asked again.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 90_000): Promise<void> {
  const input = page.locator(QUICK_INPUT_BOX);
  let shown: string[] = [];
  try {
    await waitFor(
      `command "${title}" in the palette`,
      async () => {
        await page.keyboard.press('F1');
        await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
        await input.fill(`>${title}`);
        const row = quickInputRow(page, title);
        if (await row.waitFor({ state: 'visible', timeout: 2_000 }).then(() => true, () => false)) {
          await row.click();
          return true;
        }
        shown = await page.locator(QUICK_INPUT_ROWS).allInnerTexts();
        await page.keyboard.press('Escape');
        return undefined;
      },
      timeoutMs,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; is the extension installed? The palette shows ${JSON.stringify(shown.slice(0, 8))}`);
  }
}

/** The quick input's text box, for commands that ask something (a path, a PID…). */
export function quickInputBox(page: Page): Locator {
  return page.locator(QUICK_INPUT_BOX);
}

/** Waits for a notification toast containing `text`; returns it. */
export async function waitForNotification(page: Page, text: string | RegExp, timeoutMs = UI_TIMEOUT_MS): Promise<Locator> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  try {
    await toast.waitFor({ state: 'visible', timeout: timeoutMs });
  } catch {
    throw new Error(`no notification matching ${String(text)} within ${timeoutMs} ms; shown: ${JSON.stringify(await notificationTexts(page))}`);
  }
  // Toasts slide in: wait until it stands still, so a screenshot shows it whole.
  let last = '';
  await waitFor('the notification to stop moving', async () => {
    const box = JSON.stringify(await toast.boundingBox());
    const still = box === last;
    last = box;
    return still ? true : undefined;
  }, 5_000).catch(() => undefined);
  return toast;
}

/** The text of every visible notification toast. */
export function notificationTexts(page: Page): Promise<string[]> {
  return page.locator('.notifications-toasts .notification-toast .notification-list-item-message').allInnerTexts();
}

/**
 * Opens the Problems panel (Ctrl+Shift+M) and waits for its first entry containing `text` (a
 * diagnostic code such as PF101); returns the entry. The default bound allows for the first
 * lint of a session, which loads the WebAssembly parser on a loaded machine.
 */
export async function problemsEntry(page: Page, text: string, timeoutMs = 90_000): Promise<Locator> {
  await page.keyboard.press('Control+Shift+M');
  const entry = page.locator('.markers-panel .monaco-list-row', { hasText: text }).first();
  await entry.waitFor({ state: 'visible', timeout: timeoutMs });
  return entry;
}

/** The active editor group's active tab: its file name (tabs split name and suffix) or its title. */
export async function activeEditorTitle(page: Page): Promise<string | undefined> {
  const tab = page.locator(`${ACTIVE_GROUP} .tab.active`).first();
  if ((await tab.count()) === 0) return undefined;
  return (await tab.getAttribute('data-resource-name', { timeout: 1_000 })) ?? (await tab.getAttribute('aria-label', { timeout: 1_000 })) ?? undefined;
}

/** Waits until the active editor group's active tab is `name`. */
export async function waitForActiveEditor(page: Page, name: string, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
  let last: string | undefined;
  try {
    await waitFor(`the active editor to be ${name}`, async () => ((last = await activeEditorTitle(page)) === name ? true : undefined), timeoutMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}; the active tab is ${JSON.stringify(last)}`);
  }
}

/** The cursor position from the status bar ("Ln 13, Col 9"), or undefined when no text editor is active. */
export async function cursorPosition(page: Page): Promise<{ line: number; column: number } | undefined> {
  const item = page.locator('[id="status.editor.selection"]');
  if ((await item.count()) === 0) return undefined;
  const match = /Ln (\d+), Col (\d+)/.exec(await item.innerText({ timeout: 1_000 }));
  return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
}

/** Waits until the status bar shows the cursor on `line`. */
export function waitForCursorLine(page: Page, line: number, timeoutMs = UI_TIMEOUT_MS): Promise<true> {
  return waitFor(`the cursor on line ${line}`, async () => ((await cursorPosition(page))?.line === line ? true : undefined), timeoutMs);
}

/**
 * A text editor: the one showing the file whose URI ends with `uriSuffix`, in whichever group
 * (once a panel beside it has been clicked, the panel's group is the active one); without
 * `uriSuffix`, the active group's.
 */
export function textEditor(page: Page, uriSuffix?: string): Locator {
  const selector = uriSuffix === undefined ? `${ACTIVE_GROUP} .monaco-editor[data-uri]` : `${EDITOR_GROUPS} .monaco-editor[data-uri$=${JSON.stringify(uriSuffix)}]`;
  return page.locator(selector).first();
}

/**
 * The rendered text of a line of a text editor (textEditor), decorations included: VS Code
 * draws a decoration's `before`/`after` contentText as CSS `content` of an empty span's
 * pseudo-element, so that text is read from the computed style. The line must be on screen;
 * undefined when it is not rendered.
 */
export async function readEditorLineText(page: Page, line: number, uriSuffix?: string): Promise<string | undefined> {
  const editor = textEditor(page, uriSuffix);
  // A short bound (callers poll with waitFor while the editor settles). No named helpers inside: tsx (esbuild keepNames) would wrap them in a __name() call that
  // does not exist in the page.
  return editor.evaluate((root, wanted) => {
    // Lines are absolutely positioned: the margin's line number and the text line share `top`.
    for (const number of root.querySelectorAll<HTMLElement>('.margin-view-overlays .line-numbers')) {
      if (number.textContent?.trim() !== String(wanted)) continue;
      const top = number.parentElement?.style.top;
      for (const text of root.querySelectorAll<HTMLElement>('.view-lines .view-line')) {
        if (text.style.top !== top) continue;
        let rendered = '';
        for (const span of text.querySelectorAll('span')) {
          if (span.children.length > 0) continue;
          const [before, after] = (['::before', '::after'] as const).map((pseudo) => {
            const content = getComputedStyle(span, pseudo).content;
            return content.startsWith('"') ? content.slice(1, -1).replace(/\\(.)/g, '$1') : '';
          });
          rendered += `${before}${span.textContent ?? ''}${after}`;
        }
        return rendered.replace(/\u00a0/g, ' ');
      }
    }
    return undefined;
  }, line, { timeout: 5_000 });
}

/**
 * Answers VS Code's file dialog. In a browser window it is the "simple" dialog: a quick input
 * holding a folder path, where a person types the full path and presses Enter.
 */
export async function pickPathInFileDialog(page: Page, path: string): Promise<void> {
  const input = page.locator(QUICK_INPUT_BOX);
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  const rows = page.locator(QUICK_INPUT_ROWS);
  // The dialog sets its value twice (a parent, then the start folder) before listing that
  // folder; whatever is typed before the listing shows is overwritten.
  await waitFor('the file dialog to list its start folder', async () =>
    (await input.inputValue()).endsWith('/') && (await rows.count()) > 0 ? true : undefined,
  );
  await input.fill(path);
  // Typing a path makes the dialog list that path's folder, filtered to the typed name.
  const name = path.slice(path.lastIndexOf('/') + 1);
  await quickInputRow(page, name).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await input.press('Enter');
  try {
    await input.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  } catch {
    const message = await page.locator(`${QUICK_INPUT} .quick-input-message`).innerText().catch(() => '');
    throw new Error(`the file dialog did not accept ${path}: it shows "${await input.inputValue()}" ${message}`);
  }
}
