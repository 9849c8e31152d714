// Protocol tests against the bundled server (dist/server.js, built by `npm test`): what an editor
// sees for open documents — diagnostics, hovers, code actions, code lenses, the stacks request.

import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, Hover, InitializeResult, MarkupContent, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ruleDocsUrl } from '../../server/rules/docs';
import type { StacksResult } from '../../shared/protocol';
import { applyEdits, TestClient } from './client';
import { CLEAN, DISCRIMINATOR, KERAS_AND_FORMS, rangeOf } from './fixtures';

const URI = 'file:///virtual/gan.py';

function editsOf(action: CodeAction, uri = URI) {
  const edits = action.edit?.changes?.[uri];
  assert.ok(edits, `${action.title} edits ${uri}`);
  return edits;
}

function markdown(hover: Hover | null): string {
  assert.ok(hover, 'a hover');
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

describe('lsp server: open documents', function () {
  let client: TestClient;
  let init: InitializeResult;
  let version = 1;

  /** Replace the whole document and return the diagnostics published for the new version. */
  async function replaceText(uri: string, text: string): Promise<Diagnostic[]> {
    const v = ++version;
    const from = client.notifications.length;
    await client.change(uri, v, [{ text }]);
    return client.diagnostics(uri, from, (p) => p.version === v);
  }

  before(async () => {
    client = new TestClient({ settings: () => ({ severity: { ACT999: 'off' } }) });
    init = await client.initialize();
  });
  after(async () => {
    assert.equal(await client.dispose(), 0, 'the server exits cleanly after shutdown/exit');
  });

  it('announces incremental sync, hovers, quick fixes, fix-all and code lenses', () => {
    const caps = init.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.equal(caps.hoverProvider, true);
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll', 'source.fixAll.activation-lens'], resolveProvider: false });
    assert.deepEqual(caps.codeLensProvider, { resolveProvider: false });
  });

  it('publishes the exact ACT010 diagnostic on open, with its docs link, the loss as related information and the fix in data', async () => {
    const diagnostics = await (async () => {
      const from = client.notifications.length;
      await client.open(URI, DISCRIMINATOR, version);
      return client.diagnostics(URI, from, (p) => p.version === 1);
    })();
    const act010 = diagnostics.filter((d) => d.code === 'ACT010');
    assert.equal(act010.length, 1, JSON.stringify(diagnostics, null, 1));
    const d = act010[0];
    assert.deepEqual(d.range, rangeOf(DISCRIMINATOR, 'nn.Sigmoid()'));
    assert.equal(d.source, 'activation-lens');
    assert.equal(d.severity, 2);
    assert.deepEqual(d.codeDescription, { href: ruleDocsUrl('ACT010') });
    assert.match(String(d.message), /^sigmoid output feeds nn\.BCELoss/);
    assert.deepEqual(d.relatedInformation, [{ location: { uri: URI, range: rangeOf(DISCRIMINATOR, 'nn.BCELoss()') }, message: 'the loss that expects probabilities' }]);
    const data = d.data as { version: number; fix: { title: string; edits: unknown[] } };
    assert.equal(data.version, 1);
    assert.equal(data.fix.title, 'Remove the sigmoid and use BCEWithLogitsLoss');
  });

  it('logs unknown rule codes in the editor settings and ignores them', async () => {
    const log = await client.waitFor<{ type: number; message: string }>('window/logMessage', (m) => m.message.includes('ACT999'));
    assert.equal(log.type, 2);
    assert.equal(log.message, "activationLens.severity: unknown rule code 'ACT999' ignored");
  });

  it('hovers an activation with its formula, properties, place in the stack, gradient, spellings and plot link', async () => {
    const at = rangeOf(DISCRIMINATOR, 'nn.Sigmoid()');
    const hover = await client.hover(URI, { line: at.start.line, character: at.start.character + 4 });
    const text = markdown(hover);
    assert.deepEqual(hover?.range, at);
    assert.match(text, /^\*\*Sigmoid\*\* · `nn\.Sigmoid` \(PyTorch module\)/);
    assert.match(text, /- Range `\(0, 1\)`, not zero-centred/);
    assert.match(text, /- Max derivative `0\.25` at `x = 0`/);
    assert.match(text, /^`f\(x\) = 1 \/ \(1 \+ exp\(-x\)\)`$/m);
    assert.match(text, /^\*\*In `Discriminator`:\*\* output layer$/m);
    assert.match(text, /\*\*Gradient at this layer's input\*\*, relative to the output: typical `0\.249` under PyTorch default init, bound `0\.25`/);
    assert.match(text, /- Keras: .*`"sigmoid"`/);
    const link = /\[Plot\]\(command:activationLens\.plotActivation\?([^)]+)\)$/.exec(text);
    assert.ok(link, 'ends with the plot link');
    assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), [{ id: 'sigmoid', params: {} }]);
  });

  it('places a hidden activation and reports the gradient reaching it', async () => {
    const at = rangeOf(DISCRIMINATOR, 'nn.LeakyReLU(0.2)', 1);
    const text = markdown(await client.hover(URI, at.start));
    assert.match(text, /^\*\*LeakyReLU\*\*/);
    assert.match(text, /hidden layer 2 of 2/);
    assert.match(text, /- Parameters: `negative_slope=0\.2`/);
    assert.match(text, /\*\*Gradient at this layer's input\*\*, relative to the output: typical `[0-9.e-]+` under PyTorch default init, bound `[0-9.e-]+`/);
  });

  it('hovers every spelling of an activation: Keras strings and callables, functions, tensor methods', async () => {
    const uri = 'file:///virtual/forms.py';
    const from = client.notifications.length;
    await client.open(uri, KERAS_AND_FORMS);
    await client.diagnostics(uri, from);
    const cases: [string, number, RegExp][] = [
      ['"relu"', 0, /^\*\*ReLU\*\* · `"relu"` \(Keras activation string\)[^]*\*\*In `model`:\*\* hidden layer 1 of 2/],
      ['tf.nn.gelu', 0, /^\*\*GELU\*\* · `tf\.nn\.gelu` \(TensorFlow activation callable\)[^]*hidden layer 2 of 2/],
      ['"sigmoid"', 0, /^\*\*Sigmoid\*\* · `"sigmoid"` \(Keras activation string\)[^]*\*\*In `model`:\*\* output layer/],
      ['F.relu(x)', 0, /^\*\*ReLU\*\* · `F\.relu` \(PyTorch function call\)/],
      ['sigmoid()', 0, /^\*\*Sigmoid\*\* · `\.sigmoid\(\)` \(PyTorch tensor method\)/],
      ['"binary_crossentropy"', 0, /^\*\*Loss\*\* · `"binary_crossentropy"` \(Keras\)\n\nExpects \*\*probabilities\*\*[^]*from_logits=True/],
    ];
    for (const [needle, occurrence, expected] of cases) {
      const at = rangeOf(KERAS_AND_FORMS, needle, occurrence);
      const hover = await client.hover(uri, { line: at.start.line, character: at.start.character + 1 });
      assert.match(markdown(hover), expected, needle);
      assert.deepEqual(hover?.range, at, needle);
    }
    await client.close(uri);
  });

  it('hovers the loss with what it expects and the stable alternative; nothing on plain code', async () => {
    const at = rangeOf(DISCRIMINATOR, 'nn.BCELoss()');
    const text = markdown(await client.hover(URI, { line: at.start.line, character: at.start.character + 3 }));
    assert.match(text, /Expects \*\*probabilities\*\*/);
    assert.match(text, /`nn\.BCEWithLogitsLoss`/);
    assert.equal(await client.hover(URI, { line: 0, character: 2 }), null);
  });

  it('offers the rule fix and a disable-line action; each one, applied, removes the finding', async () => {
    const published = await replaceText(URI, DISCRIMINATOR);
    const d = published.find((x) => x.code === 'ACT010');
    assert.ok(d);
    const actions = await client.codeActions(URI, d.range, { diagnostics: [d] });
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]), [
      ['Remove the sigmoid and use BCEWithLogitsLoss (ACT010)', 'quickfix', true],
      ['Disable ACT010 for this line', 'quickfix', false],
    ]);

    const fixed = applyEdits(DISCRIMINATOR, editsOf(actions[0]));
    assert.match(fixed, /criterion = nn\.BCEWithLogitsLoss\(\)/);
    assert.doesNotMatch(fixed, /nn\.Sigmoid/);
    assert.ok(!(await replaceText(URI, fixed)).some((x) => x.code === 'ACT010'), 'the fix removes ACT010');

    const suppressed = applyEdits(DISCRIMINATOR, editsOf(actions[1]));
    assert.match(suppressed, /^ {12}nn\.Sigmoid\(\),  # activation-lens: ignore\[ACT010\]$/m);
    assert.ok(!(await replaceText(URI, suppressed)).some((x) => x.code === 'ACT010'), 'the comment suppresses ACT010');
  });

  it('fixes every fixable finding with the fix-all source action, and offers it only when asked', async () => {
    const published = await replaceText(URI, DISCRIMINATOR);
    const everything = { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } };
    const lightbulb = await client.codeActions(URI, everything, { diagnostics: [] });
    assert.deepEqual(lightbulb, []);
    const [fixAll, ...rest] = await client.codeActions(URI, everything, { diagnostics: [], only: ['source.fixAll'] });
    assert.equal(rest.length, 0);
    assert.equal(fixAll.kind, 'source.fixAll.activation-lens');
    const fixable = published.filter((x) => (x.data as { fix?: unknown }).fix);
    assert.ok(fixable.length >= 1);
    const after = await replaceText(URI, applyEdits(DISCRIMINATOR, editsOf(fixAll)));
    assert.deepEqual(after.filter((x) => (x.data as { fix?: unknown }).fix), []);
  });

  it('analyses a burst of edits once, for the latest version, and never publishes an older version after a newer one', async () => {
    await replaceText(URI, CLEAN);
    const from = client.notifications.length;
    const line = CLEAN.split('\n').length - 1; // the empty last line
    for (let i = 0; i < 20; i++) {
      version++;
      await client.change(URI, version, [{ range: { start: { line, character: i }, end: { line, character: i } }, text: 'x' }]);
    }
    const last = version;
    await client.diagnostics(URI, from, (p) => p.version === last);
    const versions = client.notifications
      .slice(from)
      .filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as PublishDiagnosticsParams).uri === URI)
      .map((n) => (n.params as PublishDiagnosticsParams).version as number);
    assert.ok(versions.length <= 3, `coalesced: ${versions.length} analyses for 20 edits`);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'versions only increase');
    assert.equal(versions[versions.length - 1], last);
    // The incremental edits landed where they were sent: the document is CLEAN plus `x` * 20.
    const hoverAt = rangeOf(CLEAN, 'nn.ReLU()');
    assert.match(markdown(await client.hover(URI, hoverAt.start)), /^\*\*ReLU\*\*/);
  });

  it('answers activationLens/stacks and code lenses with the gradient estimate per activation layer', async () => {
    await replaceText(URI, DISCRIMINATOR);
    const { stacks } = await client.request<StacksResult>('activationLens/stacks', { uri: URI });
    assert.equal(stacks.length, 1);
    const [stack] = stacks;
    assert.equal(stack.layers.length, 6);
    assert.deepEqual(stack.gradient.layerIndex, [1, 3, 5]);
    assert.equal(stack.gradient.typical.length, 3);
    assert.equal(stack.gradient.bound[2], 0.25, "the output sigmoid's own sup|f'|");
    assert.ok(stack.gradient.typical[0] < stack.gradient.typical[1]);
    assert.ok(stack.gradient.assumptions.length > 0);

    const lenses = await client.codeLenses(URI);
    assert.equal(lenses.length, 1);
    assert.deepEqual(lenses[0].range, { start: stack.range.start, end: stack.range.start });
    assert.match(lenses[0].command?.title ?? '', /^6 layers · typical gradient at input [0-9.e-]+ under PyTorch default init · Plot$/);
    assert.equal(lenses[0].command?.command, 'activationLens.plotGradientFlow');
    assert.deepEqual(lenses[0].command?.arguments, [{ uri: URI, stackIndex: 0 }]);
  });

  it('clears diagnostics when an untitled document closes', async () => {
    const uri = 'untitled:Untitled-1';
    let from = client.notifications.length;
    await client.open(uri, DISCRIMINATOR);
    assert.ok((await client.diagnostics(uri, from)).some((d) => d.code === 'ACT010'));
    from = client.notifications.length;
    await client.close(uri);
    assert.deepEqual(await client.diagnostics(uri, from), []);
  });
});
