import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/analysis/analyze';
import { DEFAULT_LIMITS, longLineReason } from '../../server/analysis/limits';
import { mergeSettings, sanitizeEditorSettings } from '../../server/lsp/settings';
import { DEFAULT_EDITOR_SETTINGS, DEFAULT_SKIP_FOLDERS } from '../../shared/protocol';
import { TestClient } from '../lsp/client';

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

describe('robustness: limits as settings', () => {
  it('reads the limits from the editor settings, warning about values that are not whole numbers ≥ 0', () => {
    const warnings: string[] = [];
    const editor = sanitizeEditorSettings({ maxFileSize: 1000, maxLineLength: -1, maxLayers: 2.5 }, (m) => warnings.push(m));
    assert.deepEqual(mergeSettings(editor, undefined).limits, { maxFileSize: 1000, maxLineLength: DEFAULT_LIMITS.maxLineLength, maxLayers: DEFAULT_LIMITS.maxLayers });
    assert.deepEqual(warnings, [
      'activationLens.maxLineLength: -1 is not a whole number ≥ 0; the default applies',
      'activationLens.maxLayers: 2.5 is not a whole number ≥ 0; the default applies',
    ]);
    assert.deepEqual(mergeSettings(sanitizeEditorSettings({}, assert.fail), undefined).limits, DEFAULT_LIMITS);
  });

  it('refuses model configs with more layers than maxLayers, in each config syntax that has layers', () => {
    const limits = { ...DEFAULT_LIMITS, maxLayers: 3 };
    const dense = '{"class_name": "Dense", "config": {"units": 8, "activation": "relu"}}';
    const keras = `{"class_name": "Sequential", "config": {"layers": [${Array(4).fill(dense).join(',')}]}}`;
    const darknet = `[net]\nwidth=416\n${'[convolutional]\nfilters=16\nactivation=leaky\n'.repeat(4)}`;
    const caffe = `layer { type: "Input" top: "data" }\n${'layer { type: "ReLU" bottom: "data" top: "data" }\n'.repeat(3)}`;
    for (const [text, path] of [[keras, 'model.json'], [darknet, 'yolo.cfg'], [caffe, 'net.prototxt']]) {
      assert.equal(analyze({ text, path }, undefined, limits).model.skipped, 'more than 3 layers (the maxLayers limit)', path);
      assert.equal(analyze({ text, path }, undefined, { ...limits, maxLayers: 4 }).model.skipped, undefined, path);
    }
  });
});

describe('robustness: limits in the editor', function () {
  this.timeout(20000);

  it('pulls the limits per document and skips with one diagnostic naming the limit', async () => {
    const client = new TestClient({ settings: (scope) => (scope?.includes('/strict/') ? { maxLineLength: 40, maxLayers: 2 } : undefined) });
    try {
      await client.initialize();
      const cfg = `[net]\nwidth=416\n${'[convolutional]\nfilters=16\nactivation=leaky\n'.repeat(3)}`;
      const cases: [string, string, RegExp | undefined][] = [
        ['file:///strict/model.py', MODEL, /^Activation Lens skipped this file: line 2 has \d+ characters, over the maxLineLength limit \(40\): minified or generated code$/],
        ['file:///strict/yolo.cfg', cfg, /^Activation Lens skipped this file: more than 2 layers \(the maxLayers limit\)$/],
        ['file:///loose/model.py', MODEL, undefined],
        ['file:///loose/yolo.cfg', cfg, undefined],
      ];
      for (const [uri, text, skipped] of cases) {
        await client.open(uri, text, 1, uri.endsWith('.py') ? 'python' : 'properties');
        const messages = (await client.diagnostics(uri)).map((d) => String(d.message));
        if (skipped) {
          assert.equal(messages.length, 1, uri);
          assert.match(messages[0], skipped);
        } else {
          assert.ok(!messages.some((m) => /skipped/.test(m)), `${uri}: ${messages.join('; ')}`);
        }
      }
    } finally {
      await client.dispose();
    }
  });
});

describe('robustness: settings in package.json', () => {
  const properties = (JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default: unknown }> } } })
    .contributes.configuration.properties;

  it('declares each limit and the skipped folders with the defaults the server applies', () => {
    for (const key of ['maxFileSize', 'maxLineLength', 'maxLayers'] as const) {
      assert.equal(properties[`activationLens.${key}`]?.default, DEFAULT_LIMITS[key], key);
      assert.equal(DEFAULT_EDITOR_SETTINGS[key], DEFAULT_LIMITS[key], key);
    }
    assert.deepEqual(properties['activationLens.skipFolders']?.default, DEFAULT_SKIP_FOLDERS);
  });
});
