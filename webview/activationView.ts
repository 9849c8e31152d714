// The activation view: chosen activations and their derivatives over an editable x-range, with
// live parameter controls. Everything is computed here from shared/activations: no round trip.

import type uPlot from 'uplot';
import { ACTIVATIONS, getActivation } from '../shared/activations';
import type { ParamSpec } from '../shared/activations/types';
import { buildActivationPlot, DEFAULT_RANGE, type ActivationPlot } from '../shared/plot/activationPlot';
import { formatValue } from '../shared/plot/format';
import { peakLabel, SATURATION_THRESHOLD } from '../shared/plot/markers';
import type { SvgChart } from '../shared/plot/svg';
import type { ActivationSelection, ActivationsViewState } from '../shared/webviewMessages';
import { LIMITS, parseSelection } from '../shared/webviewMessages';
import { mountChart, themedAxis, type Chart } from './chart';
import { button, el } from './dom';
import { markersPlugin } from './markersPlugin';
import type { Theme } from './theme';
import type { View } from './view';

const colorOf = (theme: Theme, i: number) => theme.series[i % theme.series.length];

/**
 * A control for one parameter. `onValue` returns the validation error of the edited selection
 * (ranges, constraints between parameters) or undefined once it re-plotted.
 */
function paramControl(spec: ParamSpec, value: number | string, onValue: (v: number | string) => string | undefined): HTMLElement {
  const id = `p-${Math.random().toString(36).slice(2)}`;
  const report = (input: HTMLElement, error: string | undefined) => {
    input.toggleAttribute('aria-invalid', error !== undefined);
    input.title = error ?? spec.doc;
  };
  let input: HTMLInputElement | HTMLSelectElement;
  if (spec.choices) {
    const select = el('select', { attrs: { id } }, ...spec.choices.map((c) => el('option', { attrs: { value: c } }, c)));
    select.value = String(value);
    select.addEventListener('change', () => report(select, onValue(select.value)));
    input = select;
  } else {
    const field = el('input', { attrs: { id, type: 'number', step: 'any' } });
    field.value = String(value);
    field.addEventListener('input', () => {
      const v = field.valueAsNumber;
      report(field, Number.isFinite(v) ? onValue(v) : 'not a number');
    });
    input = field;
  }
  input.title = spec.doc;
  return el('span', { className: 'param' }, el('label', { attrs: { for: id }, title: spec.doc }, spec.name), input);
}

export class ActivationView implements View {
  private chart: Chart | undefined;
  private plotData: ActivationPlot | undefined;
  private readonly cards = el('div', { className: 'cards' });
  private readonly chartBox = el('div', { className: 'chart' });
  private readonly legendBox = el('div', { className: 'legend' });
  private readonly rangeLo = el('input', { attrs: { type: 'number', step: 'any', 'aria-label': 'x from' } });
  private readonly rangeHi = el('input', { attrs: { type: 'number', step: 'any', 'aria-label': 'x to' } });
  private readonly message = el('p', { className: 'message' });

  constructor(
    root: HTMLElement,
    private state: ActivationsViewState,
    private theme: Theme,
    private readonly onState: (state: ActivationsViewState) => void,
  ) {
    root.replaceChildren(
      el('div', { className: 'controls' }, this.rangeControls(), this.addControl()),
      this.cards,
      this.message,
      this.chartBox,
      this.legendBox,
      el('p', { className: 'key' },
        el('span', {}, 'solid: f, dashed: f′'),
        el('span', {}, el('span', { className: 'key-peak' }), ' peak of |f′|'),
        el('span', {}, el('span', { className: 'key-strip' }), ` |f′| < ${SATURATION_THRESHOLD} (saturated), one strip per curve`),
        el('span', {}, 'drag across the plot to zoom')),
    );
    this.renderCards();
    this.replot();
  }

  get title(): string {
    return this.state.items.map((i) => getActivation(i.id)?.title ?? i.id).join(', ') || 'Activations';
  }

  get exportName(): string {
    return `activations-${this.state.items.map((i) => i.id.replace(/\W+/g, '_')).join('-') || 'none'}`;
  }

  get canvas(): HTMLCanvasElement | undefined {
    return this.chart?.plot.ctx.canvas;
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.renderCards();
    this.replot();
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = undefined;
  }

  private update(state: ActivationsViewState, cards: boolean): void {
    this.state = state;
    this.onState(state);
    if (cards) this.renderCards();
    this.replot();
  }

  private rangeControls(): HTMLElement {
    const apply = () => {
      const lo = this.rangeLo.valueAsNumber;
      const hi = this.rangeHi.valueAsNumber;
      const ok = Number.isFinite(lo) && Number.isFinite(hi) && lo < hi && Math.max(Math.abs(lo), Math.abs(hi)) <= LIMITS.abscissa;
      this.rangeLo.toggleAttribute('aria-invalid', !ok);
      this.rangeHi.toggleAttribute('aria-invalid', !ok);
      if (ok) this.update({ ...this.state, range: [lo, hi] }, false);
    };
    this.rangeLo.addEventListener('change', apply);
    this.rangeHi.addEventListener('change', apply);
    return el('span', { className: 'range' }, 'x from ', this.rangeLo, ' to ', this.rangeHi, ' ',
      button('Reset', () => this.update({ ...this.state, range: [...DEFAULT_RANGE] }, false), 'Back to x ∈ [−6, 6]'));
  }

