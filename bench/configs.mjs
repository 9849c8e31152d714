// Model config throughput: `analyze` (in process, from a bundle built on the fly) on a generated
// ~1 MB file of each config format — Keras `to_json` (one line), TF.js model.json, Ultralytics
// YOLO YAML, a generic YAML layer list, a Darknet cfg and a Caffe prototxt — as median and p95 of
// repeated runs, and MB/s at the median. Corpora are deterministic (seeded). Layers are written the
// way the tools write them (Keras layer configs with their initializers, Darknet sections with
// batch_normalize/size/stride/pad). 1 MB holds 3,000 to 25,000 layers, more than the default
// maxLayers limit (5,000) refuses for some formats, so the files are analysed with the limit raised
// to MAX_LAYERS below (the time a refusal takes at the default is reported too); a file refused
// anyway is reported as such, not timed as analysed. Target (issue #7 follow-up): every format at
// >= 10 MB/s, growing linearly, so the same corpora are also timed at 0.25, 0.5 and 2 MB and the
// median time per MB reported for each size: it stays flat when the cost is linear.
//
//   node bench/configs.mjs [--runs N] [--json] [--format NAME]   (npm run bench builds dist/ first)
//   --format times one format only (for profiling with node --cpu-prof).
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { loadBundle, rng, root, stats } from './common.mjs';

const runsArg = process.argv.indexOf('--runs');
// Fewer runs than analysis.mjs: the slowest formats take seconds per run.
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 10;
const WARMUP = 2;
const json = process.argv.includes('--json');
const formatArg = process.argv.indexOf('--format');
const only = formatArg > 0 ? process.argv[formatArg + 1] : undefined;
const MB = 1024 * 1024;
/** Corpus sizes (MB) for the per-MB series; the 1 MB corpus is the headline figure. */
const SCALES = [0.25, 0.5, 1, 2];
/** Bytes of the corpus being generated (set per size before a format's `text` is called). */
let SIZE = MB;
const TARGET_MB_PER_SECOND = 10;
const MAX_LAYERS = 100_000;

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const ACTIVATIONS = ['relu', 'relu', 'relu', 'gelu', 'swish', 'tanh', 'elu', 'selu'];

/** Layers from `make(i)` until their text (joined by `sep`) reaches SIZE. */
function fill(make, sep = '') {
  const parts = [];
  let bytes = 0;
  for (let i = 0; bytes < SIZE; i++) {
    const part = make(i);
    parts.push(part);
    bytes += part.length + sep.length;
  }
  return parts;
}

/** A Keras Dense/Dropout/BatchNormalization layer config as `to_json` writes it (Keras 2). */
function kerasLayer(r, i) {
  const name = `layer_${i}`;
  const kind = i % 3;
  if (kind === 1) return { class_name: 'Dropout', config: { name, trainable: true, dtype: 'float32', rate: 0.1, noise_shape: null, seed: null } };
  if (kind === 2) {
    return {
      class_name: 'BatchNormalization',
      config: {
        name, trainable: true, dtype: 'float32', axis: [1], momentum: 0.99, epsilon: 0.001, center: true, scale: true,
        beta_initializer: { class_name: 'Zeros', config: {} }, gamma_initializer: { class_name: 'Ones', config: {} },
        moving_mean_initializer: { class_name: 'Zeros', config: {} }, moving_variance_initializer: { class_name: 'Ones', config: {} },
        beta_regularizer: null, gamma_regularizer: null, beta_constraint: null, gamma_constraint: null,
      },
    };
  }
  return {
    class_name: 'Dense',
    config: {
      name, trainable: true, dtype: 'float32', units: pick(r, [64, 128, 256, 512]), activation: pick(r, ACTIVATIONS), use_bias: true,
      kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } }, bias_initializer: { class_name: 'Zeros', config: {} },
      kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
    },
  };
}

function kerasLayers(r) {
  const layers = [{ class_name: 'InputLayer', config: { batch_input_shape: [null, 512], dtype: 'float32', sparse: false, ragged: false, name: 'input_1' } }];
  let bytes = 0;
  for (let i = 0; bytes < SIZE - 400; i++) {
    const layer = kerasLayer(r, i);
    layers.push(layer);
    bytes += JSON.stringify(layer).length + 1;
  }
  layers.push({ class_name: 'Dense', config: { name: 'output', trainable: true, dtype: 'float32', units: 10, activation: 'softmax', use_bias: true } });
  return layers;
}

