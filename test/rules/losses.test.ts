// ACT010, ACT011, ACT012 and ACT030 on hand-built models: which output/loss pairings they report.
import * as assert from 'node:assert/strict';
import { act, dense, findings, loss, model, stack, summary } from './build';

const keras = { framework: 'keras' as const };

describe('ACT010 sigmoid-before-bce', () => {
  it('reports a PyTorch sigmoid output feeding BCELoss, with the loss as related information', () => {
    const s = stack([dense(1), act('relu', 2), dense(3, 1), act('sigmoid', 4)], { loss: loss('bce', 'probabilities', 9, { name: 'nn.BCELoss' }) });
    const [f] = findings(model(s), 'ACT010');
    assert.equal(f.range.start.line, 4);
    assert.match(f.message, /^sigmoid output feeds nn\.BCELoss: use BCEWithLogitsLoss/);
    assert.deepEqual(f.related?.map((r) => r.range.start.line), [9]);
  });

  it('reports a sigmoid feeding a loss that applies its own sigmoid, in either framework', () => {
    const torch = stack([dense(1, 1), act('sigmoid', 2)], { loss: loss('bce-logits', 'logits', 9, { name: 'nn.BCEWithLogitsLoss' }) });
    assert.match(findings(model(torch), 'ACT010')[0].message, /applies its own sigmoid/);
    const k = stack([dense(1, 1, 'sigmoid', 'keras')], { ...keras, loss: loss('bce', 'logits', 9, { fromLogits: true, framework: 'keras' }) });
    assert.deepEqual(summary(findings(model(k))), ['ACT010@1']);
  });

  it('stays silent on Keras sigmoid + binary_crossentropy, on logits outputs, and on hidden sigmoids', () => {
    const k = stack([dense(1, 32, 'relu', 'keras'), dense(2, 1, 'sigmoid', 'keras')], { ...keras, loss: loss('bce', 'probabilities', 9, { framework: 'keras' }) });
    assert.deepEqual(findings(model(k)), []);
    const logits = stack([dense(1), act('relu', 2), dense(3, 1)], { loss: loss('bce-logits', 'logits', 9) });
    assert.deepEqual(findings(model(logits)), []);
    const gate = stack([dense(1, 1), act('sigmoid', 2, { gating: true })], { loss: loss('bce', 'probabilities', 9) });
    assert.deepEqual(findings(model(gate), 'ACT010'), []);
  });

  it('needs a binary loss', () => {
    const mse = stack([dense(1, 1), act('sigmoid', 2)], { loss: loss('mse', 'any', 9) });
    assert.deepEqual(findings(model(mse)), []);
  });
});

describe('ACT011 softmax-before-cross-entropy', () => {
  it('reports softmax before CrossEntropyLoss with the loss floor for the class count', () => {
    const s = stack([dense(1, 10), act('softmax', 2, { dim: 1 })], { loss: loss('categorical-ce', 'logits', 9, { name: 'nn.CrossEntropyLoss' }) });
    const [f] = findings(model(s), 'ACT011');
    // log(1 + 9/e) = 1.4612 for 10 classes.
    assert.match(f.message, /never falls below log\(1 \+ \(C-1\)\/e\) = 1\.46 for 10 classes/);
    assert.equal(f.unnecessary, undefined);
  });

  it('marks log_softmax before CrossEntropyLoss unnecessary (log_softmax is idempotent)', () => {
    const s = stack([dense(1, 10), act('log_softmax', 2, { dim: 1 })], { loss: loss('sparse-categorical-ce', 'logits', 9) });
    const [f] = findings(model(s), 'ACT011');
    assert.equal(f.unnecessary, true);
  });

  it('reports a Keras softmax compiled with from_logits=True, not without it', () => {
    const out = () => [dense(1, 64, 'relu', 'keras'), dense(2, 10, 'softmax', 'keras')];
    const withLogits = stack(out(), { ...keras, loss: loss('sparse-categorical-ce', 'logits', 9, { fromLogits: true, framework: 'keras' }) });
    assert.deepEqual(summary(findings(model(withLogits))), ['ACT011@2']);
    const plain = stack(out(), { ...keras, loss: loss('sparse-categorical-ce', 'probabilities', 9, { framework: 'keras' }) });
    assert.deepEqual(findings(model(plain)), []);
  });

  it('stays silent on log_softmax + NLLLoss', () => {
    const s = stack([dense(1, 10), act('log_softmax', 2, { dim: 1 })], { loss: loss('nll', 'log-probabilities', 9) });
    assert.deepEqual(findings(model(s)), []);
  });
});

