// A minimal LSP client for protocol tests: spawns the bundled server over stdio, answers the
// server's requests (workspace/configuration from a settings function), records notifications,
// and waits for them event-driven with a deadline (never a blind sleep).

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  CodeAction,
  CodeActionContext,
  CodeLens,
  ConfigurationParams,
  Diagnostic,
  Hover,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  Range,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

export const SERVER = path.resolve(__dirname, '../../dist/server.js');

export interface Notification { method: string; params: unknown }

export interface ClientOptions {
  /** Workspace folder (a directory path); none when omitted. */
  root?: string;
  /** The `activationLens` section for a scopeUri; defaults when it returns undefined. */
  settings?: (scopeUri: string | undefined) => unknown;
  /** Announce workDoneProgress support (default true). */
  progress?: boolean;
  /** Announce workspace/configuration support (default true); without it the server takes pushed settings. */
  configuration?: boolean;
  initializationOptions?: unknown;
}

export class TestClient {
  readonly notifications: Notification[] = [];
  readonly configurationRequests: (string | undefined)[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly conn: MessageConnection;
  private stderr = '';

  constructor(private readonly options: ClientOptions = {}) {
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    this.proc.stderr.on('data', (d) => (this.stderr += String(d)));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    const record = (method: string, params: unknown) => {
      this.notifications.push({ method, params });
      for (const l of [...this.listeners]) l();
    };
    this.conn.onNotification(record);
    // jsonrpc routes $/progress to per-token handlers; tokens the server creates arrive here.
    this.conn.onUnhandledProgress((params) => record('$/progress', params));
    this.conn.onRequest('workspace/configuration', (params: ConfigurationParams) =>
      params.items.map((item) => {
        this.configurationRequests.push(item.scopeUri);
        return this.options.settings?.(item.scopeUri) ?? {};
      }),
    );
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('workspace/codeLens/refresh', () => null);
    this.conn.listen();
  }

  /** Everything the server wrote to stderr so far. */
  get stderrText(): string {
    return this.stderr;
  }

  get pid(): number {
    return this.proc.pid as number;
  }

  async initialize(): Promise<InitializeResult> {
    const root = this.options.root;
    const folders = root ? [{ uri: uriOf(root), name: path.basename(root) }] : null;
    const result = await this.conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: folders?.[0].uri ?? null,
      workspaceFolders: folders,
      initializationOptions: this.options.initializationOptions,
      capabilities: {
        workspace: { configuration: this.options.configuration ?? true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
        window: { workDoneProgress: this.options.progress ?? true },
        textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true } },
      },
    });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.conn.sendNotification(method, params);
  }

  /** Notifications in one write, so they reach the server together; only while no other message is being sent. */
  notifyTogether(messages: readonly Notification[]): void {
    const framed = messages.map(({ method, params }) => {
      const body = JSON.stringify({ jsonrpc: '2.0', method, params });
      return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
    });
    this.proc.stdin.write(framed.join(''));
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest<T>(method, params);
  }

  open(uri: string, text: string, version = 1, languageId = 'python'): Promise<void> {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.request('textDocument/hover', { textDocument: { uri }, position });
  }

  codeActions(uri: string, range: Range, context: CodeActionContext): Promise<CodeAction[]> {
    return this.request('textDocument/codeAction', { textDocument: { uri }, range, context });
  }

  codeLenses(uri: string): Promise<CodeLens[]> {
    return this.request('textDocument/codeLens', { textDocument: { uri } });
  }

  /** Resolves with the first recorded notification (past or future) satisfying `match`. */
  waitFor<T = unknown>(method: string, match: (params: T) => boolean = () => true, timeoutMs = 5000, from = 0): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const hit = this.notifications.slice(from).find((n) => n.method === method && match(n.params as T));
        if (!hit) return false;
        done();
        resolve(hit.params as T);
        return true;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${method} within ${timeoutMs} ms; server stderr: ${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      const listener = () => void check();
      if (!check()) this.listeners.add(listener);
    });
  }

  /** The next diagnostics published for `uri` after notification index `from`. */
  diagnostics(uri: string, from = 0, match: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 5000): Promise<Diagnostic[]> {
    return this.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri && match(p), timeoutMs, from).then((p) => p.diagnostics);
  }

  /** Shutdown and exit; resolves when the process has exited. */
  async dispose(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.proc.exitCode !== null) resolve(this.proc.exitCode);
      else this.proc.once('exit', (code) => resolve(code));
    });
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // The connection may already be closed; the kill below still ends the process.
    }
    const timer = setTimeout(() => this.proc.kill(), 2000);
    const code = await exited;
    clearTimeout(timer);
    this.conn.dispose();
    return code;
  }
}

export function uriOf(filePath: string): string {
  return pathToFileURL(filePath).href;
}

/** Apply LSP text edits (non-overlapping, against the original text) to `text`. */
export function applyEdits(text: string, edits: readonly { range: Range; newText: string }[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: Position) => Math.min((lineStarts[p.line] ?? text.length) + p.character, text.length);
  // Back to front; inserts at one position keep their array order, so later ones go first.
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => offset(b.e.range.start) - offset(a.e.range.start) || b.i - a.i);
  let out = text;
  for (const { e } of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
