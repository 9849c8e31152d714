// lezer's tree in flat arrays, in pre-order: a node is an index, its children follow it, and
// `end` is the index after its subtree. The converter walks these instead of SyntaxNode objects,
// which lezer allocates on every step (the conversion allocated more than the parse).

import type { Tree } from '@lezer/common';

export class FlatTree {
  types = new Uint16Array(1024);
  from = new Int32Array(1024);
  to = new Int32Array(1024);
  end = new Int32Array(1024);
  size = 0;

  /** Loads `tree` (same nodes as SyntaxNode walks see: anonymous nodes are left out, their children kept). */
  load(tree: Tree): this {
    this.size = 0;
    const open: number[] = [];
    tree.iterate({
      enter: (c) => {
        const i = this.size++;
        if (i === this.types.length) this.grow();
        this.types[i] = c.type.id;
        this.from[i] = c.from;
        this.to[i] = c.to;
        open.push(i);
      },
      leave: () => {
        this.end[open.pop()!] = this.size;
      },
    });
    return this;
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
