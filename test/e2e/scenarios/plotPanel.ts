// 5. "Activation Lens: Plot Activation…" with sigmoid and tanh: the panel draws both curves in the
// theme's chart colours, follows a theme switch, and re-plots when a parameter changes.

import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { getActivation } from '../../../shared/activations';
import { poll } from '../poll';
import { lineOf } from '../expectations';
import type { Scenario } from '../scenario';

const FILE = 'gan/dcgan.py';

type Rgb = [number, number, number];

/**
 * `#rrggbb[aa]`, `rgb(r, g, b)` or `rgba(r, g, b, a)` as the opaque colour the panel draws with:
 * some themes define chart colours with alpha (Dark Modern's charts-orange is
 * `rgba(234, 92, 0, 0.33)`), and the panel drops it so curves stay readable (webview/theme.ts).
 */
function rgb(css: string): Rgb {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})?$/i.exec(css);
  const fn = /^rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)$/.exec(css);
  const parts = hex ? hex.slice(1, 4).map((c) => parseInt(c, 16)) : fn ? [Number(fn[1]), Number(fn[2]), Number(fn[3])] : undefined;
  if (!parts) throw new Error(`not a colour: ${css}`);
  return parts as Rgb;
}

interface Colours { background: Rgb; blue: Rgb; orange: Rgb; green: Rgb }

/** The theme variables the panel draws with, as VS Code defines them for the workbench. */
async function workbenchColours(page: Page): Promise<Colours> {
  const names = ['--vscode-editor-background', '--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green'];
  // No named functions inside evaluate: tsx's esbuild would wrap them in a helper the page lacks.
  const values = await page.evaluate((vars) => {
    const style = getComputedStyle(document.querySelector('.monaco-workbench') as Element);
    return vars.map((v) => style.getPropertyValue(v).trim());
  }, names);
  const background = rgb(values[0]);
  const [blue, orange, green] = values.slice(1).map((v) => rgb(v));
  return { background, blue, orange, green };
}

interface CanvasReport {
  /** Pixels within a small distance of each colour asked for (curve cores are drawn unblended). */
  counts: number[];
  /** Differs when anything drawn differs. */
  hash: number;
  /** The body's background as the panel renders it. */
  background: Rgb;
}

async function inspectCanvas(frame: Frame, colours: Rgb[]): Promise<CanvasReport> {
  const report = await frame.evaluate((targets) => {
    const canvas = document.querySelector('.chart canvas') as HTMLCanvasElement;
    const { data } = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height);
    const counts = targets.map(() => 0);
    let hash = 0;
    for (let i = 0; i < data.length; i += 4) {
      hash = (hash * 31 + data[i] + 7 * data[i + 1] + 13 * data[i + 2] + 17 * data[i + 3]) | 0;
      if (data[i + 3] < 250) continue;
      targets.forEach(([r, g, b], k) => {
        if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 12) counts[k]++;
      });
    }
    return { counts, hash, background: getComputedStyle(document.body).backgroundColor };
  }, colours);
  return { ...report, background: rgb(report.background) };
}

/** The colour swatch of each activation card. */
async function swatches(frame: Frame): Promise<Rgb[]> {
  const css = await frame.locator('.card .swatch').evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
  return css.map((c) => rgb(c));
}

async function legend(frame: Frame): Promise<string[]> {
  return (await frame.locator('.legend .u-series .u-label').allInnerTexts()).map((s) => s.trim());
}

