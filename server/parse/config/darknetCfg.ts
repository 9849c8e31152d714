// Darknet .cfg tokenizer, reading lines as darknet's read_cfg does (src/parser.c): whitespace is
// removed anywhere in a line; a line starting with `[` opens a section, `#` or `;` is a comment,
// anything else is `key=value`. There are no end-of-line comments: darknet would read
// `activation=leaky # note` as the activation `leaky#note`.

export interface CfgOption {
  key: string;
  value: string;
  line: number;
  /** Columns of the value as written (before whitespace removal). */
  valueStart: number;
  valueEnd: number;
}

export interface CfgSection {
  /** `convolutional`, from the header `[convolutional]`. */
  type: string;
  line: number;
  /** Columns of the header text, brackets included. */
  start: number;
  end: number;
  options: CfgOption[];
}

/** Sections up to `limit` (more are not read: the caller refuses the file). */
export function tokenizeCfg(text: string, limit = Infinity): CfgSection[] {
  const sections: CfgSection[] = [];
  let current: CfgSection | undefined;
  const lines = text.split(/\r\n|\r|\n/);
  for (let line = 0; line < lines.length; line++) {
    const raw = lines[line];
    const start = raw.search(/\S/);
    if (start < 0) continue;
    const c = raw[start];
    if (c === '#' || c === ';') continue;
    const end = raw.trimEnd().length;
    if (c === '[') {
      if (sections.length >= limit) break;
      current = { type: raw.slice(start, end).replace(/\s+/g, '').replace(/^\[|\]$/g, ''), line, start, end, options: [] };
      sections.push(current);
      continue;
    }
    const eq = raw.indexOf('=');
    if (!current || eq < 0) continue; // darknet reports these lines and goes on
    const valueStart = eq + 1 + (raw.slice(eq + 1).search(/\S|$/));
    current.options.push({
      key: raw.slice(start, eq).replace(/\s+/g, ''),
      value: raw.slice(eq + 1).replace(/\s+/g, ''),
      line,
      valueStart,
      valueEnd: Math.max(valueStart, end),
    });
  }
  return sections;
}

/** The value of `key`: the first one written, as darknet's option_find reads it. */
export function option(section: CfgSection, key: string): CfgOption | undefined {
  return section.options.find((o) => o.key === key);
}
