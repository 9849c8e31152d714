// The plot panel's HTML, shared by the panel host and the rendering test (no `vscode` import).
// Everything the page loads comes from the extension's dist folder; scripts need the nonce.

import { randomBytes } from 'node:crypto';

export interface PlotHtmlOptions {
  /** `webview.cspSource`: the origin the webview serves local resources from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64url');
}

const ATTR_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function attr(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ATTR_ESCAPES[c]);
}

/**
 * uPlot positions its cursor and legend through element.style (CSSOM), which `style-src` does not
 * restrict; the page itself carries no inline style, so styles need no nonce.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function buildPlotHtml(options: PlotHtmlOptions): string {
  const { cspSource, nonce, scriptUri, styleUri } = options;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(styleUri)}">
<title>Activation Lens</title>
</head>
<body>
<main id="app" aria-live="polite"></main>
<script nonce="${attr(nonce)}" src="${attr(scriptUri)}"></script>
</body>
</html>
`;
}
