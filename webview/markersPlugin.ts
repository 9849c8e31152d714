// Draws each curve's notable points on the chart canvas: the peak of |f'| on the derivative curve,
// saturation strips (|f'| < 0.01) along the bottom of the plot, and the zero lines.

import type uPlot from 'uplot';
import { peakLabel, type CurveMarkers } from '../shared/plot/markers';
import type { Theme } from './theme';

export interface MarkedCurve {
  color: string;
  markers: CurveMarkers;
}

/** Saturation strip geometry in CSS pixels. */
const STRIP = { height: 4, gap: 2 } as const;

interface Box { left: number; top: number; width: number; height: number }

const overlaps = (a: Box, b: Box) =>
  a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

export function markersPlugin(curves: () => readonly MarkedCurve[], theme: Theme): uPlot.Plugin {
  const zeroLines = (u: uPlot) => {
    const { ctx, bbox } = u;
    const r = devicePixelRatio;
    ctx.save();
    ctx.strokeStyle = theme.muted;
    ctx.globalAlpha = 0.6;
    ctx.lineWidth = r;
    const x0 = u.valToPos(0, 'x', true);
    const y0 = u.valToPos(0, 'y', true);
    ctx.beginPath();
    if (x0 > bbox.left && x0 < bbox.left + bbox.width) { ctx.moveTo(x0, bbox.top); ctx.lineTo(x0, bbox.top + bbox.height); }
    if (y0 > bbox.top && y0 < bbox.top + bbox.height) { ctx.moveTo(bbox.left, y0); ctx.lineTo(bbox.left + bbox.width, y0); }
    ctx.stroke();
    ctx.restore();
  };

  const marks = (u: uPlot) => {
    const { ctx, bbox } = u;
    const r = devicePixelRatio;
    ctx.save();
    ctx.beginPath();
    ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
    ctx.clip();
    curves().forEach((curve, row) => {
      ctx.fillStyle = curve.color;
      ctx.globalAlpha = 0.55;
      const y = bbox.top + bbox.height - (row + 1) * (STRIP.height + STRIP.gap) * r;
      for (const s of curve.markers.saturation) {
        const a = u.valToPos(s.from, 'x', true);
        const b = u.valToPos(s.to, 'x', true);
        ctx.fillRect(a, y, Math.max(b - a, r), STRIP.height * r);
      }
    });
    ctx.globalAlpha = 1;
    ctx.font = `${12 * r}px ${theme.fontFamily}`;
    ctx.textBaseline = 'middle';
    // uPlot leaves its own alignment and dash settings on the context.
    ctx.textAlign = 'left';
    ctx.setLineDash([]);
    const placed: Box[] = [];
    const pad = 3 * r;
    const height = 16 * r;
    for (const curve of curves()) {
      const peak = curve.markers.peak;
      if (!peak) continue;
      const x = u.valToPos(peak.x, 'x', true);
      const y = u.valToPos(peak.df, 'y', true);
      ctx.beginPath();
      ctx.arc(x, y, 5 * r, 0, 2 * Math.PI);
      ctx.fillStyle = theme.background;
      ctx.fill();
      ctx.lineWidth = 2 * r;
      ctx.strokeStyle = curve.color;
      ctx.stroke();
      const text = peakLabel(peak, (u.scales.x.max ?? 1) - (u.scales.x.min ?? 0));
      const width = ctx.measureText(text).width + 2 * pad;
      // Right of the point, or left near the right edge; moved up past labels already placed.
      const left = x + 10 * r + width > bbox.left + bbox.width ? x - 10 * r - width : x + 10 * r;
      let top = y - height - 4 * r;
      while (placed.some((b) => overlaps(b, { left, top, width, height })) && top > bbox.top) top -= height + 2 * r;
      const box = { left, top: Math.max(top, bbox.top), width, height };
      placed.push(box);
      ctx.globalAlpha = 0.85;
      ctx.fillStyle = theme.background;
      ctx.fillRect(box.left, box.top, box.width, box.height);
      ctx.globalAlpha = 1;
      ctx.strokeStyle = curve.color;
      ctx.lineWidth = r;
      ctx.strokeRect(box.left, box.top, box.width, box.height);
      ctx.fillStyle = theme.foreground;
      ctx.fillText(text, box.left + pad, box.top + height / 2);
    }
    ctx.restore();
  };

  return { hooks: { drawAxes: [zeroLines], draw: [marks] } };
}
