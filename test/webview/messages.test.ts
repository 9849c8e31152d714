// Validators of the extension ⇄ webview messages and of the saved panel state.

import * as assert from 'node:assert/strict';
import {
  LIMITS, parseHostMessage, parsePanelState, parseSelection, parseWebviewMessage, type GradientFlow,
} from '../../shared/webviewMessages';

const FLOW: GradientFlow = {
  uri: 'file:///m.py',
  fileName: 'm.py',
  stackName: 'Net',
  layers: [{ name: 'nn.Sigmoid', line: 3, activation: 'sigmoid', bound: 0.25, typical: 0.2 }],
  assumptions: 'N(0, 1)',
};

function rejects(result: { ok: boolean; error?: string }, pattern: RegExp): void {
  assert.equal(result.ok, false, 'accepted');
  assert.match((result as { error: string }).error, pattern);
}

describe('host → webview messages', () => {
  it('accepts well-formed plot requests unchanged', () => {
    const plot = { type: 'plotActivations', items: [{ id: 'leaky_relu', params: { negative_slope: 0.2 } }, { id: 'gelu', params: { approximate: 'tanh' } }] };
    assert.deepEqual(parseHostMessage(plot), { ok: true, value: plot });
    const flow = { type: 'plotGradientFlow', flow: FLOW };
    assert.deepEqual(parseHostMessage(flow), { ok: true, value: flow });
    // Parameters may be left out entirely.
    assert.deepEqual(parseHostMessage({ type: 'plotActivations', items: [{ id: 'relu' }] }),
      { ok: true, value: { type: 'plotActivations', items: [{ id: 'relu', params: {} }] } });
  });

  it('rejects malformed activation requests', () => {
    const items = (...list: unknown[]) => ({ type: 'plotActivations', items: list });
    rejects(parseHostMessage(null), /not an object/);
    rejects(parseHostMessage('plot'), /not an object/);
    rejects(parseHostMessage({ type: 'eval', code: '1' }), /unknown message type "eval"/);
    rejects(parseHostMessage({ type: 'plotActivations', items: [], extra: 1 }), /unexpected field "extra"/);
    rejects(parseHostMessage(items()), /items is empty/);
    rejects(parseHostMessage({ type: 'plotActivations', items: 'relu' }), /not an array/);
    rejects(parseHostMessage(items({ id: 'swish2' })), /not a known activation/);
    rejects(parseHostMessage(items({ id: 'relu', params: { alpha: 1 } })), /unknown parameter 'alpha'/);
    rejects(parseHostMessage(items({ id: 'leaky_relu', params: { negative_slope: '0.1' } })), /must be a finite number/);
    rejects(parseHostMessage(items({ id: 'leaky_relu', params: { negative_slope: Number.NaN } })), /finite/);
    rejects(parseHostMessage(items({ id: 'gelu', params: { approximate: 'erf' } })), /must be one of/);
    rejects(parseHostMessage(items({ id: 'softplus', params: { beta: 0 } })), /must be > 0/);
    rejects(parseHostMessage(items({ id: 'hardtanh', params: { min_val: 2, max_val: 1 } })), /invalid parameters/);
    rejects(parseHostMessage(items({ id: 'relu', params: { x: { nested: true } } })), /neither a number nor a string/);
    rejects(parseHostMessage(items({ id: 'relu', params: {}, html: '<b>' })), /unexpected field "html"/);
    const many = Array.from({ length: LIMITS.selections + 1 }, () => ({ id: 'relu' }));
    rejects(parseHostMessage(items(...many)), /more than 12/);
  });

  it('rejects malformed gradient flows', () => {
    const flow = (patch: Partial<GradientFlow>) => ({ type: 'plotGradientFlow', flow: { ...FLOW, ...patch } });
    const layer = (patch: object) => flow({ layers: [{ ...FLOW.layers[0], ...patch }] });
    rejects(parseHostMessage(flow({ layers: [] })), /layers is empty/);
    rejects(parseHostMessage(layer({ line: -1 })), /not a line number/);
    rejects(parseHostMessage(layer({ line: 1.5 })), /not a line number/);
    rejects(parseHostMessage(layer({ line: '3' })), /not a finite number/);
    rejects(parseHostMessage(layer({ bound: -0.1 })), /negative/);
    rejects(parseHostMessage(layer({ typical: Number.POSITIVE_INFINITY })), /not a finite number/);
    rejects(parseHostMessage(layer({ name: 'x'.repeat(201) })), /longer than 200/);
    rejects(parseHostMessage(layer({ onclick: 'alert(1)' })), /unexpected field "onclick"/);
    rejects(parseHostMessage(flow({ stackName: 42 as unknown as string })), /stackName is not a string/);
  });
});

