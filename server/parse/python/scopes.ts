// Name resolution: which dotted framework path a name in the file stands for. Imports bind names
// to paths; definitions in the file (classes, functions, assignments, parameters) shadow
// framework names; names nothing binds fall back to the idioms everyone recognises (`nn`, `F`,
// `tf`, a bare `Dense`) so pasted snippets and notebook cells without imports still resolve.

import type { ClassDef, Expr, FunctionDef, Stmt } from './ast';
import { eachStmtBody } from './ast';
import { canonical, KERAS_LAYERS, TORCH_LAYERS } from './catalog';

export type Binding =
  | { kind: 'import'; path: string }
  /** Defined in the file: a class, function, parameter or variable, never a framework name. */
  | { kind: 'local' }
  /** A module-level alias of a dotted name: `Dense = tf.keras.layers.Dense`. */
  | { kind: 'alias'; expr: Expr };

export class Scope {
  readonly names = new Map<string, Binding>();
  /** Modules imported with `from m import *`. */
  readonly starModules: string[] = [];

  constructor(readonly parent?: Scope) {}

  lookup(name: string): { binding: Binding; scope: Scope } | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const binding = s.names.get(name);
      if (binding) return { binding, scope: s };
    }
    return undefined;
  }

  root(): Scope {
    let s: Scope = this;
    while (s.parent) s = s.parent;
    return s;
  }
}

/** Which frameworks the file's imports mention; bare-name fallbacks use it. */
export interface FrameworkEvidence {
  torch: boolean;
  keras: boolean;
  tensorflow: boolean;
}

/** The conventional aliases, used when the file does not import them (a pasted snippet). */
const CONVENTIONAL: Readonly<Record<string, string>> = {
  torch: 'torch', nn: 'torch.nn', F: 'torch.nn.functional', tf: 'tensorflow', keras: 'keras', layers: 'keras.layers',
  activations: 'keras.activations', losses: 'keras.losses', K: 'keras.backend', np: 'numpy', math: 'math', jnp: 'jax.numpy',
};

/** Activation layers both frameworks spell the same way; a bare one follows the file's framework. */
const KERAS_ACTIVATION_LAYERS = new Set(['ReLU', 'LeakyReLU', 'PReLU', 'ELU', 'Softmax']);

/** Names that no fallback may claim: Python builtins a file uses without defining. */
const BUILTINS = new Set(['range', 'len', 'print', 'super', 'enumerate', 'zip', 'getattr', 'setattr', 'hasattr', 'isinstance', 'int',
  'float', 'str', 'list', 'tuple', 'dict', 'set', 'reversed', 'sorted', 'min', 'max', 'sum', 'abs', 'round', 'map', 'filter', 'iter',
  'next', 'type', 'object', 'bool', 'callable', 'any', 'all', 'open', 'vars', 'id', 'hash', 'format', 'repr', 'slice', 'divmod', 'pow']);

export interface ScopeTable {
  module: Scope;
  /** The scope of each function and class body. */
  of: Map<FunctionDef | ClassDef, Scope>;
  evidence: FrameworkEvidence;
  /** Every import path of the file, dotted (`keras.layers.core.Dense`), for version heuristics. */
  importPaths: string[];
  /** Names some scope binds to an import or an alias: with the fallbacks, the only names that can resolve. */
  importedNames: Set<string>;
}

export function buildScopes(module: Stmt[]): ScopeTable {
  const table: ScopeTable = {
    module: new Scope(), of: new Map(), evidence: { torch: false, keras: false, tensorflow: false }, importPaths: [], importedNames: new Set(),
  };
  declare(module, table.module, table, true, false);
  return table;
}

function declareTarget(e: Expr, scope: Scope): void {
  if (e.k === 'name') scope.names.set(e.name, { kind: 'local' });
  else if (e.k === 'tuple' || e.k === 'list') for (const item of e.items) declareTarget(item, scope);
  else if (e.k === 'star') declareTarget(e.value, scope);
}

/** Records the bindings a block makes in `scope`, descending into nested blocks of the same scope. */
function declare(body: Stmt[], scope: Scope, table: ScopeTable, moduleLevel: boolean, classBody: boolean): void {
  const nested = (b: Stmt[]) => declare(b, scope, table, moduleLevel, classBody);
  for (const s of body) {
    switch (s.k) {
      case 'import':
        declareImport(s, scope, table);
        break;
      case 'assign': {
        const single = s.targets.length === 1 && s.targets[0].k === 'name' ? s.targets[0].name : undefined;
        const value = s.value;
        if (moduleLevel && single && (value.k === 'attr' || value.k === 'name') && !scope.names.has(single)) {
          scope.names.set(single, { kind: 'alias', expr: value });
          table.importedNames.add(single);
        } else {
          for (const t of s.targets) declareTarget(t, scope);
        }
        break;
      }
      case 'aug':
        declareTarget(s.target, scope);
        break;
      case 'for':
        declareTarget(s.target, scope);
        break;
      case 'with':
        for (const item of s.items) if (item.target) declareTarget(item.target, scope);
        break;
      case 'def': {
        scope.names.set(s.name, { kind: 'local' });
        // Methods do not see class-level names: their scope hangs off the class's enclosing one.
        const inner = new Scope(classBody ? scope.parent : scope);
        for (const p of s.params) inner.names.set(p.name, { kind: 'local' });
        table.of.set(s, inner);
        declare(s.body, inner, table, false, false);
        continue;
      }
      case 'class': {
        scope.names.set(s.name, { kind: 'local' });
        const inner = new Scope(scope);
        table.of.set(s, inner);
        declare(s.body, inner, table, false, true);
        continue;
      }
      default:
        break;
    }
    eachStmtBody(s, nested);
  }
}

