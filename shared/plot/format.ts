// Number formatting for read-outs, tick labels and exports: short, and honest about magnitude.

/** Four significant digits; scientific notation outside [1e-3, 1e5) so 1e-12 never reads as 0. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  const s = a >= 1e5 || a < 1e-3 ? v.toExponential(2) : String(Number(v.toPrecision(4)));
  return s.replace('-', '−');
}

/** A tick label: as few digits as the tick step needs. */
export function formatTick(v: number, step: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(Math.max(0, Math.round(-Math.log10(step / a)))).replace('-', '−');
  const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
  return v.toFixed(Math.min(decimals, 10)).replace('-', '−');
}
