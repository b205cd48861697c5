import { parseText, detectFormat, type ReusableTree } from './text/parse';
import { LineIndex } from './text/lineIndex';
import type { SourceNode, SourceRange } from './text/sourceNode';
import { documentKind, type DocumentKind } from './template/detect';
import { enumerateResources, type Enumeration } from './template/resources';
import { modelFor, wholeRecovery, type ModelForReuse } from './model/reuse';
import { TemplateScope } from './arm/scope';
import { readParameterFile } from './arm/scope';
import type { EV } from './arm/value';
import type { NetworkModel } from './model/networkModel';
import { allRules, ruleById } from './rules/registry';
import { formatMessage, type ReportInput, type Rule } from './rules/rule';
import { severityAtLevel, type Finding, type Level, type Severity } from './rules/finding';
import { copyFinding, fixesPending, withLazyFixes } from './fixes/lazyFixes';
import { suppressedLines } from './suppress';
import { configFindings, mergeLevels, parseConfig } from './config/config';

export interface AnalyzeOptions {
  /** Document name; its extension picks the format (else the content does). */
  readonly uri?: string;
  readonly format?: 'json' | 'yaml';
  /** An ARM parameters file whose values override the templates' defaultValues. */
  readonly parameters?: { readonly text: string; readonly uri?: string };
  /** Rule id → level; `off` disables a rule. `info` = `information`. */
  readonly levels?: Readonly<Record<string, Level | 'info'>>;
  /** Documents longer than this (in characters) get one information finding instead of analysis. */
  readonly maxFileSize?: number;
  /**
   * Where `maxFileSize` came from, named in that finding: e.g. `apimNetwork.maxFileSize`, or
   * `maxFileSize in infra/apim-network.json`. Default: "maxFileSize" when one is given, else "the default maxFileSize".
   */
  readonly maxFileSizeSource?: string;
  /**
   * The location of the resource group the template is deployed to (`resourceGroup().location`), as Azure
   * takes it: a location name such as `westeurope` or `West Europe`. Without it that value is unknown and the
   * checks that depend on it say nothing.
   */
  readonly resourceGroupLocation?: string;
  /**
   * The `reusable` tree of the previous analysis of this document: the parse updates it where the edit allows
   * instead of parsing the whole text (text/reparseJson.ts, text/reparseYaml.ts). The previous result's tree then is
   * this one's: read that result no more.
   */
  readonly previous?: ReusableTree;
}

export interface AnalysisResult {
  readonly format: 'json' | 'yaml';
  readonly kind: DocumentKind;
  /**
   * True for the documents this linter reports on: ARM templates, and `apim-network.json` configuration
   * files (`kind: 'config'`). False for everything else: no findings at all.
   */
  readonly isTemplate: boolean;
  readonly findings: readonly Finding[];
  readonly model?: NetworkModel;
  readonly root?: SourceNode;
  readonly lines: LineIndex;
  /**
   * What the next analysis of this document may take as `previous`: this version's tree (JSON, unless refused
   * outright; YAML without anchors, aliases, directives or missing keys, and whose syntax problems, if any, were found
   * in one mapping parsed from the previous tree), or, for a YAML version with syntax problems parsed whole, the
   * previous version's, still for that version's text.
   */
  readonly reusable?: ReusableTree;
}

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;


/**
 * The analysis of an `apim-network.json` configuration file: its problems, at the offending keys. The file's
 * own `rules` may set `config-invalid` (e.g. `off`); `levels` (the editor settings) apply on top of them.
 */
export function analyzeConfigText(text: string, levels: AnalyzeOptions['levels'] = {}): AnalysisResult {
  const { config, problems } = parseConfig(text, allRules.map((r) => r.meta.id));
  const lines = new LineIndex(text);
  // configFindings applies the levels; finalize drops the lines disabled by a comment ("Disable config-invalid
  // for this line" writes the same comment as in a template), as for a template.
  const findings = finalize(configFindings(problems, { ...mergeLevels(config), ...levels }), {}, text, lines);
  return { format: 'json', kind: 'config', isTemplate: true, findings, lines };
}

/** True when `uri` (or path) names a configuration file. */
export function isConfigFile(uri: string): boolean {
  return /(^|[\\/])apim-network\.json$/i.test(uri);
}

