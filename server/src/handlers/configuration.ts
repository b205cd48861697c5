import { DidChangeConfigurationNotification } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';

/**
 * `apimNetwork.*` changes apply without a reload: forget the cached settings and analyses, then make the client
 * pull again (or push again).
 */
export function registerConfiguration(ctx: ServerContext): void {
  const { connection } = ctx;
  ctx.onInitialized(() => {
    if (ctx.support.configurationRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'apimNetwork' });
    }
  });
  connection.onDidChangeConfiguration((params) => {
    ctx.clearSettings(params.settings);
    ctx.refreshAll();
  });
}
