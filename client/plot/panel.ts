// The plot panel host: one panel at a time (created, revealed, revived after a reload, disposed),
// a `ready` handshake before anything is posted, and the webview's requests (reveal, save, copy).

import * as vscode from 'vscode';
import {
  parsePanelState, parseWebviewMessage, type HostMessage, type WebviewMessage,
} from '../../shared/webviewMessages';
import { buildPlotHtml, makeNonce } from './html';

export const PLOT_VIEW_TYPE = 'activationLens.plot';

/** Where log lines go: the language client's output channel. */
export interface PlotLog {
  warn(message: string): void;
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')] };
}

function titleOf(message: HostMessage): string {
  return message.type === 'plotActivations' ? 'Activation Plot' : `Gradient Flow: ${message.flow.stackName}`;
}

export class PlotPanel {
  private static current: PlotPanel | undefined;

  /** The webview listens (it said `ready` since it was last loaded). */
  private ready = false;
  /** The latest message not yet delivered; only the newest plot matters. */
  private pending: HostMessage | undefined;
  /** Document of the gradient flow on show, where `reveal` goes. */
  private flowUri: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** Shows `message` in the panel, creating the panel beside the editor if there is none. */
  static show(extensionUri: vscode.Uri, log: PlotLog, message: HostMessage): void {
    if (PlotPanel.current) {
      PlotPanel.current.panel.reveal(undefined, true);
    } else {
      const panel = vscode.window.createWebviewPanel(PLOT_VIEW_TYPE, titleOf(message),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(extensionUri));
      PlotPanel.current = new PlotPanel(panel, extensionUri, log);
    }
    PlotPanel.current.post(message);
  }

  /** Takes over a panel VS Code restored after a reload; the webview restores its own state. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, log: PlotLog, state: unknown): void {
    panel.webview.options = webviewOptions(extensionUri);
    PlotPanel.current?.dispose();
    const revived = new PlotPanel(panel, extensionUri, log);
    const parsed = parsePanelState(state);
    if (parsed.ok && parsed.value.view === 'gradientFlow') revived.flowUri = parsed.value.flow.uri;
    PlotPanel.current = revived;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly log: PlotLog,
  ) {
    this.panel.webview.html = this.html();
    this.panel.onDidDispose(() => this.dispose(), null, this.disposables);
    // Without retainContextWhenHidden the page is discarded while hidden and reloads (and says
    // `ready` again) when shown: hold messages until then.
    this.panel.onDidChangeViewState(() => { if (!this.panel.visible) this.ready = false; }, null, this.disposables);
    this.panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw), null, this.disposables);
  }

  dispose(): void {
    if (PlotPanel.current === this) PlotPanel.current = undefined;
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private html(): string {
    const { webview } = this.panel;
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', name)).toString();
    return buildPlotHtml({ cspSource: webview.cspSource, nonce: makeNonce(), scriptUri: asset('webview.js'), styleUri: asset('webview.css') });
  }

  private post(message: HostMessage): void {
    this.panel.title = titleOf(message);
    this.flowUri = message.type === 'plotGradientFlow' ? message.flow.uri : undefined;
    this.pending = message;
    this.flush();
  }

  private flush(): void {
    if (!this.ready || !this.pending) return;
    const message = this.pending;
    this.pending = undefined;
    void this.panel.webview.postMessage(message).then((delivered) => {
      // Not delivered (the page went away meanwhile): keep it for the next `ready`.
      if (!delivered && !this.pending) this.pending = message;
    });
  }

  private receive(raw: unknown): void {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.log.warn(`Plot panel: ignored a malformed message (${parsed.error}).`);
      return;
    }
    this.handle(parsed.value).catch((err: unknown) => {
      void vscode.window.showErrorMessage(`Activation Lens: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.flush();
        return;
      case 'reveal':
        return this.reveal(message.line);
      case 'save':
        return this.save(message.format, message.data, message.name);
      case 'copyText':
        await vscode.env.clipboard.writeText(message.text);
        void vscode.window.showInformationMessage('Activation Lens: copied the plot as SVG.');
        return;
      case 'error':
        void vscode.window.showErrorMessage(`Activation Lens: ${message.message}`);
        return;
    }
  }

  private async reveal(line: number): Promise<void> {
    if (!this.flowUri) return;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(this.flowUri, true));
    if (line >= document.lineCount) return; // the file changed since the plot was made
    const range = document.lineAt(line).range;
    const column = vscode.window.visibleTextEditors.find((e) => e.document === document)?.viewColumn ?? vscode.ViewColumn.One;
    await vscode.window.showTextDocument(document, { viewColumn: column, selection: range });
  }

  private async save(format: 'png' | 'svg', data: string, name: string): Promise<void> {
    const folder = this.flowUri ? vscode.Uri.joinPath(vscode.Uri.parse(this.flowUri, true), '..')
      : vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: format === 'png' ? { 'PNG image': ['png'] } : { 'SVG image': ['svg'] },
      saveLabel: 'Save Plot',
    });
    if (!target) return;
    const bytes = format === 'png'
      ? Buffer.from(data.slice(data.indexOf(',') + 1), 'base64')
      : Buffer.from(data, 'utf8');
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(`Activation Lens: saved ${vscode.workspace.asRelativePath(target)}.`);
  }
}
