import { startSession } from '../harness/session';
import { screenshot } from '../harness/artifacts';
const s = await startSession({ name: 'debug', withExtension: false });
try {
  const page = s.page;
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget .quick-input-box input').fill('cpu_hot.py');
  const t0 = Date.now();
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
  await row.waitFor();
  console.log('row after', Date.now() - t0, await row.evaluate((e) => e.outerHTML.replace(/ style="[^"]*"/g, '').slice(0, 3000)));
  await row.click();
  await page.waitForTimeout(3000);
  await screenshot(page, 'debug-1');
  console.log(await page.locator('.part.editor .tabs-container').evaluate((e) => e.outerHTML.replace(/ style="[^"]*"/g, '').slice(0, 3000)));
} finally { await s.stop(); }
