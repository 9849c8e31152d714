// `check` and `stacks` on TF.js sources and every model config format, through the built CLI:
// findings at the offending entry, stacks per format, unrelated JSON/YAML/.cfg files silent,
// a broken model config reported once and the run going on.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, runCli, tempTree } from './runCli';

const FIXTURES = path.join(REPO, 'test/fixtures');
const read = (rel: string) => fs.readFileSync(path.join(FIXTURES, rel), 'utf8');

/** One positive fixture per format, under the file names the tools give them. */
const MODELS: Record<string, string> = {
  'web/train.ts': read('tfjs/ACT010/positive/training_step.ts'),
  'web/codelab.js': read('tfjs/ACT020/positive/codelab_linear_layers.js'),
  'keras/model.json': read('config/ACT001/negative/glorot_keras3_sigmoid_mlp.json'),
  'tfjs_model/model.json': read('config/ACT012/positive/tfjs_model_linear_head.json'),
  'hf/config.json': read('config/ACT001/negative/bert_config.json'),
  'yolo/yolov8n.yaml': read('config/ACT001/negative/yolov8n.yaml'),
  'experiments/mlp.yml': read('config/ACT001/positive/sigmoid_layers.yaml'),
  'darknet/yolov3-tiny.cfg': read('config/ACT010/positive/yolov3_tiny_logistic_head.cfg'),
  'caffe/tagger.prototxt': read('config/ACT010/positive/caffe_sigmoid_sigmoid_cross_entropy.prototxt'),
};

const UNRELATED: Record<string, string> = {
  'package.json': '{"name": "app", "version": "1.0.0", "dependencies": {"@tensorflow/tfjs": "^4.0.0"}}\n',
  'tsconfig.json': '{\n  // editor settings\n  "compilerOptions": {"strict": true}\n}\n',
  '.github/workflows/ci.yml': 'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
  'setup.cfg': '[metadata]\nname = pkg\n',
  'solver.prototxt': 'net: "train.prototxt"\nbase_lr: 0.01\n',
  'src/util.ts': 'export const add = (a: number, b: number) => a + b;\n',
};

/** `file:line:col: CODE` of each finding line. */
function findingKeys(stdout: string): string[] {
  return stdout.split('\n').filter((l) => /: ACT\d{3} /.test(l)).map((l) => l.replace(/ ACT(\d{3}) .*$/, ' ACT$1'));
}

describe('activation-lens check and stacks on TF.js and config files', function () {
  this.timeout(30000);
  let dir: string;
  before(() => {
    dir = tempTree({ ...MODELS, ...UNRELATED });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('check reports each format\'s findings at the offending line and column, and nothing for unrelated files', () => {
    const r = runCli(['check', '.'], dir);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, '');
    assert.deepEqual(findingKeys(r.stdout), [
      'caffe/tagger.prototxt:27:9: ACT010',
      'darknet/yolov3-tiny.cfg:128:12: ACT010',
      'experiments/mlp.yml:8:19: ACT001',
      // Three sigmoids under Glorot init keep ≈ 1.6% at the first: ACT002 per sigmoid, not ACT001.
      'keras/model.json:45:25: ACT002',
      'keras/model.json:89:25: ACT002',
      'keras/model.json:133:25: ACT002',
      'tfjs_model/model.json:53:13: ACT012',
      'web/codelab.js:4:13: ACT020',
      'web/train.ts:13:19: ACT010',
    ]);
    assert.match(r.stdout, /^web\/train\.ts:13:19: ACT010 sigmoid output feeds tf\.losses\.sigmoidCrossEntropy, which applies its own sigmoid/m);
    assert.match(r.stdout, /^darknet\/yolov3-tiny\.cfg:128:12: ACT010 sigmoid output feeds \[yolo\], which applies its own sigmoid/m);
    assert.match(r.stdout, /Found 9 findings\.\n$/);
  });

  it('check --format json counts every analysed file, fixes omitted outside Python', () => {
    const r = runCli(['check', '.', '--format', 'json'], dir);
    const out = JSON.parse(r.stdout);
    assert.equal(out.files, Object.keys(MODELS).length + Object.keys(UNRELATED).length);
    assert.deepEqual(out.skipped, []);
    assert.ok(out.findings.every((f: Record<string, unknown>) => !('fix' in f)));
  });

  it('check reports a broken model config once and analyses the rest', () => {
    const broken = tempTree({ 'model.json': '{"class_name": "Sequential", "config": {"layers": [', 'ok.ts': MODELS['web/train.ts'] });
    try {
      const r = runCli(['check', '.'], broken);
      assert.equal(r.status, 1);
      assert.equal(r.stderr, 'activation-lens: warning: model.json: skipped: invalid JSON at line 1: CloseBracketExpected\n');
      assert.deepEqual(findingKeys(r.stdout), ['ok.ts:13:19: ACT010']);
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });

  it('stacks lists every format\'s stacks with its framework', () => {
    const r = runCli(['stacks', '.', '--format', 'json'], dir);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { files: { file: string; stacks: { framework: string; name: string; residual: boolean; layers: unknown[] }[] }[] };
    const seen = out.files.map((f) => [f.file, f.stacks.map((s) => `${s.framework} ${s.name}${s.residual ? ' residual' : ''} ${s.layers.length}`)]);
    assert.deepEqual(seen, [
      ['caffe/tagger.prototxt', ['config Tagger 4']],
      ['darknet/yolov3-tiny.cfg', ['config network → [yolo] 1 16', 'config network → [yolo] 2 19']],
      ['experiments/mlp.yml', ['config model.layers 4']],
      ['hf/config.json', ['config BertForMaskedLM residual 48']],
      ['keras/model.json', ['keras sigmoid_mlp 4']],
      ['tfjs_model/model.json', ['keras sequential 2']],
      ['web/codelab.js', ['tfjs model 2']],
      ['web/train.ts', ['tfjs scorer 3']],
      ['yolo/yolov8n.yaml', ['config model residual 23']],
    ]);
  });

  it('stacks prints gradient estimates for config activations', () => {
    const r = runCli(['stacks', 'keras/model.json'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^keras\/model\.json:3: sigmoid_mlp \[keras\]$/m);
    assert.match(r.stdout, /^ +\d+ +linear +Dense "dense" +sigmoid +gradient: bound 0\.0156, typical 0\.0158$/m);
    // The model JSON writes its initialisers out: the estimate names them and their lines.
    assert.match(r.stdout, /under Glorot uniform \(from kernel_initializer, lines 47, 91 and 135\), zero bias \(from bias_initializer, lines 55, 99 and 143\)/);
  });
});
