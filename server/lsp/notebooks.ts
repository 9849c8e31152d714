// Jupyter notebooks in the editor, over LSP 3.17 notebook synchronisation: the client sends a
// notebook's Python cells as cell text documents. Any change (a cell edit; cells added, moved or
// removed) re-analyses the whole notebook in cell order, a burst of changes once. Diagnostics go to
// each cell's URI and are re-sent only for cells whose diagnostics or version changed.

import {
  NotebookCellKind,
  NotebookDocuments,
  type Connection,
  type Diagnostic,
  type NotebookDocumentSyncOptions,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeNotebook, type CellFinding, type NotebookAnalysis } from '../notebook/analyzeNotebook';
import { skippedDiagnostic, toDiagnostic } from './diagnostics';
import { parseCacheOf } from './documentAnalysis';
import { EditCoalescer } from './editCoalescer';
import type { DocumentSettings } from './settings';

export const NOTEBOOK_SYNC: NotebookDocumentSyncOptions = {
  notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' }, cells: [{ language: 'python' }] }],
};

/** One analysis of a notebook, with the cells as they were analysed (indexes match the analysis's). */
export interface NotebookState {
  uri: string;
  settings: DocumentSettings;
  cells: { uri: string; version: number; text: string | undefined }[];
  analysis: NotebookAnalysis;
  /** Why the notebook was not analysed (larger than maxFileSize). */
  skipped?: string;
  /** The notebook and cell versions analysed, and the settings generation. */
  key: string;
}

export interface NotebookHost {
  connection: Connection;
  /** The notebook's settings, with `enable` off when the user excludes the file. */
  settingsFor(uri: string): Promise<DocumentSettings>;
  /** The file path of a URI, for messages; the URI itself when it has none. */
  pathOf(uri: string): string;
}

function bytes(texts: readonly (string | undefined)[]): number {
  return texts.reduce((n, t) => n + (t === undefined ? 0 : Buffer.byteLength(t, 'utf8')), 0);
}

export class NotebookSync {
  private readonly notebooks = new NotebookDocuments(TextDocument);
  private readonly states = new Map<string, NotebookState>();
  /** Per notebook: cell URI → what was last published there. */
  private readonly published = new Map<string, Map<string, string>>();
  private readonly coalescer = new EditCoalescer(
    (uri) =>
      this.analyze(uri).then(
        () => undefined,
        (e) => this.host.connection.console.error(`analysis of ${uri} failed: ${String(e)}`),
      ),
    (uri) => this.notebooks.getNotebookDocument(uri)?.version,
  );
  /** Bumped when settings may have changed: states of an older generation are stale. */
  private generation = 0;

  constructor(private readonly host: NotebookHost) {}

  listen(connection: Connection): void {
    this.notebooks.onDidOpen((notebook) => this.coalescer.schedule(notebook.uri));
    this.notebooks.onDidClose((notebook) => {
      this.coalescer.cancel(notebook.uri);
      this.states.delete(notebook.uri);
      for (const uri of this.published.get(notebook.uri)?.keys() ?? []) void connection.sendDiagnostics({ uri, diagnostics: [] });
      this.published.delete(notebook.uri);
    });
    // NotebookDocuments fires no change event when cells only move (none opened or closed), so
    // every didChange schedules an analysis once NotebookDocuments has applied it.
    const sync = connection.notebooks.synchronization;
    const onDidChangeNotebookDocument: typeof sync.onDidChangeNotebookDocument = (handler) =>
      sync.onDidChangeNotebookDocument(async (params) => {
        await handler(params);
        this.coalescer.schedule(params.notebookDocument.uri);
      });
    this.notebooks.listen({ notebooks: { synchronization: { ...sync, onDidChangeNotebookDocument } } } as unknown as Connection);
  }

  /** The current analysis of the notebook holding cell `uri`, and the cell's index in it; undefined for other documents. */
  async cellState(uri: string): Promise<{ state: NotebookState; cell: number } | undefined> {
    const notebook = this.notebooks.findNotebookDocumentForCell(uri);
    const state = notebook && (await this.analyze(notebook.uri));
    const cell = state ? state.cells.findIndex((c) => c.uri === uri) : -1;
    return state && cell >= 0 ? { state, cell } : undefined;
  }

  /** Settings may have changed: analyse every open notebook again. */
  refresh(): void {
    this.generation++;
    for (const uri of this.states.keys()) this.coalescer.schedule(uri);
  }

  /** The analysis of a notebook's current cells, computing (and publishing) it when needed. */
  private async analyze(uri: string): Promise<NotebookState | undefined> {
    const generation = this.generation;
    const settings = await this.host.settingsFor(uri);
    const notebook = this.notebooks.getNotebookDocument(uri);
    if (!notebook) return undefined;
    const cells = notebook.cells.map((cell) => {
      const doc = this.notebooks.getCellTextDocument(cell);
      const python = settings.enable && cell.kind === NotebookCellKind.Code && doc?.languageId === 'python';
      return { uri: cell.document, version: doc?.version ?? 0, text: python ? doc.getText() : undefined };
    });
    const key = `${generation} ${notebook.version} ${cells.map((c) => `${c.uri}@${c.version}${c.text === undefined ? '-' : ''}`).join(' ')}`;
    const cached = this.states.get(uri);
    if (cached?.key === key) return cached;

    const size = bytes(cells.map((c) => c.text));
    const skipped = size > settings.limits.maxFileSize ? `the notebook's code is ${size} bytes, over activationLens.maxFileSize (${settings.limits.maxFileSize})` : undefined;
    const texts = skipped ? [] : cells.map((c) => c.text);
    const analysis = analyzeNotebook(texts, this.host.pathOf(uri), settings.analysis, parseCacheOf(uri, size), settings.limits);
    for (const e of analysis.errors ?? []) this.host.connection.console.error(e);
    const state: NotebookState = { uri, settings, cells, analysis, key, ...(skipped ? { skipped } : {}) };
    this.states.set(uri, state);
    this.publish(state);
    return state;
  }

  private diagnostic(state: NotebookState, f: CellFinding): Diagnostic {
    const { cell, related, fix: _fix, suggestion: _suggestion, ...finding } = f;
    const d = toDiagnostic(finding, state.cells[cell].uri, state.cells[cell].version);
    if (related?.length) d.relatedInformation = related.map((r) => ({ location: { uri: state.cells[r.cell].uri, range: r.range }, message: r.message }));
    return d;
  }

  private publish(state: NotebookState): void {
    const byCell = state.cells.map((): Diagnostic[] => []);
    const skipped = state.skipped ?? state.analysis.model.skipped;
    if (skipped && byCell.length) byCell[0].push(skippedDiagnostic(skipped));
    for (const f of state.analysis.cellFindings) byCell[f.cell].push(this.diagnostic(state, f));
    const before = this.published.get(state.uri) ?? new Map<string, string>();
    const after = new Map<string, string>();
    state.cells.forEach(({ uri, version }, i) => {
      const diagnostics = byCell[i];
      const sent = JSON.stringify([version, diagnostics]);
      after.set(uri, sent);
      if (before.get(uri) !== sent) void this.host.connection.sendDiagnostics({ uri, version, diagnostics });
    });
    // Cells removed from the notebook keep no diagnostics.
    for (const uri of before.keys()) if (!after.has(uri)) void this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.published.set(state.uri, after);
  }
}
