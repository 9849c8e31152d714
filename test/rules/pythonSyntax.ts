// Whether Python source parses without error nodes (lezer's Python grammar), for checking fix output.

import { parser } from '@lezer/python';

export function syntaxErrors(text: string): number[] {
  const errors: number[] = [];
  parser.parse(text).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(node.from);
    },
  });
  return errors;
}
