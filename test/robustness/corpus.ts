// The hostile-input corpus, generated at test time (never committed): each entry names a file, its
// text as an editor would send it, and what the server should do with it.

const MODEL = `import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(64, 64), nn.Sigmoid(), nn.Linear(64, 64), nn.Sigmoid(), nn.Linear(64, 10))

    def forward(self, x):
        return self.body(x)
`;

export interface HostileInput {
  name: string;
  /** File name (its extension picks the parser). */
  file: string;
  text: () => string;
  /** Whether the server must skip the file with one diagnostic saying why (else it may, or report findings). */
  skipped: boolean;
}

/** Deterministic bytes (xorshift), so a failure reproduces. */
function bytes(n: number, seed = 7): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s & 0xff;
  }
  return out;
}

const KERAS = JSON.stringify({
  class_name: 'Sequential',
  config: { layers: [1, 2, 3, 4].map((i) => ({ class_name: 'Dense', config: { name: `d${i}`, units: 64, activation: 'sigmoid' } })) },
});

export const HOSTILE: HostileInput[] = [
  { name: '20 MB Python file', file: 'big.py', text: () => MODEL.repeat(Math.ceil((20 << 20) / MODEL.length)), skipped: true },
  // One bracket per line: on one line the maxLineLength limit would skip it before the nesting guard.
  { name: '100,000-deep nested parentheses', file: 'parens.py', text: () => `x = ${'(\n'.repeat(100_000)}1${')'.repeat(100_000)}\n${MODEL}`, skipped: false },
  // Minified or generated code: skipped by the maxLineLength limit before the parser reads it.
  { name: 'a single 5 MB line', file: 'line.py', text: () => `x = [${'1, '.repeat((5 << 20) / 3 - 10)}]\n`, skipped: true },
  { name: 'binary data named .py', file: 'binary.py', text: () => Buffer.from(bytes(64 << 10)).toString('latin1'), skipped: true },
  // What an editor holds after decoding invalid UTF-8: replacement characters, and lone surrogates.
  { name: 'invalid UTF-8', file: 'invalid.py', text: () => `${Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1]).toString('utf8')}\ud800 = nn.Sigmoid()\n${MODEL}`, skipped: false },
  { name: 'truncated JSON', file: 'model.json', text: () => KERAS.slice(0, Math.floor(KERAS.length / 2)), skipped: false },
  { name: 'JSON nested 100,000 deep', file: 'deep.json', text: () => `${'['.repeat(100_000)}${']'.repeat(100_000)}`, skipped: false },
  {
    name: 'YAML alias bomb',
    file: 'bomb.yaml',
    text: () => {
      const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      const names = 'abcdefghi';
      for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]`);
      return `${lines.join('\n')}\n`;
    },
    skipped: false,
  },
  {
    name: 'Caffe prototxt with a bottom/top cycle',
    file: 'cycle.prototxt',
    text: () => `name: "cycle"
layer { name: "fc" type: "InnerProduct" bottom: "b" top: "a" inner_product_param { num_output: 64 } }
layer { name: "s1" type: "Sigmoid" bottom: "a" top: "b" }
layer { name: "fc2" type: "InnerProduct" bottom: "b" top: "a" inner_product_param { num_output: 64 } }
`,
    skipped: false,
  },
  { name: 'Darknet cfg with 100,000 sections', file: 'yolo.cfg', text: () => `[net]\nwidth=416\n${'[convolutional]\nfilters=16\nactivation=leaky\n'.repeat(100_000)}`, skipped: false },
];
