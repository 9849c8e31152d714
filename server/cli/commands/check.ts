// `activation-lens check [PATH...]`: analyse files and folders, print findings as text, JSON or
// SARIF. Exit 0 when clean, 1 with findings (0 with --exit-zero), 2 on usage or internal errors.

import { parseArgs } from 'node:util';
import { analyze } from '../../analysis/analyze';
import { collectFiles, displayPath, readSource } from '../files';
import { formatJson } from '../output/json';
import { formatSarif } from '../output/sarif';
import { formatText } from '../output/text';
import { findingCount, type CheckReport } from '../report';
import { parseCodes, SettingsLookup } from '../settingsLookup';
import { UsageError } from '../usage';
import { repository, version } from '../../../package.json';

const HELP = `Usage: activation-lens check [PATH...] [options]

Analyse Python model code (files, or folders walked recursively; default: .).

Options:
  --format text|json|sarif   output format (default: text)
  --select CODES             only these rules (comma-separated codes or prefixes, or ALL)
  --ignore CODES             skip these rules
  --config FILE              read [tool.activation-lens] from FILE instead of the nearest pyproject.toml
  --exit-zero                exit 0 even when there are findings
  -h, --help                 show this help

Exit status: 0 no findings, 1 findings, 2 usage or internal error.`;

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        select: { type: 'string' },
        ignore: { type: 'string' },
        config: { type: 'string' },
        'exit-zero': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n\n${HELP}`);
  }
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${values.format}'`);
  const cwd = process.cwd();
  const warn = (message: string): void => void process.stderr.write(`activation-lens: warning: ${message}\n`);
  const lookup = new SettingsLookup(
    { select: parseCodes(values.select, '--select'), ignore: parseCodes(values.ignore, '--ignore') },
    values.config,
    warn,
  );

  const report: CheckReport = { files: 0, results: [], skipped: [] };
  let internalError = false;
  const files = collectFiles(positionals.length ? positionals : ['.'], cwd);
  if (files.length === 0) warn('no Python files found');
  for (const file of files) {
    const shown = displayPath(file, cwd);
    const source = readSource(file);
    if ('skipped' in source) {
      report.skipped.push({ file: shown, reason: source.skipped });
      warn(`${shown}: skipped: ${source.skipped}`);
      continue;
    }
    const result = analyze({ text: source.text, path: file }, await lookup.forFile(file));
    report.files++;
    for (const e of result.errors ?? []) {
      internalError = true;
      process.stderr.write(`activation-lens: internal error: ${e}\n`);
    }
    if (result.findings.length) report.results.push({ file: shown, findings: result.findings });
  }

  const output = format === 'json' ? formatJson(report, version)
    : format === 'sarif' ? formatSarif(report, version, repository.url)
    : formatText(report);
  process.stdout.write(output);
  if (internalError) return 2;
  return findingCount(report) > 0 && !values['exit-zero'] ? 1 : 0;
}
