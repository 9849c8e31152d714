// Protocol tests for TF.js sources and model config files: diagnostics where the offending entry
// is, hovers on activation strings and config values (HF spellings, darknet names), and the
// "Disable for this line" action in each comment syntax — none in JSON and darknet files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { applyEdits, TestClient } from './client';
import { rangeOf } from './fixtures';

const FIXTURES = path.resolve(__dirname, '../fixtures');
const read = (rel: string) => fs.readFileSync(path.join(FIXTURES, rel), 'utf8');

function markdown(hover: Hover | null): string {
  assert.ok(hover, 'a hover');
  return (hover.contents as MarkupContent).value;
}

describe('lsp server: TF.js and config files', function () {
  this.timeout(20000);
  let client: TestClient;
  const versions = new Map<string, number>();

  /** Open or replace a document; resolves with the diagnostics published for that version. */
  async function show(uri: string, text: string, languageId: string): Promise<Diagnostic[]> {
    const version = (versions.get(uri) ?? 0) + 1;
    versions.set(uri, version);
    const from = client.notifications.length;
    if (version === 1) await client.open(uri, text, version, languageId);
    else await client.change(uri, version, [{ text }]);
    return client.diagnostics(uri, from, (p) => p.version === version);
  }

  before(async () => {
    client = new TestClient();
    await client.initialize();
  });
  after(() => client.dispose());

  it('TF.js: the ACT010 diagnostic on the sigmoid, the loss as related information, no quick fix, and a // disable comment', async () => {
    const uri = 'file:///virtual/train.ts';
    const text = read('tfjs/ACT010/positive/training_step.ts').replace(' // expect: ACT010', '');
    const [d, ...rest] = await show(uri, text, 'typescript');
    assert.deepEqual(rest, []);
    assert.equal(d.code, 'ACT010');
    assert.deepEqual(d.range, rangeOf(text, 'tf.sigmoid(scorer.predict(xs) as tf.Tensor)'));
    assert.deepEqual(d.relatedInformation?.map((r) => r.location.range), [rangeOf(text, 'tf.losses.sigmoidCrossEntropy')]);
    assert.deepEqual(d.data, { version: 1 });

    const actions: CodeAction[] = await client.codeActions(uri, d.range, { diagnostics: [d] });
    assert.deepEqual(actions.map((a) => a.title), ['Disable ACT010 for this line']);
    const edited = applyEdits(text, actions[0].edit!.changes![uri]);
    assert.match(edited, /const probs = tf\.sigmoid\(scorer\.predict\(xs\) as tf\.Tensor\);  \/\/ activation-lens: ignore\[ACT010\]\n/);
    assert.deepEqual(await show(uri, edited, 'typescript'), []);
  });

  it('TF.js: hovers explain activation strings with their place in the model', async () => {
    const uri = 'file:///virtual/classifier.ts';
    const text = read('tfjs/ACT002/positive/sigmoid_hidden_layer.ts');
    await show(uri, text, 'typescript');
    const value = markdown(await client.hover(uri, rangeOf(text, "'sigmoid'").start));
    assert.match(value, /^\*\*Sigmoid\*\* · `'sigmoid'` \(TF\.js activation string\)/);
    assert.match(value, /\*\*In `model`:\*\* hidden layer 2 of 2/);
    const loss = markdown(await client.hover(uri, rangeOf(text, "'binaryCrossentropy'").start));
    assert.match(loss, /^\*\*Loss\*\* · `'binaryCrossentropy'` \(TF\.js\)\n\nExpects \*\*probabilities\*\*/);
  });

  it('Hugging Face config.json: the hover explains gelu_new and its spelling variants; no diagnostics', async () => {
    const uri = 'file:///virtual/gpt2/config.json';
    const text = read('config/ACT002/negative/gpt2_config.json');
    assert.deepEqual(await show(uri, text, 'json'), []);
    const value = markdown(await client.hover(uri, rangeOf(text, '"gelu_new"', 0, 3).end));
    assert.match(value, /^\*\*GELU\*\* · `"gelu_new"` \(config file activation string\)/);
    assert.match(value, /Parameters: `approximate=tanh`/);
    assert.match(value, /- Hugging Face config: .*`ACT2FN\["gelu_new"\]`.*`ACT2FN\["gelu_pytorch_tanh"\]`/);
    // gelu_new is the tanh approximation: the note says so, not PyTorch's erf numerics.
    assert.match(value, /Note: Hugging Face NewGELUActivation: the tanh approximation/);
    assert.doesNotMatch(value, /Note: PyTorch computes/);
    // One key for every block: no "hidden layer 1 of 12".
    assert.match(value, /every block: this setting applies to all 12 blocks/);
  });

  it('Keras JSON: ACT002 on each hidden sigmoid (under Glorot init ACT001 stays silent), and no code actions (JSON has no comments)', async () => {
    const uri = 'file:///virtual/keras/model.json';
    const text = read('config/ACT001/negative/glorot_keras3_sigmoid_mlp.json');
    const found = await show(uri, text, 'json');
    assert.deepEqual(found.map((d) => [d.code, d.range.start.line + 1]), [['ACT002', 45], ['ACT002', 89], ['ACT002', 133]]);
    assert.deepEqual(await client.codeActions(uri, found[0].range, { diagnostics: [found[0]] }), []);
  });

  it('darknet .cfg (language `properties`): ACT010 on the activation value, darknet names on hover, no disable action', async () => {
    const uri = 'file:///virtual/yolov3-tiny.cfg';
    const text = read('config/ACT010/positive/yolov3_tiny_logistic_head.cfg');
    const [d, ...rest] = await show(uri, text, 'properties');
    assert.deepEqual(rest, []);
    assert.equal(d.code, 'ACT010');
    assert.deepEqual(d.range, rangeOf(text, 'logistic'));
    assert.deepEqual(await client.codeActions(uri, d.range, { diagnostics: [d] }), []);
    const leaky = markdown(await client.hover(uri, rangeOf(text, 'leaky').start));
    assert.match(leaky, /^\*\*LeakyReLU\*\* · `leaky` \(config file activation string\)/);
    assert.match(leaky, /Parameters: `negative_slope=0\.1`/);
  });

  it('YAML: ACT001 on the first sigmoid, and a # disable comment that silences it', async () => {
    const uri = 'file:///virtual/experiment.yaml';
    const text = read('config/ACT001/positive/sigmoid_layers.yaml').replace(' # expect: ACT001', '');
    const [d, ...rest] = await show(uri, text, 'yaml');
    assert.deepEqual(rest, []);
    assert.equal(d.code, 'ACT001');
    const actions: CodeAction[] = await client.codeActions(uri, d.range, { diagnostics: [d] });
    assert.deepEqual(actions.map((a) => a.title), ['Disable ACT001 for this line']);
    const edited = applyEdits(text, actions[0].edit!.changes![uri]);
    assert.match(edited, /\n {6}activation: sigmoid {2}# activation-lens: ignore\[ACT001\]\n/);
    assert.deepEqual(await show(uri, edited, 'yaml'), []);
  });

  it('Caffe prototxt: a # disable comment extends an existing one', async () => {
    const uri = 'file:///virtual/tagger.prototxt';
    const text = read('config/ACT010/positive/caffe_sigmoid_sigmoid_cross_entropy.prototxt');
    const [d] = await show(uri, text, 'plaintext');
    assert.equal(d.code, 'ACT010');
    const [action] = await client.codeActions(uri, d.range, { diagnostics: [d] });
    const edited = applyEdits(text, action.edit!.changes![uri]);
    assert.match(edited, /type: "Sigmoid" {2}# expect: ACT010 {2}# activation-lens: ignore\[ACT010\]\n/);
    assert.deepEqual(await show(uri, edited, 'plaintext'), []);
  });
});
