import { arrayFunctions } from './array';
import { cidrFunctions } from './cidr';
import { lambdaFunctions } from './lambda';
import { logicalFunctions } from './logical';
import { numericFunctions } from './numeric';
import { resourceFunctions } from './resource';
import { scopeFunctions } from './scopeFns';
import { stringFunctions } from './string';
import type { FnDef } from './types';

/** Every evaluated ARM function, keyed by lower-cased name. */
export const FUNCTIONS: ReadonlyMap<string, FnDef> = new Map(
  Object.entries({
    ...stringFunctions,
    ...arrayFunctions,
    ...logicalFunctions,
    ...numericFunctions,
    ...cidrFunctions,
    ...resourceFunctions,
    ...lambdaFunctions,
    ...scopeFunctions,
  }),
);

/** Why a call to a function that is not in FUNCTIONS (and not user-defined) is unknown. */
export function unevaluatedReason(name: string, display: string): string {
  if (name.startsWith('list')) return `${display}() reads secrets or settings of a deployed resource`;
  return `function '${display}' is not evaluated`;
}

export type { Cx, DeploymentContext, EvalLimits, FnDef, Host, SharedState, TargetScope } from './types';
export { PLACEHOLDER_DEPLOYMENT_NAME, PLACEHOLDER_RESOURCE_GROUP, PLACEHOLDER_SUBSCRIPTION_ID, PLACEHOLDER_TENANT_ID } from './resource';
export { stableGuid, stableUniqueString } from './hash';
export { parseCidrText, formatIPv4, formatIPv6, parseIPv4, parseIPv6, type Cidr } from './cidr';