/** The whole analysis of one document: parse, model, every enabled rule, fixes, suppressions. */
export function analyzeText(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  if (options.uri && isConfigFile(options.uri)) return analyzeConfigText(text, options.levels);
  const format = options.format ?? detectFormat(text, options.uri);
  const lines = new LineIndex(text);
  const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (text.length > max) {
    const looksArm = looksLikeTemplate(text.slice(0, 4096));
    const findings = looksArm
      ? [finding(ruleById('analysis-skipped')!, 'tooLarge', { size: text.length, max, limit: limitName(options) }, { offset: 0, length: Math.min(1, text.length) })]
      : [];
    return { format, kind: looksArm ? 'template' : 'other', isTemplate: looksArm, findings, lines };
  }
  // read before the parse spends the previous version's hand-off
  const previousModel = options.previous?.analysis as ModelForReuse | undefined;
  const parsed = parseText(text, format, options.previous);
  // A YAML version with syntax problems parsed whole hands no tree on (parseYaml.ts); the previous version's, which
  // its parse left untouched, goes on in its place, with its model, so that the version that mends the problems (or
  // the next one after several) is parsed from it instead of whole.
  const passedOn = format === 'yaml' && wholeRecovery(parsed) && options.previous?.format === 'yaml' && options.previous.root
    ? options.previous
    : undefined;
  const reusable = parsed.reusable ?? passedOn;
  const kind = documentKind(parsed.root);
  if (kind !== 'template') {
    // A document refused outright (e.g. a YAML alias bomb) that looks like a template gets its reason.
    if (!parsed.root && parsed.problems.length && looksLikeTemplate(text)) {
      const syntax = ruleById('syntax-error')!;
      const findings = parsed.problems.map((p) => finding(syntax, 'syntax', { message: p.message }, inside(p, text.length)));
      return { format, kind: 'template', isTemplate: true, findings, lines };
    }
    return { format, kind, isTemplate: false, findings: [], root: parsed.root, lines, ...(reusable ? { reusable } : {}) };
  }

  const findings: Finding[] = [];
  const syntax = ruleById('syntax-error')!;
  for (const p of parsed.problems) findings.push(finding(syntax, 'syntax', { message: p.message }, inside(p, text.length)));

  const root = parsed.root!;
  const inputs = { parameters: options.parameters, resourceGroupLocation: options.resourceGroupLocation };
  // an edit inside one resource takes the previous version's model, or all of it but that resource (model/reuse.ts)
  const built = modelFor(format, text, root, parsed, inputs, previousModel, () => enumerate(root, options));
  const { enumeration, model } = built;
  // Only a model built from a tree without syntax errors is handed on: a cut-short tree's model may lack what the
  // mended text declares (model/reuse.ts, wholeRecovery).
  if (parsed.reusable && !wholeRecovery(parsed)) parsed.reusable.analysis = built;
  const skipped = ruleById('analysis-skipped')!;
  for (const n of enumeration.notes) findings.push(finding(skipped, 'notFollowed', { message: n.message }, n.node));

  const levels = options.levels ?? {};
  for (const rule of allRules) {
    if (!('check' in rule) || levelOf(levels, rule.meta.id) === 'off') continue;
    runRule(rule, model, findings);
  }
  // Fixes are computed on a tree that a syntax error may have cut short: an edit placed there can land
  // inside the broken text. Offer them again once the document parses.
  const final = finalize(findings, levels, text, lines);
  const safe = parsed.problems.length ? final.map((f) => (fixesPending(f) || f.fixes ? copyFinding(f, { fixes: undefined }) : f)) : final;
  return { format, kind, isTemplate: true, findings: safe, model, root, lines, ...(reusable ? { reusable } : {}) };
}

/** The resources the template deploys, in the scope of its parameter values and resource group location. */
function enumerate(root: SourceNode, options: AnalyzeOptions): Enumeration {
  const parameterValues = readParameters(options.parameters);
  const location = options.resourceGroupLocation;
  const deployment = location !== undefined && location.trim() !== '' ? { resourceGroupLocation: location } : undefined;
  return enumerateResources(root, TemplateScope.forTemplate(root, { parameterValues, ...(deployment ? { deployment } : {}) }));
}

/** A parser's problem range clamped to the document (an error at the end of the text has no character to mark). */
function inside(r: SourceRange, n: number): SourceRange {
  const offset = Math.max(0, Math.min(r.offset, n));
  return { offset, length: Math.max(0, Math.min(r.length, n - offset)) };
}

/** What the size-limit finding names as the source of the limit. */
function limitName(options: AnalyzeOptions): string {
  if (options.maxFileSizeSource) return options.maxFileSizeSource;
  return options.maxFileSize !== undefined ? 'maxFileSize' : 'the default maxFileSize';
}

