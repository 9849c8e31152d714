// An SVG rendition of a plot, for "Copy as SVG" and "Save as… SVG". Pure string building: every
// text and attribute value passes through `escapeXml`, since labels come from the workspace.

import { formatTick } from './format';
import { linearTicks, logTicks } from './ticks';

export interface SvgLine {
  label: string;
  xs: readonly number[];
  ys: readonly (number | null)[];
  color: string;
  dashed: boolean;
  /** Draw a dot on each sample (sparse series such as per-layer values). */
  points?: boolean;
}

export interface SvgMarker {
  x: number;
  y: number;
  color: string;
  label: string;
}

/** A highlighted x-interval drawn as a strip along the bottom of the plot (one row per curve). */
export interface SvgStrip {
  from: number;
  to: number;
  color: string;
  row: number;
}

export interface SvgChart {
  title: string;
  xLabel: string;
  yLabel: string;
  xRange: readonly [number, number];
  logY: boolean;
  /** Categorical x-axis: explicit tick positions and labels (lines separated by \n) instead of numbers. */
  xTicks?: readonly { value: number; label: string }[];
  lines: readonly SvgLine[];
  markers: readonly SvgMarker[];
  strips: readonly SvgStrip[];
  /** A line of small print under the legend (assumptions, settings). */
  note?: string;
  colors: { background: string; foreground: string; grid: string };
  fontFamily: string;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeXml(s: string): string {
  // Control characters other than tab and newlines are not allowed in XML 1.0 at all.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** Greedy word wrap to lines of at most `max` characters (a longer word gets a line of its own). */
export function wrapText(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const n = (v: number) => String(Math.round(v * 100) / 100);

function yExtent(chart: SvgChart): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const line of chart.lines) {
    for (const y of line.ys) {
      if (y === null || (chart.logY && y <= 0)) continue;
      lo = Math.min(lo, y);
      hi = Math.max(hi, y);
    }
  }
  for (const m of chart.markers) { lo = Math.min(lo, m.y); hi = Math.max(hi, m.y); }
  if (!Number.isFinite(lo)) return chart.logY ? [0.1, 10] : [-1, 1];
  if (chart.logY) return [lo / 2, hi * 2];
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.05;
  return [lo - pad, hi + pad];
}

/** Wraps legend entries into rows that fit the width. */
function legendRows(labels: readonly string[], width: number, charWidth: number): number[][] {
  const rows: number[][] = [[]];
  let used = 0;
  labels.forEach((label, i) => {
    const w = 36 + label.length * charWidth + 18;
    if (used + w > width && rows[rows.length - 1].length > 0) { rows.push([]); used = 0; }
    rows[rows.length - 1].push(i);
    used += w;
  });
  return rows;
}

export function renderSvg(chart: SvgChart, width = 800, height = 480): string {
  const font = 12;
  const charWidth = font * 0.6;
  const legend = legendRows(chart.lines.map((l) => l.label), width - 80, charWidth);
  const legendHeight = legend.length * 20;
  const noteLines = chart.note ? wrapText(chart.note, Math.floor((width - 84) / (10 * 0.6))) : [];
  const noteHeight = noteLines.length * 13 + (noteLines.length ? 5 : 0);
  const left = 64;
  const right = 20;
  const top = 36;
  // Tick labels may have several lines (layer name, then its line number).
  const tickLines = Math.max(1, ...(chart.xTicks ?? []).map((t) => t.label.split('\n').length));
  const tickHeight = tickLines * 14;
  const plotBottom = height - 34 - tickHeight - legendHeight - noteHeight;
  const plotW = width - left - right;
  const plotH = plotBottom - top;
  const [x0, x1] = chart.xRange;
  const [y0, y1] = yExtent(chart);
  const ty = chart.logY ? (v: number) => Math.log10(v) : (v: number) => v;
  const px = (x: number) => left + ((x - x0) / (x1 - x0)) * plotW;
  const py = (y: number) => plotBottom - ((ty(y) - ty(y0)) / (ty(y1) - ty(y0))) * plotH;
  const { foreground, grid, background } = chart.colors;
  const out: string[] = [];
  const text = (x: number, y: number, s: string, attrs = '') =>
    out.push(`<text x="${n(x)}" y="${n(y)}"${attrs}>${escapeXml(s)}</text>`);

  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" `
    + `font-family="${escapeXml(chart.fontFamily)}" font-size="${font}">`);
  out.push(`<rect width="100%" height="100%" fill="${escapeXml(background)}"/>`);
  out.push(`<g fill="${escapeXml(foreground)}">`);
  text(width / 2, 22, chart.title, ' text-anchor="middle" font-size="14" font-weight="600"');

