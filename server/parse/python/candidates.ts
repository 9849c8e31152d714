// Models the evaluator finds (classes, functions, Sequentials, Keras functional models), their
// names, and the losses tied to their outputs.

import type { Framework, LossUse } from '../../model/layerStack';
import type { CallExpr, Expr, Span } from './ast';
import { expectationKnown } from './losses';
import type { Candidate, Chain, ClassInfo, FuncInfo, Item, SequenceValue, Value } from './values';

export class Candidates {
  readonly all: Candidate[] = [];
  /** The first evaluation of each Sequential, which stands for its construction site. */
  readonly sequences = new Map<Candidate, SequenceValue>();
  private readonly byCall = new Map<CallExpr, Candidate>();
  /** Chains a loss reads, for models whose own code computes the loss on their output. */
  private readonly consumed = new Map<Chain, LossUse>();
  /** The output chain of each model evaluated on its own. */
  private readonly outputs = new Map<Candidate, Chain>();
  /** Graphs built in straight-line code from an input (`tf.placeholder`), by the chain a loss reads. */
  private readonly graphs = new Map<Chain, Candidate>();

  /** `fileFramework`: the framework of stacks that do not say (a function of tf.layers or of the file's own classes). */
  constructor(private readonly fileFramework: Framework) {}

  forClass(cls: ClassInfo): Candidate {
    cls.candidate ??= this.make('class', cls.def.name, cls.def.nameSpan, cls.framework ?? this.fileFramework, cls.def.name);
    return cls.candidate;
  }

  forFunction(fn: FuncInfo): Candidate {
    const name = fn.cls ? `${fn.cls.def.name}.${fn.def.name}` : fn.def.name;
    fn.candidate ??= this.make('function', name, fn.def.nameSpan, fn.cls?.framework ?? this.fileFramework, name);
    return fn.candidate;
  }

  sequence(node: CallExpr, framework: Framework, items: Item[], createdDepth: number): SequenceValue {
    const known = this.byCall.get(node);
    const candidate = known ?? this.make('sequential', framework === 'pytorch' ? 'nn.Sequential' : 'Sequential', node, framework, undefined, node.incomplete);
    const seq: SequenceValue = { node, items, framework, createdDepth, candidate };
    if (!known) {
      this.byCall.set(node, candidate);
      this.sequences.set(candidate, seq);
    }
    return seq;
  }

  model(node: CallExpr, output: Chain): Candidate {
    let candidate = this.byCall.get(node);
    if (!candidate) {
      candidate = this.make('model', 'Model', node, 'keras', undefined, node.incomplete);
      this.setOutput(candidate, output);
      this.byCall.set(node, candidate);
    }
    return candidate;
  }

  /** The layers of a model, from its output as evaluated on its own (none when the output is not one known flow). */
  setOutput(candidate: Candidate, out: Chain | undefined): void {
    candidate.layers = out ? out.layers() : [];
    if (out) this.outputs.set(candidate, out);
  }

  /** The first variable a model is assigned to names it (`model = Sequential(...)`); instances are aliases of their class. */
  name(name: string, value: Value): void {
    const candidate = value.t === 'seq' ? value.seq.candidate : value.t === 'model' ? value.model.candidate
      : value.t === 'object' && value.obj.cls.framework ? this.forClass(value.obj.cls) : undefined;
    if (!candidate) return;
    if (candidate.kind === 'class') {
      if (!candidate.aliases.includes(name)) candidate.aliases.push(name);
    } else candidate.name ??= name;
  }

  /**
   * A loss reads `pred` (spelled `at`): it is tied to the model whose output that is. Data that
   * came from an input or a parameter through layers with no model around them (a TF1 graph
   * written at module level, an Estimator model_fn that computes its loss) is a model of its own,
   * named after the variable the loss reads.
   */
  tie(pred: Value | undefined, loss: LossUse, at?: Expr): void {
    if (pred?.t !== 'flow' || pred.uncertain) return;
    if (pred.model) this.tieTo(pred.model, loss);
    else if (at && (pred.chain.root === 'input' || pred.chain.root === 'param') && pred.chain.depth > 0) this.tieTo(this.graph(pred.chain, at), loss);
    if (!this.consumed.has(pred.chain)) this.consumed.set(pred.chain, loss);
  }

  private graph(chain: Chain, at: Expr): Candidate {
    let candidate = this.graphs.get(chain);
    if (!candidate) {
      candidate = this.make('graph', 'graph', at, this.fileFramework, dotted(at));
      candidate.layers = chain.layers();
      this.graphs.set(chain, candidate);
    }
    return candidate;
  }

  tieTo(candidate: Candidate, loss: LossUse): void {
    // A Keras crossentropy whose from_logits is computed reads what it reads: rules cannot judge it.
    if (!candidate.loss && expectationKnown(loss)) candidate.loss = loss;
  }

  /** Ties the models whose own code computes a loss on their output (a training_step, a forward with targets). */
  tieConsumed(): void {
    for (const [candidate, chain] of this.outputs) {
      const loss = this.consumed.get(chain);
      if (loss) this.tieTo(candidate, loss);
    }
  }

  /** A new candidate; one built by a call still being typed (`nn.Sequential(nn.Linear(12`) is kept out of the results. */
  private make(kind: Candidate['kind'], fallbackName: string, span: Span, framework: Framework, name?: string, incomplete = false): Candidate {
    const c: Candidate = { kind, fallbackName, span, framework, layers: [], aliases: [], ...(name ? { name } : {}) };
    if (!incomplete) this.all.push(c);
    return c;
  }
}

/** `logits`, `self.logits`: the variable a loss reads, when it is one (a short name chain). */
function dotted(e: Expr): string | undefined {
  const attrs: string[] = [];
  let cur = e;
  while (cur.k === 'attr' && attrs.length < 4) {
    attrs.unshift(cur.attr);
    cur = cur.obj;
  }
  return cur.k === 'name' ? [cur.name, ...attrs].join('.') : undefined;
}
