// Hostile and unrelated input for every config format: at most one problem (`skipped`), never a
// throw or a hang; files that are not model configs cost a scan and produce an empty model.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { DocumentModel } from '../../../server/model/layerStack';
import { parseCaffeConfig, parseDarknetConfig, parseJsonConfig, parseYamlConfig } from '../../../server/parse/config/index';
import { MAX_JSON_DEPTH } from '../../../server/parse/config/jsonTree';
import { MAX_LAYERS } from '../../../server/parse/config/uses';
import { MAX_YAML_DEPTH } from '../../../server/parse/config/yamlTree';
import { assertRangesInside } from './helpers';

function timed(parse: () => DocumentModel): { model: DocumentModel; ms: number } {
  const t0 = performance.now();
  const model = parse();
  return { model, ms: performance.now() - t0 };
}

const EMPTY = (syntax: DocumentModel['syntax']): DocumentModel => ({ stacks: [], activations: [], losses: [], syntax });

/** Billion laughs: nine levels of nine aliases each, expanding to 9^9 strings if anything resolves them. */
function aliasBomb(): string {
  const out = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (const c of 'bcdefghi') {
    const prev = String.fromCharCode(c.charCodeAt(0) - 1);
    out.push(`${c}: &${c} [${Array(9).fill(`*${prev}`).join(', ')}]`);
  }
  out.push('model:', '  layers:', '    - {type: Dense, units: 8, activation: *i}', '    - {type: Dense, units: 1, activation: sigmoid}');
  return out.join('\n');
}

