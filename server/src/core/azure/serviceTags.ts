/**
 * Azure service tags usable in NSG rules (`sourceAddressPrefix(es)` / `destinationAddressPrefix(es)`).
 *
 * Sources (see also apim-network-facts.md, F-TAGS and F-TAGS-REGIONAL):
 * - TAGS25: MicrosoftDocs article virtual-network/service-tags-overview.md, ms.date 07/15/2025
 *   (read from a mirror, specialized806/azure-docs@889569b0e9d81894bb58f268e8e0ab9df9a887bb).
 * - TAGS23: the same article, ms.date 1/26/2023, MicrosoftDocs/azure-docs@17341f4516c69aa9aa882cac74a208108e3967fd.
 *   Tags listed there but no longer in TAGS25 are kept (they still resolve in NSGs as far as we know)
 *   and marked `source: 'TAGS23'`.
 * - TAGS: the 2021 version cited by the facts file (classic spellings, regional list).
 *
 * `direction` and `regional` are the article's columns (the direction is only a recommendation).
 * `publicAzure` and `inAzureCloud` are our own classification ([general], not from the article):
 * `publicAzure` = the tag's addresses are public Internet addresses, so the `Internet` tag contains
 * them; `inAzureCloud` = whether `AzureCloud` contains them ('unsure' for Microsoft first-party
 * services hosted outside the Azure datacenter ranges, e.g. Entra ID, Front Door, Microsoft 365).
 * Descriptions are our own words.
 */

import { memoByString } from '../nsg/memo';

export type TagDirection = 'Inbound' | 'Outbound' | 'Both';

export interface ServiceTagInfo {
  /** Canonical spelling, e.g. `ApiManagement`, `AzureFrontDoor.Backend`. */
  readonly name: string;
  /** The article allows the regional form `Tag.Region` (e.g. `Storage.WestEurope`). */
  readonly regional: boolean;
  /** Recommended direction(s). */
  readonly direction: TagDirection;
  /** The addresses are public Internet addresses (contained in the `Internet` tag). */
  readonly publicAzure: boolean;
  /** Whether `AzureCloud` contains the tag's addresses. */
  readonly inAzureCloud: 'yes' | 'no' | 'unsure';
  /** One sentence for hovers (our own words). */
  readonly description: string;
  /** Where the entry comes from: `TAGS25`, `TAGS23`, plus fact ids. */
  readonly source: string;
  /** Extra remark (doubts, deprecation). */
  readonly note?: string;
  readonly deprecated?: boolean;
}

interface Opts {
  readonly regional?: boolean;
  readonly publicAzure?: boolean;
  readonly cloud?: 'yes' | 'no' | 'unsure';
  readonly source?: string;
  readonly note?: string;
  readonly deprecated?: boolean;
}

function T(name: string, direction: TagDirection, description: string, o: Opts = {}): ServiceTagInfo {
  const publicAzure = o.publicAzure ?? true;
  return {
    name,
    regional: o.regional ?? false,
    direction,
    publicAzure,
    inAzureCloud: o.cloud ?? (publicAzure ? 'unsure' : 'no'),
    description,
    source: o.source ?? 'TAGS25',
    ...(o.note !== undefined ? { note: o.note } : {}),
    ...(o.deprecated ? { deprecated: true } : {}),
  };
}

const Y = 'yes' as const;

