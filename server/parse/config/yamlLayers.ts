// Generic YAML model configs: every list of mappings in which some item has an `activation:` or
// `act:` key is a layer stack, items in order. An item's kind comes from its `type`/`class`/`layer`
// name (`Dense`, `nn.Linear`, `conv2d`, `dropout`) or, unnamed, from a width key (`units`,
// `out_features` → linear; `filters`, `out_channels` → conv). Activation names are read as a user
// would type them (`relu`, `LeakyReLU`, `gelu_new`) or, when written as a call, as PyTorch code
// (`nn.LeakyReLU(0.2)`).

import { lookupActivation } from '../../../shared/activations';
import type { ActivationUse, DocumentModel, Layer, LayerKind, LayerStack, Position } from '../../model/layerStack';
import { KERAS_LAYERS, TORCH_LAYERS } from '../python/catalog';
import type { LineIndex } from '../python/positions';
import { asMap, entries, entry, entryRange, nodeRange, scalarNumber, scalarText, type YamlMap, type YamlNode, type YamlSeq } from './yamlTree';
import { activationLayer, layer, MAX_LAYERS, pythonExpressionUse, TooManyLayers, use } from './uses';

const ACTIVATION_KEYS = ['activation', 'act'];
const NAME_KEYS = ['type', 'class', 'class_name', 'layer', 'layer_type', 'module', 'name'];
const UNITS_KEYS = ['units', 'out_features', 'output_dim', 'hidden_size', 'filters', 'out_channels'];
const LINEAR_WIDTH_KEYS = new Set(['units', 'out_features', 'output_dim', 'hidden_size']);
const CONV_WIDTH_KEYS = new Set(['filters', 'out_channels']);
/** Spellings that mean "no activation". */
const NONE = new Set(['none', 'null', 'linear', 'identity']);
/** Collections are searched this deep for layer lists; real configs nest a few levels. */
const MAX_DEPTH = 32;

/** Lower-case spellings of common layer names outside the PyTorch/Keras tables. */
const LOOSE_KINDS: [RegExp, LayerKind][] = [
  [/^(dense|linear|fc|fully_?connected|mlp)$/, 'linear'],
  [/^(conv|conv[123]d|convolution|conv_?transpose[123]?d?)$/, 'conv'],
  [/^(dropout|spatial_?dropout[123]d)$/, 'dropout'],
  [/^(batch_?norm(alization)?[123]?d?|layer_?norm(alization)?|group_?norm|instance_?norm[123]?d?|rms_?norm)$/, 'normalization'],
  [/^(max_?pool(ing)?[123]?d?)$/, 'pooling'],
  [/^(avg_?pool(ing)?[123]?d?|average_?pool(ing)?[123]?d?|global_?average_?pool(ing)?[123]?d?)$/, 'pooling'],
  [/^(flatten|reshape)$/, 'reshape'],
  [/^(lstm|gru|rnn)$/, 'recurrent'],
  [/^(embedding)$/, 'embedding'],
  [/^(attention|multi_?head_?attention|self_?attention)$/, 'attention'],
];

interface Context {
  lines: LineIndex;
  activations: ActivationUse[];
  /** Items of the layer lists found so far, refused past `maxLayers` before they are read. */
  items: number;
  maxLayers: number;
}

function kindOf(name: string): LayerKind | 'activation' | undefined {
  const bare = name.slice(name.lastIndexOf('.') + 1);
  const spec = TORCH_LAYERS[bare] ?? KERAS_LAYERS[bare];
  if (spec) return spec.kind;
  const loose = LOOSE_KINDS.find(([re]) => re.test(bare.toLowerCase()))?.[1];
  if (loose) return loose;
  return bare === 'Activation' || lookupActivation(bare) ? 'activation' : undefined;
}

/** The activation a value names: a name, or a call read as PyTorch. */
function activationOf(ctx: Context, value: YamlNode | null): ActivationUse | 'none' | undefined {
  const text = scalarText(value);
  const range = nodeRange(ctx.lines, value);
  if (text === undefined || !range) return value?.kind === 'map' || value?.kind === 'seq' ? undefined : 'none';
  if (NONE.has(text.toLowerCase())) return 'none';
  const made = /\(.*\)$/.test(text) ? pythonExpressionUse(text, range.start) : (() => {
    const resolved = lookupActivation(text);
    return resolved && use(resolved, text, 'string', 'config', range);
  })();
  if (made) ctx.activations.push(made);
  return made;
}

