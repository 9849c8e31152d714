// Entry of dist/server.js: `--stdio`, `--node-ipc` or `--socket=N`, as vscode-languageserver reads them.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