function declareImport(s: Extract<Stmt, { k: 'import' }>, scope: Scope, table: ScopeTable): void {
  const note = (path: string) => {
    table.importPaths.push(path);
    const top = path.split('.')[0];
    if (top === 'torch' || top === 'torchvision' || top === 'pytorch_lightning' || top === 'lightning') table.evidence.torch = true;
    if (top === 'keras' || top === 'tf_keras') table.evidence.keras = true;
    if (top === 'tensorflow') table.evidence.tensorflow = true;
  };
  if (s.module === undefined) {
    for (const n of s.names) {
      note(n.path);
      // `import torch.nn` binds `torch`; `import torch.nn as nn` binds `nn` to the full path.
      const name = n.alias ? n.alias : n.path.split('.')[0];
      scope.names.set(name, { kind: 'import', path: n.alias ? n.path : name });
      table.importedNames.add(name);
    }
    return;
  }
  if (s.module.startsWith('.')) {
    // Relative imports are the project's own modules: they shadow framework names.
    for (const n of s.names) scope.names.set(n.alias ?? n.path, { kind: 'local' });
    return;
  }
  const from = s.module;
  note(from);
  if (s.star) scope.starModules.push(from);
  for (const n of s.names) {
    note(`${from}.${n.path}`);
    scope.names.set(n.alias ?? n.path, { kind: 'import', path: `${from}.${n.path}` });
    table.importedNames.add(n.alias ?? n.path);
  }
}

/** Every name `Resolver.fallback` can resolve without a star import. */
const FALLBACK_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(CONVENTIONAL), ...Object.keys(TORCH_LAYERS), ...KERAS_ACTIVATION_LAYERS, ...Object.keys(KERAS_LAYERS),
  'Activation', 'Input', 'Sequential', 'Model',
]);

/** Resolves names and attribute chains to dotted framework paths. */
export class Resolver {
  constructor(private readonly table: ScopeTable) {}

  get evidence(): FrameworkEvidence {
    return this.table.evidence;
  }

  /** The dotted path `e` stands for, or undefined when it is not a (known) module member. */
  qualify(e: Expr, scope: Scope): string | undefined {
    // Most names are the file's own (`self`, `x`): settled by their root name, before any scope is searched.
    let root = e;
    while (root.k === 'attr') root = root.obj;
    if (root.k !== 'name' || !this.mayResolve(root.name)) return undefined;
    return this.resolve(e, scope, 0);
  }

  /** Whether a name can stand for a module member in some scope: imported or aliased somewhere, or one the fallbacks know. */
  private mayResolve(name: string): boolean {
    return this.table.importedNames.has(name) || FALLBACK_NAMES.has(name) || this.table.module.starModules.length > 0;
  }

  private resolve(e: Expr, scope: Scope, depth: number): string | undefined {
    if (depth > 20) return undefined;
    if (e.k === 'attr') {
      const base = this.resolve(e.obj, scope, depth + 1);
      return base === undefined ? undefined : `${base}.${e.attr}`;
    }
    if (e.k !== 'name') return undefined;
    const found = scope.lookup(e.name);
    if (found) {
      const b = found.binding;
      if (b.kind === 'import') return b.path;
      if (b.kind === 'alias') return this.resolve(b.expr, found.scope, depth + 1);
      return undefined;
    }
    return this.fallback(e.name, scope.root());
  }

  /** A name nothing in the file binds: star imports first, then the idioms. */
  private fallback(name: string, module: Scope): string | undefined {
    if (BUILTINS.has(name)) return undefined;
    for (const m of module.starModules) {
      if (canonical(`${m}.${name}`)) return `${m}.${name}`;
    }
    if (name in CONVENTIONAL) return CONVENTIONAL[name];
    const { torch, keras, tensorflow } = this.table.evidence;
    const torchFile = torch && !keras && !tensorflow;
    if (name in TORCH_LAYERS && (torchFile || !(name in KERAS_LAYERS))) return `torch.nn.${name}`;
    if (KERAS_ACTIVATION_LAYERS.has(name)) return torchFile ? `torch.nn.${name}` : `keras.layers.${name}`;
    if (name in KERAS_LAYERS || name === 'Activation' || name === 'Input') return `keras.layers.${name}`;
    if ((name === 'Sequential' || name === 'Model') && !torchFile) return `keras.models.${name}`;
    if (name === 'Sequential' && torchFile) return 'torch.nn.Sequential';
    return undefined;
  }
}
