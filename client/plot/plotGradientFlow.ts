// "Plot Gradient Flow": one stack of a document (from the code lens argument, the cursor, or a
// quick pick), with the server's gradient estimates, shown in the plot panel.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { gradientFlowOf } from '../../shared/plot/gradientFlow';
import { STACKS_REQUEST, type PlotGradientFlowArgs, type StackInfo, type StacksParams, type StacksResult } from '../../shared/protocol';
import { parseHostMessage } from '../../shared/webviewMessages';
import { PlotPanel, type PlotLog } from './panel';

/** The code lens argument, when it is one. */
function lensArgs(arg: unknown): PlotGradientFlowArgs | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { uri, stackIndex } = arg as Record<string, unknown>;
  return typeof uri === 'string' && typeof stackIndex === 'number' && Number.isInteger(stackIndex) && stackIndex >= 0
    ? { uri, stackIndex } : undefined;
}

async function chooseStack(stacks: readonly StackInfo[], line: number | undefined): Promise<StackInfo | undefined> {
  if (stacks.length === 1) return stacks[0];
  const under = line === undefined ? undefined
    : stacks.find((s) => s.range.start.line <= line && line <= s.range.end.line);
  if (under) return under;
  const picked = await vscode.window.showQuickPick(
    stacks.map((stack) => ({
      label: stack.name,
      description: `${stack.framework}, line ${stack.range.start.line + 1}`,
      detail: `${stack.layers.length} layers`,
      stack,
    })),
    { title: 'Plot Gradient Flow', placeHolder: 'Choose a layer stack' },
  );
  return picked?.stack;
}

export async function plotGradientFlow(extensionUri: vscode.Uri, log: PlotLog, client: LanguageClient, arg: unknown): Promise<void> {
  const fromLens = lensArgs(arg);
  const editor = vscode.window.activeTextEditor;
  const uri = fromLens?.uri ?? editor?.document.uri.toString();
  if (!uri) {
    void vscode.window.showInformationMessage('Activation Lens: open a model file to plot the gradient flow of its layer stacks.');
    return;
  }
  const params: StacksParams = { uri };
  let stacks: StackInfo[];
  try {
    ({ stacks } = await client.sendRequest<StacksResult>(STACKS_REQUEST, params));
  } catch (err) {
    // The server is not running or failed on this document: say so instead of a bare command error.
    void vscode.window.showErrorMessage(`Activation Lens: could not get the layer stacks (${err instanceof Error ? err.message : String(err)}).`);
    return;
  }
  const fileName = path.posix.basename(vscode.Uri.parse(uri).path);
  if (stacks.length === 0) {
    void vscode.window.showInformationMessage(`Activation Lens: no layer stacks found in ${fileName}.`);
    return;
  }
  const cursorLine = editor && editor.document.uri.toString() === uri ? editor.selection.active.line : undefined;
  const stack = fromLens && fromLens.stackIndex < stacks.length ? stacks[fromLens.stackIndex] : await chooseStack(stacks, cursorLine);
  if (!stack) return;
  const flow = gradientFlowOf(stack, uri, fileName);
  if (flow.layers.length === 0) {
    void vscode.window.showInformationMessage(`Activation Lens: ${stack.name} has no layer with a gradient estimate.`);
    return;
  }
  const message = parseHostMessage({ type: 'plotGradientFlow', flow });
  if (!message.ok) {
    log.warn(`Plot Gradient Flow: ${message.error}`);
    void vscode.window.showErrorMessage(`Activation Lens: cannot plot ${stack.name}: ${message.error}`);
    return;
  }
  PlotPanel.show(extensionUri, log, message.value);
}
