import { startSession } from '../harness/session';
import { runCommand } from '../harness/workbench';
const s = await startSession({ name: 'debug' });
try {
  const page = s.page;
  await runCommand(page, 'Profile First: Open Profile…');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const t0 = Date.now();
  for (let i = 0; i < 15; i++) { console.log(Date.now() - t0, JSON.stringify(await input.inputValue()), (await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').allInnerTexts()).length); await page.waitForTimeout(200); }
  await input.fill('/work/main/test/e2e/fixtures/cpu_hot.speedscope.json');
  for (let i = 0; i < 10; i++) { console.log('after fill', Date.now() - t0, JSON.stringify(await input.inputValue()), JSON.stringify(await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').allInnerTexts())); await page.waitForTimeout(200); }
} finally { await s.stop(); }
