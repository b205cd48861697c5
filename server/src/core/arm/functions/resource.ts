import { buildResourceId } from '../resourceId';
import type { EV } from '../value';
import type { Cx, FnTable } from './types';
import { J, S, toText, U } from './util';

/** Values used when the DeploymentContext does not say (they only need to be stable). */
export const PLACEHOLDER_SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';
export const PLACEHOLDER_TENANT_ID = '00000000-0000-0000-0000-000000000000';
export const PLACEHOLDER_RESOURCE_GROUP = 'resourceGroup';
export const PLACEHOLDER_DEPLOYMENT_NAME = 'deployment';

export function subscriptionIdOf(cx: Cx): string {
  return cx.host.deployment.subscriptionId ?? PLACEHOLDER_SUBSCRIPTION_ID;
}
export function resourceGroupNameOf(cx: Cx): string {
  return cx.host.deployment.resourceGroupName ?? PLACEHOLDER_RESOURCE_GROUP;
}

function texts(args: readonly EV[], name: string, cx: Cx): string[] | EV {
  const out: string[] = [];
  for (const a of args) {
    if (a.t !== 'string' && a.t !== 'number') return U(cx, `${name}() needs string arguments`);
    out.push(toText(a)!);
  }
  return out;
}

const hasSlash = (s: string | undefined): boolean => s !== undefined && s.includes('/');

function build(cx: Cx, name: string, prefix: string, type: string, names: readonly string[]): EV {
  const id = buildResourceId(prefix, type, names);
  if (id === undefined) return U(cx, `${name}(): type '${type}' needs ${Math.max(0, type.split('/').length - 1)} name(s), got ${names.length}`);
  return S(cx, id);
}

