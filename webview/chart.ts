// A uPlot chart that fills its container and follows its size.

import uPlot from 'uplot';
import type { Theme } from './theme';

const MIN_HEIGHT = 220;

export interface Chart {
  plot: uPlot;
  destroy(): void;
}

function sizeOf(container: HTMLElement): { width: number; height: number } {
  return { width: Math.max(200, container.clientWidth), height: Math.max(MIN_HEIGHT, container.clientHeight) };
}

/** Axis styling shared by both views: theme colours, no hand-drawn axes. */
export function themedAxis(theme: Theme, label: string): uPlot.Axis {
  return {
    label,
    stroke: theme.foreground,
    font: `12px ${theme.fontFamily}`,
    labelFont: `12px ${theme.fontFamily}`,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1, size: 4 },
  };
}

/**
 * Creates the chart in `container` (which the stylesheet sizes), mounting its legend into
 * `legend`, and resizes it with the container.
 */
export function mountChart(container: HTMLElement, legend: HTMLElement, options: Omit<uPlot.Options, 'width' | 'height'>,
  data: uPlot.AlignedData): Chart {
  const plot = new uPlot({
    ...sizeOf(container),
    // Unrounded coordinates: pixel snapping turns slanted lines into visible staircases.
    pxAlign: 0,
    ...options,
    legend: {
      // Dashed series get a dashed legend swatch, so f′ reads as f′ there too.
      markers: { dash: (u, i) => (u.series[i].dash ? 'dashed' : 'solid'), width: 2 },
      ...options.legend,
      mount: (_u, el) => legend.replaceChildren(el),
    },
  }, data, container);
  const observer = new ResizeObserver(() => {
    const size = sizeOf(container);
    if (size.width !== plot.width || size.height !== plot.height) plot.setSize(size);
  });
  observer.observe(container);
  return {
    plot,
    destroy() {
      observer.disconnect();
      plot.destroy();
    },
  };
}
