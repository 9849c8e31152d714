// Names a user may type (CLI, settings): core ids, titles, framework spellings with or without a
// framework prefix. A bare name that frameworks define differently (hard_sigmoid) is left out, so
// the user must say which one (keras2.hard_sigmoid, keras3.hard_sigmoid, tfjs.hardSigmoid).
import { FRAMEWORK_PREFIXES, FRAMEWORK_TABLES, type SpellingEntry } from './frameworkTables';
import { ACTIVATIONS, getActivation, resolveParams } from './registry';
import type { Framework, ParamValues } from './types';

interface Resolved {
  id: string;
  params: ParamValues;
}

const key = (r: Resolved): string => `${r.id} ${JSON.stringify(r.params)}`;

/** Collects candidate meanings per name; a name with two different meanings is ambiguous. */
class NameTable {
  private readonly meanings = new Map<string, Map<string, Resolved>>();

  add(name: string, r: Resolved): void {
    let m = this.meanings.get(name);
    if (!m) this.meanings.set(name, (m = new Map()));
    m.set(key(r), r);
  }

  /** Names with exactly one meaning. */
  unambiguous(): Map<string, Resolved> {
    const out = new Map<string, Resolved>();
    for (const [name, m] of this.meanings) if (m.size === 1) out.set(name, [...m.values()][0]);
    return out;
  }
}

function resolveEntry(entry: SpellingEntry): Resolved {
  const def = getActivation(entry.id);
  if (!def) throw new Error(`framework table names unknown activation '${entry.id}'`);
  return { id: entry.id, params: resolveParams(def, entry.params) };
}

const IDENTIFIER_PATH = /^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)*$/;

function buildNames(): Map<string, Resolved> {
  // Core ids and single-word titles take precedence: 'LeakyReLU' is PyTorch's, slope 0.01.
  const core = new Map<string, Resolved>();
  for (const def of ACTIVATIONS) {
    const r = { id: def.id, params: resolveParams(def) };
    core.set(def.id, r);
    if (IDENTIFIER_PATH.test(def.title)) core.set(def.title, r);
  }
  const table = new NameTable();
  for (const framework of Object.keys(FRAMEWORK_TABLES) as Framework[]) {
    const prefix = FRAMEWORK_PREFIXES[framework];
    for (const entry of FRAMEWORK_TABLES[framework]) {
      const r = resolveEntry(entry);
      table.add(entry.name, r);
      table.add(`${prefix}.${entry.name}`, r);
      if (framework === 'keras') {
        for (const v of entry.kerasVersion ? [entry.kerasVersion] : [2, 3]) table.add(`keras${v}.${entry.name}`, r);
      }
      // Qualified spellings such as nn.LeakyReLU, F.leaky_relu, tf.nn.leaky_relu, keras.layers.LeakyReLU.
      for (const d of entry.display ?? []) if (IDENTIFIER_PATH.test(d) && d.includes('.')) table.add(d, r);
    }
  }
  const names = new Map(core);
  for (const [name, r] of table.unambiguous()) if (!names.has(name)) names.set(name, r);
  return names;
}

let names: Map<string, Resolved> | undefined;
let lowerNames: Map<string, Resolved[]> | undefined;

function nameMap(): Map<string, Resolved> {
  names ??= buildNames();
  return names;
}

function lowerNameMap(): Map<string, Resolved[]> {
  if (!lowerNames) {
    lowerNames = new Map();
    for (const [name, r] of nameMap()) {
      const lower = name.toLowerCase();
      const list = lowerNames.get(lower) ?? [];
      if (!list.some((x) => key(x) === key(r))) list.push(r);
      lowerNames.set(lower, list);
    }
  }
  return lowerNames;
}

/**
 * CLI/user names: 'leaky_relu', 'LeakyReLU', 'keras2.hard_sigmoid', 'tfjs.hardSigmoid', 'quick_gelu', …
 * Case-sensitive first, then case-insensitive when that is unambiguous.
 */
export function lookupActivation(name: string): Resolved | undefined {
  const exact = nameMap().get(name);
  if (exact) return exact;
  const folded = lowerNameMap().get(name.toLowerCase());
  return folded?.length === 1 ? folded[0] : undefined;
}

/** Every accepted lookup name, sorted, for close-match hints. */
export function activationNames(): string[] {
  return [...nameMap().keys()].sort();
}