export const SERVICE_TAGS: readonly ServiceTagInfo[] = [
  T('ActionGroup', 'Inbound', 'Addresses Azure Monitor action groups use to call your webhooks.'),
  T('ApiManagement', 'Inbound', 'The API Management control plane (management endpoint traffic on port 3443 to injected instances).', { regional: true, cloud: Y, source: 'TAGS25; F-TAGS, F-PORT-TABLE P2' }),
  T('ApplicationInsightsAvailability', 'Inbound', 'Addresses Application Insights availability tests send requests from.'),
  T('AppConfiguration', 'Outbound', 'Azure App Configuration stores.'),
  T('AppService', 'Outbound', 'Azure App Service (web apps and function apps), for outbound rules to those apps.', { regional: true, cloud: Y, source: 'TAGS25; F-TAGS' }),
  T('AppServiceManagement', 'Both', 'Management traffic of App Service Environment deployments.', { cloud: Y }),
  T('AutonomousDevelopmentPlatform', 'Both', 'Autonomous Development Platform.', { regional: true, source: 'TAGS23' }),
  T('AzureActiveDirectory', 'Outbound', 'Microsoft Entra ID (sign-in, Microsoft Graph and related services).', { source: 'TAGS25; F-TAGS, F-PORT-TABLE P5', note: 'Entra ID addresses may lie outside the AzureCloud ranges; we do not assume AzureCloud contains them.' }),
  T('AzureActiveDirectoryDomainServices', 'Both', 'Management traffic of Microsoft Entra Domain Services deployments.'),
  T('AzureAdvancedThreatProtection', 'Outbound', 'Microsoft Defender for Identity.'),
  T('AzureArcInfrastructure', 'Outbound', 'Azure Arc-enabled servers and Kubernetes, and Guest Configuration.'),
  T('AzureAttestation', 'Outbound', 'Azure Attestation.'),
  T('AzureBackup', 'Outbound', 'Azure Backup (also needs Storage and AzureActiveDirectory).'),
  T('AzureBotService', 'Both', 'Azure Bot Service.'),
  T('AzureCloud', 'Both', 'All public IPv4 addresses of Azure datacenters, including other customers\' resources.', { regional: true, cloud: Y, source: 'TAGS25; F-TAGS', note: 'Some AzureCloud regional names do not follow the normal schema (AzureCloud.centralfrance, ...).' }),
  T('AzureCognitiveSearch', 'Inbound', 'Azure AI Search indexer execution environments (not the search service\'s own address).'),
  T('AzureConnectors', 'Both', 'Managed connectors of Logic Apps / API Management (callbacks and outbound calls).', { regional: true, cloud: Y, source: 'TAGS25; F-TAGS, F-PORT-TABLE P6' }),
  T('AzureContainerAppsService', 'Both', 'Azure Container Apps service.', { regional: true, source: 'TAGS23' }),
  T('AzureContainerRegistry', 'Outbound', 'Azure Container Registry.', { regional: true, cloud: Y }),
  T('AzureCosmosDB', 'Outbound', 'Azure Cosmos DB.', { regional: true, cloud: Y }),
  T('AzureDatabricks', 'Both', 'Azure Databricks.'),
  T('AzureDataExplorerManagement', 'Inbound', 'Management traffic of Azure Data Explorer.'),
  T('AzureDataLake', 'Outbound', 'Azure Data Lake Storage Gen1.', { source: 'TAGS23' }),
  T('AzureDeviceUpdate', 'Both', 'Device Update for IoT Hub.'),
  T('AzureDevOps', 'Inbound', 'Azure DevOps services.', { regional: true }),
  T('AzureDevSpaces', 'Outbound', 'Azure Dev Spaces (retired service).', { source: 'TAGS23', deprecated: true }),
  T('AzureDigitalTwins', 'Inbound', 'Azure Digital Twins event-route endpoints.'),
  T('AzureEventGrid', 'Both', 'Azure Event Grid.', { cloud: Y }),
  T('AzureFrontDoor.Frontend', 'Both', 'Addresses clients use to reach Azure Front Door.', { source: 'TAGS25; F-TAGS', note: 'The article marks the Front Door tags as regional; we do not accept a further regional suffix.' }),
  T('AzureFrontDoor.Backend', 'Both', 'Addresses Azure Front Door uses to reach your origins.', { source: 'TAGS25; F-TAGS', note: 'The article marks the Front Door tags as regional; we do not accept a further regional suffix.' }),
  T('AzureFrontDoor.FirstParty', 'Both', 'Front Door addresses reserved for some Microsoft services (public cloud only).', { source: 'TAGS25; F-TAGS' }),
  T('AzureFrontDoor.MicrosoftSecurity', 'Both', 'Front Door addresses reserved for some Microsoft security services.'),
  T('AzureHealthcareAPIs', 'Both', 'Azure Health Data Services.'),
  T('AzureInformationProtection', 'Outbound', 'Azure Information Protection.'),
  T('AzureIoTHub', 'Outbound', 'Azure IoT Hub.', { regional: true, cloud: Y }),
  T('AzureKeyVault', 'Outbound', 'Azure Key Vault (also needs AzureActiveDirectory).', { regional: true, cloud: Y, source: 'TAGS25; F-TAGS, F-PORT-TABLE P8' }),
  T('AzureLoadBalancer', 'Both', 'The Azure infrastructure load balancer, i.e. the host address 168.63.129.16 that health probes come from.', { publicAzure: false, source: 'TAGS25; F-TAGS, F-NSG-DEFAULTS, F-PORT-TABLE P14' }),
  T('AzureLoadTestingInstanceManagement', 'Inbound', 'Azure Load Testing access to load-generation instances in your network.', { source: 'TAGS23' }),
  T('AzureMachineLearning', 'Both', 'Azure Machine Learning.', { source: 'TAGS23' }),
  T('AzureMachineLearningInference', 'Inbound', 'Ingress for Azure Machine Learning managed inference in private networks.'),
  T('AzureManagedGrafana', 'Outbound', 'Azure Managed Grafana instance endpoints.'),
  T('AzureMonitor', 'Outbound', 'Azure Monitor: Log Analytics, Application Insights, metrics and diagnostics ingestion.', {
    regional: true, cloud: Y, source: 'TAGS25; F-TAGS, F-PORT-TABLE P10',
    note: 'TAGS25 and TAGS (2021) say "not regional", but some translated versions and the downloadable tag list have AzureMonitor.<Region>; we accept the regional form to avoid false alarms.',
  }),
  T('AzureOpenDatasets', 'Outbound', 'Azure Open Datasets.'),
  T('AzurePlatformDNS', 'Outbound', 'The default Azure-provided DNS service (platform address, not Internet).', { publicAzure: false }),
  T('AzurePlatformIMDS', 'Outbound', 'The Azure Instance Metadata Service (platform address, not Internet).', { publicAzure: false }),
  T('AzurePlatformLKM', 'Outbound', 'Windows licensing / key management service (platform address, not Internet).', { publicAzure: false }),
  T('AzureResourceManager', 'Outbound', 'Azure Resource Manager.', { cloud: Y, source: 'TAGS25; F-TAGS' }),
  T('AzureSentinel', 'Inbound', 'Microsoft Sentinel playbooks.'),
  T('AzureSignalR', 'Outbound', 'Azure SignalR Service.', { cloud: Y }),
  T('AzureSiteRecovery', 'Outbound', 'Azure Site Recovery.'),
  T('AzureSphere', 'Both', 'Azure Sphere security services.'),
  T('AzureSpringCloud', 'Outbound', 'Applications hosted in Azure Spring Apps.'),
  T('AzureStack', 'Outbound', 'Azure Stack Bridge services.'),
  T('AzureTrafficManager', 'Inbound', 'Azure Traffic Manager health-probe addresses.', { cloud: Y, source: 'TAGS25; F-TAGS, F-PORT-TABLE P15' }),
  T('AzureUpdateDelivery', 'Outbound', 'Windows Update metadata services (deprecated tag).', { deprecated: true, note: 'TAGS25 says the tag is deprecated; use other means for Windows Update.' }),
  T('AzureWebPubSub', 'Both', 'Azure Web PubSub.', { regional: true, cloud: Y }),
  T('BatchNodeManagement', 'Both', 'Management traffic of Azure Batch deployments.', { regional: true, cloud: Y }),
  T('ChaosStudio', 'Both', 'Azure Chaos Studio.'),
  T('CognitiveServicesFrontend', 'Both', 'Frontend portals of Azure AI services.'),
  T('CognitiveServicesManagement', 'Both', 'Azure AI services traffic.'),
  T('DataFactory', 'Both', 'Azure Data Factory.', { regional: true, cloud: Y }),
  T('DataFactoryManagement', 'Outbound', 'Management traffic of Azure Data Factory.'),
  T('Dynamics365BusinessCentral', 'Both', 'Dynamics 365 Business Central services.'),
  T('Dynamics365ForMarketingEmail', 'Both', 'The marketing email service of Dynamics 365.', { regional: true }),
  T('EOPExternalPublishedIPs', 'Both', 'Security & Compliance Center PowerShell addresses.'),
  T('EventHub', 'Outbound', 'Azure Event Hubs.', { regional: true, cloud: Y, source: 'TAGS25; F-TAGS, F-TAGS-REGIONAL, F-PORT-TABLE P9' }),
  T('GatewayManager', 'Inbound', 'Management traffic of VPN Gateway and Application Gateway deployments.', { cloud: Y, source: 'TAGS25; F-TAGS' }),
  T('GuestAndHybridManagement', 'Outbound', 'Azure Automation and Guest Configuration.'),
  T('HDInsight', 'Inbound', 'Azure HDInsight.', { regional: true, cloud: Y }),
  T('Internet', 'Both', 'All public Internet addresses outside the virtual network, including Azure\'s public addresses.', { publicAzure: false, cloud: 'no', source: 'TAGS25; F-TAGS, F-NSG-DEFAULTS' }),
  T('KustoAnalytics', 'Both', 'Kusto Analytics.'),
  T('LogicApps', 'Both', 'Azure Logic Apps.', { cloud: Y }),
  T('LogicAppsManagement', 'Inbound', 'Management traffic of Azure Logic Apps.', { cloud: Y }),
  T('M365ManagementActivityApi', 'Outbound', 'The Office 365 Management Activity API.', { regional: true }),
  T('M365ManagementActivityApiWebhook', 'Inbound', 'Webhook notifications of the Office 365 Management Activity API.', { regional: true }),
  T('Marketplace', 'Both', 'Azure commercial marketplace experiences.', { source: 'TAGS23' }),
  T('MicrosoftAzureFluidRelay', 'Both', 'Azure Fluid Relay servers.'),
  T('MicrosoftCloudAppSecurity', 'Both', 'Microsoft Defender for Cloud Apps.'),
  T('MicrosoftContainerRegistry', 'Outbound', 'The registry of Microsoft container images (mcr.microsoft.com).', { regional: true, source: 'TAGS23' }),
  T('MicrosoftDefenderForEndpoint', 'Both', 'Microsoft Defender for Endpoint core services.'),
  T('MicrosoftPurviewPolicyDistribution', 'Outbound', 'Microsoft Purview policy distribution to data sources.', { source: 'TAGS23' }),
  T('PowerBI', 'Both', 'Power BI back-end services and APIs.', { regional: true }),
  T('PowerPlatformInfra', 'Both', 'Infrastructure that hosts Power Platform services.', { regional: true }),
  T('PowerPlatformPlex', 'Both', 'Power Platform extension execution on behalf of the customer.', { regional: true }),
  T('PowerQueryOnline', 'Both', 'Power Query Online.'),
  T('Scuba', 'Inbound', 'Data connectors of Microsoft security products (Sentinel, Defender).'),
  T('SerialConsole', 'Inbound', 'The Serial Console service, for boot-diagnostics storage firewalls.'),
  T('ServiceBus', 'Outbound', 'Azure Service Bus.', { regional: true, cloud: Y }),
  T('ServiceFabric', 'Both', 'The Azure Service Fabric control plane.'),
  T('Sql', 'Outbound', 'Azure SQL Database, Azure Synapse Analytics and related database services (not SQL Managed Instance).', { regional: true, cloud: Y, source: 'TAGS25; F-TAGS, F-TAGS-REGIONAL, F-PORT-TABLE P7' }),
  T('SqlManagement', 'Both', 'Management traffic of SQL-dedicated deployments.', { cloud: Y }),
  T('Storage', 'Outbound', 'Azure Storage (the service, not a particular account).', { regional: true, cloud: Y, source: 'TAGS25; F-TAGS, F-TAGS-REGIONAL, F-PORT-TABLE P4' }),
  T('StorageMover', 'Outbound', 'Azure Storage Mover.', { regional: true }),
  T('StorageSyncService', 'Both', 'Azure File Sync (Storage Sync Service).'),
  T('SystemServiceAzureSpringAppsResourceProvider', 'Inbound', 'Outbound traffic of the Azure Spring Apps resource provider.', { regional: true }),
  T('VideoIndexer', 'Both', 'Azure AI Video Indexer callbacks.'),
  T('VirtualNetwork', 'Both', 'The virtual network\'s address space, peered and connected networks, on-premises ranges and the host address.', { publicAzure: false, source: 'TAGS25; F-TAGS, F-NSG-DEFAULTS' }),
  T('WindowsAdminCenter', 'Outbound', 'The Windows Admin Center back-end service.'),
  T('WindowsVirtualDesktop', 'Both', 'Azure Virtual Desktop.'),
];

