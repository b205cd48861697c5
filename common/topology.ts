/**
 * The topology graph: what the language server (or the CLI) computes from the engine's model and
 * the webview (or the standalone SVG) draws. Plain data, JSON-serialisable; imported by the server,
 * the client and the webview, so no `vscode`, no Node and no DOM here.
 */

export const TOPOLOGY_VERSION = 1;

/** Method of the client → server request that returns the graph of one document. */
export const topologyRequestMethod = 'apimNetwork/topology';

/** Params of `apimNetwork/topology`. The result is a `TopologyGraph`, or null for a document that is not a template. */
export interface TopologyParams {
  readonly textDocument: { readonly uri: string };
}

export type TopologyNodeKind =
  | 'vnet'
  | 'subnet'
  | 'nsg'
  | 'apim'
  | 'apimRegion'
  | 'publicIp'
  | 'privateEndpoint'
  | 'dnsZone'
  | 'serviceTag'
  | 'routeTable'
  /** A regional group (a cluster): one APIM region with its service tags and what serves it alone. */
  | 'region';

/** How an NSG treats one flow: an explicit Allow rule, only a default rule, a Deny rule, or cannot be decided. */
export type FlowVerdict = 'allowed' | 'default-allowed' | 'blocked' | 'unknown';

export type TopologySeverity = 'error' | 'warning' | 'information' | 'hint';

/** A span of the document, in UTF-16 code units (as the engine and LSP count). */
export interface TopologyRange {
  readonly offset: number;
  readonly length: number;
}

export interface TopologyFinding {
  readonly ruleId: string;
  readonly severity: TopologySeverity;
  readonly message: string;
  readonly range: TopologyRange;
}

/** A subnet's address budget: size = reserved + usedByApim + free (when not overcommitted). */
export interface SubnetBudgetInfo {
  readonly prefix: string;
  /** Addresses in the prefix. */
  readonly size: number;
  /** Addresses Azure keeps (5, fewer in tiny blocks). */
  readonly reserved: number;
  /** Addresses the API Management regions injected here take. */
  readonly usedByApim: number;
  /** What is left (0 when overcommitted). */
  readonly free: number;
  /** The instance needs more addresses than the subnet has. */
  readonly overcommitted: boolean;
}

export interface TopologyNode {
  /** Stable within one graph; derived from kind and name. */
  readonly id: string;
  readonly kind: TopologyNodeKind;
  /** First line: the name; then facts (prefix, tier × units, mode, region, …). Text from the user's file. */
  readonly label: readonly string[];
  /** More lines for the hover text. */
  readonly detail?: readonly string[];
  /** What the editor selects when the node is clicked. */
  readonly range?: TopologyRange;
  /** The containing node (a subnet's VNet; a VNet's, tag's, instance's regional group). */
  readonly parent?: string;
  readonly budget?: SubnetBudgetInfo;
  /**
   * Findings whose range lies in this node's source (the smallest node that contains it). Copy-loop
   * instances share their source: a finding there goes to the instance its message names, or to each
   * of them when it names none.
   */
  readonly findings: readonly TopologyFinding[];
  /** Referenced but not declared in this template (e.g. a subnet deployed elsewhere). */
  readonly external?: boolean;
}

export type TopologyEdgeKind =
  | 'flow'
  | 'nsgAssociation'
  | 'injection'
  | 'privateEndpoint'
  | 'privateEndpointSubnet'
  | 'publicIp'
  | 'dnsZone'
  | 'routeTable'
  | 'additionalLocation';

export interface FlowInfo {
  /** The requirement's id in the engine's table (`management-3443`, `storage-443`, …). */
  readonly requirement: string;
  readonly direction: 'Inbound' | 'Outbound';
  readonly protocol: 'Tcp' | 'Udp';
  readonly port: number;
  /** The service tag at the far end; `any` = any client. */
  readonly remote: string;
  readonly required: boolean;
  readonly purpose: string;
  readonly verdict: FlowVerdict;
  /** The deciding NSG rule (absent when there is no NSG or nothing decides). */
  readonly rule?: { readonly name: string; readonly priority?: number; readonly isDefault: boolean };
  /** "blocked by DenyInternet (priority 200)", as the findings phrase it. */
  readonly explanation: string;
  /** An Allow that covers only some of the sources. */
  readonly partial?: boolean;
  /** The APIM region (normalised location) the flow belongs to. */
  readonly region?: string;
  /** The NSG that judged the flow. */
  readonly nsg?: string;
  /** "inbound TCP 3443 from ApiManagement". */
  readonly description: string;
}

export interface TopologyEdge {
  readonly id: string;
  readonly kind: TopologyEdgeKind;
  readonly from: string;
  readonly to: string;
  /** Short text drawn on the edge (flows: the port). */
  readonly label?: string;
  /** What the editor selects when the edge is clicked (flows: the deciding rule). */
  readonly range?: TopologyRange;
  readonly flow?: FlowInfo;
}

export interface TopologyGraph {
  readonly version: typeof TOPOLOGY_VERSION;
  readonly nodes: readonly TopologyNode[];
  readonly edges: readonly TopologyEdge[];
  /** Findings that lie in no node (e.g. a template-level syntax error). */
  readonly findings: readonly TopologyFinding[];
}

