// Layer chains that share their prefixes. Darknet and Caffe layers extend the chain of their input,
// and branches extend the same chain, so copying an array per layer cost quadratic time (a 1 MB
// cfg took seconds). A chain is its last link; arrays are built only for the stacks reported.

import type { Layer } from '../../model/layerStack';

interface Link { readonly layer: Layer; readonly previous: Link | undefined }

export interface Chain { readonly last: Link | undefined; readonly length: number; readonly residual: boolean }

export const EMPTY_CHAIN: Chain = { last: undefined, length: 0, residual: false };

/** `chain` followed by `layers`; sharing `chain`, which stays as it was. */
export function extend(chain: Chain, layers: readonly Layer[], residual = chain.residual): Chain {
  let last = chain.last;
  for (const layer of layers) last = { layer, previous: last };
  return { last, length: chain.length + layers.length, residual };
}

export function lastLayer(chain: Chain): Layer | undefined {
  return chain.last?.layer;
}

/** The chain's layers, first to last. */
export function chainLayers(chain: Chain): Layer[] {
  const layers = new Array<Layer>(chain.length);
  let link = chain.last;
  for (let i = chain.length - 1; link; i--, link = link.previous) layers[i] = link.layer;
  return layers;
}

/** The first of the longest chains (the empty chain when there are none): what a merge of branches continues. */
export function longest(chains: readonly Chain[]): Chain {
  return chains.reduce((a, b) => (b.length > a.length ? b : a), EMPTY_CHAIN);
}
