// The language server: documents, settings, analysis scheduling, the workspace scan and the
// feature handlers, wired to one connection. It reads files and never runs them.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  FIX_ALL_KIND,
  SCAN_STATUS_NOTIFICATION,
  SETTINGS_SECTION,
  STACKS_REQUEST,
  type ScanStatusParams,
  type StacksParams,
  type StacksResult,
} from '../../shared/protocol';
import { ANALYSED_EXTENSIONS } from '../analysis/languages';
import { warmUpEstimates } from '../analysis/stackGradient';
import { codeActions } from './codeActions';
import { codeLenses } from './codeLens';
import { analyzeDocument, diagnosticsOf, type DocumentAnalysis } from './documentAnalysis';
import { EditCoalescer } from './editCoalescer';
import { hoverAt } from './hover';
import { cellCodeActions, cellCodeLenses, cellHover, cellStacks } from './notebookFeatures';
import { NOTEBOOK_SYNC, NotebookSync } from './notebooks';
import { PyprojectLookup } from './pyproject';
import { SettingsCache, type DocumentSettings } from './settings';
import { stackInfos } from './stacks';
import { excludeMatcher, inSkippedFolder, isAnalysedPath, supportedFiles } from './workspaceFiles';
import { WorkspaceScan, type ScanProgress } from './workspaceScan';

interface Folder { uri: string; path: string }

