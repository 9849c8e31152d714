// How each framework spells each activation, with that framework's parameter defaults.
// Sources checked (2025 snapshots):
//   PyTorch: torch.nn.modules.activation / torch.nn.functional (torch 1.13 installed here).
//   Keras 3: keras-team/keras keras/src/activations/activations.py (leaky_relu negative_slope=0.2,
//     gelu approximate=False, hard_sigmoid = relu6(x+3)/6, hard_silu/hard_swish), keras/src/layers/
//     activations/*.py (LeakyReLU negative_slope=0.3, ELU alpha=1.0, PReLU alpha_initializer="Zeros",
//     ReLU(max_value, negative_slope, threshold)), keras/src/backend/*/nn.py (ops.gelu approximate=True).
//   tf.keras 2: tensorflow.org r2.x docs (hard_sigmoid = clip(0.2x + 0.5, 0, 1); LeakyReLU alpha=0.3;
//     activations.relu(x, alpha=0.0, max_value=None, threshold=0.0); ThresholdedReLU theta=1.0).
//   TensorFlow: tensorflow.org docs (tf.nn.leaky_relu alpha=0.2, tf.nn.gelu approximate=False).
//   TF.js: tensorflow/tfjs tfjs-layers/src/activations.ts and backend/tfjs_backend.ts (hardSigmoid =
//     clipByValue(0.2x + 0.5, 0, 1); 'gelu' uses erf, 'gelu_new' the tanh form), layers/
//     advanced_activations.ts (LeakyReLU alpha 0.3, ELU alpha 1 only, PReLU alphaInitializer 'zeros',
//     ThresholdedReLU theta 1.0 with x > theta), tfjs-core/src/ops/leaky_relu.ts (tf.leakyRelu alpha 0.2).
//   Hugging Face: huggingface/transformers src/transformers/activations.py (ACT2CLS).
import type { Framework } from './types';

/** How a name is used in code: a module/layer class, a function or op, or an activation string. */
export type SpellingKind = 'module' | 'functional' | 'string' | 'layer';

export interface SpellingEntry {
  /** The bare identifier or string as written: `LeakyReLU`, `leaky_relu`, `hardSigmoid`. */
  name: string;
  id: string;
  /** This framework's defaults where they differ from the core (PyTorch) defaults. */
  params?: Readonly<Record<string, number | string>>;
  kind: SpellingKind;
  /** Qualified spellings for hovers; derived from `kind` when absent. */
  display?: readonly string[];
  /** Only for this Keras major version (hard_sigmoid changed formula in Keras 3). */
  kerasVersion?: 2 | 3;
  note?: string;
}

function entries(kind: SpellingKind, names: Record<string, string>, extra: Partial<SpellingEntry> = {}): SpellingEntry[] {
  return Object.entries(names).map(([name, id]) => ({ name, id, kind, ...extra }));
}

const PYTORCH_FUNCTIONS: Record<string, readonly string[]> = {
  sigmoid: ['torch.sigmoid', 'F.sigmoid', '.sigmoid()'],
  tanh: ['torch.tanh', 'F.tanh', '.tanh()'],
  relu: ['torch.relu', 'F.relu', '.relu()'],
  relu6: ['F.relu6'],
  leaky_relu: ['F.leaky_relu'],
  prelu: ['F.prelu', 'torch.prelu'],
  rrelu: ['F.rrelu', 'torch.rrelu'],
  elu: ['F.elu'],
  selu: ['F.selu', 'torch.selu'],
  celu: ['F.celu', 'torch.celu'],
  gelu: ['F.gelu'],
  silu: ['F.silu'],
  mish: ['F.mish'],
  softplus: ['F.softplus'],
  softsign: ['F.softsign'],
  hardsigmoid: ['F.hardsigmoid'],
  hardtanh: ['F.hardtanh'],
  hardswish: ['F.hardswish'],
  logsigmoid: ['F.logsigmoid'],
  tanhshrink: ['F.tanhshrink'],
  softshrink: ['F.softshrink'],
  hardshrink: ['F.hardshrink', 'torch.hardshrink'],
  threshold: ['F.threshold', 'torch.threshold'],
  softmax: ['F.softmax', 'torch.softmax', '.softmax()'],
  log_softmax: ['F.log_softmax', 'torch.log_softmax', '.log_softmax()'],
};

