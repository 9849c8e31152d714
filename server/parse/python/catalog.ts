// What framework names mean: canonical namespaces for qualified names, and the layer tables.
// Activation names are not listed here: the activation core resolves them.

import type { Framework, LayerKind } from '../../model/layerStack';

/** The namespaces the analysis distinguishes, after folding aliases (`tensorflow.keras` → `keras`). */
export type Namespace =
  | 'torch' | 'torch.nn' | 'F'
  | 'keras' | 'keras.layers' | 'keras.models' | 'keras.activations' | 'keras.losses' | 'keras.backend'
  | 'tf' | 'tf.nn' | 'tf.layers' | 'tf.losses' | 'tf.contrib.layers';

export interface Canonical { ns: Namespace; name: string }

export function frameworkOf(ns: Namespace): Framework {
  if (ns === 'torch' || ns === 'torch.nn' || ns === 'F') return 'pytorch';
  if (ns.startsWith('tf')) return 'tensorflow';
  return 'keras';
}

const KERAS_TOP_LEVEL: Record<string, Namespace> = { Sequential: 'keras.models', Model: 'keras.models', Input: 'keras.layers' };

/**
 * TF1 `tf.losses` functions (`tf.compat.v1.losses` in TF2). TF2's `tf.losses` is `tf.keras.losses`,
 * which has none of these names, so the name decides which of the two APIs a call means.
 */
const TF1_LOSSES = new Set(['softmax_cross_entropy', 'sparse_softmax_cross_entropy', 'sigmoid_cross_entropy', 'log_loss', 'absolute_difference', 'hinge_loss']);

/** Results of `canonical` by name: files spell the same few names over and over. Bounded. */
const canonicalMemo = new Map<string, Canonical | undefined>();
const CANONICAL_MEMO_SIZE = 4096;

/** Folds the many import paths of one API onto a namespace and a member name. */
export function canonical(qname: string): Canonical | undefined {
  const known = canonicalMemo.get(qname);
  if (known !== undefined || canonicalMemo.has(qname)) return known;
  if (canonicalMemo.size >= CANONICAL_MEMO_SIZE) canonicalMemo.clear();
  const c = fold(qname);
  canonicalMemo.set(qname, c);
  return c;
}

function fold(qname: string): Canonical | undefined {
  let q = qname;
  if (/^(tensorflow|tf_keras|tf_slim|keras\.src|keras\.api)\b/.test(q)) {
    q = q
      .replace(/^tensorflow\.python\./, 'tensorflow.')
      .replace(/^tensorflow\.compat\.v[12]\./, 'tensorflow.')
      .replace(/^(tensorflow\.contrib\.slim|tf_slim)(\.layers)?\./, 'tensorflow.contrib.layers.')
      .replace(/^(tensorflow\.keras|tf_keras|keras\.src|keras\.api)(\.|$)/, 'keras$2');
    if (q.startsWith('tensorflow.losses.') && !TF1_LOSSES.has(q.slice('tensorflow.losses.'.length))) q = `keras${q.slice('tensorflow'.length)}`;
  }
  const dot = q.lastIndexOf('.');
  if (dot < 0) return undefined;
  const name = q.slice(dot + 1);
  q = q.slice(0, dot);
  if (q === 'torch.nn.functional') return { ns: 'F', name };
  if (q === 'torch.nn' || q.startsWith('torch.nn.modules')) return { ns: 'torch.nn', name };
  if (q === 'torch' || q === 'torch.special') return { ns: 'torch', name };
  if (q.startsWith('keras.layers') || q.startsWith('keras.engine')) return { ns: KERAS_TOP_LEVEL[name] ?? 'keras.layers', name };
  if (q === 'keras.models') return { ns: 'keras.models', name };
  if (q === 'keras') return { ns: KERAS_TOP_LEVEL[name] ?? 'keras', name };
  if (q.startsWith('keras.activations')) return { ns: 'keras.activations', name };
  if (q.startsWith('keras.losses')) return { ns: 'keras.losses', name };
  if (q === 'keras.backend' || q === 'keras.ops') return { ns: 'keras.backend', name };
  if (q === 'tensorflow.nn' || q === 'tensorflow.math') return { ns: 'tf.nn', name };
  if (q === 'tensorflow.layers') return { ns: 'tf.layers', name };
  if (q === 'tensorflow.losses') return { ns: 'tf.losses', name };
  if (q === 'tensorflow.contrib.layers') return { ns: 'tf.contrib.layers', name };
  if (q === 'tensorflow') return { ns: 'tf', name };
  const drawn = q === 'tensorflow.random' ? TF_RANDOM_OPS.get(name) : undefined;
  if (drawn) return { ns: 'tf', name: drawn };
  return undefined;
}

