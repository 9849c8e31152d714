// Analysis throughput: `analyze` on generated Python model files of 1k, 10k and 50k lines (in
// process, from a bundle built on the fly, cold: no parse cache), set against @lezer/python's own
// parse of the same text; a one-statement edit re-analysed with the document's parse cache (the
// editor's case); and `activation-lens check` on a folder of 1,000 files (through dist/cli.js).
// Corpora are deterministic (seeded), so runs are comparable; the load average is printed, since
// figures from a shared machine are only as good as its quiet.
// Targets: 10,000 lines in under 100 ms (median), at most twice the parse alone, growing linearly.
//
//   node bench/analysis.mjs [--runs N]      (npm run bench builds dist/ first)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundle, rng, root, stats } from './common.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'out');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;
const TARGET_MS_10K = 100;
/** analyze() time over the time @lezer/python alone takes to parse the same text. */
const TARGET_RATIO = 2;

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];

/** Model templates in the proportions real code has them: PyTorch Sequential and forward() styles, Keras Sequential and functional. */
const TEMPLATES = [
  (r, i) => {
    const act = pick(r, ['nn.ReLU()', 'nn.GELU()', 'nn.Tanh()', 'nn.Sigmoid()', 'nn.LeakyReLU(0.2)']);
    const w = pick(r, [64, 128, 256, 512]);
    return `class Mlp${i}(nn.Module):
    def __init__(self, d_in=${w}, classes=10):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(d_in, ${w}),
            ${act},
            nn.Dropout(0.1),
            nn.Linear(${w}, ${w}),
            ${act},
            nn.Linear(${w}, classes),
        )

    def forward(self, x):
        return self.net(x)


model_${i} = Mlp${i}()
criterion_${i} = nn.CrossEntropyLoss()
`;
  },
  (r, i) => `class Conv${i}(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(32)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.fc = nn.Linear(64 * 8 * 8, ${pick(r, [10, 100])})

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = F.max_pool2d(x, 2)
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = torch.flatten(x, 1)
        return F.log_softmax(self.fc(x), dim=1)


def train_conv_${i}(model, data, target):
    output = model(data)
    loss = F.nll_loss(output, target)
    loss.backward()
    return loss
`,
  (r, i) => `model_k${i} = keras.Sequential([
    keras.Input(shape=(${pick(r, [32, 64, 784])},)),
    layers.Dense(${pick(r, [64, 128])}, activation="${pick(r, ['relu', 'tanh', 'sigmoid', 'elu'])}"),
    layers.Dropout(0.2),
    layers.Dense(${pick(r, [32, 64])}, activation="relu"),
    layers.Dense(${pick(r, [1, 10])}, activation="${pick(r, ['sigmoid', 'softmax'])}"),
])
model_k${i}.compile(optimizer="adam", loss="${pick(r, ['binary_crossentropy', 'sparse_categorical_crossentropy'])}", metrics=["accuracy"])
`,
  (r, i) => `inputs_${i} = keras.Input(shape=(28, 28, 1))
x = layers.Conv2D(32, 3, activation="relu")(inputs_${i})
x = layers.MaxPooling2D()(x)
x = layers.Flatten()(x)
x = layers.Dense(${pick(r, [64, 128])}, activation="relu")(x)
outputs_${i} = layers.Dense(10${pick(r, ['', ', activation="softmax"'])})(x)
functional_${i} = keras.Model(inputs_${i}, outputs_${i})
functional_${i}.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=${pick(r, ['True', 'False'])}))
`,
  (r, i) => `class Vae${i}(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 400)
        self.fc21 = nn.Linear(400, 20)
        self.fc22 = nn.Linear(400, 20)
        self.fc3 = nn.Linear(20, 400)
        self.fc4 = nn.Linear(400, 784)

    def encode(self, x):
        h1 = F.relu(self.fc1(x))
        return self.fc21(h1), self.fc22(h1)

    def decode(self, z):
        h3 = F.relu(self.fc3(z))
        return torch.sigmoid(self.fc4(h3))


def vae_loss_${i}(recon_x, x):
    return F.binary_cross_entropy(recon_x, x.view(-1, 784), reduction="sum")
`,
];

const HEADER = `import torch
import torch.nn as nn
import torch.nn.functional as F
from tensorflow import keras
from tensorflow.keras import layers


`;

/** A file of about `lines` lines of mixed models, from `seed` (exported for profiling by hand). */
export function modelFile(lines, seed) {
  const r = rng(seed);
  const parts = [HEADER];
  let count = HEADER.split('\n').length;
  for (let i = 0; count < lines; i++) {
    const block = `${pick(r, TEMPLATES)(r, i)}\n\n`;
    parts.push(block);
    count += block.split('\n').length - 1;
  }
  return parts.join('');
}

const fmt = (ms) => `${ms.toFixed(1).padStart(8)} ms`;