describe('config parsers: hostile input', function () {
  this.timeout(20000);

  it('truncated Keras JSON is one problem naming the line', () => {
    const text = '{"class_name": "Sequential",\n "config": {"layers": [{"class_name": "Dense", "config": {"units": 3';
    assert.deepEqual(parseJsonConfig(text), { ...EMPTY('json'), skipped: 'invalid JSON at line 2: CloseBraceExpected' });
  });

  it('JSON nested 100,000 deep is refused before parsing', () => {
    const text = `{"class_name": "Sequential", "config": {"layers": ${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
    const { model, ms } = timed(() => parseJsonConfig(text));
    assert.deepEqual(model, { ...EMPTY('json'), skipped: `JSON nested deeper than ${MAX_JSON_DEPTH} levels (line 1)` });
    assert.ok(ms < 500, `${ms} ms`);
  });

  it('deeply nested JSON that is not a model config is not parsed at all', () => {
    assert.deepEqual(parseJsonConfig('['.repeat(100_000)), EMPTY('json'));
  });

  it('a YAML alias bomb costs nothing: aliases to collections are not followed', () => {
    const { model, ms } = timed(() => parseYamlConfig(aliasBomb()));
    assert.equal(model.skipped, undefined);
    assert.ok(ms < 500, `${ms} ms`);
    // The bomb's alias names no activation; the second layer's sigmoid is still read.
    assert.deepEqual(model.stacks[0].layers.map((l) => l.activation?.id), [undefined, 'sigmoid']);
  });

  it('YAML aliases cost one walk: 20,000 aliases resolve in linear time, each to its last anchor', () => {
    const text = `defaults:\n  act: &a gelu\n  late: &a relu\nmodel:\n  layers:\n${'    - {type: Dense, units: 8, activation: *a}\n'.repeat(20_000)}`;
    const { model, ms } = timed(() => parseYamlConfig(text, 20_000));
    assert.equal(model.stacks[0].layers.length, 20_000);
    assert.ok(model.stacks[0].layers.every((l) => l.activation?.id === 'relu'));
    assert.ok(ms < 5000, `${ms} ms`);
  });

  it('YAML flow collections nested 100,000 deep are refused before parsing', () => {
    const { model, ms } = timed(() => parseYamlConfig(`activation: relu\nx: ${'['.repeat(100_000)}`));
    assert.deepEqual(model, { ...EMPTY('yaml'), skipped: `YAML nested deeper than ${MAX_YAML_DEPTH} levels (line 2)` });
    assert.ok(ms < 500, `${ms} ms`);
  });

  it('invalid YAML in a model config is one problem', () => {
    const { skipped, ...rest } = parseYamlConfig('layers:\n  - {type: Dense, activation: relu\n');
    assert.deepEqual(rest, EMPTY('yaml'));
    assert.match(skipped ?? '', /^invalid YAML at line \d+: \S/);
  });

  it('prototxt nested past the limit, unterminated strings and stray tokens are one problem each', () => {
    assert.match(parseCaffeConfig(`layer ${'{ a '.repeat(100_000)}`).skipped ?? '', /^invalid prototxt at line 1: messages nested deeper than 64 levels$/);
    assert.equal(parseCaffeConfig('layer {\n  name: "conv1\n}').skipped, 'invalid prototxt at line 2: unterminated string');
    assert.equal(parseCaffeConfig('layer {\n  type: "ReLU"\n}\n}').skipped, "invalid prototxt at line 4: field name expected, found '}'");
    assert.equal(parseCaffeConfig('layer {\n  type: "ReLU"\n').skipped, "invalid prototxt at line 3: '}' expected before the end of the file");
  });

  it(`files with more than ${MAX_LAYERS} layers are refused with one problem, quickly`, () => {
    const darknet = timed(() => parseDarknetConfig(`[net]\n${'[convolutional]\nfilters=3\nactivation=leaky\n'.repeat(100_000)}`));
    assert.deepEqual(darknet.model, { ...EMPTY('darknet'), skipped: `more than ${MAX_LAYERS.toLocaleString('en')} layers (the maxLayers limit)` });
    assert.ok(darknet.ms < 1000, `${darknet.ms} ms`);
    const caffe = parseCaffeConfig(`layer { type: "Input" top: "data" }\n${'layer { type: "ReLU" bottom: "data" top: "data" }\n'.repeat(MAX_LAYERS + 1)}`);
    assert.equal(caffe.skipped, `more than ${MAX_LAYERS.toLocaleString('en')} layers (the maxLayers limit)`);
    const dense = '{"class_name": "Dense", "config": {"units": 2}}';
    const keras = parseJsonConfig(`{"class_name": "Sequential", "config": {"layers": [${Array(MAX_LAYERS + 1).fill(dense).join(',')}]}}`);
    assert.equal(keras.skipped, `more than ${MAX_LAYERS.toLocaleString('en')} layers (the maxLayers limit)`);
  });

  it('binary content and oversized text are refused by every parser', () => {
    for (const parse of [parseJsonConfig, parseYamlConfig, parseDarknetConfig, parseCaffeConfig]) {
      assert.equal(parse('{"class_name": "Sequential"\0\0}').skipped, 'file looks binary');
      assert.equal(parse(' '.repeat(6 * 1024 * 1024)).skipped, 'file is larger than 5,242,880 characters');
    }
  });

  it('arbitrary text never throws and keeps ranges inside the document', () => {
    const fragments = fc.constantFrom(
      '{', '}', '[', ']', '"class_name": "Dense"', '"activation": "relu"', '"config": {"layers": [', ',', '\n', 'layer {', 'type: "ReLU"',
      'bottom: "data"', 'top: "data"', '[net]', '[convolutional]', 'activation=leaky', 'activation: relu', '- ', '  ', '&a', '*a', '#', '"',
      'hidden_act', 'num_hidden_layers: 3', 'backbone:', 'head:', '- [-1, 1, Conv, [64, 3, 2]]', '\r', 'model_type',
    );
    fc.assert(fc.property(fc.array(fragments, { maxLength: 60 }), (parts) => {
      const text = parts.join('');
      for (const parse of [parseJsonConfig, parseYamlConfig, parseDarknetConfig, parseCaffeConfig]) assertRangesInside(text, parse(text));
    }), { numRuns: 300 });
  });
});

describe('config parsers: unrelated files', () => {
  const PACKAGE_JSON = JSON.stringify({ name: 'app', version: '1.0.0', scripts: { build: 'tsc' }, dependencies: { '@tensorflow/tfjs': '^4.0.0' } }, null, 2);
  const TSCONFIG = '{\n  // comments are allowed here\n  "compilerOptions": {"strict": true},\n}\n';
  const WORKFLOW = 'name: CI\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n';
  const SETUP_CFG = '[metadata]\nname = mypkg\n\n[options]\npackages = find:\n';
  const SOLVER = 'net: "examples/mnist/lenet_train_test.prototxt"\nbase_lr: 0.01\nmomentum: 0.9\nsolver_mode: GPU\n';

  it('produce an empty model and no problem', () => {
    assert.deepEqual(parseJsonConfig(PACKAGE_JSON), EMPTY('json'));
    assert.deepEqual(parseJsonConfig(TSCONFIG), EMPTY('json'));
    assert.deepEqual(parseYamlConfig(WORKFLOW), EMPTY('yaml'));
    assert.deepEqual(parseDarknetConfig(SETUP_CFG), EMPTY('darknet'));
    assert.deepEqual(parseCaffeConfig(SOLVER), EMPTY('prototxt'));
  });

  it('are not parsed: a broken unrelated JSON is no problem either', () => {
    assert.deepEqual(parseJsonConfig('{"name": "app", "version": '), EMPTY('json'));
  });

  it('cost a bounded scan even when large', () => {
    const big = JSON.stringify({ name: 'data', values: Array.from({ length: 400_000 }, (_, i) => i * 0.5) });
    const { model, ms } = timed(() => parseJsonConfig(big));
    assert.deepEqual(model, EMPTY('json'));
    assert.ok(ms < 250, `${(big.length / 1e6).toFixed(1)} MB in ${ms} ms`);
  });
});
