// Entry of the plot webview: restores the saved state, says `ready`, then draws what the host sends.

import 'uplot/dist/uPlot.min.css';
import './style.css';
import { DEFAULT_RANGE } from '../shared/plot/activationPlot';
import { parseHostMessage, parsePanelState, type PanelState } from '../shared/webviewMessages';
import { ActivationView } from './activationView';
import { button, el } from './dom';
import { exportActions } from './exporting';
import { GradientFlowView } from './gradientFlowView';
import { readTheme, watchTheme, type Theme } from './theme';
import type { View } from './view';
import { loadState, post, saveState } from './vscodeApi';

const app = document.getElementById('app') as HTMLElement;
const heading = el('h1', {});
const body = el('section', { className: 'view' });
let theme: Theme = readTheme();
let view: View | undefined;
let state: PanelState | undefined;

function remember(next: PanelState): void {
  state = next;
  saveState(next);
  heading.textContent = view?.title ?? '';
}

function show(next: PanelState): void {
  view?.destroy();
  view = undefined;
  state = next;
  saveState(next);
  view = next.view === 'activations'
    ? new ActivationView(body, next, theme, remember)
    : new GradientFlowView(body, next, theme, remember, (line) => post({ type: 'reveal', line }));
  heading.textContent = view.title;
}

const actions = exportActions(() => view, () => theme);
const saveMenu = el('select', { attrs: { 'aria-label': 'Save as' } },
  el('option', { attrs: { value: '' } }, 'Save as…'),
  el('option', { attrs: { value: 'png' } }, 'PNG image'),
  el('option', { attrs: { value: 'svg' } }, 'SVG image'));
saveMenu.addEventListener('change', () => {
  if (saveMenu.value === 'png') actions.savePng();
  if (saveMenu.value === 'svg') actions.saveSvg();
  saveMenu.value = '';
});

app.replaceChildren(
  el('header', {}, heading,
    el('span', { className: 'toolbar' },
      button('Copy as SVG', actions.copySvg), button('Copy as PNG', actions.copyPng), saveMenu)),
  body,
);

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = parseHostMessage(event.data);
  if (!parsed.ok) {
    post({ type: 'error', message: `The plot ignored a malformed message: ${parsed.error}` });
    return;
  }
  const message = parsed.value;
  if (message.type === 'plotActivations') {
    const range = state?.view === 'activations' ? state.range : undefined;
    show({ view: 'activations', items: message.items, range: range ?? [...DEFAULT_RANGE] });
  } else {
    show({ view: 'gradientFlow', flow: message.flow, logY: state?.view === 'gradientFlow' ? state.logY : true });
  }
});

// Theme changes arrive as several attribute mutations: redraw once per frame.
let pending = false;
watchTheme(() => {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    theme = readTheme();
    view?.setTheme(theme);
  });
});

const saved = loadState();
if (saved !== undefined && saved !== null) {
  const parsed = parsePanelState(saved);
  if (parsed.ok) show(parsed.value);
}
if (!view) body.replaceChildren(el('p', { className: 'message' }, 'Waiting for data…'));
post({ type: 'ready' });