/** Classic (pre-ARM) spellings: not valid in ARM templates (TAGS 2021; F-TAGS). */
export const CLASSIC_TAGS: readonly { readonly name: string; readonly replacement: string }[] = [
  { name: 'AZURE_LOADBALANCER', replacement: 'AzureLoadBalancer' },
  { name: 'INTERNET', replacement: 'Internet' },
  { name: 'VIRTUAL_NETWORK', replacement: 'VirtualNetwork' },
];

const BY_LOWER: ReadonlyMap<string, ServiceTagInfo> = new Map(SERVICE_TAGS.map((t) => [t.name.toLowerCase(), t]));

/** The tag with this name, ignoring case (no regional suffix handling; see `parseTagText`). */
export function findServiceTag(name: string): ServiceTagInfo | undefined {
  return BY_LOWER.get(name.toLowerCase());
}

/**
 * Irregular regional names of AzureCloud (TAGS25 "don't have regional names formatted according to
 * the normal schema"), lower-cased suffix → normalised location.
 */
export const AZURECLOUD_REGION_ALIASES: ReadonlyMap<string, string> = new Map([
  ['centralfrance', 'francecentral'],
  ['southfrance', 'francesouth'],
  ['germanywc', 'germanywestcentral'],
  ['germanyn', 'germanynorth'],
  ['norwaye', 'norwayeast'],
  ['norwayw', 'norwaywest'],
  ['switzerlandn', 'switzerlandnorth'],
  ['switzerlandw', 'switzerlandwest'],
  ['usstagee', 'eastusstg'],
  ['usstagec', 'southcentralusstg'],
  ['brazilse', 'brazilsoutheast'],
]);

/** A tag reference split into the tag and an optional regional suffix. */
export interface TagRef {
  /** The known tag (case-insensitive match of the part before the region), if any. */
  readonly tag?: ServiceTagInfo;
  /** The tag part as written. */
  readonly tagText: string;
  /** The regional suffix as written (`WestEurope`), when present. */
  readonly regionText?: string;
}

/**
 * Splits `Storage.WestEurope` into tag + region, taking care of tags that contain a dot
 * themselves (`AzureFrontDoor.Backend`). Does not validate the region. Memoised: do not modify the result.
 */
export const parseTagText: (text: string) => TagRef = memoByString(parseTagTextOnce);

function parseTagTextOnce(text: string): TagRef {
  const whole = findServiceTag(text);
  if (whole) return { tag: whole, tagText: text };
  const dot = text.lastIndexOf('.');
  if (dot > 0 && dot < text.length - 1) {
    const tagText = text.slice(0, dot);
    const regionText = text.slice(dot + 1);
    const tag = findServiceTag(tagText);
    return tag ? { tag, tagText, regionText } : { tagText, regionText };
  }
  return { tagText: text };
}
