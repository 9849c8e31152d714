// Hover lookup: the activation or loss under the cursor, with its place in a layer stack.

import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { getActivation, properties } from '../../shared/activations';
import { COMMANDS, type PlotActivationArgs, type StackInfo } from '../../shared/protocol';
import type { ActivationUse, Range } from '../model/layerStack';
import { appliedActivation, outputActivationIndex } from '../rules/stackShape';
import type { DocumentAnalysis } from './documentAnalysis';
import { activationHover, lossHover, type LayerPlacement } from './hoverText';
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

function placement(stacks: readonly StackInfo[], use: ActivationUse): LayerPlacement | undefined {
  for (const stack of stacks) {
    const layerIndex = stack.layers.findIndex((l) => l.activation && l.activation.id === use.id && sameRange(l.activation.range, use.range));
    if (layerIndex < 0) continue;
    const k = stack.gradient.layerIndex.indexOf(layerIndex);
    if (k < 0 || !appliedActivation(stack.layers[layerIndex])) return undefined;
    const output = outputActivationIndex(stack);
    const hiddenLayers = stack.gradient.layerIndex.filter((i) => i !== output);
    const gradient = { typical: stack.gradient.typical[k], bound: stack.gradient.bound[k], assumptions: stack.gradient.assumptions };
    return layerIndex === output
      ? { stackName: stack.name, gradient }
      : { stackName: stack.name, hidden: { index: hiddenLayers.indexOf(layerIndex) + 1, of: hiddenLayers.length }, gradient };
  }
  return undefined;
}

function changedParams(use: ActivationUse): string[] {
  const def = getActivation(use.id);
  if (!def) return [];
  return def.params.filter((spec) => use.params[spec.name] !== undefined && use.params[spec.name] !== spec.default).map((spec) => `${spec.name}=${use.params[spec.name]}`);
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
    const value = activationHover({
      use,
      title: def.title,
      formula: def.formula,
      changedParams: changedParams(use),
      properties: properties(use.id, use.params),
      notes: def.notes,
      placement: use.gating ? undefined : placement(stackInfos(model), use),
      plotCommand: settings.plotLink ? plotCommandUri(use) : undefined,
    });
    return { contents: { kind: MarkupKind.Markdown, value }, range: use.range };
  }
  const loss = innermost(model.losses, position);
  if (loss) return { contents: { kind: MarkupKind.Markdown, value: lossHover(loss) }, range: loss.range };
  return null;
}
