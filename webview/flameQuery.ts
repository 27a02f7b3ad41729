/**
 * Publishes the canvas flame graph's read-only query as `window.profileFirstFlameGraph`; its
 * types live in drawnFrame.ts (no DOM there, so tests that run outside a browser can import them).
 */
import type { FlameGraphQuery } from './drawnFrame';

export type { DrawnFrame, FlameGraphQuery } from './drawnFrame';

declare global {
  interface Window {
    /** Set by the flame graph page (webview/flameView.ts). */
    profileFirstFlameGraph?: FlameGraphQuery;
  }
}

/** Publishes the query (one chart per page). */
export function publishQuery(query: FlameGraphQuery): void {
  window.profileFirstFlameGraph = Object.freeze({ frameRects: (name?: string) => query.frameRects(name) });
}
