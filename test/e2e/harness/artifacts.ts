/** Screenshots of each step, for a reviewer to look at (test/e2e/artifacts/, git-ignored). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { artifactsDir } from './paths';

/** Saves `test/e2e/artifacts/<step>.png`; returns its path. Name steps `<test>-<nn>-<what>`. */
export async function screenshot(page: Page, step: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${step.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, timeout: 30_000 });
  return path;
}
