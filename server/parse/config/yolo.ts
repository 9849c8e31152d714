// Ultralytics model YAML (YOLOv3/v5/v8/11): `backbone` and `head` rows `[from, repeats, module,
// args]` → one stack in row order. The activation of every Conv is the top-level `activation:`
// (evaluated by Ultralytics as PyTorch code, `nn.LeakyReLU(0.1)`) or `Conv.default_act`, SiLU.
// The rows form a graph (C2f/C3 shortcuts, Concat of earlier rows, multi-input Detect), so the
// stack is residual whenever a row merges branches: only linear runs and double activations are
// judged on it.

import type { ActivationUse, DocumentModel, Layer, LayerKind, LayerStack } from '../../model/layerStack';
import type { LineIndex } from '../python/positions';
import { asMap, asSeq, entry, entryRange, nodeRange, scalarText, type YamlMap, type YamlNode } from './yamlTree';
import { layer, MAX_LAYERS, pythonExpressionUse, TooManyLayers } from './uses';

/** Modules that apply Conv.default_act after a convolution (and batch norm). */
const ACTIVATED_CONV = new Set(['Conv', 'DWConv', 'GhostConv', 'Focus', 'ConvTranspose', 'RepConv', 'LightConv', 'SPP', 'SPPF', 'SPPELAN', 'ADown', 'SCDown', 'AConv', 'HGStem', 'HGBlock']);
/** Blocks of activated convs with shortcut connections. */
const RESIDUAL_BLOCKS = new Set([
  'C1', 'C2', 'C2f', 'C3', 'C3x', 'C3TR', 'C3Ghost', 'C3k2', 'Bottleneck', 'BottleneckCSP', 'GhostBottleneck', 'ResNetLayer',
  'RepC3', 'C2fAttn', 'C2PSA', 'C2fPSA', 'C2fCIB', 'PSA', 'RepNCSPELAN4', 'ELAN1',
]);
/** Output heads: their last convolution emits raw scores (sigmoid/softmax come in post-processing or the loss). */
const HEADS = new Set(['Detect', 'Segment', 'Pose', 'OBB', 'Classify', 'v10Detect', 'WorldDetect', 'RTDETRDecoder', 'YOLOEDetect', 'YOLOESegment']);
const TORCH_KINDS: Readonly<Record<string, LayerKind>> = {
  Conv2d: 'conv', ConvTranspose2d: 'conv', BatchNorm2d: 'normalization', MaxPool2d: 'pooling', AvgPool2d: 'pooling',
  AdaptiveAvgPool2d: 'pooling', Upsample: 'reshape', ZeroPad2d: 'reshape', Identity: 'reshape', Dropout: 'dropout', Linear: 'linear',
};

const DEFAULT_ACT = 'nn.SiLU()';

/** The Conv activation: the `activation:` entry read as PyTorch, or SiLU by default (a use per Conv row, for hovers). */
function convActivation(root: YamlMap | undefined, lines: LineIndex): { use?: ActivationUse; explicit: boolean } {
  const e = entry(root, 'activation');
  const text = e && scalarText(e.value);
  const at = e && nodeRange(lines, e.value);
  if (!e || text === undefined || !at) return { explicit: false };
  return { use: pythonExpressionUse(text, at.start), explicit: true };
}

/** The default activation's use at a row's module name; `base` is DEFAULT_ACT read once per document. */
function defaultUse(lines: LineIndex, base: ActivationUse | undefined, moduleNode: YamlNode | null, module: string): ActivationUse | undefined {
  const range = nodeRange(lines, moduleNode);
  return range && base && { ...base, spelling: `${module}: ${DEFAULT_ACT} (Conv.default_act)`, range };
}

export function parseYolo(doc: YamlNode | null, lines: LineIndex, maxLayers = MAX_LAYERS): DocumentModel {
  const root = asMap(doc);
  const parts = ['backbone', 'head'].map((part) => asSeq(entry(root, part)?.value)?.items ?? []);
  if (parts[0].length + parts[1].length > maxLayers) throw new TooManyLayers(maxLayers);
  const act = convActivation(root, lines);
  const base = act.explicit ? undefined : pythonExpressionUse(DEFAULT_ACT, { line: 0, character: 0 });
  const activations: ActivationUse[] = act.use ? [act.use] : [];
  const layers: Layer[] = [];
  let merges = false;
  for (const rows of parts) {
    for (const row of rows) {
      const cells = asSeq(row)?.items ?? [];
      const module = scalarText(cells[2]);
      const range = nodeRange(lines, row);
      if (module === undefined || !range) continue;
      if (asSeq(cells[0])) merges = true;
      const bare = module.replace(/^(torch\.)?nn\./, '');
      if (ACTIVATED_CONV.has(module) || RESIDUAL_BLOCKS.has(module)) {
        merges ||= RESIDUAL_BLOCKS.has(module);
        const use = act.explicit ? act.use : defaultUse(lines, base, cells[2], module);
        if (use && !act.explicit) activations.push(use);
        layers.push(layer('conv', module, range, use ? { activation: use } : {}));
        // An activation Ultralytics cannot evaluate to a modelled function still ends linear runs.
        if (!use) layers.push(layer('unknown', 'activation', range));
      } else if (HEADS.has(module)) {
        layers.push(layer('conv', module, range));
      } else if (module !== bare && TORCH_KINDS[bare]) {
        layers.push(layer(TORCH_KINDS[bare], module, range));
      } else {
        layers.push(layer('unknown', module, range));
      }
    }
  }
  const header = entry(root, 'backbone');
  const stackRange = header && entryRange(lines, { key: header.key, value: null });
  const stacks: LayerStack[] = layers.length && stackRange
    ? [{ framework: 'config', name: 'model', range: stackRange, layers, ...(merges ? { residual: true } : {}) }]
    : [];
  return { stacks, activations, losses: [], syntax: 'yaml' };
}
