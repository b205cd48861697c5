import type { SourceNode } from '../../text/sourceNode';
import type { EV } from '../value';
import type { Ast } from '../expression/ast';

/** Where the template is deployed (its `$schema`): resourceId() without a group means different things. */
export type TargetScope = 'resourceGroup' | 'subscription' | 'managementGroup' | 'tenant';

export interface DeploymentContext {
  resourceGroupName?: string;
  resourceGroupLocation?: string;
  subscriptionId?: string;
  deploymentName?: string;
}

export interface EvalLimits {
  /** Maximum nesting: calls inside one expression, and variables/parameters/functions resolving through each other. */
  maxDepth: number;
  /** Evaluation steps per TemplateScope tree (expression nodes, function work, copy iterations). */
  maxSteps: number;
  /** Longest string result kept (UTF-16 code units); longer results are unknown. */
  maxStringLength: number;
  /** Copy loop counts above this are capped. */
  maxCopyCount: number;
}

/** What an expression can see of its template: implemented by TemplateScope. */
export interface Host {
  parameter(name: string): EV;
  variable(name: string): EV;
  /** `copyIndex()` (name undefined) or `copyIndex('name')`, without offset. */
  copyIndex(name: string | undefined): EV;
  /** A user-defined function (`namespace.name`, lower-case), called with evaluated arguments. */
  callUserFunction(name: string, args: readonly EV[], node: SourceNode | undefined): EV | undefined;
  readonly deployment: DeploymentContext;
  readonly targetScope: TargetScope;
}

/** Evaluation state shared by a whole TemplateScope tree. */
export interface SharedState {
  readonly limits: EvalLimits;
  steps: number;
  exhausted: boolean;
  /** Current nesting of variable/parameter/function/lambda resolution. */
  depth: number;
}

/** What a function implementation receives besides its arguments. */
export interface Cx {
  /** The expression string node being evaluated (the `node` of computed results). */
  readonly node: SourceNode | undefined;
  readonly host: Host;
  readonly shared: SharedState;
  /** Evaluates an argument expression in the current environment (lambda variables included). */
  eval(ast: Ast): EV;
  /** The value of `lambdaVariables(name)`, if bound. */
  lambdaVariable(name: string): EV | undefined;
  /** Applies a `lambda('a', 'b', body)` argument to values. Unknown when `lambda` is not a lambda. */
  apply(lambda: Ast, values: readonly EV[]): EV;
  /** Number of parameters of a lambda argument (undefined when it is not a lambda). */
  lambdaArity(lambda: Ast): number | undefined;
  /** Charges `n` steps; false once the budget is exhausted. */
  charge(n: number): boolean;
}

export interface FnDef {
  readonly min: number;
  readonly max: number;
  /** Receives evaluated arguments. Unless `unknownOk`, a top-level unknown argument short-cuts to unknown. */
  readonly fn?: (args: readonly EV[], cx: Cx) => EV;
  readonly unknownOk?: boolean;
  /** Receives unevaluated arguments (if, and, or, coalesce, lambdas…). */
  readonly lazy?: (args: readonly Ast[], cx: Cx) => EV;
}

export type FnTable = Record<string, FnDef>;
