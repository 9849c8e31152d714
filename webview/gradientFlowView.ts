// The gradient-flow view: per layer of one stack, the cumulative bound and typical gradient factor
// from the output back to that layer, on a log scale by default. Clicking a point (or a row of the
// table) asks the host to reveal the layer.

import type uPlot from 'uplot';
import { formatValue } from '../shared/plot/format';
import type { SvgChart } from '../shared/plot/svg';
import type { GradientFlow, GradientFlowViewState } from '../shared/webviewMessages';
import { mountChart, themedAxis, type Chart } from './chart';
import { el } from './dom';
import type { Theme } from './theme';
import type { View } from './view';

/** Tick label of a layer: its name (shortened) and 1-based line, as editors number lines. */
function layerLabel(flow: GradientFlow, i: number): string {
  const { name, line } = flow.layers[i];
  return `${name.length > 24 ? `${name.slice(0, 23)}…` : name}\nline ${line + 1}`;
}

/**
 * Log-scale grid lines at 1, 2 and 5 per decade, or at decades only over a wide range: uPlot's
 * default line at every integer multiple makes the grid darker than the data.
 */
function logAxis(theme: Theme, label: string): uPlot.Axis {
  const base = themedAxis(theme, label);
  const keep = (u: uPlot, splits: number[]) => {
    const decades = Math.log10((u.scales.y.max ?? 10) / (u.scales.y.min ?? 1));
    const steps = decades > 4 ? [1] : [1, 2, 5];
    return splits.map((v) => {
      const mantissa = Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9));
      return steps.includes(mantissa) ? v : null;
    });
  };
  return { ...base, grid: { ...base.grid, filter: keep }, ticks: { ...base.ticks, filter: keep } };
}

/** A log scale cannot show 0: a factor of exactly 0 (a dead unit) is a gap there. */
function forScale(v: number, logY: boolean): number | null {
  return logY && v <= 0 ? null : v;
}

export class GradientFlowView implements View {
  private chart: Chart | undefined;
  private readonly chartBox = el('div', { className: 'chart' });
  private readonly legendBox = el('div', { className: 'legend' });
  private readonly table = el('table', { className: 'layers' });

  constructor(
    root: HTMLElement,
    private state: GradientFlowViewState,
    private theme: Theme,
    private readonly onState: (state: GradientFlowViewState) => void,
    private readonly onReveal: (line: number) => void,
  ) {
    const logY = el('input', { attrs: { type: 'checkbox', id: 'log-y' } });
    logY.checked = state.logY;
    logY.addEventListener('change', () => {
      this.state = { ...this.state, logY: logY.checked };
      this.onState(this.state);
      this.replot();
    });
    root.replaceChildren(
      el('div', { className: 'controls' },
        el('span', {}, logY, el('label', { attrs: { for: 'log-y' } }, ' log scale')),
        el('span', { className: 'hint' }, 'Click a point or a row to show the layer in the editor.')),
      this.chartBox,
      this.legendBox,
      el('p', { className: 'key' }, state.flow.assumptions),
      this.table,
    );
    this.renderTable();
    this.replot();
  }

  get title(): string {
    return `Gradient flow: ${this.state.flow.stackName} (${this.state.flow.fileName})`;
  }

  get exportName(): string {
    return `gradient-flow-${this.state.flow.stackName.replace(/\W+/g, '_')}`;
  }

  get canvas(): HTMLCanvasElement | undefined {
    return this.chart?.plot.ctx.canvas;
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.replot();
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = undefined;
  }

  private renderTable(): void {
    const { flow } = this.state;
    const head = el('tr', {}, ...['Layer', 'Line', 'Activation', 'Bound', 'Typical'].map((h) => el('th', {}, h)));
    const rows = flow.layers.map((layer) => {
      const row = el('tr', { attrs: { tabindex: '0' } },
        el('td', {}, layer.name),
        el('td', {}, String(layer.line + 1)),
        el('td', {}, layer.activation ?? ''),
        el('td', {}, formatValue(layer.bound)),
        el('td', {}, formatValue(layer.typical)));
      row.addEventListener('click', () => this.onReveal(layer.line));
      row.addEventListener('keydown', (e) => { if (e.key === 'Enter') this.onReveal(layer.line); });
      return row;
    });
    this.table.replaceChildren(el('thead', {}, head), el('tbody', {}, ...rows));
  }

  private replot(): void {
    this.chart?.destroy();
    const { flow, logY } = this.state;
    const theme = this.theme;
    const xs = flow.layers.map((_, i) => i);
    const fmt = (_u: uPlot, v: number | null) => formatValue(v);
    const xAxis: uPlot.Axis = {
      ...themedAxis(theme, 'layer (input → output)'),
      // Integer positions only, thinned so two-line labels do not collide.
      splits: (u) => {
        const every = Math.max(1, Math.ceil((flow.layers.length * 90) / Math.max(1, u.bbox.width / devicePixelRatio)));
        return xs.filter((i) => i % every === 0);
      },
      values: (_u, splits) => splits.map((i) => layerLabel(flow, i)),
      size: 48,
    };
    const point = { show: true, size: 7 };
    this.chart = mountChart(this.chartBox, this.legendBox, {
      series: [
        { label: 'layer', value: (_u, i) => (i === null ? '–' : layerLabel(flow, i).replace('\n', ', ')) },
        { label: 'bound (worst case)', stroke: theme.series[4 % theme.series.length], width: theme.lineWidth, dash: [6, 4], points: point, value: fmt },
        { label: 'typical', stroke: theme.series[0], width: theme.lineWidth, points: point, value: fmt },
      ],
      scales: {
        x: { time: false, range: [-0.5, flow.layers.length - 0.5] },
        y: logY ? { distr: 3, log: 10 } : {},
      },
      axes: [xAxis, logY ? logAxis(theme, 'gradient factor, output → layer') : themedAxis(theme, 'gradient factor, output → layer')],
      cursor: { drag: { x: false, y: false }, points: { size: 9 } },
      legend: { live: true },
    }, [xs, flow.layers.map((l) => forScale(l.bound, logY)), flow.layers.map((l) => forScale(l.typical, logY))]);
    const plot = this.chart.plot;
    plot.over.addEventListener('click', () => {
      const i = plot.cursor.idx;
      if (i !== null && i !== undefined) this.onReveal(flow.layers[i].line);
    });
  }

  svgChart(width: number): SvgChart | undefined {
    const { flow, logY } = this.state;
    const theme = this.theme;
    const xs = flow.layers.map((_, i) => i);
    // As on screen: thinned so labels about 110 px wide do not collide.
    const every = Math.max(1, Math.ceil((flow.layers.length * 110) / Math.max(1, width - 84)));
    return {
      title: this.title,
      xLabel: 'layer (input → output)',
      yLabel: 'gradient factor, output → layer',
      xRange: [-0.5, flow.layers.length - 0.5],
      logY,
      xTicks: xs.filter((i) => i % every === 0).map((i) => ({ value: i, label: layerLabel(flow, i) })),
      lines: [
        { label: 'bound (worst case)', xs, ys: flow.layers.map((l) => l.bound), color: theme.series[4 % theme.series.length], dashed: true, points: true },
        { label: 'typical', xs, ys: flow.layers.map((l) => l.typical), color: theme.series[0], dashed: false, points: true },
      ],
      markers: [],
      strips: [],
      note: flow.assumptions,
      colors: { background: theme.background, foreground: theme.foreground, grid: theme.grid },
      fontFamily: theme.fontFamily,
    };
  }
}