function layersOfItem(ctx: Context, item: YamlMap): Layer[] {
  const keys = entries(item);
  const nameEntry = NAME_KEYS.map((k) => keys.get(k)).find((e) => e && scalarText(e.value) !== undefined);
  const name = nameEntry ? scalarText(nameEntry.value)! : undefined;
  const actEntry = ACTIVATION_KEYS.map((k) => keys.get(k)).find((e) => e !== undefined);
  const range = (nameEntry && entryRange(ctx.lines, nameEntry)) ?? (actEntry && entryRange(ctx.lines, actEntry)) ?? nodeRange(ctx.lines, item);
  if (!range) return [];
  const widthEntry = UNITS_KEYS.map((k) => ({ k, n: scalarNumber(keys.get(k)?.value) })).find((w) => w.n !== undefined);
  let kind = name !== undefined ? kindOf(name) : undefined;
  if (kind === undefined && widthEntry) kind = LINEAR_WIDTH_KEYS.has(widthEntry.k) ? 'linear' : CONV_WIDTH_KEYS.has(widthEntry.k) ? 'conv' : undefined;
  const activation = actEntry ? activationOf(ctx, actEntry.value) : undefined;
  if (kind === 'activation') {
    // `type: Activation, activation: relu`, or `type: ReLU` / `type: LeakyReLU` naming the activation itself.
    const own = activation === 'none' ? undefined : activation ?? (name !== undefined ? namedActivation(ctx, name, nameEntry!.value) : undefined);
    return [activationLayer(name ?? 'activation', range, own)];
  }
  const main = layer(kind ?? 'unknown', name ?? kind ?? 'layer', range, {
    ...(activation && activation !== 'none' ? { activation } : {}),
    ...(widthEntry ? { units: widthEntry.n } : {}),
  });
  // A named activation that is not modelled still ends linear runs.
  const opaque = actEntry && activation === undefined ? [layer('unknown', 'activation', entryRange(ctx.lines, actEntry) ?? range)] : [];
  return [main, ...opaque];
}

function namedActivation(ctx: Context, name: string, node: YamlNode | null): ActivationUse | undefined {
  const range = nodeRange(ctx.lines, node);
  const resolved = lookupActivation(name.slice(name.lastIndexOf('.') + 1));
  if (!resolved || !range) return undefined;
  const made = use(resolved, name, 'module', 'config', range);
  ctx.activations.push(made);
  return made;
}

function isLayerList(seq: YamlSeq): boolean {
  return seq.items.some((item) => {
    const map = asMap(item);
    return map !== undefined && ACTIVATION_KEYS.some((k) => entry(map, k));
  });
}

/** Walks the document for layer lists; `path` names a list by the keys leading to it (`model.encoder`). */
function collect(ctx: Context, node: YamlNode | null, path: string, keyRange: Layer['range'] | undefined, depth: number, out: LayerStack[]): void {
  if (depth > MAX_DEPTH) return;
  if (node?.kind === 'seq') {
    if (isLayerList(node) && keyRange) {
      ctx.items += node.items.length;
      if (ctx.items > ctx.maxLayers) throw new TooManyLayers(ctx.maxLayers);
      const layers = node.items.flatMap((item) => {
        const map = asMap(item);
        return map ? layersOfItem(ctx, map) : [];
      });
      if (layers.length) out.push({ framework: 'config', name: path || 'layers', range: keyRange, layers });
      return;
    }
    node.items.forEach((item, i) => collect(ctx, item, `${path}[${i}]`, nodeRange(ctx.lines, item), depth + 1, out));
  } else if (node?.kind === 'map') {
    for (const pair of node.items) {
      const key = scalarText(pair.key);
      if (key === undefined) continue;
      collect(ctx, pair.value, path ? `${path}.${key}` : key, nodeRange(ctx.lines, pair.key), depth + 1, out);
    }
  }
}

export function parseYamlLayers(root: YamlNode | null, lines: LineIndex, maxLayers = MAX_LAYERS): DocumentModel {
  const ctx: Context = { lines, activations: [], items: 0, maxLayers };
  const stacks: LayerStack[] = [];
  collect(ctx, root, '', undefined, 0, stacks);
  // Activation keys outside layer lists (`model: {act: gelu}`) still explain themselves on hover.
  const claimed = new Set(ctx.activations.map((a) => positionKey(a.range.start)));
  collectLoose(ctx, root, 0, claimed);
  const activations = ctx.activations.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { stacks, activations, losses: [], syntax: 'yaml' };
}

const positionKey = (p: Position): string => `${p.line}:${p.character}`;

/**
 * Activation keys anywhere in the document that no layer list claimed: a value is claimed when a
 * use starts where it starts (`claimed` holds those starts, so each key costs one lookup).
 */
function collectLoose(ctx: Context, node: YamlNode | null, depth: number, claimed: Set<string>): void {
  if (depth > MAX_DEPTH) return;
  if (node?.kind === 'seq') {
    for (const item of node.items) collectLoose(ctx, item, depth + 1, claimed);
  } else if (node?.kind === 'map') {
    for (const pair of node.items) {
      const key = scalarText(pair.key);
      const isActivation = key !== undefined && ACTIVATION_KEYS.includes(key);
      const start = isActivation ? nodeRange(ctx.lines, pair.value)?.start : undefined;
      if (isActivation && !(start && claimed.has(positionKey(start)))) {
        const made = activationOf(ctx, pair.value);
        if (made && made !== 'none') claimed.add(positionKey(made.range.start));
      } else collectLoose(ctx, pair.value, depth + 1, claimed);
    }
  }
}
