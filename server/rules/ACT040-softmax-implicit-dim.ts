// ACT040: PyTorch softmax-family calls without `dim`. The nn and functional forms warn and guess
// the axis from the input's rank (0 for 0-, 1- and 3-D inputs, else 1: the sequence axis of a
// (seq, batch, classes) tensor); `torch.softmax(x)` and `x.softmax()` raise a TypeError.

import type { ActivationUse, LayerStack } from '../model/layerStack';
import type { Rule, RuleContext } from './types';
import { callAt } from './pythonCall';
import { appendArgument } from './fixEdits';
import { isAffine } from './stackShape';

const messages = {
  implicitDim: (spelling: string) =>
    `${spelling} without dim: PyTorch warns and infers the axis from the input's rank (0 for 1-D and 3-D inputs, 1 otherwise); pass dim explicitly`,
  requiredDim: (spelling: string) => `${spelling} without dim raises a TypeError: the tensor function and method forms require dim`,
  fixTitle: (dim: number) => `Add dim=${dim}`,
};

const SOFTMAX_FAMILY = new Set(['softmax', 'log_softmax', 'softmin']);

/** `torch.softmax(x)` and `x.softmax()` have no default dim at all; only the nn and functional forms infer one. */
function requiresDim(use: ActivationUse): boolean {
  return use.form === 'method' || /^torch\.(log_)?softmax$/.test(use.spelling);
}

type Place = { stack: LayerStack; index: number };

/** Where each activation use is applied: its first stack and layer index. */
function places(ctx: RuleContext): Map<ActivationUse, Place> {
  const out = new Map<ActivationUse, Place>();
  for (const stack of ctx.model.stacks) {
    stack.layers.forEach((l, index) => {
      if (l.activation && !out.has(l.activation)) out.set(l.activation, { stack, index });
    });
  }
  return out;
}

/**
 * The axis the author means: the channels (1) after a convolution, where PyTorch's implicit choice
 * for 4-D input is also 1; the features (-1) otherwise, which is its choice for 2-D input.
 */
function intendedDim(place: Place | undefined): number {
  if (!place) return -1;
  for (let i = place.index - 1; i >= 0; i--) {
    const layer = place.stack.layers[i];
    if (isAffine(layer)) return layer.kind === 'conv' ? 1 : -1;
  }
  return -1;
}

/** The call to give `dim=`: `nn.Softmax()`, `F.softmax(x)`, or the `.softmax()` of `x.softmax()`. */
function callOf(ctx: RuleContext, use: ActivationUse) {
  const text = ctx.text;
  const start = ctx.source.offsetAt(use.range.start);
  if (use.form !== 'method') return callAt(text, start);
  // The method's range may start at the receiver (`logits.softmax()`) or at the name (`softmax()`).
  const from = text[start - 1] === '.' ? start - 1 : start;
  const dot = text.slice(from, ctx.source.offsetAt(use.range.end)).lastIndexOf(`.${use.id}`);
  return dot < 0 ? undefined : callAt(text, from + dot + 1);
}

export const rule = {
  code: 'ACT040',
  name: 'softmax-implicit-dim',
  meta: {
    docs: 'nn.Softmax() / F.softmax(x) / nn.LogSoftmax() / F.log_softmax(x) without dim: PyTorch emits a deprecation warning and picks the axis from the input rank, which is wrong for 1-D and 3-D inputs. Keras softmax defaults to axis=-1 explicitly and is not reported.',
    severity: 'warning',
    fixable: true,
  },
  messages,
  check(ctx) {
    let placed: Map<ActivationUse, Place> | undefined;
    for (const use of ctx.model.activations) {
      if (use.framework !== 'pytorch' || !SOFTMAX_FAMILY.has(use.id) || use.dim !== undefined || use.form === 'string' || use.form === 'callable') continue;
      const call = callOf(ctx, use);
      // A positional dim (`F.softmax(x, 1)`, `nn.Softmax(1)`) the parser did not record is still a dim.
      if (call && call.args.some((a) => a.keyword === 'dim')) continue;
      const positional = call ? call.args.filter((a) => !a.keyword).length : 0;
      if (positional > (use.form === 'functional' ? 1 : 0)) continue;
      placed ??= places(ctx);
      const dim = intendedDim(placed.get(use));
      ctx.report({
        message: requiresDim(use) ? messages.requiredDim(use.spelling) : messages.implicitDim(use.spelling),
        range: use.range,
        fix: call ? { title: messages.fixTitle(dim), edits: [appendArgument(ctx.source, call, `dim=${dim}`)] } : undefined,
      });
    }
  },
} satisfies Rule;