export const resourceFunctions: FnTable = {
  resourceid: {
    min: 2,
    max: Infinity,
    fn: (args, cx) => {
      const a = texts(args, 'resourceId', cx);
      if (!Array.isArray(a)) return a;
      let t: number;
      if (hasSlash(a[0])) t = 0;
      else if (hasSlash(a[1])) t = 1;
      else if (hasSlash(a[2])) t = 2;
      else return U(cx, 'resourceId(): no resource type argument (a type contains "/")');
      const sub = t === 2 ? a[0] : subscriptionIdOf(cx);
      const rg = t >= 1 ? a[t - 1] : undefined;
      let prefix: string;
      if (rg !== undefined || cx.host.targetScope === 'resourceGroup') prefix = `/subscriptions/${sub}/resourceGroups/${rg ?? resourceGroupNameOf(cx)}`;
      else if (cx.host.targetScope === 'subscription') prefix = `/subscriptions/${sub}`;
      else prefix = '';
      return build(cx, 'resourceId', prefix, a[t], a.slice(t + 1));
    },
  },
  subscriptionresourceid: {
    min: 2,
    max: Infinity,
    fn: (args, cx) => {
      const a = texts(args, 'subscriptionResourceId', cx);
      if (!Array.isArray(a)) return a;
      const t = hasSlash(a[0]) ? 0 : 1;
      const sub = t === 1 ? a[0] : subscriptionIdOf(cx);
      return build(cx, 'subscriptionResourceId', `/subscriptions/${sub}`, a[t], a.slice(t + 1));
    },
  },
  tenantresourceid: {
    min: 2,
    max: Infinity,
    fn: (args, cx) => {
      const a = texts(args, 'tenantResourceId', cx);
      if (!Array.isArray(a)) return a;
      return build(cx, 'tenantResourceId', '', a[0], a.slice(1));
    },
  },
  extensionresourceid: {
    min: 3,
    max: Infinity,
    fn: (args, cx) => {
      const a = texts(args, 'extensionResourceId', cx);
      if (!Array.isArray(a)) return a;
      let base = a[0];
      while (base.endsWith('/')) base = base.slice(0, -1);
      return build(cx, 'extensionResourceId', base, a[1], a.slice(2));
    },
  },
  managementgroupresourceid: {
    min: 2,
    max: Infinity,
    fn: (args, cx) => {
      const a = texts(args, 'managementGroupResourceId', cx);
      if (!Array.isArray(a)) return a;
      if (hasSlash(a[0])) return U(cx, 'managementGroupResourceId(): the management group of the deployment is not known');
      return build(cx, 'managementGroupResourceId', `/providers/Microsoft.Management/managementGroups/${a[0]}`, a[1], a.slice(2));
    },
  },
  resourcegroup: {
    min: 0,
    max: 0,
    fn: (_a, cx) => withLocation(cx, resourceGroupNameOf(cx), cx.host.deployment.resourceGroupLocation),
  },
  subscription: {
    min: 0,
    max: 0,
    fn: (_a, cx) => {
      const id = subscriptionIdOf(cx);
      return J(cx, { id: `/subscriptions/${id}`, subscriptionId: id, tenantId: PLACEHOLDER_TENANT_ID, displayName: 'subscription' });
    },
  },
  tenant: {
    min: 0,
    max: 0,
    fn: (_a, cx) => J(cx, { tenantId: PLACEHOLDER_TENANT_ID, countryCode: 'US', displayName: 'tenant' }),
  },
  deployment: {
    min: 0,
    max: 0,
    fn: (_a, cx) => {
      const name = cx.host.deployment.deploymentName ?? PLACEHOLDER_DEPLOYMENT_NAME;
      const v = J(cx, { name, properties: { provisioningState: 'Accepted', mode: 'Incremental' } });
      if (v.t !== 'object') return v;
      const props = v.props.get('properties')!;
      const inner = props.value;
      if (inner.t !== 'object') return v;
      const innerProps = new Map(inner.props);
      innerProps.set('templatelink', { key: 'templateLink', value: U(cx, 'deployment().properties.templateLink is only known at deployment') });
      const newInner = { ...inner, props: innerProps };
      const outer = new Map(v.props);
      outer.set('properties', { key: 'properties', value: newInner });
      return { ...v, props: outer };
    },
  },
  environment: {
    min: 0,
    max: 0,
    fn: (_a, cx) =>
      J(cx, {
        name: 'AzureCloud',
        gallery: 'https://gallery.azure.com/',
        graph: 'https://graph.windows.net/',
        portal: 'https://portal.azure.com',
        graphAudience: 'https://graph.windows.net/',
        activeDirectoryDataLake: 'https://datalake.azure.net/',
        batch: 'https://batch.core.windows.net/',
        media: 'https://rest.media.azure.net',
        sqlManagement: 'https://management.core.windows.net:8443/',
        vmImageAliasDoc: 'https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json',
        resourceManager: 'https://management.azure.com/',
        authentication: {
          loginEndpoint: 'https://login.microsoftonline.com/',
          audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'],
          tenant: 'common',
          identityProvider: 'AAD',
        },
        suffixes: {
          acrLoginServer: '.azurecr.io',
          azureDatalakeAnalyticsCatalogAndJob: 'azuredatalakeanalytics.net',
          azureDatalakeStoreFileSystem: 'azuredatalakestore.net',
          azureFrontDoorEndpointSuffix: 'azurefd.net',
          keyvaultDns: '.vault.azure.net',
          sqlServerHostname: '.database.windows.net',
          storage: 'core.windows.net',
        },
      }),
  },
  managementgroup: { min: 0, max: 1, unknownOk: true, fn: (_a, cx) => U(cx, 'managementGroup() is only known at deployment') },
  reference: { min: 1, max: 3, unknownOk: true, fn: (_a, cx) => U(cx, 'reference() reads a deployed resource') },
  resourceinfo: { min: 1, max: 1, unknownOk: true, fn: (_a, cx) => U(cx, "function 'resourceInfo' is not evaluated") },
  pickzones: { min: 3, max: 5, unknownOk: true, fn: (_a, cx) => U(cx, 'pickZones() depends on the region at deployment') },
  providers: { min: 1, max: 2, unknownOk: true, fn: (_a, cx) => U(cx, 'providers() reads the resource provider registry') },
};

function withLocation(cx: Cx, name: string, location: string | undefined): EV {
  const v = J(cx, {
    id: `/subscriptions/${subscriptionIdOf(cx)}/resourceGroups/${name}`,
    name,
    type: 'Microsoft.Resources/resourceGroups',
    properties: { provisioningState: 'Succeeded' },
  });
  if (v.t !== 'object') return v;
  const props = new Map(v.props);
  props.set('location', {
    key: 'location',
    value: location !== undefined ? S(cx, location) : U(cx, 'the resource group location is not known before deployment'),
  });
  return { ...v, props };
}
