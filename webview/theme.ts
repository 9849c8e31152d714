// Canvas colours from the VS Code theme. A canvas cannot use CSS variables, so the values are read
// with getComputedStyle, and re-read when VS Code switches theme (it rewrites the variables on
// <html> and the theme class on <body>).

export interface Theme {
  background: string;
  foreground: string;
  muted: string;
  grid: string;
  /** One colour per curve, cycled. */
  series: string[];
  fontFamily: string;
  /** Curve width in CSS pixels: heavier in high-contrast themes. */
  lineWidth: number;
}

// Fallbacks: VS Code's Dark Modern values, for a page opened outside VS Code.
const SERIES = [
  ['--vscode-charts-blue', '#3794ff'],
  ['--vscode-charts-orange', '#d18616'],
  ['--vscode-charts-green', '#89d185'],
  ['--vscode-charts-purple', '#b180d7'],
  ['--vscode-charts-red', '#f14c4c'],
  ['--vscode-charts-yellow', '#cca700'],
] as const;

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

/** Drops the alpha of `rgba(...)` and `#rrggbbaa` colours: some themes (Dark Modern's
 *  `charts.orange` is `rgba(234, 92, 0, 0.33)`) give translucent chart colours meant for fills,
 *  which draw curves too faint to read. */
export function opaque(color: string): string {
  const rgba = /^rgba\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*[\d.]+\s*\)$/.exec(color);
  if (rgba) return `rgb(${rgba[1]}, ${rgba[2]}, ${rgba[3]})`;
  if (/^#[0-9a-f]{8}$/i.test(color)) return color.slice(0, 7);
  return color;
}

export function readTheme(): Theme {
  const style = getComputedStyle(document.body);
  const foreground = cssVar(style, '--vscode-editor-foreground', cssVar(style, '--vscode-foreground', '#cccccc'));
  return {
    background: cssVar(style, '--vscode-editor-background', '#1f1f1f'),
    foreground,
    muted: cssVar(style, '--vscode-descriptionForeground', foreground),
    grid: cssVar(style, '--vscode-charts-lines', 'rgba(128, 128, 128, 0.35)'),
    series: SERIES.map(([name, fallback]) => opaque(cssVar(style, name, fallback))),
    fontFamily: cssVar(style, '--vscode-font-family', 'system-ui, sans-serif'),
    lineWidth: document.body.classList.contains('vscode-high-contrast')
      || document.body.classList.contains('vscode-high-contrast-light') ? 3 : 2,
  };
}

/** Calls `onChange` after VS Code changes theme. */
export function watchTheme(onChange: () => void): void {
  const observer = new MutationObserver(() => onChange());
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
}
