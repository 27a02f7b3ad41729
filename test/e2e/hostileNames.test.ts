// Issue 3, test 5: function names are data. A profile whose names hold HTML and </script>
// shows them as text: no dialog, no injected element, no handler run.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { screenshot } from './harness/artifacts';
import { framesNamed, hoverFrame, ids, waitForFlameGraph, widestFrame } from './harness/flameGraph';
import { fixturesDir } from './harness/paths';
import { openProfile } from './harness/profileFirst';
import { useSession } from './harness/session';
import { webviewFrames } from './harness/webview';
import { waitFor } from './harness/wait';

const FIXTURE = 'hostile-names.speedscope.json';
const IMG_NAME = '<img src=x onerror=alert(1)>';
const SCRIPT_NAME = 'main</script><script>alert(2)</script>';

const current = useSession({ name: 'hostile-names' });

test('names with <img onerror> and </script> are shown as text, and nothing runs', { timeout: 180_000 }, async () => {
  const { page, browser } = current();
  await openProfile(page, join(fixturesDir, FIXTURE));
  const panel = await waitForFlameGraph(page, FIXTURE);
  await screenshot(page, 'hostile-names-01-flame-graph');

  for (const name of [IMG_NAME, SCRIPT_NAME]) {
    // The canvas draws the name with fillText (shortened with '…' when the frame is narrow).
    const labels = (await framesNamed(panel, name)).map((f) => f.label);
    const drawn = labels.some((label) => label === name || (label.length > 1 && label.endsWith('…') && name.startsWith(label.slice(0, -1))));
    assert.ok(drawn, `a frame labelled ${name} as text; labels: ${JSON.stringify(labels)}`);
    // The tooltip shows it whole, as text.
    await hoverFrame(panel, await widestFrame(panel, name));
    await waitFor(`the tooltip of ${name}`, async () => ((await panel.locator(ids.tipName).textContent()) === name ? true : undefined), 10_000);
    assert.equal(await panel.locator(`${ids.tooltip} *`).count(), 9, 'the tooltip gained elements from a name');
  }
  for (const frame of [page.mainFrame(), ...webviewFrames(page)]) {
    const injected = await frame.evaluate(() => ({
      images: document.querySelectorAll('img[src="x"], img[src="y"]').length,
      handlers: document.querySelectorAll('[onerror]').length,
      scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('alert(')).length,
    }));
    assert.deepEqual(injected, { images: 0, handlers: 0, scripts: 0 }, `nothing injected into ${frame.url().slice(0, 120)}`);
  }
  assert.deepEqual(browser.dialogs, [], 'no alert/confirm/prompt dialog opened');
  assert.deepEqual(browser.requests.filter((url) => /\/[xy]$/.test(url)), [], 'no <img src=x> was loaded');
  assert.deepEqual(browser.consoleMessages.filter((m) => /Refused to execute inline (event handler|script)/.test(m)), [], 'no inline script was even attempted');
});
