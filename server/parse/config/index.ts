/**
 * Model config files → DocumentModel, one entry per syntax: JSON (Keras `to_json`, `.keras`
 * config.json, TF.js model.json, Hugging Face config.json), YAML (Ultralytics YOLO, generic layer
 * lists), darknet .cfg and Caffe .prototxt.
 *
 * Each entry first decides from content whether the document is a model config at all (detect.ts:
 * a bounded prefix for JSON, a linear scan for the rest), so unrelated files cost a scan and
 * produce an empty model. A document that is a model config but does not parse, or nests past any
 * real file, produces one problem (`skipped`) and no findings. JSON and YAML use well-kept parsers
 * with offsets (jsonc-parser, yaml); the INI-like darknet format and protobuf text have small
 * tokenizers of their own. Findings point at the entry that causes them: a layer's `class_name`,
 * an `activation` value, a section header, a `type:` field.
 *
 * Never throws: a defect reads as an internal error on the document.
 */

import type { DocumentModel, SourceSyntax } from '../../model/layerStack';
import { MAX_CHARS } from '../python/guard';
import { LineIndex } from '../python/positions';
import { parseCaffe } from './caffe';
import { parseDarknet } from './darknet';
import { isCaffeNet, isDarknet, jsonKind, yamlKind } from './detect';
import { parseHuggingFaceConfig } from './huggingface';
import { parseJson } from './jsonTree';
import { parseKerasJson } from './keras';
import { parsePrototxt } from './prototxt';
import { emptyModel, MAX_LAYERS, TooManyLayers } from './uses';
import { parseYamlLayers } from './yamlLayers';
import { parseYolo } from './yolo';
import { parseYaml } from './yamlTree';

function guarded(syntax: SourceSyntax, text: string, parse: (text: string) => DocumentModel): DocumentModel {
  if (text.length > MAX_CHARS) return emptyModel(syntax, `file is larger than ${MAX_CHARS.toLocaleString('en')} characters`);
  if (text.includes('\0')) return emptyModel(syntax, 'file looks binary');
  try {
    return parse(text);
  } catch (e) {
    if (e instanceof TooManyLayers) return emptyModel(syntax, e.message);
    return emptyModel(syntax, `internal error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** `maxLayers`: a model config with more layers is refused (Keras JSON; Hugging Face configs are small). */
export function parseJsonConfig(text: string, maxLayers = MAX_LAYERS): DocumentModel {
  return guarded('json', text, () => {
    const kind = jsonKind(text);
    if (!kind) return emptyModel('json');
    const lines = new LineIndex(text);
    const parsed = parseJson(text, lines);
    if ('problem' in parsed) return emptyModel('json', parsed.problem);
    return kind === 'keras' ? parseKerasJson(text, parsed.root, lines, maxLayers) : parseHuggingFaceConfig(text, parsed.root, lines);
  });
}

/** `maxLayers`: a model config with more layers (YOLO rows, items of layer lists) is refused. */
export function parseYamlConfig(text: string, maxLayers = MAX_LAYERS): DocumentModel {
  return guarded('yaml', text, () => {
    const kind = yamlKind(text);
    if (!kind) return emptyModel('yaml');
    const lines = new LineIndex(text);
    const parsed = parseYaml(text, lines);
    if ('problem' in parsed) return emptyModel('yaml', parsed.problem);
    return kind === 'yolo' ? parseYolo(parsed.root, lines, maxLayers) : parseYamlLayers(parsed.root, lines, maxLayers);
  });
}

export function parseDarknetConfig(text: string, maxLayers = MAX_LAYERS): DocumentModel {
  return guarded('darknet', text, () => (isDarknet(text) ? parseDarknet(text, maxLayers) : emptyModel('darknet')));
}

export function parseCaffeConfig(text: string, maxLayers = MAX_LAYERS): DocumentModel {
  return guarded('prototxt', text, () => {
    if (!isCaffeNet(text)) return emptyModel('prototxt');
    const lines = new LineIndex(text);
    const parsed = parsePrototxt(text);
    if ('problem' in parsed) return emptyModel('prototxt', `invalid prototxt at line ${lines.position(parsed.offset).line + 1}: ${parsed.problem}`);
    return parseCaffe(parsed.root, lines, maxLayers);
  });
}
