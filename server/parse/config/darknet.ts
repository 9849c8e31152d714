// Darknet .cfg → layer stacks. Sections after `[net]` are layers 0, 1, ...; each reads the previous
// layer's output unless it is a `[route]` (the outputs of the layers it names: one is a jump, several
// are concatenated); `[shortcut]` adds an earlier output (residual); `[scale_channels]` and `[sam]`
// multiply an earlier output by the previous layer's (which is then a gate). Each `[yolo]`/`[region]`
// head ends a stack and stands for its loss; without heads the last layer's chain is the stack.
//
// Activations, checked against pjreddie/darknet and AlexeyAB/darknet src/activations.{h,c} and
// parser.c: logistic = sigmoid, relu, relu6, relie = leaky (0.01), leaky = leaky (0.1), revleaky
// (computed as leaky), linear = identity, tanh, elu (alpha 1), selu (constants 1.0507, 1.6732),
// gelu (tanh form), swish = silu, mish, hardtan = hardtanh(-1, 1). ramp (x·[x>0] + 0.1x), plse,
// loggy (2σ(x) − 1), stair, lhtan, hard_mish and normalize_channels* are not modelled and read as
// opaque steps. [convolutional], [connected], [local], [deconvolutional], [rnn] and [crnn] default to
// logistic when `activation=` is absent; [shortcut] and [activation] default to linear.
//
// The [yolo] layer applies a logistic to x, y, objectness and class scores itself (it reads logits),
// unless `new_coords=1` (Scaled-YOLOv4), where the convolution before it applies the logistic;
// [region] always applies it to x, y and objectness.

import type { ActivationUse, DocumentModel, Layer, LayerKind, LayerStack, LossUse, Range } from '../../model/layerStack';
import { getActivation, resolveParams } from '../../../shared/activations';
import { chainLayers, EMPTY_CHAIN, extend, lastLayer, longest, type Chain } from './chain';
import { option, tokenizeCfg, type CfgSection } from './darknetCfg';
import { activationLayer, layer, MAX_LAYERS, TooManyLayers } from './uses';

const ACTIVATIONS: Readonly<Record<string, { id: string; params?: Record<string, number | string> }>> = {
  logistic: { id: 'sigmoid' },
  relu: { id: 'relu' },
  relu6: { id: 'relu6' },
  relie: { id: 'leaky_relu', params: { negative_slope: 0.01 } },
  leaky: { id: 'leaky_relu', params: { negative_slope: 0.1 } },
  revleaky: { id: 'leaky_relu', params: { negative_slope: 0.1 } },
  linear: { id: 'identity' },
  tanh: { id: 'tanh' },
  elu: { id: 'elu' },
  selu: { id: 'selu' },
  gelu: { id: 'gelu', params: { approximate: 'tanh' } },
  swish: { id: 'silu' },
  mish: { id: 'mish' },
  hardtan: { id: 'hardtanh', params: { min_val: -1, max_val: 1 } },
};

/** Sections that apply an activation after their weights, and the default darknet uses. */
const ACTIVATED: Readonly<Record<string, { kind: LayerKind; units?: string; defaultActivation: string }>> = {
  convolutional: { kind: 'conv', units: 'filters', defaultActivation: 'logistic' },
  conv: { kind: 'conv', units: 'filters', defaultActivation: 'logistic' },
  deconvolutional: { kind: 'conv', units: 'filters', defaultActivation: 'logistic' },
  deconv: { kind: 'conv', units: 'filters', defaultActivation: 'logistic' },
  local: { kind: 'conv', units: 'filters', defaultActivation: 'logistic' },
  connected: { kind: 'linear', units: 'output', defaultActivation: 'logistic' },
  conn: { kind: 'linear', units: 'output', defaultActivation: 'logistic' },
  rnn: { kind: 'recurrent', units: 'output', defaultActivation: 'logistic' },
  crnn: { kind: 'recurrent', defaultActivation: 'logistic' },
};

