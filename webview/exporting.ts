// Export of the current plot: PNG from the chart canvas (with title and legend added), SVG from
// the view's SVG description. Saving goes through the host (save dialog, file write); copying SVG
// too (the host clipboard takes text); copying PNG uses the browser clipboard where allowed.

import { renderSvg } from '../shared/plot/svg';
import type { Theme } from './theme';
import type { View } from './view';
import { post } from './vscodeApi';

/** The chart canvas on the theme background, with the title above and the legend below. */
function composeCanvas(view: View, theme: Theme): HTMLCanvasElement | undefined {
  const source = view.canvas;
  const chart = source && view.svgChart(source.width / devicePixelRatio);
  if (!source || !chart) return undefined;
  const r = devicePixelRatio;
  const font = 12 * r;
  const lineHeight = 20 * r;
  const measure = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
  measure.font = `${font}px ${theme.fontFamily}`;
  // Legend entries flow in rows across the canvas width.
  const entries = chart.lines.map((line) => ({ line, width: 36 * r + measure.measureText(line.label).width + 18 * r }));
  const rows: (typeof entries)[] = [[]];
  let used = 0;
  for (const e of entries) {
    if (used + e.width > source.width - 16 * r && rows[rows.length - 1].length > 0) { rows.push([]); used = 0; }
    rows[rows.length - 1].push(e);
    used += e.width;
  }
  // The note (assumptions) wraps to the canvas width.
  const noteLines: string[] = [];
  for (const word of (chart.note ?? '').split(/\s+/).filter(Boolean)) {
    const last = noteLines.length - 1;
    if (last >= 0 && measure.measureText(`${noteLines[last]} ${word}`).width <= source.width - 32 * r) noteLines[last] += ` ${word}`;
    else noteLines.push(word);
  }
  const titleHeight = 30 * r;
  const canvas = document.createElement('canvas');
  canvas.width = source.width;
  canvas.height = titleHeight + source.height + (rows.length + noteLines.length) * lineHeight + 8 * r;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = theme.foreground;
  ctx.textBaseline = 'middle';
  ctx.font = `600 ${14 * r}px ${theme.fontFamily}`;
  ctx.textAlign = 'center';
  ctx.fillText(chart.title, canvas.width / 2, titleHeight / 2);
  ctx.drawImage(source, 0, titleHeight);
  ctx.textAlign = 'left';
  ctx.font = `${font}px ${theme.fontFamily}`;
  let y = titleHeight + source.height + lineHeight / 2;
  for (const row of rows) {
    let x = 16 * r;
    for (const { line, width } of row) {
      ctx.strokeStyle = line.color;
      ctx.lineWidth = 2 * r;
      ctx.setLineDash(line.dashed ? [6 * r, 4 * r] : []);
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x + 28 * r, y);
      ctx.stroke();
      ctx.fillText(line.label, x + 34 * r, y);
      x += width;
    }
    y += lineHeight;
  }
  ctx.globalAlpha = 0.8;
  for (const line of noteLines) {
    ctx.fillText(line, 16 * r, y);
    y += lineHeight;
  }
  return canvas;
}

function svgOf(view: View): string | undefined {
  const canvas = view.canvas;
  if (!canvas) return undefined;
  // The chart's size on screen in CSS pixels, plus room for the title and legend.
  const width = Math.round(canvas.width / devicePixelRatio);
  const chart = view.svgChart(width);
  return chart && renderSvg(chart, width, Math.round(canvas.height / devicePixelRatio) + 90);
}

/** Via toBlob: fetching a data: URL would need a CSP connect-src the page does not grant. */
async function copyPng(canvas: HTMLCanvasElement): Promise<void> {
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'));
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
}

export function exportActions(view: () => View | undefined, theme: () => Theme): Record<string, () => void> {
  const nothing = () => post({ type: 'error', message: 'There is no plot to export yet.' });
  return {
    copySvg() {
      const v = view();
      const svg = v && svgOf(v);
      if (svg) post({ type: 'copyText', text: svg }); else nothing();
    },
    copyPng() {
      const v = view();
      const canvas = v && composeCanvas(v, theme());
      if (!canvas) { nothing(); return; }
      copyPng(canvas).catch(() => post({
        type: 'error',
        message: 'This editor does not let the plot put images on the clipboard; use "Save as…" PNG instead.',
      }));
    },
    savePng() {
      const v = view();
      const png = v && composeCanvas(v, theme())?.toDataURL('image/png');
      if (v && png) post({ type: 'save', format: 'png', data: png, name: `${v.exportName}.png` }); else nothing();
    },
    saveSvg() {
      const v = view();
      const svg = v && svgOf(v);
      if (v && svg) post({ type: 'save', format: 'svg', data: svg, name: `${v.exportName}.svg` }); else nothing();
    },
  };
}