export const plotPanel: Scenario = {
  name: 'plot-panel',
  title: 'Plot Activation… sigmoid + tanh: curves, legend, theme colours, re-plot',
  restricted: false,
  async run({ workbench, workspace, screenshot }) {
    const { page } = workbench;
    const sigmoid = getActivation('sigmoid');
    const tanh = getActivation('tanh');
    const leaky = getActivation('leaky_relu');
    assert.ok(sigmoid && tanh && leaky, 'the core defines sigmoid, tanh and leaky_relu');
    // The cursor on nn.Sigmoid() pre-selects sigmoid in the picker.
    await workbench.openFile(FILE);
    await workbench.goTo(lineOf(workspace, FILE, 'nn.Sigmoid()'), 17);
    await workbench.runCommand('Activation Lens: Plot Activation…');
    // Row checkboxes only: the header's "Toggle all checkboxes" is a checkbox too.
    const checkbox = (title: string) => page.locator(`.quick-input-list .monaco-list-row .monaco-checkbox[aria-label="${title}"]`);
    const sigmoidBox = checkbox(sigmoid.title);
    await poll('Sigmoid pre-selected in the picker', async () => ((await sigmoidBox.getAttribute('aria-checked')) === 'true' ? true : undefined));
    await workbench.typeInQuickPick(tanh.id);
    const tanhBox = checkbox(tanh.title);
    await poll('Tanh in the picker', async () => (await tanhBox.count()) === 1 || undefined);
    await tanhBox.click();
    await poll('Tanh checked', async () => ((await tanhBox.getAttribute('aria-checked')) === 'true' ? true : undefined));
    await page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).click();

    const frame = await workbench.webviewFrame('.chart canvas');
    const labels = await poll('the legend to list sigmoid and tanh', async () => {
      const shown = await legend(frame);
      return shown.includes(sigmoid.title) && shown.includes(tanh.title) ? shown : undefined;
    });
    assert.deepEqual(labels.filter((l) => l !== 'x'), [sigmoid.title, `${sigmoid.title}′`, tanh.title, `${tanh.title}′`]);

    // Theme: the page's background, the cards' swatches and the curves are the workbench's colours.
    const drawnIn = (expectDark: boolean) =>
      poll(`the panel drawn in the ${expectDark ? 'dark' : 'light'} theme's colours`, async () => {
        const colours = await workbenchColours(page);
        const report = await inspectCanvas(frame, [colours.blue]);
        const dark = report.background[0] < 128;
        if (report.background.join() !== colours.background.join() || dark !== expectDark) {
          throw new Error(`panel background rgb(${report.background.join()}), workbench rgb(${colours.background.join()})`);
        }
        const shown = (await swatches(frame)).map((c) => c.join());
        if (shown.join(' ') !== [colours.blue, colours.orange].map((c) => c.join()).join(' ')) {
          throw new Error(`swatches rgb(${shown.join('), rgb(')}), charts-blue/orange rgb(${colours.blue.join()}), rgb(${colours.orange.join()})`);
        }
        // The first curve is opaque charts-blue in the stock themes: its core pixels match exactly.
        if (report.counts[0] < 200) throw new Error(`only ${report.counts[0]} pixels of charts-blue rgb(${colours.blue.join()})`);
        return report;
      });
    const startsDark = (await page.locator('.monaco-workbench.vs-dark').count()) > 0;
    const before = await drawnIn(startsDark);
    await screenshot('before-theme-switch');
    await workbench.runCommand('Preferences: Color Theme');
    const other = startsDark ? 'Light Modern' : 'Dark Modern';
    await workbench.typeInQuickPick(other);
    await workbench.pickExactly(other);
    const after = await drawnIn(!startsDark);
    assert.notEqual(after.hash, before.hash, 'the chart is redrawn in the new theme');

    // A parameter: add LeakyReLU from the panel and change its negative slope.
    await frame.locator('select[aria-label="Add an activation"]').selectOption(leaky.id);
    await poll('LeakyReLU in the legend', async () => ((await legend(frame)).includes(leaky.title) ? true : undefined));
    const { green } = await workbenchColours(page);
    assert.deepEqual((await swatches(frame))[2], green, 'the third curve is charts-green');
    const withDefault = await inspectCanvas(frame, []);
    const slope = frame.locator('.card', { hasText: leaky.title }).locator('input[type="number"]');
    await slope.fill('0.3');
    await poll('the legend to show negative_slope=0.3', async () =>
      ((await legend(frame)).includes(`${leaky.title}(negative_slope=0.3)`) ? true : undefined));
    const changed = await inspectCanvas(frame, []);
    assert.notEqual(changed.hash, withDefault.hash, 'the chart is redrawn with the new slope');
  },
};
