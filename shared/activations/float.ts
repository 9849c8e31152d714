// Neighbouring doubles, for one-sided values at kinks.
const buffer = new DataView(new ArrayBuffer(8));

function step(x: number, up: boolean): number {
  if (Number.isNaN(x) || x === (up ? Infinity : -Infinity)) return x;
  if (x === 0) return up ? Number.MIN_VALUE : -Number.MIN_VALUE;
  buffer.setFloat64(0, x);
  const bits = buffer.getBigUint64(0);
  // Away from zero the bit pattern grows with |x|: increment for the outward step, decrement inward.
  buffer.setBigUint64(0, (x > 0) === up ? bits + 1n : bits - 1n);
  return buffer.getFloat64(0);
}

/** The smallest double greater than x. */
export function nextUp(x: number): number {
  return step(x, true);
}

/** The largest double less than x. */
export function nextDown(x: number): number {
  return step(x, false);
}
