// Restart the server when it dies, but not forever: once the crash budget is spent, stop and
// say so with a Restart button instead of restarting into the same crash (or dying silently).

import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult } from 'vscode-languageclient/node';
import { CrashBudget } from './crashBudget';

export class CrashHandler implements ErrorHandler {
  private readonly budget = new CrashBudget();

  constructor(private readonly restart: () => void) {}

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    // A few transport errors in a row are survivable; a steady stream means the server is gone.
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    if (this.budget.record(Date.now())) return { action: CloseAction.Restart, handled: true };
    const minutes = this.budget.windowMs / 60_000;
    void vscode.window
      .showErrorMessage(`The Activation Lens server crashed ${this.budget.max} times in ${minutes} minutes and was stopped. See the "Activation Lens" output for details.`, 'Restart')
      .then((choice) => {
        if (choice === 'Restart') this.restart();
      });
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  /** A deliberate restart starts a fresh count. */
  reset(): void {
    this.budget.reset();
  }
}
