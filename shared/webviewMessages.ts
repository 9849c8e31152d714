// Messages between the extension host and the plot webview, the webview's persisted state, and
// their validators. Both sides validate everything they receive: a message is data from another
// process (and the state comes back from disk after a reload), so anything malformed is rejected.

import { getActivation, ParamError, resolveParams } from './activations';
import type { ParamValues } from './activations/types';

/** One activation to plot: its core id and the parameters that differ from the defaults. */
export interface ActivationSelection {
  id: string;
  params: ParamValues;
}

export interface GradientFlowLayer {
  /** The layer as written, e.g. `nn.Linear`; shown to the user, so always set as text. */
  name: string;
  /** 0-based line of the layer in its document. */
  line: number;
  /** Core id of the activation the layer applies, if any. */
  activation?: string;
  /** Cumulative gradient factor from the stack's output back to this layer's input. */
  bound: number;
  typical: number;
}

export interface GradientFlow {
  /** Document the stack is in; the host reveals layers there. */
  uri: string;
  /** Short name for titles (the file's base name). */
  fileName: string;
  stackName: string;
  /** Layers in forward order (input first). */
  layers: GradientFlowLayer[];
  /** What the estimates assume, shown under the plot. */
  assumptions: string;
}

export interface ActivationsViewState {
  view: 'activations';
  items: ActivationSelection[];
  /** Visible x-range. */
  range: [number, number];
}

export interface GradientFlowViewState {
  view: 'gradientFlow';
  flow: GradientFlow;
  logY: boolean;
}

/** What the webview persists with setState, and what a serializer receives after a reload. */
export type PanelState = ActivationsViewState | GradientFlowViewState;

export type HostMessage =
  | { type: 'plotActivations'; items: ActivationSelection[] }
  | { type: 'plotGradientFlow'; flow: GradientFlow };

export type ExportFormat = 'png' | 'svg';

export type WebviewMessage =
  /** The webview's script runs and listens: the host may post. */
  | { type: 'ready' }
  /** Show this 0-based line of the gradient-flow document. */
  | { type: 'reveal'; line: number }
  /** Save an export: PNG as a data: URL, SVG as markup. */
  | { type: 'save'; format: ExportFormat; data: string; name: string }
  /** Put text (an SVG rendition) on the clipboard. */
  | { type: 'copyText'; text: string }
  /** A failure inside the webview the user should see. */
  | { type: 'error'; message: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export const LIMITS = {
  selections: 12,
  layers: 2000,
  text: 2000,
  /** Exports are a few hundred kB; far larger means something is wrong. */
  exportBytes: 32 * 1024 * 1024,
  /** Plot ranges beyond this make f overflow for most activations and say nothing more. */
  abscissa: 1e4,
} as const;

class Invalid extends Error {}

function fail(message: string): never {
  throw new Invalid(message);
}

function record(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`${what} is not an object`);
  return v as Record<string, unknown>;
}

function str(v: unknown, what: string, max: number = LIMITS.text): string {
  if (typeof v !== 'string') fail(`${what} is not a string`);
  if (v.length > max) fail(`${what} is longer than ${max} characters`);
  return v;
}

