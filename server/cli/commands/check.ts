// `activation-lens check [PATH...]`: analyse files and folders, print findings as text, JSON or
// SARIF. Exit 0 when clean, 1 with findings (0 with --exit-zero), 2 on usage or internal errors.

import { parseArgs } from 'node:util';
import { analyze } from '../../analysis/analyze';
import type { AnalysisSettings } from '../../rules/types';
import { collectFiles, displayPath, readSource } from '../files';
import { checkNotebook, isNotebookPath } from '../notebook';
import { formatJson } from '../output/json';
import { formatSarif } from '../output/sarif';
import { formatText } from '../output/text';
import { findingCount, type CheckReport, type FileCheck } from '../report';
import { parseCodes, SettingsLookup } from '../settingsLookup';
import { UsageError } from '../usage';
import { repository, version } from '../../../package.json';

const HELP = `Usage: activation-lens check [PATH...] [options]

Analyse Python model code and Jupyter notebooks (files, or folders walked recursively; default: .).
A notebook's Python cells are analysed as one program; findings name their cell. TF.js sources
(.ts, .tsx, .js, .mjs, .cjs, .jsx) and model configs (Keras and TF.js model JSON, Hugging Face
config.json, YOLO and other YAML, darknet .cfg, Caffe .prototxt) are analysed too; other JSON,
YAML and .cfg files are recognised as unrelated and produce nothing.

Options:
  --format text|json|sarif   output format (default: text)
  --select CODES             only these rules (comma-separated codes or prefixes, or ALL)
  --ignore CODES             skip these rules
  --config FILE              read [tool.activation-lens] from FILE instead of the nearest pyproject.toml
  --exit-zero                exit 0 even when there are findings
  -h, --help                 show this help

Exit status: 0 no findings, 1 findings, 2 usage or internal error, or a notebook that cannot be read.`;

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

function checkSource(file: string, settings: Partial<AnalysisSettings>): FileCheck {
  const source = readSource(file);
  if ('skipped' in source) return source;
  const result = analyze({ text: source.text, path: file }, settings);
  // A parser that refuses a document (a model config that is invalid JSON, nesting past any real file) says why once.
  return result.model.skipped ? { skipped: result.model.skipped } : { ...result, omitted: result.model.omitted };
}

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
  let unreadable = false;
  const files = collectFiles(positionals.length ? positionals : ['.'], cwd);
  if (files.length === 0) warn('no Python files or notebooks found');
  for (const file of files) {
    const shown = displayPath(file, cwd);
    const settings = await lookup.forFile(file);
    const result = isNotebookPath(file) ? checkNotebook(file, settings) : checkSource(file, settings);
    if ('error' in result) {
      unreadable = true;
      report.skipped.push({ file: shown, reason: result.error, error: true });
      process.stderr.write(`activation-lens: error: ${shown}: ${result.error}\n`);
      continue;
    }
    if ('skipped' in result) {
      report.skipped.push({ file: shown, reason: result.skipped });
      warn(`${shown}: skipped: ${result.skipped}`);
      continue;
    }
    report.files++;
    for (const part of result.omitted ?? []) warn(`${shown}:${part.range.start.line + 1}: skipped ${part.reason}`);
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
  if (internalError || unreadable) return 2;
  return findingCount(report) > 0 && !values['exit-zero'] ? 1 : 0;
}
