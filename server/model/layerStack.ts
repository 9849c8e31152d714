// The framework-neutral layer-stack model: what every parser produces and every rule reads.
// Positions are 0-based lines and UTF-16 columns, as in LSP; the CLI adds 1 when it prints them.

import type { BiasInit, WeightInit } from '../../shared/activations/initSchemes';
import type { ParamValues } from '../../shared/activations/types';

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

export type Framework = 'pytorch' | 'keras' | 'tensorflow' | 'tfjs' | 'config';

export type LayerKind =
  | 'linear' | 'conv' | 'recurrent' | 'normalization' | 'dropout' | 'pooling' | 'reshape'
  | 'activation' | 'embedding' | 'attention' | 'residual' | 'unknown';

/** How an activation is spelled at its use site. */
export type ActivationForm =
  | 'module'      // nn.Sigmoid(), keras.layers.ReLU()
  | 'functional'  // torch.sigmoid(x), F.relu(x), tf.nn.relu(x)
  | 'method'      // x.sigmoid()
  | 'string'      // activation="sigmoid"
  | 'callable';   // activation=tf.nn.relu

/** One use of an activation in the source. */
export interface ActivationUse {
  /** Core activation id (shared/activations), e.g. `sigmoid`, `leaky_relu`, `keras2.hard_sigmoid`. */
  id: string;
  /** Parameters as written, merged over the framework's defaults. */
  params: ParamValues;
  /** The spelling as written, e.g. `nn.Sigmoid`, `"sigmoid"`, `F.relu`. */
  spelling: string;
  form: ActivationForm;
  framework: Framework;
  /** Range of the spelling (the call or string literal), where hovers and diagnostics point. */
  range: Range;
  /** True when the output multiplies another tensor (GLU, LSTM gates, `x * torch.sigmoid(g)`): not a layer activation. */
  gating?: boolean;
  /** `dim` argument of softmax-like calls, when given: the number, or the expression's source text when not a literal. */
  dim?: number | string;
  /** `attention`: a softmax over query-key scores (`softmax(q @ k.T / sqrt(d), dim=-1)`), never an output activation. */
  role?: 'attention';
  /** Parameters written with a value that is not a literal (`nn.LeakyReLU(slope)`); `params` holds the default for them. */
  unknownParams?: string[];
}

export interface Layer {
  kind: LayerKind;
  /** The constructor or call as written: `nn.Linear`, `Dense`, `F.relu`, `tf.layers.dense`. */
  name: string;
  range: Range;
  /** The activation this layer applies: its own (kind `activation`) or a fused one (`Dense(..., activation="relu")`). */
  activation?: ActivationUse;
  /** Output width where the code states it as a literal (`Linear(128, 10)` → 10, `Dense(10)` → 10). */
  units?: number;
  /** Input width where stated (`Linear(128, 10)` → 128; a conv's in-channels, `Conv2d(3, 32, 3)` → 3). */
  inFeatures?: number;
  /**
   * A convolution's kernel extent per spatial dimension where written as literals (`Conv2d(3, 32, 3)`
   * → [3, 3], `Conv1D(64, kernel_size=5)` → [5]). Recorded only for ungrouped convolutions (no
   * `groups` other than 1), so that in-channels × the kernel's elements is the fan-in initialisers
   * scale weights by.
   */
  kernelSize?: number[];
  /** Range of the keyword argument or spot a fix edits, e.g. the `activation=` argument of a Dense. */
  activationArgRange?: Range;
  /** Initialisers the code sets for this layer's weight or bias; a part absent here keeps the framework's default. */
  init?: LayerInit;
}

/** An initialiser the code sets for a layer's weight (kernel) or bias. */
export interface InitSetting<T> {
  /** What it draws; absent when the analysis cannot read it (a variable, a custom function, a non-zero mean). */
  init?: T;
  /** In words: `He normal`, `N(0, 0.02²)`; the code's spelling when `init` is absent. */
  label: string;
  /** Where the code says it: `kernel_initializer`, `nn.init.kaiming_normal_`, `kernelInitializer`. */
  source: string;
  /** The keyword argument or call that sets it. */
  range: Range;
}

export interface LayerInit {
  weight?: InitSetting<WeightInit>;
  bias?: InitSetting<BiasInit>;
}

/** What a loss expects as input. */
export type LossInput = 'logits' | 'probabilities' | 'log-probabilities' | 'any';

export interface LossUse {
  /** As written: `nn.BCELoss`, `"binary_crossentropy"`, `BinaryCrossentropy`. */
  name: string;
  /** Normalized family: `bce`, `bce-logits`, `categorical-ce`, `sparse-categorical-ce`, `nll`, `mse`, ... */
  family: string;
  expects: LossInput;
  /** Keras: the `from_logits` argument when written. */
  fromLogits?: boolean;
  framework: Framework;
  range: Range;
}

export interface LayerStack {
  framework: Framework;
  /** Model or variable name: `Discriminator`, `model`, `self.main`. */
  name: string;
  range: Range;
  /** Layers in forward order. */
  layers: Layer[];
  /** The loss this stack's output feeds, when the code ties them together. */
  loss?: LossUse;
  /** True when the stack has skip connections (`x = x + f(x)`): gradients do not pass only through its layers. */
  residual?: boolean;
  /** Variables the code binds this model to (`netD = Discriminator(ngpu)`), in order of appearance. */
  aliases?: string[];
}

/** Non-Python sources: TF.js code and model config files. */
export type SourceSyntax = 'javascript' | 'json' | 'yaml' | 'darknet' | 'prototxt';

export interface OmittedPart { range: Range; reason: string }

/** Everything a parser extracts from one document. */
export interface DocumentModel {
  stacks: LayerStack[];
  /** Every activation use in the document, in or outside stacks (hovers use these). */
  activations: ActivationUse[];
  losses: LossUse[];
  /** A reason the document could not be analysed (too large, binary); one diagnostic says so. */
  skipped?: string;
  /** Parts left out of an analysed document (a Python statement over the size limit); one diagnostic each. */
  omitted?: OmittedPart[];
  /**
   * The document's syntax when it is not Python. Rule fixes edit Python source and are not offered
   * for these documents; inline suppressions use the syntax's comments (none in JSON).
   */
  syntax?: SourceSyntax;
}