describe('webview → host messages', () => {
  const png = `data:image/png;base64,${Buffer.from('\x89PNG fake').toString('base64')}`;

  it('accepts the messages the webview sends', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'reveal', line: 0 },
      { type: 'save', format: 'png', data: png, name: 'activations-relu.png' },
      { type: 'save', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>', name: 'plot.svg' },
      { type: 'copyText', text: '<svg/>' },
      { type: 'error', message: 'no clipboard' },
    ]) {
      assert.deepEqual(parseWebviewMessage(message), { ok: true, value: message });
    }
  });

  it('rejects what the host must not act on', () => {
    rejects(parseWebviewMessage({ type: 'ready', line: 1 }), /unexpected field/);
    rejects(parseWebviewMessage({ type: 'reveal', line: -3 }), /not a line number/);
    rejects(parseWebviewMessage({ type: 'reveal' }), /not a finite number/);
    rejects(parseWebviewMessage({ type: 'save', format: 'exe', data: png, name: 'a' }), /format must be png or svg/);
    rejects(parseWebviewMessage({ type: 'save', format: 'png', data: 'data:text/html;base64,PGI+', name: 'a.png' }), /not a PNG data: URL/);
    rejects(parseWebviewMessage({ type: 'save', format: 'svg', data: '<html></html>', name: 'a.svg' }), /not SVG markup/);
    rejects(parseWebviewMessage({ type: 'save', format: 'png', data: png, name: '../../.bashrc' }), /not a plain file name/);
    rejects(parseWebviewMessage({ type: 'save', format: 'png', data: png, name: 'C:\\x.png' }), /not a plain file name/);
    rejects(parseWebviewMessage({ type: 'copyText', text: 'x'.repeat(LIMITS.exportBytes + 1) }), /longer than/);
    rejects(parseWebviewMessage({ type: 'runCommand', command: 'workbench.action.terminal.new' }), /unknown message type/);
  });
});

describe('saved panel state', () => {
  it('round-trips both views', () => {
    const activations = { view: 'activations', items: [{ id: 'sigmoid', params: {} }], range: [-6, 6] };
    assert.deepEqual(parsePanelState(activations), { ok: true, value: activations });
    // Every curve removed is a valid state: the view asks to add one.
    assert.equal(parsePanelState({ ...activations, items: [] }).ok, true);
    const flow = { view: 'gradientFlow', flow: FLOW, logY: false };
    assert.deepEqual(parsePanelState(flow), { ok: true, value: flow });
  });

  it('rejects corrupt or stale state', () => {
    rejects(parsePanelState(undefined), /not an object/);
    rejects(parsePanelState({ view: 'table' }), /unknown view/);
    rejects(parsePanelState({ view: 'activations', items: [], range: [6, -6] }), /range is empty/);
    rejects(parsePanelState({ view: 'activations', items: [], range: [0] }), /needs two numbers/);
    rejects(parsePanelState({ view: 'activations', items: [], range: [-1e5, 0] }), /beyond/);
    rejects(parsePanelState({ view: 'gradientFlow', flow: FLOW, logY: 'yes' }), /not a boolean/);
  });

  it('validates a single edited selection as the parameter controls do', () => {
    assert.equal(parseSelection({ id: 'elu', params: { alpha: 0.5 } }).ok, true);
    rejects(parseSelection({ id: 'hardtanh', params: { min_val: 1, max_val: 1 } }), /min_val/);
  });
});
