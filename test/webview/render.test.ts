// Renders the plot panel in headless Chromium: the page is built by the panel's own HTML builder,
// under its CSP, with a stand-in for acquireVsCodeApi, and fed the messages the extension sends.
// Requires Debian's Chromium at /usr/bin/chromium (the CI script installs it).

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildPlotHtml, makeNonce } from '../../client/plot/html';
import type { GradientFlow, HostMessage, WebviewMessage } from '../../shared/webviewMessages';

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const RESULTS = path.join(ROOT, 'test-results');
const SIZE = { width: 1000, height: 720 };

// VS Code's Dark Modern values for the variables the panel reads, as VS Code sets them on <html>.
const DARK_THEME: Record<string, string> = {
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-editor-foreground': '#cccccc',
  '--vscode-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-charts-lines': 'rgba(204, 204, 204, 0.5)',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-charts-red': '#f14c4c',
  '--vscode-charts-yellow': '#cca700',
  '--vscode-input-background': '#313131',
  '--vscode-input-foreground': '#cccccc',
  '--vscode-input-border': '#3c3c3c',
  '--vscode-panel-border': '#2b2b2b',
  '--vscode-button-secondaryBackground': '#313131',
  '--vscode-button-secondaryForeground': '#cccccc',
  '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
  '--vscode-font-size': '13px',
};

const LIGHT_THEME: Record<string, string> = {
  ...DARK_THEME,
  '--vscode-editor-background': '#ffffff',
  '--vscode-editor-foreground': '#3b3b3b',
  '--vscode-foreground': '#3b3b3b',
  '--vscode-descriptionForeground': '#717171',
  '--vscode-charts-lines': 'rgba(59, 59, 59, 0.5)',
  '--vscode-charts-blue': '#1a85ff',
  '--vscode-charts-orange': '#d18616',
  '--vscode-input-background': '#ffffff',
  '--vscode-input-foreground': '#3b3b3b',
  '--vscode-input-border': '#cecece',
  '--vscode-button-secondaryBackground': '#e5e5e5',
  '--vscode-button-secondaryForeground': '#3b3b3b',
};

// High Contrast (dark): black background, bright chart colours.
const HIGH_CONTRAST_THEME: Record<string, string> = {
  ...DARK_THEME,
  '--vscode-editor-background': '#000000',
  '--vscode-editor-foreground': '#ffffff',
  '--vscode-foreground': '#ffffff',
  '--vscode-descriptionForeground': '#ffffff',
  '--vscode-charts-lines': 'rgba(255, 255, 255, 0.5)',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-orange': '#ff9f1c',
  '--vscode-charts-green': '#89d185',
  '--vscode-input-background': '#000000',
  '--vscode-input-border': '#6fc3df',
  '--vscode-panel-border': '#6fc3df',
};

/**
 * The VS Code webview API as the page sees it: posted messages and CSP violations are recorded
 * on window, state lives in sessionStorage so it survives a reload like VS Code's does. Plain
 * JavaScript source: tsx would wrap a TypeScript function in helpers the page does not have.
 */
function stubVsCodeApi(theme: Record<string, string>): string {
  return `
    window.__posted = [];
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI);
    });
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => window.__posted.push(m),
      getState: () => JSON.parse(sessionStorage.getItem('state') ?? 'null'),
      setState: (s) => sessionStorage.setItem('state', JSON.stringify(s)),
    });
    // <html> does not exist yet when init scripts run: set the theme as soon as it does.
    new MutationObserver((_, observer) => {
      if (!document.documentElement) return;
      observer.disconnect();
      for (const [name, value] of Object.entries(${JSON.stringify(theme)})) {
        document.documentElement.style.setProperty(name, value);
      }
    }).observe(document, { childList: true });
  `;
}

interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves the panel page and the freshly bundled webview from one local origin. */
async function serve(dir: string): Promise<Served> {
  let origin = '';
  const server = http.createServer((req, res) => {
    const name = (req.url ?? '/').split('?')[0];
    if (name === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(buildPlotHtml({ cspSource: origin, nonce: makeNonce(), scriptUri: `${origin}/webview.js`, styleUri: `${origin}/webview.css` }));
      return;
    }
    const file = path.join(dir, path.basename(name));
    if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript' });
    res.end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${origin}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function postFromHost(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

async function posted(page: Page): Promise<WebviewMessage[]> {
  return page.evaluate(() => (window as unknown as { __posted: WebviewMessage[] }).__posted);
}

/** The messages of one type the page posted, in order. */
async function postedOf<T extends WebviewMessage['type']>(page: Page, type: T): Promise<Extract<WebviewMessage, { type: T }>[]> {
  return (await posted(page)).filter((m): m is Extract<WebviewMessage, { type: T }> => m.type === type);
}

/** Pixels of the chart canvas within the plot area whose colour is close to `hex`. */
async function pixelsNear(page: Page, hex: string): Promise<number> {
  return page.evaluate((color) => {
    const canvas = document.querySelector('.chart canvas') as HTMLCanvasElement;
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 200 && Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 60) count++;
    }
    return count;
  }, hex);
}

async function canvasHash(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector('.chart canvas') as HTMLCanvasElement;
    const { data } = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height);
    let h = 0;
    for (let i = 0; i < data.length; i += 7) h = (h * 31 + data[i]) | 0;
    return h;
  });
}

