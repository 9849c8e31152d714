// The SVG export, its ticks and number formats, and the panel HTML with its CSP.

import * as assert from 'node:assert/strict';
import { buildPlotHtml, contentSecurityPolicy, makeNonce } from '../../client/plot/html';
import { formatTick, formatValue } from '../../shared/plot/format';
import { escapeXml, renderSvg, wrapText, type SvgChart } from '../../shared/plot/svg';
import { linearTicks, logTicks } from '../../shared/plot/ticks';

const chart = (patch: Partial<SvgChart> = {}): SvgChart => ({
  title: 'Sigmoid',
  xLabel: 'x',
  yLabel: 'f(x), f′(x)',
  xRange: [-6, 6],
  logY: false,
  lines: [
    { label: 'Sigmoid', xs: [-6, 0, 6], ys: [0.0025, 0.5, 0.9975], color: '#3794ff', dashed: false },
    { label: 'Sigmoid′', xs: [-6, 0, 6], ys: [0.0025, 0.25, 0.0025], color: '#3794ff', dashed: true },
  ],
  markers: [{ x: 0, y: 0.25, color: '#3794ff', label: 'max |f′| 0.25 at x = 0' }],
  strips: [{ from: -6, to: -4.6, color: '#3794ff', row: 0 }],
  colors: { background: '#1f1f1f', foreground: '#cccccc', grid: 'rgba(204, 204, 204, 0.3)' },
  fontFamily: 'system-ui, "Segoe UI"',
  ...patch,
});

describe('SVG export', () => {
  it('escapes every workspace string', () => {
    assert.equal(escapeXml(`<a href="x">'&'</a>\u0001`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const hostile = '</text><script>alert(1)</script>';
    const svg = renderSvg(chart({
      title: hostile,
      note: hostile,
      lines: [{ label: hostile, xs: [0, 1], ys: [0, 1], color: '"><script>', dashed: false }],
      xTicks: [{ value: 0, label: hostile }],
    }));
    assert.ok(!svg.includes('<script'), 'raw markup from data reached the SVG');
    assert.ok(svg.includes('&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(svg.includes('font-family="system-ui, &quot;Segoe UI&quot;"'));
  });

  it('draws one path per series, dashed for derivatives, with markers and strips', () => {
    const svg = renderSvg(chart());
    assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
    const paths = svg.match(/<path d="[^"]*" stroke="#3794ff"( stroke-dasharray="6 4")?\/>/g) ?? [];
    assert.equal(paths.length, 2);
    assert.ok(!paths[0].includes('dasharray') && paths[1].includes('dasharray'));
    // Three samples: a move and two line segments.
    assert.match(paths[0], /d="M[\d.]+ [\d.]+L[\d.]+ [\d.]+L[\d.]+ [\d.]+"/);
    assert.ok(svg.includes('>max |f′| 0.25 at x = 0</text>'));
    assert.equal((svg.match(/fill-opacity="0.55"/g) ?? []).length, 1);
    for (const label of ['−6', '−4', '−2', '0', '2', '4', '6']) assert.ok(svg.includes(`>${label}</tspan></text>`), `x tick ${label}`);
    for (const label of ['0', '0.2', '1.0']) assert.ok(svg.includes(`text-anchor="end">${label}</text>`), `y tick ${label}`);
  });

  it('breaks lines at gaps, and on a log scale at values ≤ 0', () => {
    const gap = renderSvg(chart({ lines: [{ label: 'g', xs: [0, 1, 2, 3], ys: [1, null, 2, 3], color: 'red', dashed: false }], markers: [] }));
    assert.match(gap, /<path d="M[\d.]+ [\d.]+M[\d.]+ [\d.]+L[\d.]+ [\d.]+" stroke="red"\/>/);
    const log = renderSvg(chart({
      logY: true, xRange: [-0.5, 2.5], markers: [], strips: [],
      lines: [{ label: 'typical', xs: [0, 1, 2], ys: [0, 0.01, 1], color: 'blue', dashed: false, points: true }],
    }));
    assert.match(log, /<path d="M[\d.]+ [\d.]+L[\d.]+ [\d.]+" stroke="blue"\/>/);
    assert.equal((log.match(/<circle /g) ?? []).length, 2);
    for (const label of ['0.01', '0.1', '1']) assert.ok(log.includes(`>${label}</text>`), `y tick ${label}`);
  });
});

describe('note wrapping', () => {
  it('wraps long assumptions at word boundaries', () => {
    assert.deepEqual(wrapText('bound multiplies sup of every activation', 16), ['bound multiplies', 'sup of every', 'activation']);
    assert.deepEqual(wrapText('  a   b ', 10), ['a b']);
    assert.deepEqual(wrapText('unbreakable-long-word x', 5), ['unbreakable-long-word', 'x']);
    const svg = renderSvg(chart({ note: 'word '.repeat(200) }), 800, 480);
    const notes = svg.match(/<text [^>]*font-size="10"[^>]*>[^<]*<\/text>/g) ?? [];
    assert.ok(notes.length >= 6, `${notes.length} note lines`);
  });
});

describe('ticks and number formats', () => {
  it('places round linear ticks and decade log ticks', () => {
    assert.deepEqual(linearTicks(-6, 6, 6), { ticks: [-6, -4, -2, 0, 2, 4, 6], step: 2 });
    assert.deepEqual(linearTicks(0, 1, 5).ticks, [0, 0.2, 0.4, 0.6, 0.8, 1]);
    assert.deepEqual(linearTicks(-0.3, 0.3, 6).ticks, [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3]);
    assert.deepEqual(logTicks(0.003, 2), [0.001, 0.01, 0.1, 1, 10]);
    assert.equal(logTicks(1e-20, 1).length <= 8, true);
  });

  it('formats read-outs with four significant digits and visible magnitude', () => {
    assert.equal(formatValue(0.25), '0.25');
    assert.equal(formatValue(-0.40312), '−0.4031');
    assert.equal(formatValue(1.23456e-7), '1.23e−7');
    assert.equal(formatValue(123456), '1.23e+5');
    assert.equal(formatValue(0), '0');
    assert.equal(formatValue(null), '–');
    assert.equal(formatValue(Number.NEGATIVE_INFINITY), '−∞');
    assert.equal(formatTick(0.30000000000000004, 0.1), '0.3');
    assert.equal(formatTick(-4, 2), '−4');
    assert.equal(formatTick(1e-5, 1e-5), '1e−5');
  });
});

describe('panel HTML', () => {
  it('loads only nonce-bearing scripts from the webview origin under a strict CSP', () => {
    const nonce = makeNonce();
    assert.match(nonce, /^[A-Za-z0-9_-]{24}$/);
    assert.notEqual(makeNonce(), nonce);
    const html = buildPlotHtml({
      cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
      nonce,
      scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
      styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.css?a="b"',
    });
    const csp = contentSecurityPolicy('https://file+.vscode-resource.vscode-cdn.net', nonce);
    assert.equal(csp, "default-src 'none'; img-src https://file+.vscode-resource.vscode-cdn.net data:; "
      + "style-src https://file+.vscode-resource.vscode-cdn.net; font-src https://file+.vscode-resource.vscode-cdn.net; "
      + `script-src 'nonce-${nonce}'`);
    assert.ok(html.includes(`content="${csp.replace(/'/g, '&#39;')}"`));
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.deepEqual(scripts, [`<script nonce="${nonce}" src="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js">`]);
    assert.ok(!/<style|style=/.test(html), 'inline styles would need unsafe-inline');
    assert.ok(html.includes('webview.css?a=&quot;b&quot;'));
  });
});
