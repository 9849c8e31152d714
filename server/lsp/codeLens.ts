// One code lens above each layer stack: its size and the typical gradient reaching its first
// activation, with a command that opens the gradient-flow plot.

import type { CodeLens } from 'vscode-languageserver';
import { COMMANDS, type PlotGradientFlowArgs, type StackInfo } from '../../shared/protocol';
import { formatNumber } from './hoverText';

export function codeLensTitle(stack: StackInfo): string {
  const parts = [`${stack.layers.length} ${stack.layers.length === 1 ? 'layer' : 'layers'}${stack.residual ? ' (residual)' : ''}`];
  const atInput = stack.gradient.typical[0];
  // The init without where the code sets it: the hover and the plot say that.
  const init = stack.gradient.init?.replace(/ \(from [^)]*\)/g, '');
  if (atInput !== undefined) parts.push(`typical gradient at input ${formatNumber(atInput)}${init ? ` under ${init}` : ''}`);
  parts.push('Plot');
  return parts.join(' · ');
}

export function codeLenses(uri: string, stacks: readonly StackInfo[]): CodeLens[] {
  return stacks.map((stack, stackIndex) => {
    const args: PlotGradientFlowArgs = { uri, stackIndex };
    const at = stack.range.start;
    return { range: { start: at, end: at }, command: { title: codeLensTitle(stack), command: COMMANDS.plotGradientFlow, arguments: [args] } };
  });
}
