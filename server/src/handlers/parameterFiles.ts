import { DidChangeWatchedFilesNotification } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { isConfigFile } from '../core/index';
import { WATCHED_EXTENSIONS } from '../node/diskTexts';
import { toPath } from '../parameterFiles';

/**
 * A template is re-analysed when its parameter file or its apim-network.json changes, open or not: on disk
 * through workspace/didChangeWatchedFiles, in the editor through the open document's changes.
 */
export function registerParameterFiles(ctx: ServerContext): void {
  const { connection, documents } = ctx;
  ctx.onInitialized(() => {
    if (ctx.support.watchedFilesRegistration) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: WATCHED_EXTENSIONS.map((ext) => ({ globPattern: `**/*.${ext}` })),
        })
        .then(
          () => (ctx.diskTexts.watching = true),
          () => undefined, // not watched: parameter files are read on every analysis
        );
    }
  });
  const changed = (uri: string) => {
    const templates = ctx.templatesUsing(uri);
    if (templates.length > 0) ctx.refresh(templates);
  };
  connection.onDidChangeWatchedFiles((params) => {
    // One handler for every watched file: an apim-network.json change re-analyses everything.
    const configs = params.changes.filter((c) => isConfigFile(c.uri)).map((c) => c.uri);
    if (configs.length) ctx.configChanged(configs);
    for (const change of params.changes) {
      const file = toPath(change.uri);
      if (file) ctx.diskTexts.forget(file);
      changed(change.uri);
    }
  });
  documents.onDidChangeContent((e) => {
    changed(e.document.uri);
    // An open apim-network.json applies as it reads in the editor (the resolver's overlay): re-check on edits.
    if (isConfigFile(e.document.uri)) ctx.configChanged([e.document.uri]);
  });
  // Saving apim-network.json in the editor: on-disk watchers may lag or be absent in some clients.
  documents.onDidSave((e) => {
    if (isConfigFile(e.document.uri)) ctx.configChanged([e.document.uri]);
  });
  // Closing an edited, unsaved parameter file or apim-network.json: templates go back to what is on disk.
  documents.onDidClose((e) => {
    changed(e.document.uri);
    if (isConfigFile(e.document.uri)) ctx.configChanged([e.document.uri]);
  });
}