/** TF2's names of the ops TF1 code draws initial weights with (`tf.random.normal` is `tf.random_normal`). */
const TF_RANDOM_OPS = new Map([['normal', 'random_normal'], ['truncated_normal', 'truncated_normal'], ['uniform', 'random_uniform']]);

/** Where a constructor states its widths: a positional index and the keyword names. */
export type ArgRef = readonly [number, ...string[]];

export interface LayerSpec {
  kind: LayerKind;
  units?: ArgRef;
  inFeatures?: ArgRef;
  /** Keras: positional index of `activation` (Dense(64, "relu")). */
  activationIndex?: number;
  /** Ungrouped convolutions: where the kernel size is written, its spatial dimensions, and where `groups` would be. */
  kernel?: { size: ArgRef; dims: number; groups?: ArgRef };
}

function each(names: string[], spec: LayerSpec): Record<string, LayerSpec> {
  return Object.fromEntries(names.map((n) => [n, spec]));
}
function dims(prefix: string, suffix: string, ds = ['1', '2', '3']): string[] {
  return ds.map((d) => `${prefix}${d}${suffix}`);
}
/** `prefix{1,2,3}suffix` convolutions, each with its number of spatial dimensions. */
function convs(prefix: string, suffix: string, spec: (dims: number) => LayerSpec): Record<string, LayerSpec> {
  return Object.fromEntries([1, 2, 3].map((d) => [`${prefix}${d}${suffix}`, spec(d)]));
}

export const TORCH_LAYERS: Readonly<Record<string, LayerSpec>> = {
  Linear: { kind: 'linear', inFeatures: [0, 'in_features'], units: [1, 'out_features'] },
  LazyLinear: { kind: 'linear', units: [0, 'out_features'] },
  Bilinear: { kind: 'linear', units: [2, 'out_features'] },
  ...convs('Conv', 'd', (d) => ({ kind: 'conv', inFeatures: [0, 'in_channels'], units: [1, 'out_channels'], kernel: { size: [2, 'kernel_size'], dims: d, groups: [6, 'groups'] } })),
  ...each(dims('ConvTranspose', 'd'), { kind: 'conv', inFeatures: [0, 'in_channels'], units: [1, 'out_channels'] }),
  ...each([...dims('LazyConv', 'd'), ...dims('LazyConvTranspose', 'd')], { kind: 'conv', units: [0, 'out_channels'] }),
  ...each(['RNN', 'LSTM', 'GRU', 'RNNCell', 'LSTMCell', 'GRUCell'], { kind: 'recurrent', inFeatures: [0, 'input_size'], units: [1, 'hidden_size'] }),
  ...each([...dims('BatchNorm', 'd'), ...dims('LazyBatchNorm', 'd'), ...dims('InstanceNorm', 'd'), 'LayerNorm', 'GroupNorm', 'LocalResponseNorm', 'RMSNorm', 'SyncBatchNorm'], { kind: 'normalization' }),
  ...each(['Dropout', ...dims('Dropout', 'd'), 'AlphaDropout', 'FeatureAlphaDropout'], { kind: 'dropout' }),
  ...each([...dims('MaxPool', 'd'), ...dims('AvgPool', 'd'), ...dims('AdaptiveAvgPool', 'd'), ...dims('AdaptiveMaxPool', 'd'), ...dims('LPPool', 'd', ['1', '2'])], { kind: 'pooling' }),
  ...each(['Flatten', 'Unflatten', 'Upsample', 'PixelShuffle', 'PixelUnshuffle', ...dims('ZeroPad', 'd'), ...dims('ReflectionPad', 'd'), ...dims('ReplicationPad', 'd'), ...dims('ConstantPad', 'd')], { kind: 'reshape' }),
  Embedding: { kind: 'embedding', units: [1, 'embedding_dim'] },
  EmbeddingBag: { kind: 'embedding', units: [1, 'embedding_dim'] },
  MultiheadAttention: { kind: 'attention', units: [0, 'embed_dim'] },
  ...each(['Transformer', 'TransformerEncoder', 'TransformerDecoder', 'TransformerEncoderLayer', 'TransformerDecoderLayer'], { kind: 'attention' }),
};

