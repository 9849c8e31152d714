// Which kind of model config a document is, decided from a bounded prefix (JSON) or a linear scan
// for the keys that matter (YAML, darknet, prototxt), so that unrelated files (package.json,
// tsconfig.json, GitHub workflows, setup.cfg, solver prototxts) cost a scan and produce nothing.

export type JsonKind = 'keras' | 'huggingface';
export type YamlKind = 'yolo' | 'layers';

/** Keras and HF configs name what they are near the top; 64 KiB reaches past any preamble. */
const JSON_PREFIX = 64 * 1024;

export function jsonKind(text: string): JsonKind | undefined {
  const head = text.slice(0, JSON_PREFIX);
  if (!/^\s*\{/.test(head)) return undefined;
  if (/"(modelTopology|class_name)"\s*:/.test(head)) return 'keras';
  if (/"(model_type|architectures|hidden_act|hidden_activation|activation_function)"\s*:/.test(head)) return 'huggingface';
  return undefined;
}

/** Ultralytics model YAML: top-level `backbone:` and `head:` lists. Other YAML: `activation:`/`act:` keys. */
export function yamlKind(text: string): YamlKind | undefined {
  if (/^backbone\s*:/m.test(text) && /^head\s*:/m.test(text)) return 'yolo';
  if (/(?:^|[\s{,])(?:activation|act)[ \t]*:/m.test(text)) return 'layers';
  return undefined;
}

/** A darknet network: the first section is `[net]` or `[network]`. */
export function isDarknet(text: string): boolean {
  for (const line of text.slice(0, JSON_PREFIX).split('\n')) {
    const t = line.trim();
    if (t === '' || t.startsWith('#') || t.startsWith(';')) continue;
    return t === '[net]' || t === '[network]';
  }
  return false;
}

/** A Caffe net: `layer {` (or V1 `layers {`) blocks. A solver prototxt has none. */
export function isCaffeNet(text: string): boolean {
  return /^[ \t]*layers?[ \t]*\{/m.test(text);
}