// In-place variants compute the same function.
const PYTORCH_INPLACE: Record<string, string> = {
  relu_: 'relu', elu_: 'elu', selu_: 'selu', celu_: 'celu', leaky_relu_: 'leaky_relu', hardtanh_: 'hardtanh',
  threshold_: 'threshold', rrelu_: 'rrelu', sigmoid_: 'sigmoid', tanh_: 'tanh',
};

const PYTORCH_MODULES: Record<string, string> = {
  Sigmoid: 'sigmoid', Tanh: 'tanh', ReLU: 'relu', ReLU6: 'relu6', LeakyReLU: 'leaky_relu', PReLU: 'prelu',
  RReLU: 'rrelu', ELU: 'elu', SELU: 'selu', CELU: 'celu', GELU: 'gelu', SiLU: 'silu', Mish: 'mish',
  Softplus: 'softplus', Softsign: 'softsign', Hardsigmoid: 'hardsigmoid', Hardtanh: 'hardtanh',
  Hardswish: 'hardswish', LogSigmoid: 'logsigmoid', Tanhshrink: 'tanhshrink', Softshrink: 'softshrink',
  Hardshrink: 'hardshrink', Threshold: 'threshold', Identity: 'identity', Softmax: 'softmax', LogSoftmax: 'log_softmax',
};

const PYTORCH: SpellingEntry[] = [
  ...entries('module', PYTORCH_MODULES).map((e) => ({ ...e, display: [`nn.${e.name}`] })),
  ...Object.entries(PYTORCH_FUNCTIONS).map(([name, display]): SpellingEntry => ({ name, id: name, kind: 'functional', display })),
  ...entries('functional', PYTORCH_INPLACE).map((e) => ({ ...e, display: [`F.${e.name}`] })),
  { name: 'expit', id: 'sigmoid', kind: 'functional', display: ['torch.special.expit'] },
];

const KERAS_SOFTPLUS_NOTE = "log(1 + exp(x)) with no beta or threshold: PyTorch's switch to x above 20 does not exist (a 2e-9 difference).";

const KERAS_FUNCTIONS: Record<string, string> = {
  relu: 'relu', relu6: 'relu6', elu: 'elu', selu: 'selu', softplus: 'softplus', softsign: 'softsign',
  silu: 'silu', swish: 'silu', tanh: 'tanh', sigmoid: 'sigmoid', linear: 'identity', mish: 'mish',
  softmax: 'softmax', log_softmax: 'log_softmax', celu: 'celu', tanh_shrink: 'tanhshrink',
  soft_shrink: 'softshrink', hard_shrink: 'hardshrink', hard_tanh: 'hardtanh', log_sigmoid: 'logsigmoid',
  hard_silu: 'hardswish', hard_swish: 'hardswish', threshold: 'threshold',
};