const KERAS_RECURRENT = ['LSTM', 'GRU', 'SimpleRNN', 'LSTMCell', 'GRUCell', 'SimpleRNNCell', 'ConvLSTM1D', 'ConvLSTM2D', 'ConvLSTM3D', 'CuDNNLSTM', 'CuDNNGRU'];

export const KERAS_LAYERS: Readonly<Record<string, LayerSpec>> = {
  Dense: { kind: 'linear', units: [0, 'units', 'output_dim'], activationIndex: 1 },
  EinsumDense: { kind: 'linear' },
  ...convs('Conv', 'D', (d) => ({ kind: 'conv', units: [0, 'filters'], kernel: { size: [1, 'kernel_size'], dims: d, groups: [6, 'groups'] } })),
  ...each([...dims('Conv', 'DTranspose'), ...dims('Convolution', 'D'), 'SeparableConv1D', 'SeparableConv2D'], { kind: 'conv', units: [0, 'filters', 'nb_filter'] }),
  DepthwiseConv1D: { kind: 'conv' },
  DepthwiseConv2D: { kind: 'conv' },
  ...each(KERAS_RECURRENT, { kind: 'recurrent', units: [0, 'units', 'output_dim'] }),
  ...each(['BatchNormalization', 'LayerNormalization', 'GroupNormalization', 'UnitNormalization', 'Normalization'], { kind: 'normalization' }),
  ...each(['Dropout', ...dims('SpatialDropout', 'D'), 'AlphaDropout', 'GaussianDropout', 'GaussianNoise'], { kind: 'dropout' }),
  ...each([...dims('MaxPooling', 'D'), ...dims('AveragePooling', 'D'), ...dims('MaxPool', 'D'), ...dims('AvgPool', 'D'),
    ...dims('GlobalAveragePooling', 'D'), ...dims('GlobalMaxPooling', 'D'), ...dims('GlobalAvgPool', 'D'), ...dims('GlobalMaxPool', 'D')], { kind: 'pooling' }),
  ...each(['Flatten', 'Reshape', 'Permute', 'RepeatVector', ...dims('Cropping', 'D'), ...dims('ZeroPadding', 'D'), ...dims('UpSampling', 'D')], { kind: 'reshape' }),
  Embedding: { kind: 'embedding', units: [1, 'output_dim'] },
  ...each(['MultiHeadAttention', 'Attention', 'AdditiveAttention'], { kind: 'attention' }),
  Lambda: { kind: 'unknown' },
};

