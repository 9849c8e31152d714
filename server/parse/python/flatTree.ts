// lezer's tree in flat arrays, in pre-order: a node is an index, its children follow it, and
// `end` is the index after its subtree. The converter walks these instead of SyntaxNode objects,
// which lezer allocates on every step (the conversion allocated more than the parse).

import { TreeBuffer, type Tree } from '@lezer/common';

export class FlatTree {
  types = new Uint16Array(1024);
  from = new Int32Array(1024);
  to = new Int32Array(1024);
  end = new Int32Array(1024);
  size = 0;

  /** Loads `tree`: the nodes SyntaxNode walks see (anonymous nodes are left out, their children kept). */
  load(tree: Tree): this {
    this.size = 0;
    this.tree(tree, 0);
    return this;
  }

  private tree(t: Tree, from: number): void {
    const i = t.type.isAnonymous ? -1 : this.add(t.type.id, from, from + t.length);
    for (let k = 0; k < t.children.length; k++) {
      const child = t.children[k];
      const at = from + t.positions[k];
      if (child instanceof TreeBuffer) this.buffer(child, at);
      else this.tree(child, at);
    }
    if (i >= 0) this.end[i] = this.size;
  }

  /** A buffer holds nodes in pre-order, four numbers each: type, start, end (from `from`) and the buffer index after its subtree. */
  private buffer(b: TreeBuffer, from: number): void {
    const buf = b.buffer;
    const types = b.set.types;
    // Open named nodes: their flat index and where their subtree ends in the buffer.
    const open: number[] = [];
    for (let j = 0; j < buf.length; j += 4) {
      while (open.length && open[open.length - 1] <= j) {
        open.pop();
        this.end[open.pop()!] = this.size;
      }
      const type = buf[j];
      if (types[type].isAnonymous) continue;
      open.push(this.add(type, from + buf[j + 1], from + buf[j + 2]), buf[j + 3]);
    }
    while (open.length) {
      open.pop();
      this.end[open.pop()!] = this.size;
    }
  }

  private add(type: number, from: number, to: number): number {
    const i = this.size++;
    if (i === this.types.length) this.grow();
    this.types[i] = type;
    this.from[i] = from;
    this.to[i] = to;
    return i;
  }

  /** Index of the first child of `i`, or -1. */
  firstChild(i: number): number {
    return this.end[i] > i + 1 ? i + 1 : -1;
  }

  /** Index of the next sibling of child `i` of `parent`, or -1. */
  nextSibling(i: number, parent: number): number {
    return this.end[i] < this.end[parent] ? this.end[i] : -1;
  }

  private grow(): void {
    const n = this.types.length * 2;
    const copy = <T extends Uint16Array | Int32Array>(a: T, make: new (n: number) => T): T => {
      const b = new make(n);
      b.set(a);
      return b;
    };
    this.types = copy(this.types, Uint16Array);
    this.from = copy(this.from, Int32Array);
    this.to = copy(this.to, Int32Array);
    this.end = copy(this.end, Int32Array);
  }
}
