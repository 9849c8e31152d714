// Restores the plot panel after VS Code reloads: the webview brings back its own saved state.

import type * as vscode from 'vscode';
import { PlotPanel, type PlotLog } from './panel';

export class PlotPanelSerializer implements vscode.WebviewPanelSerializer {
  constructor(private readonly extensionUri: vscode.Uri, private readonly log: PlotLog) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    PlotPanel.revive(panel, this.extensionUri, this.log, state);
  }
}
