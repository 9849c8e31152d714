// The panel host against a stand-in for the `vscode` module: the ready handshake, one panel at a
// time, revival from saved state, and what it does with (and without) valid webview messages.

import * as assert from 'node:assert/strict';
import Module = require('node:module');
import type { HostMessage } from '../../shared/webviewMessages';

type Listener = (value: unknown) => void;

/** A tiny event emitter in the shape of vscode.Event. */
function emitter() {
  const listeners: Listener[] = [];
  const event = (listener: Listener, _this?: unknown, disposables?: { dispose(): void }[]) => {
    listeners.push(listener);
    const d = { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
    disposables?.push(d);
    return d;
  };
  return { event, fire: (value?: unknown) => [...listeners].forEach((l) => l(value)) };
}

class FakeUri {
  constructor(readonly path: string) {}
  static parse(s: string) { return new FakeUri(s.replace(/^file:\/\//, '')); }
  static joinPath(base: FakeUri, ...parts: string[]) {
    const segments = [...base.path.split('/'), ...parts];
    const out: string[] = [];
    for (const s of segments) if (s === '..') out.pop(); else out.push(s);
    return new FakeUri(out.join('/'));
  }
  toString() { return `file://${this.path}`; }
}

interface FakePanel {
  title: string;
  visible: boolean;
  revealed: number;
  disposed: boolean;
  posted: unknown[];
  webview: { html: string; options: unknown; cspSource: string };
  receive(message: unknown): void;
  hide(): void;
}

function fakeVscode() {
  const log: string[] = [];
  const panels: FakePanel[] = [];
  const calls = { saveDialog: [] as unknown[], written: [] as [string, Buffer][], shown: [] as [string, unknown][], clipboard: [] as string[] };

  function makePanel(viewType: string, title: string, _show?: unknown, options?: unknown): FakePanel & Record<string, unknown> {
    const messages = emitter();
    const disposed = emitter();
    const viewState = emitter();
    const panel = {
      viewType,
      title,
      visible: true,
      revealed: 0,
      disposed: false,
      posted: [] as unknown[],
      webview: {
        html: '',
        options,
        cspSource: 'vscode-webview://fake',
        asWebviewUri: (u: FakeUri) => `vscode-webview://fake${u.path}`,
        postMessage: async (m: unknown) => { if (!panel.visible) return false; panel.posted.push(m); return true; },
        onDidReceiveMessage: messages.event,
      },
      onDidDispose: disposed.event,
      onDidChangeViewState: viewState.event,
      reveal: () => { panel.revealed++; panel.visible = true; viewState.fire({}); },
      dispose: () => { if (!panel.disposed) { panel.disposed = true; disposed.fire(); } },
      receive: (m: unknown) => messages.fire(m),
      hide: () => { panel.visible = false; viewState.fire({}); },
    };
    panels.push(panel);
    return panel;
  }

  const vscode = {
    Uri: FakeUri,
    ViewColumn: { One: 1, Beside: -2 },
    window: {
      createWebviewPanel: makePanel,
      visibleTextEditors: [],
      showErrorMessage: async (m: string) => { log.push(`error: ${m}`); },
      showInformationMessage: async (m: string) => { log.push(`info: ${m}`); },
      showSaveDialog: async (o: { defaultUri?: FakeUri }) => { calls.saveDialog.push(o); return FakeUri.parse('file:///out/plot.png'); },
      showTextDocument: async (doc: { uri: string }, o: unknown) => { calls.shown.push([doc.uri, o]); },
    },
    workspace: {
      workspaceFolders: [{ uri: FakeUri.parse('file:///ws') }],
      openTextDocument: async (uri: FakeUri) => ({
        uri: uri.toString(),
        lineCount: 20,
        lineAt: (line: number) => ({ range: { line } }),
      }),
      fs: { writeFile: async (uri: FakeUri, bytes: Uint8Array) => { calls.written.push([uri.toString(), Buffer.from(bytes)]); } },
      asRelativePath: (uri: FakeUri) => uri.path,
    },
    env: { clipboard: { writeText: async (t: string) => { calls.clipboard.push(t); } } },
  };
  return { vscode, panels, log, calls };
}

const ACTIVATIONS_MESSAGE: HostMessage = { type: 'plotActivations', items: [{ id: 'sigmoid', params: {} }] };
const FLOW_MESSAGE: HostMessage = {
  type: 'plotGradientFlow',
  flow: {
    uri: 'file:///ws/model.py', fileName: 'model.py', stackName: 'Net', assumptions: 'N(0, 1)',
    layers: [{ name: 'nn.Sigmoid', line: 7, activation: 'sigmoid', bound: 0.25, typical: 0.2 }],
  },
};

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('plot panel host', () => {
  const loader = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
  const originalLoad = loader._load;
  let fake: ReturnType<typeof fakeVscode>;
  let panelModule: typeof import('../../client/plot/panel');
  const warnings: string[] = [];
  const logger = { warn: (m: string) => warnings.push(m) };
  const extensionUri = FakeUri.parse('file:///ext') as never;

  before(() => {
    fake = fakeVscode();
    loader._load = function (request: string, ...rest: unknown[]) {
      return request === 'vscode' ? fake.vscode : originalLoad.call(this, request, ...rest);
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    panelModule = require('../../client/plot/panel');
  });

  after(() => {
    loader._load = originalLoad;
  });

  beforeEach(() => {
    // Closing every panel also clears the host's singleton.
    for (const p of fake.panels) (p as unknown as { dispose(): void }).dispose();
    fake.panels.length = 0;
    fake.log.length = 0;
    warnings.length = 0;
  });

  it('serves the page from dist under the CSP and posts only after `ready`', async () => {
    panelModule.PlotPanel.show(extensionUri, logger, ACTIVATIONS_MESSAGE);
    const [panel] = fake.panels;
    assert.deepEqual(panel.webview.options, { enableScripts: true, localResourceRoots: [FakeUri.parse('file:///ext/dist')] });
    assert.match(panel.webview.html, /script-src &#39;nonce-[\w-]+&#39;/);
    assert.ok(panel.webview.html.includes('src="vscode-webview://fake/ext/dist/webview.js"'));
    assert.equal(panel.title, 'Activation Plot');
    await settle();
    assert.deepEqual(panel.posted, [], 'posted before the webview listens');
    panel.receive({ type: 'ready' });
    await settle();
    assert.deepEqual(panel.posted, [ACTIVATIONS_MESSAGE]);
  });

  it('reuses the one panel, holds messages while it is hidden, and delivers the newest on `ready`', async () => {
    panelModule.PlotPanel.show(extensionUri, logger, ACTIVATIONS_MESSAGE);
    const [panel] = fake.panels;
    panel.receive({ type: 'ready' });
    await settle();
    panel.hide();
    panelModule.PlotPanel.show(extensionUri, logger, FLOW_MESSAGE);
    assert.equal(fake.panels.length, 1, 'a second panel was created');
    assert.equal(panel.revealed, 1);
    assert.equal(panel.title, 'Gradient Flow: Net');
    await settle();
    // Revealing reloads the page: nothing is posted until it says `ready` again.
    assert.deepEqual(panel.posted, [ACTIVATIONS_MESSAGE]);
    panel.receive({ type: 'ready' });
    await settle();
    assert.deepEqual(panel.posted, [ACTIVATIONS_MESSAGE, FLOW_MESSAGE]);
  });

  it('reveals a layer of the plotted document, and ignores malformed or out-of-range requests', async () => {
    panelModule.PlotPanel.show(extensionUri, logger, FLOW_MESSAGE);
    const [panel] = fake.panels;
    panel.receive({ type: 'ready' });
    panel.receive({ type: 'reveal', line: 7 });
    await settle();
    assert.deepEqual(fake.calls.shown.at(-1), ['file:///ws/model.py', { viewColumn: 1, selection: { line: 7 } }]);
    const shown = fake.calls.shown.length;
    panel.receive({ type: 'reveal', line: 99 });
    panel.receive({ type: 'reveal', line: '7' });
    panel.receive({ type: 'runCommand', command: 'rm' });
    await settle();
    assert.equal(fake.calls.shown.length, shown);
    assert.deepEqual(warnings, [
      'Plot panel: ignored a malformed message (line is not a finite number).',
      'Plot panel: ignored a malformed message (unknown message type "runCommand").',
    ]);
  });

  it('saves exports where the user chooses and copies SVG to the clipboard', async () => {
    panelModule.PlotPanel.show(extensionUri, logger, FLOW_MESSAGE);
    const [panel] = fake.panels;
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    panel.receive({ type: 'save', format: 'png', data: `data:image/png;base64,${bytes.toString('base64')}`, name: 'flow.png' });
    await settle();
    await settle();
    assert.deepEqual(fake.calls.saveDialog.at(-1), {
      defaultUri: FakeUri.parse('file:///ws/flow.png'),
      filters: { 'PNG image': ['png'] },
      saveLabel: 'Save Plot',
    });
    assert.deepEqual(fake.calls.written.at(-1), ['file:///out/plot.png', bytes]);
    panel.receive({ type: 'copyText', text: '<svg/>' });
    await settle();
    assert.deepEqual(fake.calls.clipboard, ['<svg/>']);
    panel.receive({ type: 'error', message: 'no clipboard' });
    await settle();
    assert.ok(fake.log.includes('error: Activation Lens: no clipboard'));
  });

  it('revives a restored panel and takes the document to reveal from its validated state', async () => {
    const restored = fake.vscode.window.createWebviewPanel('activationLens.plot', 'Gradient Flow: Net', {});
    panelModule.PlotPanel.revive(restored as never, extensionUri, logger, { view: 'gradientFlow', flow: (FLOW_MESSAGE as { flow: unknown }).flow, logY: true });
    assert.match(restored.webview.html, /webview\.js/);
    restored.receive({ type: 'ready' });
    restored.receive({ type: 'reveal', line: 3 });
    await settle();
    assert.deepEqual(fake.calls.shown.at(-1), ['file:///ws/model.py', { viewColumn: 1, selection: { line: 3 } }]);
    // A corrupt state revives the panel without a document: reveal does nothing.
    const corrupt = fake.vscode.window.createWebviewPanel('activationLens.plot', 'x', {});
    panelModule.PlotPanel.revive(corrupt as never, extensionUri, logger, { view: 'gradientFlow', flow: { uri: 1 } });
    assert.equal(restored.disposed, true, 'one panel at a time: the older one closes');
    const shown = fake.calls.shown.length;
    corrupt.receive({ type: 'reveal', line: 3 });
    await settle();
    assert.equal(fake.calls.shown.length, shown);
  });
});
