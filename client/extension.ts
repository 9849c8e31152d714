// The VS Code side: starts the language server over IPC, restarts it within a crash budget, and
// adds the status bar item and the commands. Analysis lives in the server.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { COMMANDS, SCAN_STATUS_NOTIFICATION, STACKS_REQUEST, type ScanStatusParams, type StacksParams, type StacksResult } from '../shared/protocol';
import { CrashHandler } from './crashHandler';
import { registerPlotCommands } from './plot/index';
import { stacksMarkdown } from './stacksDocument';
import { FindingsStatus } from './statusBar';

let client: LanguageClient | undefined;

/** Editor languages of TF.js sources and model configs (Keras/HF JSON, YOLO YAML). */
const MODEL_LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'json', 'jsonc', 'yaml'];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Activation Lens', { log: true });
  const status = new FindingsStatus();
  const crashes = new CrashHandler(() => void restart());
  context.subscriptions.push(output, status);

  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'python' },
      { scheme: 'untitled', language: 'python' },
      // Python cells of Jupyter notebooks; the server syncs them as notebooks (notebookDocumentSync).
      { notebook: 'jupyter-notebook', language: 'python' },
      // TF.js sources and model config files; the server ignores the ones that are not models.
      ...MODEL_LANGUAGES.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
      // Darknet and Caffe files have no language of their own in VS Code (.cfg is `properties`).
      { scheme: 'file', pattern: '**/*.{cfg,prototxt}' },
    ],
    outputChannel: output,
    errorHandler: crashes,
    middleware: {
      // The hover's Plot link is a command link; only that command may run from hover Markdown.
      async provideHover(document, position, token, next) {
        const hover = await next(document, position, token);
        for (const content of hover?.contents ?? []) {
          if (content instanceof vscode.MarkdownString) content.isTrusted = { enabledCommands: [COMMANDS.plotActivation] };
        }
        return hover;
      },
    },
  };
  // The id makes the client honour `activationLens.trace.server`.
  const languageClient = new LanguageClient('activationLens', 'Activation Lens', serverOptions, clientOptions);
  client = languageClient;
  languageClient.onNotification(SCAN_STATUS_NOTIFICATION, (params: ScanStatusParams) => status.setScan(params));

  async function restart(): Promise<void> {
    crashes.reset();
    status.setScan({ scanning: false, done: 0, total: 0 });
    await (languageClient.isRunning() ? languageClient.restart() : languageClient.start());
  }

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.restartServer, restart),
    vscode.commands.registerCommand(COMMANDS.showStacks, () => showStacks(languageClient)),
  );

  await languageClient.start();
  registerPlotCommands(context, languageClient);
  // The extension's own share of startup, for bench/activation.ts (which reads this line).
  output.info(`activated in ${(performance.now() - started).toFixed(0)} ms (activate() entry to language client ready)`);
}

async function showStacks(languageClient: LanguageClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Activation Lens: open a model file to see its layer stacks.');
    return;
  }
  const params: StacksParams = { uri: editor.document.uri.toString() };
  const { stacks } = await languageClient.sendRequest<StacksResult>(STACKS_REQUEST, params);
  const content = stacksMarkdown(path.basename(editor.document.fileName), stacks);
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
