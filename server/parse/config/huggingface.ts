// Hugging Face `config.json` → one residual stack per transformer (the model, or each of its
// encoder/decoder or `*_config` sub-models): per block, attention, a skip connection, the
// feed-forward activation and a second skip connection. Every activation key becomes a use for
// hovers, with HF's spellings (`gelu_new`, `gelu_pytorch_tanh`, `quick_gelu`, `swish`) resolved by
// the activation core's ACT2FN table.

import type { Node } from 'jsonc-parser';
import type { ActivationUse, DocumentModel, Layer, LayerStack } from '../../model/layerStack';
import type { LineIndex } from '../python/positions';
import { member, numberValue, property, rangeOf, sourceOf, stringValue } from './jsonTree';
import { layer, resolveName, use } from './uses';

/** Keys naming the feed-forward activation, in the order the modelling code prefers them (Gemma: hidden_activation over hidden_act). */
const ACTIVATION_KEYS = ['hidden_activation', 'hidden_act', 'activation_function', 'dense_act_fn', 'activation', 'afn', 'feed_forward_proj'];
/** Activation keys of parts outside the transformer blocks (LLaVA's projector), shown in hovers only. */
const OTHER_ACTIVATION_KEYS = ['projector_hidden_act', 'classifier_activation', 'summary_activation'];
const DEPTH_KEYS = ['num_hidden_layers', 'n_layer', 'n_layers', 'num_layers'];
const SPLIT_DEPTH_KEYS = [['encoder_layers', 'encoder'], ['decoder_layers', 'decoder']] as const;
const WIDTH_KEYS = ['intermediate_size', 'n_inner', 'ffn_dim', 'd_ff', 'encoder_ffn_dim'];
/** More blocks than any published model: a larger count is not expanded layer by layer. */
const MAX_BLOCKS = 1024;

/**
 * Model types whose MLP multiplies the activation by a second projection (SwiGLU/GeGLU:
 * `down(act(gate(x)) * up(x))`): the activation is a gate there, not a layer activation.
 */
const GATED_MLP_TYPES = new Set([
  'llama', 'mistral', 'mixtral', 'qwen2', 'qwen2_moe', 'qwen3', 'qwen3_moe', 'gemma', 'gemma2', 'gemma3', 'gemma3_text',
  'phi3', 'olmo', 'olmo2', 'cohere', 'granite', 'deepseek_v2', 'deepseek_v3',
]);

interface Context { text: string; lines: LineIndex; activations: ActivationUse[] }

/** T5's `feed_forward_proj`: `gated-gelu` means gelu_new (kept for backwards compatibility), `gated-silu` silu. */
function feedForwardName(value: string): string {
  return value === 'gated-gelu' ? 'gelu_new' : value.slice(value.lastIndexOf('-') + 1);
}

function activationUse(ctx: Context, key: string, value: Node, gating: boolean): ActivationUse | undefined {
  const written = stringValue(value);
  if (written === undefined) return undefined;
  const resolved = resolveName('hf', key === 'feed_forward_proj' ? feedForwardName(written) : written);
  if (!resolved) return undefined;
  const made = use(resolved, sourceOf(ctx.text, value), 'string', 'config', rangeOf(ctx.lines, value));
  return gating ? { ...made, gating: true } : made;
}

function isGated(config: Node): boolean {
  const type = stringValue(member(config, 'model_type'));
  const proj = stringValue(member(config, 'feed_forward_proj'));
  return (type !== undefined && GATED_MLP_TYPES.has(type)) || member(config, 'is_gated_act')?.value === true || proj?.startsWith('gated-') === true;
}

/** `count` blocks of attention → + → feed-forward(act) → +. */
function blocks(count: number, depthRange: Layer['range'], act: { use?: ActivationUse; range: Layer['range'] }, units: number | undefined): Layer[] {
  const attention = layer('attention', 'attention', depthRange);
  const skip = layer('residual', '+', depthRange);
  const ffn = layer('linear', 'feed-forward', act.range, { ...(act.use ? { activation: act.use } : {}), ...(units !== undefined ? { units } : {}) });
  const out: Layer[] = [];
  for (let i = 0; i < Math.min(count, MAX_BLOCKS); i++) out.push(attention, skip, ffn, skip);
  return out;
}

/** The stacks of one config object (the top level or a `text_config`), named `name`. */
function stacksOf(ctx: Context, config: Node, name: string): LayerStack[] {
  const gated = isGated(config);
  let act: { use?: ActivationUse; range: Layer['range'] } | undefined;
  for (const key of ACTIVATION_KEYS) {
    const p = property(config, key);
    const value = p?.children?.[1];
    if (!p || !value) continue;
    const made = activationUse(ctx, key, value, gated);
    if (made) ctx.activations.push(made);
    act ??= { use: made, range: rangeOf(ctx.lines, p) };
  }
  for (const key of OTHER_ACTIVATION_KEYS) {
    const value = member(config, key);
    const made = value && activationUse(ctx, key, value, false);
    if (made) ctx.activations.push(made);
  }
  if (!act) return [];
  const width = WIDTH_KEYS.map((k) => numberValue(member(config, k))).find((v) => v !== undefined);
  const stacks: LayerStack[] = [];
  const add = (depthKey: string, stackName: string) => {
    const p = property(config, depthKey);
    const count = numberValue(p?.children?.[1]);
    if (!p || count === undefined || !Number.isInteger(count) || count < 1) return;
    const range = rangeOf(ctx.lines, p);
    stacks.push({ framework: 'config', name: stackName, range, layers: blocks(count, range, act, width), residual: true });
  };
  const depthKey = DEPTH_KEYS.find((k) => property(config, k));
  if (depthKey) add(depthKey, name);
  else for (const [key, part] of SPLIT_DEPTH_KEYS) add(key, `${name}.${part}`);
  return stacks;
}

export function parseHuggingFaceConfig(text: string, root: Node, lines: LineIndex): DocumentModel {
  const ctx: Context = { text, lines, activations: [] };
  const name = stringValue(member(root, 'architectures')?.children?.[0]) ?? stringValue(member(root, 'model_type')) ?? 'config';
  const stacks = stacksOf(ctx, root, name);
  for (const p of root.children ?? []) {
    const key = p.children?.[0]?.value;
    const value = p.children?.[1];
    if (typeof key === 'string' && key.endsWith('_config') && value?.type === 'object') stacks.push(...stacksOf(ctx, value, `${name}.${key}`));
  }
  const activations = ctx.activations.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { stacks, activations, losses: [], syntax: 'json' };
}
