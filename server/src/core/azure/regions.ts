/**
 * Azure region names.
 *
 * `name` is the normalised ARM `location` value (lower case, no spaces), `display` the portal name.
 * Source: [general] Azure knowledge of the public, US Government and China clouds; the list is
 * not taken from one article. Unlisted regions make `findRegion` return undefined, so callers
 * should treat "unknown region" as a hint, not as an error of the template.
 */

export type Cloud = 'public' | 'usgov' | 'china';

export interface RegionInfo {
  /** Normalised ARM location: `westeurope`. */
  readonly name: string;
  /** Display name: `West Europe`. */
  readonly display: string;
  readonly cloud: Cloud;
}

const R = (name: string, display: string, cloud: Cloud = 'public'): RegionInfo => ({ name, display, cloud });

export const REGIONS: readonly RegionInfo[] = [
  // Americas
  R('eastus', 'East US'),
  R('eastus2', 'East US 2'),
  R('centralus', 'Central US'),
  R('northcentralus', 'North Central US'),
  R('southcentralus', 'South Central US'),
  R('westcentralus', 'West Central US'),
  R('westus', 'West US'),
  R('westus2', 'West US 2'),
  R('westus3', 'West US 3'),
  R('eastus2euap', 'East US 2 EUAP'),
  R('centraluseuap', 'Central US EUAP'),
  R('canadacentral', 'Canada Central'),
  R('canadaeast', 'Canada East'),
  R('brazilsouth', 'Brazil South'),
  R('brazilsoutheast', 'Brazil Southeast'),
  R('brazilus', 'Brazil US'),
  R('mexicocentral', 'Mexico Central'),
  R('chilecentral', 'Chile Central'),
  // Europe
  R('northeurope', 'North Europe'),
  R('westeurope', 'West Europe'),
  R('uksouth', 'UK South'),
  R('ukwest', 'UK West'),
  R('francecentral', 'France Central'),
  R('francesouth', 'France South'),
  R('germanywestcentral', 'Germany West Central'),
  R('germanynorth', 'Germany North'),
  R('switzerlandnorth', 'Switzerland North'),
  R('switzerlandwest', 'Switzerland West'),
  R('norwayeast', 'Norway East'),
  R('norwaywest', 'Norway West'),
  R('swedencentral', 'Sweden Central'),
  R('swedensouth', 'Sweden South'),
  R('polandcentral', 'Poland Central'),
  R('italynorth', 'Italy North'),
  R('spaincentral', 'Spain Central'),
  R('austriaeast', 'Austria East'),
  R('belgiumcentral', 'Belgium Central'),
  R('denmarkeast', 'Denmark East'),
  // Middle East and Africa
  R('uaenorth', 'UAE North'),
  R('uaecentral', 'UAE Central'),
  R('qatarcentral', 'Qatar Central'),
  R('israelcentral', 'Israel Central'),
  R('southafricanorth', 'South Africa North'),
  R('southafricawest', 'South Africa West'),
  // Asia Pacific
  R('eastasia', 'East Asia'),
  R('southeastasia', 'Southeast Asia'),
  R('japaneast', 'Japan East'),
  R('japanwest', 'Japan West'),
  R('koreacentral', 'Korea Central'),
  R('koreasouth', 'Korea South'),
  R('centralindia', 'Central India'),
  R('southindia', 'South India'),
  R('westindia', 'West India'),
  R('jioindiawest', 'Jio India West'),
  R('jioindiacentral', 'Jio India Central'),
  R('australiaeast', 'Australia East'),
  R('australiasoutheast', 'Australia Southeast'),
  R('australiacentral', 'Australia Central'),
  R('australiacentral2', 'Australia Central 2'),
  R('newzealandnorth', 'New Zealand North'),
  R('indonesiacentral', 'Indonesia Central'),
  R('malaysiawest', 'Malaysia West'),
  R('malaysiasouth', 'Malaysia South'),
  R('taiwannorth', 'Taiwan North'),
  R('taiwannorthwest', 'Taiwan Northwest'),
  // US Government
  R('usgovvirginia', 'US Gov Virginia', 'usgov'),
  R('usgovarizona', 'US Gov Arizona', 'usgov'),
  R('usgovtexas', 'US Gov Texas', 'usgov'),
  R('usgoviowa', 'US Gov Iowa', 'usgov'),
  R('usdodeast', 'US DoD East', 'usgov'),
  R('usdodcentral', 'US DoD Central', 'usgov'),
  // China (21Vianet)
  R('chinaeast', 'China East', 'china'),
  R('chinaeast2', 'China East 2', 'china'),
  R('chinaeast3', 'China East 3', 'china'),
  R('chinanorth', 'China North', 'china'),
  R('chinanorth2', 'China North 2', 'china'),
  R('chinanorth3', 'China North 3', 'china'),
];

const BY_NAME: ReadonlyMap<string, RegionInfo> = new Map(REGIONS.map((r) => [r.name, r]));

/**
 * Normalises an ARM `location` or a display name: lower case, spaces (and `-`/`_`) removed.
 * `"West Europe"` → `"westeurope"`. Does not check that the region exists (see `findRegion`).
 */
export function normalizeLocation(s: string): string {
  return s.trim().toLowerCase().replace(/[\s_-]+/g, '');
}

/** The region for a location or display name (any casing/spacing); undefined if not in the table. */
export function findRegion(s: string): RegionInfo | undefined {
  return BY_NAME.get(normalizeLocation(s));
}

/** The region name as it appears in a regional service tag: `westeurope` → `WestEurope`. */
export function regionTagSuffix(region: RegionInfo): string {
  return region.display.replace(/\s+/g, '');
}