const PLAIN: Readonly<Record<string, LayerKind>> = {
  maxpool: 'pooling', max: 'pooling', avgpool: 'pooling', avg: 'pooling', local_avgpool: 'pooling', local_avg: 'pooling',
  dropout: 'dropout', batchnorm: 'normalization', normalization: 'normalization', lrn: 'normalization',
  upsample: 'reshape', reorg: 'reshape', reorg3d: 'reshape', crop: 'reshape',
  gru: 'recurrent', lstm: 'recurrent', conv_lstm: 'recurrent',
};

interface Context { activations: ActivationUse[] }

function headerRange(s: CfgSection): Range {
  return { start: { line: s.line, character: s.start }, end: { line: s.line, character: s.end } };
}

/** The section's activation: its `activation=` value, or the darknet default at the section header. */
function activationOf(ctx: Context, s: CfgSection, defaultName: string): { use?: ActivationUse; name: string; range: Range } {
  const opt = option(s, 'activation');
  const name = opt?.value ?? defaultName;
  const range = opt ? { start: { line: opt.line, character: opt.valueStart }, end: { line: opt.line, character: opt.valueEnd } } : headerRange(s);
  const known = ACTIVATIONS[name];
  const def = known && getActivation(known.id);
  if (!known || !def) return { name, range };
  const made: ActivationUse = {
    id: known.id, params: resolveParams(def, known.params), form: 'string', framework: 'config', range,
    spelling: opt ? name : `${name} (darknet default for [${s.type}])`,
  };
  ctx.activations.push(made);
  return { use: made, name, range };
}

/** An integer option as darknet's atoi reads it: its leading digits (`filters=40  #32` is 40, the comment kept in the value). */
function intOption(s: CfgSection, key: string): number | undefined {
  const digits = /^-?\d+/.exec(option(s, key)?.value ?? '');
  return digits ? Number(digits[0]) : undefined;
}

/** A [convolutional] section's `size=k` as [k, k], for an ungrouped convolution. */
function squareKernel(s: CfgSection): number[] | undefined {
  const size = intOption(s, 'size');
  const groups = option(s, 'groups') ? intOption(s, 'groups') : 1;
  return size !== undefined && size > 0 && groups === 1 ? [size, size] : undefined;
}

/** Layer indices a [route] or [shortcut] names: negative values count back from layer `index`. */
function references(s: CfgSection, key: string, index: number): number[] {
  const v = option(s, key)?.value;
  if (!v) return [];
  return v.split(',').map(Number).filter(Number.isInteger).map((n) => (n < 0 ? index + n : n));
}

/** The loss a head stands for. */
function headLoss(s: CfgSection): Omit<LossUse, 'range'> | undefined {
  if (s.type === 'yolo') {
    return intOption(s, 'new_coords') === 1
      ? { name: '[yolo] new_coords=1', family: 'bce', expects: 'probabilities', framework: 'config' }
      : { name: '[yolo]', family: 'bce-logits', expects: 'logits', framework: 'config' };
  }
  if (s.type === 'region') return { name: '[region]', family: 'bce-logits', expects: 'logits', framework: 'config' };
  if (s.type === 'cost') return { name: '[cost]', family: 'mse', expects: 'any', framework: 'config' };
  return undefined;
}

const HEADS = new Set(['yolo', 'region', 'cost', 'detection', 'Gaussian_yolo', 'contrastive']);

