// The transports and settings paths other editors use: VS Code's node IPC, and clients that push
// settings (initializationOptions, didChangeConfiguration) instead of answering workspace/configuration.

import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import type { Hover, InitializeResult } from 'vscode-languageserver-protocol';
import { SERVER, TestClient } from './client';
import { DISCRIMINATOR, rangeOf } from './fixtures';

describe('lsp server: transports and pushed settings', () => {
  it('speaks LSP over node IPC (--node-ipc), as the VS Code client starts it', async () => {
    const proc = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const conn = createMessageConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
    conn.listen();
    const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
    const init = await conn.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    assert.equal(init.serverInfo?.name, 'activation-lens');
    await conn.sendNotification('initialized', {});
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    assert.equal(await exited, 0);
    conn.dispose();
  });

  it('takes settings from initializationOptions and didChangeConfiguration when the client cannot be asked', async () => {
    const client = new TestClient({ configuration: false, initializationOptions: { activationLens: { severity: { ACT010: 'error' }, hover: { plotLink: false }, codeLens: { enable: false } } } });
    try {
      await client.initialize();
      const uri = 'file:///virtual/pushed.py';
      let from = client.notifications.length;
      await client.open(uri, DISCRIMINATOR);
      const diagnostics = await client.diagnostics(uri, from);
      assert.equal(diagnostics.find((d) => d.code === 'ACT010')?.severity, 1);
      const hover: Hover | null = await client.hover(uri, rangeOf(DISCRIMINATOR, 'nn.Sigmoid()').start);
      assert.doesNotMatch((hover?.contents as { value: string }).value, /\[Plot\]/);
      assert.deepEqual(await client.codeLenses(uri), []);
      assert.equal(client.configurationRequests.length, 0);

      from = client.notifications.length;
      await client.notify('workspace/didChangeConfiguration', { settings: { activationLens: { enable: false } } });
      assert.deepEqual(await client.diagnostics(uri, from), []);
      assert.equal(await client.hover(uri, rangeOf(DISCRIMINATOR, 'nn.Sigmoid()').start), null);
    } finally {
      await client.dispose();
    }
  });
});