const FORMATS = {
  'Keras JSON': {
    file: 'model_keras.json',
    text: (r) =>
      JSON.stringify({ class_name: 'Sequential', config: { name: 'sequential', layers: kerasLayers(r) }, keras_version: '2.15.0', backend: 'tensorflow' }),
  },
  'TF.js model.json': {
    file: 'model.json',
    text: (r) =>
      JSON.stringify({
        format: 'layers-model', generatedBy: 'keras v2.15.0', convertedBy: 'TensorFlow.js Converter v4.17.0',
        modelTopology: { keras_version: '2.15.0', backend: 'tensorflow', model_config: { class_name: 'Sequential', config: { name: 'sequential', layers: kerasLayers(r) } } },
        weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [] }],
      }),
  },
  'YOLO YAML': {
    file: 'yolo.yaml',
    text: (r) => {
      const row = (i) => {
        const ch = pick(r, [64, 128, 256, 512, 1024]);
        return pick(r, [`  - [-1, 1, Conv, [${ch}, 3, 2]] # ${i}`, `  - [-1, ${pick(r, [1, 3, 6, 9])}, C3, [${ch}]] # ${i}`, `  - [-1, 1, nn.Upsample, [None, 2, "nearest"]] # ${i}`]);
      };
      const rows = fill(row, '\n');
      const half = rows.length >> 1;
      return `# Generated YOLO model\nnc: 80\ndepth_multiple: 0.33\nwidth_multiple: 0.50\nactivation: nn.SiLU()\n\nbackbone:\n${rows.slice(0, half).join('\n')}\n\nhead:\n${rows.slice(half).join('\n')}\n  - [[-1], 1, Detect, [nc]]\n`;
    },
  },
  'generic YAML': {
    file: 'layers.yaml',
    text: (r) => {
      const layer = (i) =>
        i % 2 === 0
          ? `  - name: fc${i}\n    type: Dense\n    units: ${pick(r, [64, 128, 256])}\n    activation: ${pick(r, ACTIVATIONS)}\n`
          : `  - name: drop${i}\n    type: Dropout\n    rate: 0.1\n`;
      return `# Generated layer list\nnetwork:\n${fill(layer).join('')}  - name: out\n    type: Dense\n    units: 10\n    activation: softmax\n`;
    },
  },
  'Darknet cfg': {
    file: 'yolo.cfg',
    text: (r) => {
      const section = (i) =>
        i % 4 === 3
          ? `[shortcut]\nfrom=-3\nactivation=linear\n\n`
          : `# block ${i}: ${pick(r, ['downsample', '3x3 conv', '1x1 bottleneck'])}\n[convolutional]\nbatch_normalize=1\nfilters=${pick(r, [32, 64, 128, 256, 512])}\nsize=${pick(r, [1, 3])}\nstride=${pick(r, [1, 1, 2])}\npad=1\nactivation=${pick(r, ['leaky', 'mish', 'swish'])}\n\n`;
      return `[net]\nbatch=64\nsubdivisions=8\nwidth=416\nheight=416\nchannels=3\nmomentum=0.949\ndecay=0.0005\nlearning_rate=0.001\n\n${fill(section).join('')}[convolutional]\nsize=1\nstride=1\npad=1\nfilters=255\nactivation=linear\n\n[yolo]\nmask=0,1,2\nclasses=80\n`;
    },
  },
  'Caffe prototxt': {
    file: 'net.prototxt',
    text: (r) => {
      let top = 'data';
      const layer = (i) => {
        const bottom = top;
        top = `conv${i}`;
        const act = pick(r, ['ReLU', 'ReLU', 'PReLU', 'TanH', 'ELU']);
        return `layer {\n  name: "conv${i}"\n  type: "Convolution"\n  bottom: "${bottom}"\n  top: "conv${i}"\n  param { lr_mult: 1 decay_mult: 1 }\n  convolution_param {\n    num_output: ${pick(r, [64, 128, 256])}\n    kernel_size: 3\n    pad: 1\n    stride: 1\n    weight_filler { type: "msra" }\n  }\n}\nlayer { name: "bn${i}" type: "BatchNorm" bottom: "conv${i}" top: "conv${i}" }\nlayer { name: "act${i}" type: "${act}" bottom: "conv${i}" top: "conv${i}" }\n`;
      };
      return `name: "Generated"\nlayer {\n  name: "data"\n  type: "Input"\n  top: "data"\n  input_param { shape: { dim: 1 dim: 3 dim: 224 dim: 224 } }\n}\n${fill(layer).join('')}`;
    },
  },
};

const load = () => loadavg().map((l) => Number(l.toFixed(2)));

/** Median of RUNS timed runs after WARMUP untimed ones. */
function time(run) {
  for (let i = 0; i < WARMUP; i++) run();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return stats(times);
}

/** The format's corpus at `megabytes`, from the same seed at every size. */
function corpus(format, k, megabytes) {
  SIZE = megabytes * MB;
  return format.text(rng(100 + k));
}

