// A cursor over JSON text that reads only what the caller asks for and skips the rest.
// A notebook is mostly outputs (base64 images, logs); its structure is small. Skipping a string
// is one indexOf per escaped quote, so the outputs cost a scan, never a parse, and the caller
// learns where each string it reads starts in the file. Values the caller reads are decoded by
// JSON.parse on their slice, so what it keeps is exactly what JSON.parse would give; the skipped
// parts are checked for structure, not for control characters inside strings.

/** Containers nested deeper than this are refused: notebooks nest a few levels, data a few dozen. */
const MAX_DEPTH = 512;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

export class JsonError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

/** A string token: `from` at its opening quote, `to` just past its closing quote. */
export interface StringToken { from: number; to: number; value: string }

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'literal';

export class JsonCursor {
  private pos = 0;
  private depth = 0;

  constructor(readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  /** The kind of the value at the cursor. */
  kind(): JsonKind {
    this.whitespace();
    const c = this.text[this.pos];
    if (c === '{') return 'object';
    if (c === '[') return 'array';
    if (c === '"') return 'string';
    if (c === '-' || (c >= '0' && c <= '9')) return 'number';
    if (c === 't' || c === 'f' || c === 'n') return 'literal';
    return this.fail(c === undefined ? 'unexpected end of file' : `unexpected '${c}'`);
  }

  /** Keys of the object at the cursor; the caller reads or skips each value before the next key. */
  *entries(): Generator<string> {
    this.open('{');
    if (this.peek() === '}') return this.close();
    for (;;) {
      if (this.peek() !== '"') this.fail('expected a property name in double quotes');
      const key = this.string().value;
      this.expect(':');
      yield key;
      if (this.separator('}')) return this.close();
    }
  }

  /** Walks the array at the cursor; the caller reads or skips each item before the next. */
  *items(): Generator<number> {
    this.open('[');
    if (this.peek() === ']') return this.close();
    for (let i = 0; ; i++) {
      yield i;
      if (this.separator(']')) return this.close();
    }
  }

  /** The string at the cursor, with its place in the text. */
  string(): StringToken {
    if (this.peek() !== '"') this.fail('expected a string');
    const from = this.pos;
    this.skipString();
    return { from, to: this.pos, value: this.decode(from) as string };
  }

  /** The value at the cursor, decoded in full. */
  value(): unknown {
    const from = this.offset();
    this.skip();
    return this.decode(from);
  }

  /** Moves past the value at the cursor, checking its structure. */
  skip(): void {
    const kind = this.kind();
    if (kind === 'object') for (const _ of this.entries()) this.skip();
    else if (kind === 'array') for (const _ of this.items()) this.skip();
    else if (kind === 'string') this.skipString();
    else this.token(kind === 'number' ? NUMBER : LITERAL);
  }

  /** Fails unless only whitespace is left. */
  end(): void {
    if (this.peek() !== undefined) this.fail('unexpected text after the end of the notebook');
  }

  /** Offset of the next value. */
  offset(): number {
    this.whitespace();
    return this.pos;
  }

  fail(message: string): never {
    throw new JsonError(message, this.pos);
  }

  private decode(from: number): unknown {
    try {
      return JSON.parse(this.text.slice(from, this.pos));
    } catch (err) {
      throw new JsonError(err instanceof Error ? err.message : String(err), from);
    }
  }

  private skipString(): void {
    const text = this.text;
    for (let i = this.pos + 1; ; i++) {
      i = text.indexOf('"', i);
      if (i < 0) this.fail('unterminated string');
      let backslashes = 0;
      while (text.charCodeAt(i - 1 - backslashes) === 92) backslashes++;
      if (backslashes % 2 === 0) {
        this.pos = i + 1;
        return;
      }
    }
  }

  private token(pattern: RegExp): void {
    pattern.lastIndex = this.pos;
    const m = pattern.exec(this.text);
    if (!m) this.fail(`unexpected '${this.text[this.pos]}'`);
    this.pos += m[0].length;
  }

  private open(bracket: '{' | '['): void {
    if (this.peek() !== bracket) this.fail(`expected '${bracket}'`);
    if (++this.depth > MAX_DEPTH) this.fail(`nested deeper than ${MAX_DEPTH} levels`);
    this.pos++;
  }

  private close(): void {
    this.pos++;
    this.depth--;
  }

  /** After an item: true at the closing bracket (not consumed), false after a comma. */
  private separator(closing: '}' | ']'): boolean {
    const c = this.peek();
    if (c === closing) return true;
    if (c !== ',') this.fail(`expected ',' or '${closing}'`);
    this.pos++;
    return false;
  }

  private expect(c: string): void {
    if (this.peek() !== c) this.fail(`expected '${c}'`);
    this.pos++;
  }

  private peek(): string | undefined {
    this.whitespace();
    return this.text[this.pos];
  }

  private whitespace(): void {
    const text = this.text;
    for (let c = text.charCodeAt(this.pos); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(this.pos)) this.pos++;
  }
}