const KERAS: SpellingEntry[] = [
  ...entries('string', KERAS_FUNCTIONS).map((e) => ({
    ...e,
    display: [`keras.activations.${e.name}`, `"${e.name}"`],
    note: e.id === 'softplus' ? KERAS_SOFTPLUS_NOTE : undefined,
  })),
  {
    name: 'leaky_relu', id: 'leaky_relu', kind: 'string', params: { negative_slope: 0.2 },
    display: ['keras.activations.leaky_relu', '"leaky_relu"'],
  },
  {
    name: 'gelu', id: 'gelu', kind: 'string', display: ['keras.activations.gelu', '"gelu"'],
    note: 'keras.activations.gelu defaults to approximate=False, but keras.ops.gelu to approximate=True.',
  },
  {
    name: 'hard_sigmoid', id: 'keras2.hard_sigmoid', kind: 'string', kerasVersion: 2,
    display: ['tf.keras.activations.hard_sigmoid', '"hard_sigmoid"'],
    note: 'tf.keras 2: clip(0.2x + 0.5, 0, 1), not PyTorch\'s relu6(x + 3)/6.',
  },
  {
    name: 'hard_sigmoid', id: 'hardsigmoid', kind: 'string', kerasVersion: 3,
    display: ['keras.activations.hard_sigmoid', '"hard_sigmoid"'],
    note: 'Keras 3: relu6(x + 3)/6, the same as PyTorch; tf.keras 2 used clip(0.2x + 0.5, 0, 1).',
  },
  { name: 'ReLU', id: 'relu', kind: 'layer', display: ['keras.layers.ReLU'], note: 'max_value, negative_slope and threshold turn it into relu6/hardtanh, leaky_relu or threshold.' },
  { name: 'LeakyReLU', id: 'leaky_relu', kind: 'layer', params: { negative_slope: 0.3 }, display: ['keras.layers.LeakyReLU'], note: 'The slope is negative_slope in Keras 3, alpha in tf.keras 2.' },
  { name: 'ELU', id: 'elu', kind: 'layer', display: ['keras.layers.ELU'] },
  { name: 'PReLU', id: 'prelu', kind: 'layer', params: { weight: 0 }, display: ['keras.layers.PReLU'], note: "alpha_initializer='zeros': it starts as ReLU (PyTorch's PReLU starts at slope 0.25)." },
  { name: 'Softmax', id: 'softmax', kind: 'layer', display: ['keras.layers.Softmax'] },
  {
    name: 'ThresholdedReLU', id: 'threshold', kind: 'layer', params: { threshold: 1, value: 0 }, kerasVersion: 2,
    display: ['tf.keras.layers.ThresholdedReLU'], note: 'theta=1.0 by default; removed in Keras 3.',
  },
];

const TENSORFLOW: SpellingEntry[] = [
  { name: 'relu', id: 'relu', kind: 'functional', display: ['tf.nn.relu'] },
  { name: 'relu6', id: 'relu6', kind: 'functional', display: ['tf.nn.relu6'] },
  { name: 'leaky_relu', id: 'leaky_relu', kind: 'functional', params: { negative_slope: 0.2 }, display: ['tf.nn.leaky_relu'], note: 'The slope argument is alpha.' },
  { name: 'elu', id: 'elu', kind: 'functional', display: ['tf.nn.elu'], note: 'No alpha argument (alpha = 1).' },
  { name: 'selu', id: 'selu', kind: 'functional', display: ['tf.nn.selu'] },
  { name: 'softplus', id: 'softplus', kind: 'functional', display: ['tf.nn.softplus', 'tf.math.softplus'], note: KERAS_SOFTPLUS_NOTE },
  { name: 'softsign', id: 'softsign', kind: 'functional', display: ['tf.nn.softsign', 'tf.math.softsign'] },
  { name: 'silu', id: 'silu', kind: 'functional', display: ['tf.nn.silu'], note: 'tf.nn.silu(features, beta=1.0): other beta values are not modelled.' },
  { name: 'swish', id: 'silu', kind: 'functional', display: ['tf.nn.swish'] },
  { name: 'gelu', id: 'gelu', kind: 'functional', display: ['tf.nn.gelu'], note: 'approximate is a bool (default False); True selects the tanh form.' },
  { name: 'sigmoid', id: 'sigmoid', kind: 'functional', display: ['tf.nn.sigmoid', 'tf.math.sigmoid', 'tf.sigmoid'] },
  { name: 'tanh', id: 'tanh', kind: 'functional', display: ['tf.nn.tanh', 'tf.math.tanh', 'tf.tanh'] },
  { name: 'log_sigmoid', id: 'logsigmoid', kind: 'functional', display: ['tf.math.log_sigmoid'] },
  { name: 'softmax', id: 'softmax', kind: 'functional', display: ['tf.nn.softmax', 'tf.math.softmax'] },
  { name: 'log_softmax', id: 'log_softmax', kind: 'functional', display: ['tf.nn.log_softmax', 'tf.math.log_softmax'] },
];

const TFJS_HARD_SIGMOID_NOTE = "clip(0.2x + 0.5, 0, 1), as in tf.keras 2, not PyTorch's relu6(x + 3)/6.";