function filePathOf(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const pyprojects = new PyprojectLookup((m) => connection.console.warn(m));
  let canPullConfiguration = false;
  let pushedSettings: unknown;
  const settings = new SettingsCache({
    editorSection: async (scopeUri) =>
      canPullConfiguration ? connection.workspace.getConfiguration({ scopeUri, section: SETTINGS_SECTION }) : pushedSettings,
    pyproject: async (uri) => {
      const p = filePathOf(uri);
      return p ? pyprojects.forFile(p) : undefined;
    },
    warn: (m) => connection.console.warn(m),
  });

  let folders: Folder[] = [];
  let canWatchFiles = false;
  let canReportProgress = false;
  let canChangeFolders = false;
  let canRefreshCodeLenses = false;
  /** Bumped whenever settings may have changed: analyses of an older generation are stale. */
  let generation = 0;
  const analyses = new Map<string, DocumentAnalysis & { generation: number }>();
  /** URIs of closed files that currently carry diagnostics from the scan. */
  const closedWithDiagnostics = new Set<string>();

  const folderOf = (filePath: string): Folder | undefined =>
    folders
      .filter((f) => filePath === f.path || filePath.startsWith(f.path.endsWith(path.sep) ? f.path : f.path + path.sep))
      .sort((a, b) => b.path.length - a.path.length)[0];

  const isExcluded = (filePath: string, s: DocumentSettings): boolean => {
    const folder = folderOf(filePath);
    return folder !== undefined && excludeMatcher(folder.path, s.exclude)(filePath);
  };

  const openUriForPath = (filePath: string): string | undefined =>
    documents.all().find((d) => filePathOf(d.uri) === filePath)?.uri;

  /** A document's settings, with `enable` off when the user excludes its file. */
  const effectiveSettings = async (uri: string): Promise<DocumentSettings> => {
    const docSettings = await settings.get(uri);
    const filePath = filePathOf(uri);
    return filePath && isExcluded(filePath, docSettings) ? { ...docSettings, enable: false } : docSettings;
  };

  const notebooks = new NotebookSync({ connection, settingsFor: effectiveSettings, pathOf: (uri) => filePathOf(uri) ?? uri });

  const logErrors = (analysis: DocumentAnalysis) => {
    for (const e of analysis.errors ?? []) connection.console.error(e);
  };

  // ---- open documents: coalesce a burst of edits into one analysis of the latest version ----

  const coalescer = new EditCoalescer(
    (uri) =>
      analyzeOpen(uri).then(
        () => undefined,
        (e) => connection.console.error(`analysis of ${uri} failed: ${String(e)}`),
      ),
    (uri) => documents.get(uri)?.version,
  );
  const schedule = (uri: string) => coalescer.schedule(uri);

  /** The analysis of an open document's current version, computing (and publishing) it if needed. */
  async function analyzeOpen(uri: string): Promise<DocumentAnalysis | undefined> {
    const startGeneration = generation;
    const effective = await effectiveSettings(uri);
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const cached = analyses.get(uri);
    if (cached && cached.version === doc.version && cached.generation === generation) return cached;
    const filePath = filePathOf(uri);
    // Analysis is synchronous: nothing can change the document between reading and publishing.
    const analysis = analyzeDocument(
      { uri, version: doc.version, path: filePath ?? uri, languageId: doc.languageId, text: doc.getText() },
      effective,
    );
    logErrors(analysis);
    if (startGeneration === generation) analyses.set(uri, { ...analysis, generation });
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: diagnosticsOf(analysis) });
    return analysis;
  }

  /** The analysis of any file: open documents from the editor, others from disk (not published). */
  async function analysisFor(uri: string): Promise<{ analysis: DocumentAnalysis; text: string } | undefined> {
    const doc = documents.get(uri);
    if (doc) {
      const analysis = await analyzeOpen(uri);
      const current = documents.get(uri);
      return analysis && current && current.version === analysis.version ? { analysis, text: current.getText() } : undefined;
    }
    const filePath = filePathOf(uri);
    if (!filePath || !isAnalysedPath(filePath)) return undefined;
    const text = await fs.readFile(filePath, 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    const analysis = analyzeDocument({ uri, version: null, path: filePath, text }, await settings.get(uri));
    return { analysis, text };
  }

  // ---- closed files: the background scan ----

  async function analyzeClosed(filePath: string): Promise<void> {
    const uri = pathToFileURL(filePath).href;
    if (openUriForPath(filePath)) return;
    const folder = folderOf(filePath);
    const docSettings = await settings.get(uri, folder?.uri ?? uri);
    const stat = await fs.stat(filePath).catch(() => undefined);
    const skippedFolder = folder !== undefined && inSkippedFolder(folder.path, filePath, new Set(docSettings.skipFolders));
    const analysable =
      isAnalysedPath(filePath) && stat?.isFile() && docSettings.enable && stat.size <= docSettings.limits.maxFileSize && !isExcluded(filePath, docSettings) && !skippedFolder;
    const text = analysable ? await fs.readFile(filePath, 'utf8').catch(() => undefined) : undefined;
    if (openUriForPath(filePath)) return; // opened while reading: the editor's version wins
    const analysis = text !== undefined ? analyzeDocument({ uri, version: null, path: filePath, text }, docSettings) : undefined;
    if (analysis) logErrors(analysis);
    const diagnostics = analysis ? diagnosticsOf(analysis) : [];
    if (diagnostics.length === 0 && !closedWithDiagnostics.has(uri)) return;
    if (diagnostics.length) closedWithDiagnostics.add(uri);
    else closedWithDiagnostics.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics });
  }

  const scan = new WorkspaceScan(analyzeClosed, scanProgress(), (filePath, error) =>
    connection.console.error(`analysis of ${filePath} failed: ${String(error)}`),
  );

  function scanProgress(): ScanProgress {
    let reporter: Promise<WorkDoneProgressServerReporter> | undefined;
    let lastReport = 0;
    const status = (params: ScanStatusParams) => void connection.sendNotification(SCAN_STATUS_NOTIFICATION, params);
    return {
      begin(total) {
        status({ scanning: true, done: 0, total });
        if (!canReportProgress) return;
        reporter = connection.window.createWorkDoneProgress().then((r) => {
          r.begin('Activation Lens', 0, `Analysing ${total} files`, false);
          return r;
        });
      },
      report(done, total) {
        const now = Date.now();
        if (now - lastReport < 200) return; // at most five updates a second
        lastReport = now;
        status({ scanning: true, done, total });
        void reporter?.then((r) => r.report(Math.round((100 * done) / Math.max(total, 1)), `${done}/${total} files`));
      },
      end(done, total) {
        // After the progress ends, so a client sees begin … end before the scan is reported done.
        const ended = reporter ? reporter.then((r) => r.done()) : Promise.resolve();
        reporter = undefined;
        void ended.then(() => status({ scanning: false, done, total }));
      },
    };
  }

  async function scanWorkspace(): Promise<void> {
    const found = new Set<string>();
    for (const folder of folders) {
      const s = await settings.get(folder.uri);
      if (!s.enable) continue;
      for await (const file of supportedFiles(folder.path, excludeMatcher(folder.path, s.exclude), new Set(s.skipFolders))) found.add(file);
    }
    for (const uri of [...closedWithDiagnostics]) {
      const p = filePathOf(uri);
      if (p && !found.has(p)) {
        closedWithDiagnostics.delete(uri);
        void connection.sendDiagnostics({ uri, diagnostics: [] });
      }
    }
    scan.enqueue(found);
  }

  /** Settings or pyproject.toml changed: every analysis may differ. */
  function refreshAll(): void {
    generation++;
    settings.clear();
    for (const doc of documents.all()) schedule(doc.uri);
    notebooks.refresh();
    void scanWorkspace().catch((e) => connection.console.error(`workspace scan failed: ${String(e)}`));
    if (canRefreshCodeLenses) void connection.sendRequest(CodeLensRefreshRequest.type);
  }

  // ---- lifecycle ----

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    canPullConfiguration = caps.workspace?.configuration === true;
    canWatchFiles = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canReportProgress = caps.window?.workDoneProgress === true;
    canChangeFolders = caps.workspace?.workspaceFolders === true;
    canRefreshCodeLenses = caps.workspace?.codeLens?.refreshSupport === true;
    const initial = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
    folders = initial.flatMap((f) => {
      const p = filePathOf(f.uri);
      return p ? [{ uri: f.uri, path: p }] : [];
    });
    pushedSettings = (params.initializationOptions as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        notebookDocumentSync: NOTEBOOK_SYNC,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND], resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'activation-lens' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    if (canWatchFiles) {
      const extensions = ANALYSED_EXTENSIONS.map((e) => e.slice(1));
      const sources = extensions.length === 1 ? `**/*.${extensions[0]}` : `**/*.{${extensions.join(',')}}`;
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: sources }, { globPattern: '**/pyproject.toml' }],
      });
    }
    if (canChangeFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => f.uri));
        folders = folders.filter((f) => !removed.has(f.uri));
        for (const f of event.added) {
          const p = filePathOf(f.uri);
          if (p) folders.push({ uri: f.uri, path: p });
        }
        refreshAll();
      });
    }
    void scanWorkspace().catch((e) => connection.console.error(`workspace scan failed: ${String(e)}`));
    warmUpEstimates();
  });

  connection.onDidChangeConfiguration((params) => {
    if (!canPullConfiguration) pushedSettings = (params.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
    refreshAll();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    if (changes.some((c) => c.uri.endsWith('/pyproject.toml'))) {
      pyprojects.clear();
      refreshAll();
      return;
    }
    const changed: string[] = [];
    for (const change of changes) {
      const p = filePathOf(change.uri);
      if (!p) continue;
      if (change.type === FileChangeType.Deleted) {
        // A deleted directory arrives as one event: clear everything under it.
        const under = (q: string) => q === p || q.startsWith(p + path.sep);
        scan.discard(under);
        for (const uri of [...closedWithDiagnostics]) {
          const q = filePathOf(uri);
          if (q && under(q)) {
            closedWithDiagnostics.delete(uri);
            void connection.sendDiagnostics({ uri, diagnostics: [] });
          }
        }
      } else if (isAnalysedPath(p) && !openUriForPath(p) && folderOf(p)) {
        changed.push(p);
      }
    }
    scan.enqueue(changed);
  });

  documents.onDidOpen(({ document }) => {
    // The scan may have published under a differently encoded URI for the same file.
    const p = filePathOf(document.uri);
    if (p) {
      const scanned = pathToFileURL(p).href;
      if (scanned !== document.uri && closedWithDiagnostics.delete(scanned)) void connection.sendDiagnostics({ uri: scanned, diagnostics: [] });
    }
    closedWithDiagnostics.delete(document.uri);
    schedule(document.uri);
  });
  documents.onDidChangeContent(({ document }) => schedule(document.uri));
  documents.onDidClose(({ document }) => {
    analyses.delete(document.uri);
    coalescer.cancel(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    // Back to what is on disk, when the file belongs to the workspace.
    const p = filePathOf(document.uri);
    if (p && folderOf(p) && isAnalysedPath(p)) scan.enqueue([p]);
  });

  // ---- features ----

  // Notebook cells are answered from their notebook's analysis.
  connection.onHover(async ({ textDocument, position }) => {
    const inCell = await notebooks.cellState(textDocument.uri);
    if (inCell) return cellHover(inCell.state, inCell.cell, position);
    const found = await analysisFor(textDocument.uri);
    return found ? hoverAt(found.analysis, position) : null;
  });

  connection.onCodeAction(async (params) => {
    const inCell = await notebooks.cellState(params.textDocument.uri);
    if (inCell) return cellCodeActions(inCell.state, inCell.cell, params);
    const found = await analysisFor(params.textDocument.uri);
    return found ? codeActions(params, found.analysis, found.text) : [];
  });

  connection.onCodeLens(async ({ textDocument }) => {
    const inCell = await notebooks.cellState(textDocument.uri);
    if (inCell) return cellCodeLenses(inCell.state, inCell.cell);
    const found = await analysisFor(textDocument.uri);
    return found && found.analysis.settings.codeLens ? codeLenses(textDocument.uri, stackInfos(found.analysis.model)) : [];
  });

  connection.onRequest(STACKS_REQUEST, async ({ uri }: StacksParams): Promise<StacksResult> => {
    const inCell = await notebooks.cellState(uri);
    if (inCell) return { stacks: cellStacks(inCell.state, inCell.cell) };
    const found = await analysisFor(uri);
    return { stacks: found ? stackInfos(found.analysis.model) : [] };
  });

  documents.listen(connection);
  notebooks.listen(connection);
  connection.listen();
}
