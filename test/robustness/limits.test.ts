import { strict as assert } from 'node:assert';
import { analyze } from '../../server/analysis/analyze';
import { DEFAULT_LIMITS, longLineReason } from '../../server/analysis/limits';

const MODEL = 'import torch.nn as nn\nnet = nn.Sequential(nn.Linear(4, 4), nn.Sigmoid(), nn.Linear(4, 4), nn.Sigmoid(), nn.Linear(4, 1))\n';

describe('robustness: limits', () => {
  it('names the first line longer than maxLineLength, and passes a line exactly at it', () => {
    assert.equal(longLineReason(`a\n${'x'.repeat(10)}\n`, 10), undefined);
    assert.equal(longLineReason(`a\nb\n${'x'.repeat(11)}`, 10), 'line 3 has 11 characters, over the maxLineLength limit (10): minified or generated code');
    assert.equal(longLineReason('', 0), undefined);
  });

  it('skips source code with a long line before parsing, and says why', () => {
    const minified = `${MODEL}x = [${'1,'.repeat(60_000)}]\n`;
    const result = analyze({ text: minified, path: 'gen.py' });
    assert.match(result.model.skipped ?? '', /^line 3 has 120,006 characters, over the maxLineLength limit \(100,000\)/);
    assert.deepEqual(result.findings, []);
    assert.match(analyze({ text: `const tf = require('@tensorflow/tfjs');\n${'x'.repeat(DEFAULT_LIMITS.maxLineLength + 1)}`, path: 'app.min.js' }).model.skipped ?? '', /maxLineLength/);
  });

  it('takes its limits from the caller', () => {
    const limits = { ...DEFAULT_LIMITS, maxLineLength: 50 };
    assert.match(analyze({ text: MODEL, path: 'model.py' }, undefined, limits).model.skipped ?? '', /^line 2 has \d+ characters, over the maxLineLength limit \(50\)/);
    assert.equal(analyze({ text: MODEL, path: 'model.py' }).model.skipped, undefined);
    assert.equal(analyze({ text: MODEL, path: 'model.py' }, undefined, { ...DEFAULT_LIMITS, maxFileSize: 10 }).model.skipped, `file too large (${Buffer.byteLength(MODEL).toLocaleString('en')} bytes; the limit is 10 bytes)`);
  });

  it('reads config files written on one line (Keras to_json, TF.js model.json) whatever their line length', () => {
    const layers = Array.from({ length: 400 }, (_, i) => ({ class_name: 'Dense', config: { name: `dense_${i}_${'0'.repeat(200)}`, units: 8, activation: 'sigmoid' } }));
    const json = JSON.stringify({ class_name: 'Sequential', config: { name: 'seq', layers } });
    assert.ok(json.length > DEFAULT_LIMITS.maxLineLength);
    const result = analyze({ text: json, path: 'model.json' });
    assert.equal(result.model.skipped, undefined);
    assert.equal(result.model.stacks.length, 1);
  });
});
