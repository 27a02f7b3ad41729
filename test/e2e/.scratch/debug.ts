import { startSession } from '../harness/session';
const s = await startSession({ name: 'debug' });
try {
  const page = s.page;
  for (const q of ['>Open Profile', '>Profile First', '>Profile First: Open Profile…']) {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget .quick-input-box input').fill(q);
    await page.waitForTimeout(1500);
    console.log(q, JSON.stringify(await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').allInnerTexts()));
    await page.keyboard.press('Escape');
  }
} finally { await s.stop(); }
