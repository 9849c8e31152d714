// Shared helpers for the Python extraction tests: the source text a range covers, and compact
// one-line descriptions of layers for table-driven assertions.

import type { DocumentModel, Layer, LayerStack, Range } from '../../server/model/layerStack';
import { parsePython } from '../../server/parse/python';

export interface Parsed {
  text: string;
  model: DocumentModel;
  /** The text a range covers. */
  at(range: Range): string;
  stack(name: string): LayerStack;
}

export function parse(text: string): Parsed {
  const model = parsePython(text);
  const lines = text.split(/\r?\n/);
  const at = (r: Range): string => {
    if (r.start.line === r.end.line) return lines[r.start.line].slice(r.start.character, r.end.character);
    const parts = [lines[r.start.line].slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line].slice(0, r.end.character)];
    return parts.join('\n');
  };
  const stack = (name: string): LayerStack => {
    const found = model.stacks.find((s) => s.name === name);
    if (!found) throw new Error(`no stack ${name}; stacks: ${model.stacks.map((s) => s.name).join(', ') || 'none'}`);
    return found;
  };
  return { text, model, at, stack };
}

/** `kind name` plus `→id` for a layer with an activation: `linear nn.Linear`, `activation nn.ReLU→relu`. */
export function layerLine(layer: Layer): string {
  return `${layer.kind} ${layer.name}${layer.activation ? `→${layer.activation.id}` : ''}`;
}

export function layersOf(stack: LayerStack): string[] {
  return stack.layers.map(layerLine);
}
