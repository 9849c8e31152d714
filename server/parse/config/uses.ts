// Building blocks shared by the config parsers: activation uses from names as a config spells
// them, layers, and the empty or refused model.

import type { ActivationForm, ActivationUse, DocumentModel, Framework, Layer, LayerKind, Range, SourceSyntax } from '../../model/layerStack';
import { resolveFrameworkCall, resolveFrameworkName, type FrameworkNameOptions } from '../../../shared/activations';
import { parsePython } from '../python/index';

type CoreFramework = Parameters<typeof resolveFrameworkName>[0];

/** The default of the maxLayers limit, which callers pass down. */
export { MAX_LAYERS } from '../../analysis/limits';

/** A document with more layers than the maxLayers limit: refused with this as its problem. */
export class TooManyLayers extends Error {
  constructor(maxLayers: number) {
    super(`more than ${maxLayers.toLocaleString('en')} layers (the maxLayers limit)`);
  }
}
type Resolved = { id: string; params: ActivationUse['params'] };

export function emptyModel(syntax: SourceSyntax, skipped?: string): DocumentModel {
  return { stacks: [], activations: [], losses: [], syntax, ...(skipped ? { skipped } : {}) };
}

/** A name in a framework's table, or undefined; a parameter value the core rejects counts as not resolved. */
export function resolveName(framework: CoreFramework, name: string, opts?: FrameworkNameOptions): Resolved | undefined {
  try {
    return resolveFrameworkName(framework, name, opts);
  } catch {
    return undefined;
  }
}

/** A name with arguments (`LeakyReLU` with `{alpha: 0.1}`); ignored arguments are those the core does not model. */
export function resolveCall(
  framework: CoreFramework, name: string, args: Readonly<Record<string, number | string | boolean | null>>, opts?: FrameworkNameOptions,
): Resolved | undefined {
  try {
    const r = resolveFrameworkCall(framework, name, args, opts);
    return r && { id: r.id, params: r.params };
  } catch {
    return undefined;
  }
}

export function use(resolved: Resolved, spelling: string, form: ActivationForm, framework: Framework, range: Range): ActivationUse {
  return { id: resolved.id, params: resolved.params, spelling, form, framework, range };
}

export function layer(kind: LayerKind, name: string, range: Range, fields: Partial<Pick<Layer, 'activation' | 'units' | 'kernelSize' | 'init'>> = {}): Layer {
  return { kind, name, range, ...fields };
}

/** An activation-applying layer for `activation`, or an opaque step when the name is not a modelled activation. */
export function activationLayer(name: string, range: Range, activation: ActivationUse | undefined): Layer {
  return activation ? layer('activation', name, range, { activation }) : layer('unknown', name, range);
}

/**
 * A PyTorch constructor written as a config value (`nn.LeakyReLU(0.1)`, Ultralytics' `activation:`),
 * read by the Python parser so that positional arguments and defaults mean what they mean in
 * PyTorch (the use keeps framework `pytorch`: Ultralytics evaluates it as PyTorch code). `at` is
 * where the expression starts in the document.
 */
export function pythonExpressionUse(expression: string, at: Range['start']): ActivationUse | undefined {
  if (expression.includes('\n') || expression.length > 200) return undefined;
  const found = parsePython(expression).activations.find((a) => a.range.start.line === 0 && a.range.start.character === 0 && a.form === 'module');
  if (!found) return undefined;
  const shift = (p: Range['start']) => ({ line: at.line, character: at.character + p.character });
  return { ...found, range: { start: shift(found.range.start), end: shift(found.range.end) } };
}
