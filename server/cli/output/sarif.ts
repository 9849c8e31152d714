// SARIF 2.1.0 for code-scanning services: one run, the rule catalogue, one result per finding
// with 1-based regions and URIs relative to the working directory. Notebook results point into
// the notebook file (the JSON strings holding the cell's source) and name the cell in `properties`.

import type { Range } from '../../model/layerStack';
import { RULES } from '../../rules/index';
import { ruleDocsUrl } from '../../rules/docs';
import type { Severity, TextEdit } from '../../rules/types';
import type { CheckReport } from '../report';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function uri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function region(r: Range) {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

function firstSentence(text: string): string {
  const m = /^.*?[.:](?=\s|$)/.exec(text);
  return (m ? m[0] : text).replace(/:$/, '.');
}

export function formatSarif(report: CheckReport, version: string, repositoryUrl: string): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.code, i]));
  const results = report.results.flatMap(({ file, findings }) => findings.map((reported) => {
    const f = reported.notebook?.inFile ?? reported;
    const location = (range: Range) => ({ physicalLocation: { artifactLocation: { uri: uri(file) }, region: region(range) } });
    const replacement = (e: TextEdit) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } });
    return {
      ruleId: f.code,
      ruleIndex: ruleIndex.get(f.code),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [location(f.range)],
      ...(f.related?.length ? { relatedLocations: f.related.map((r, id) => ({ id, ...location(r.range), message: { text: r.message } })) } : {}),
      ...(f.fix ? { fixes: [{ description: { text: f.fix.title }, artifactChanges: [{ artifactLocation: { uri: uri(file) }, replacements: f.fix.edits.map(replacement) }] }] } : {}),
      ...(reported.notebook ? { properties: { cell: reported.notebook.cell } } : {}),
    };
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'activation-lens',
          version,
          informationUri: repositoryUrl,
          rules: RULES.map((r) => ({
            id: r.code,
            name: r.name,
            shortDescription: { text: firstSentence(r.meta.docs) },
            fullDescription: { text: r.meta.docs },
            helpUri: ruleDocsUrl(r.code),
            defaultConfiguration: { level: LEVEL[r.meta.severity] },
          })),
        },
      },
      columnKind: 'utf16CodeUnits',
      results,
      invocations: [{
        executionSuccessful: !report.skipped.some((s) => s.error),
        toolExecutionNotifications: report.skipped.map((s) => ({
          level: s.error ? 'error' : 'warning',
          message: { text: `skipped: ${s.reason}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: uri(s.file) } } }],
        })),
      }],
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