/** What one section contributes after its input chain. */
function sectionLayers(ctx: Context, s: CfgSection): Layer[] {
  const range = headerRange(s);
  const name = `[${s.type}]`;
  const activated = ACTIVATED[s.type];
  if (activated) {
    const act = activationOf(ctx, s, activated.defaultActivation);
    const units = activated.units ? intOption(s, activated.units) : undefined;
    const kernelSize = s.type === 'convolutional' || s.type === 'conv' ? squareKernel(s) : undefined;
    const main = layer(activated.kind, name, range, {
      ...(act.use ? { activation: act.use } : {}), ...(units !== undefined ? { units } : {}), ...(kernelSize ? { kernelSize } : {}),
    });
    return act.use ? [main] : [main, layer('unknown', `activation=${act.name}`, act.range)];
  }
  if (s.type === 'activation') {
    const act = activationOf(ctx, s, 'linear');
    return [activationLayer(name, range, act.use)];
  }
  if (s.type === 'softmax' || s.type === 'soft') {
    const def = getActivation('softmax')!;
    const use: ActivationUse = { id: 'softmax', params: resolveParams(def), spelling: name, form: 'module', framework: 'config', range };
    ctx.activations.push(use);
    return [activationLayer(name, range, use)];
  }
  const kind = PLAIN[s.type];
  return [layer(kind ?? 'unknown', name, range)];
}

export function parseDarknet(text: string, maxLayers = MAX_LAYERS): DocumentModel {
  const ctx: Context = { activations: [] };
  const sections = tokenizeCfg(text, maxLayers + 2);
  const net = sections[0];
  const layersSections = sections.slice(1);
  if (layersSections.length > maxLayers) throw new TooManyLayers(maxLayers);
  const chains: Chain[] = [];
  const heads: { section: CfgSection; chain: Chain }[] = [];
  layersSections.forEach((s, i) => {
    const previous = chains[i - 1] ?? EMPTY_CHAIN;
    if (s.type === 'route') {
      const inputs = references(s, 'layers', i).map((r) => chains[r]).filter((c): c is Chain => c !== undefined);
      if (inputs.length <= 1) {
        chains.push(inputs[0] ?? EMPTY_CHAIN);
      } else {
        chains.push(extend(longest(inputs), [layer('unknown', '[route]', headerRange(s))], inputs.some((c) => c.residual)));
      }
      return;
    }
    if (s.type === 'scale_channels' || s.type === 'sam') {
      // Squeeze-excitation and spatial attention: the previous layer's output (a logistic, usually)
      // multiplies the output of the layer `from=` names, and the data goes on from there.
      const gate = lastLayer(previous)?.activation;
      if (gate) gate.gating = true;
      const base = chains[references(s, 'from', i)[0]] ?? previous;
      // Scaling keeps the scaled output's width (the input width of the layer after: ACT020 bottlenecks).
      const width = lastLayer(base)?.units;
      chains.push(extend(base, [layer('unknown', `[${s.type}]`, headerRange(s), width !== undefined ? { units: width } : {})]));
      return;
    }
    if (s.type === 'shortcut') {
      const act = activationOf(ctx, s, 'linear');
      const tail = act.use && act.use.id !== 'identity' ? [activationLayer(`activation=${act.name}`, act.range, act.use)] : [];
      chains.push(extend(previous, [layer('residual', '[shortcut]', headerRange(s)), ...tail], true));
      return;
    }
    if (HEADS.has(s.type)) {
      heads.push({ section: s, chain: previous });
      chains.push(previous);
    } else {
      chains.push(extend(previous, sectionLayers(ctx, s)));
    }
  });
  const stacks: LayerStack[] = [];
  const losses: LossUse[] = [];
  if (heads.length) {
    heads.forEach(({ section, chain }, k) => {
      const spec = headLoss(section);
      const loss = spec && { ...spec, range: headerRange(section) };
      if (loss) losses.push(loss);
      if (!chain.length) return;
      stacks.push({
        framework: 'config', name: heads.length > 1 ? `network → [${section.type}] ${k + 1}` : 'network',
        range: heads.length > 1 ? headerRange(section) : headerRange(net), layers: chainLayers(chain),
        ...(loss ? { loss } : {}), ...(chain.residual ? { residual: true } : {}),
      });
    });
  } else {
    const last = chains[chains.length - 1];
    if (last?.length) stacks.push({ framework: 'config', name: 'network', range: headerRange(net), layers: chainLayers(last), ...(last.residual ? { residual: true } : {}) });
  }
  const activations = ctx.activations.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { stacks, activations, losses, syntax: 'darknet' };
}
