/**
 * The bundled server (dist/server.js, what the .vsix ships) started as a process over stdio: catches bundling
 * defects such as jsonc-parser's UMD entry ("Cannot find module './impl/format'").
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  InitializedNotification,
  InitializeRequest,
  RegistrationRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import { fullCapabilities } from './lspClient';
import { brokenTemplate } from './templates';

const bundle = path.resolve(__dirname, '../../../dist/server.js');

describe('dist/server.js', { skip: existsSync(bundle) ? false : 'not built: run npm run build' }, () => {
  it('answers a pull diagnostic request over stdio', async () => {
    const child = spawn(process.execPath, [bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => null)); // defaults
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.listen();
    try {
      const init = await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities: fullCapabilities,
      });
      assert.ok(init.capabilities.diagnosticProvider, 'pull diagnostics registered');
      await connection.sendNotification(InitializedNotification.type, {});
      const uri = 'file:///bundle/apim.json';
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'json', version: 1, text: brokenTemplate() },
      });
      const report = await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      assert.equal(report.kind, 'full');
      assert.ok(report.kind === 'full' && report.items.some((d) => d.code === 'nsg-required-port'), JSON.stringify(report));
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
