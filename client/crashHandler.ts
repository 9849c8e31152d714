// Restart the server when it dies, but not forever: after MAX_CRASHES within WINDOW_MS, stop and
// say so with a Restart button instead of restarting into the same crash (or dying silently).

import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult } from 'vscode-languageclient/node';

const MAX_CRASHES = 5;
const WINDOW_MS = 3 * 60 * 1000;

export class CrashHandler implements ErrorHandler {
  private crashes: number[] = [];

  constructor(private readonly restart: () => void) {}

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    // A few transport errors in a row are survivable; a steady stream means the server is gone.
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < WINDOW_MS), now];
    if (this.crashes.length < MAX_CRASHES) return { action: CloseAction.Restart, handled: true };
    const minutes = WINDOW_MS / 60_000;
    void vscode.window
      .showErrorMessage(`The Activation Lens server crashed ${MAX_CRASHES} times in ${minutes} minutes and was stopped. See the "Activation Lens" output for details.`, 'Restart')
      .then((choice) => {
        if (choice === 'Restart') this.restart();
      });
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  /** A deliberate restart starts a fresh count. */
  reset(): void {
    this.crashes = [];
  }
}
