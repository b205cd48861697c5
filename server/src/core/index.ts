/**
 * The public API of the analysis core. Pure: no `vscode`, no LSP connection, no file system, no
 * network. Text in, findings (with offsets in UTF-16 code units and ready-made fixes) out.
 */
export { analyzeText, analyzeConfigText, isConfigFile, DEFAULT_MAX_FILE_SIZE, type AnalyzeOptions, type AnalysisResult } from './analyze';
export { parseConfig, mergeLevels, configFindings, CONFIG_FILE_NAME, STARTER_CONFIG, type LintConfig, type ConfigLevel, type ConfigProblem } from './config/config';
export { globMatches, globToRegExp } from './config/glob';
export { allRules, ruleById } from './rules/registry';
export type { Rule, RuleMeta, RuleMessage } from './rules/rule';
export type { Finding, Fix, OffsetEdit, Severity, Level, RelatedLocation } from './rules/finding';
export { docsUrl, DOCS_BASE } from './docs';
export { LineIndex, type Position } from './text/lineIndex';
export { documentKind, type DocumentKind } from './template/detect';
export { detectFormat, parseText, type ReusableTree } from './text/parse';
export { DISABLE_NEXT_LINE } from './suppress';
export type { NetworkModel } from './model/networkModel';
export { applyEdits } from './fixes/applyEdits';
export { getHover, type HoverInfo } from './services/hover';
export { getCompletions, type CompletionEntry, type CompletionResult } from './services/completion';
