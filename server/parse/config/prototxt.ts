// Protocol-buffer text format (Caffe's .prototxt) → a tree of messages with offsets. A small
// tokenizer and an iterative parser (no recursion, nesting capped), so hostile input costs one
// linear pass and yields at most one problem.

export interface Scalar {
  /** The value: string contents without quotes, or the token as written (numbers, enums). */
  text: string;
  quoted: boolean;
  from: number;
  to: number;
}

export interface Field {
  name: string;
  from: number;
  /** End of the field: its scalar, or the closing brace of its message. */
  to: number;
  scalar?: Scalar;
  message?: Message;
}

export interface Message { fields: Field[] }

export type PrototxtParse = { root: Message } | { problem: string; offset: number };

/** Caffe nets nest messages a few levels deep (layer → convolution_param → weight_filler). */
const MAX_PROTOTXT_DEPTH = 64;

interface Token { kind: 'punct' | 'string' | 'word'; text: string; from: number; to: number }

function* tokens(text: string): Generator<Token | { error: string; at: number }> {
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') {
      i++;
    } else if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if ('{}<>:,;[]'.includes(c)) {
      yield { kind: 'punct', text: c, from: i, to: i + 1 };
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      for (; j < text.length && text[j] !== c && text[j] !== '\n'; j++) {
        if (text[j] === '\\' && j + 1 < text.length) value += text[++j];
        else value += text[j];
      }
      if (text[j] !== c) {
        yield { error: 'unterminated string', at: i };
        return;
      }
      yield { kind: 'string', text: value, from: i, to: j + 1 };
      i = j + 1;
    } else if (/[\w.+-]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /[\w.+-]/.test(text[j])) j++;
      yield { kind: 'word', text: text.slice(i, j), from: i, to: j };
      i = j;
    } else {
      yield { error: `unexpected character '${c}'`, at: i };
      return;
    }
  }
}

export function parsePrototxt(text: string): PrototxtParse {
  const root: Message = { fields: [] };
  const open: { message: Message; field?: Field; close: string }[] = [{ message: root, close: '' }];
  let name: Token | undefined;
  let colon = false;
  /** Inside `name: [a, b]`: each value is one more field `name`, as protobuf repeats it. */
  let list: Token | undefined;
  const fail = (problem: string, offset: number): PrototxtParse => ({ problem, offset });
  for (const t of tokens(text)) {
    if ('error' in t) return fail(t.error, t.at);
    const top = open[open.length - 1];
    if (list) {
      if (t.kind === 'punct' && t.text === ']') list = undefined;
      else if (t.kind !== 'punct') top.message.fields.push({ name: list.text, from: list.from, to: t.to, scalar: { text: t.text, quoted: t.kind === 'string', from: t.from, to: t.to } });
      else if (t.text !== ',') return fail(`list value expected, found '${t.text}'`, t.from);
      continue;
    }
    if (!name) {
      if (t.kind === 'punct' && (t.text === ',' || t.text === ';')) continue;
      if (t.kind === 'punct' && t.text === top.close) {
        if (top.field) top.field.to = t.to;
        open.pop();
        continue;
      }
      if (t.kind !== 'word') return fail(`field name expected, found '${t.text}'`, t.from);
      name = t;
      colon = false;
      continue;
    }
    if (t.kind === 'punct' && t.text === ':' && !colon) {
      colon = true;
      continue;
    }
    if (t.kind === 'punct' && (t.text === '{' || t.text === '<')) {
      if (open.length > MAX_PROTOTXT_DEPTH) return fail(`messages nested deeper than ${MAX_PROTOTXT_DEPTH} levels`, t.from);
      const field: Field = { name: name.text, from: name.from, to: t.to, message: { fields: [] } };
      top.message.fields.push(field);
      open.push({ message: field.message!, field, close: t.text === '{' ? '}' : '>' });
      name = undefined;
      continue;
    }
    if (!colon) return fail(`':' expected after '${name.text}'`, t.from);
    if (t.kind === 'punct' && t.text === '[') {
      list = name;
      name = undefined;
      continue;
    }
    if (t.kind === 'punct') return fail(`value expected after '${name.text}:'`, t.from);
    top.message.fields.push({ name: name.text, from: name.from, to: t.to, scalar: { text: t.text, quoted: t.kind === 'string', from: t.from, to: t.to } });
    name = undefined;
  }
  if (name || list) return fail(`value expected after '${(name ?? list)!.text}'`, (name ?? list)!.from);
  if (open.length > 1) return fail(`'${open[open.length - 1].close}' expected before the end of the file`, text.length);
  return { root };
}

export function fieldsNamed(message: Message | undefined, name: string): Field[] {
  return message?.fields.filter((f) => f.name === name) ?? [];
}

export function scalarField(message: Message | undefined, name: string): Scalar | undefined {
  return message?.fields.find((f) => f.name === name && f.scalar)?.scalar;
}

export function messageField(message: Message | undefined, name: string): Message | undefined {
  return message?.fields.find((f) => f.name === name && f.message)?.message;
}

export function numberField(message: Message | undefined, name: string): number | undefined {
  const s = scalarField(message, name);
  if (!s || s.quoted) return undefined;
  const n = Number(s.text);
  return Number.isFinite(n) ? n : undefined;
}
