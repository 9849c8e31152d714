// The activation and loss uses of a document, keyed by the syntax node that spells them. The
// syntactic pass fills it; the evaluator looks uses up by node and adds the ones only data flow
// reveals (a string default reaching `activation=`, an activation called through a variable).

import type { ActivationUse, LossUse } from '../../model/layerStack';
import type { Expr } from './ast';

export class Registry {
  readonly activations = new Map<Expr, ActivationUse>();
  readonly losses = new Map<Expr, LossUse>();

  /** The use at `node`, created by `make` the first time. */
  activation(node: Expr, make: () => ActivationUse | undefined): ActivationUse | undefined {
    const known = this.activations.get(node);
    if (known) return known;
    const made = make();
    if (made) this.activations.set(node, made);
    return made;
  }

  loss(node: Expr, make: () => LossUse | undefined): LossUse | undefined {
    const known = this.losses.get(node);
    if (known) return known;
    const made = make();
    if (made) this.losses.set(node, made);
    return made;
  }
}
