// What main.ts needs from a view: theming, teardown, and the pieces the exports are made from.

import type { SvgChart } from '../shared/plot/svg';
import type { Theme } from './theme';

export interface View {
  /** Heading and export title. */
  readonly title: string;
  /** File name stem proposed when saving. */
  readonly exportName: string;
  /** The chart canvas (PNG export), while a chart is shown. */
  readonly canvas: HTMLCanvasElement | undefined;
  /** The same plot as an SVG description `width` px wide, while a chart is shown. */
  svgChart(width: number): SvgChart | undefined;
  setTheme(theme: Theme): void;
  destroy(): void;
}
