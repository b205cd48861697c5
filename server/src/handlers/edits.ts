import { TextDocumentEdit, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from '../context';
import type { OffsetEdit } from '../core/index';

export function toTextEdits(doc: TextDocument, edits: readonly OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({
    range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) },
    newText: e.newText,
  }));
}

/** Versioned when the client can: it then refuses to apply the edit to any other version of the document. */
export function workspaceEdit(ctx: ServerContext, doc: TextDocument, edits: TextEdit[]): WorkspaceEdit {
  if (ctx.support.versionedDocumentChanges) {
    return { documentChanges: [TextDocumentEdit.create({ uri: doc.uri, version: doc.version }, edits)] };
  }
  return { changes: { [doc.uri]: edits } };
}
