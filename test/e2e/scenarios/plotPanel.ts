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

/** `#rrggbb` or `rgb(r, g, b)` as numbers. */
function rgb(css: string): Rgb {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(css);
  const fn = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)];
  if (fn) return [Number(fn[1]), Number(fn[2]), Number(fn[3])];
  throw new Error(`not a colour: ${css}`);
}

interface Colours { background: Rgb; blue: Rgb; orange: Rgb; green: Rgb }

/** The theme variables the panel draws with, as VS Code defines them for the workbench. */
async function workbenchColours(page: Page): Promise<Colours> {
  const names = ['--vscode-editor-background', '--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green'];
  // No named functions inside evaluate: tsx's esbuild would wrap them in a helper the page lacks.
  const [background, blue, orange, green] = (await page.evaluate((vars) => {
    const style = getComputedStyle(document.querySelector('.monaco-workbench') as Element);
    return vars.map((v) => style.getPropertyValue(v).trim());
  }, names)).map(rgb);
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
    const sigmoidBox = page.locator(`.quick-input-widget .monaco-checkbox[aria-label="${sigmoid.title}"]`);
    await poll('Sigmoid pre-selected in the picker', async () => ((await sigmoidBox.getAttribute('aria-checked')) === 'true' ? true : undefined));
    await page.keyboard.type(tanh.id);
    const tanhBox = page.locator(`.quick-input-widget .monaco-checkbox[aria-label="${tanh.title}"]`);
    await poll('Tanh in the picker', async () => (await tanhBox.count()) === 1 || undefined);
    await tanhBox.click();
    await poll('Tanh checked', async () => ((await tanhBox.getAttribute('aria-checked')) === 'true' ? true : undefined));
    await page.keyboard.press('Enter');

    const frame = await workbench.webviewFrame('.chart canvas');
    const labels = await poll('the legend to list sigmoid and tanh', async () => {
      const shown = await legend(frame);
      return shown.includes(sigmoid.title) && shown.includes(tanh.title) ? shown : undefined;
    });
    assert.deepEqual(labels.filter((l) => l !== 'x'), [sigmoid.title, `${sigmoid.title}′`, tanh.title, `${tanh.title}′`]);

    // Theme: the page's background and the curve colours are the workbench's.
    const drawnIn = async (expectDark: boolean) => {
      const colours = await workbenchColours(page);
      return poll(`the panel drawn in the ${expectDark ? 'dark' : 'light'} theme's colours`, async () => {
        const report = await inspectCanvas(frame, [colours.blue, colours.orange]);
        const dark = report.background[0] < 128;
        if (report.background.join() !== colours.background.join() || dark !== expectDark) {
          throw new Error(`panel background rgb(${report.background.join()}), workbench rgb(${colours.background.join()})`);
        }
        if (report.counts.some((n) => n < 200)) throw new Error(`pixels of charts-blue/orange: ${report.counts.join('/')}`);
        return report;
      });
    };
    const startsDark = (await page.locator('.monaco-workbench.vs-dark').count()) > 0;
    const before = await drawnIn(startsDark);
    await screenshot('before-theme-switch');
    await workbench.runCommand('Preferences: Color Theme');
    const other = startsDark ? 'Light Modern' : 'Dark Modern';
    await page.keyboard.type(other);
    await poll(`the theme "${other}" in the list`, async () =>
      (await page.locator('.quick-input-list .monaco-list-row', { hasText: other }).count()) > 0 || undefined);
    await page.keyboard.press('Enter');
    const after = await drawnIn(!startsDark);
    assert.notEqual(after.hash, before.hash, 'the chart is redrawn in the new theme');

    // A parameter: add LeakyReLU from the panel and change its negative slope.
    await frame.locator('select[aria-label="Add an activation"]').selectOption(leaky.id);
    await poll('LeakyReLU in the legend', async () => ((await legend(frame)).includes(leaky.title) ? true : undefined));
    const green = (await workbenchColours(page)).green;
    const withDefault = await inspectCanvas(frame, [green]);
    assert.ok(withDefault.counts[0] > 100, 'the third curve is drawn in charts-green');
    const slope = frame.locator('.card', { hasText: leaky.title }).locator('input[type="number"]');
    await slope.fill('0.3');
    await poll('the legend to show negative_slope=0.3', async () =>
      ((await legend(frame)).includes(`${leaky.title}(negative_slope=0.3)`) ? true : undefined));
    const changed = await inspectCanvas(frame, [green]);
    assert.notEqual(changed.hash, withDefault.hash, 'the chart is redrawn with the new slope');
  },
};
