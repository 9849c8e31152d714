import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_SKIP_FOLDERS } from '../../shared/protocol';
import { excludeMatcher, inSkippedFolder, supportedFiles } from '../../server/lsp/workspaceFiles';
import { WorkspaceScan } from '../../server/lsp/workspaceScan';

async function collect(gen: AsyncGenerator<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

describe('lsp: workspace files', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'al-files-'));
    const files = [
      'model.py', 'notes.txt', 'pkg/net.py', 'pkg/sub/deep.PY', 'third_party/lib.py', 'gen/a_pb2.py',
      '.git/hooks/x.py', 'node_modules/m/x.py', 'env3/pyvenv.cfg', 'env3/lib/x.py', '.venv/lib/y.py', 'pkg/__pycache__/net.py',
      'build/lib/pkg/net.py', 'web/dist/bundle.js', 'wandb/run-1/files/code/model.py',
    ];
    for (const f of files) {
      fs.mkdirSync(path.join(root, path.dirname(f)), { recursive: true });
      fs.writeFileSync(path.join(root, f), '');
    }
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('finds supported files, skipping VCS, dependencies, caches, build output, tracker copies and virtual environments', async () => {
    const files = await collect(supportedFiles(root, () => false, new Set(DEFAULT_SKIP_FOLDERS)));
    assert.deepEqual(files.map((f) => path.relative(root, f)).sort(), ['gen/a_pb2.py', 'model.py', 'pkg/net.py', 'pkg/sub/deep.PY', 'third_party/lib.py']);
  });

  it('honours exclude globs relative to the folder, for files and whole directories', async () => {
    const files = await collect(supportedFiles(root, excludeMatcher(root, ['third_party/', '*_pb2.py']), new Set(DEFAULT_SKIP_FOLDERS)));
    assert.deepEqual(files.map((f) => path.relative(root, f)).sort(), ['model.py', 'pkg/net.py', 'pkg/sub/deep.PY']);
    assert.equal(excludeMatcher(root, ['*.py'])(path.join(os.tmpdir(), 'elsewhere.py')), false);
  });

  it('skips the folders the setting names, and only those', async () => {
    const files = await collect(supportedFiles(root, () => false, new Set(['pkg', 'gen'])));
    // build/lib/pkg/ lies under a skipped name too.
    assert.deepEqual(files.map((f) => path.relative(root, f)).sort(), [
      '.git/hooks/x.py', '.venv/lib/y.py', 'model.py', 'node_modules/m/x.py', 'third_party/lib.py', 'wandb/run-1/files/code/model.py', 'web/dist/bundle.js',
    ]);
    const skipped = new Set(DEFAULT_SKIP_FOLDERS);
    assert.equal(inSkippedFolder(root, path.join(root, 'build/lib/pkg/net.py'), skipped), true, 'a watcher event under build/');
    assert.equal(inSkippedFolder(root, path.join(root, 'pkg/build.py'), skipped), false, 'a file named like a folder');
    assert.equal(inSkippedFolder(root, path.join(os.tmpdir(), 'dist', 'x.py'), skipped), false, 'outside the folder');
  });
});

describe('lsp: background scan queue', () => {
  it('analyses each queued file once, yields between files, and reports begin/end', async () => {
    const seen: string[] = [];
    const events: string[] = [];
    let resolveEnd!: () => void;
    const ended = new Promise<void>((r) => (resolveEnd = r));
    let interleaved = false;
    const scan = new WorkspaceScan(
      async (f) => {
        seen.push(f);
      },
      {
        begin: (total) => events.push(`begin ${total}`),
        report: () => undefined,
        end: (done, total) => {
          events.push(`end ${done}/${total}`);
          resolveEnd();
        },
      },
      () => assert.fail('no errors expected'),
    );
    scan.enqueue(['a', 'b', 'c', 'a']);
    scan.discard((f) => f === 'c');
    setImmediate(() => (interleaved = seen.length < 2));
    await ended;
    assert.deepEqual(seen, ['a', 'b']);
    assert.deepEqual(events, ['begin 3', 'end 2/2']);
    assert.ok(interleaved, 'other work ran between two files');
    assert.equal(scan.busy, false);
  });

  it('keeps draining after one file fails', async () => {
    const errors: string[] = [];
    const seen: string[] = [];
    await new Promise<void>((resolve) => {
      const scan = new WorkspaceScan(
        async (f) => {
          seen.push(f);
          if (f === 'bad') throw new Error('boom');
        },
        { begin: () => undefined, report: () => undefined, end: () => resolve() },
        (f, e) => errors.push(`${f}: ${(e as Error).message}`),
      );
      scan.enqueue(['bad', 'good']);
    });
    assert.deepEqual(seen, ['bad', 'good']);
    assert.deepEqual(errors, ['bad: boom']);
  });
});
