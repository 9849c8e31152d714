// `activation-lens eval NAME [--at x1,x2,...] [--param key=value ...] [--format text|json]`:
// f and f' of one activation at chosen points.
import { NAME_HELP, formatParams, glueNegativeValues, resolveActivationArg } from '../activationArg';
import { UsageError, parseCommandArgs } from '../usage';

const DEFAULT_AT = [-3, -2, -1, 0, 1, 2, 3];

const HELP = `Usage: activation-lens eval NAME [--at x1,x2,...] [--param key=value ...] [--format text|json]

Evaluate activation NAME and its derivative (PyTorch's convention at kinks) in float64.

${NAME_HELP}

Options:
  --at x1,x2,...      points to evaluate (default: ${DEFAULT_AT.join(',')})
  --param key=value   override a parameter; repeatable (--param negative_slope=0.2, --param approximate=tanh)
  --format text|json  a table (default), or {"name", "params", "points": [{"x", "y", "dy"}]} where name is
                      the core id and every number reads back to the same double

softmax and log_softmax are vector-valued: --at is one logit vector, y is its softmax (log_softmax)
and dy is the Jacobian's diagonal, dy_i/dx_i.`;

function parsePoints(text: string): number[] {
  const points = text.split(',').map((s) => s.trim());
  return points.map((s) => {
    const x = Number(s);
    if (s === '' || !Number.isFinite(x)) throw new UsageError(`--at takes finite numbers separated by commas, not '${text}'`);
    return x;
  });
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padStart(widths[c])).join('  ')).join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(glueNegativeValues(argv, ['--at']), {
    command: 'eval',
    operand: 'NAME',
    options: { at: { type: 'string' }, param: { type: 'string', multiple: true, default: [] } },
    help: HELP,
  });
  if (!args) return 0;
  const { values } = args;

  const { def, params } = resolveActivationArg(args.operand, values.param);
  const xs = values.at === undefined ? DEFAULT_AT : parsePoints(values.at);
  const points = def.vector
    ? (() => {
        const ys = def.vector.f(xs);
        const dys = def.vector.jacobianDiagonal(xs);
        return xs.map((x, i) => ({ x, y: ys[i], dy: dys[i] }));
      })()
    : xs.map((x) => ({ x, y: def.f(x, params), dy: def.df(x, params) }));

  if (args.format === 'json') {
    process.stdout.write(JSON.stringify({ name: def.id, params, points }, null, 2) + '\n');
    return 0;
  }
  const shown = Object.keys(params).length ? `${def.id} (${formatParams(params)})` : def.id;
  const header = def.vector ? ['x_i', 'y_i', 'dy_i/dx_i'] : ['x', 'f(x)', "f'(x)"];
  const rows = [header, ...points.map((p) => [p.x, p.y, p.dy].map(String))];
  const title = def.vector ? `${shown} of the vector [${xs.join(', ')}]` : shown;
  process.stdout.write(`${title}\n${table(rows)}\n`);
  return 0;
}
