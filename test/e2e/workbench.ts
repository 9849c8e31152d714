// A VS Code workbench in a Chromium page, driven the way a person does it: Ctrl+P, F1, the mouse,
// the keyboard. Reads state from the workbench DOM (squiggles, hovers, the Problems panel).

import * as path from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { poll } from './poll';

export interface Box { x: number; y: number; width: number; height: number }

/** One entry of the Problems panel. */
export interface Problem {
  file: string;
  code: string;
  line: number;
  column: number;
  message: string;
  /** The code's documentation link. */
  href: string | undefined;
}

export class Workbench {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  /** A fresh browser profile on `url`; requests that leave the machine are refused. */
  static async open(browser: Browser, url: string): Promise<Workbench> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.route((u) => u.hostname !== '127.0.0.1', (route) => route.abort());
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 30_000 });
    return new Workbench(context, page);
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file });
  }

  /** Quick Open (Ctrl+P) on a workspace-relative path. */
  async openFile(relativePath: string): Promise<void> {
    const name = path.basename(relativePath);
    await this.page.keyboard.press('Control+P');
    await this.page.keyboard.type(relativePath);
    await poll(`Quick Open to list ${relativePath}`, async () =>
      (await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).count()) > 0 || undefined);
    await this.page.keyboard.press('Enter');
    await poll(`an editor on ${name}`, async () =>
      (await this.page.locator('.tab.active', { hasText: name }).count()) > 0
      && (await this.page.locator('.editor-instance .monaco-editor .view-lines').first().isVisible()) || undefined);
  }

  /** Runs a command from the palette (F1) by its full title. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.page.keyboard.type(title);
    await this.pickExactly(title, `the command "${title}" in the palette`);
  }

  /** Types into the quick pick a command opened, once it replaced the palette (its input is empty). */
  async typeInQuickPick(text: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await poll('a quick pick waiting for input', async () => ((await input.isVisible()) && (await input.inputValue()) === '') || undefined);
    await this.page.keyboard.type(text);
  }

  /** Clicks the open quick pick's row labelled exactly `label` (others may contain it). */
  async pickExactly(label: string, what = `"${label}" in the list`): Promise<void> {
    const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const row = this.page.locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: exact }) }).first();
    await poll(what, async () => (await row.count()) > 0 || undefined);
    await row.click();
  }

  /** Moves the cursor with Go to Line (Ctrl+G); both 1-based. */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    await this.page.keyboard.type(`${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await poll(`the cursor at ${line}:${column}`, async () =>
      (await this.page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).count()) > 0 || undefined);
  }

  /** Where `needle` is drawn on the visible editor line containing `lineText`. */
  async textBox(lineText: string, needle: string): Promise<Box | undefined> {
    const line = this.page.locator('.editor-instance .monaco-editor .view-line', { hasText: lineText }).first();
    if ((await line.count()) === 0) return undefined;
    // No named functions inside: tsx's esbuild would wrap them in a helper the page lacks.
    return line.evaluate((el, n) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const nodes: { node: Text; start: number }[] = [];
      let text = '';
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        nodes.push({ node, start: text.length });
        // Monaco renders spaces as U+00A0.
        text += node.data.replace(/\u00a0/g, ' ');
      }
      const at = text.indexOf(n);
      if (at < 0) return undefined;
      const range = document.createRange();
      for (const [offset, set] of [[at, 'start'], [at + n.length, 'end']] as const) {
        let hit = nodes[0];
        for (const p of nodes) if (p.start <= offset) hit = p;
        const inNode = Math.min(offset - hit.start, hit.node.length);
        if (set === 'start') range.setStart(hit.node, inNode);
        else range.setEnd(hit.node, inNode);
      }
      const r = range.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }, needle);
  }

  /**
   * Opens Quick Fix (Ctrl+.) at the cursor and clicks the action containing `title`. Code actions
   * are requested when the menu opens: one opened before the server answered comes up without
   * them, so the menu is closed and reopened until the action shows.
   */
  async applyQuickFix(title: string): Promise<void> {
    const action = this.page.locator('.action-widget .monaco-list-row.action', { hasText: title });
    await poll(`the quick fix "${title}"`, async () => {
      await this.page.keyboard.press('Control+.');
      try {
        await action.first().waitFor({ state: 'visible', timeout: 2000 });
      } catch {
        await this.page.keyboard.press('Escape');
        return undefined;
      }
      return true;
    });
    if ((await action.count()) !== 1) throw new Error(`${await action.count()} quick fixes contain "${title}"`);
    await action.click();
  }

  /** Boxes of the warning squiggles drawn in the active editor. */
  async squiggles(): Promise<Box[]> {
    const boxes = await this.page.locator('.editor-instance .monaco-editor .squiggly-warning').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }));
    return boxes.filter((b) => b.width > 0);
  }

  /**
   * Hovers `needle` on the line containing `lineText` until the hover shows every string of
   * `expected`, and returns the hover's text. Code lenses arriving late move lines, so the
   * position is measured afresh on each try.
   */
  async hover(lineText: string, needle: string, expected: string[]): Promise<string> {
    let shown = '';
    return poll(`a hover on "${needle}" showing ${expected.map((e) => `"${e}"`).join(', ')}`, async () => {
      const box = await this.textBox(lineText, needle);
      if (!box) return undefined;
      await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const hover = this.page.locator('.monaco-hover:not(.hidden)', { hasText: expected[0] }).first();
      try {
        await hover.waitFor({ state: 'visible', timeout: 2000 });
      } catch {
        await this.page.mouse.move(0, 0);
        return undefined;
      }
      shown = await hover.innerText();
      if (expected.every((e) => shown.includes(e))) return shown;
      throw new Error(`the hover showed:\n${shown}`);
    }, { timeout: 20_000 });
  }

  /**
   * Opens the Problems panel, by default maximised so its (virtualised) list renders every row;
   * not maximised, the editor stays in view.
   */
  async showProblems({ maximize = true } = {}): Promise<void> {
    await this.runCommand('Problems: Focus on Problems View');
    const panel = this.page.locator('.part.panel');
    await poll('the Problems panel', async () => (await this.page.locator('.markers-panel').isVisible()) || undefined);
    const tall = async () => ((await panel.boundingBox())?.height ?? 0) > 0.6 * (this.page.viewportSize()?.height ?? 0);
    if (maximize && !(await tall())) {
      await this.runCommand('View: Toggle Maximized Panel');
      await poll('the panel to maximise', async () => (await tall()) || undefined);
    }
  }

  /** Every entry of the Problems panel (related-information rows left out). */
  async problems(): Promise<Problem[]> {
    return this.page.locator('.markers-panel .monaco-list-row').evaluateAll((rows) => {
      const out: Problem[] = [];
      let file = '';
      const sorted = [...rows].sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')));
      for (const row of sorted) {
        const level = row.getAttribute('aria-level');
        if (level === '1') {
          file = row.querySelector('.monaco-icon-label')?.getAttribute('aria-label') ?? '';
        } else if (level === '2') {
          const where = /Ln (\d+), Col (\d+)/.exec(row.querySelector('.marker-line')?.textContent ?? '');
          out.push({
            file,
            code: row.querySelector('.marker-code')?.textContent ?? '',
            line: where ? Number(where[1]) : 0,
            column: where ? Number(where[2]) : 0,
            message: row.querySelector('.marker-message')?.textContent ?? '',
            href: row.querySelector('a.monaco-link')?.getAttribute('href') ?? undefined,
          });
        }
      }
      return out;
    });
  }

  /** The count on the Problems tab (0 when it shows none). */
  async problemsBadge(): Promise<number> {
    const badge = this.page.locator('.part.panel .composite-bar .action-item', { hasText: 'Problems' }).locator('.badge-content');
    if ((await badge.count()) === 0 || !(await badge.isVisible())) return 0;
    return Number(await badge.innerText());
  }

  async restrictedMode(): Promise<boolean> {
    return (await this.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).count()) > 0;
  }

  /** The frame inside the webview panel whose document has `selector` (VS Code nests two iframes). */
  async webviewFrame(selector: string): Promise<Frame> {
    return poll(`a webview showing ${selector}`, async () => {
      for (const frame of this.page.frames()) {
        if (frame === this.page.mainFrame()) continue;
        try {
          if ((await frame.locator(selector).count()) > 0) return frame;
        } catch {
          // the frame navigated away
        }
      }
      return undefined;
    }, { timeout: 30_000 });
  }
}
