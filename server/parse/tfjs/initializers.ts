// `kernelInitializer` / `biasInitializer` of a TF.js layer config: a name (`'heNormal'`) or an
// initialiser call (`tf.initializers.randomNormal({stddev: 0.01})`), read with the Keras mapping
// in TF.js's own variant (shared/activations/initSpellings).

import type { SyntaxNode } from '@lezer/common';
import { kerasInitializer, type InitReading } from '../../../shared/activations/initSpellings';
import type { InitSetting, LayerInit } from '../../model/layerStack';
import type { LineIndex } from '../python/positions';
import { callArguments, literal, memberPath, objectProperties, unwrap, type Source } from './syntax';

type Config = ReturnType<typeof objectProperties>;

function reading(src: Source, node: SyntaxNode): InitReading | undefined {
  const value = unwrap(node);
  const name = literal(src, value);
  if (typeof name === 'string') return kerasInitializer(name, () => undefined, 'tfjs');
  if (value.name !== 'CallExpression') return undefined;
  const path = memberPath(src, value.firstChild!);
  if (!path || !path.slice(0, -1).includes('initializers')) return undefined;
  const options = objectProperties(src, callArguments(value)[0]);
  // An option that is there but not a literal reads as NaN: no reading rather than the default.
  const option = (key: string) => {
    const v = options.get(key)?.value;
    if (!v) return undefined;
    const lit = literal(src, v);
    return typeof lit === 'number' || typeof lit === 'string' ? lit : NaN;
  };
  return kerasInitializer(path[path.length - 1], option, 'tfjs');
}

function setting<T>(src: Source, lines: LineIndex, key: string, prop: { key: SyntaxNode; value: SyntaxNode }, pick: (r: InitReading) => T | undefined): InitSetting<T> {
  const r = reading(src, prop.value);
  const init = r && pick(r);
  const range = lines.range(prop.key.from, prop.value.to);
  return init ? { init, label: r.label, source: key, range } : { label: src.of(prop.value), source: key, range };
}

/** The initialisers a layer config sets, or undefined when it sets none. */
export function configInit(src: Source, lines: LineIndex, config: Config): LayerInit | undefined {
  const kernel = config.get('kernelInitializer');
  const bias = config.get('biasInitializer');
  if (!kernel && !bias) return undefined;
  const init: LayerInit = {};
  if (kernel) init.weight = setting(src, lines, 'kernelInitializer', kernel, (r) => r.weight);
  if (bias) init.bias = setting(src, lines, 'biasInitializer', bias, (r) => r.bias);
  return init;
}