  // Grid and tick labels.
  out.push(`<g stroke="${escapeXml(grid)}" stroke-width="1">`);
  const xTicks = chart.xTicks ?? (() => {
    const { ticks, step } = linearTicks(x0, x1, 8);
    return ticks.map((value) => ({ value, label: formatTick(value, step) }));
  })();
  const yTicks = chart.logY
    ? logTicks(y0, y1).map((value) => ({ value, label: formatTick(value, value) }))
    : (() => {
      const { ticks, step } = linearTicks(y0, y1, 6);
      return ticks.map((value) => ({ value, label: formatTick(value, step) }));
    })();
  const visibleY = yTicks.filter((t) => ty(t.value) >= ty(y0) && ty(t.value) <= ty(y1));
  for (const t of xTicks) out.push(`<line x1="${n(px(t.value))}" x2="${n(px(t.value))}" y1="${top}" y2="${n(plotBottom)}"/>`);
  for (const t of visibleY) out.push(`<line x1="${left}" x2="${left + plotW}" y1="${n(py(t.value))}" y2="${n(py(t.value))}"/>`);
  out.push('</g>');
  for (const t of xTicks) {
    const x = n(px(t.value));
    const spans = t.label.split('\n').map((line, i) => `<tspan x="${x}" dy="${i === 0 ? 0 : 14}">${escapeXml(line)}</tspan>`);
    out.push(`<text x="${x}" y="${n(plotBottom + 16)}" text-anchor="middle">${spans.join('')}</text>`);
  }
  for (const t of visibleY) text(left - 6, py(t.value) + 4, t.label, ' text-anchor="end"');
  out.push(`<rect x="${left}" y="${top}" width="${plotW}" height="${n(plotH)}" fill="none" stroke="${escapeXml(foreground)}" stroke-opacity="0.5"/>`);
  text(left + plotW / 2, plotBottom + 20 + tickHeight, chart.xLabel, ' text-anchor="middle"');
  text(16, top + plotH / 2, chart.yLabel, ` text-anchor="middle" transform="rotate(-90 16 ${n(top + plotH / 2)})"`);
  out.push('</g>');

  // Data, clipped to the plot area.
  out.push(`<clipPath id="plot-area"><rect x="${left}" y="${top}" width="${plotW}" height="${n(plotH)}"/></clipPath>`);
  out.push('<g clip-path="url(#plot-area)" fill="none" stroke-width="2" stroke-linejoin="round">');
  for (const s of chart.strips) {
    out.push(`<rect x="${n(px(s.from))}" y="${n(plotBottom - 5 - s.row * 6)}" width="${n(px(s.to) - px(s.from))}" height="4" `
      + `fill="${escapeXml(s.color)}" fill-opacity="0.55"/>`);
  }
  for (const line of chart.lines) {
    let d = '';
    let pen = false;
    line.xs.forEach((x, i) => {
      const y = line.ys[i];
      if (y === null || (chart.logY && y <= 0)) { pen = false; return; }
      d += `${pen ? 'L' : 'M'}${n(px(x))} ${n(py(y))}`;
      pen = true;
    });
    const dash = line.dashed ? ' stroke-dasharray="6 4"' : '';
    out.push(`<path d="${d}" stroke="${escapeXml(line.color)}"${dash}/>`);
    if (line.points) {
      line.xs.forEach((x, i) => {
        const y = line.ys[i];
        if (y !== null && !(chart.logY && y <= 0)) out.push(`<circle cx="${n(px(x))}" cy="${n(py(y))}" r="3" fill="${escapeXml(line.color)}"/>`);
      });
    }
  }
  for (const m of chart.markers) {
    out.push(`<circle cx="${n(px(m.x))}" cy="${n(py(m.y))}" r="4.5" fill="${escapeXml(background)}" stroke="${escapeXml(m.color)}"/>`);
    out.push(`<text x="${n(px(m.x) + 8)}" y="${n(py(m.y) - 8)}" fill="${escapeXml(foreground)}" stroke="none">${escapeXml(m.label)}</text>`);
  }
  out.push('</g>');

  // Legend: solid for f, dashed for f'.
  out.push(`<g fill="${escapeXml(foreground)}">`);
  legend.forEach((row, r) => {
    let x = left;
    const y = height - 16 - noteHeight - (legend.length - 1 - r) * 20;
    for (const i of row) {
      const line = chart.lines[i];
      const dash = line.dashed ? ' stroke-dasharray="6 4"' : '';
      out.push(`<line x1="${x}" x2="${x + 28}" y1="${y - 4}" y2="${y - 4}" stroke="${escapeXml(line.color)}" stroke-width="2"${dash}/>`);
      text(x + 34, y, line.label);
      x += 36 + line.label.length * charWidth + 18;
    }
  });
  noteLines.forEach((line, i) => text(left, height - 6 - (noteLines.length - 1 - i) * 13, line, ' font-size="10" fill-opacity="0.8"'));
  out.push('</g></svg>');
  return out.join('\n');
}
