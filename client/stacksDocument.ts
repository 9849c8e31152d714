// "Show Layer Stacks": the server's stacks of one file as a Markdown document, the information
// of the CLI's `stacks` text output (layers in order, activations, losses, gradient estimates).

import type { StackInfo } from '../shared/protocol';

/** Two significant digits, scientific outside [0.01, 1000): gradients span many decades. */
export function formatGradient(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 0.01 && a < 1000 ? String(Number(v.toPrecision(2))) : v.toExponential(1);
}

const line = (r: StackInfo['range']) => r.start.line + 1;

function activationCell(use: NonNullable<StackInfo['layers'][number]['activation']>): string {
  const params = Object.entries(use.params).map(([k, v]) => `${k}=${v}`).join(', ');
  return `\`${use.id}${params ? `(${params})` : ''}\`${use.gating ? ' (gate)' : ''}`;
}

function stackSection(stack: StackInfo, index: number): string[] {
  const out = [`## ${index + 1}. ${stack.name} (${stack.framework}, line ${line(stack.range)})`, ''];
  const notes: string[] = [];
  if (stack.loss) notes.push(`Loss: \`${stack.loss.name}\` (${stack.loss.family}, line ${line(stack.loss.range)}), expects ${stack.loss.expects}.`);
  if (stack.residual) notes.push('Has skip connections: gradients also bypass these layers, so the estimates are pessimistic.');
  if (notes.length) out.push(...notes, '');

  const gradientAt = new Map(stack.gradient.layerIndex.map((layer, k) => [layer, k]));
  out.push('| # | Line | Kind | Layer | Activation | Typical gradient | Bound |', '|---:|---:|---|---|---|---:|---:|');
  stack.layers.forEach((layer, i) => {
    const k = gradientAt.get(i);
    const typical = k === undefined ? '' : formatGradient(stack.gradient.typical[k]);
    const bound = k === undefined ? '' : formatGradient(stack.gradient.bound[k]);
    const act = layer.activation ? activationCell(layer.activation) : '';
    out.push(`| ${i + 1} | ${line(layer.range)} | ${layer.kind} | \`${layer.name}\` | ${act} | ${typical} | ${bound} |`);
  });
  if (stack.gradient.layerIndex.length) out.push('', `Gradient estimates, relative to the output: ${stack.gradient.assumptions}`);
  return out;
}

export function stacksMarkdown(fileName: string, stacks: readonly StackInfo[]): string {
  const title = `# Layer stacks in ${fileName}`;
  if (stacks.length === 0) return `${title}\n\nNo layer stacks found.\n`;
  return [title, '', ...stacks.flatMap((s, i) => [...stackSection(s, i), ''])].join('\n');
}