function num(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${what} is not a finite number`);
  return v;
}

function line(v: unknown, what: string): number {
  const n = num(v, what);
  if (!Number.isInteger(n) || n < 0) fail(`${what} is not a line number`);
  return n;
}

function array(v: unknown, what: string, max: number): unknown[] {
  if (!Array.isArray(v)) fail(`${what} is not an array`);
  if (v.length > max) fail(`${what} has more than ${max} entries`);
  return v;
}

/** Only the listed keys, so nothing unexpected rides along into state or the DOM. */
function keys(o: Record<string, unknown>, allowed: readonly string[], what: string): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) fail(`${what} has unexpected field "${k}"`);
}

function selection(v: unknown, what: string): ActivationSelection {
  const o = record(v, what);
  keys(o, ['id', 'params'], what);
  const id = str(o.id, `${what}.id`, 100);
  const def = getActivation(id) ?? fail(`${what}.id "${id}" is not a known activation`);
  const params: Record<string, number | string> = {};
  for (const [name, value] of Object.entries(record(o.params ?? {}, `${what}.params`))) {
    if (typeof value !== 'number' && typeof value !== 'string') fail(`${what}.params.${name} is neither a number nor a string`);
    params[name] = value;
  }
  // The core checks names, ranges, choices and constraints between parameters.
  try {
    resolveParams(def, params);
  } catch (err) {
    if (err instanceof ParamError) fail(`${what}: ${err.message}`);
    throw err;
  }
  return { id, params };
}

/** A plot request needs at least one activation; a saved state may hold none (all removed). */
function selections(v: unknown, what: string, allowEmpty: boolean): ActivationSelection[] {
  const items = array(v, what, LIMITS.selections).map((s, i) => selection(s, `${what}[${i}]`));
  if (items.length === 0 && !allowEmpty) fail(`${what} is empty`);
  return items;
}

function gradientFactor(v: unknown, what: string): number {
  const n = num(v, what);
  if (n < 0) fail(`${what} is negative`);
  return n;
}

function flowLayer(v: unknown, what: string): GradientFlowLayer {
  const o = record(v, what);
  keys(o, ['name', 'line', 'activation', 'bound', 'typical'], what);
  const layer: GradientFlowLayer = {
    name: str(o.name, `${what}.name`, 200),
    line: line(o.line, `${what}.line`),
    bound: gradientFactor(o.bound, `${what}.bound`),
    typical: gradientFactor(o.typical, `${what}.typical`),
  };
  if (o.activation !== undefined) layer.activation = str(o.activation, `${what}.activation`, 100);
  return layer;
}

function gradientFlow(v: unknown, what: string): GradientFlow {
  const o = record(v, what);
  keys(o, ['uri', 'fileName', 'stackName', 'layers', 'assumptions'], what);
  const layers = array(o.layers, `${what}.layers`, LIMITS.layers).map((l, i) => flowLayer(l, `${what}.layers[${i}]`));
  if (layers.length === 0) fail(`${what}.layers is empty`);
  return {
    uri: str(o.uri, `${what}.uri`),
    fileName: str(o.fileName, `${what}.fileName`, 500),
    stackName: str(o.stackName, `${what}.stackName`, 200),
    layers,
    assumptions: str(o.assumptions, `${what}.assumptions`),
  };
}

function range(v: unknown, what: string): [number, number] {
  const [lo, hi] = array(v, what, 2).map((x, i) => num(x, `${what}[${i}]`));
  if (lo === undefined || hi === undefined) fail(`${what} needs two numbers`);
  if (!(lo < hi)) fail(`${what} is empty: ${lo} ≥ ${hi}`);
  if (Math.max(Math.abs(lo), Math.abs(hi)) > LIMITS.abscissa) fail(`${what} reaches beyond ±${LIMITS.abscissa}`);
  return [lo, hi];
}

function bool(v: unknown, what: string): boolean {
  if (typeof v !== 'boolean') fail(`${what} is not a boolean`);
  return v;
}

function parse<T>(read: () => T): Parsed<T> {
  try {
    return { ok: true, value: read() };
  } catch (err) {
    if (err instanceof Invalid) return { ok: false, error: err.message };
    throw err;
  }
}

export function parseHostMessage(v: unknown): Parsed<HostMessage> {
  return parse(() => {
    const o = record(v, 'message');
    switch (o.type) {
      case 'plotActivations':
        keys(o, ['type', 'items'], 'message');
        return { type: o.type, items: selections(o.items, 'items', false) };
      case 'plotGradientFlow':
        keys(o, ['type', 'flow'], 'message');
        return { type: o.type, flow: gradientFlow(o.flow, 'flow') };
      default:
        return fail(`unknown message type ${JSON.stringify(o.type)}`);
    }
  });
}

const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;

/** A file name the save dialog may propose: no path separators or control characters. */
function fileStem(v: unknown, what: string): string {
  const s = str(v, what, 200);
  // eslint-disable-next-line no-control-regex
  if (!/^[^/\\:*?"<>|\u0000-\u001f]+$/.test(s)) fail(`${what} is not a plain file name`);
  return s;
}

/** One selection, as the panel's parameter controls check an edit before re-plotting. */
export function parseSelection(v: unknown): Parsed<ActivationSelection> {
  return parse(() => selection(v, 'activation'));
}

export function parseWebviewMessage(v: unknown): Parsed<WebviewMessage> {
  return parse(() => {
    const o = record(v, 'message');
    switch (o.type) {
      case 'ready':
        keys(o, ['type'], 'message');
        return { type: o.type };
      case 'reveal':
        keys(o, ['type', 'line'], 'message');
        return { type: o.type, line: line(o.line, 'line') };
      case 'save': {
        keys(o, ['type', 'format', 'data', 'name'], 'message');
        const format = o.format === 'png' || o.format === 'svg' ? o.format : fail('format must be png or svg');
        const data = str(o.data, 'data', LIMITS.exportBytes);
        if (format === 'png' && !PNG_DATA_URL.test(data)) fail('data is not a PNG data: URL');
        if (format === 'svg' && !data.startsWith('<svg')) fail('data is not SVG markup');
        return { type: o.type, format, data, name: fileStem(o.name, 'name') };
      }
      case 'copyText':
        keys(o, ['type', 'text'], 'message');
        return { type: o.type, text: str(o.text, 'text', LIMITS.exportBytes) };
      case 'error':
        keys(o, ['type', 'message'], 'message');
        return { type: o.type, message: str(o.message, 'message') };
      default:
        return fail(`unknown message type ${JSON.stringify(o.type)}`);
    }
  });
}

export function parsePanelState(v: unknown): Parsed<PanelState> {
  return parse((): PanelState => {
    const o = record(v, 'state');
    switch (o.view) {
      case 'activations':
        keys(o, ['view', 'items', 'range'], 'state');
        return { view: o.view, items: selections(o.items, 'items', true), range: range(o.range, 'range') };
      case 'gradientFlow':
        keys(o, ['view', 'flow', 'logY'], 'state');
        return { view: o.view, flow: gradientFlow(o.flow, 'flow'), logY: bool(o.logY, 'logY') };
      default:
        return fail(`unknown view ${JSON.stringify(o.view)}`);
    }
  });
}
