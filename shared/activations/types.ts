// Types of the activation core. Pure data and functions: no I/O, no editor or LSP imports.

/** A parameter of an activation, named and defaulted as in PyTorch (or the framework variant). */
export interface ParamSpec {
  name: string;
  /** Default value; numeric parameters are numbers, enumerated ones (GELU `approximate`) strings. */
  default: number | string;
  /** For enumerated parameters, the accepted values. */
  choices?: readonly string[];
  /** Inclusive bounds a value must respect, where the definition needs them. */
  min?: number;
  max?: number;
  /** The lower bound `min` itself is excluded (softplus beta > 0). */
  exclusiveMin?: boolean;
  doc: string;
}

export type ParamValues = Readonly<Record<string, number | string>>;

/**
 * How expensive an activation is to evaluate: transcendental (exp/erf/tanh/log), algebraic
 * (multiplications and divisions only: softsign, hardswish) or compare-and-select (piecewise-linear).
 */
export type CostClass = 'transcendental' | 'algebraic' | 'piecewise-linear';

/**
 * Softmax-like activations map a whole logit vector to a vector; a scalar f(x) does not exist.
 * Their `f`/`df` throw; callers use this form instead.
 */
export interface VectorForm {
  /** y_i for every logit of `xs` (numerically stable: the maximum is subtracted first). */
  f(xs: readonly number[]): number[];
  /** ∂y_i/∂x_i for every i: the diagonal of the Jacobian. */
  jacobianDiagonal(xs: readonly number[]): number[];
  /**
   * Scalar activation equal to y_i as a function of its own logit x_i with the others fixed,
   * up to a shift of x_i (softmax → sigmoid, log_softmax → logsigmoid). Shape properties
   * (range, monotonicity, saturation, sup|f'|) are taken from it; nothing that depends on the shift.
   */
  sliceOf: string;
}

/** The definition of one activation: f, f', its parameters and what cannot be derived numerically. */
export interface ActivationDef {
  /** Canonical id: the PyTorch functional name (`leaky_relu`), or a dotted framework variant (`keras2.hard_sigmoid`). */
  id: string;
  /** Display name, e.g. "LeakyReLU". */
  title: string;
  /** Plain-text formula, readable without Markdown rendering. */
  formula: string;
  params: readonly ParamSpec[];
  /** f(x) with every parameter filled in (callers pass defaults merged with overrides). */
  f(x: number, p: ParamValues): number;
  /** f'(x), following PyTorch's convention at kinks. */
  df(x: number, p: ParamValues): number;
  /**
   * Points where the definition switches branch: kinks, thresholds and jumps, where f' may be
   * discontinuous or undefined. For plots and finite-difference tests.
   */
  kinks(p: ParamValues): number[];
  cost: CostClass;
  /** One line on what PyTorch does at kinks or in tails that a reader may not expect. */
  notes?: string;
  /** Constraint between parameters (hardtanh min_val < max_val): an error message, or undefined when valid. */
  checkParams?(p: ParamValues): string | undefined;
  /** Present for vector-valued activations (softmax, log_softmax). */
  vector?: VectorForm;
}

/**
 * The set of values f takes. `null` bounds are infinite (and then never inclusive);
 * `minInclusive` says whether `min` is attained (true) or only approached (false).
 */
export interface ValueRange {
  min: number | null;
  max: number | null;
  minInclusive: boolean;
  maxInclusive: boolean;
}

/** Which tails of the input axis have f' → 0. */
export type Saturation = 'both' | 'negative' | 'positive' | 'none';

export type Framework = 'pytorch' | 'keras' | 'tensorflow' | 'tfjs' | 'hf';

/** How one framework spells an activation, for hovers. */
export interface FrameworkSpelling {
  /** Qualified spellings as written in code, e.g. `nn.LeakyReLU(negative_slope=0.01)`, `F.leaky_relu`. */
  spellings: string[];
  /** Differences from the core (PyTorch) definition: parameter defaults, formulas. */
  notes: string[];
}

export type FrameworkSpellings = Partial<Record<Framework, FrameworkSpelling>>;

/** Properties derived numerically from f and f' (see properties.ts for how each is computed). */
export interface ActivationProperties {
  id: string;
  range: ValueRange;
  /** f(0) = 0 and f takes both signs. */
  zeroCentered: boolean;
  /** f never decreases, or never increases (jumps below 1e-8 relative, PyTorch's softplus switch-over, ignored). */
  monotonic: boolean;
  /** C¹: f and f' continuous everywhere. */
  smooth: boolean;
  saturating: Saturation;
  /** sup |f'(x)|. */
  maxDerivative: number;
  /**
   * The unique x where |f'| reaches its sup; null when reached on an interval (relu: x > 0) or only as
   * |x| → ∞. An interior peak of a smooth f' (GELU at √2) is located to about 1e-8.
   */
  argMaxDerivative: number | null;
  /** E[f'(z)], z ~ N(0,1); null for vector-valued activations, where it depends on the other logits. */
  meanDerivative: number | null;
  /** E[f'(z)²], z ~ N(0,1); null for vector-valued activations. */
  meanSquaredDerivative: number | null;
  cost: CostClass;
  frameworks: FrameworkSpellings;
}
