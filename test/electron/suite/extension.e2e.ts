// The extension in a real VS Code extension host, through the public API: it activates on a
// Python file, publishes the fixture's expected diagnostics, answers hovers and quick fixes, and
// its plot command opens the panel. The workspace is a copy of test/e2e/workspace.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ruleDocsUrl } from '../../../server/rules/docs';
import { COMMANDS } from '../../../shared/protocol';
import { expectations, lineOf } from '../../e2e/expectations';

const EXTENSION_ID = 'activation-lens.activation-lens';
const FILE = 'gan/dcgan.py';

async function poll<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeout = 20_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return folder.uri.fsPath;
}

async function openFixture(file: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), file));
  await vscode.window.showTextDocument(doc);
  return doc;
}

describe('Activation Lens in VS Code', () => {
  it('activates on a Python file', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await openFixture(FILE);
    await poll('the extension to activate', () => extension.isActive || undefined);
  });

  it('publishes the diagnostics the fixture expects', async () => {
    const doc = await openFixture(FILE);
    const expected = expectations(workspaceRoot()).filter((e) => e.file === FILE).map((e) => `${e.code}@${e.line}`);
    const diagnostics = await poll('ACT010 on the sigmoid', () => {
      const found = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'activation-lens');
      const codes = found.map((d) => `${typeof d.code === 'object' ? d.code.value : d.code}@${d.range.start.line + 1}`);
      return codes.join() === expected.join() ? found : undefined;
    });
    const code = diagnostics[0].code as { value: string; target: vscode.Uri };
    assert.equal(code.target.toString(true), ruleDocsUrl('ACT010'));
    assert.equal(doc.getText(diagnostics[0].range), 'nn.Sigmoid()');
  });

  it('hovers the sigmoid with its facts and the gradient estimate', async () => {
    const doc = await openFixture(FILE);
    const position = new vscode.Position(lineOf(workspaceRoot(), FILE, 'nn.Sigmoid()') - 1, 16);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
    const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(text, /Max derivative `0\.25`/);
    assert.match(text, /Gradient at this layer's input/);
  });

  it('offers the ACT010 quick fix, which switches to BCEWithLogitsLoss', async () => {
    const doc = await openFixture(FILE);
    const diagnostic = await poll('ACT010', () => vscode.languages.getDiagnostics(doc.uri).find((d) => d.source === 'activation-lens'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.endsWith('(ACT010)'));
    assert.ok(fix?.edit, `a quick fix titled with ACT010 among ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.getText(), /criterion = nn\.BCEWithLogitsLoss\(\)/);
    assert.doesNotMatch(doc.getText(), /nn\.Sigmoid\(\)/);
    await poll('the diagnostic to clear', () => (vscode.languages.getDiagnostics(doc.uri).some((d) => d.source === 'activation-lens') ? undefined : true));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('opens the plot panel', async () => {
    await vscode.commands.executeCommand(COMMANDS.plotActivation, { id: 'sigmoid', params: {} });
    await poll('a plot panel tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) =>
      t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('activationLens.plot')) || undefined);
  });
});
