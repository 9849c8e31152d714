// Hand-built layer-stack models for rule unit tests: each layer on its own line, ranges on that line.

import type { ActivationUse, DocumentModel, Framework, Layer, LayerKind, LayerStack, LossUse, Range } from '../../server/model/layerStack';
import type { AnalysisSettings, Finding } from '../../server/rules/types';
import { runRules } from '../../server/analysis/runRules';
import { mergeSettings } from '../../server/analysis/settings';

export function on(line: number, start = 4, end = start + 10): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

export function use(id: string, line: number, extra: Partial<ActivationUse> = {}): ActivationUse {
  return { id, params: {}, spelling: id, form: 'module', framework: 'pytorch', range: on(line), ...extra };
}

export function layer(kind: LayerKind, name: string, line: number, extra: Partial<Layer> = {}): Layer {
  return { kind, name, range: on(line), ...extra };
}

/** An activation layer (`nn.Sigmoid()`) on `line`. */
export function act(id: string, line: number, extra: Partial<ActivationUse> = {}): Layer {
  return layer('activation', id, line, { activation: use(id, line, extra) });
}

/** A Linear/Dense layer, optionally with a fused activation. */
export function dense(line: number, units?: number, activation?: string, framework: Framework = 'pytorch'): Layer {
  return layer('linear', framework === 'pytorch' ? 'nn.Linear' : 'Dense', line, {
    units,
    ...(activation ? { activation: use(activation, line, { form: 'string', framework, spelling: `"${activation}"` }) } : {}),
  });
}

export function loss(family: string, expects: LossUse['expects'], line: number, extra: Partial<LossUse> = {}): LossUse {
  return { name: family, family, expects, framework: 'pytorch', range: on(line, 0, 20), ...extra };
}

export function stack(layers: Layer[], extra: Partial<LayerStack> = {}): LayerStack {
  const lines = layers.map((l) => l.range.start.line);
  return {
    framework: 'pytorch',
    name: 'model',
    range: { start: { line: Math.min(...lines) - 1, character: 0 }, end: { line: Math.max(...lines) + 1, character: 1 } },
    layers,
    ...extra,
  };
}

export function model(...stacks: LayerStack[]): DocumentModel {
  const activations = stacks.flatMap((s) => s.layers.flatMap((l) => (l.activation ? [l.activation] : [])));
  return { stacks, activations, losses: stacks.flatMap((s) => (s.loss ? [s.loss] : [])) };
}

/** Findings of the rules on `m` (text is blank lines, so no fix applies), optionally only one code. */
export function findings(m: DocumentModel, code?: string, settings: Partial<AnalysisSettings> = {}): Finding[] {
  const { findings, errors } = runRules(m, '\n'.repeat(200), mergeSettings(settings));
  if (errors.length) throw new Error(errors.join('\n'));
  return code ? findings.filter((f) => f.code === code) : findings;
}

/** `CODE@line` of each finding, 0-based lines. */
export function summary(fs: Finding[]): string[] {
  return fs.map((f) => `${f.code}@${f.range.start.line}`);
}
