// Method calls on values: tensor methods on flows (`.view`, `.sigmoid()`, `.masked_fill`),
// list and container mutation (`append`, `add`, `add_module`), and `model.compile(loss=...)`.

import type { ActivationUse, LossUse } from '../../model/layerStack';
import type { UseContext } from './activationUses';
import type { Expr } from './ast';
import type { Candidates } from './candidates';
import { canonical, METADATA, PASS_THROUGH, REDUCTIONS } from './catalog';
import type { LayerFactory } from './layers';
import { callableLoss, stringLoss } from './losses';
import type { Registry } from './registry';
import { argument, type CallSite } from './site';
import { flow, NONE, solid, UNKNOWN, type Flow, type Item, type Value } from './values';

/** Methods of modules that return the module itself. */
const SELF_RETURNING = new Set(['to', 'cuda', 'cpu', 'train', 'eval', 'double', 'float', 'half', 'bfloat16', 'apply', 'requires_grad_', 'share_memory']);

export interface MethodHost {
  readonly registry: Registry;
  readonly layers: LayerFactory;
  readonly use: UseContext;
  readonly models: Candidates;
  /** How many undecided conditions enclose the call: containers mutated under them get conditional items. */
  readonly condDepth: number;
  applyActivation(data: Value | undefined, use: ActivationUse, site: CallSite): Value;
  binary(op: string, a: Value, b: Value, site: object, span: { from: number; to: number }, name?: string): Value;
  opaque(site: CallSite, values: Value[]): Value;
  write(map: Map<string, Value>, key: string, value: Value): void;
}

export function callMethod(h: MethodHost, f: Extract<Value, { t: 'bound' }>, site: CallSite): Value {
  const recv = f.recv;
  const name = f.name;
  if (recv.t === 'flow') return tensorMethod(h, recv, name, f.node, site);
  if (SELF_RETURNING.has(name) && (recv.t === 'object' || recv.t === 'seq' || recv.t === 'layer' || recv.t === 'model')) return recv;
  if (name === 'compile') {
    const candidate = recv.t === 'seq' ? recv.seq.candidate : recv.t === 'model' ? recv.model.candidate
      : recv.t === 'object' && recv.obj.cls.framework ? h.models.forClass(recv.obj.cls) : undefined;
    const loss = compiledLoss(h, site);
    if (candidate && loss) h.models.tieTo(candidate, loss);
    return NONE;
  }
  if (recv.t === 'list' || recv.t === 'seq') return containerMethod(h, recv.t === 'list' ? recv.list : recv.seq, name, site);
  if (recv.t === 'object' && (name === 'add_module' || name === 'register_module')) {
    const [key, value] = site.args;
    if (key?.t === 'str' && value) h.write(recv.obj.attrs, key.v, value);
    return NONE;
  }
  // A submodule the analysis did not see built (`self.drop` set up elsewhere) is still a step of the flow.
  return recv.t === 'object' ? h.opaque(site, site.args) : UNKNOWN;
}

function containerMethod(h: MethodHost, list: { items: Item[]; createdDepth: number }, name: string, site: CallSite): Value {
  switch (name) {
    case 'append': case 'add':
      if (site.args[0]) extend(h, list, [{ value: site.args[0], conditional: false, span: site.argNodes[0] }]);
      return NONE;
    case 'add_module': case 'register_module':
      if (site.args[1]) extend(h, list, [{ value: site.args[1], conditional: false, span: site.argNodes[1] }]);
      return NONE;
    case 'extend':
      if (site.args[0]?.t === 'list') extend(h, list, site.args[0].list.items);
      return NONE;
    case 'insert': {
      const [at, value] = site.args;
      if (at?.t === 'num' && at.v === 0 && value) list.items.unshift({ value, conditional: h.condDepth > list.createdDepth });
      else if (value) extend(h, list, [{ value, conditional: false }]);
      return NONE;
    }
    case 'pop':
      return site.args.length === 0 && !list.items.some((i) => i.conditional) ? list.items.pop()?.value ?? UNKNOWN : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

function tensorMethod(h: MethodHost, recv: Flow, name: string, node: Expr, site: CallSite): Value {
  const use = h.registry.activations.get(site.node);
  if (use) return h.applyActivation(recv, use, site);
  if (PASS_THROUGH.has(name)) return recv;
  if (METADATA.has(name)) return UNKNOWN;
  const span = { from: node.to - name.length - 1, to: site.node.to };
  const other = site.args[0] ?? UNKNOWN;
  if (name === 'matmul' || name === 'mm' || name === 'bmm') return h.binary('@', recv, other, site.node, span, `.${name}`);
  if (name === 'mul' || name === 'mul_') return h.binary('*', recv, other, site.node, span, `.${name}`);
  if (name === 'add' || name === 'add_') return h.binary('+', recv, other, site.node, span, `.${name}`);
  const kind = REDUCTIONS.has(name) ? 'pooling' : 'unknown';
  return flow(solid(recv).then(h.layers.at(site.node, span, kind, `.${name}`)));
}

/** Appends items; under an undecided condition the container did not start under, they are conditional. */
export function extend(h: Pick<MethodHost, 'condDepth'>, list: { items: Item[]; createdDepth: number }, items: Item[]): void {
  const conditional = h.condDepth > list.createdDepth;
  for (const i of items) list.items.push({ ...i, conditional: i.conditional || conditional });
}

/** The loss `model.compile(loss=...)` names (also `compile(optimizer, loss)`). */
function compiledLoss(h: MethodHost, site: CallSite): LossUse | undefined {
  const v = argument(site, 1, 'loss');
  if (!v) return undefined;
  if (v.t === 'loss') return v.loss;
  if (v.t === 'str' && v.node?.k === 'str') {
    const node = v.node;
    return h.registry.loss(node, () => stringLoss(h.use, node));
  }
  if (v.t === 'ref') {
    const c = canonical(v.qname);
    return c && h.registry.loss(v.node, () => callableLoss(h.use, v.node, c));
  }
  return undefined;
}
