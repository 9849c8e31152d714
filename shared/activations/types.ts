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
  doc: string;
}

export type ParamValues = Readonly<Record<string, number | string>>;

/** How expensive an activation is to evaluate: transcendental (exp/erf/tanh/log) or compare-and-select. */
export type CostClass = 'transcendental' | 'piecewise-linear';

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
  /** Points where f' is discontinuous or undefined (kinks, thresholds), for plots and finite-difference tests. */
  kinks(p: ParamValues): number[];
  cost: CostClass;
  /** One line on what PyTorch does at kinks or in tails that a reader may not expect. */
  notes?: string;
}