async function legendLabels(page: Page): Promise<string[]> {
  return page.$$eval('.legend .u-series .u-label', (els) => els.map((e) => e.textContent ?? ''));
}

/** Moves the mouse to data x (the plot's x-range is [lo, hi]) and returns the legend's live values. */
async function readOut(page: Page, x: number, lo: number, hi: number): Promise<string[]> {
  const box = await page.locator('.chart .u-over').boundingBox();
  assert.ok(box, 'no plot area');
  await page.mouse.move(box.x + ((x - lo) / (hi - lo)) * box.width, box.y + box.height / 2);
  return page.$$eval('.legend .u-series .u-value', (els) => els.map((e) => e.textContent ?? ''));
}

const FLOW: GradientFlow = {
  uri: 'file:///work/model.py',
  fileName: 'model.py',
  stackName: 'Discriminator',
  layers: [
    { name: 'nn.Linear', line: 9, bound: 0.015, typical: 0.0009 },
    { name: 'nn.Sigmoid', line: 10, activation: 'sigmoid', bound: 0.0625, typical: 0.004 },
    { name: 'nn.Linear', line: 11, bound: 0.0625, typical: 0.02 },
    { name: 'nn.Sigmoid', line: 12, activation: 'sigmoid', bound: 0.25, typical: 0.1 },
    { name: '<img src=x onerror="window.__xss=1">', line: 13, bound: 1, typical: 1 },
  ],
  assumptions: "bound multiplies sup|f'| of every activation from that layer to the output (weights ignored); typical "
    + "multiplies E[f'(z)] with each pre-activation z ~ N(0,1), independent across layers, ignoring weights, "
    + 'normalisation and residual connections.',
};

