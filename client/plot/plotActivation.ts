// "Plot Activation…": from a hover link (`[{id, params}]`) straight to the panel; otherwise a
// multi-select quick pick of every activation, with the one under the cursor pre-selected.

import * as vscode from 'vscode';
import { ACTIVATIONS } from '../../shared/activations';
import { parseHostMessage, type ActivationSelection } from '../../shared/webviewMessages';
import { activationAt } from './activationAtCursor';
import { PlotPanel, type PlotLog } from './panel';

async function pick(): Promise<ActivationSelection[] | undefined> {
  const editor = vscode.window.activeTextEditor;
  const current = editor ? activationAt(editor.document, editor.selection.active) : undefined;
  const items = ACTIVATIONS.map((def) => ({
    label: def.title,
    description: def.id,
    detail: def.formula,
    picked: def.id === current,
    id: def.id,
  }));
  // Pre-selected first, so it is visible without scrolling.
  items.sort((a, b) => Number(b.picked) - Number(a.picked));
  const chosen = await vscode.window.showQuickPick(items, {
    title: 'Plot Activation',
    placeHolder: 'Choose the activations to plot with their derivatives',
    canPickMany: true,
    matchOnDescription: true,
  });
  return chosen?.map((c) => ({ id: c.id, params: {} }));
}

export async function plotActivation(extensionUri: vscode.Uri, log: PlotLog, arg: unknown): Promise<void> {
  const items = arg === undefined ? await pick() : [arg as ActivationSelection];
  if (!items || items.length === 0) return;
  // The hover link's argument comes from Markdown: validate it like any webview message.
  const message = parseHostMessage({ type: 'plotActivations', items });
  if (!message.ok) {
    log.warn(`Plot Activation: ${message.error}`);
    void vscode.window.showErrorMessage(`Activation Lens: cannot plot this activation (${message.error}).`);
    return;
  }
  PlotPanel.show(extensionUri, log, message.value);
}
