// Hugging Face config.json: one residual stack per transformer, the feed-forward activation with
// HF's spellings, gates in gated MLPs, and no ACT001 on depth alone.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../server/analysis/analyze';
import { parseJsonConfig } from '../../../server/parse/config/index';
import { textAt } from './helpers';

const FIXTURES = path.resolve(__dirname, '../../fixtures/config');
const fixture = (rel: string) => fs.readFileSync(path.join(FIXTURES, rel), 'utf8');
const config = (o: Record<string, unknown>) => JSON.stringify(o, null, 2);

describe('Hugging Face config.json', () => {
  it('BERT: 12 residual blocks of attention → + → feed-forward(GELU) → +, pointing at the keys', () => {
    const text = fixture('ACT001/negative/bert_config.json');
    const m = parseJsonConfig(text);
    assert.equal(m.stacks.length, 1);
    const [stack] = m.stacks;
    assert.equal(stack.name, 'BertForMaskedLM');
    assert.equal(stack.residual, true);
    assert.equal(stack.layers.length, 48);
    assert.deepEqual(stack.layers.slice(0, 4).map((l) => `${l.kind} ${l.name}`), ['attention attention', 'residual +', 'linear feed-forward', 'residual +']);
    assert.equal(stack.layers[2].units, 3072);
    assert.equal(textAt(text, stack.range), '"num_hidden_layers": 12');
    assert.equal(textAt(text, stack.layers[2].range), '"hidden_act": "gelu"');
    assert.deepEqual(m.activations.map((a) => [a.id, a.params, a.spelling, a.form, a.framework, textAt(text, a.range)]), [
      ['gelu', { approximate: 'none' }, '"gelu"', 'string', 'config', '"gelu"'],
    ]);
  });

  it('resolves HF spellings: gelu_new and gelu_pytorch_tanh are the tanh GELU, quick_gelu is x·σ(1.702x), swish is SiLU', () => {
    const act = (name: string) => parseJsonConfig(config({ model_type: 'x', hidden_act: name, num_hidden_layers: 2 })).activations[0];
    assert.deepEqual([act('gelu_new').id, act('gelu_new').params], ['gelu', { approximate: 'tanh' }]);
    assert.deepEqual([act('gelu_pytorch_tanh').id, act('gelu_pytorch_tanh').params], ['gelu', { approximate: 'tanh' }]);
    assert.equal(act('quick_gelu').id, 'gelu_sigmoid');
    assert.equal(act('swish').id, 'silu');
    assert.equal(act('silu').id, 'silu');
    assert.equal(act('relu2'), undefined, 'not a modelled activation');
  });

  it('GPT-2: activation_function and n_layer', () => {
    const m = parseJsonConfig(fixture('ACT002/negative/gpt2_config.json'));
    assert.equal(m.stacks[0].name, 'GPT2LMHeadModel');
    assert.equal(m.stacks[0].layers.length, 48);
    assert.deepEqual(m.activations.map((a) => [a.spelling, a.params.approximate]), [['"gelu_new"', 'tanh']]);
  });

  it('Llama: SiLU in a gated MLP is a gate, so no gradient chain runs through it', () => {
    const m = parseJsonConfig(fixture('ACT031/negative/llama_config.json'));
    assert.equal(m.activations[0].id, 'silu');
    assert.equal(m.activations[0].gating, true);
    assert.equal(m.stacks[0].layers.length, 64);
  });

  it('Gemma: hidden_activation wins over the legacy hidden_act, and both explain themselves on hover', () => {
    const m = parseJsonConfig(fixture('ACT030/negative/gemma_config.json'));
    assert.deepEqual(m.activations.map((a) => a.spelling), ['"gelu"', '"gelu_pytorch_tanh"']);
    assert.equal(m.stacks[0].layers[2].activation?.spelling, '"gelu_pytorch_tanh"');
  });

  it('T5: feed_forward_proj "gated-gelu" is the gated tanh GELU; BART: encoder and decoder stacks', () => {
    const t5 = parseJsonConfig(config({ architectures: ['T5ForConditionalGeneration'], model_type: 't5', feed_forward_proj: 'gated-gelu', num_layers: 24, d_ff: 2816 }));
    assert.deepEqual([t5.activations[0].id, t5.activations[0].params, t5.activations[0].gating], ['gelu', { approximate: 'tanh' }, true]);
    assert.equal(t5.stacks[0].layers[2].units, 2816);
    const bart = parseJsonConfig(config({ architectures: ['BartModel'], model_type: 'bart', activation_function: 'gelu', encoder_layers: 6, decoder_layers: 6 }));
    assert.deepEqual(bart.stacks.map((s) => [s.name, s.layers.length]), [['BartModel.encoder', 24], ['BartModel.decoder', 24]]);
  });

  it('CLIP: a stack per sub-model config', () => {
    const m = parseJsonConfig(fixture('ACT020/negative/clip_config.json'));
    assert.deepEqual(m.stacks.map((s) => s.name), ['CLIPModel.text_config', 'CLIPModel.vision_config']);
    assert.deepEqual(m.activations.map((a) => a.id), ['gelu_sigmoid', 'gelu_sigmoid']);
  });

  it('ACT001 does not fire on depth alone: 24 sigmoid blocks with skip connections', () => {
    const text = config({ model_type: 'toy', hidden_act: 'sigmoid', num_hidden_layers: 24 });
    const { findings, model } = analyze({ text, path: 'config.json' });
    assert.equal(model.stacks[0].layers.filter((l) => l.activation).length, 24);
    assert.deepEqual(findings, []);
  });
});