const TFJS: SpellingEntry[] = [
  // Layers first: without a kind, 'prelu' and 'elu' resolve to the layer (the common use in model code).
  { name: 'reLU', id: 'relu', kind: 'layer', display: ['tf.layers.reLU'], note: 'maxValue turns it into relu6/hardtanh.' },
  { name: 'leakyReLU', id: 'leaky_relu', kind: 'layer', params: { negative_slope: 0.3 }, display: ['tf.layers.leakyReLU'], note: 'The slope argument is alpha (0.3); the tf.leakyRelu op defaults to 0.2.' },
  { name: 'prelu', id: 'prelu', kind: 'layer', params: { weight: 0 }, display: ['tf.layers.prelu'], note: "alphaInitializer 'zeros': it starts as ReLU (PyTorch starts at 0.25)." },
  { name: 'elu', id: 'elu', kind: 'layer', display: ['tf.layers.elu'], note: 'Only alpha = 1 is implemented.' },
  { name: 'thresholdedReLU', id: 'threshold', kind: 'layer', params: { threshold: 1, value: 0 }, display: ['tf.layers.thresholdedReLU'], note: 'theta = 1 by default.' },
  { name: 'softmax', id: 'softmax', kind: 'layer', display: ['tf.layers.softmax'] },
  ...entries('functional', {
    sigmoid: 'sigmoid', tanh: 'tanh', relu: 'relu', relu6: 'relu6', elu: 'elu', selu: 'selu', prelu: 'prelu',
    softplus: 'softplus', logSigmoid: 'logsigmoid', softmax: 'softmax', logSoftmax: 'log_softmax',
  }).map((e) => ({ ...e, display: [`tf.${e.name}`] })),
  { name: 'leakyRelu', id: 'leaky_relu', kind: 'functional', params: { negative_slope: 0.2 }, display: ['tf.leakyRelu'], note: 'The slope argument is alpha (0.2).' },
  ...entries('string', {
    elu: 'elu', linear: 'identity', relu: 'relu', relu6: 'relu6', selu: 'selu', sigmoid: 'sigmoid', softmax: 'softmax',
    softplus: 'softplus', softsign: 'softsign', tanh: 'tanh', swish: 'silu', mish: 'mish', gelu: 'gelu', logSoftmax: 'log_softmax',
  }).map((e) => ({ ...e, display: [`'${e.name}'`], note: e.id === 'softplus' ? KERAS_SOFTPLUS_NOTE : undefined })),
  { name: 'hardSigmoid', id: 'keras2.hard_sigmoid', kind: 'string', display: ["'hardSigmoid'"], note: TFJS_HARD_SIGMOID_NOTE },
  { name: 'hard_sigmoid', id: 'keras2.hard_sigmoid', kind: 'string', display: ["'hard_sigmoid'"], note: TFJS_HARD_SIGMOID_NOTE },
  { name: 'gelu_new', id: 'gelu', kind: 'string', params: { approximate: 'tanh' }, display: ["'gelu_new'"] },
];

const HF_ENTRIES: SpellingEntry[] = [
  ...entries('string', {
    gelu: 'gelu', gelu_python: 'gelu', relu: 'relu', relu6: 'relu6', leaky_relu: 'leaky_relu', linear: 'identity',
    mish: 'mish', sigmoid: 'sigmoid', silu: 'silu', swish: 'silu', tanh: 'tanh', prelu: 'prelu', quick_gelu: 'gelu_sigmoid',
  }),
  ...entries('string', { gelu_new: 'gelu', gelu_pytorch_tanh: 'gelu', gelu_accurate: 'gelu' }, { params: { approximate: 'tanh' } }),
  {
    name: 'gelu_fast', id: 'gelu', kind: 'string', params: { approximate: 'tanh' },
    note: 'FastGELUActivation uses the truncated constant 0.7978845608 for sqrt(2/pi) (relative difference < 1e-10).',
  },
];
const HF = HF_ENTRIES.map((e) => ({ ...e, display: [`ACT2FN["${e.name}"]`] }));

export const FRAMEWORK_TABLES: Readonly<Record<Framework, readonly SpellingEntry[]>> = {
  pytorch: PYTORCH,
  keras: KERAS,
  tensorflow: TENSORFLOW,
  tfjs: TFJS,
  hf: HF,
};

/** Prefixes accepted by lookupActivation for framework-qualified names (`tfjs.hardSigmoid`). */
export const FRAMEWORK_PREFIXES: Readonly<Record<Framework, string>> = {
  pytorch: 'torch',
  keras: 'keras',
  tensorflow: 'tf',
  tfjs: 'tfjs',
  hf: 'hf',
};