describe('plot webview in Chromium', function () {
  this.timeout(60_000);
  let bundleDir: string;
  let userDataDir: string;
  let served: Served;
  let context: BrowserContext;

  before(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`Chromium is required for this test and was not found at ${CHROMIUM}. `
        + 'Install it with: apt-get install -y --no-install-recommends chromium');
    }
    // Bundle the webview as esbuild.mjs does, into a temporary directory, so the test never runs
    // against a stale dist/.
    bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-webview-'));
    await esbuild.build({
      entryPoints: [path.join(ROOT, 'webview/main.ts')], outfile: path.join(bundleDir, 'webview.js'),
      bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'error',
    });
    served = await serve(bundleDir);
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: SIZE,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    fs.mkdirSync(RESULTS, { recursive: true });
  });

  after(async () => {
    await context?.close();
    await served?.close();
    for (const dir of [bundleDir, userDataDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function open(theme = DARK_THEME): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript({ content: stubVsCodeApi(theme) });
    await page.goto(served.url);
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
    return { page, errors };
  }

  it('draws activations and derivatives, lists them in the legend, and re-plots on a parameter change', async () => {
    const { page, errors } = await open();
    const message: HostMessage = {
      type: 'plotActivations',
      items: [{ id: 'sigmoid', params: {} }, { id: 'leaky_relu', params: { negative_slope: 0.1 } }],
    };
    await postFromHost(page, message);
    await page.waitForSelector('.chart canvas');
    assert.ok(await pixelsNear(page, DARK_THEME['--vscode-charts-blue']) > 500, 'sigmoid (blue) is not drawn');
    assert.ok(await pixelsNear(page, DARK_THEME['--vscode-charts-orange']) > 500, 'LeakyReLU (orange) is not drawn');
    const labels = await legendLabels(page);
    assert.deepEqual(labels.slice(1), ['Sigmoid', 'Sigmoid′', 'LeakyReLU(negative_slope=0.1)', 'LeakyReLU(negative_slope=0.1)′']);

    // Cursor read-out at x = -4: σ(-4), σ'(-4), 0.1·(-4), 0.1.
    let values = await readOut(page, -4, -6, 6);
    const num = (s: string) => Number(s.replace('−', '-'));
    assert.ok(Math.abs(num(values[0]) + 4) < 0.05, `x read-out ${values[0]}`);
    const x = num(values[0]);
    const s = 1 / (1 + Math.exp(-x));
    assert.ok(Math.abs(num(values[1]) - s) < 1e-3 * s + 1e-4, `σ read-out ${values[1]}`);
    assert.ok(Math.abs(num(values[2]) - s * (1 - s)) < 1e-3, `σ′ read-out ${values[2]}`);
    assert.ok(Math.abs(num(values[3]) - 0.1 * x) < 1e-3, `leaky read-out ${values[3]}`);
    assert.equal(values[4], '0.1');
    await page.screenshot({ path: path.join(RESULTS, 'plot-activations-dark.png') });

    // Live parameter change: the slope input re-plots without any message to the host.
    const before = await canvasHash(page);
    const sentBefore = (await posted(page)).length;
    await page.locator('.card').nth(1).locator('input').fill('0.3');
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.legend .u-label')).some((e) => e.textContent === 'LeakyReLU(negative_slope=0.3)'));
    assert.notEqual(await canvasHash(page), before, 'the canvas did not change');
    values = await readOut(page, -4, -6, 6);
    assert.ok(Math.abs(num(values[3]) - 0.3 * num(values[0])) < 1e-3, `leaky read-out after change ${values[3]}`);
    assert.equal((await posted(page)).length, sentBefore, 'a re-plot must not need the host');

    // The state survives a reload of the page (VS Code discards hidden webviews).
    await page.reload();
    await page.waitForSelector('.chart canvas');
    assert.equal(await page.locator('.card').nth(1).locator('input').inputValue(), '0.3');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('zooms by dragging, resets the range, and adds and removes curves locally', async () => {
    const { page, errors } = await open();
    await postFromHost(page, { type: 'plotActivations', items: [{ id: 'relu', params: {} }] });
    await page.waitForSelector('.chart canvas');
    const box = await page.locator('.chart .u-over').boundingBox();
    assert.ok(box);
    const at = (x: number) => box.x + ((x + 6) / 12) * box.width;
    await page.mouse.move(at(-2), box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(at(0), box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(at(2), box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const lo = page.getByLabel('x from');
    const hi = page.getByLabel('x to');
    await page.waitForFunction(() => (document.querySelector('[aria-label="x from"]') as HTMLInputElement).value !== '-6');
    assert.ok(Math.abs(Number(await lo.inputValue()) + 2) < 0.05, await lo.inputValue());
    assert.ok(Math.abs(Number(await hi.inputValue()) - 2) < 0.05, await hi.inputValue());
    // The zoomed plot is re-sampled: the read-out at the new centre is exact.
    const values = await readOut(page, 1, Number(await lo.inputValue()), Number(await hi.inputValue()));
    assert.ok(Math.abs(Number(values[0]) - 1) < 0.01 && values[1] === values[0], values.join(' '));
    await page.getByRole('button', { name: 'Reset' }).click();
    assert.equal(await lo.inputValue(), '-6');
    assert.equal(await hi.inputValue(), '6');

    await page.getByLabel('Add an activation').selectOption('keras2.hard_sigmoid');
    assert.deepEqual((await legendLabels(page)).slice(1), ['ReLU', 'ReLU′', 'HardSigmoid (tf.keras 2 / TF.js)', 'HardSigmoid (tf.keras 2 / TF.js)′']);
    await page.getByRole('button', { name: 'Remove ReLU' }).click();
    assert.deepEqual((await legendLabels(page)).slice(1), ['HardSigmoid (tf.keras 2 / TF.js)', 'HardSigmoid (tf.keras 2 / TF.js)′']);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('follows the theme: light, then a live switch to high contrast', async () => {
    const { page, errors } = await open(LIGHT_THEME);
    await postFromHost(page, { type: 'plotActivations', items: [{ id: 'sigmoid', params: {} }, { id: 'gelu', params: {} }, { id: 'tanh', params: {} }] });
    await page.waitForSelector('.chart canvas');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(255, 255, 255)');
    assert.ok(await pixelsNear(page, LIGHT_THEME['--vscode-charts-blue']) > 500, 'sigmoid is not drawn in the light theme colour');
    await page.screenshot({ path: path.join(RESULTS, 'plot-activations-light.png') });

    // VS Code switches theme by rewriting the variables on <html> and the class on <body>.
    const orangeBefore = await pixelsNear(page, HIGH_CONTRAST_THEME['--vscode-charts-orange']);
    await page.evaluate((theme) => {
      for (const [name, value] of Object.entries(theme)) document.documentElement.style.setProperty(name, value);
      document.body.classList.add('vscode-high-contrast');
    }, HIGH_CONTRAST_THEME);
    await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(0, 0, 0)');
    await page.waitForFunction((before) => {
      const canvas = document.querySelector('.chart canvas') as HTMLCanvasElement;
      const { data } = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 200 && Math.abs(data[i] - 255) + Math.abs(data[i + 1] - 159) + Math.abs(data[i + 2] - 28) < 60) count++;
      }
      return count > before + 500;
    }, orangeBefore);
    await page.screenshot({ path: path.join(RESULTS, 'plot-activations-high-contrast.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('plots gradient flow on a log scale, escapes layer names, and reveals a clicked layer', async () => {
    const { page, errors } = await open();
    await postFromHost(page, { type: 'plotGradientFlow', flow: FLOW });
    await page.waitForSelector('.chart canvas');
    assert.ok(await pixelsNear(page, DARK_THEME['--vscode-charts-blue']) > 100, 'typical series is not drawn');
    assert.ok(await pixelsNear(page, DARK_THEME['--vscode-charts-red']) > 100, 'bound series is not drawn');
    assert.equal(await page.locator('h1').textContent(), 'Gradient flow: Discriminator (model.py)');
    // The hostile layer name is text, never markup.
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    assert.ok((await page.locator('table.layers').textContent())?.includes('<img src=x'));

    // Click the second point (index 1 of 5 on x ∈ [-0.5, 4.5]).
    const box = await page.locator('.chart .u-over').boundingBox();
    assert.ok(box);
    await page.mouse.click(box.x + (1.5 / 5) * box.width, box.y + box.height / 2);
    assert.deepEqual(await postedOf(page, 'reveal'), [{ type: 'reveal', line: 10 }]);
    await page.locator('table.layers tbody tr').nth(3).click();
    assert.deepEqual((await postedOf(page, 'reveal')).at(-1), { type: 'reveal', line: 12 });
    await page.screenshot({ path: path.join(RESULTS, 'plot-gradient-flow.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('exports SVG and PNG through the host', async () => {
    const { page } = await open();
    await postFromHost(page, { type: 'plotActivations', items: [{ id: 'tanh', params: {} }] });
    await page.waitForSelector('.chart canvas');
    await page.getByRole('button', { name: 'Copy as SVG' }).click();
    await page.locator('header select').selectOption('png');
    const [copy] = await postedOf(page, 'copyText');
    assert.ok(copy, 'no SVG copied');
    assert.ok(copy.text.startsWith('<svg'));
    assert.ok(copy.text.includes('Tanh'));
    const [save] = await postedOf(page, 'save');
    assert.equal(save?.format, 'png');
    assert.equal(save.name, 'activations-tanh.png');
    const png = Buffer.from(save.data.slice(save.data.indexOf(',') + 1), 'base64');
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(png.length > 5000, 'the PNG is suspiciously small');
    fs.writeFileSync(path.join(RESULTS, 'export-activations.png'), png);
    fs.writeFileSync(path.join(RESULTS, 'export-activations.svg'), copy.text);

    // The gradient flow's SVG carries a hostile layer name: it must stay text in well-formed XML.
    await postFromHost(page, { type: 'plotGradientFlow', flow: FLOW });
    await page.waitForSelector('table.layers');
    await page.getByRole('button', { name: 'Copy as SVG' }).click();
    const svg = (await postedOf(page, 'copyText'))[1].text;
    fs.writeFileSync(path.join(RESULTS, 'export-gradient-flow.svg'), svg);
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        errors: doc.getElementsByTagName('parsererror').length,
        foreign: doc.querySelectorAll('img, script, foreignObject').length,
        texts: Array.from(doc.querySelectorAll('text')).map((t) => t.textContent ?? ''),
      };
    }, svg);
    assert.equal(parsed.errors, 0, 'the SVG is not well-formed');
    assert.equal(parsed.foreign, 0);
    assert.ok(parsed.texts.some((t) => t.startsWith('<img src=x')), parsed.texts.join(' | '));
    await page.close();
  });

  it('rejects malformed messages and keeps the plot', async () => {
    const { page } = await open();
    await postFromHost(page, { type: 'plotActivations', items: [{ id: 'relu', params: {} }] });
    await page.waitForSelector('.chart canvas');
    await postFromHost(page, { type: 'plotActivations', items: [{ id: 'relu', params: { alpha: 'x' } }] });
    await postFromHost(page, { type: 'plotGradientFlow', flow: { ...FLOW, layers: [{ name: 'x', line: -1, bound: 1, typical: 1 }] } });
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'error').length === 2);
    assert.deepEqual((await legendLabels(page)).slice(1), ['ReLU', 'ReLU′']);
    await page.close();
  });

  it('runs under a CSP that blocks injected scripts', async () => {
    const { page } = await open();
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp ?? '', /default-src 'none'/);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.body.append(script);
    });
    await page.waitForFunction(() => (window as unknown as { __violations: string[] }).__violations.length > 0);
    const violations = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
    assert.ok(violations.some((v) => v.startsWith('script-src')), violations.join('; '));
    assert.equal(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected), undefined);
    await page.close();
  });
});
