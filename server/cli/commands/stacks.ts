// `activation-lens stacks PATH [--format text|json]`: the layer stacks the analyser sees, with each
// activation's cumulative gradient estimate from the output back to it (init-aware where the
// stack maps onto the mean-field model).

import type { LayerStack, Range } from '../../model/layerStack';
import { analyze } from '../../analysis/analyze';
import { appliedActivation } from '../../rules/stackShape';
import { estimable } from '../../rules/gradientChain';
import { stackGradient, whyNoFigure } from '../../analysis/stackGradient';
import { collectFiles, displayPath, readSource } from '../files';
import { parseCommandArgs } from '../usage';
import { version } from '../../../package.json';

const HELP = `Usage: activation-lens stacks PATH [--format text|json]

Show each layer stack found in PATH (a file or folder): framework, layers, activations and their
parameters, the loss it feeds, and the gradient estimate at each activation relative to the output.`;

function position(r: Range) {
  return { start: { line: r.start.line + 1, column: r.start.character + 1 }, end: { line: r.end.line + 1, column: r.end.character + 1 } };
}

/**
 * One stack as printed: 1-based lines, and `gradient` on the layers the estimate runs through
 * (every scalar activation; a softmax output has no per-unit slope and is left out).
 */
export function describeStack(stack: LayerStack) {
  const chain = stack.layers.flatMap((layer, index) => {
    const use = appliedActivation(layer);
    return use && estimable(use) ? [{ index, use }] : [];
  });
  const estimate = stackGradient(stack, chain);
  const gradientAt = new Map(chain.map((c, i) => [c.index, estimate && { bound: estimate.bound[i], typical: estimate.typical[i] }]));
  return {
    framework: stack.framework,
    name: stack.name,
    range: position(stack.range),
    residual: stack.residual ?? false,
    loss: stack.loss
      ? { name: stack.loss.name, family: stack.loss.family, expects: stack.loss.expects, fromLogits: stack.loss.fromLogits, line: stack.loss.range.start.line + 1 }
      : null,
    layers: stack.layers.map((layer, index) => ({
      kind: layer.kind,
      name: layer.name,
      line: layer.range.start.line + 1,
      ...(layer.units !== undefined ? { units: layer.units } : {}),
      activation: layer.activation
        ? { id: layer.activation.id, params: layer.activation.params, spelling: layer.activation.spelling, ...(layer.activation.gating ? { gating: true } : {}) }
        : null,
      gradient: gradientAt.get(index) ?? null,
    })),
    init: estimate?.init ?? null,
    assumptions: estimate?.assumptions ?? whyNoFigure(stack, chain) ?? null,
  };
}

type StackView = ReturnType<typeof describeStack>;

function formatParams(params: Readonly<Record<string, number | string>>): string {
  const entries = Object.entries(params);
  return entries.length ? `(${entries.map(([k, v]) => `${k}=${v}`).join(', ')})` : '';
}

function formatText(files: { file: string; stacks: StackView[] }[]): string {
  const out: string[] = [];
  const assumptions = new Set<string>();
  for (const { file, stacks } of files) {
    for (const s of stacks) {
      const loss = s.loss ? `, loss ${s.loss.name} (${s.loss.family}, line ${s.loss.line})` : '';
      out.push(`${file}:${s.range.start.line}: ${s.name} [${s.framework}${s.residual ? ', residual' : ''}]${loss}`);
      for (const l of s.layers) {
        const act = l.activation ? `  ${l.activation.id}${formatParams(l.activation.params)}${l.activation.gating ? ' (gate)' : ''}` : '';
        const grad = l.gradient ? `  gradient: bound ${l.gradient.bound.toPrecision(3)}, typical ${l.gradient.typical.toPrecision(3)}` : '';
        out.push(`  ${String(l.line).padStart(5)}  ${l.kind.padEnd(13)} ${l.name}${act}${grad}`);
      }
      if (s.assumptions) assumptions.add(s.assumptions);
    }
  }
  if (out.length === 0) out.push('No layer stacks found.');
  for (const a of assumptions) out.push('', `Gradient estimates: ${a}`);
  return out.join('\n') + '\n';
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, { command: 'stacks', operand: 'PATH', options: {}, help: HELP });
  if (!args) return 0;

  const cwd = process.cwd();
  const files: { file: string; stacks: StackView[] }[] = [];
  let failed = false;
  for (const file of collectFiles([args.operand], cwd)) {
    const shown = displayPath(file, cwd);
    const source = readSource(file);
    if ('skipped' in source) {
      process.stderr.write(`activation-lens: warning: ${shown}: skipped: ${source.skipped}\n`);
      continue;
    }
    // Only the model is wanted here: select no rule.
    const result = analyze({ text: source.text, path: file }, { select: [] });
    if (result.model.skipped) {
      process.stderr.write(`activation-lens: warning: ${shown}: skipped: ${result.model.skipped}\n`);
      continue;
    }
    for (const e of result.errors ?? []) {
      failed = true;
      process.stderr.write(`activation-lens: internal error: ${e}\n`);
    }
    if (result.model.stacks.length) files.push({ file: shown, stacks: result.model.stacks.map(describeStack) });
  }
  process.stdout.write(args.format === 'json' ? JSON.stringify({ version, files }, null, 2) + '\n' : formatText(files));
  return failed ? 2 : 0;
}
