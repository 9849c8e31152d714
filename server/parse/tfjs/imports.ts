// Which names refer to TF.js: `import * as tf from '@tensorflow/tfjs'` (or -node, -node-gpu,
// -layers, -core), default imports, named imports (`import {layers, sequential as seq}`),
// `require` with or without destructuring, and the global `tf` of a <script> tag when the file
// binds no `tf` of its own. Each maps to a path under `tf`: `tf`, `tf.layers`, `tf.sequential`.

import type { SyntaxNode, Tree } from '@lezer/common';
import { children, parts, type Source } from './syntax';

const PACKAGE = /^@tensorflow\/tfjs(-node(-gpu)?|-layers|-core)?$/;

function moduleName(src: Source, n: SyntaxNode | null): string | undefined {
  if (n?.name !== 'String') return undefined;
  return src.of(n).slice(1, -1);
}

/** `require('@tensorflow/tfjs')` → true. */
function isRequire(src: Source, n: SyntaxNode | undefined): boolean {
  if (n?.name !== 'CallExpression') return false;
  const callee = n.firstChild;
  return callee?.name === 'VariableName' && src.of(callee) === 'require' && PACKAGE.test(moduleName(src, parts(n.getChild('ArgList'))[0] ?? null) ?? '');
}

/** `{a, b: c}` destructured from the package: local name → imported name. */
function patternBindings(src: Source, pattern: SyntaxNode, out: Map<string, string>): void {
  for (const p of children(pattern)) {
    if (p.name !== 'PatternProperty') continue;
    const names = parts(p);
    const local = names[names.length - 1];
    const imported = names[0];
    if (local?.name === 'VariableDefinition') out.set(src.of(local), `tf.${src.of(imported)}`);
  }
}

export function tfjsBindings(src: Source, tree: Tree): Map<string, string> {
  const out = new Map<string, string>();
  let bindsTf = false;
  for (const stmt of children(tree.topNode)) {
    if (stmt.name === 'ImportDeclaration') {
      const from = moduleName(src, stmt.getChild('String'));
      const defs = children(stmt);
      if (!from || !PACKAGE.test(from)) {
        bindsTf ||= defs.some((d) => d.name === 'VariableDefinition' && src.of(d) === 'tf');
        continue;
      }
      for (const d of defs) {
        if (d.name === 'VariableDefinition') out.set(src.of(d), 'tf'); // `* as tf` and default imports
        if (d.name !== 'ImportGroup') continue;
        let imported: string | undefined;
        for (const g of children(d)) {
          if (g.name === 'VariableName') imported = src.of(g);
          if (g.name === 'VariableDefinition') {
            out.set(src.of(g), `tf.${imported ?? src.of(g)}`);
            imported = undefined;
          }
        }
      }
    } else if (stmt.name === 'VariableDeclaration') {
      const items = parts(stmt);
      for (let i = 0; i < items.length; i++) {
        const target = items[i];
        const init = items[i + 1]?.name === 'TypeAnnotation' ? items[i + 2] : items[i + 1];
        if (target.name === 'VariableDefinition' && src.of(target) === 'tf') bindsTf = true;
        if (!isRequire(src, init)) continue;
        if (target.name === 'VariableDefinition') out.set(src.of(target), 'tf');
        else if (target.name === 'ObjectPattern') patternBindings(src, target, out);
      }
    }
  }
  if (!out.has('tf') && !bindsTf && /\btf\s*\.\s*\w/.test(src.text)) out.set('tf', 'tf');
  return out;
}