/** A cheap textual guess, for documents that could not be parsed into a tree. */
function looksLikeTemplate(text: string): boolean {
  return /deploymentTemplate\.json|"resources"\s*:|^\s*resources\s*:/im.test(text);
}

function readParameters(p: AnalyzeOptions['parameters']): ReadonlyMap<string, EV> | undefined {
  if (!p) return undefined;
  const parsed = parseText(p.text, detectFormat(p.text, p.uri));
  const values = parsed.root ? readParameterFile(parsed.root) : undefined;
  if (!values) return undefined;
  // Positions in the parameters file mean nothing in the template: keep the values, drop the nodes,
  // so that no finding points into (and no fix edits) the wrong document.
  return new Map([...values].map(([k, v]) => [k, detach(v)]));
}

function detach(v: EV): EV {
  switch (v.t) {
    case 'array': return { t: 'array', items: v.items.map(detach) };
    case 'object': return { t: 'object', props: new Map([...v.props].map(([k, p]) => [k, { key: p.key, value: detach(p.value) }])) };
    default: return { ...v, node: undefined, literal: false };
  }
}

function runRule(rule: Rule, model: NetworkModel, out: Finding[]): void {
  try {
    rule.check({ model, report: (input) => out.push(finding(rule, input.messageId, input.data, input.at, input)) });
  } catch (e) {
    // One failing rule must not hide the others' findings.
    const internal = ruleById('analysis-skipped')!;
    out.push(finding(internal, 'internal', { rule: rule.meta.id, message: e instanceof Error ? e.message : String(e) }, { offset: 0, length: 0 }));
  }
}

function finding(
  rule: Rule,
  messageId: string,
  data: ReportInput['data'],
  at: SourceNode | SourceRange,
  extra?: Pick<ReportInput, 'related' | 'fixes'>,
): Finding {
  const m = rule.meta.messages[messageId];
  if (!m) throw new Error(`rule ${rule.meta.id} has no message '${messageId}'`);
  const fixes = extra?.fixes;
  const f: Finding = {
    ruleId: rule.meta.id,
    messageId,
    severity: m.severity ?? rule.meta.defaultSeverity,
    message: formatMessage(m.text, data),
    range: { offset: at.offset, length: at.length },
    ...(extra?.related?.length ? { related: extra.related } : {}),
    ...(typeof fixes !== 'function' && fixes?.length ? { fixes } : {}),
  };
  return typeof fixes === 'function' ? withLazyFixes(f, fixes) : f;
}

function levelOf(levels: AnalyzeOptions['levels'] & object, id: string): Level | undefined {
  const l = levels[id];
  return l === 'info' ? 'information' : l;
}

/**
 * Applies configured levels (a level replaces the rule's default severity; messages that are
 * milder than the default stay milder, capped at the configured level), drops suppressed lines,
 * removes exact duplicates and sorts by position.
 */
function finalize(findings: Finding[], levels: NonNullable<AnalyzeOptions['levels']>, text: string, lines: LineIndex): Finding[] {
  const suppressed = text.includes('apim-network-disable') ? suppressedLines(text, lines) : undefined;
  // Findings kept so far, by offset: a duplicate has the same offset, and a key string joining the message
  // would be built and hashed for every finding (960 on the 2 MB template), when duplicates are rare.
  const seen = new Map<number, Finding[]>();
  const out: Finding[] = [];
  for (const f of findings) {
    const level = levelOf(levels, f.ruleId);
    if (level === 'off') continue;
    if (suppressed) {
      const ids = suppressed.get(lines.positionAt(f.range.offset).line);
      if (ids && (ids.has('*') || ids.has(f.ruleId))) continue;
    }
    const atOffset = seen.get(f.range.offset);
    if (atOffset?.some((g) => g.ruleId === f.ruleId && g.range.length === f.range.length && g.message === f.message)) continue;
    if (atOffset) atOffset.push(f);
    else seen.set(f.range.offset, [f]);
    out.push(level ? copyFinding(f, { severity: adjust(f, level) }) : f);
  }
  out.sort((a, b) => a.range.offset - b.range.offset || a.ruleId.localeCompare(b.ruleId));
  return out;
}

function adjust(f: Finding, level: Severity): Severity {
  return severityAtLevel(f.severity, ruleById(f.ruleId)?.meta.defaultSeverity ?? f.severity, level);
}
