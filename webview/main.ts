/**
 * Entry point of the flame graph page (bundled to dist/webview.js). In a VS Code webview it
 * says `ready` and draws what the host sends; in a standalone HTML file it draws the profile
 * embedded in the page.
 */
import type { ToWebview } from '../src/core/protocol';
import { FlameApp } from './app';
import { connectToHost } from './hostBridge';

const TO_WEBVIEW_TYPES: ReadonlySet<string> = new Set<ToWebview['type']>(['showProfile', 'focusLocation', 'showMessage']);

/** Messages come from our own host; this only drops what is clearly not one of ours. */
function asToWebview(value: unknown): ToWebview | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && TO_WEBVIEW_TYPES.has(type) ? (value as ToWebview) : undefined;
}

function start(): void {
  const host = connectToHost();
  const app = new FlameApp(host);
  if (host.kind === 'vscode') {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const message = asToWebview(event.data);
      if (message !== undefined) app.handle(message);
    });
    host.post({ type: 'ready' });
    return;
  }
  const data = host.readEmbeddedData();
  if (typeof data === 'string') app.showMessage('error', data);
  else app.showProfile(data);
}

start();
