/**
 * The Profile First activity bar view "Profiles" (the run history), as a person uses it: open
 * it from the activity bar, read its rows (script groups and recordings), right-click a
 * recording and pick a context menu entry. Selectors are VS Code 1.139's tree DOM: rows are
 * `.monaco-list-row` with `aria-level` (1: a script, 2: a recording).
 */
import type { Locator, Page } from 'playwright-core';
import { waitFor } from './wait';

const UI_TIMEOUT_MS = 30_000;
/** The Profile First view container's icon in the activity bar (its title is the label). */
const ACTIVITY_ICON = '.part.activitybar .action-item a.action-label[aria-label^="Profile First"]';
/** The Profiles view's pane inside the side bar. */
const PANE = '.part.sidebar .pane:has(.pane-header[aria-label^="Profiles"])';

/** One row of the view as shown: label, description and tree level. */
export interface ProfilesRow {
  readonly level: number;
  readonly label: string;
  readonly description: string;
}

/**
 * Opens the Profile First container from the activity bar and waits for the Profiles pane. The
 * icon toggles the side bar, and right after a reload the pane may still be restoring: click,
 * give it a few seconds, and click again only if it did not appear.
 */
export async function openProfilesView(page: Page): Promise<Locator> {
  const icon = page.locator(ACTIVITY_ICON).first();
  await icon.waitFor({ state: 'visible', timeout: 90_000 });
  const pane = page.locator(PANE).first();
  await waitFor(
    'the Profiles view to show',
    async () => {
      if (await pane.isVisible()) return true;
      await icon.click();
      return (await pane.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) ? true : undefined;
    },
    UI_TIMEOUT_MS,
  );
  return pane;
}

/** The rows the Profiles view shows now, read in one step (rows come and go while the tree refreshes). */
export async function profilesRows(page: Page): Promise<ProfilesRow[]> {
  const pane = page.locator(PANE).first();
  if ((await pane.count()) === 0) return [];
  return pane.evaluate((root) =>
    [...root.querySelectorAll('.monaco-list-row')].map((row) => ({
      level: Number(row.getAttribute('aria-level')),
      label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
      description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
    })),
  );
}

/** Waits until the view shows `count` recordings under the script `script`; returns the rows. */
export async function waitForRecordings(page: Page, script: string, count: number, timeoutMs = 60_000): Promise<ProfilesRow[]> {
  let last: ProfilesRow[] = [];
  try {
    return await waitFor(
      `${count} recordings of ${script} in the Profiles view`,
      async () => {
        last = await profilesRows(page);
        const group = last.findIndex((r) => r.level === 1 && r.label === script);
        if (group < 0) return undefined;
        const next = last.findIndex((r, i) => i > group && r.level === 1);
        const items = last.slice(group + 1, next < 0 ? undefined : next);
        return items.length === count ? last : undefined;
      },
      timeoutMs,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; the view shows ${JSON.stringify(last)}`);
  }
}

/** The row of the recording labelled `label` (its time). */
export function recordingRow(page: Page, label: string): Locator {
  return page.locator(`${PANE} .monaco-list-row[aria-level="2"]`).filter({ has: page.locator('.label-name', { hasText: label }) }).first();
}

/** Right-clicks a row and chooses `entry` in its context menu (VS Code draws the menu in HTML in a browser). */
export async function chooseInContextMenu(page: Page, row: Locator, entry: string): Promise<void> {
  await row.click({ button: 'right' });
  const item = page.locator('.context-view .monaco-menu .action-item .action-label', { hasText: entry }).first();
  try {
    await item.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  } catch {
    const shown = await page.locator('.context-view .monaco-menu .action-label').allInnerTexts();
    throw new Error(`the context menu has no "${entry}"; it shows ${JSON.stringify(shown)}`);
  }
  await item.click();
}
