// Status bar: the number of Activation Lens findings in the active file, or a spinner while the
// server scans the workspace.

import * as vscode from 'vscode';
import { SOURCE, type ScanStatusParams } from '../shared/protocol';

export class FindingsStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('activationLens.status', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[];
  private scan: ScanStatusParams = { scanning: false, done: 0, total: 0 };

  constructor() {
    this.item.name = 'Activation Lens';
    this.item.command = 'workbench.actions.view.problems';
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (this.scan.scanning || e.uris.some((u) => u.toString() === active)) this.update();
      }),
    ];
    this.update();
  }

  setScan(status: ScanStatusParams): void {
    this.scan = status;
    this.update();
  }

  private update(): void {
    if (this.scan.scanning) {
      this.item.text = '$(sync~spin) Activation Lens';
      this.item.tooltip = `Activation Lens: analysing workspace files (${this.scan.done}/${this.scan.total})`;
      this.item.show();
      return;
    }
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'python') {
      this.item.hide();
      return;
    }
    const count = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === SOURCE).length;
    this.item.text = `$(pulse) ${count}`;
    this.item.tooltip = count === 1 ? 'Activation Lens: 1 finding in this file' : `Activation Lens: ${count} findings in this file`;
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
