// Plot commands and the panel serializer, registered by the extension on activation.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS } from '../../shared/protocol';
import { plotActivation } from './plotActivation';
import { plotGradientFlow } from './plotGradientFlow';
import { PLOT_VIEW_TYPE } from './panel';
import { PlotPanelSerializer } from './serializer';

export function registerPlotCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  const log = client.outputChannel;
  const { extensionUri } = context;
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(PLOT_VIEW_TYPE, new PlotPanelSerializer(extensionUri, log)),
    vscode.commands.registerCommand(COMMANDS.plotActivation, (arg?: unknown) => plotActivation(extensionUri, log, arg)),
    vscode.commands.registerCommand(COMMANDS.plotGradientFlow, (arg?: unknown) => plotGradientFlow(extensionUri, log, client, arg)),
  );
}
