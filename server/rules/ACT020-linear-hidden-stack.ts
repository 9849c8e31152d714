// ACT020: affine layers in a row with no nonlinearity between them compose to one affine map, so
// the extra layer adds parameters and compute but no capacity, unless the middle is a deliberate
// narrow bottleneck.

import type { Layer, LayerKind, LayerStack } from '../model/layerStack';
import type { Rule, RuleContext, TextEdit } from './types';
import type { SourceText } from './sourceText';
import { addRelu } from './activationEdits';
import { enclosingBracket, isLayerListItem } from './fixEdits';
import { appliedActivation, isAffine, isKeras, isLinearPooling, isPassThrough } from './stackShape';

const messages = {
  collapse: (count: number, names: string) =>
    `${count} affine layers in a row (${names}) with no nonlinearity between them collapse to one linear map; add an activation after this layer`,
  nextHere: () => 'composes with this layer into one linear map',
  fixTitle: (activation: string) => `Add ${activation} between the layers`,
};

/**
 * The layer list a layer is an item of (the offset of its bracket), or -1 outside any list. An
 * encoder's last layer and a decoder's first live in different lists: that boundary is an interface
 * (a latent code, features handed on), so runs do not cross it.
 */
function container(src: SourceText, layer: Layer): number {
  const start = src.offsetAt(layer.range.start);
  return isLayerListItem(src, start) ? enclosingBracket(src, start)!.open : -1;
}

/** Runs of two or more affine layers whose outputs pass only through linear layers (dropout, normalization, reshape, average pooling). */
function linearRuns(stack: LayerStack, src: SourceText): Layer[][] {
  const runs: Layer[][] = [];
  let run: Layer[] = [];
  const end = (): void => {
    if (run.length >= 2) runs.push(run);
    run = [];
  };
  for (const layer of stack.layers) {
    if (isAffine(layer)) {
      if (run.length && container(src, run[run.length - 1]) !== container(src, layer)) end();
      run.push(layer);
      if (appliedActivation(layer)) end();
    } else if (!isPassThrough(layer) && !isLinearPooling(layer)) {
      end();
    }
  }
  end();
  return runs;
}

/** Layers whose output has the width of their input: channels or features pass through them unchanged. */
const WIDTH_KEEPING: ReadonlySet<LayerKind> = new Set(['activation', 'dropout', 'normalization', 'pooling', 'residual']);

/** The width entering the layer at `index`: its stated input, else the output width of the layer feeding it. */
function widthInto(stack: LayerStack, index: number): number | undefined {
  if (stack.layers[index].inFeatures !== undefined) return stack.layers[index].inFeatures;
  for (let i = index - 1; i >= 0; i--) {
    const layer = stack.layers[i];
    if (layer.units !== undefined || isAffine(layer)) return layer.units;
    if (!WIDTH_KEEPING.has(layer.kind)) return undefined;
  }
  return undefined;
}

/**
 * A run whose widths are all known and every intermediate one is narrower than both the run's
 * input and its output: a deliberate low-rank factorisation (a MobileNetV2 linear bottleneck, an
 * autoencoder's linear code layer), where composing to one map is the point.
 */
function isBottleneck(stack: LayerStack, run: Layer[]): boolean {
  const input = widthInto(stack, stack.layers.indexOf(run[0]));
  const output = run[run.length - 1].units;
  if (input === undefined || output === undefined) return false;
  return run.slice(0, -1).every((layer, i) => {
    const middle = layer.units ?? run[i + 1].inFeatures;
    return middle !== undefined && middle < input && middle < output;
  });
}

/** Where a new activation goes after `layer`: past the normalization layers that directly follow it (conv → BN → ReLU). */
function anchorAfter(stack: LayerStack, layer: Layer): Layer {
  let i = stack.layers.indexOf(layer);
  while (stack.layers[i + 1]?.kind === 'normalization') i++;
  return stack.layers[i];
}

/**
 * Whether a ReLU can be added after `layer` of `run` by the fix: a layer applied more than once in
 * the run (a custom layer's `tf.matmul`) would change every application; on the Keras side only
 * layer classes and `tf.layers` functions take `activation=` (`tf.matmul` takes none,
 * `tf.contrib.layers` spell it `activation_fn`).
 */
function fixable(run: Layer[], layer: Layer, keras: boolean): boolean {
  if (run.indexOf(layer) !== run.lastIndexOf(layer)) return false;
  return !keras || (/(^|\.)([A-Z]\w*|layers\.\w+)$/.test(layer.name) && !/\bcontrib\./.test(layer.name));
}

/** The quote character the file uses for activation strings (`"relu"` or `'relu'`). */
function activationQuote(ctx: RuleContext): string {
  const spelled = ctx.model.activations.find((a) => a.form === 'string');
  return spelled?.spelling.startsWith("'") ? "'" : '"';
}

export const rule = {
  code: 'ACT020',
  name: 'linear-hidden-stack',
  meta: {
    docs: 'Two or more affine layers (Linear, Dense, Conv) in a row with no nonlinearity between them: dropout, batch normalization, reshapes and average pooling are linear too, so the layers compose to a single linear map. A narrow linear bottleneck (the middle width below both sides) is deliberate and not reported.',
    severity: 'warning',
    fixable: true,
  },
  messages,
  check(ctx) {
    for (const stack of ctx.model.stacks) {
      for (const run of linearRuns(stack, ctx.source)) {
        if (isBottleneck(stack, run)) continue;
        const keras = isKeras(stack);
        const quote = activationQuote(ctx);
        const edits = run.slice(0, -1).map((layer) => (fixable(run, layer, keras) ? addRelu(ctx.source, layer, anchorAfter(stack, layer), keras, quote) : undefined));
        const complete = edits.every((e): e is TextEdit => e !== undefined);
        const prefix = /^(.*\.)?\w+$/.exec(run[0].name)?.[1] ?? '';
        ctx.report({
          message: messages.collapse(run.length, run.map((l) => l.name).join(' → ')),
          range: run[0].range,
          related: run.slice(1).map((layer) => ({ message: messages.nextHere(), range: layer.range })),
          fix: complete ? { title: messages.fixTitle(keras ? `activation=${quote}relu${quote}` : `${prefix}ReLU()`), edits } : undefined,
        });
      }
    }
  },
} satisfies Rule;
