// Positional parameters of activation constructors and functions, in each framework's order, so
// `nn.LeakyReLU(0.2)` is read as negative_slope=0.2 and `F.softmax(x, 1)` as dim=1. Functions list
// the parameters after the input tensor. The activation core maps the names to its own.

import type { Namespace } from './catalog';

type Table = Readonly<Record<string, readonly string[]>>;

const TORCH_MODULES: Table = {
  LeakyReLU: ['negative_slope', 'inplace'], ELU: ['alpha', 'inplace'], CELU: ['alpha', 'inplace'], SELU: ['inplace'],
  ReLU: ['inplace'], ReLU6: ['inplace'], SiLU: ['inplace'], Mish: ['inplace'], Hardsigmoid: ['inplace'], Hardswish: ['inplace'],
  Softplus: ['beta', 'threshold'], Hardtanh: ['min_val', 'max_val', 'inplace'], Threshold: ['threshold', 'value', 'inplace'],
  RReLU: ['lower', 'upper', 'inplace'], Softmax: ['dim'], LogSoftmax: ['dim'], Softmin: ['dim'], PReLU: ['num_parameters', 'init'],
  Hardshrink: ['lambd'], Softshrink: ['lambd'], GELU: ['approximate'],
};

const TORCH_FUNCTIONS: Table = {
  leaky_relu: ['negative_slope', 'inplace'], leaky_relu_: ['negative_slope'], elu: ['alpha', 'inplace'], elu_: ['alpha'],
  celu: ['alpha', 'inplace'], celu_: ['alpha'], selu: ['inplace'], relu: ['inplace'], relu6: ['inplace'], silu: ['inplace'],
  mish: ['inplace'], hardsigmoid: ['inplace'], hardswish: ['inplace'], softplus: ['beta', 'threshold'],
  hardtanh: ['min_val', 'max_val', 'inplace'], hardtanh_: ['min_val', 'max_val'], threshold: ['threshold', 'value', 'inplace'],
  threshold_: ['threshold', 'value'], rrelu: ['lower', 'upper', 'training', 'inplace'], rrelu_: ['lower', 'upper', 'training'],
  softmax: ['dim'], log_softmax: ['dim'], softmin: ['dim'], gelu: ['approximate'], prelu: ['weight'], hardshrink: ['lambd'],
  softshrink: ['lambd'],
};

const KERAS_LAYERS: Readonly<Record<2 | 3, Table>> = {
  2: { LeakyReLU: ['alpha'], ELU: ['alpha'], ReLU: ['max_value', 'negative_slope', 'threshold'], Softmax: ['axis'], ThresholdedReLU: ['theta'], PReLU: ['alpha_initializer'] },
  3: { LeakyReLU: ['negative_slope'], ELU: ['alpha'], ReLU: ['max_value', 'negative_slope', 'threshold'], Softmax: ['axis'], PReLU: ['alpha_initializer'] },
};

const KERAS_FUNCTIONS: Readonly<Record<2 | 3, Table>> = {
  2: { relu: ['alpha', 'max_value', 'threshold'], elu: ['alpha'], softmax: ['axis'], log_softmax: ['axis'], gelu: ['approximate'] },
  3: { relu: ['negative_slope', 'max_value', 'threshold'], elu: ['alpha'], leaky_relu: ['negative_slope'], celu: ['alpha'], softmax: ['axis'], log_softmax: ['axis'], gelu: ['approximate'] },
};

const TF_FUNCTIONS: Table = { leaky_relu: ['alpha'], softmax: ['axis'], log_softmax: ['axis'], gelu: ['approximate'], silu: ['beta'], swish: ['beta'] };

/** Positional parameter names for a call of `name` in namespace `ns` (after the input for functions). */
export function positionalParams(ns: Namespace, name: string, kerasVersion: 2 | 3 | undefined): readonly string[] {
  const v = kerasVersion ?? 2;
  switch (ns) {
    case 'torch.nn': return TORCH_MODULES[name] ?? [];
    case 'F': case 'torch': return TORCH_FUNCTIONS[name] ?? [];
    case 'keras.layers': return KERAS_LAYERS[v][name] ?? [];
    case 'keras.activations': case 'keras.backend': return KERAS_FUNCTIONS[v][name] ?? [];
    case 'tf.nn': return TF_FUNCTIONS[name] ?? [];
    default: return [];
  }
}

/** Argument names that select the softmax axis. */
export const DIM_PARAMS = new Set(['dim', 'axis']);