/** Keras layers that wrap another layer and take its place in the stack. */
export const KERAS_WRAPPERS = new Set(['TimeDistributed', 'Bidirectional']);
/** Keras merge layers (`Add()([a, b])`) and their functional forms (`add([a, b])`). */
export const KERAS_MERGES: Readonly<Record<string, 'add' | 'merge'>> = {
  Add: 'add', add: 'add',
  Concatenate: 'merge', concatenate: 'merge', Multiply: 'merge', multiply: 'merge', Average: 'merge', average: 'merge',
  Maximum: 'merge', maximum: 'merge', Minimum: 'merge', minimum: 'merge', Subtract: 'merge', subtract: 'merge', Dot: 'merge', dot: 'merge',
};

/** TF1 functional layers: `tf.layers.dense(inputs, units, activation=...)`. */
export const TF_LAYERS: Readonly<Record<string, LayerSpec>> = {
  dense: { kind: 'linear', units: [1, 'units'], activationIndex: 2 },
  ...convs('conv', 'd', (d) => ({ kind: 'conv', units: [1, 'filters'], kernel: { size: [2, 'kernel_size'], dims: d } })),
  ...each(['conv2d_transpose', 'separable_conv2d'], { kind: 'conv', units: [1, 'filters'] }),
  batch_normalization: { kind: 'normalization' },
  dropout: { kind: 'dropout' },
  ...each(['max_pooling1d', 'max_pooling2d', 'max_pooling3d', 'average_pooling1d', 'average_pooling2d', 'average_pooling3d'], { kind: 'pooling' }),
  flatten: { kind: 'reshape' },
};

/**
 * TF1 `tf.contrib.layers` (and slim): weighted layers apply `activation_fn`, whose default is
 * ReLU (`activation_fn=None` is linear). Positions per the r1.15 signatures.
 */
export const TF_CONTRIB_LAYERS: Readonly<Record<string, LayerSpec>> = {
  fully_connected: { kind: 'linear', units: [1, 'num_outputs'], activationIndex: 2 },
  ...each(['conv1d', 'conv2d', 'conv3d', 'convolution', 'convolution1d', 'convolution2d', 'convolution3d'], { kind: 'conv', units: [1, 'num_outputs'], activationIndex: 7 }),
  ...each(['conv2d_transpose', 'convolution2d_transpose'], { kind: 'conv', units: [1, 'num_outputs'], activationIndex: 6 }),
  ...each(['batch_norm', 'layer_norm'], { kind: 'normalization' }),
  dropout: { kind: 'dropout' },
  ...each(['max_pool2d', 'avg_pool2d', 'max_pool3d', 'avg_pool3d'], { kind: 'pooling' }),
  flatten: { kind: 'reshape' },
};

/** `tf.nn` ops that apply a layer to their first argument (`tf.nn.xw_plus_b(x, W, b)`, `tf.nn.conv2d(x, filters, ...)`). */
export const TF_FUNCTIONAL_LAYERS: Readonly<Record<string, LayerKind>> = {
  xw_plus_b: 'linear',
  ...Object.fromEntries(['conv1d', 'conv2d', 'conv3d', 'conv2d_transpose', 'conv3d_transpose', 'atrous_conv2d', 'depthwise_conv2d',
    'separable_conv2d', 'convolution'].map((n) => [n, 'conv'])),
  ...Object.fromEntries(['max_pool', 'max_pool1d', 'max_pool2d', 'max_pool3d', 'avg_pool', 'avg_pool1d', 'avg_pool2d', 'avg_pool3d', 'pool'].map((n) => [n, 'pooling'])),
  dropout: 'dropout',
  ...Object.fromEntries(['batch_normalization', 'fused_batch_norm', 'local_response_normalization', 'lrn'].map((n) => [n, 'normalization'])),
};

