// TF.js layer factories (`tf.layers.*`, tfjs-layers/src/exports_layers.ts) and activation ops
// (`tf.sigmoid(x)`, `x.sigmoid()`): what kind of layer each makes and where its width is.
// Activation names themselves are resolved by the activation core's TF.js table.

import type { LayerKind } from '../../model/layerStack';

export interface TfjsLayerSpec {
  kind: LayerKind;
  /** Config key of the output width. */
  units?: string;
  /** Whether the `activation` config option is the layer's output activation (recurrent layers' is the cell's). */
  fusedActivation?: boolean;
  /** Convolutions: spatial dimensions of `kernelSize` (a number stands for every one). */
  kernelDims?: number;
}

function each(names: string[], spec: TfjsLayerSpec): Record<string, TfjsLayerSpec> {
  return Object.fromEntries(names.map((n) => [n, spec]));
}

export const TFJS_LAYERS: Readonly<Record<string, TfjsLayerSpec>> = {
  dense: { kind: 'linear', units: 'units', fusedActivation: true },
  ...Object.fromEntries([1, 2, 3].map((d) => [`conv${d}d`, { kind: 'conv', units: 'filters', fusedActivation: true, kernelDims: d } as const])),
  ...each(['conv2dTranspose', 'conv3dTranspose', 'separableConv2d'], { kind: 'conv', units: 'filters', fusedActivation: true }),
  depthwiseConv2d: { kind: 'conv', fusedActivation: true },
  ...each(['lstm', 'gru', 'simpleRNN', 'rnn', 'convLstm2d', 'lstmCell', 'gruCell', 'simpleRNNCell', 'stackedRNNCells'], { kind: 'recurrent', units: 'units' }),
  ...each(['batchNormalization', 'layerNormalization'], { kind: 'normalization' }),
  ...each(['dropout', 'spatialDropout1d', 'alphaDropout', 'gaussianDropout', 'gaussianNoise'], { kind: 'dropout' }),
  ...each([
    'maxPooling1d', 'maxPooling2d', 'maxPooling3d', 'maxPool1d', 'maxPool2d', 'globalMaxPooling1d', 'globalMaxPooling2d', 'globalMaxPool1d', 'globalMaxPool2d',
    'averagePooling1d', 'averagePooling2d', 'averagePooling3d', 'avgPool1d', 'avgPool2d', 'avgPool3d', 'avgPooling1d', 'avgPooling2d', 'avgPooling3d',
    'globalAveragePooling1d', 'globalAveragePooling2d', 'globalAvgPool1d', 'globalAvgPool2d',
  ], { kind: 'pooling' }),
  ...each(['flatten', 'reshape', 'permute', 'repeatVector', 'zeroPadding2d', 'cropping2D', 'upSampling2d', 'resizing', 'centerCrop', 'rescaling', 'masking'], { kind: 'reshape' }),
  embedding: { kind: 'embedding', units: 'outputDim' },
};

/** `tf.layers.reLU()`, `tf.layers.leakyReLU({alpha})`, ...: layers that are an activation. */
export const TFJS_ACTIVATION_LAYERS = new Set(['reLU', 'leakyReLU', 'elu', 'prelu', 'softmax', 'thresholdedReLU']);

/** Merge layers: `add` is a skip connection; the others join branches opaquely. */
export const TFJS_MERGES: Readonly<Record<string, 'add' | 'merge'>> = {
  add: 'add', concatenate: 'merge', multiply: 'merge', average: 'merge', maximum: 'merge', minimum: 'merge', dot: 'merge',
};

/** Layers that wrap another (`{layer: ...}`) and take its place; a bidirectional wrapper makes it recurrent. */
export const TFJS_WRAPPERS = new Set(['timeDistributed', 'bidirectional']);

/** Activation ops of tfjs-core: `tf.relu(x)` and the tensor method `x.relu()`, with positional parameters after the input. */
export const TFJS_OPS: Readonly<Record<string, { params: string[] }>> = {
  sigmoid: { params: [] }, tanh: { params: [] }, relu: { params: [] }, relu6: { params: [] }, elu: { params: [] }, selu: { params: [] },
  softplus: { params: [] }, logSigmoid: { params: [] }, leakyRelu: { params: ['alpha'] }, prelu: { params: ['alpha'] },
  softmax: { params: ['dim'] }, logSoftmax: { params: ['axis'] },
};

/** Ops that multiply tensors: an activation among their arguments is a gate. */
export const TFJS_PRODUCTS = new Set(['mul', 'multiply']);

/** Ops that add two tensors: a skip connection when one input's chain is the other's prefix. */
export const TFJS_SUMS = new Set(['add']);
