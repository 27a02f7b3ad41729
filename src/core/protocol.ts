/**
 * Messages between the extension host and the flame graph webview: one union per direction,
 * each member with a literal `type`. Both sides switch on `type` with an exhaustiveness check;
 * the host validates every inbound message (`parseFromWebview`) because a webview is untrusted.
 */
import type { FlameGraphData, MemoryViewMode } from './model/flameTree';

/** Host → webview. */
export type ToWebview =
  | { readonly type: 'showProfile'; readonly data: FlameGraphData }
  /** Zoom the graph to the widest frame at this location (from a hint, hover or CodeLens). */
  | { readonly type: 'focusLocation'; readonly file: string; readonly line?: number; readonly name?: string }
  | { readonly type: 'showMessage'; readonly level: 'info' | 'error'; readonly text: string };

/** Webview → host. */
export type FromWebview =
  | { readonly type: 'ready' }
  /** Open this source location; honoured only when `file` appears in the loaded profile. */
  | { readonly type: 'openLocation'; readonly file: string; readonly line: number }
  /** The user zoomed to a node (`null`: reset); the editor hints follow. */
  | { readonly type: 'zoomed'; readonly nodeId: number | null }
  /** Show the other memory view (peak or leaks) of the loaded capture; the host answers with `showProfile`. */
  | { readonly type: 'switchMemoryMode'; readonly mode: MemoryViewMode }
  /** Record the shown memory profile's program again with PYTHONMALLOC=malloc, so leaks are exact. */
  | { readonly type: 'rerunWithMalloc' }
  /** Re-run both programs of the shown comparison repeatedly (profileFirst.verifyChange). */
  | { readonly type: 'verifyComparison' };

/** Validates an unknown value posted by the webview; returns undefined for anything malformed. */
export function parseFromWebview(value: unknown): FromWebview | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const msg = value as Record<string, unknown>;
  switch (msg.type) {
    case 'ready':
      return { type: 'ready' };
    case 'openLocation':
      if (typeof msg.file !== 'string' || msg.file.length === 0 || msg.file.length > 4096) return undefined;
      if (typeof msg.line !== 'number' || !Number.isInteger(msg.line) || msg.line < 1) return undefined;
      return { type: 'openLocation', file: msg.file, line: msg.line };
    case 'zoomed':
      if (msg.nodeId === null) return { type: 'zoomed', nodeId: null };
      if (typeof msg.nodeId !== 'number' || !Number.isInteger(msg.nodeId) || msg.nodeId < 0) return undefined;
      return { type: 'zoomed', nodeId: msg.nodeId };
    case 'switchMemoryMode':
      if (msg.mode !== 'peak' && msg.mode !== 'leaks') return undefined;
      return { type: 'switchMemoryMode', mode: msg.mode };
    case 'rerunWithMalloc':
      return { type: 'rerunWithMalloc' };
    case 'verifyComparison':
      return { type: 'verifyComparison' };
    default:
      return undefined;
  }
}

/** For exhaustive switches over message unions. */
export function assertNever(value: never): never {
  throw new Error(`unexpected message ${JSON.stringify(value)}`);
}