  private addControl(): HTMLElement {
    const select = el('select', { attrs: { 'aria-label': 'Add an activation' } },
      el('option', { attrs: { value: '' } }, 'Add activation…'),
      ...ACTIVATIONS.map((def) => el('option', { attrs: { value: def.id } }, `${def.title} (${def.id})`)));
    select.addEventListener('change', () => {
      const id = select.value;
      select.value = '';
      if (!id || this.state.items.length >= LIMITS.selections) return;
      this.update({ ...this.state, items: [...this.state.items, { id, params: {} }] }, true);
    });
    return select;
  }

  private renderCards(): void {
    this.cards.replaceChildren(...this.state.items.map((item, i) => this.card(item, i)));
  }

  private card(item: ActivationSelection, index: number): HTMLElement {
    const def = getActivation(item.id);
    if (!def) return el('div', { className: 'card' }, `Unknown activation ${item.id}`);
    const setParam = (name: string, value: number | string): string | undefined => {
      const edited = parseSelection({ id: item.id, params: { ...this.state.items[index].params, [name]: value } });
      if (!edited.ok) return edited.error;
      this.update({ ...this.state, items: this.state.items.map((it, j) => (j === index ? edited.value : it)) }, false);
      return undefined;
    };
    const remove = () => this.update({ ...this.state, items: this.state.items.filter((_, j) => j !== index) }, true);
    const removeButton = button('×', remove, `Remove ${def.title}`);
    removeButton.setAttribute('aria-label', `Remove ${def.title}`);
    const swatch = el('span', { className: 'swatch' });
    swatch.style.backgroundColor = colorOf(this.theme, index);
    return el('div', { className: 'card', title: def.formula },
      swatch,
      el('strong', {}, def.title),
      ...def.params.map((spec) => paramControl(spec, item.params[spec.name] ?? spec.default, (v) => setParam(spec.name, v))),
      removeButton);
  }

  private replot(): void {
    const [lo, hi] = this.state.range;
    this.rangeLo.value = String(lo);
    this.rangeHi.value = String(hi);
    this.chart?.destroy();
    this.chart = undefined;
    this.plotData = undefined;
    if (this.state.items.length === 0) {
      this.message.textContent = 'Add an activation to plot it.';
      this.legendBox.replaceChildren();
      return;
    }
    this.message.textContent = '';
    const data = buildActivationPlot(this.state.items, this.state.range);
    this.plotData = data;
    const theme = this.theme;
    const fmt = (_u: uPlot, v: number | null) => formatValue(v);
    const series: uPlot.Series[] = [{ label: 'x', value: fmt }];
    data.curves.forEach((curve, i) => {
      const stroke = colorOf(theme, i);
      series.push({ label: curve.label, stroke, width: theme.lineWidth, value: fmt, spanGaps: false });
      series.push({ label: `${curve.label}′`, stroke, width: theme.lineWidth * 0.75, dash: [6, 4], value: fmt, spanGaps: false });
    });
    const marked = () => data.curves.map((c, i) => ({ color: colorOf(theme, i), markers: c.markers }));
    this.chart = mountChart(this.chartBox, this.legendBox, {
      series,
      scales: { x: { time: false, range: [lo, hi] } },
      axes: [themedAxis(theme, 'x'), themedAxis(theme, 'f(x), f′(x)')],
      cursor: { drag: { x: true, y: false, setScale: false }, points: { size: 7 } },
      legend: { live: true },
      plugins: [markersPlugin(marked, theme)],
      hooks: {
        // Dragging selects an x-range: re-sample there, so kinks and peaks stay exact when zoomed.
        setSelect: [(u) => {
          if (u.select.width < 4) return;
          const from = u.posToVal(u.select.left, 'x');
          const to = u.posToVal(u.select.left + u.select.width, 'x');
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          const round = (v: number) => Number(v.toPrecision(4));
          if (round(to) > round(from)) queueMicrotask(() => this.update({ ...this.state, range: [round(from), round(to)] }, false));
        }],
      },
    }, [data.xs, ...data.curves.flatMap((c) => [c.f, c.df])]);
  }

  svgChart(): SvgChart | undefined {
    const data = this.plotData;
    if (!data) return undefined;
    const theme = this.theme;
    return {
      title: this.title,
      xLabel: 'x',
      yLabel: 'f(x), f′(x)',
      xRange: data.range,
      logY: false,
      lines: data.curves.flatMap((c, i) => [
        { label: c.label, xs: data.xs, ys: c.f, color: colorOf(theme, i), dashed: false },
        { label: `${c.label}′`, xs: data.xs, ys: c.df, color: colorOf(theme, i), dashed: true },
      ]),
      markers: data.curves.flatMap((c, i) => (c.markers.peak
        ? [{ x: c.markers.peak.x, y: c.markers.peak.df, color: colorOf(theme, i), label: peakLabel(c.markers.peak, data.range[1] - data.range[0]) }] : [])),
      strips: data.curves.flatMap((c, i) => c.markers.saturation.map((s) => ({ ...s, color: colorOf(theme, i), row: i }))),
      note: `Strips: |f′| < ${SATURATION_THRESHOLD}. Circles: peak of |f′|.`,
      colors: { background: theme.background, foreground: theme.foreground, grid: theme.grid },
      fontFamily: theme.fontFamily,
    };
  }
}
