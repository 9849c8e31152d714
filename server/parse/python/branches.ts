// Both sides of a condition the analysis cannot decide: each arm runs from the same state, then
// every variable or attribute an arm assigned gets the join of what the arms left in it.

import { join, type Value } from './values';

export type Status = 'normal' | 'return';

/** Variables written inside an arm, with the values they had before it. */
type Frame = Map<Map<string, Value>, Map<string, Value | undefined>>;

export class Branches {
  private readonly frames: Frame[] = [];
  /** How many undecided conditions enclose the code being evaluated. */
  depth = 0;

  /** Every write to a variable map or instance attribute map goes through here. */
  write(map: Map<string, Value>, key: string, value: Value): void {
    const frame = this.frames[this.frames.length - 1];
    if (frame) {
      let olds = frame.get(map);
      if (!olds) frame.set(map, (olds = new Map()));
      if (!olds.has(key)) olds.set(key, map.get(key));
    }
    map.set(key, value);
  }

  /** Runs the arms; an arm that returned does not reach the code after the branch, so it does not contribute. */
  run(arms: (() => Status)[]): Status {
    const before: Frame = new Map();
    const outcomes: { written: Frame; status: Status }[] = [];
    this.depth++;
    for (const arm of arms) {
      this.frames.push(new Map());
      const status = arm();
      outcomes.push({ written: this.undo(this.frames.pop()!, before), status });
    }
    this.depth--;
    const live = outcomes.filter((o) => o.status === 'normal');
    if (live.length === 0) return 'return';
    for (const [map, olds] of before) {
      for (const [key, old] of olds) {
        const values = live.map((o) => (o.written.get(map)?.has(key) ? o.written.get(map)!.get(key) : old));
        if (values.some((v) => v !== undefined)) this.write(map, key, join(values));
      }
    }
    return 'normal';
  }

  /** Restores what an arm wrote; returns what it wrote, and records first values in `before`. */
  private undo(frame: Frame, before: Frame): Frame {
    const written: Frame = new Map();
    for (const [map, olds] of frame) {
      const now = new Map<string, Value | undefined>();
      let seen = before.get(map);
      if (!seen) before.set(map, (seen = new Map()));
      for (const [key, old] of olds) {
        now.set(key, map.get(key));
        if (!seen.has(key)) seen.set(key, old);
        if (old === undefined) map.delete(key);
        else map.set(key, old);
      }
      written.set(map, now);
    }
    return written;
  }
}
