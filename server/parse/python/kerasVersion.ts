// Which Keras a file targets. It matters for `hard_sigmoid` (Keras 2: clip(0.2x + 0.5), Keras 3:
// relu6(x + 3) / 6) and a few defaults (LeakyReLU's `alpha` vs `negative_slope`).
//
// - TensorFlow in the imports (`tf.keras`, `from tensorflow import keras`) → Keras 2: tf.keras
//   is what such code was written against (TF ≥ 2.16 bundles Keras 3, but code importing through
//   TensorFlow predates or targets the Keras 2 API).
// - `keras` imported on its own → Keras 3, unless the code uses spellings Keras 3 removed
//   (`keras.layers.core`, `Convolution2D`, `init=`, `output_dim=`, `nb_filter=`): old standalone
//   Keras 1/2 code imports `from keras.layers import Dense` too.
// - A snippet without imports that spells `tf.keras...` → Keras 2, as with the import.
// - Neither → undefined: the activation core applies its own default.

/** Module paths that exist only in Keras 1/2. */
const LEGACY_MODULES = /^keras\.(layers\.(core|convolutional|recurrent|advanced_activations|normalization|pooling|merge|embeddings|wrappers|noise|local)|engine|legacy|wrappers|utils\.np_utils)(\.|$)/;

/** Keyword arguments and layer names Keras 3 no longer accepts. */
export const LEGACY_KEYWORDS = new Set(['init', 'output_dim', 'nb_filter', 'nb_row', 'nb_col', 'border_mode', 'subsample', 'W_regularizer', 'b_regularizer', 'dim_ordering', 'nb_epoch']);
export const LEGACY_NAMES = new Set(['Convolution1D', 'Convolution2D', 'Convolution3D', 'Merge', 'AtrousConvolution2D', 'MaxoutDense', 'Highway']);

export interface KerasEvidence {
  importPaths: readonly string[];
  /** The file uses `tf.` names without importing TensorFlow (a pasted snippet). */
  tensorflowUsed: boolean;
  /** A call in the file uses a keyword or layer name from LEGACY_KEYWORDS / LEGACY_NAMES. */
  legacySpelling: boolean;
}

/** Whether the imports alone decide (TensorFlow's Keras): the code's evidence then need not be gathered. */
export function importsDecide(importPaths: readonly string[]): boolean {
  return importPaths.some((p) => /^(tensorflow|tf_keras)(\.|$)/.test(p));
}

export function kerasVersion(e: KerasEvidence): 2 | 3 | undefined {
  const tops = new Set(e.importPaths.map((p) => p.split('.')[0]));
  if (tops.has('tensorflow') || tops.has('tf_keras') || e.tensorflowUsed) return 2;
  if (!tops.has('keras')) return undefined;
  if (e.legacySpelling || e.importPaths.some((p) => LEGACY_MODULES.test(p))) return 2;
  return 3;
}