describe('ACT012 logits-without-from-logits', () => {
  it('reports a Keras linear head with a crossentropy that reads probabilities', () => {
    const s = stack([dense(1, 128, 'relu', 'keras'), dense(2, 10, undefined, 'keras')], { ...keras, loss: loss('sparse-categorical-ce', 'probabilities', 9, { framework: 'keras' }) });
    const [f] = findings(model(s), 'ACT012');
    assert.equal(f.range.start.line, 2);
    assert.match(f.message, /from_logits not set\): pass from_logits=True$/);
  });

  it('says so when from_logits is written False', () => {
    const s = stack([dense(1, 1, undefined, 'keras')], { ...keras, loss: loss('bce', 'probabilities', 9, { fromLogits: false, framework: 'keras' }) });
    assert.match(findings(model(s), 'ACT012')[0].message, /from_logits is False/);
  });

  it('treats activation="linear" as no activation', () => {
    const s = stack([dense(1, 10, 'linear', 'keras')], { ...keras, loss: loss('categorical-ce', 'probabilities', 9, { framework: 'keras' }) });
    assert.equal(findings(model(s), 'ACT012').length, 1);
  });

  it('reports softmax before NLLLoss in PyTorch', () => {
    const s = stack([dense(1, 18), act('softmax', 2, { dim: 1 })], { loss: loss('nll', 'log-probabilities', 9) });
    assert.deepEqual(summary(findings(model(s))), ['ACT012@2']);
  });

  it('stays silent with from_logits=True, with a softmax head, and on regression losses', () => {
    const head = () => [dense(1, 128, 'relu', 'keras'), dense(2, 10, undefined, 'keras')];
    assert.deepEqual(findings(model(stack(head(), { ...keras, loss: loss('sparse-categorical-ce', 'logits', 9, { fromLogits: true, framework: 'keras' }) }))), []);
    assert.deepEqual(findings(model(stack(head(), { ...keras, loss: loss('mse', 'any', 9, { framework: 'keras' }) }))), []);
    const softmax = [dense(1, 128, 'relu', 'keras'), dense(2, 10, 'softmax', 'keras')];
    assert.deepEqual(findings(model(stack(softmax, { ...keras, loss: loss('categorical-ce', 'probabilities', 9, { framework: 'keras' }) }))), []);
  });
});

describe('ACT030 output-activation-mismatch', () => {
  it('reports softmax over one unit, fused or after a Linear', () => {
    const fused = stack([dense(1, 32, 'relu', 'keras'), dense(2, 1, 'softmax', 'keras')], keras);
    const [f] = findings(model(fused), 'ACT030');
    assert.match(f.message, /over the single output unit of Dense is always 1\.0/);
    const torch = stack([dense(1, 1), act('softmax', 2, { dim: -1 })]);
    assert.deepEqual(summary(findings(model(torch))), ['ACT030@2']);
    assert.deepEqual(findings(model(torch), 'ACT030')[0].related?.map((r) => r.range.start.line), [1]);
  });

  it('ignores a softmax over another axis than the units', () => {
    const s = stack([dense(1, 1), act('softmax', 2, { dim: 0 })]);
    assert.deepEqual(findings(model(s), 'ACT030'), []);
  });

  it('reports sigmoid outputs into a multi-class crossentropy', () => {
    const s = stack([dense(1, 20, 'sigmoid', 'keras')], { ...keras, loss: loss('categorical-ce', 'probabilities', 9, { framework: 'keras' }) });
    assert.deepEqual(summary(findings(model(s))), ['ACT030@1']);
  });

  it('reports ReLU on the logits of a classifier, not of a regression', () => {
    const classifier = stack([dense(1), act('relu', 2), dense(3, 100), act('relu', 4)], { loss: loss('categorical-ce', 'logits', 9) });
    assert.deepEqual(summary(findings(model(classifier))), ['ACT030@4']);
    const regression = stack([dense(1), act('relu', 2), dense(3, 1), act('relu', 4)], { loss: loss('mse', 'any', 9) });
    assert.deepEqual(findings(model(regression)), []);
  });
});
