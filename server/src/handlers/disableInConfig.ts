import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyEdits as applyJsonEdits, createScanner, modify, SyntaxKind, type FormattingOptions } from 'jsonc-parser';
import {
  CodeActionKind,
  CreateFile,
  TextDocumentEdit,
  type CodeAction,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, ServerContext } from '../context';
import { CONFIG_FILE_NAME, STARTER_CONFIG } from '../core/index';
import { loadConfig } from '../node/configResolver';
import { sameFile, toPath } from '../parameterFiles';

/**
 * "Disable <rule> for this line" writes a `//` comment. In a document of language `json` (how VS Code opens a
 * `.json` file, ARM templates included) VS Code's JSON service flags every comment as an error, so there a
 * comment would trade our diagnostic for another one. In such a document with no comment yet, the way to
 * disable is offered instead: "Disable <rule> in apim-network.json", which sets `"rules": { "<rule>": "off" }`
 * in the nearest configuration file (merged into it, keeping its comments and layout), or creates one from the
 * starter file where the search for it stops (the workspace folder, the folder holding .git).
 */

/** A `json` document that has no comment yet: writing one would be flagged by the editor. */
export function commentsUnwelcome(doc: TextDocument, analysis: Analysis): boolean {
  if (doc.languageId !== 'json') return false;
  let known = noComments.get(analysis);
  if (known === undefined) {
    known = !hasComments(doc.getText());
    noComments.set(analysis, known);
  }
  return known;
}
const noComments = new WeakMap<Analysis, boolean>();

function hasComments(text: string): boolean {
  if (!text.includes('//') && !text.includes('/*')) return false;
  const scanner = createScanner(text, false);
  for (let t = scanner.scan(); t !== SyntaxKind.EOF; t = scanner.scan()) {
    if (t === SyntaxKind.LineCommentTrivia || t === SyntaxKind.BlockCommentTrivia) return true;
  }
  return false;
}

export function disableInConfigAction(ctx: ServerContext, doc: TextDocument, analysis: Analysis, ruleId: string, diag: Diagnostic): CodeAction | undefined {
  const file = toPath(doc.uri);
  if (!file) return undefined; // untitled: no folder to hold a configuration
  // apimNetwork.rules wins over the file in the editor: "off" there would change nothing.
  if (analysis.settings.rules[ruleId] !== undefined) return undefined;
  const title = `Disable ${ruleId} in ${CONFIG_FILE_NAME}`;
  const resolved = ctx.configFor(file);
  const uri = resolved && pathToFileURL(resolved.file).toString();
  const open = uri ? ctx.documents.all().find((d) => sameFile(d.uri, uri)) : undefined;
  // What is on disk now, unless it is open (then the open text is what applies and what the edit must fit).
  const existing = resolved && !open ? (loadConfig(resolved.file) ?? resolved) : resolved;
  let edit: WorkspaceEdit;
  if (existing && uri) {
    // A file that does not parse could be made worse by an edit placed in its broken text.
    if (existing.problems.some((p) => p.messageId === 'syntax')) return undefined;
    const target = open ?? TextDocument.create(uri, 'jsonc', 0, existing.text);
    const text = target.getText();
    const edits: TextEdit[] = modify(text, ['rules', ruleId], 'off', { formattingOptions: formattingOf(text) }).map((e) => ({
      range: { start: target.positionAt(e.offset), end: target.positionAt(e.offset + e.length) },
      newText: e.content,
    }));
    if (edits.length === 0) return undefined;
    if (ctx.support.versionedDocumentChanges) {
      // Versioned when open (never applied to another version); `null` = the file as it is on disk.
      edit = { documentChanges: [TextDocumentEdit.create({ uri: target.uri, version: open ? open.version : null }, edits)] };
    } else edit = { changes: { [target.uri]: edits } };
  } else {
    if (!ctx.support.createFiles || !ctx.support.versionedDocumentChanges) return undefined;
    const dir = ctx.configRootFor(file) ?? path.dirname(file);
    const created = pathToFileURL(path.join(dir, CONFIG_FILE_NAME)).toString();
    const text = applyJsonEdits(STARTER_CONFIG, modify(STARTER_CONFIG, ['rules', ruleId], 'off', { formattingOptions: formattingOf(STARTER_CONFIG) }));
    edit = {
      documentChanges: [
        CreateFile.create(created, { ignoreIfExists: true }),
        TextDocumentEdit.create({ uri: created, version: null }, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }]),
      ],
    };
  }
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diag], edit };
}

/** The indentation and line ending the file already uses (two spaces and \n for a new one). */
function formattingOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indents = [...text.matchAll(/^([ \t]+)["}\]]/gm)].map((m) => m[1]!);
  if (indents.some((i) => i.startsWith('\t'))) return { insertSpaces: false, tabSize: 4, eol };
  const size = indents.length ? Math.min(...indents.map((i) => i.length)) : 2;
  return { insertSpaces: true, tabSize: size > 0 && size <= 8 ? size : 2, eol };
}