/** A one-statement edit somewhere in the file: a layer width changes, as when someone is tuning a model. */
function edited(text, k) {
  const at = text.indexOf('nn.Linear(', Math.floor((text.length * ((k * 37) % 97)) / 97));
  if (at < 0) return text + `\nwidth_${k} = ${k}\n`;
  const open = at + 'nn.Linear('.length;
  return `${text.slice(0, open)}${17 + (k % 50)} + ${text.slice(open)}`;
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

async function main() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const { analyze, parsePython, UnitCache, runRules, mergeSettings, lezerPython } = await loadBundle(
    `export { analyze } from './server/analysis/analyze';
    export { parsePython, UnitCache } from './server/parse/python/index';
    export { runRules } from './server/analysis/runRules';
    export { mergeSettings } from './server/analysis/settings';
    export { parser as lezerPython } from '@lezer/python';`,
    path.join(out, 'analysis.cjs'),
  );

  console.log(`load average (1, 5, 15 min) at start: ${load()}  [2 cores; shared machines give noisy figures]`);
  console.log(`\nanalyze() in process, cold (no parse cache), ${RUNS} runs after 3 warm-up runs. Of the same runs, timed apart:`);
  console.log('  lezer = @lezer/python parse of the whole text alone; ratio = analyze median / lezer median; parse = parsePython; rules = the rule set');
  console.log(`${'lines'.padStart(8)} ${'findings'.padStart(9)} ${'median'.padStart(11)} ${'p95'.padStart(11)} ${'per 1k lines'.padStart(14)} ${'lezer'.padStart(11)} ${'ratio'.padStart(6)} ${'parse'.padStart(11)} ${'rules'.padStart(11)}`);
  const perK = [];
  const ratios = [];
  let median10k = Infinity;
  let text10k = '';
  for (const lines of [1_000, 10_000, 50_000]) {
    const text = modelFile(lines, lines);
    const actual = text.split('\n').length;
    const input = { text, path: `bench_${lines}.py` };
    let findings = 0;
    for (let i = 0; i < 3; i++) findings = analyze(input).findings.length;
    const samples = [];
    const lezerSamples = [];
    const parseSamples = [];
    const ruleSamples = [];
    const settings = mergeSettings();
    const runs = lines >= 50_000 ? Math.max(3, Math.ceil(RUNS / 3)) : RUNS;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      analyze(input);
      const t1 = performance.now();
      lezerPython.parse(text);
      const t2 = performance.now();
      const model = parsePython(text);
      const t3 = performance.now();
      runRules(model, text, settings);
      const t4 = performance.now();
      samples.push(t1 - t0);
      lezerSamples.push(t2 - t1);
      parseSamples.push(t3 - t2);
      ruleSamples.push(t4 - t3);
    }
    const s = stats(samples);
    const lezer = stats(lezerSamples).median;
    perK.push(s.median / (actual / 1000));
    ratios.push(s.median / lezer);
    if (lines === 10_000) {
      median10k = s.median;
      text10k = text;
    }
    console.log(`${String(actual).padStart(8)} ${String(findings).padStart(9)} ${fmt(s.median)} ${fmt(s.p95)} ${fmt(s.median / (actual / 1000))} ${fmt(lezer)} ${(s.median / lezer).toFixed(2).padStart(6)} ${fmt(stats(parseSamples).median)} ${fmt(stats(ruleSamples).median)}`);
  }
  const growth = perK[2] / perK[1];
  console.log(`\nlinear growth: ${perK.map((v, i) => `${['1k', '10k', '50k'][i]} ${v.toFixed(1)}`).join(', ')} ms per 1k lines; 50k vs 10k ×${growth.toFixed(2)} (1.00 = linear)`);

  // The editor's case: the document's parse cache holds the last version; an edit re-parses the statement it touches.
  const cache = new UnitCache();
  let current = text10k;
  analyze({ text: current, path: 'bench_10000.py', cache });
  const editSamples = [];
  for (let k = 0; k < RUNS + 3; k++) {
    current = edited(current, k);
    const input = { text: current, path: 'bench_10000.py', cache };
    const t0 = performance.now();
    analyze(input);
    if (k >= 3) editSamples.push(performance.now() - t0);
  }
  const e = stats(editSamples);
  console.log(`\none-statement edit of the 10k-line file, re-analysed with the document's parse cache (${RUNS} edits): median ${fmt(e.median).trim()}, p95 ${fmt(e.p95).trim()}`);

  const cli = path.join(root, 'dist/cli.js');
  if (existsSync(cli)) {
    const folder = path.join(out, 'folder');
    mkdirSync(folder, { recursive: true });
    let totalLines = 0;
    for (let i = 0; i < 1000; i++) {
      const sub = path.join(folder, `pkg${i % 20}`);
      mkdirSync(sub, { recursive: true });
      const text = modelFile(60 + (i % 7) * 20, 10_000 + i);
      totalLines += text.split('\n').length;
      writeFileSync(path.join(sub, `model_${i}.py`), text);
    }
    const samples = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const res = spawnSync(process.execPath, [cli, 'check', folder, '--exit-zero', '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
      samples.push(performance.now() - t0);
      if (res.status !== 0) throw new Error(`check failed (${res.status}): ${res.stderr}`);
      const checked = JSON.parse(res.stdout).files;
      if (checked !== 1000) throw new Error(`check analysed ${checked} files, not 1000`);
    }
    const s = stats(samples);
    console.log(`\nactivation-lens check on 1,000 files (${totalLines.toLocaleString('en')} lines), process start included, 3 runs`);
    console.log(`  median ${fmt(s.median).trim()}, min ${fmt(s.min).trim()}`);
  } else {
    console.log('\n(dist/cli.js missing: run `npm run build` for the folder benchmark)');
  }

  const fast = median10k < TARGET_MS_10K;
  const ratio10k = ratios[1];
  const lean = ratio10k <= TARGET_RATIO;
  console.log(`\nload average at end: ${load()}`);
  console.log(`target: 10k lines under ${TARGET_MS_10K} ms cold: ${fast ? 'met' : 'MISSED'} (${median10k.toFixed(1)} ms)`);
  console.log(`target: analysis/parse ratio at 10k at most ${TARGET_RATIO}: ${lean ? 'met' : 'MISSED'} (${ratio10k.toFixed(2)})`);
  process.exitCode = fast && lean ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
