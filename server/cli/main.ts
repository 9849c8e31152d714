// activation-lens CLI: a stable, scriptable interface. Exit codes follow ruff:
// 0 clean, 1 findings, 2 usage or internal error.

import { run as runCheck } from './commands/check';
import { run as runEval } from './commands/eval';
import { run as runExplain } from './commands/explain';
import { run as runGradient } from './commands/gradient';
import { run as runStacks } from './commands/stacks';
import { UsageError } from './usage';

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  check: runCheck,
  eval: runEval,
  explain: runExplain,
  gradient: runGradient,
  stacks: runStacks,
};

const HELP = `Usage: activation-lens <command> [options]

Commands:
  check [PATH...]     analyse model code and report findings
  stacks PATH         show the layer stacks the analyser sees
  eval NAME           evaluate an activation and its derivative
  explain NAME        properties of an activation
  gradient ACT[,ACT]  gradient estimate through a plain stack

Run 'activation-lens <command> --help' for a command's options.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(HELP + '\n');
    return command ? 0 : 2;
  }
  const handler = COMMANDS[command];
  if (!handler) throw new UsageError(`unknown command '${command}'\n\n${HELP}`);
  return handler(rest);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`activation-lens: ${err.message}\n`);
    } else {
      process.stderr.write(`activation-lens: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    }
    process.exitCode = 2;
  },
);