async function main() {
  const out = path.join(root, 'bench/out');
  mkdirSync(out, { recursive: true });
  const { analyze, DEFAULT_LIMITS } = await loadBundle(
    `export { analyze } from './server/analysis/analyze';
    export { DEFAULT_LIMITS } from './server/analysis/limits';`,
    path.join(out, 'configs.cjs'),
  );
  const limits = { ...DEFAULT_LIMITS, maxLayers: MAX_LAYERS };
  const before = load();
  const formats = {};
  Object.entries(FORMATS).forEach(([name, format], k) => {
    if (only && name !== only) return;
    const text = corpus(format, k, 1);
    const megabytes = Buffer.byteLength(text, 'utf8') / 1024 / 1024;
    const t0 = performance.now();
    const atDefault = analyze({ text, path: format.file });
    const defaultMs = performance.now() - t0;
    const result = analyze({ text, path: format.file }, undefined, limits);
    const layers = result.model.stacks.reduce((n, s) => n + s.layers.length, 0);
    const entry = {
      megabytes, layers, activations: result.model.activations.length, findings: result.findings.length,
      ...(atDefault.model.skipped ? { refusedAtDefault: { reason: atDefault.model.skipped, ms: defaultMs } } : {}),
    };
    if (result.model.skipped || result.errors || layers === 0) {
      formats[name] = { ...entry, refused: result.model.skipped ?? result.errors?.join('; ') ?? 'no layer stack found' };
      return;
    }
    const t = time(() => analyze({ text, path: format.file }, undefined, limits));
    // Median ms per MB at each corpus size: flat when analysis time grows linearly.
    const msPerMegabyte = {};
    for (const scale of SCALES) {
      const scaled = scale === 1 ? text : corpus(format, k, scale);
      const mb = Buffer.byteLength(scaled, 'utf8') / MB;
      msPerMegabyte[`${scale} MB`] = (scale === 1 ? t : time(() => analyze({ text: scaled, path: format.file }, undefined, limits))).median / mb;
    }
    formats[name] = { ...entry, time: t, mbPerSecond: megabytes / (t.median / 1000), msPerMegabyte };
  });
  const slow = Object.entries(formats).filter(([, f]) => !f.refused && f.mbPerSecond < TARGET_MB_PER_SECOND).map(([name]) => name);
  const figures = { runs: RUNS, maxLayers: MAX_LAYERS, targetMbPerSecond: TARGET_MB_PER_SECOND, formats, load: { before, after: load() } };
  process.exitCode = slow.length ? 1 : 0;
  if (json) {
    console.log(JSON.stringify(figures, null, 2));
    return;
  }
  console.log(`load average (1, 5, 15 min) at start: ${before.join(' ')}  [shared machines give noisy figures]`);
  console.log(`\nanalyze() in process on ~1 MB of each config format (maxLayers ${MAX_LAYERS}), ${RUNS} runs after ${WARMUP} warm-up runs`);
  console.log(`${'format'.padEnd(18)} ${'MB'.padStart(5)} ${'layers'.padStart(7)} ${'findings'.padStart(9)} ${'median'.padStart(10)} ${'p95'.padStart(10)} ${'MB/s'.padStart(7)}`);
  for (const [name, f] of Object.entries(formats)) {
    const head = `${name.padEnd(18)} ${f.megabytes.toFixed(2).padStart(5)} ${String(f.layers).padStart(7)} ${String(f.findings).padStart(9)}`;
    const refusal = f.refusedAtDefault ? `  (at the default maxLayers: refused in ${f.refusedAtDefault.ms.toFixed(0)} ms)` : '';
    console.log(f.refused ? `${head}  refused: ${f.refused}` : `${head} ${f.time.median.toFixed(1).padStart(7)} ms ${f.time.p95.toFixed(1).padStart(7)} ms ${f.mbPerSecond.toFixed(1).padStart(7)}${refusal}`);
  }
  console.log(`\nmedian ms per MB by corpus size (flat = linear growth)`);
  console.log(`${'format'.padEnd(18)} ${SCALES.map((s) => `${s} MB`.padStart(9)).join(' ')}`);
  for (const [name, f] of Object.entries(formats)) {
    if (f.msPerMegabyte) console.log(`${name.padEnd(18)} ${Object.values(f.msPerMegabyte).map((v) => v.toFixed(1).padStart(9)).join(' ')}`);
  }
  console.log(slow.length ? `\nbelow ${TARGET_MB_PER_SECOND} MB/s: ${slow.join(', ')}` : `\nevery format at >= ${TARGET_MB_PER_SECOND} MB/s`);
  console.log(`\nload average at end: ${figures.load.after.join(' ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
