// Hover lookup: the activation or loss under the cursor, with its place in a layer stack.

import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { getActivation, properties, type ActivationProperties } from '../../shared/activations';
import { COMMANDS, type PlotActivationArgs, type StackInfo } from '../../shared/protocol';
import type { ActivationUse, Range } from '../model/layerStack';
import { appliedActivation, outputActivationIndex } from '../rules/stackShape';
import type { DocumentAnalysis } from './documentAnalysis';
import { activationHover, hfActivationNote, lossHover, type LayerPlacement } from './hoverText';
import { stackInfos } from './stacks';

function contains(r: Range, p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/** Of the items under `p`, the one with the narrowest range (`F.relu(torch.sigmoid(x))` → the inner call). */
function innermost<T extends { range: Range }>(items: readonly T[], p: Position): T | undefined {
  const size = (r: Range) => (r.end.line - r.start.line) * 1e6 + (r.end.character - r.start.character);
  return items.filter((i) => contains(i.range, p)).sort((a, b) => size(a.range) - size(b.range))[0];
}

/** Where `use` sits in a stack: among the layers that apply an activation, the last is the output. */
function placement(stacks: readonly StackInfo[], use: ActivationUse): LayerPlacement | undefined {
  for (const stack of stacks) {
    const layerIndex = stack.layers.findIndex((l) => l.activation && l.activation.id === use.id && sameRange(l.activation.range, use.range));
    if (layerIndex < 0) continue;
    if (!appliedActivation(stack.layers[layerIndex])) return undefined;
    const k = stack.gradient.layerIndex.indexOf(layerIndex);
    const { typical, bound, assumptions, init } = stack.gradient;
    const gradient = k < 0 ? undefined : { typical: typical[k], bound: bound[k], assumptions, ...(init ? { init } : {}) };
    const output = outputActivationIndex(stack);
    if (layerIndex === output) return { stackName: stack.name, gradient };
    const hidden = stack.layers.flatMap((layer, i) => (i !== output && appliedActivation(layer) ? [i] : []));
    // One spelling applied by several layers: a loop, or a config key every transformer block reads.
    const count = hidden.filter((i) => stack.layers[i].activation?.id === use.id && sameRange(stack.layers[i].activation!.range, use.range)).length;
    return { stackName: stack.name, hidden: { index: hidden.indexOf(layerIndex) + 1, of: hidden.length, ...(count > 1 ? { count } : {}) }, gradient };
  }
  return undefined;
}

function changedParams(use: ActivationUse): { changed: string[]; assumed: string[] } {
  const def = getActivation(use.id);
  const unknown = new Set(use.unknownParams ?? []);
  const changed: string[] = [];
  const assumed: string[] = [];
  for (const spec of def?.params ?? []) {
    const value = use.params[spec.name];
    if (unknown.has(spec.name)) assumed.push(`${spec.name}=${spec.default}`);
    else if (value !== undefined && value !== spec.default) changed.push(`${spec.name}=${value}`);
  }
  return { changed, assumed };
}

/** The core's properties, or why it rejects these parameters. */
function propertiesOf(use: ActivationUse): { properties?: ActivationProperties; paramProblem?: string } {
  try {
    return { properties: properties(use.id, { ...use.params }) };
  } catch (error) {
    if (error instanceof RangeError) return { paramProblem: error.message };
    throw error;
  }
}

export function plotCommandUri(use: ActivationUse): string {
  const args: PlotActivationArgs[] = [{ id: use.id, params: use.params }];
  return `command:${COMMANDS.plotActivation}?${encodeURIComponent(JSON.stringify(args))}`;
}

export function hoverAt(analysis: DocumentAnalysis, position: Position): Hover | null {
  const { model, settings } = analysis;
  const use = innermost(model.activations, position);
  const def = use && getActivation(use.id);
  if (use && def) {
    const { changed, assumed } = changedParams(use);
    const value = activationHover({
      use,
      title: def.title,
      formula: `${def.vector ? 'y_i' : 'f(x)'} = ${def.formula}`,
      changedParams: changed,
      assumedParams: assumed,
      ...propertiesOf(use),
      notes: (use.framework === 'config' && hfActivationNote(use.spelling)) || def.notes,
      placement: use.gating ? undefined : placement(stackInfos(model), use),
      plotCommand: settings.plotLink ? plotCommandUri(use) : undefined,
    });
    return { contents: { kind: MarkupKind.Markdown, value }, range: use.range };
  }
  const loss = innermost(model.losses, position);
  if (loss) return { contents: { kind: MarkupKind.Markdown, value: lossHover(loss) }, range: loss.range };
  return null;
}
