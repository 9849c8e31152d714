// The webview's handle on the host: typed postMessage and persisted state.

import type { PanelState, WebviewMessage } from '../shared/webviewMessages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** acquireVsCodeApi may be called once per page load. */
const api = acquireVsCodeApi();

export function post(message: WebviewMessage): void {
  api.postMessage(message);
}

/** Raw saved state: validate before use, it comes back from disk after a reload. */
export function loadState(): unknown {
  return api.getState();
}

export function saveState(state: PanelState): void {
  api.setState(state);
}
