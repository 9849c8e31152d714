// `kernel_initializer` / `bias_initializer` of a layer in a Keras or TF.js model JSON: a serialized
// initializer `{"class_name": "HeNormal", "config": {...}}` (Keras 2 and 3, TF.js) or a name
// string, read with the Keras mapping (shared/activations/initSpellings) in the dialect of the
// program that saved the model: TF.js's normals are truncated without rescaling.

import type { Node } from 'jsonc-parser';
import { kerasInitializer, type InitReading } from '../../../shared/activations/initSpellings';
import type { InitSetting, LayerInit } from '../../model/layerStack';
import type { LineIndex } from '../python/positions';
import { member, primitive, property, rangeOf, sourceOf, stringValue } from './jsonTree';

type Dialect = 'keras' | 'tfjs';

function reading(value: Node, dialect: Dialect): InitReading | undefined {
  const name = stringValue(value) ?? stringValue(member(value, 'class_name'));
  if (name === undefined) return undefined;
  const config = member(value, 'config');
  const option = (key: string) => {
    const v = primitive(member(config, key));
    // null is a default (`"seed": null`); anything else that is not a number or string is unreadable.
    return v === undefined || v === null ? undefined : typeof v === 'number' || typeof v === 'string' ? v : NaN;
  };
  return kerasInitializer(name, option, dialect);
}

function setting<T>(text: string, lines: LineIndex, prop: Node, dialect: Dialect, pick: (r: InitReading) => T | undefined): InitSetting<T> | undefined {
  const key = prop.children?.[0]?.value as string;
  const value = prop.children?.[1];
  if (!value || value.type === 'null') return undefined;
  const r = reading(value, dialect);
  const init = r && pick(r);
  const range = rangeOf(lines, prop);
  return init ? { init, label: r.label, source: key, range } : { label: sourceOf(text, value), source: key, range };
}

/** The initialisers a layer's config sets, or undefined when it sets none. */
export function layerInit(text: string, lines: LineIndex, config: Node | undefined, dialect: Dialect): LayerInit | undefined {
  const kernel = property(config, 'kernel_initializer');
  const bias = property(config, 'bias_initializer');
  const weight = kernel && setting(text, lines, kernel, dialect, (r) => r.weight);
  const b = bias && setting(text, lines, bias, dialect, (r) => r.bias);
  if (!weight && !b) return undefined;
  return { ...(weight ? { weight } : {}), ...(b ? { bias: b } : {}) };
}