const NODE_KINDS: ReadonlySet<string> = new Set<TopologyNodeKind>([
  'vnet', 'subnet', 'nsg', 'apim', 'apimRegion', 'publicIp', 'privateEndpoint', 'dnsZone', 'serviceTag', 'routeTable', 'region',
]);
const EDGE_KINDS: ReadonlySet<string> = new Set<TopologyEdgeKind>([
  'flow', 'nsgAssociation', 'injection', 'privateEndpoint', 'privateEndpointSubnet', 'publicIp', 'dnsZone', 'routeTable', 'additionalLocation',
]);
const VERDICTS: ReadonlySet<string> = new Set<FlowVerdict>(['allowed', 'default-allowed', 'blocked', 'unknown']);
const SEVERITIES: ReadonlySet<string> = new Set<TopologySeverity>(['error', 'warning', 'information', 'hint']);

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
function isStr(x: unknown): x is string {
  return typeof x === 'string';
}
function isNum(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}
function isStrList(x: unknown): x is string[] {
  return Array.isArray(x) && x.every(isStr);
}
function isRange(x: unknown): boolean {
  return isObj(x) && isNum(x['offset']) && isNum(x['length']);
}
function isFinding(x: unknown): boolean {
  return isObj(x) && isStr(x['ruleId']) && isStr(x['message']) && SEVERITIES.has(x['severity'] as string) && isRange(x['range']);
}
function isBudget(x: unknown): boolean {
  return isObj(x) && isStr(x['prefix']) && ['size', 'reserved', 'usedByApim', 'free'].every((k) => isNum(x[k])) && typeof x['overcommitted'] === 'boolean';
}
function isNode(x: unknown): boolean {
  return (
    isObj(x) && isStr(x['id']) && NODE_KINDS.has(x['kind'] as string) && isStrList(x['label']) &&
    (x['detail'] === undefined || isStrList(x['detail'])) &&
    (x['range'] === undefined || isRange(x['range'])) &&
    (x['parent'] === undefined || isStr(x['parent'])) &&
    (x['budget'] === undefined || isBudget(x['budget'])) &&
    Array.isArray(x['findings']) && x['findings'].every(isFinding)
  );
}
function isFlow(x: unknown): boolean {
  if (!isObj(x)) return false;
  const rule = x['rule'];
  return (
    isStr(x['requirement']) && (x['direction'] === 'Inbound' || x['direction'] === 'Outbound') && isStr(x['protocol']) && isNum(x['port']) &&
    isStr(x['remote']) && typeof x['required'] === 'boolean' && isStr(x['purpose']) && VERDICTS.has(x['verdict'] as string) &&
    isStr(x['explanation']) && isStr(x['description']) &&
    (rule === undefined || (isObj(rule) && isStr(rule['name']) && (rule['priority'] === undefined || isNum(rule['priority'])) && typeof rule['isDefault'] === 'boolean'))
  );
}
function isEdge(x: unknown, ids: ReadonlySet<string>): boolean {
  return (
    isObj(x) && isStr(x['id']) && EDGE_KINDS.has(x['kind'] as string) && isStr(x['from']) && isStr(x['to']) &&
    ids.has(x['from']) && ids.has(x['to']) &&
    (x['label'] === undefined || isStr(x['label'])) &&
    (x['range'] === undefined || isRange(x['range'])) &&
    (x['kind'] === 'flow' ? isFlow(x['flow']) : x['flow'] === undefined)
  );
}

/**
 * Each finding once (same rule, range and message): a finding on the shared source of copy-loop
 * instances can sit on several of them (see `TopologyNode.findings`).
 */
export function distinctFindings(findings: Iterable<TopologyFinding>): TopologyFinding[] {
  const seen = new Set<string>();
  const out: TopologyFinding[] = [];
  for (const f of findings) {
    const key = `${f.ruleId}\u0000${f.range.offset}\u0000${f.range.length}\u0000${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

/**
 * True when `x` has the shape of a `TopologyGraph` (every field checked, edges between known nodes,
 * parents known, ids unique). The webview draws nothing else.
 */
export function isTopologyGraph(x: unknown): x is TopologyGraph {
  if (!isObj(x) || x['version'] !== TOPOLOGY_VERSION || !Array.isArray(x['nodes']) || !Array.isArray(x['edges']) || !Array.isArray(x['findings'])) return false;
  if (!x['nodes'].every(isNode) || !x['findings'].every(isFinding)) return false;
  const nodes = x['nodes'] as TopologyNode[];
  const ids = new Set(nodes.map((n) => n.id));
  if (ids.size !== nodes.length) return false;
  if (nodes.some((n) => n.parent !== undefined && (!ids.has(n.parent) || n.parent === n.id))) return false;
  const edgeIds = new Set<string>();
  for (const e of x['edges']) {
    if (!isEdge(e, ids)) return false;
    const id = (e as TopologyEdge).id;
    if (edgeIds.has(id)) return false;
    edgeIds.add(id);
  }
  return true;
}

/** Messages the webview posts to the extension. */
export type WebviewToExtension =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal'; readonly nodeId: string }
  | { readonly type: 'reveal'; readonly edgeId: string }
  | { readonly type: 'export'; readonly format: 'svg' | 'png'; readonly data: string };

/** Messages the extension posts to the webview. */
export type ExtensionToWebview =
  | { readonly type: 'graph'; readonly graph: TopologyGraph; readonly title?: string; readonly uri?: string }
  | { readonly type: 'empty'; readonly message: string }
  | { readonly type: 'export'; readonly format: 'svg' | 'png' };
