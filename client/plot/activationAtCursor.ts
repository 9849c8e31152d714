// The activation named at the cursor (`nn.Sigmoid`, `F.relu`, `"gelu"`, `tf.nn.relu`), for
// pre-selecting it in the quick pick. A guess from the text alone: no server round trip.

import type * as vscode from 'vscode';
import { lookupActivation } from '../../shared/activations';

/** A dotted identifier path: `torch.nn.functional.leaky_relu`. */
const DOTTED_NAME = /[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/;

export function activationAt(document: vscode.TextDocument, position: vscode.Position): string | undefined {
  const range = document.getWordRangeAtPosition(position, DOTTED_NAME);
  if (!range) return undefined;
  const name = document.getText(range);
  // The full path first (it disambiguates framework variants), then its last segment.
  return (lookupActivation(name) ?? lookupActivation(name.slice(name.lastIndexOf('.') + 1)))?.id;
}