/** PyTorch functions that apply a layer: F.linear, F.conv2d, F.dropout, pooling, normalization. */
export const TORCH_FUNCTIONAL_LAYERS: Readonly<Record<string, LayerKind>> = {
  linear: 'linear', bilinear: 'linear',
  ...Object.fromEntries(['conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d'].map((n) => [n, 'conv'])),
  ...Object.fromEntries(['dropout', 'dropout1d', 'dropout2d', 'dropout3d', 'alpha_dropout', 'feature_alpha_dropout'].map((n) => [n, 'dropout'])),
  ...Object.fromEntries(['max_pool1d', 'max_pool2d', 'max_pool3d', 'avg_pool1d', 'avg_pool2d', 'avg_pool3d', 'adaptive_avg_pool1d',
    'adaptive_avg_pool2d', 'adaptive_avg_pool3d', 'adaptive_max_pool1d', 'adaptive_max_pool2d', 'adaptive_max_pool3d', 'lp_pool1d', 'lp_pool2d'].map((n) => [n, 'pooling'])),
  ...Object.fromEntries(['batch_norm', 'layer_norm', 'group_norm', 'instance_norm', 'local_response_norm', 'normalize', 'rms_norm'].map((n) => [n, 'normalization'])),
  embedding: 'embedding', embedding_bag: 'embedding',
  scaled_dot_product_attention: 'attention', multi_head_attention_forward: 'attention',
  flatten: 'reshape', pad: 'reshape', pixel_shuffle: 'reshape', interpolate: 'reshape', upsample: 'reshape',
};

/** Functions and tensor methods that only reshape, move or retype a tensor: the data flows through unchanged. */
export const PASS_THROUGH = new Set([
  'view', 'reshape', 'flatten', 'squeeze', 'unsqueeze', 'permute', 'transpose', 'contiguous', 't', 'T', 'mT', 'expand', 'expand_as',
  'repeat', 'to', 'float', 'double', 'half', 'bfloat16', 'cpu', 'cuda', 'detach', 'clone', 'type', 'type_as', 'view_as',
  'reshape_as', 'narrow', 'chunk', 'split', 'unbind', 'movedim', 'swapaxes', 'squeeze_', 'unsqueeze_', 'requires_grad_',
  'expand_dims', 'identity', 'cast', 'ensure_shape', 'stop_gradient',
  // TF: a bias added to a layer's output; probabilities clipped away from 0 before a log.
  'bias_add', 'clip_by_value',
]);

/** Functions and methods that reduce over dimensions: they pool, with no nonlinearity of their own. */
export const REDUCTIONS = new Set(['mean', 'sum', 'amax', 'amin', 'max', 'min', 'reduce_mean', 'reduce_sum', 'reduce_max', 'reduce_min']);

/** Functions that join tensors of separate branches. */
export const JOINS = new Set(['cat', 'concat', 'concatenate', 'stack', 'hstack', 'vstack', 'dstack', 'where', 'einsum', 'bmm', 'matmul', 'mm', 'baddbmm', 'add', 'mul', 'multiply', 'sub', 'subtract']);

/** Tensor attributes and methods whose result is metadata, not a tensor derived from the data. */
export const METADATA = new Set([
  'size', 'shape', 'dim', 'ndim', 'numel', 'item', 'tolist', 'numpy', 'device', 'dtype', 'is_cuda', 'data_ptr', 'nelement',
  'element_size', 'stride', 'get_shape', 'new_zeros', 'new_ones', 'new_empty', 'new_full', 'new_tensor', 'requires_grad', 'grad',
]);

/** Tensor factories: their results do not carry the data of their arguments. */
export const FACTORIES = new Set([
  'zeros', 'ones', 'empty', 'full', 'zeros_like', 'ones_like', 'empty_like', 'full_like', 'rand', 'randn', 'randint', 'rand_like',
  'randn_like', 'randint_like', 'arange', 'linspace', 'tensor', 'as_tensor', 'from_numpy', 'eye', 'normal', 'bernoulli', 'randperm',
  'constant', 'Variable', 'fill', 'uniform', 'truncated_normal',
]);

/** Matrix products: a softmax over their result is attention. */
export const MATMULS = new Set(['matmul', 'bmm', 'einsum', 'baddbmm', 'mm', 'tensordot']);
