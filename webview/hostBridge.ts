/**
 * Where the page runs: inside a VS Code webview (messages to and from the extension host) or
 * as a standalone HTML file (the profile embedded in the page, nothing to post to).
 */
import type { FlameGraphData } from '../src/core/model/flameTree';
import type { FromWebview } from '../src/core/protocol';
import { flameGraphDataProblem } from '../src/core/view/flameDataGuard';

/** What the page remembers across a panel being hidden and shown again. */
export interface ViewState {
  readonly inverted: boolean;
  readonly search: string;
}

/** The API VS Code injects into webviews (only the calls we make). */
interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: ViewState): void;
}

// VS Code defines this as a top-level binding of the webview document, not as a property of
// `window`, so it is read through `typeof` (safe when it does not exist).
declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

/** The page's link to its host. */
export type HostBridge =
  | { readonly kind: 'vscode'; post(message: FromWebview): void; loadState(): ViewState | undefined; saveState(state: ViewState): void }
  | { readonly kind: 'standalone'; readEmbeddedData(): FlameGraphData | string };

function isViewState(value: unknown): value is ViewState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.inverted === 'boolean' && typeof v.search === 'string';
}

/** Detects the host once, at start-up. */
export function connectToHost(): HostBridge {
  if (typeof acquireVsCodeApi === 'function') {
    const api = acquireVsCodeApi();
    return {
      kind: 'vscode',
      post: (message) => api.postMessage(message),
      loadState: () => {
        const state = api.getState();
        return isViewState(state) ? state : undefined;
      },
      saveState: (state) => api.setState(state),
    };
  }
  return { kind: 'standalone', readEmbeddedData };
}

/** The profile embedded in a standalone page, or what is wrong with it. */
function readEmbeddedData(): FlameGraphData | string {
  const element = document.getElementById('profile-data');
  if (element === null) return 'This page has no embedded profile (no #profile-data element).';
  let value: unknown;
  try {
    value = JSON.parse(element.textContent ?? '');
  } catch (err) {
    return `The embedded profile is not valid JSON: ${err instanceof Error ? err.message : String(err)}`;
  }
  const problem = flameGraphDataProblem(value);
  // The cast is what flameGraphDataProblem just checked (one walk gives both the answer and the message).
  return problem === undefined ? (value as FlameGraphData) : `The embedded profile is malformed: ${problem}.`;
}
